package netview

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// Draw paints the view.
func (v *View) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	L := &v.places
	lang := ctx.Lang
	line := math.Max(1, math.Round(ctx.Scale))
	head := ui.TextStyle{Size: L.Caption, Color: th.Text, Bold: true}
	muted := ui.TextStyle{Size: L.Caption, Color: th.Muted}
	headY := func(r ui.Rect) float64 { return r.Y - L.Caption*0.9 }

	// The pad, with the ink's bounding box: the crop step of the pipeline.
	caption := txtCanvas.In(lang) + " 280×280"
	if v.sample >= 0 {
		caption = fmt.Sprintf(txtSampleOf.In(lang), v.sample, samples.Label(v.sample))
	}
	if v.paramErr.En != "" {
		caption = v.paramErr.In(lang)
		head.Color = th.Pos
		head.Size = ui.FitText(c, caption, head.Size, L.Area.W-2*(L.Pad.X-L.Area.X))
	}
	c.Text(caption, L.Pad.X, headY(L.Pad), head)
	c.FillRect(L.Pad, th.Paper)
	c.Image(v.padBmp, v.padBmp.Bounds(), L.Pad, true)
	c.StrokeRect(L.Pad.Inset(-line), line, th.Text)
	if v.pad.Blank() {
		c.Text(txtDrawHere.In(lang), L.Pad.CenterX(), L.Pad.CenterY(), ui.TextStyle{Size: L.Caption * 1.2, Color: th.Muted, Align: ui.AlignCenter})
	} else if v.has {
		b := v.res.Box
		k := L.Pad.W / HalfSide
		box := ui.R(L.Pad.X+float64(b.Min.X)*k, L.Pad.Y+float64(b.Min.Y)*k, float64(b.Dx())*k, float64(b.Dy())*k)
		c.StrokeRect(box.Inset(-line), line, th.Accent)
	}

	for i := range v.buttons {
		v.buttons[i].Draw(ctx, c)
	}
	if L.Narrow {
		v.tabs.Draw(ctx, c)
	}

	// The pipeline: 28×28 and the 32×32 input.
	if L.DigitShown {
		caption2(c, txtCrop.In(lang), L.Digit.X, L.Digit.Y, L.Digit.W, muted)
		c.Image(v.digitBmp, v.digitBmp.Bounds(), L.Digit, false)
		c.StrokeRect(L.Digit.Inset(-line), line, th.Line)
	}

	// The layers.
	for _, l := range lenet.LayerIDs {
		if L.Shown[l] {
			v.drawGrid(ctx, c, &L.Grids[l], v.maps[l], v.heading(lang, l))
		}
	}
	if L.KernelsShown {
		v.drawGrid(ctx, c, &L.Kernels, v.kernelBmp, txtLearned.In(lang)+" 6@5×5")
	}
	v.drawSelection(ctx, c)
	v.drawScores(ctx, c)
	if L.LegendShown {
		scale, name := v.kernelScale, "C1 "+i18n.Kernels.In(lang)
		if v.hasSel && v.sel.Layer > lenet.Input && v.sel.Layer < lenet.Output && v.scales[v.sel.Layer] > 0 {
			scale, name = v.scales[v.sel.Layer], v.sel.Layer.String()
		}
		lg := L.Legend
		c.Text(txtScale.In(lang)+": "+name, lg.X, lg.Y+L.Caption*0.5, muted)
		lg.Y += L.Caption * 1.1
		lg.H -= L.Caption * 1.1
		if lg.H < L.Caption {
			lg.H = L.Caption
		}
		ui.DrawLegend(c, lg, scale, ctx)
	}
	v.drawInfo(ctx, c)
}

func (v *View) heading(lang i18n.Lang, l lenet.LayerID) string {
	s := l.Shape()
	switch {
	case l == lenet.Input:
		return txtNetInput.In(lang)
	case s.H == 1 && s.W == 1:
		return fmt.Sprintf("%s · %s · %d %s", l.String(), kindText(l, lang), s.C, i18n.Units.In(lang))
	}
	return fmt.Sprintf("%s · %s · %d@%d×%d", l.String(), kindText(l, lang), s.C, s.H, s.W)
}

