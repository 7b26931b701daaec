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

// convSpec registers the convolution playground, ?view=conv.
var convSpec = ui.Spec{
	Name:   "conv",
	Params: convParams,
	Title:  i18n.Text{En: "Convolution playground: kernel, padding, stride, bias", Ko: "컨볼루션 실험실: 커널, 덧대기, 보폭, 바이어스"},
	New:    func(ctx *ui.Context) ui.View { return newConvView(ctx) },
}

// convView is the convolution playground, ?view=conv.
type convView struct {
	conv *lecture.Conv
	res  *lecture.ConvResult
	win  lecture.Window

	source, size, mode, padding, stride ui.Choice
	preset, bias                        ui.Stepper
	cells                               []ui.NumberCell

	lines              []ui.Rect // the control lines
	kernelRect         ui.Rect   // the editable kernel
	flipRect           ui.Rect   // the flipped kernel (convolution)
	flipText           ui.Rect   // where the note on correlation goes
	in, out            cellMap
	inArea, outArea    ui.Rect
	text               ui.Rect
	point              pointer
	msg                i18n.Text // what was refused: a URL parameter, the drawing before there is one
	seenInput          uint64
	wide               bool
	controls, mainArea ui.Rect
	lang               i18n.Lang
	area               ui.Rect // what Layout last received
}

func newConvView(ctx *ui.Context) *convView {
	v := &convView{conv: lecture.NewConv(), lang: ctx.Lang}
	v.preset.Min, v.preset.Max = 0, int(lecture.PresetCustom)
	v.bias.Min, v.bias.Max = -2*lecture.MaxBias, 2*lecture.MaxBias
	v.bias.Format = func(x int) string { return ui.FormatNum(float32(x) / 2) }
	v.preset.Format = func(x int) string { return lecture.Preset(x).Name(v.lang) }
	if g, ok := drawing(ctx); ok {
		v.conv.SetDrawing(g)
		v.seenInput = ctx.Shared.InputVersion
	}
	v.msg = applyConvParams(ctx, v.conv)
	if r := v.conv.Run(); r.Err == nil {
		v.conv.SetPoint(strongest(r.Out))
	}
	v.sync(ctx.Theme)
	v.refresh(ctx)
	return v
}

// sync copies the state into the widgets.
func (v *convView) sync(th *ui.Theme) {
	c := v.conv
	v.source.Index = int(c.Source)
	v.preset.Value = int(c.Preset)
	v.size.Index = (c.Size - 3) / 2
	v.mode.Index = int(c.Mode)
	v.padding.Index = c.Pad
	v.stride.Index = c.Stride - 1
	v.bias.Value = int(math.Round(float64(c.Bias) * 2))
	if len(v.cells) != len(c.Kernel) {
		v.cells = make([]ui.NumberCell, len(c.Kernel))
	}
	for i := range v.cells {
		cell := &v.cells[i]
		cell.Min, cell.Max, cell.Step = -lecture.MaxCell, lecture.MaxCell, 0.5
		if !cell.Editing() {
			cell.Value = float64(c.Kernel[i])
		}
	}
	for i := range v.cells {
		v.cells[i].Fill = ui.Diverging(float32(v.cells[i].Value), 2.5*kernelScale(c.Kernel), th)
	}
}

// refresh recomputes the feature map and the pictures.
func (v *convView) refresh(ctx *ui.Context) {
	v.res = v.conv.Run()
	v.in.set(v.res.In, v.res.Pad, false, ctx.Theme)
	if v.res.Err == nil {
		v.out.set(v.res.Out, 0, true, ctx.Theme)
		v.win, _ = v.res.Window(v.conv.PointY, v.conv.PointX)
	} else {
		v.out = cellMap{}
		v.win = lecture.Window{}
	}
	v.place(ctx)
}

