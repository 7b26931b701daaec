package netview

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// infoPanel is the computation of the selected unit as the panel shows
// it. refresh tries how much fits (drawing on a canvas that only
// measures) and keeps the level; Draw draws that level.
//
// The panel holds, from the top: the title, the receptive field, the
// pictures (the window and the kernel with their numbers; for C3 every
// channel's window with its term under it; for C5, F6 and Output every
// input's w·x), the lines of the computation and a note. The pictures
// take the height the text leaves them, and a number smaller than the
// smallest legible size is left out, never drawn smaller. When even so
// the panel is too small, less text is shown, in this order: the note,
// the receptive field, then the body text steps down a size.
type infoPanel struct {
	level int  // how much text was left out, 0 for nothing
	fits  bool // the title and the computation's lines fit
	pics  bool // … and the pictures too
	// numSize is the size of the grids' numbers (device pixels), 0 when
	// they were left out.
	numSize float64
	// The pictures of the channels' windows (C3) and of w·x (C5, F6,
	// Output), coloured in refresh.
	chans, contrib *ui.Bitmap
	stripRects     []ui.Rect // where each channel's window is, for pointing at it
}

// infoLevels is the number of ways of leaving text out.
const infoLevels = 4

// sizer is a Canvas that only measures: the panel is tried on it.
type sizer struct{ ui.TextMeasurer }

func (sizer) FillRect(ui.Rect, color.RGBA)                     {}
func (sizer) StrokeRect(ui.Rect, float64, color.RGBA)          {}
func (sizer) Line(_, _, _, _, _ float64, _ color.RGBA)         {}
func (sizer) FillCircle(_, _, _ float64, _ color.RGBA)         {}
func (sizer) Text(string, float64, float64, ui.TextStyle)      {}
func (sizer) Image(*ui.Bitmap, image.Rectangle, ui.Rect, bool) {}

// layoutInfo works the panel out for e in r: the first level at which
// everything fits with its pictures, else the first at which the text
// fits, else the last.
func (v *View) layoutInfo(ctx *ui.Context, r ui.Rect, e *Explanation) {
	v.layoutInfoFrom(ctx, r, e, 0)
}

// layoutInfoFrom is layoutInfo leaving out at least what level least
// says.
func (v *View) layoutInfoFrom(ctx *ui.Context, r ui.Rect, e *Explanation, least int) {
	p := &v.info
	v.colourInfo(ctx, e)
	p.level, p.fits, p.pics = infoLevels-1, false, false
	for lv := infoLevels - 1; lv >= least; lv-- {
		p.stripRects = p.stripRects[:0]
		bottom, essential, pics := v.drawExplanation(ctx, sizer{ctx}, r, e, lv)
		if essential <= r.Bottom()+0.5 && (bottom <= r.Bottom()+0.5 && pics || !p.fits) {
			p.level, p.fits, p.pics = lv, true, bottom <= r.Bottom()+0.5 && pics
		}
	}
	p.stripRects = p.stripRects[:0]
	v.drawExplanation(ctx, sizer{ctx}, r, e, p.level) // the chosen level's places
}

// colourInfo fills the pictures of e.
func (v *View) colourInfo(ctx *ui.Context, e *Explanation) {
	p := &v.info
	th := ctx.Theme
	below := e.Unit.Layer - 1
	bs := below.Shape()
	if e.Unit.Layer == lenet.C3 {
		k := e.Side
		if p.chans == nil || p.chans.W != bs.C*k {
			p.chans = ui.NewBitmap(bs.C*k, k)
		}
		in := below.Values(&v.acts)
		ly, _ := lenet.LayerOf(e.Unit.Layer)
		for c := range bs.C {
			for i := range k {
				row := in[(c*bs.H+e.Unit.Y*ly.Stride+i)*bs.W+e.Unit.X*ly.Stride:]
				ui.FillDiverging(p.chans, c*k, i, row[:k], k, 1, v.scales[below], th)
			}
		}
		p.chans.Touch()
	}
	if e.Weights != nil {
		// In the layer's own arrangement: map c of H×W beside map c+1.
		if p.contrib == nil || p.contrib.W != bs.C*bs.W || p.contrib.H != bs.H {
			p.contrib = ui.NewBitmap(bs.C*bs.W, bs.H)
		}
		terms := make([]float32, len(e.Terms))
		for i, t := range e.Terms {
			terms[i] = t.V
		}
		scale := ui.MaxAbs(terms)
		for c := range bs.C {
			ui.FillDiverging(p.contrib, c*bs.W, 0, terms[c*bs.H*bs.W:(c+1)*bs.H*bs.W], bs.W, bs.H, scale, th)
		}
		p.contrib.Touch()
	}
}

