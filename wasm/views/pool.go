package views

import (
	"fmt"
	"math"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// poolSpec registers max and average pooling, ?view=pool.
var poolSpec = ui.Spec{
	Name:   "pool",
	Params: poolParams,
	Title:  i18n.Text{En: "Pooling: max or average, window and stride", Ko: "풀링: 최대 또는 평균, 창과 보폭"},
	New:    func(ctx *ui.Context) ui.View { return newPoolView(ctx) },
}

// poolView is max and average pooling, ?view=pool.
type poolView struct {
	pool *lecture.Pool
	res  *lecture.PoolResult
	win  lecture.PoolWindow

	source, mode         ui.Choice
	size, stride         ui.Stepper
	lines                []ui.Rect
	controls, main, text ui.Rect
	inArea, outArea      ui.Rect
	in, out              cellMap
	point                pointer
	msg                  i18n.Text // what was refused: a URL parameter, the drawing before there is one
	seenInput            uint64
	lang                 i18n.Lang
	wide                 bool // controls beside the maps, else above
}

func newPoolView(ctx *ui.Context) *poolView {
	v := &poolView{pool: lecture.NewPool(), lang: ctx.Lang}
	v.size.Min, v.size.Max = 1, lecture.MaxPoolWindow
	v.stride.Min, v.stride.Max = 1, lecture.MaxPoolWindow
	v.size.Format = func(x int) string { return fmt.Sprintf("%d×%d", x, x) }
	if g, ok := drawing(ctx); ok {
		v.pool.SetDrawing(g)
		v.seenInput = ctx.Shared.InputVersion
	}
	v.msg = applyPoolParams(ctx, v.pool)
	if r := v.pool.Run(); r.Err == nil {
		v.pool.SetPoint(strongest(r.Out))
	}
	v.sync()
	v.refresh(ctx)
	return v
}

func (v *poolView) sync() {
	v.source.Index, v.mode.Index = int(v.pool.Source), int(v.pool.Mode)
	v.size.Value, v.stride.Value = v.pool.Size, v.pool.Stride
}

func (v *poolView) refresh(ctx *ui.Context) {
	v.res = v.pool.Run()
	v.in.set(v.res.In, 0, true, ctx.Theme)
	if v.res.Err == nil {
		v.out.set(v.res.Out, 0, true, ctx.Theme)
		v.out.scale = v.in.scale // one colour scale for both maps
		ui.FillDiverging(v.out.bmp, 0, 0, v.res.Out.Pix, v.res.Out.W, v.res.Out.H, v.in.scale, ctx.Theme)
		v.win, _ = v.res.Window(v.pool.PointY, v.pool.PointX)
	} else {
		v.out = cellMap{}
		v.win = lecture.PoolWindow{}
	}
	v.place(ctx)
}

func (v *poolView) Layout(ctx *ui.Context, area ui.Rect) {
	l := ctx.Lang
	v.lang = ctx.Lang
	v.source.Options = []string{l.Pick("small 8×8", "작은 맵 8×8"), l.Pick("digit edges", "숫자 엣지"), l.Pick("drawing", "내 그림")}
	v.mode.Options = []string{i18n.MaxPooling.In(v.lang), i18n.AvgPooling.In(v.lang)}
	pad := ctx.Px(ctx.Theme.Pad)
	area = area.Inset(pad)
	v.wide = area.W >= ctx.Px(760)
	if v.wide {
		v.controls, v.main = area.CutLeft(math.Min(ctx.Px(330), area.W*0.4))
		_, v.main = v.main.CutLeft(2 * pad)
	} else {
		v.controls, v.main = area.CutTop(4*ctx.Px(36) + pad)
	}
	v.lines, _ = stack(v.controls, 4, ctx.Px(30), ctx.Px(6), ctx.Px(92))
	v.source.Rect, v.mode.Rect, v.size.Rect, v.stride.Rect = v.lines[0], v.lines[1], v.lines[2], v.lines[3]
	v.place(ctx)
}

func (v *poolView) place(ctx *ui.Context) {
	if v.main.Empty() {
		return
	}
	maps, text := v.main.CutTop(math.Max(ctx.Px(120), v.main.H-ctx.Px(130)))
	_, v.text = text.CutTop(ctx.Px(8))
	cap, gap := ctx.Px(24), ctx.Px(24)
	half := (maps.W - gap) / 2
	v.inArea = ui.Rect{X: maps.X, Y: maps.Y + cap, W: half, H: maps.H - cap}
	v.outArea = ui.Rect{X: maps.X + half + gap, Y: maps.Y + cap, W: half, H: maps.H - cap}
	v.in.place(v.inArea, ctx.Px(48))
	v.out.place(v.outArea, ctx.Px(48))
}

func (v *poolView) Update(ctx *ui.Context, in *ui.Input) {
	p := v.pool
	changed := false
	if ctx.Shared != nil && ctx.Shared.InputVersion != v.seenInput {
		v.seenInput = ctx.Shared.InputVersion
		if g, ok := drawing(ctx); ok {
			p.SetDrawing(g)
			changed = p.Source == lecture.PoolDrawing
		}
	}
	if in.Pressed || len(in.Keys) > 0 {
		v.msg = i18n.Text{}
	}
	if v.source.Update(ctx, in) {
		if err := p.SetSource(lecture.PoolSource(v.source.Index)); err != nil {
			v.msg = txtDrawFirst
		}
		changed = true
	}
	if v.mode.Update(ctx, in) {
		_ = p.SetMode(cnn.PoolMode(v.mode.Index))
		changed = true
	}
	if v.size.Update(ctx, in) {
		_ = p.SetSize(v.size.Value)
		changed = true
	}
	if v.stride.Update(ctx, in) {
		_ = p.SetStride(v.stride.Value)
		changed = true
	}
	y, x, moved := v.point.update(ctx, in, &v.out, p.PointY, p.PointX)
	if moved {
		p.SetPoint(y, x)
	}
	if changed {
		v.sync()
		v.refresh(ctx)
		ctx.Announce(v.res.Explanation(v.lang))
	} else if moved && v.res.Err == nil {
		v.win, _ = v.res.Window(p.PointY, p.PointX)
		ctx.Announce(v.win.Expression(v.res.Mode))
	}
}

func (v *poolView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := v.lang
	muted := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted}
	labels := []string{i18n.FeatureMap.In(l), i18n.Pooling.In(l), i18n.Window.In(l), i18n.Stride.In(l)}
	for i, r := range v.lines {
		c.Text(labels[i], v.controls.X, r.CenterY(), muted)
	}
	v.source.Draw(ctx, c)
	v.mode.Draw(ctx, c)
	v.size.Draw(ctx, c)
	v.stride.Draw(ctx, c)
	notes := []string{ctx.Lang.Pick(
		"Pooling summarises each window of the feature map and removes excessive detail; stride s shrinks the map s times. It learns nothing: no parameters.",
		"풀링은 특징 맵의 각 창을 요약해 지나친 상세함을 줄입니다. 보폭 s는 맵을 s배 줄입니다. 학습할 매개변수는 없습니다.")}
	if v.msg.En != "" {
		notes = append(notes, v.msg.In(ctx.Lang))
	}
	if v.wide {
		last := v.lines[len(v.lines)-1]
		textLines(ctx, c, ui.Rect{X: v.controls.X, Y: last.Bottom() + ctx.Px(14), W: v.controls.W, H: ctx.Px(160)}, notes,
			ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted})
	}

	label(ctx, c, fmt.Sprintf("%s %d×%d", i18n.FeatureMap.In(l), v.res.In.H, v.res.In.W), v.inArea.X, v.inArea.Y-ctx.Px(12), true)
	v.in.draw(ctx, c)
	if v.res.Err == nil {
		r := v.res
		if !r.Tiles() {
			if r.CoveredH < r.In.H {
				c.FillRect(v.in.span(r.CoveredH, 0, r.In.H-1, r.In.W-1), shadeColour)
			}
			if r.CoveredW < r.In.W {
				c.FillRect(v.in.span(0, r.CoveredW, min(r.CoveredH, r.In.H)-1, r.In.W-1), shadeColour)
			}
		}
		// every winner, then the chosen window
		if r.Mode == cnn.MaxPool && v.in.cell >= ctx.Px(6) {
			w := math.Max(1, math.Round(ctx.Px(1.5)))
			for _, i := range r.Winners {
				c.StrokeRect(v.in.cellRect(i/r.In.W, i%r.In.W).Round(), w, th.Winner)
			}
		}
		wr := v.in.span(v.win.Y0, v.win.X0, v.win.Y0+r.Size-1, v.win.X0+r.Size-1)
		c.StrokeRect(wr.Round(), math.Max(2, ctx.Px(2.5)), windowColour)
		if v.win.Winner >= 0 {
			c.StrokeRect(v.in.cellRect(v.win.Winner/r.In.W, v.win.Winner%r.In.W).Round().Inset(ctx.Px(3)), math.Max(2, ctx.Px(2)), th.Winner)
		}
		label(ctx, c, fmt.Sprintf("%s %d×%d", poolName(r.Mode).In(l), r.Out.H, r.Out.W), v.outArea.X, v.outArea.Y-ctx.Px(12), true)
		v.out.draw(ctx, c)
		c.StrokeRect(v.out.cellRect(v.win.OY, v.win.OX).Round(), math.Max(2, ctx.Px(2.5)), windowColour)
		if v.point.focused {
			focusRing(ctx, c, v.out.rect)
		}
	}
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	text := v.text
	if b := math.Max(v.in.rect.Bottom(), v.out.rect.Bottom()) + ctx.Px(16); v.res.Err == nil && b < text.Y {
		text.H += text.Y - b
		text.Y = b
	}
	y := textLines(ctx, c, text, []string{ctx.Lang.Pick("output size: ", "출력 크기: ") + v.res.SizeFormula(l)},
		ui.TextStyle{Size: body.Size, Color: th.Text, Bold: true, Mono: true})
	rest := ui.Rect{X: text.X, Y: y, W: text.W, H: text.Bottom() - y}
	col := th.Text
	if !v.res.Tiles() || v.res.Err != nil {
		col = th.Pos
	}
	y = textLines(ctx, c, rest, []string{v.res.Explanation(l)}, ui.TextStyle{Size: body.Size, Color: col})
	if v.res.Err == nil {
		rest = ui.Rect{X: text.X, Y: y, W: text.W, H: text.Bottom() - y}
		y = textLines(ctx, c, rest, []string{ctx.Lang.Pick(fmt.Sprintf("row %d, column %d: ", v.win.OY, v.win.OX),
			fmt.Sprintf("행 %d, 열 %d: ", v.win.OY, v.win.OX)) + v.win.Expression(v.res.Mode)}, body)
	}
	if !v.wide {
		// on a narrow screen the notes come last
		textLines(ctx, c, ui.Rect{X: text.X, Y: y + ctx.Px(8), W: text.W, H: ctx.Screen.Bottom() - y}, notes,
			ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted})
	}
}

func poolName(m cnn.PoolMode) i18n.Term {
	if m == cnn.AvgPool {
		return i18n.AvgPooling
	}
	return i18n.MaxPooling
}

// State is what the page exposes for tests.
func (v *poolView) State() *jsonw.Object {
	r := v.res
	expr := ""
	if r.Err == nil {
		expr = v.win.Expression(r.Mode)
	}
	var o jsonw.Object
	return o.Str("view", "pool").Str("lang", v.lang.Code()).Str("source", v.pool.Source.Name(i18n.En)).Str("mode", r.Mode.String()).
		Int("size", r.Size).Int("stride", r.Stride).Int("inH", r.In.H).Int("inW", r.In.W).Int("outH", r.Out.H).Int("outW", r.Out.W).
		Floats32("out", r.Out.Pix).Ints("winners", r.Winners).Bool("tiles", r.Tiles()).Str("formula", r.SizeFormula(v.lang)).
		Str("explanation", r.Explanation(v.lang)).Ints("point", []int{v.pool.PointY, v.pool.PointX}).Str("expression", expr).
		Str("message", v.msg.In(v.lang))
}
