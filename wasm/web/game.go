//go:build js && wasm

package web

import (
	"errors"
	"fmt"
	"net/url"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/ui"
)

// Game is the Ebiten game around the app.
type Game struct {
	app    *app.App
	canvas *ebCanvas
	br     *bridge

	in    ui.Input
	tr    ui.Tracker
	evs   []ui.PointerEvent
	keys  []ebiten.Key
	names []string
	chars []rune
	cmds  []command

	viewReqs []viewRequest // pictures of the screen to draw (export.go)

	dirty     bool // something changed since the last Draw
	screenW   float64
	screenH   float64
	readySent bool

	// frame timings (Go side of Update), milliseconds
	frames, drawFrames   float64
	lastMs, maxDrawMs    float64
	sumDrawMs, lastInfer float64
	inferences           int
	sumInferDrawMs       float64
	maxInferDrawMs       float64
	recent               [64]float64 // the last drawing frames' times
	sorted               [64]float64
}

// Run starts the program on the page; it returns when the program cannot
// run (the page shows the error).
func Run() error {
	br, ok := newBridge()
	if !ok {
		return errors.New("the page did not load app.js (no lenetBridge)")
	}
	br.mark("goMain")
	w, err := lenet.Pretrained()
	if err != nil {
		br.v.Call("fail", "weights: "+err.Error())
		return err
	}
	loc := js.Global().Get("location")
	params, _ := url.ParseQuery(trimQ(loc.Get("search").String()))
	nav := js.Global().Get("navigator").Get("language")
	browserLang := ""
	if nav.Type() == js.TypeString {
		browserLang = nav.String()
	}
	text := newTextRenderer()
	g := &Game{app: app.New(params, browserLang, w.Net, text), br: br}
	// A coarse pointer (a finger) is a touch screen: no keyboard hints
	// (the first pointer event decides anew).
	if mm := js.Global().Get("matchMedia"); mm.Type() == js.TypeFunction {
		g.app.SetTouch(js.Global().Call("matchMedia", "(pointer: coarse)").Get("matches").Bool())
	}
	g.canvas = newCanvas(text)
	// The language, and a sample given in the URL, predicted before the
	// graphics start.
	g.publish(g.app.TakePage())
	ebiten.SetWindowTitle("LeNet-5")
	ebiten.SetScreenClearedEveryFrame(false)
	runOnDemand(br)
	// In an iframe the demo must not take the focus from the host page.
	br.mark("runGame")
	op := &ebiten.RunGameOptions{InitUnfocused: !js.Global().Get("parent").Equal(js.Global().Get("window"))}
	if err := ebiten.RunGameWithOptions(g, op); err != nil {
		br.v.Call("fail", err.Error())
		return err
	}
	return nil
}

// panicText is what a recovered panic says.
func panicText(r any) string { return fmt.Sprint(r) }

func trimQ(s string) string {
	if len(s) > 0 && s[0] == '?' {
		return s[1:]
	}
	return s
}

// survive keeps the demo running after a bug in one frame (a class is
// watching): the panic is recorded for lenetDemo.timings().lastPanic,
// which the browser tests check, and the next frame starts afresh.
func (g *Game) survive(where string) {
	if r := recover(); r != nil {
		g.br.noteString("lastPanic", where+": "+panicText(r))
		g.dirty = true
		wake()
	}
}