// infoCols is how many maps (or units) of the layer below a row of the
// w·x picture holds.
var infoCols = map[lenet.LayerID]int{lenet.S4: 8, lenet.C5: 20, lenet.F6: 14}

// drawExplanation draws e in r, leaving out what level lv says, and
// returns the bottom of what it drew and of the essential part (the
// title and the lines of the computation). The pictures take the height
// the text leaves them.
func (v *View) drawExplanation(ctx *ui.Context, c ui.Canvas, r ui.Rect, e *Explanation, lv int) (bottom, essential float64, pics bool) {
	th := ctx.Theme
	pad := math.Round(ctx.Px(th.Pad))
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	if lv >= 3 {
		body.Size = ctx.Px(th.FontSmall)
	}
	small := ui.TextStyle{Size: math.Min(body.Size, ctx.Px(th.FontSmall)), Color: th.Muted}
	bold := body
	bold.Bold = true
	x, w := r.X+pad, r.W-2*pad
	y := r.Y + pad
	c.FillRect(r.Round(), th.Panel)
	c.StrokeRect(r.Round(), math.Max(1, math.Round(ctx.Scale)), th.Line)
	height := func(s string, st ui.TextStyle) float64 {
		return float64(len(ui.WrapText(c, s, w, st))) * st.Size * 1.3
	}
	para := func(s string, st ui.TextStyle) {
		lh := st.Size * 1.3
		for _, l := range ui.WrapText(c, s, w, st) {
			c.Text(l, x, y+lh/2, st)
			y += lh
		}
	}
	para(e.Title, bold)
	if e.Sub != "" && lv < 2 {
		para(e.Sub, small)
	}
	y += pad / 2
	below := 0.0 // the height of what goes under the pictures
	for _, s := range e.Lines {
		below += height(s, body)
	}
	if e.Note != "" && lv < 1 {
		below += height(e.Note, small)
	}
	top := y
	y = v.drawPictures(ctx, c, e, x, y, w, r.Bottom()-pad-below-y)
	pics = y > top || e.Unit.Layer == lenet.Input
	for _, s := range e.Lines {
		para(s, body)
	}
	essential = y + pad
	if e.Note != "" && lv < 1 {
		para(e.Note, small)
	}
	return y + pad, essential, pics
}

