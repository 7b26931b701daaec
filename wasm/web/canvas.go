//go:build js && wasm

// Package web runs the views in the browser: an Ebiten game that feeds
// the app the user's input (every pointer sample, collected by the page's
// script, and the keyboard), draws the app's Canvas calls with Ebiten,
// renders text with the browser's own fonts, and talks to the page
// (status element, window.lenetDemo, postMessage) through one bridge
// object.
package web

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/seecnn/lenet/wasm/internal/framecache"
	"github.com/seecnn/lenet/wasm/ui"
)

// ebCanvas implements ui.Canvas on an Ebiten screen.
type ebCanvas struct {
	dst   *ebiten.Image
	white *ebiten.Image // 1×1 white, scaled for rectangles
	text  *textRenderer
	// bmps holds the GPU image of every bitmap drawn lately, uploaded
	// again when the bitmap's Version changes. A bitmap not drawn for
	// bitmapIdle frames (a view made a new one at a new size, a hidden
	// tab) is let go and its image deallocated.
	bmps *framecache.Cache
}

// The bitmap cache's bounds: frames a bitmap may go undrawn, and how many
// are kept at most (a view draws a few dozen).
const (
	bitmapIdle = 60
	maxBitmaps = 256
)

type bmpEntry struct {
	img     *ebiten.Image
	version uint64
}

func newCanvas(text *textRenderer) *ebCanvas {
	w := ebiten.NewImage(3, 3)
	w.Fill(color.White)
	return &ebCanvas{white: w.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), text: text,
		bmps: framecache.New(bitmapIdle, maxBitmaps, 0, func(e any) { e.(*bmpEntry).img.Deallocate() })}
}

// endFrame ends a drawn frame for the caches of bitmaps and of text.
func (e *ebCanvas) endFrame() {
	e.bmps.EndFrame()
	e.text.endFrame()
}

func scaleColor(op *ebiten.DrawImageOptions, c color.RGBA) {
	op.ColorScale.ScaleWithColor(c)
}

func (e *ebCanvas) FillRect(r ui.Rect, c color.RGBA) {
	if r.W <= 0 || r.H <= 0 || c.A == 0 {
		return
	}
	var op ebiten.DrawImageOptions
	op.GeoM.Scale(r.W, r.H)
	op.GeoM.Translate(r.X, r.Y)
	scaleColor(&op, c)
	e.dst.DrawImage(e.white, &op)
}

func (e *ebCanvas) StrokeRect(r ui.Rect, w float64, c color.RGBA) {
	if w <= 0 || r.W <= 0 || r.H <= 0 {
		return
	}
	w = math.Min(w, math.Min(r.W, r.H)/2)
	e.FillRect(ui.R(r.X, r.Y, r.W, w), c)
	e.FillRect(ui.R(r.X, r.Bottom()-w, r.W, w), c)
	e.FillRect(ui.R(r.X, r.Y+w, w, r.H-2*w), c)
	e.FillRect(ui.R(r.Right()-w, r.Y+w, w, r.H-2*w), c)
}

func (e *ebCanvas) Line(x0, y0, x1, y1, w float64, c color.RGBA) {
	vector.StrokeLine(e.dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(w), c, true)
}

func (e *ebCanvas) FillCircle(cx, cy, r float64, c color.RGBA) {
	vector.DrawFilledCircle(e.dst, float32(cx), float32(cy), float32(r), c, true)
}

func (e *ebCanvas) Text(s string, x, y float64, st ui.TextStyle) {
	e.text.draw(e.dst, s, x, y, st)
}

func (e *ebCanvas) MeasureText(s string, st ui.TextStyle) float64 { return e.text.MeasureText(s, st) }

func (e *ebCanvas) Image(b *ui.Bitmap, src image.Rectangle, dst ui.Rect, smooth bool) {
	v, _ := e.bmps.Get(b)
	ent, ok := v.(*bmpEntry)
	if !ok {
		ent = &bmpEntry{img: ebiten.NewImage(b.W, b.H)}
		e.bmps.Put(b, ent)
	}
	if ent.version != b.Version {
		ent.img.WritePixels(b.Pix)
		ent.version = b.Version
	}
	src = src.Intersect(image.Rect(0, 0, b.W, b.H))
	if src.Empty() || dst.W <= 0 || dst.H <= 0 {
		return
	}
	var op ebiten.DrawImageOptions
	op.GeoM.Scale(dst.W/float64(src.Dx()), dst.H/float64(src.Dy()))
	op.GeoM.Translate(dst.X, dst.Y)
	if smooth {
		op.Filter = ebiten.FilterLinear
	}
	e.dst.DrawImage(ent.img.SubImage(src).(*ebiten.Image), &op)
}
