package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"unicode/utf8"
)

// Align places text horizontally around its anchor point.
type Align uint8

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// TextStyle is how a string is drawn. Size is the font size in device
// pixels. The anchor's y is the vertical middle of the line, so text
// centred in a box is drawn at the box's CenterY.
type TextStyle struct {
	Size  float64
	Color color.RGBA
	Align Align
	Bold  bool
	Mono  bool // tabular figures, for numbers in columns
}

// TextMeasurer measures text as it will be drawn: the width of s in
// device pixels. Layout uses it (through Context.MeasureText) to place
// what depends on a string's width; every Canvas is one.
type TextMeasurer interface {
	MeasureText(s string, st TextStyle) float64
}

// ApproxText measures text as 0.55·Size per rune, close to a proportional
// font's average: the measure of tests and of a Context without one.
type ApproxText struct{}

// MeasureText is 0.55·st.Size per rune of s.
func (ApproxText) MeasureText(s string, st TextStyle) float64 {
	return 0.55 * st.Size * float64(utf8.RuneCountInString(s))
}

// Canvas is what views draw on. The browser implementation draws with
// Ebiten and renders text with the browser's fonts (so Hangul is crisp);
// Recorder implements it for tests. All coordinates are device pixels.
type Canvas interface {
	FillRect(r Rect, c color.RGBA)
	// StrokeRect draws r's outline, width w, inside r.
	StrokeRect(r Rect, w float64, c color.RGBA)
	Line(x0, y0, x1, y1, w float64, c color.RGBA)
	FillCircle(cx, cy, radius float64, c color.RGBA)
	// Text draws s with its anchor at (x, y) (see TextStyle).
	Text(s string, x, y float64, st TextStyle)
	TextMeasurer // the width of s in device pixels
	// Image draws the src part of b scaled into dst; smooth selects linear
	// filtering, otherwise every source pixel stays a sharp square.
	Image(b *Bitmap, src image.Rectangle, dst Rect, smooth bool)
}

// Bitmap is an RGBA picture that views fill on the CPU and the canvas
// uploads to the GPU only when it changed. The pixel at (x, y) starts at
// Pix[(y*W+x)*4]. Call Touch after changing Pix.
type Bitmap struct {
	W, H    int
	Pix     []byte
	Version uint64 // incremented by Touch; the canvas re-uploads on change
}

// NewBitmap returns a transparent w×h bitmap.
func NewBitmap(w, h int) *Bitmap {
	if w <= 0 || h <= 0 {
		panic(fmt.Sprintf("ui: bitmap size %d×%d must be positive", w, h))
	}
	return &Bitmap{W: w, H: h, Pix: make([]byte, 4*w*h), Version: 1}
}

// Touch marks the pixels as changed.
func (b *Bitmap) Touch() { b.Version++ }

// Bounds is the whole bitmap as an image rectangle.
func (b *Bitmap) Bounds() image.Rectangle { return image.Rect(0, 0, b.W, b.H) }

// Set stores c at (x, y); outside the bitmap it does nothing.
func (b *Bitmap) Set(x, y int, c color.RGBA) {
	if x < 0 || y < 0 || x >= b.W || y >= b.H {
		return
	}
	i := (y*b.W + x) * 4
	b.Pix[i], b.Pix[i+1], b.Pix[i+2], b.Pix[i+3] = c.R, c.G, c.B, c.A
}

// At returns the colour at (x, y), transparent outside the bitmap.
func (b *Bitmap) At(x, y int) color.RGBA {
	if x < 0 || y < 0 || x >= b.W || y >= b.H {
		return color.RGBA{}
	}
	i := (y*b.W + x) * 4
	return color.RGBA{b.Pix[i], b.Pix[i+1], b.Pix[i+2], b.Pix[i+3]}
}

// Op is one drawing call a Recorder saw.
type Op struct {
	Kind  string // "rect", "stroke", "line", "circle", "text", "image"
	R     Rect   // the rectangle (for text: anchor in X, Y and measured width in W)
	Text  string
	Color color.RGBA
	Image *Bitmap
}

// Recorder is a Canvas that remembers what was drawn, for tests. Text is
// measured as ApproxText does.
type Recorder struct {
	Ops []Op
}

func (r *Recorder) FillRect(x Rect, c color.RGBA) {
	r.Ops = append(r.Ops, Op{Kind: "rect", R: x, Color: c})
}
func (r *Recorder) StrokeRect(x Rect, w float64, c color.RGBA) {
	r.Ops = append(r.Ops, Op{Kind: "stroke", R: x, Color: c})
}
func (r *Recorder) Line(x0, y0, x1, y1, w float64, c color.RGBA) {
	r.Ops = append(r.Ops, Op{Kind: "line", R: Rect{x0, y0, x1 - x0, y1 - y0}, Color: c})
}
func (r *Recorder) FillCircle(cx, cy, rad float64, c color.RGBA) {
	r.Ops = append(r.Ops, Op{Kind: "circle", R: Rect{cx - rad, cy - rad, 2 * rad, 2 * rad}, Color: c})
}
func (r *Recorder) Text(s string, x, y float64, st TextStyle) {
	r.Ops = append(r.Ops, Op{Kind: "text", R: Rect{x, y, r.MeasureText(s, st), st.Size}, Text: s, Color: st.Color})
}
func (r *Recorder) MeasureText(s string, st TextStyle) float64 {
	return ApproxText{}.MeasureText(s, st)
}
func (r *Recorder) Image(b *Bitmap, src image.Rectangle, dst Rect, smooth bool) {
	r.Ops = append(r.Ops, Op{Kind: "image", R: dst, Image: b})
}

// Texts returns every string drawn, in order.
func (r *Recorder) Texts() []string {
	var out []string
	for _, o := range r.Ops {
		if o.Kind == "text" {
			out = append(out, o.Text)
		}
	}
	return out
}

// HasText reports whether some drawn string contains sub.
func (r *Recorder) HasText(sub string) bool {
	for _, s := range r.Texts() {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Reset forgets the recorded calls.
func (r *Recorder) Reset() { r.Ops = r.Ops[:0] }
