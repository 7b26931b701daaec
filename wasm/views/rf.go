package views

import (
	"fmt"
	"image/color"
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// rfSpec registers receptive fields, ?view=rf.
var rfSpec = ui.Spec{
	Name:   "rf",
	Params: rfParams,
	Title:  i18n.Text{En: "Receptive fields: what a unit deep in LeNet-5 can see", Ko: "수용장: LeNet-5 깊은 층의 유닛이 보는 영역"},
	New:    func(ctx *ui.Context) ui.View { return newRFView(ctx) },
}

// rfView shows the receptive field of a unit, ?view=rf.
type rfView struct {
	rf        *lecture.RF
	steps     []lecture.RFStep
	layer     ui.Choice
	input     cellMap
	maps      []cellMap // one per step before the input, the chosen layer first
	mapAreas  []ui.Rect
	inArea    ui.Rect
	text      ui.Rect
	ctrl      ui.Rect
	point     pointer
	seenInput uint64
	msg       i18n.Text // what the address asked for that could not be done
	wide      bool
	lang      i18n.Lang
	acts      lenet.Activations // the network's answer to the picture
	ev        rfEvidence        // the evidence over the input (rfevidence.go)
	area      ui.Rect           // the area last laid out in
}

func newRFView(ctx *ui.Context) *rfView {
	v := &rfView{rf: lecture.NewRF(), lang: ctx.Lang}
	if g, ok := drawing(ctx); ok {
		v.rf.SetDrawing(g)
		v.seenInput = ctx.Shared.InputVersion
	}
	for _, l := range lecture.RFLayers() {
		v.layer.Options = append(v.layer.Options, l.Name)
	}
	v.msg, v.ev.method = applyRFParams(ctx, v.rf)
	v.layer.Index = v.rf.Layer
	v.refresh(ctx)
	return v
}

func (v *rfView) refresh(ctx *ui.Context) {
	v.steps = v.rf.Steps()
	if len(v.steps) == 0 { // cannot happen: the unit is kept inside its map
		v.rf = lecture.NewRF()
		v.steps = v.rf.Steps()
	}
	in := v.rf.Input()
	v.input.set(in, 0, false, ctx.Theme)
	if ctx.Shared != nil && ctx.Shared.Net != nil {
		ctx.Shared.Net.Forward(in.Pix, &v.acts)
	}
	v.maps = make([]cellMap, len(v.steps)-1)
	for i, st := range v.steps[:len(v.steps)-1] {
		// Each position's strongest activation over the layer's maps.
		g := lecture.Grid{W: st.Shape.W, H: st.Shape.H, Pix: make([]float32, st.Shape.W*st.Shape.H)}
		if id, ok := lenet.LayerNamed(st.Layer); ok {
			vals := id.Values(&v.acts)
			for j := range vals {
				g.Pix[j%len(g.Pix)] = max(g.Pix[j%len(g.Pix)], vals[j])
			}
		}
		v.maps[i].set(g, 0, true, ctx.Theme)
		v.maps[i].blank = true // colours only: the numbers are not the point here
	}
	v.computeEvidence(ctx)
	v.place(ctx)
}

func (v *rfView) Layout(ctx *ui.Context, area ui.Rect) {
	v.area = area
	v.lang = ctx.Lang
	v.sayEvidence()
	area = area.Inset(ctx.Px(ctx.Theme.Pad))
	v.wide = area.W >= ctx.Px(760) || area.W > area.H*1.2
	var rest ui.Rect
	v.ctrl, rest = area.CutTop(ctx.Px(30))
	lw := math.Min(ctx.Px(150), v.ctrl.W*0.3)
	v.layer.Rect = ui.Rect{X: v.ctrl.X + lw, Y: v.ctrl.Y, W: math.Min(ctx.Px(360), v.ctrl.W-lw), H: v.ctrl.H}
	// The evidence's choice beside the layer's where it fits, else on a
	// line of its own under it.
	if ex := v.layer.Rect.Right() + ctx.Px(24); v.ctrl.Right()-ex >= ctx.Px(380) {
		v.evidenceRow(ctx, ui.Rect{X: ex, Y: v.ctrl.Y, W: v.ctrl.Right() - ex, H: v.ctrl.H})
	} else {
		var row ui.Rect
		_, rest = rest.CutTop(ctx.Px(8))
		row, rest = rest.CutTop(ctx.Px(30))
		v.evidenceRow(ctx, row)
	}
	_, rest = rest.CutTop(ctx.Px(12))
	capH := ctx.Px(24)
	// Five places for the maps (C5 has five layers before the input),
	// the sixth for the evidence's colour scale.
	v.mapAreas = make([]ui.Rect, 6)
	if v.wide {
		textH := ctx.Px(120)
		if v.ev.method != rfOff {
			textH += ctx.Px(44) // what the evidence says
		}
		body, text := rest.CutTop(math.Max(ctx.Px(160), rest.H-textH))
		v.text = text
		side := math.Min(body.H-capH, body.W*0.48)
		v.inArea = ui.Rect{X: body.X, Y: body.Y + capH, W: side, H: side}
		right := ui.Rect{X: body.X + side + ctx.Px(28), Y: body.Y, W: body.W - side - ctx.Px(28), H: body.H}
		for i := range v.mapAreas {
			cell := right.Grid(3, 2, ctx.Px(16), i%3, i/3)
			_, v.mapAreas[i] = cell.CutTop(capH)
		}
	} else {
		// narrow: the input on top, the maps of the layers in a row of
		// three under it, the text below
		side := math.Min(rest.W, rest.H*0.45)
		v.inArea = ui.Rect{X: rest.X, Y: rest.Y + capH, W: side, H: side}
		gap := ctx.Px(12)
		mw := (rest.W - 2*gap) / 3
		y0 := v.inArea.Bottom() + ctx.Px(12)
		for i := range v.mapAreas {
			v.mapAreas[i] = ui.Rect{X: rest.X + float64(i%3)*(mw+gap), Y: y0 + capH + float64(i/3)*(mw+capH+gap), W: mw, H: mw}
		}
		v.text = ui.Rect{X: rest.X, Y: y0 + 2*(mw+capH+gap), W: rest.W, H: math.Max(0, rest.Bottom()-(y0+2*(mw+capH+gap)))}
	}
	v.place(ctx)
}

func (v *rfView) place(ctx *ui.Context) {
	if v.inArea.Empty() {
		return
	}
	v.input.place(v.inArea, ctx.Px(20))
	v.ev.shown.place(v.inArea, ctx.Px(20))
	v.placeEvidence(ctx, v.mapAreas[5])
	for i := range v.maps {
		if i < len(v.mapAreas) {
			v.maps[i].place(v.mapAreas[i], ctx.Px(28))
		}
	}
}

func (v *rfView) Update(ctx *ui.Context, in *ui.Input) {
	changed := false
	if ctx.Shared != nil && ctx.Shared.InputVersion != v.seenInput {
		v.seenInput = ctx.Shared.InputVersion
		if g, ok := drawing(ctx); ok {
			v.rf.SetDrawing(g)
			changed = true
		}
	}
	if in.Pressed || len(in.Keys) > 0 {
		v.msg = i18n.Text{}
	}
	if v.layer.Update(ctx, in) {
		_ = v.rf.SetLayer(v.layer.Index)
		changed = true
	}
	if len(v.maps) > 0 {
		y, x, moved := v.point.update(ctx, in, &v.maps[0], v.rf.Y, v.rf.X)
		if moved {
			v.rf.SetUnit(y, x)
			changed = true
		}
	}
	if v.ev.choice.Update(ctx, in) {
		v.ev.method = v.ev.choice.Index
		v.Layout(ctx, v.area) // the colour scale takes room under the input
		changed = true
	}
	if changed {
		v.refresh(ctx)
		ctx.Announce(v.rf.Text(v.lang))
	}
}

func (v *rfView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := ctx.Lang
	c.Text(l.Pick("unit in layer", "유닛을 고를 층"), v.ctrl.X, v.ctrl.CenterY(), ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted})
	v.layer.Draw(ctx, c)
	in := v.steps[len(v.steps)-1]
	label(ctx, c, l.Pick(fmt.Sprintf("input 32×32: the %d×%d region that can influence the unit", in.Span.H(), in.Span.W()),
		fmt.Sprintf("입력 32×32: 유닛에 영향을 줄 수 있는 %d×%d 영역", in.Span.H(), in.Span.W())), v.inArea.X, v.inArea.Y-ctx.Px(12), true)
	fill := rfFill
	sp := in.Span
	r := v.input.span(sp.Y0, sp.X0, sp.Y1, sp.X1).Round()
	if v.ev.ok {
		// The evidence in the input's place, the field framed on it
		// (a fill would change the evidence's colours).
		v.ev.shown.draw(ctx, c)
		c.StrokeRect(r.Inset(-1), math.Max(3, ctx.Px(4)), ctx.Theme.Text)
		c.StrokeRect(r, math.Max(2, ctx.Px(2)), windowColour)
	} else {
		v.input.draw(ctx, c)
		c.FillRect(r, fill)
		c.StrokeRect(r, math.Max(2, ctx.Px(3)), windowColour)
	}
	v.drawEvidence(ctx, c)
	for i, st := range v.steps[:len(v.steps)-1] {
		if i >= len(v.maps) || i >= len(v.mapAreas) {
			break
		}
		m := &v.maps[i]
		capText := fmt.Sprintf("%s %d×%d", st.Layer, st.Shape.H, st.Shape.W)
		switch {
		case i == 0 && v.wide:
			capText = l.Pick(fmt.Sprintf("%s: unit (%d, %d)", capText, sp0(v).Y0, sp0(v).X0), fmt.Sprintf("%s: 유닛 (%d, %d)", capText, sp0(v).Y0, sp0(v).X0))
		case i == 0:
			capText = fmt.Sprintf("%s (%d, %d)", st.Layer, sp0(v).Y0, sp0(v).X0)
		case v.wide:
			capText += fmt.Sprintf(": %d×%d", st.Span.H(), st.Span.W())
		}
		label(ctx, c, capText, m.rect.X, m.rect.Y-ctx.Px(12), i == 0)
		m.draw(ctx, c)
		rr := m.span(st.Span.Y0, st.Span.X0, st.Span.Y1, st.Span.X1).Round()
		c.FillRect(rr, fill)
		c.StrokeRect(rr, math.Max(2, ctx.Px(2)), windowColour)
		if i == 0 && v.point.focused {
			focusRing(ctx, c, m.rect)
		}
	}
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	text := v.text
	bottom := v.input.rect.Bottom()
	for i := range v.maps {
		bottom = math.Max(bottom, v.maps[i].rect.Bottom())
	}
	if b := bottom + ctx.Px(16); b < text.Y {
		text.H += text.Y - b
		text.Y = b
	}
	head := []string{v.rf.Text(v.lang)}
	if v.ev.text != "" {
		head = []string{v.ev.text, head[0]} // what the student asked for first
	}
	y := textLines(ctx, c, text, head, ui.TextStyle{Size: body.Size, Color: th.Text, Bold: true})
	growth := l.Pick("The field grows layer by layer, r = r′ + (k − 1)·j (j: product of the strides so far): ",
		"수용장은 층마다 커집니다, r = r′ + (k − 1)·j (j: 앞선 보폭의 곱): ")
	for i, g := range lecture.RFGrowth() {
		if i > 0 {
			growth += "; "
		}
		growth += g
	}
	more := []string{growth, l.Pick("The layers' pictures show each position's strongest activation over the layer's feature maps: red is strong, white is zero.",
		"층 그림은 위치마다 그 층의 특징 맵 중 가장 큰 활성화 값을 보여 줍니다: 빨강은 크고, 흰색은 0입니다.")}
	if v.msg.En != "" {
		more = append(more, v.msg.In(ctx.Lang))
	}
	textLines(ctx, c, ui.Rect{X: text.X, Y: y, W: text.W, H: ctx.Screen.Bottom() - y}, append(more,
		l.Pick("Point at a unit of the first map, or Tab to it and use the arrow keys.", "첫 번째 맵에서 유닛을 가리키거나, Tab으로 이동해 화살표 키를 쓰세요.")), body)
}