// drawPictures draws e's grids and pictures from y in at most height h
// and returns the y below them. They shrink to fit; a number that would
// be smaller than ctx.MinText is left out, and a picture that would be
// smaller than three pixels a cell, or only a sliver, is left out.
func (v *View) drawPictures(ctx *ui.Context, c ui.Canvas, e *Explanation, x, y, w, h float64) float64 {
	th := ctx.Theme
	lang := ctx.Lang
	p := &v.info
	if _, trying := c.(sizer); trying {
		p.numSize = 0
	}
	small := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
	capH := small.Size * 1.3
	gap := math.Round(ctx.Px(6))
	below := e.Unit.Layer - 1
	bottom := y + h
	caption := func(s string, cx, cw float64) {
		for _, l := range ui.WrapText(c, s, cw, small) {
			c.Text(l, cx, y+small.Size*0.65, small)
			y += capH
		}
	}
	// C3: every channel's window, its term under it.
	if p.chans != nil && e.Unit.Layer == lenet.C3 {
		n := len(e.Terms)
		head := fmt.Sprintf(txtEachMap.In(lang), n, below.String())
		cw := math.Floor((w - float64(n-1)*gap) / float64(n))
		numSt := ui.TextStyle{Size: ui.FitText(c, "-0.00", ctx.Px(th.FontSmall), cw), Color: th.Text, Align: ui.AlignCenter}
		capsH := float64(len(ui.WrapText(c, head, w, small))) * capH
		// The strip takes at most 40 % of h: the grids below need more.
		cell := math.Floor(math.Min(math.Min(cw, ctx.Px(60)), h*0.4-capsH-numSt.Size*1.6-gap) / float64(e.Side))
		if cell >= 3 && numSt.Size >= ctx.MinText() {
			caption(head, x, w)
			side := cell * float64(e.Side)
			line := math.Max(1, math.Round(ctx.Scale))
			for ch := range n {
				cx := x + float64(ch)*(cw+gap)
				dst := ui.R(cx+(cw-side)/2, y, side, side).Round()
				c.Image(p.chans, image.Rect(ch*e.Side, 0, (ch+1)*e.Side, e.Side), dst, false)
				col := th.Line
				if ch == e.Ch {
					col = th.Focus
				}
				c.StrokeRect(dst.Inset(-line), math.Max(line, math.Round(ctx.Px(1.5))), col)
				if _, trying := c.(sizer); trying {
					p.stripRects = append(p.stripRects, dst)
				}
				c.Text(ui.FormatNum(e.Terms[ch].V), cx+cw/2, dst.Bottom()+numSt.Size*0.8, numSt)
			}
			y += side + numSt.Size*1.6 + gap
		}
	}
	switch {
	case e.Window != nil:
		return v.drawGrids(ctx, c, e, x, y, w, bottom-y)
	case e.Weights != nil:
		// Every input's w·x, in the layer below's arrangement.
		bs := below.Shape()
		cols := infoCols[below]
		g := grid{N: bs.C, MapW: bs.W, MapH: bs.H, Cols: cols, Gap: gap / 2}
		if bs.W == 1 {
			g.Gap = 0
		}
		head := fmt.Sprintf(txtContrib.In(lang), len(e.Weights), below.String())
		capsH := float64(len(ui.WrapText(c, head, w, small))) * capH
		g.Cell = math.Floor(math.Min(math.Min((w-float64(cols-1)*g.Gap)/float64(cols*g.MapW), ctx.Px(16)),
			(bottom-y-capsH-float64(g.rows()-1)*g.Gap)/float64(g.rows()*g.MapH)))
		if g.Cell < 3 {
			return y
		}
		caption(head, x, w)
		g.X, g.Y = x, y
		drawPicture(ctx, c, &g, p.contrib)
		y += g.height() + gap
	}
	return y
}

// drawPicture draws the maps (or units) of b in g's places.
func drawPicture(ctx *ui.Context, c ui.Canvas, g *grid, b *ui.Bitmap) {
	line := math.Max(1, math.Round(ctx.Scale))
	if g.MapW == 1 {
		for r := 0; r < g.rows(); r++ {
			n := min(g.Cols, g.N-r*g.Cols)
			c.Image(b, image.Rect(r*g.Cols, 0, r*g.Cols+n, 1), ui.R(g.X, g.Y+float64(r)*g.Cell, float64(n)*g.Cell, g.Cell), false)
		}
		c.StrokeRect(g.Block().Inset(-line), line, ctx.Theme.Line)
		return
	}
	for i := range g.N {
		dst := g.MapRect(i)
		c.Image(b, image.Rect(i*g.MapW, 0, (i+1)*g.MapW, g.MapH), dst, false)
		c.StrokeRect(dst.Inset(-line), line, ctx.Theme.Line)
	}
}