// Update runs one frame of the app.
func (g *Game) Update() error {
	defer g.survive("update")
	t0 := time.Now()
	if g.frames == 0 {
		g.br.mark("firstUpdate")
	}
	g.evs = g.br.pointers(g.evs[:0])
	g.in.Events = g.evs
	g.keys = inpututil.AppendJustPressedKeys(g.keys[:0])
	g.names = g.names[:0]
	for _, k := range g.keys {
		g.names = append(g.names, keyName(k))
	}
	g.in.Keys = g.names
	g.chars = ebiten.AppendInputChars(g.chars[:0])
	g.in.Chars = g.chars
	g.in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	g.in.Ctrl = ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	g.tr.Frame(&g.in)

	// The page's answers (a training worker's reports): train-bridge.js
	// wakes the program for them at most every 0.5 s, and they show.
	news := g.br.linkDrain(g.app.Ctx.Shared.Link) > 0
	changed := g.updateApp() || news
	nCmds := g.runCommands()
	if len(g.evs) > 0 || len(g.names) > 0 || len(g.chars) > 0 || nCmds > 0 || changed {
		g.dirty = true
		// What this frame did may have consequences the next one shows (a
		// command loads a sample; the view reads it in its next Update):
		// frames go on until one changes nothing.
		wake()
	}

	ms := float64(time.Since(t0).Microseconds()) / 1000
	g.frames++
	g.lastMs = ms
	if len(g.evs) > 0 {
		g.drawFrames++
		g.sumDrawMs += ms
		g.maxDrawMs = max(g.maxDrawMs, ms)
		g.recent[int(g.drawFrames)%len(g.recent)] = ms
	}
	if v, ok := g.app.View().(ui.InferenceTimer); ok {
		n, last := v.InferenceTiming()
		ms := float64(last.Microseconds()) / 1000
		if n != g.inferences && len(g.evs) > 0 {
			g.sumInferDrawMs += ms
			g.maxInferDrawMs = max(g.maxInferDrawMs, ms)
		}
		g.inferences, g.lastInfer = n, ms
	}
	g.br.stats([numStats]float64{g.frames, g.lastMs, g.drawFrames, g.sumDrawMs, g.maxDrawMs, g.lastInfer, g.sumInferDrawMs, g.maxInferDrawMs,
		g.medianRecent(), float64(min(int(g.drawFrames), len(g.recent))), float64(g.canvas.bmps.Len()), float64(g.canvas.text.images.Len())})
	return nil
}

// publish tells the page what the app says changed, through the bridge;
// it reports whether anything did.
func (g *Game) publish(p app.Page) bool {
	if p.HasLang {
		g.br.lang(p.Lang.Code())
	}
	if p.HasPrediction {
		label := -1
		if p.Prediction.OK {
			label = p.Prediction.Label
		}
		g.br.prediction(label, &p.Prediction.Probs)
	}
	if p.HasStatus {
		g.br.status(p.Status)
	}
	if p.HasPad {
		g.br.padRect(p.Pad)
	}
	if p.HasHeight {
		g.br.resize(p.Height)
	}
	g.br.linkSend(p.Requests)
	if p.HasView {
		g.br.view(p.View)
	}
	for _, f := range p.Files {
		g.br.save(f)
	}
	if p.SaveView {
		g.viewReqs = append(g.viewReqs, viewRequest{download: true})
	}
	return p.HasLang || p.HasPrediction || p.HasStatus || p.HasPad || p.HasHeight || p.HasView || p.SaveView || p.Again
}

// updateApp runs the app's own update. A panic there is survived on its
// own, so that the page's commands of the same frame still get their
// answers (a promise of lenetDemo must never hang).
func (g *Game) updateApp() bool {
	defer g.survive("update")
	return g.publish(g.app.Update(&g.in))
}

// runCommands answers the page's commands of this frame, each on its own:
// a command that fails or panics is rejected with its error, and the
// others still run.
func (g *Game) runCommands() int {
	g.cmds = g.br.commands(g.cmds[:0])
	defer func() { g.cmds = g.cmds[:0] }()
	for i := range g.cmds {
		g.runCommand(&g.cmds[i])
	}
	return len(g.cmds)
}