func (v *View) drawGrid(ctx *ui.Context, c ui.Canvas, g *grid, b *ui.Bitmap, title string) {
	th := ctx.Theme
	line := math.Max(1, math.Round(ctx.Scale))
	st := ui.TextStyle{Size: v.places.Caption, Color: th.Muted}
	if g.Label.H > 1.5*v.places.Caption {
		caption2(c, title, g.Label.X, g.Y, g.Label.W, st)
	} else {
		st.Size = ui.FitText(c, title, st.Size, math.Max(g.Label.W, g.Block().W))
		c.Text(title, g.Label.X, g.Label.CenterY(), st)
	}
	if g.MapW == 1 {
		for r := 0; r < g.rows(); r++ {
			n := min(g.Cols, g.N-r*g.Cols)
			dst := ui.R(g.X, g.Y+float64(r)*g.Cell, float64(n)*g.Cell, g.Cell)
			c.Image(b, image.Rect(r*g.Cols, 0, r*g.Cols+n, 1), dst, false)
		}
		c.StrokeRect(g.Block().Inset(-line), line, th.Line)
		return
	}
	for i := range g.N {
		dst := g.MapRect(i)
		c.Image(b, image.Rect(i*g.MapW, 0, (i+1)*g.MapW, g.MapH), dst, false)
		c.StrokeRect(dst.Inset(-line), line, th.Line)
	}
}

// drawSelection outlines the selected unit, its window on the layer below
// and its receptive field on the input.
func (v *View) drawSelection(ctx *ui.Context, c ui.Canvas) {
	if !v.hasSel {
		return
	}
	th := ctx.Theme
	L := &v.places
	w := math.Max(2, math.Round(2*ctx.Scale))
	u := v.sel
	if u.Layer != lenet.Output && L.Shown[u.Layer] {
		g := &L.Grids[u.Layer]
		c.StrokeRect(g.UnitRect(u.C, u.Y, u.X).Inset(-w), w, th.Focus)
	}
	if u.Layer > lenet.Input {
		reg := Below(u)
		if L.Shown[reg.Layer] {
			g := &L.Grids[reg.Layer]
			if g.MapW == 1 {
				c.StrokeRect(g.Block().Inset(-w), w, th.Accent)
			} else {
				for ch := reg.C0; ch < reg.C1; ch++ {
					m := g.MapRect(ch)
					r := reg.Rect
					c.StrokeRect(ui.R(m.X+float64(r.Min.X)*g.Cell, m.Y+float64(r.Min.Y)*g.Cell,
						float64(r.Dx())*g.Cell, float64(r.Dy())*g.Cell), w, th.Accent)
				}
			}
		}
		if L.Shown[lenet.Input] && reg.Layer != lenet.Input {
			g := &L.Grids[lenet.Input]
			r := OnInput(u)
			m := g.MapRect(0)
			c.StrokeRect(ui.R(m.X+float64(r.Min.X)*g.Cell, m.Y+float64(r.Min.Y)*g.Cell,
				float64(r.Dx())*g.Cell, float64(r.Dy())*g.Cell), w, th.Focus)
		}
	}
}

func (v *View) drawScores(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	L := &v.places
	r := L.Scores
	lang := ctx.Lang
	if !L.Narrow {
		c.Text(txtProbs.In(lang), r.X, r.Y-L.Caption*0.9, ui.TextStyle{Size: L.Caption, Color: th.Text, Bold: true})
	}
	rowH := r.H / 10
	size := math.Min(L.Caption, rowH*0.7)
	labW := size * 1.1
	pctW := c.MeasureText("100.0%", ui.TextStyle{Size: size, Bold: true}) + size*0.4
	win := -1
	if v.has {
		win = v.acts.Label()
	}
	for i := range 10 {
		row := ui.R(r.X, r.Y+float64(i)*rowH, r.W, rowH)
		p := float64(v.acts.Probs[i])
		col := th.Accent
		st := ui.TextStyle{Size: size, Color: th.Text, Align: ui.AlignCenter, Mono: true}
		if i == win {
			col = th.Winner
			st.Bold = true
			st.Color = th.Winner
			c.FillRect(row.Round(), lerpC(th.Panel, th.Winner, 0.12))
		}
		c.Text(fmt.Sprint(i), row.X+labW/2, row.CenterY(), st)
		bar := ui.R(row.X+labW+2, row.Y+rowH*0.18, row.W-labW-pctW-4, rowH*0.64)
		c.FillRect(bar.Round(), th.Bg)
		c.FillRect(ui.R(bar.X, bar.Y, math.Max(0, bar.W*p), bar.H).Round(), col)
		if v.has {
			st.Align = ui.AlignRight
			c.Text(fmt.Sprintf("%.1f%%", 100*p), row.Right(), row.CenterY(), st)
		}
		if v.hasSel && v.sel.Layer == lenet.Output && v.sel.C == i {
			w := math.Max(2, math.Round(2*ctx.Scale))
			c.StrokeRect(row.Inset(-w/2), w, th.Focus)
		}
	}
}

func lerpC(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{R: m(a.R, b.R), G: m(a.G, b.G), B: m(a.B, b.B), A: 0xff}
}