// drawGrids draws the window (and, for a convolution, the kernel) as
// grids with their numbers, each under its caption, and returns the y
// below them.
func (v *View) drawGrids(ctx *ui.Context, c ui.Canvas, e *Explanation, x, y, w, h float64) float64 {
	th := ctx.Theme
	lang := ctx.Lang
	p := &v.info
	n := e.Side
	below := e.Unit.Layer - 1
	grids := 1
	if e.Kernel != nil {
		grids = 2
	}
	opW := math.Round(ctx.Px(th.FontBody) * 1.2)
	maxCell := ctx.Px(34)
	if ctx.Present {
		maxCell = ctx.Px(th.FontSmall) * 3
	}
	if n <= 2 {
		maxCell *= 1.5
	}
	small := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
	cell := math.Floor(math.Min((w-opW*float64(grids-1))/float64(grids*n), maxCell))
	cell = math.Floor(math.Min(cell, (h-2*small.Size*1.3-ctx.Px(10))/float64(n)))
	if cell < 3 {
		return y
	}
	// The numbers as large as the widest one allows, or none.
	widest := ""
	for _, vals := range [][]float32{e.Window, e.Kernel} {
		for _, val := range vals {
			if s := ui.FormatNum(val); len(s) > len(widest) {
				widest = s
			}
		}
	}
	numSize := ui.FitText(c, widest, math.Min(ctx.Px(th.FontSmall), cell*0.5), cell-ctx.Px(1))
	if numSize < ctx.MinText()-0.01 {
		numSize = 0
	}
	if _, trying := c.(sizer); trying {
		p.numSize = numSize
	}
	gw := cell * float64(n)
	// The captions above the grids, as many lines as the longer needs.
	caps := []string{fmt.Sprintf(txtWindowOf.In(lang), below.String(), e.Ch)}
	if below == lenet.Input {
		caps[0] = txtWindowInput.In(lang)
	}
	if e.Kernel != nil {
		caps = append(caps, i18n.Kernel.In(lang))
	}
	capLines := 0
	for i, s := range caps {
		ls := ui.WrapText(c, s, gw+opW*0.8, small)
		capLines = max(capLines, len(ls))
		for j, l := range ls {
			c.Text(l, x+float64(i)*(gw+opW), y+small.Size*(0.65+1.3*float64(j)), small)
		}
	}
	y += float64(capLines)*small.Size*1.3 + ctx.Px(2)
	wScale := v.scales[below]
	line := math.Max(1, math.Round(ctx.Scale))
	mark := -1
	if e.Kernel == nil { // pooling: frame the largest
		for i, val := range e.Window {
			if mark < 0 || val > e.Window[mark] {
				mark = i
			}
		}
	}
	draw := func(vals []float32, gx float64, scale float32, gray bool) {
		for i := range n {
			for j := range n {
				val := vals[i*n+j]
				col := ui.Diverging(val, scale, th)
				if gray {
					g := uint8(255 - 255*math.Max(0, math.Min(1, float64(val))))
					col = color.RGBA{R: g, G: g, B: g, A: 0xff}
				}
				cr := ui.R(gx+float64(j)*cell, y+float64(i)*cell, cell, cell)
				c.FillRect(cr, col)
				if numSize > 0 {
					tc := th.Text
					if (gray && val > 0.55) || (!gray && abs(val) > 0.6*scale) {
						tc = th.AccentText
					}
					c.Text(ui.FormatNum(val), cr.CenterX(), cr.CenterY(), ui.TextStyle{Size: numSize, Color: tc, Align: ui.AlignCenter})
				}
			}
		}
		c.StrokeRect(ui.R(gx, y, gw, gw), line, th.Line)
	}
	draw(e.Window, x, wScale, below == lenet.Input)
	if mark >= 0 {
		c.StrokeRect(ui.R(x+float64(mark%n)*cell, y+float64(mark/n)*cell, cell, cell), math.Max(2, math.Round(2*ctx.Scale)), th.Focus)
	}
	if e.Kernel != nil {
		kx := x + gw + opW
		c.Text("×", kx-opW/2, y+gw/2, ui.TextStyle{Size: ctx.Px(th.FontTitle), Color: th.Text, Align: ui.AlignCenter})
		draw(e.Kernel, kx, ui.MaxAbs(e.Kernel), false)
	}
	return y + gw + ctx.Px(8)
}