func (v *convView) Layout(ctx *ui.Context, area ui.Rect) {
	l := ctx.Lang
	v.area = area
	v.lang = ctx.Lang
	v.source.Options = []string{l.Pick("test image", "시험 영상"), l.Pick("digit", "예시 숫자"), l.Pick("drawing", "내 그림")}
	v.size.Options = []string{"3×3", "5×5"}
	v.mode.Options = []string{i18n.Correlation.In(ctx.Lang), i18n.Convolution.In(ctx.Lang)}
	v.padding.Options = []string{"0", "1", "2", "same"}
	v.stride.Options = []string{"1", "2", "3"}
	v.wide = area.W >= ctx.Px(760)
	pad := ctx.Px(ctx.Theme.Pad)
	area = area.Inset(pad)
	lineH, gap, lw := ctx.Px(30), ctx.Px(6), ctx.Px(92)
	linesH := 7*(lineH+gap) - gap
	cell := ctx.Px(40)
	if v.conv.Size == 5 {
		cell = ctx.Px(28)
	}
	kernelH := ctx.Px(26) + cell*float64(v.conv.Size) + ctx.Px(20)
	var lineCol, kernelArea ui.Rect
	if v.wide {
		v.controls, v.mainArea = area.CutLeft(math.Min(ctx.Px(330), area.W*0.4))
		_, v.mainArea = v.mainArea.CutLeft(pad * 2)
		lineCol = v.controls
		_, kernelArea = v.controls.CutTop(linesH + gap)
	} else {
		// narrow: the control lines, and the kernel beside them when it fits
		lineW := math.Min(area.W, ctx.Px(340))
		beside := area.W-lineW-pad >= 2*cell*float64(v.conv.Size)+ctx.Px(24)
		h := linesH + gap + kernelH
		if beside {
			h = math.Max(linesH, kernelH)
		}
		v.controls, v.mainArea = area.CutTop(h + pad)
		lineCol = ui.Rect{X: area.X, Y: area.Y, W: lineW, H: linesH}
		if beside {
			kernelArea = ui.Rect{X: area.X + lineW + pad, Y: area.Y, W: area.W - lineW - pad, H: kernelH}
		} else {
			kernelArea = ui.Rect{X: area.X, Y: area.Y + linesH + gap, W: area.W, H: kernelH}
		}
	}
	v.lines, _ = stack(lineCol, 7, lineH, gap, lw)
	// the order of the lines is the Tab order: the operation first, as
	// the view is about correlation versus convolution
	v.mode.Rect, v.preset.Rect, v.size.Rect, v.padding.Rect = v.lines[0], v.lines[1], v.lines[2], v.lines[3]
	v.stride.Rect, v.bias.Rect, v.source.Rect = v.lines[4], v.lines[5], v.lines[6]
	_, rest := kernelArea.CutTop(ctx.Px(26)) // the kernel captions
	cell = math.Floor(math.Min(cell, (rest.W-ctx.Px(24))/float64(2*v.conv.Size)))
	side := cell * float64(v.conv.Size)
	v.kernelRect = ui.Rect{X: rest.X, Y: rest.Y, W: side, H: side}
	v.flipRect = ui.Rect{X: rest.X + side + ctx.Px(24), Y: rest.Y, W: side, H: side}
	v.flipText = ui.Rect{X: v.flipRect.X, Y: v.flipRect.Y, W: math.Max(0, kernelArea.Right()-v.flipRect.X), H: v.flipRect.H}
	for i := range v.cells {
		v.cells[i].Rect = v.kernelRect.Grid(v.conv.Size, v.conv.Size, 0, i%v.conv.Size, i/v.conv.Size)
	}
	v.place(ctx)
}