func (g *Game) runCommand(c *command) {
	answered := false
	defer func() {
		if r := recover(); r != nil {
			msg := "command " + c.name + ": " + panicText(r)
			g.br.noteString("lastPanic", msg)
			g.dirty = true
			wake()
			if !answered {
				c.reject.Invoke(js.Global().Get("Error").New("internal error in " + msg))
			}
		}
	}()
	var res any
	var err error
	switch {
	case c.err != "":
		err = errors.New(c.err)
	case c.name == "state":
		res = g.app.State().String()
	case c.name == "set":
		err = g.app.Set(c.text, c.value)
	case c.name == "image":
		err = g.app.Image(c.width, c.height, c.data)
	case c.name == "view":
		err = g.app.Show(c.text)
		g.publish(g.app.TakePage())
	case c.name == "explain":
		var w, h int
		var data []float32
		if w, h, data, err = g.app.Explain(c.text, c.arg); err == nil {
			res = g.br.explainResult(w, h, data)
		}
	case c.name == "export" && c.text == "view":
		g.viewReqs = append(g.viewReqs, viewRequest{resolve: c.resolve, reject: c.reject})
		answered = true // after the next Draw (answerViews)
		return
	case c.name == "memory":
		res = memoryReport()
	case c.name == "export":
		var f ui.File
		if f, err = g.app.ExportPicture(c.text); err == nil {
			res = g.br.picture(f.Picture)
		}
	default:
		err = g.app.Command(c.name, c.arg)
	}
	answered = true
	if err != nil {
		c.reject.Invoke(js.Global().Get("Error").New(err.Error()))
		return
	}
	c.resolve.Invoke(res)
}

// Draw paints the app when something changed: the screen is not cleared
// between frames, so a frame that changed nothing costs the GPU nothing
// (a projector laptop stays cool) and a software renderer keeps up; and
// frames run only when something may have changed (see runOnDemand).
func (g *Game) Draw(screen *ebiten.Image) {
	defer g.survive("draw")
	if !g.dirty && g.readySent && len(g.viewReqs) == 0 {
		return
	}
	g.dirty = false
	if !g.readySent {
		g.br.mark("firstDrawStart")
	}
	g.canvas.dst = screen
	g.canvas.text.beginFrame()
	g.app.Draw(g.canvas)
	g.answerViews()
	g.canvas.endFrame()
	g.noteReadability()
	if !g.readySent {
		g.readySent = true
		g.br.note("firstDrawTextMs", float64(g.canvas.text.spent.Microseconds())/1000)
		g.br.note("firstDrawStrings", float64(g.canvas.text.rendered))
		g.br.mark("firstDraw")
		g.br.ready(map[string]any{"view": g.app.ViewName(), "lang": g.app.Ctx.Lang.Code()})
	}
}

// Layout is LayoutF in whole pixels (Ebiten calls LayoutF).
func (g *Game) Layout(w, h int) (int, int) {
	sw, sh := g.LayoutF(float64(w), float64(h))
	return int(sw), int(sh)
}

// LayoutF makes one screen pixel one device pixel, so lines and text are
// crisp on high-DPI screens.
func (g *Game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if !(s > 0) {
		s = 1
	}
	sw, sh := max(1, float64(int(w*s))), max(1, float64(int(h*s)))
	if sw != g.screenW || sh != g.screenH {
		g.screenW, g.screenH, g.dirty = sw, sh, true
	}
	g.app.Resize(sw, sh, s)
	return sw, sh
}

// letterKeys are the KeyboardEvent.code names of the letter keys, which
// Ebiten names "A" … "Z".
var letterKeys = func() map[ebiten.Key]string {
	m := map[ebiten.Key]string{}
	for k := ebiten.KeyA; k <= ebiten.KeyZ; k++ {
		m[k] = "Key" + k.String()
	}
	return m
}()

// keyName is the KeyboardEvent.code name of k ("KeyC", "Digit7", "Enter").
func keyName(k ebiten.Key) string {
	if n, ok := letterKeys[k]; ok {
		return n
	}
	return k.String()
}

// medianRecent is the median time of the last (up to 64) drawing frames:
// unlike the mean, one frame that the system delayed does not move it.
func (g *Game) medianRecent() float64 {
	n := min(int(g.drawFrames), len(g.recent))
	if n == 0 {
		return 0
	}
	s := g.sorted[:n]
	copy(s, g.recent[:n])
	for i := 1; i < n; i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[n/2]
}
