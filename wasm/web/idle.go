//go:build js && wasm

package web

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// Frames on demand: an embed that nobody touches must cost next to
// nothing (a course page may hold three, on a laptop running on its
// battery or a software renderer). Ebiten then runs Update and Draw only
// when its own input arrives (keys, the mouse on its canvas, a resize) or
// when ScheduleFrame is called; everything else that can change what is
// shown wakes it through lenetBridge.wake(): a pointer sample the page
// collected (touches and pens too, which the page keeps from Ebiten), a
// command from lenetDemo or from the host page's messages, and anything a
// page's own script does to the program. A frame that leaves work for the
// next one (a panic recovered, the first frames) schedules it itself.
//
// SetFPSMode and ScheduleFrame are deprecated in Ebiten 2.5 in favour of
// SetScreenClearedEveryFrame(false), which this program uses too; but with
// that alone the loop still runs and presents 60 frames a second, which
// measured 56 % of a core for one idle embed under software GL. The
// on-demand mode is still there and does what is needed.
//
// Every frame runs Update once (SyncWithFPS). With Ebiten's default of 60
// updates a second, a frame that comes less than half a tick after the
// last one only draws; on demand, such a frame used up the wake of a
// command (or of the last pointer samples) without running Update, and
// the program then slept with the command unanswered until something
// else woke it: lenetDemo.state() after a few quick key presses could
// wait for ever. Nothing in the views counts time in ticks.
func runOnDemand(br *bridge) {
	//lint:ignore SA1019 see above: the replacement keeps presenting every frame
	ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	br.v.Set("wake", js.FuncOf(func(js.Value, []js.Value) any {
		//lint:ignore SA1019 see runOnDemand
		ebiten.ScheduleFrame()
		return nil
	}))
	unpark = br.v.Get("unpark")
	// Ebiten has taken the page's requestAnimationFrame (in its packages'
	// init): everything else gets the browser's own back.
	if f := br.v.Get("onlyEbiten"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
}

// unpark is the page's bridge.unpark: once nothing has happened for a
// moment, app.js holds Ebiten's request for the next animation frame (so
// that an idle frame costs nothing at all) until something wakes it.
var unpark js.Value

// wake asks for one more frame.
func wake() {
	//lint:ignore SA1019 see runOnDemand
	ebiten.ScheduleFrame()
	if unpark.Type() == js.TypeFunction {
		unpark.Invoke()
	}
}

// noteReadability records, for lenetDemo.timings(), the smallest text of
// the frame just drawn in CSS pixels (minTextCssPx) and how many strings
// reached past the screen's edge (cutTexts, the first of them cutText).
func (g *Game) noteReadability() {
	t := g.canvas.text
	if s := ebiten.Monitor().DeviceScaleFactor(); s > 0 {
		g.br.note("minTextCssPx", t.minSize/s)
	}
	g.br.note("cutTexts", float64(t.cut))
	g.br.noteString("cutText", t.cutText)
}