// place lays out the two maps and the text in the main area.
func (v *convView) place(ctx *ui.Context) {
	if v.mainArea.Empty() {
		v.in.place(ui.Rect{}, 0)
		v.out.place(ui.Rect{}, 0)
		v.inArea, v.outArea, v.text = ui.Rect{}, ui.Rect{}, ui.Rect{}
		return
	}
	cap := ctx.Px(24)
	textH := ctx.Px(170)
	maps, text := v.mainArea.CutTop(math.Max(ctx.Px(120), v.mainArea.H-textH))
	_, v.text = text.CutTop(ctx.Px(8))
	half := (maps.W - ctx.Px(24)) / 2
	v.inArea = ui.Rect{X: maps.X, Y: maps.Y + cap, W: half, H: maps.H - cap}
	v.outArea = ui.Rect{X: maps.X + half + ctx.Px(24), Y: maps.Y + cap, W: half, H: maps.H - cap}
	v.in.place(v.inArea, ctx.Px(40))
	v.out.place(v.outArea, ctx.Px(40))
}

func (v *convView) Update(ctx *ui.Context, in *ui.Input) {
	c := v.conv
	changed := false
	if ctx.Shared != nil && ctx.Shared.InputVersion != v.seenInput {
		v.seenInput = ctx.Shared.InputVersion
		if g, ok := drawing(ctx); ok {
			c.SetDrawing(g)
			changed = changed || c.Source == lecture.SourceDrawing
		}
	}
	if in.Pressed || len(in.Keys) > 0 {
		v.msg = i18n.Text{}
	}
	if v.mode.Update(ctx, in) {
		c.Mode = cnn.Mode(v.mode.Index)
		changed = true
	}
	if v.preset.Update(ctx, in) {
		c.SetPreset(lecture.Preset(v.preset.Value))
		changed = true
	}
	resized := false
	if v.size.Update(ctx, in) {
		_ = c.SetSize(3 + 2*v.size.Index)
		changed, resized = true, true
	}
	if v.padding.Update(ctx, in) {
		_ = c.SetPad(v.padding.Index)
		changed = true
	}
	if v.stride.Update(ctx, in) {
		_ = c.SetStride(v.stride.Index + 1)
		changed = true
	}
	if v.bias.Update(ctx, in) {
		_ = c.SetBias(float32(v.bias.Value) / 2)
		changed = true
	}
	if v.source.Update(ctx, in) {
		if err := c.SetSource(lecture.Source(v.source.Index)); err != nil {
			v.msg = txtDrawFirst
		}
		changed = true
	}
	for i := range v.cells {
		if v.cells[i].Update(ctx, in) && !resized {
			if err := c.SetCell(i, float32(v.cells[i].Value)); err == nil {
				changed = true
			}
		}
	}
	// The output map: point at a value, or focus the map and use the
	// arrow keys, to see the window and the multiply-add behind it.
	y, x, moved := v.point.update(ctx, in, &v.out, c.PointY, c.PointX)
	if moved {
		c.SetPoint(y, x)
	}
	if changed {
		v.sync(ctx.Theme)
		if resized {
			v.Layout(ctx, v.area)
		}
		v.refresh(ctx)
		ctx.Announce(v.summary(ctx))
	} else if moved && v.res.Err == nil {
		v.win, _ = v.res.Window(c.PointY, c.PointX)
		ctx.Announce(v.win.Expression(ctx.Lang))
	}
}

// summary is the output size and what it means, for the status line.
func (v *convView) summary(ctx *ui.Context) string {
	l := ctx.Lang
	if v.res.Err != nil {
		return v.res.Explanation(l)
	}
	return fmt.Sprintf("%s %d×%d. %s", i18n.FeatureMap.In(l), v.res.Out.H, v.res.Out.W, v.res.Explanation(l))
}