// sp0 is the chosen unit.
func sp0(v *rfView) lecture.Span { return v.steps[0].Span }

// rfFill is the translucent orange of a receptive field (premultiplied).
var rfFill = color.RGBA{R: 0x38, G: 0x22, B: 0x00, A: 0x40}

// State is what the page exposes for tests.
func (v *rfView) State() *jsonw.Object {
	in := v.steps[len(v.steps)-1].Span
	steps := make([]*jsonw.Object, len(v.steps))
	for i, st := range v.steps {
		steps[i] = new(jsonw.Object).Str("layer", st.Layer).Obj("span", spanState(st.Span))
	}
	var o jsonw.Object
	return o.Str("view", "rf").Str("lang", v.lang.Code()).Str("layer", v.rf.Name()).Ints("unit", []int{v.rf.Y, v.rf.X}).
		Obj("region", spanState(in)).Ints("side", []int{in.H(), in.W()}).Objs("steps", steps).Str("text", v.rf.Text(v.lang)).
		Strs("growth", lecture.RFGrowth()).Bool("mapFocused", v.point.focused).Str("message", v.msg.In(v.lang)).
		Obj("evidence", v.evidenceState())
}

func spanState(s lecture.Span) *jsonw.Object {
	return new(jsonw.Object).Int("Y0", s.Y0).Int("X0", s.X0).Int("Y1", s.Y1).Int("X1", s.X1)
}