// drawInfo shows the computation of the selected unit, or a hint.
func (v *View) drawInfo(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	L := &v.places
	lang := ctx.Lang
	r := L.Info
	if L.Narrow && !(v.pinned && v.hasSel) {
		return
	}
	if r.H < 40*ctx.Scale {
		return
	}
	e, ok := v.explanation()
	if !ok {
		ui.Panel(ctx, c, r, i18n.ReceptiveField.In(lang), []string{
			txtPointAtUnit.In(lang),
			fmt.Sprintf(txtSizes.In(lang), lenet.Thousands(lenet.NumParams), lenet.Thousands(lenet.NumMACs)),
			txtKeys.In(lang),
		})
		return
	}
	pad := ctx.Px(th.Pad)
	if L.Narrow {
		// An overlay on the pad: cover its frame too.
		r = r.Inset(-math.Max(2, math.Round(2*ctx.Scale)))
	}
	c.FillRect(r.Round(), th.Panel)
	c.StrokeRect(r.Round(), math.Max(1, math.Round(ctx.Scale)), th.Line)
	if L.Narrow {
		c.Text(txtTapToClose.In(lang), r.Right()-pad, r.Bottom()-pad, ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted, Align: ui.AlignRight})
	}
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	bold := body
	bold.Bold = true
	lh := body.Size * 1.4
	y := r.Y + pad + lh/2
	x := r.X + pad
	w := r.W - 2*pad
	for _, l := range ui.WrapText(c, e.Title, w, bold) {
		c.Text(l, x, y, bold)
		y += lh
	}
	rf := OnInput(e.Unit)
	small := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
	c.Text(fmt.Sprintf(txtRFOnInput.In(lang), rf.Dx(), rf.Dy()), x, y, small)
	y += lh
	if e.Window != nil {
		y = v.drawWindow(ctx, c, e, x, y-lh/2, w) + lh/2
	}
	for _, s := range e.Lines {
		for _, l := range ui.WrapText(c, s, w, body) {
			if y > r.Bottom()-lh/2 {
				return
			}
			c.Text(l, x, y, body)
			y += lh
		}
	}
	if e.Unit.Layer.Kind() == lenet.Conv {
		for _, l := range ui.WrapText(c, "= "+txtLinearComb.In(lang), w, small) {
			if y > r.Bottom()-lh/2 {
				return
			}
			c.Text(l, x, y, small)
			y += lh
		}
	}
}

// drawWindow draws the window (and the kernel, for a convolution) as
// small grids with their numbers, and returns the y below them.
func (v *View) drawWindow(ctx *ui.Context, c ui.Canvas, e Explanation, x, y, w float64) float64 {
	th := ctx.Theme
	n := e.Side
	grids := 1
	if e.Kernel != nil {
		grids = 2
	}
	opW := ctx.Px(18)
	cell := math.Floor(math.Min((w-opW*float64(grids-1))/float64(grids*n), ctx.Px(34)))
	if cell < 3 {
		return y
	}
	numSize := math.Min(ctx.Px(th.FontSmall), cell/2.6)
	showNums := numSize >= ctx.Px(7)
	below := e.Unit.Layer - 1
	wScale := v.scales[below]
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
				if showNums {
					tc := th.Text
					if (gray && val > 0.55) || (!gray && abs(val) > 0.6*scale) {
						tc = th.AccentText
					}
					c.Text(cellNum(val), cr.CenterX(), cr.CenterY(), ui.TextStyle{Size: numSize, Color: tc, Align: ui.AlignCenter, Mono: true})
				}
			}
		}
		c.StrokeRect(ui.R(gx, y, cell*float64(n), cell*float64(n)), math.Max(1, math.Round(ctx.Scale)), th.Line)
	}
	draw(e.Window, x, wScale, below == lenet.Input)
	if e.Kernel != nil {
		kx := x + cell*float64(n) + opW
		c.Text("⊙", kx-opW/2, y+cell*float64(n)/2, ui.TextStyle{Size: ctx.Px(th.FontTitle), Color: th.Text, Align: ui.AlignCenter})
		draw(e.Kernel, kx, ui.MaxAbs(e.Kernel), false)
	}
	return y + cell*float64(n) + ctx.Px(6)
}

// cellNum writes a value short enough for a grid cell: two decimals
// below 10 ("0.07", "-0.16", "1.25"), fewer above.
func cellNum(v float32) string {
	a := math.Abs(float64(v))
	switch {
	case v == 0:
		return "0"
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	s := fmt.Sprintf("%.2f", v)
	if s == "0.00" || s == "-0.00" {
		return "≈0"
	}
	return s
}

// caption2 writes s in at most two lines of width w that end just above
// y (shrinking the text if two lines are not enough).
func caption2(c ui.Canvas, s string, x, y, w float64, st ui.TextStyle) {
	lines := ui.WrapText(c, s, w, st)
	for len(lines) > 2 && st.Size > 6 {
		st.Size *= 0.9
		lines = ui.WrapText(c, s, w, st)
	}
	lh := st.Size * 1.25
	for i, l := range lines {
		c.Text(l, x, y-lh*(float64(len(lines)-i)-0.5)-st.Size*0.2, st)
	}
}