func (v *convView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := ctx.Lang
	small := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted}
	labels := []string{
		ctx.Lang.Pick("operation", "연산"), i18n.Kernel.In(l), ctx.Lang.Pick("size", "크기"),
		i18n.Padding.In(l), i18n.Stride.In(l), i18n.Bias.In(l), ctx.Lang.Pick("picture", "입력 영상"),
	}
	for i, r := range v.lines {
		c.Text(labels[i], v.controls.X, r.CenterY(), small)
	}
	v.source.Draw(ctx, c)
	v.preset.Draw(ctx, c)
	v.size.Draw(ctx, c)
	v.mode.Draw(ctx, c)
	v.padding.Draw(ctx, c)
	v.stride.Draw(ctx, c)
	v.bias.Draw(ctx, c)

	capY := v.kernelRect.Y - ctx.Px(12)
	label(ctx, c, i18n.Kernel.In(l), v.kernelRect.X, capY, true)
	hint := ctx.Lang.Pick("click a cell, type a number, Enter; ↑↓ ±0.5", "칸을 눌러 숫자를 입력하고 Enter; ↑↓ ±0.5")
	if ctx.Touch {
		hint = ctx.Lang.Pick("tap a cell and type a number", "칸을 눌러 숫자를 입력하세요")
	}
	c.Text(hint, v.kernelRect.X, v.kernelRect.Bottom()+ctx.Px(12), ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted})
	for i := range v.cells {
		v.cells[i].Draw(ctx, c)
	}
	if v.res.Mode == cnn.Convolution {
		label(ctx, c, ctx.Lang.Pick("turned 180°", "180° 뒤집은 커널"), v.flipRect.X, capY, true)
		n := v.res.Size
		for i, k := range v.res.Applied {
			r := v.flipRect.Grid(n, n, 0, i%n, i/n).Round()
			c.FillRect(r, ui.Diverging(k, 2.5*kernelScale(v.res.Applied), th))
			c.StrokeRect(r, 1, th.Line)
			c.Text(ui.FormatNum(k), r.CenterX(), r.CenterY(), ui.TextStyle{Size: math.Min(ctx.Px(th.FontBody), r.H*0.5), Color: th.Text, Align: ui.AlignCenter, Mono: true})
		}
	} else {
		textLines(ctx, c, v.flipText,
			[]string{ctx.Lang.Pick("Cross-correlation slides the kernel as it is. Switch to convolution to see it turned 180°.",
				"교차상관은 커널을 그대로 밉니다. 컨볼루션으로 바꾸면 180° 뒤집힌 커널을 볼 수 있습니다.")},
			ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted})
	}
	if msg := v.message(l); msg != "" {
		y := math.Max(v.kernelRect.Bottom(), v.flipRect.Bottom()) + ctx.Px(26)
		textLines(ctx, c, ui.Rect{X: v.controls.X, Y: y, W: v.controls.W, H: ctx.Px(120)}, []string{msg},
			ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Pos})
	}

	if v.inArea.Empty() {
		return
	}
	// The maps.
	inCap := fmt.Sprintf("%s %d×%d", i18n.Input.In(l), v.res.In.H, v.res.In.W)
	if v.res.Pad > 0 {
		inCap += ctx.Lang.Pick(fmt.Sprintf(", padded by %d (grey)", v.res.Pad), fmt.Sprintf(", 덧대기 %d (회색)", v.res.Pad))
	}
	label(ctx, c, inCap, v.inArea.X, v.inArea.Y-ctx.Px(12), true)
	v.in.draw(ctx, c)
	if v.res.Err == nil {
		if !v.res.Tiles() {
			// shade the rows and columns of the padded input no window reads
			p := v.res.Pad
			rows, cols := v.res.In.H+2*p, v.res.In.W+2*p
			if v.res.CoveredH < rows {
				c.FillRect(v.in.span(v.res.CoveredH-p, -p, rows-1-p, cols-1-p), shadeColour)
			}
			if v.res.CoveredW < cols {
				c.FillRect(v.in.span(-p, v.res.CoveredW-p, min(v.res.CoveredH, rows)-1-p, cols-1-p), shadeColour)
			}
		}
		n := v.res.Size
		wr := v.in.span(v.win.Y0, v.win.X0, v.win.Y0+n-1, v.win.X0+n-1)
		c.StrokeRect(wr.Round(), math.Max(2, ctx.Px(2.5)), windowColour)
		outCap := fmt.Sprintf("%s %d×%d", i18n.FeatureMap.In(l), v.res.Out.H, v.res.Out.W)
		label(ctx, c, outCap, v.outArea.X, v.outArea.Y-ctx.Px(12), true)
		v.out.draw(ctx, c)
		or := v.out.cellRect(v.win.OY, v.win.OX)
		c.StrokeRect(or.Round(), math.Max(2, ctx.Px(2.5)), windowColour)
		if v.point.focused {
			focusRing(ctx, c, v.out.rect)
		}
	}

	// The numbers.
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	paras := []string{
		ctx.Lang.Pick("output size: ", "출력 크기: ") + v.res.SizeFormula(l),
		v.res.Explanation(l),
	}
	if v.res.Err == nil {
		paras = append(paras, ctx.Lang.Pick(fmt.Sprintf("value at row %d, column %d: ", v.win.OY, v.win.OX), fmt.Sprintf("행 %d, 열 %d의 값: ", v.win.OY, v.win.OX))+v.win.Expression(l))
	}
	text := v.text
	if b := math.Max(v.in.rect.Bottom(), v.out.rect.Bottom()) + ctx.Px(16); b < text.Y {
		text.H += text.Y - b
		text.Y = b
	}
	y := textLines(ctx, c, text, paras[:1], ui.TextStyle{Size: body.Size, Color: th.Text, Bold: true, Mono: true})
	col := th.Text
	if !v.res.Tiles() || v.res.Err != nil {
		col = th.Pos
	}
	rest := text
	rest.H -= y - rest.Y
	rest.Y = y
	y = textLines(ctx, c, rest, paras[1:2], ui.TextStyle{Size: body.Size, Color: col})
	rest.H -= y - rest.Y
	rest.Y = y
	textLines(ctx, c, rest, paras[2:], body)
}

