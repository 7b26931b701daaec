package netview

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

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
	if b := v.save.btn.Rect; v.save.padRow && !b.Empty() {
		// The Save… button's room: the caption shrinks to leave it.
		if w, room := c.MeasureText(caption, head), b.X-L.Pad.X-ctx.Px(8); w > room && room > 0 {
			head.Size = math.Max(head.Size*0.6, head.Size*room/w)
		}
	}
	c.Text(caption, L.Pad.X, headY(L.Pad), head)
	c.FillRect(L.Pad, th.Paper)
	c.Image(v.padBmp, v.padBmp.Bounds(), L.Pad, true)
	if v.whyShown() {
		c.Image(v.why.padBmp, v.why.padBmp.Bounds(), L.Pad, false)
	}
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
		caption2(c, txtCrop.In(lang), L.Digit.X, L.Digit.Y, L.Digit.W, L.Grids[lenet.Input].Label.H, muted)
		c.Image(v.digitBmp, v.digitBmp.Bounds(), L.Digit, false)
		c.StrokeRect(L.Digit.Inset(-line), line, th.Line)
	}

	// The layers (under the handwriting panel when it is open, not).
	hand := v.handOpen()
	for _, l := range lenet.LayerIDs {
		if L.Shown[l] && !(hand && pictures[l].cols > 0) {
			b := v.maps[l]
			if l == lenet.Input && v.whyShown() {
				b = v.why.inBmp // the input under the evidence map
			}
			v.drawGrid(ctx, c, &L.Grids[l], b, v.heading(lang, l))
		}
	}
	if L.KernelsShown && !hand {
		v.drawGrid(ctx, c, &L.Kernels, v.kernelBmp, txtLearned.In(lang)+" 6@5×5")
	}
	v.drawSelection(ctx, c)
	v.drawScores(ctx, c)
	if L.LegendShown && !hand {
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
	v.whyDraw(ctx, c)
	if v.hand != nil {
		if !L.Narrow {
			v.handBtn.Draw(ctx, c)
		}
		if hand {
			v.hand.Draw(ctx, c)
		}
	}
	v.saveDraw(ctx, c)
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
	st := ui.TextStyle{Size: v.places.Caption, Color: ctx.Theme.Muted}
	switch {
	case g.Label.X > g.X:
		// Beside the picture, from its top.
		for i, l := range ui.WrapText(c, title, g.Label.W, st) {
			c.Text(l, g.Label.X, g.Label.Y+st.Size*(0.65+1.3*float64(i)), st)
		}
	case g.Label.H > 1.5*v.places.Caption:
		caption2(c, title, g.Label.X, g.Y, g.Label.W, g.Label.H, st)
	default:
		st.Size = ui.FitText(c, title, st.Size, math.Max(g.Label.W, g.Block().W))
		c.Text(title, g.Label.X, g.Label.CenterY(), st)
	}
	drawPicture(ctx, c, g, b)
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

// scoreRow is where the bar of digit i is: ten rows, or two columns of
// five (0–4, 5–9) in the projector layout.
func (v *View) scoreRow(i int) ui.Rect {
	r := v.places.Scores
	if v.places.ScoreCols == 2 {
		gap := math.Round(r.W * 0.04)
		w := (r.W - gap) / 2
		h := r.H / 5
		return ui.R(r.X+float64(i/5)*(w+gap), r.Y+float64(i%5)*h, w, h)
	}
	h := r.H / 10
	return ui.R(r.X, r.Y+float64(i)*h, r.W, h)
}

// scoreText is the size of the scores' numbers and the width their
// column takes.
func (v *View) scoreText(c ui.TextMeasurer, ctx *ui.Context) (size, labW, pctW float64) {
	row := v.scoreRow(0)
	size = math.Min(math.Max(v.places.Caption, ctx.Px(ctx.Theme.FontSmall)), row.H*0.72)
	labW = size * 1.1
	pctW = c.MeasureText(v.pctText(1), ui.TextStyle{Size: size, Bold: true}) + size*0.4
	return size, labW, pctW
}

// pctText writes a probability as the bars show it: one decimal, or none
// on a narrow screen.
func (v *View) pctText(p float32) string {
	if v.places.Narrow {
		return fmt.Sprintf("%.0f%%", 100*p)
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}

// scoreBar is where the bar of digit i goes (its full length).
func (v *View) scoreBar(i int) ui.Rect {
	row := v.scoreRow(i)
	_, labW, pctW := v.scoreText(ui.ApproxText{}, &ui.Context{Scale: v.scale, Theme: &ui.Light})
	return ui.R(row.X+labW+2, row.Y+row.H*0.15, math.Max(0, row.W-labW-pctW-4), row.H*0.7)
}

func (v *View) drawScores(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	L := &v.places
	r := L.Scores
	lang := ctx.Lang
	win := -1
	if v.has {
		win = v.acts.Label()
	}
	switch {
	case L.Present && win >= 0:
		// The prediction, large enough for the back of the room.
		c.Text(fmt.Sprintf(txtPredicted.In(lang), win), r.X, r.Y-ctx.Px(th.FontBig)*0.7, ui.TextStyle{Size: ctx.Px(th.FontBig), Color: th.Winner, Bold: true})
	case !L.Narrow:
		c.Text(txtProbs.In(lang), r.X, r.Y-L.Caption*0.9, ui.TextStyle{Size: L.Caption, Color: th.Text, Bold: true})
	}
	size, labW, pctW := v.scoreText(c, ctx)
	for i := range 10 {
		row := v.scoreRow(i)
		p := float64(v.acts.Probs[i])
		col := th.Accent
		st := ui.TextStyle{Size: size, Color: th.Text, Align: ui.AlignCenter, Mono: true}
		if i == win {
			col = th.Winner
			st.Bold = true
			st.Color = th.Winner
			c.FillRect(row.Round(), lerpC(th.Panel, th.Winner, 0.12))
		}
		c.Text(strconv.Itoa(i), row.X+labW/2, row.CenterY(), st)
		bar := ui.R(row.X+labW+2, row.Y+row.H*0.15, math.Max(0, row.W-labW-pctW-4), row.H*0.7)
		c.FillRect(bar.Round(), th.Bg)
		c.FillRect(ui.R(bar.X, bar.Y, math.Max(0, bar.W*p), bar.H).Round(), col)
		if v.has {
			st.Align = ui.AlignRight
			c.Text(v.pctText(float32(p)), row.Right(), row.CenterY(), st)
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

// drawInfo shows the computation of the selected unit (worked out by
// layoutInfo), or what to do to see one.
func (v *View) drawInfo(ctx *ui.Context, c ui.Canvas) {
	L := &v.places
	lang := ctx.Lang
	r := L.Info
	if r.H < 40*ctx.Scale {
		return
	}
	if e, ok := v.explanation(); ok {
		v.drawExplanation(ctx, c, v.infoAt, &e, v.info.level)
		v.looksDraw(ctx, c)
		return
	}
	lines := []string{txtPointAtUnit.In(lang)}
	if ctx.Touch {
		lines[0] = txtTapUnit.In(lang)
	}
	if !L.Narrow {
		lines = append(lines, fmt.Sprintf(txtSizes.In(lang), lenet.Thousands(lenet.NumParams), lenet.Thousands(lenet.NumMACs)))
		if !ctx.Touch {
			lines = append(lines, txtKeys.In(lang))
		}
	}
	ui.Panel(ctx, c, r, i18n.ReceptiveField.In(lang), lines)
}

// caption2 writes s in as many lines of width w as fit in height h (at
// least two) that end just above y. A caption of the form "name: what it
// is" that does not fit keeps its name alone; only a name that does not
// fit either is shrunk.
func caption2(c ui.Canvas, s string, x, y, w, h float64, st ui.TextStyle) {
	most := max(2, int(h/(st.Size*1.25)))
	lines := ui.WrapText(c, s, w, st)
	if name, _, ok := strings.Cut(s, ": "); ok && len(lines) > most {
		lines = ui.WrapText(c, name, w, st)
		s = name
	}
	for len(lines) > most && st.Size > 6 {
		st.Size *= 0.9
		lines = ui.WrapText(c, s, w, st)
	}
	lh := st.Size * 1.25
	for i, l := range lines {
		c.Text(l, x, y-lh*(float64(len(lines)-i)-0.5)-st.Size*0.2, st)
	}
}
