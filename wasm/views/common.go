// Package views holds the lecture views of the demo, each a ui.View
// registered under its URL name: app.html?view=conv (the convolution
// playground), pool, cost, rf (receptive fields) and quiz (exercises),
// each with &lang=en or &lang=ko. The state and the arithmetic live in
// wasm/lecture; this package lays them out, draws them on a ui.Canvas and
// turns pointer and keyboard input into changes. It imports neither
// Ebiten nor syscall/js, so every view is tested natively with a
// ui.Recorder.
package views

import (
	"image/color"
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

func init() {
	for _, s := range []ui.Spec{convSpec, poolSpec, costSpec, rfSpec, quizSpec} {
		ui.Register(s)
	}
}

// txtDrawFirst is what a view says when the student chose the drawing
// before drawing anything.
var txtDrawFirst = i18n.Text{En: "Nothing drawn yet: draw a digit in the demo first.", Ko: "아직 그린 숫자가 없습니다: 먼저 데모에서 숫자를 그리세요."}

// drawing returns the student's drawing as the 28×28 digit (the network's
// 32×32 input without its 2-pixel border), or false when the pad is blank.
func drawing(ctx *ui.Context) (lecture.Grid, bool) {
	if ctx.Shared == nil || !ctx.Shared.HasInput {
		return lecture.Grid{}, false
	}
	const b, n = 2, lenet.InputSide - 4
	pix := make([]float32, 0, n*n)
	for y := b; y < b+n; y++ {
		pix = append(pix, ctx.Shared.Input[y*lenet.InputSide+b:y*lenet.InputSide+b+n]...)
	}
	g, err := lecture.NewGrid(n, n, pix)
	return g, err == nil
}

// Colours the views add to the theme's.
var (
	padColour    = color.RGBA{0xdd, 0xe2, 0xea, 0xff} // the zero padding around an input
	shadeColour  = color.RGBA{0x30, 0x08, 0x08, 0x50} // rows and columns no window reads (premultiplied)
	windowColour = color.RGBA{0xe0, 0x8a, 0x00, 0xff}
)

// cellMap draws a grid of values as square cells, with its padding, and
// finds the cell under a point.
type cellMap struct {
	g      lecture.Grid
	pad    int
	signed bool // diverging colours around 0; otherwise grey ink 0..1
	blank  bool // draw the cells but not their values
	scale  float32
	bmp    *ui.Bitmap
	rect   ui.Rect // the whole map, padding included
	cell   float64
}

// set gives the map its values; the bitmap is refilled.
func (m *cellMap) set(g lecture.Grid, pad int, signed bool, th *ui.Theme) {
	m.g, m.pad, m.signed = g, pad, signed
	cols, rows := g.W+2*pad, g.H+2*pad
	if m.bmp == nil || m.bmp.W != cols || m.bmp.H != rows {
		m.bmp = ui.NewBitmap(cols, rows)
	}
	for y := 0; y < rows; y++ {
		for x := 0; x < cols; x++ {
			m.bmp.Set(x, y, padColour)
		}
	}
	if signed {
		m.scale = ui.MaxAbs(g.Pix)
		ui.FillDiverging(m.bmp, pad, pad, g.Pix, g.W, g.H, m.scale, th)
	} else {
		ui.FillGray(m.bmp, pad, pad, g.Pix, g.W, g.H, th)
	}
	m.bmp.Touch()
}

// place fits the map into area with whole-pixel cells of at most maxCell,
// top-left aligned.
func (m *cellMap) place(area ui.Rect, maxCell float64) {
	cols, rows := float64(m.g.W+2*m.pad), float64(m.g.H+2*m.pad)
	if cols == 0 || rows == 0 || area.Empty() {
		m.rect, m.cell = ui.Rect{}, 0
		return
	}
	c := math.Floor(math.Min(maxCell, math.Min(area.W/cols, area.H/rows)))
	m.cell = math.Max(1, c)
	m.rect = ui.Rect{X: math.Round(area.X), Y: math.Round(area.Y), W: m.cell * cols, H: m.cell * rows}
}

// cellRect is the square of the value at row y, column x of the grid
// (negative or beyond the grid in the padding).
func (m *cellMap) cellRect(y, x int) ui.Rect {
	return ui.Rect{X: m.rect.X + float64(x+m.pad)*m.cell, Y: m.rect.Y + float64(y+m.pad)*m.cell, W: m.cell, H: m.cell}
}

// span is the rectangle of rows y0..y1 and columns x0..x1 inclusive.
func (m *cellMap) span(y0, x0, y1, x1 int) ui.Rect {
	a, b := m.cellRect(y0, x0), m.cellRect(y1, x1)
	return ui.Rect{X: a.X, Y: a.Y, W: b.Right() - a.X, H: b.Bottom() - a.Y}
}

// hit returns the grid cell (not padding) under (px, py).
func (m *cellMap) hit(px, py float64) (y, x int, ok bool) {
	if m.cell <= 0 || !m.rect.Contains(px, py) {
		return 0, 0, false
	}
	x = int((px-m.rect.X)/m.cell) - m.pad
	y = int((py-m.rect.Y)/m.cell) - m.pad
	return y, x, y >= 0 && x >= 0 && y < m.g.H && x < m.g.W
}

// draw paints the cells, thin grid lines when the cells are large, the
// values when they fit, and a frame around the grid proper.
func (m *cellMap) draw(ctx *ui.Context, c ui.Canvas) {
	if m.bmp == nil || m.cell <= 0 {
		return
	}
	th := ctx.Theme
	c.Image(m.bmp, m.bmp.Bounds(), m.rect, false)
	if m.cell >= ctx.Px(9) {
		for i := 0; i <= m.g.W+2*m.pad; i++ {
			x := m.rect.X + float64(i)*m.cell
			c.Line(x, m.rect.Y, x, m.rect.Bottom(), 1, th.Line)
		}
		for i := 0; i <= m.g.H+2*m.pad; i++ {
			y := m.rect.Y + float64(i)*m.cell
			c.Line(m.rect.X, y, m.rect.Right(), y, 1, th.Line)
		}
	}
	// The numbers, all at one size (that of the widest, shrunk to fit a
	// cell), or none when that is under the smallest legible size.
	size := math.Min(ctx.Px(th.FontSmall), m.cell*0.42)
	if size < ctx.MinText() {
		size = 0 // cells too small for any number: nothing to measure
	} else {
		for _, v := range m.g.Pix {
			if w := c.MeasureText(ui.FormatNum(v), ui.TextStyle{Size: size, Mono: true}); w > m.cell*0.9 {
				size *= m.cell * 0.9 / w
			}
		}
	}
	if size > 0 && size >= ctx.MinText()-0.5 && !m.blank {
		for y := -m.pad; y < m.g.H+m.pad; y++ {
			for x := -m.pad; x < m.g.W+m.pad; x++ {
				v := m.g.At(y, x)
				r := m.cellRect(y, x)
				col := th.Text
				if y < 0 || x < 0 || y >= m.g.H || x >= m.g.W {
					col = th.Muted
				} else if dark(m.bmp.At(x+m.pad, y+m.pad)) {
					col = th.AccentText
				}
				c.Text(ui.FormatNum(v), r.CenterX(), r.CenterY(), ui.TextStyle{Size: size, Color: col, Align: ui.AlignCenter, Mono: true})
			}
		}
	}
	frame := m.span(0, 0, m.g.H-1, m.g.W-1)
	c.StrokeRect(frame, math.Max(1, math.Round(ctx.Scale)), th.Text)
}

// dark reports whether white text reads better than black on c.
func dark(c color.RGBA) bool {
	return 0.299*float64(c.R)+0.587*float64(c.G)+0.114*float64(c.B) < 140
}

// label draws a caption above a map or a group of controls.
func label(ctx *ui.Context, c ui.Canvas, s string, x, y float64, bold bool) {
	c.Text(s, x, y, ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody), Color: ctx.Theme.Text, Bold: bold})
}

