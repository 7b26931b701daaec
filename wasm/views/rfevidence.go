package views

import (
	"fmt"
	"math"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// The evidence in the receptive-field view: over the 32×32 input, the
// evidence for the class the network answers (the demo's Why? maps, of
// the class's score before softmax, in the same diverging colours with
// the same legend), with the chosen unit's receptive field framed on it,
// and how much of the positive evidence lies inside that field
// (lecture.FieldShare). Two maps: the gradient of the score (where more
// ink would raise it) and gradient × input (what each pixel's ink adds).

// The evidence shown: none, or a method.
const (
	rfOff = iota
	rfGradient
	rfGradInput
	rfNumEvidence
)

// rfEvidenceNames name the methods in the URL (?evidence=) and the state.
var rfEvidenceNames = [rfNumEvidence]string{"off", "gradient", "input"}

// rfEvidence is the view's evidence: the choice, the map and what it says.
type rfEvidence struct {
	method int
	choice ui.Choice
	row    ui.Rect // the label and the choice
	panel  ui.Rect // the colour scale and how to read it
	legend ui.Rect
	howAt  []string           // how, wrapped in the panel
	grad   *evidence.Gradient // made when first needed (about 50 KB)
	m      [lenet.InputLen]float32
	shown  cellMap // the map, coloured, the ink darkened in it
	ok     bool    // m is of the current input
	target int
	share  float64
	area   float64
	text   string // what the map says, in the view's language
	how    string // how to read its colours
	scale  string // the colour scale's caption
}

// computeEvidence makes the map of the view's input for the class the
// network answers, colours it and measures the part inside the unit's
// field. refresh calls it after the forward pass (v.acts).
func (v *rfView) computeEvidence(ctx *ui.Context) {
	e := &v.ev
	e.ok = false
	if e.method == rfOff || ctx.Shared == nil || ctx.Shared.Net == nil {
		v.sayEvidence()
		return
	}
	if e.grad == nil {
		e.grad = new(evidence.Gradient)
	}
	e.target = v.acts.Label()
	if err := e.grad.Backward(ctx.Shared.Net, &v.acts, e.target, evidence.Logit, e.m[:]); err != nil {
		v.sayEvidence()
		return
	}
	if e.method == rfGradInput {
		_ = evidence.TimesInput(e.m[:], e.m[:], v.acts.Input[:])
	}
	g := lecture.Grid{W: lenet.InputSide, H: lenet.InputSide, Pix: e.m[:]}
	e.share, e.area = lecture.FieldShare(g, v.steps[len(v.steps)-1].Span)
	e.shown.set(g, 0, true, ctx.Theme)
	e.shown.blank = true
	// The strokes show through, as in the demo: colour × (1 − d·ink),
	// d = 0.55 for the gradient; gradient × input lies on the ink alone,
	// whose shape its colours draw, so it is darkened less (d = 0.2) to
	// keep red and blue apart.
	d := float32(0.55)
	if e.method == rfGradInput {
		d = 0.2
	}
	ui.DarkenByInk(e.shown.bmp, v.acts.Input[:], lenet.InputSide, lenet.InputSide, d)
	e.shown.bmp.Touch()
	e.ok = true
	v.sayEvidence()
}

// sayEvidence writes what the map says in the view's language.
func (v *rfView) sayEvidence() {
	e := &v.ev
	l := v.lang
	e.text, e.how, e.scale = "", "", ""
	switch {
	case e.method == rfOff:
	case !e.ok:
		e.text = txtNoNetwork.In(l)
	default:
		in := v.steps[len(v.steps)-1].Span
		e.text = fmt.Sprintf(txtFieldShare.In(l), e.target, int(math.Round(100*e.share)), in.H(), in.W(), int(math.Round(100*e.area)))
		e.how = fmt.Sprintf(txtEvidenceHow[e.method-1].In(l), e.target)
		e.scale = fmt.Sprintf(txtEvidenceScale.In(l), e.target)
	}
}

// placeEvidence puts the colour scale at the top of r, under its
// caption, and wraps how to read it under the scale.
func (v *rfView) placeEvidence(ctx *ui.Context, r ui.Rect) {
	e := &v.ev
	e.panel = r
	e.legend = ui.Rect{X: r.X, Y: r.Y, W: math.Min(r.W, ctx.Px(280)), H: ctx.Px(28)}
	e.howAt = ui.WrapText(ctx, e.how, r.W, ui.TextStyle{Size: ctx.Px(ctx.Theme.FontSmall)})
}

// The evidence's strings.
var (
	txtNoNetwork  = i18n.Text{En: "The evidence cannot be shown: no network is loaded.", Ko: "근거를 보일 수 없습니다: 네트워크가 없습니다."}
	txtFieldShare = i18n.Text{
		En: "Evidence for %d, the network's answer: %d %% of the positive evidence lies inside this unit's %d×%d receptive field (%d %% of the input).",
		Ko: "네트워크가 답한 %d의 근거: 양의 근거 중 %d %%가 이 유닛의 %d×%d 수용장 안에 있습니다 (입력의 %d %%)."}
	txtEvidenceHow = [...]i18n.Text{
		{En: "The gradient of the score of %d: where more ink would raise it (red) or lower it (blue).", Ko: "%d의 점수의 기울기: 어디에 잉크를 더하면 점수가 오르는지(빨강), 내려가는지(파랑)."},
		{En: "Gradient × input for %d: what each pixel's ink adds to its score (red) or takes away (blue).", Ko: "%d의 기울기 × 입력: 각 화소의 잉크가 점수에 더하는 양(빨강)과 빼는 양(파랑)."},
	}
	txtEvidenceOptions = [rfNumEvidence]i18n.Text{{En: "off", Ko: "끔"}, {En: "gradient", Ko: "기울기"}, {En: "gradient × input", Ko: "기울기 × 입력"}}
	txtEvidence        = i18n.Text{En: "evidence", Ko: "근거"}
	txtEvidenceScale   = i18n.Text{En: "evidence for %d", Ko: "%d의 근거"}
)

// evidenceRow places the label and the choice in r.
func (v *rfView) evidenceRow(ctx *ui.Context, r ui.Rect) {
	v.ev.row = r
	lw := math.Min(ctx.Px(90), r.W*0.25)
	v.ev.choice.Rect = ui.Rect{X: r.X + lw, Y: r.Y, W: math.Min(ctx.Px(330), r.W-lw), H: r.H}
	v.ev.choice.Options = v.ev.choice.Options[:0]
	for _, t := range txtEvidenceOptions {
		v.ev.choice.Options = append(v.ev.choice.Options, t.In(ctx.Lang))
	}
	v.ev.choice.Index = v.ev.method
}

// drawEvidence draws the label and the choice, and when the map is on,
// the map in the input's place and its legend.
func (v *rfView) drawEvidence(ctx *ui.Context, c ui.Canvas) {
	e := &v.ev
	c.Text(txtEvidence.In(ctx.Lang), e.row.X, e.row.CenterY(), ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody), Color: ctx.Theme.Muted})
	e.choice.Draw(ctx, c)
	if !e.ok || e.method == rfOff || e.panel.Empty() {
		return
	}
	label(ctx, c, e.scale, e.panel.X, e.panel.Y-ctx.Px(12), false)
	ui.DrawLegend(c, e.legend, e.shown.scale, ctx)
	st := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontSmall), Color: ctx.Theme.Muted}
	y := e.legend.Bottom() + ctx.Px(8) + st.Size*0.7
	for _, l := range e.howAt {
		if y > e.panel.Bottom() {
			break
		}
		c.Text(l, e.panel.X, y, st)
		y += st.Size * 1.4
	}
}

// evidenceState is the evidence's part of the view's state.
func (v *rfView) evidenceState() *jsonw.Object {
	e := &v.ev
	var o jsonw.Object
	o.Str("method", rfEvidenceNames[e.method]).Bool("shown", e.ok && e.method != rfOff)
	if e.ok {
		o.Int("target", e.target).Float("share", e.share).Float("area", e.area).Float("scale", float64(e.shown.scale))
	}
	r := e.choice.Rect
	return o.Str("text", e.text).Floats("choice", []float64{r.X, r.Y, r.W, r.H}).
		Floats("legend", []float64{e.legend.X, e.legend.Y, e.legend.W, e.legend.H})
}
