//go:build js && wasm

package web

import (
	"fmt"
	"math"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/seecnn/lenet/wasm/internal/framecache"
	"github.com/seecnn/lenet/wasm/ui"
)

// The browser draws text: its fonts have every Hangul syllable, and it
// renders them crisply at the device's resolution, at no cost to the
// download. Each string is drawn once in white on a 2D canvas, copied out
// with one getImageData, uploaded to an Ebiten image and cached; colours
// come from Ebiten's colour scale.
const fontFamily = `system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif`

type textKey struct {
	s    string
	size int // font size in 1/4 device pixels
	bold bool
}

type textEntry struct {
	img    *ebiten.Image
	w, h   int
	margin int
}

// The text cache's bounds: a string not drawn for textIdle frames is let
// go once textSweepAt are held (numbers in the info panel change all the
// time), and never more than maxTexts are kept.
const (
	textIdle    = 120
	textSweepAt = 1500
	maxTexts    = 4000
)

type textRenderer struct {
	canvas, ctx js.Value
	u8          js.Value // the Uint8Array constructor
	images      *framecache.Cache
	widths      map[textKey]float64
	buf         []byte
	spent       time.Duration // rendering new strings, in total
	rendered    int

	// Of the frame being drawn, for a test that every text is readable
	// and whole: the smallest font size drawn (device pixels), and the
	// strings that reach past the screen's edge.
	minSize float64
	cut     int
	cutText string
}

// beginFrame starts the readability figures of a frame.
func (t *textRenderer) beginFrame() { t.minSize, t.cut, t.cutText = 0, 0, "" }

func newTextRenderer() *textRenderer {
	doc := js.Global().Get("document")
	c := doc.Call("createElement", "canvas")
	c.Set("width", 64)
	c.Set("height", 64)
	opts := js.Global().Get("Object").New()
	opts.Set("willReadFrequently", true)
	return &textRenderer{canvas: c, ctx: c.Call("getContext", "2d", opts), u8: js.Global().Get("Uint8Array"),
		images: framecache.New(textIdle, maxTexts, textSweepAt, func(e any) { e.(*textEntry).img.Deallocate() }),
		widths: map[textKey]float64{}}
}

func keyOf(s string, st ui.TextStyle) textKey {
	size := int(math.Round(st.Size * 4))
	if size < 4 {
		size = 4
	}
	return textKey{s, size, st.Bold}
}

func (k textKey) font() string {
	w := "400"
	if k.bold {
		w = "600"
	}
	return fmt.Sprintf("%s %gpx %s", w, float64(k.size)/4, fontFamily)
}

// MeasureText is the width of s in the browser's font at st's size
// (ui.TextMeasurer), cached.
func (t *textRenderer) MeasureText(s string, st ui.TextStyle) float64 {
	if s == "" {
		return 0
	}
	k := keyOf(s, st)
	if w, ok := t.widths[k]; ok {
		return w
	}
	if len(t.widths) > 8192 {
		clear(t.widths)
	}
	t.ctx.Set("font", k.font())
	w := t.ctx.Call("measureText", s).Get("width").Float()
	t.widths[k] = w
	return w
}

// endFrame ends a drawn frame for the cache of rendered strings.
func (t *textRenderer) endFrame() { t.images.EndFrame() }

func (t *textRenderer) render(k textKey) *textEntry {
	size := float64(k.size) / 4
	margin := int(math.Ceil(size*0.25)) + 1
	w := int(math.Ceil(t.MeasureText(k.s, ui.TextStyle{Size: size, Bold: k.bold}))) + 2*margin
	h := int(math.Ceil(size*1.5)) + 2*margin
	if w > 4096 {
		w = 4096
	}
	if t.canvas.Get("width").Int() < w || t.canvas.Get("height").Int() < h {
		t.canvas.Set("width", max(w, t.canvas.Get("width").Int()))
		t.canvas.Set("height", max(h, t.canvas.Get("height").Int()))
	}
	ctx := t.ctx
	ctx.Call("clearRect", 0, 0, w, h)
	ctx.Set("font", k.font())
	ctx.Set("fillStyle", "#fff")
	ctx.Set("textBaseline", "middle")
	ctx.Call("fillText", k.s, margin, float64(h)/2)
	data := ctx.Call("getImageData", 0, 0, w, h).Get("data")
	n := w * h * 4
	if cap(t.buf) < n {
		t.buf = make([]byte, n)
	}
	buf := t.buf[:n]
	js.CopyBytesToGo(buf, t.u8.New(data.Get("buffer"), data.Get("byteOffset"), n))
	// White text with alpha a is (a, a, a, a) premultiplied.
	for i := 0; i < n; i += 4 {
		a := buf[i+3]
		buf[i], buf[i+1], buf[i+2] = a, a, a
	}
	img := ebiten.NewImage(w, h)
	img.WritePixels(buf)
	return &textEntry{img: img, w: w, h: h, margin: margin}
}

func (t *textRenderer) draw(dst *ebiten.Image, s string, x, y float64, st ui.TextStyle) {
	if s == "" || st.Color.A == 0 {
		return
	}
	k := keyOf(s, st)
	v, _ := t.images.Get(k)
	e, ok := v.(*textEntry)
	if !ok {
		t0 := time.Now()
		e = t.render(k)
		t.images.Put(k, e)
		t.spent += time.Since(t0)
		t.rendered++
	}
	switch st.Align {
	case ui.AlignCenter:
		x -= float64(e.w) / 2
	case ui.AlignRight:
		x -= float64(e.w - e.margin)
	default:
		x -= float64(e.margin)
	}
	y -= float64(e.h) / 2
	if t.minSize == 0 || st.Size < t.minSize {
		t.minSize = st.Size
	}
	// Cut: the text's line box (the picture less its margin, which is
	// blank) reaches past the screen's edge.
	if b := dst.Bounds(); x+float64(e.margin) < float64(b.Min.X)-0.5 || x+float64(e.w-e.margin) > float64(b.Max.X)+0.5 ||
		y+float64(e.margin) < float64(b.Min.Y)-0.5 || y+float64(e.h-e.margin) > float64(b.Max.Y)+0.5 {
		t.cut++
		if t.cutText == "" {
			t.cutText = s
		}
	}
	var op ebiten.DrawImageOptions
	op.GeoM.Translate(math.Round(x), math.Round(y))
	op.ColorScale.ScaleWithColor(st.Color)
	dst.DrawImage(e.img, &op)
}