// message is what the view must say in red: a kernel value it refused
// (and what is allowed), or a URL parameter or choice it could not take.
func (v *convView) message(l i18n.Lang) string {
	for i := range v.cells {
		if p := v.cells[i].Problem(l); p != "" {
			return p
		}
	}
	return v.msg.In(l)
}

// kernelScale is the colour scale of a kernel: its largest magnitude.
func kernelScale(k []float32) float32 { return max(ui.MaxAbs(k), 1e-6) }

// State is what the page exposes for tests. Names are English whatever
// the language; the sentences are in the view's language.
func (v *convView) State() *jsonw.Object {
	r := v.res
	var o jsonw.Object
	o.Str("view", "conv").Str("lang", v.lang.Code()).Str("source", v.conv.Source.Name(i18n.En)).Str("preset", v.conv.Preset.Name(i18n.En)).
		Int("size", r.Size).Str("mode", r.Mode.String()).Int("padding", r.Pad).Bool("same", v.conv.Pad == lecture.PadSame).
		Int("stride", r.Stride).Float32("bias", r.Bias).Floats32("kernel", r.Kernel).Floats32("applied", r.Applied).
		Int("inH", r.In.H).Int("inW", r.In.W).Int("outH", r.Out.H).Int("outW", r.Out.W).Floats32("out", r.Out.Pix).
		Bool("tiles", r.Tiles()).Str("formula", r.SizeFormula(v.lang)).Str("explanation", r.Explanation(v.lang)).
		Ints("point", []int{v.conv.PointY, v.conv.PointX})
	if r.Err != nil {
		o.Str("expression", "").Str("message", v.message(v.lang)).Str("error", r.Err.Error())
	} else {
		o.Str("expression", v.win.Expression(v.lang)).Str("message", v.message(v.lang))
	}
	editing, typed := -1, ""
	for i := range v.cells {
		if v.cells[i].Editing() {
			editing, typed = i, v.cells[i].Typed()
		}
	}
	return o.Bool("outputFocused", v.point.focused).Int("editing", editing).Str("typed", typed).
		Floats("kernelRect", []float64{v.kernelRect.X, v.kernelRect.Y, v.kernelRect.W, v.kernelRect.H})
}
