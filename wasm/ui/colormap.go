package ui

import (
	"image/color"
	"math"
)

// Diverging maps a signed value to a colour: zero is th.Zero (near white),
// negative values blend towards th.Neg (blue) and positive ones towards
// th.Pos (red), reaching them at ±scale. A zero or negative scale shows
// everything as zero; NaN shows as zero too.
func Diverging(v, scale float32, th *Theme) color.RGBA {
	if !(scale > 0) || v != v {
		return th.Zero
	}
	t := v / scale
	if t < 0 {
		return lerp(th.Zero, th.Neg, min(-t, 1))
	}
	return lerp(th.Zero, th.Pos, min(t, 1))
}

func lerp(a, b color.RGBA, t float32) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float32(x) + (float32(y)-float32(x))*t + 0.5) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// MaxAbs returns the largest |v| in vs (0 for none), the symmetric scale
// of a layer's colour map.
func MaxAbs(vs []float32) float32 {
	var m float32
	for _, v := range vs {
		if v < 0 {
			v = -v
		}
		if v > m {
			m = v
		}
	}
	return m
}

// lutSize is the resolution of the colour tables: finer than a screen
// can show.
const lutSize = 1024

// luts are a theme's colour maps as tables, built on first use.
type luts struct {
	div  [lutSize][4]byte // Diverging over −1…1
	gray [lutSize][4]byte // FillGray over 0…1
}

func (th *Theme) tables() *luts {
	if th.lut == nil {
		l := new(luts)
		for i := range lutSize {
			t := float32(2*i-(lutSize-1)) / float32(lutSize-1)
			c := Diverging(t, 1, th)
			l.div[i] = [4]byte{c.R, c.G, c.B, 0xff}
			g := lerp(th.Paper, th.Ink, float32(i)/float32(lutSize-1))
			l.gray[i] = [4]byte{g.R, g.G, g.B, 0xff}
		}
		th.lut = l
	}
	return th.lut
}

// FillDiverging writes the w×h row-major map src into b with its top-left
// corner at (x0, y0), coloured by Diverging (through a table of 1024
// colours). It allocates nothing.
// It panics if the map does not fit in b or src is shorter than w·h.
func FillDiverging(b *Bitmap, x0, y0 int, src []float32, w, h int, scale float32, th *Theme) {
	checkFit(b, x0, y0, w, h, len(src))
	lut := &th.tables().div
	var k float32
	if scale > 0 {
		k = (lutSize - 1) / (2 * scale)
	}
	const mid = (lutSize - 1) / 2.0
	for y := range h {
		row := src[y*w : y*w+w]
		out := b.Pix[((y0+y)*b.W+x0)*4 : ((y0+y)*b.W+x0+w)*4]
		for x, v := range row {
			f := v*k + mid + 0.5
			i := 0
			switch {
			case f >= lutSize-1:
				i = lutSize - 1
			case f > 0:
				i = int(f)
			}
			if v != v {
				i = int(mid + 0.5)
			}
			c := &lut[i]
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = c[0], c[1], c[2], c[3]
		}
	}
}

// FillGray writes the w×h map src (0 = paper, 1 = ink) into b as dark ink
// on white paper, values clamped to 0..1.
func FillGray(b *Bitmap, x0, y0 int, src []float32, w, h int, th *Theme) {
	checkFit(b, x0, y0, w, h, len(src))
	lut := &th.tables().gray
	for y := range h {
		row := src[y*w : y*w+w]
		out := b.Pix[((y0+y)*b.W+x0)*4 : ((y0+y)*b.W+x0+w)*4]
		for x, v := range row {
			f := v*(lutSize-1) + 0.5
			i := 0
			switch {
			case f >= lutSize-1:
				i = lutSize - 1
			case f > 0:
				i = int(f)
			}
			c := &lut[i]
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = c[0], c[1], c[2], c[3]
		}
	}
}

// DarkenByInk lets the strokes of a drawing show through a map coloured
// in b's top-left w×h pixels: each pixel's colour × (1 − d·ink), ink the
// drawing's value there clamped to 0..1 (0 = paper, 1 = ink).
// It panics if the map does not fit in b or ink is shorter than w·h.
func DarkenByInk(b *Bitmap, ink []float32, w, h int, d float32) {
	checkFit(b, 0, 0, w, h, len(ink))
	for y := range h {
		out := b.Pix[y*b.W*4 : (y*b.W+w)*4]
		for x, v := range ink[y*w : y*w+w] {
			k := 1 - d*min(1, max(0, v))
			p := out[4*x : 4*x+3 : 4*x+3]
			for j := range p {
				p[j] = uint8(float32(p[j])*k + 0.5)
			}
		}
	}
}

func checkFit(b *Bitmap, x0, y0, w, h, n int) {
	if x0 < 0 || y0 < 0 || w < 0 || h < 0 || x0+w > b.W || y0+h > b.H || n < w*h {
		panic("ui: a map does not fit its bitmap")
	}
}

// DrawLegend draws the colour scale of a diverging map in r: a bar from
// −scale through 0 to +scale with the three values written under it.
func DrawLegend(c Canvas, r Rect, scale float32, ctx *Context) {
	th := ctx.Theme
	st := TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
	barH := math.Max(4, r.H-st.Size*1.4)
	bar := Rect{r.X, r.Y, r.W, barH}
	const steps = 33
	for i := range steps {
		t := float32(2*i-(steps-1)) / float32(steps-1)
		x0 := bar.X + bar.W*float64(i)/steps
		x1 := bar.X + bar.W*float64(i+1)/steps
		c.FillRect(Rect{math.Floor(x0), bar.Y, math.Ceil(x1) - math.Floor(x0), bar.H}, Diverging(t, 1, th))
	}
	c.StrokeRect(bar, 1, th.Line)
	y := bar.Bottom() + st.Size*0.75
	st.Align = AlignLeft
	c.Text(FormatNum(-scale), bar.X, y, st)
	st.Align = AlignCenter
	c.Text("0", bar.CenterX(), y, st)
	st.Align = AlignRight
	c.Text("+"+FormatNum(scale), bar.Right(), y, st)
}