// stack lays controls out from the top of area, one per line of height h
// with gap g, labels in a column of width lw; it returns the lines and what
// is left of area.
func stack(area ui.Rect, n int, h, g, lw float64) ([]ui.Rect, ui.Rect) {
	out := make([]ui.Rect, n)
	rest := area
	for i := range out {
		var line ui.Rect
		line, rest = rest.CutTop(h)
		_, rest = rest.CutTop(g)
		_, out[i] = line.CutLeft(lw)
	}
	return out, rest
}

// focusRing outlines r in the focus colour.
func focusRing(ctx *ui.Context, c ui.Canvas, r ui.Rect) {
	w := math.Max(2, math.Round(2*ctx.Scale))
	c.StrokeRect(r.Round().Inset(-w-1), w, ctx.Theme.Focus)
}

// textLines draws wrapped paragraphs from (r.X, r.Y) down within r and
// returns the y below the last line.
func textLines(ctx *ui.Context, c ui.Canvas, r ui.Rect, paras []string, st ui.TextStyle) float64 {
	lh := st.Size * 1.45
	y := r.Y + lh/2
	for _, p := range paras {
		for _, l := range ui.WrapText(c, p, r.W, st) {
			if y > r.Bottom() {
				return y
			}
			c.Text(l, r.X, y, st)
			y += lh
		}
	}
	return y - lh/2
}

// pointer lets the student choose a cell of a map by pointing at it, or
// by focusing the map (Tab or a click) and moving with the arrow keys.
type pointer struct {
	focused      bool
	lastX, lastY float64
}

// update takes a focus slot for the map and returns the chosen cell,
// starting from (y, x), and whether it moved.
func (p *pointer) update(ctx *ui.Context, in *ui.Input, m *cellMap, y, x int) (int, int, bool) {
	idx, f := ctx.Focus.Take()
	p.focused = f
	moved := false
	if hy, hx, ok := m.hit(in.X, in.Y); ok && in.Hover && (in.X != p.lastX || in.Y != p.lastY) && (hy != y || hx != x) {
		y, x, moved = hy, hx, true
	}
	p.lastX, p.lastY = in.X, in.Y
	if in.Clicked(m.rect) {
		ctx.Focus.Set(idx)
	}
	if f {
		switch {
		case in.Key("ArrowUp"):
			y, moved = y-1, true
		case in.Key("ArrowDown"):
			y, moved = y+1, true
		case in.Key("ArrowLeft"):
			x, moved = x-1, true
		case in.Key("ArrowRight"):
			x, moved = x+1, true
		}
	}
	return y, x, moved
}

// strongest is the cell of g with the largest magnitude (the first one
// when several tie): where a view first points, so that its first
// explanation shows a real multiply-add rather than zeros.
func strongest(g lecture.Grid) (y, x int) {
	best := float32(-1)
	for i, v := range g.Pix {
		if v < 0 {
			v = -v
		}
		if v > best {
			best, y, x = v, i/g.W, i%g.W
		}
	}
	return y, x
}
