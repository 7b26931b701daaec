package netview

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// "Why?": evidence maps over the drawing. The Why button (or the E key)
// shows, over the 32×32 input and over the drawing itself, which parts of
// the drawing pushed the network towards a class: the predicted one, or
// the one whose score bar the student points at ("make it a 3"). Three
// maps, all of the class's score before softmax (its logit, which does not
// saturate when the network is sure):
//
//   - occlusion: how much the score drops when a patch of p×p pixels
//     around each pixel is covered (evidence.Occlusion, stride 1), refined
//     over frames: a coarse map of patches that tile the digit first,
//     then the rest within a budget of whyBudget a frame, and only the
//     coarse map while the student is drawing;
//   - gradient: how much ink at each pixel would raise the score
//     (evidence.Gradient.Backward on the view's own forward pass);
//   - gradient × input: what each pixel's ink adds to the score, to first
//     order.
//
// Red is evidence for the class, blue against it, on a symmetric colour
// scale of the map's largest |value|, which the panel's legend shows.

// whyMethod is the map shown.
type whyMethod int

const (
	whyOcclusion whyMethod = iota
	whyGradient
	whyGradInput
	numWhyMethods
)

// whyNames are the methods' names in the URL (?why=) and the state.
var whyNames = [numWhyMethods]string{"occlusion", "gradient", "input"}

// Patch sides the student can choose, and the default.
const (
	minPatch     = 2
	maxPatch     = 8
	defaultPatch = 4
)

// whyBudget is the time a frame gives the occlusion map once the drawing
// rests (the Go side of a frame must stay well under 8 ms while drawing).
const whyBudget = 3 * time.Millisecond

// whyKey is what a map was made for.
type whyKey struct {
	pred   uint64 // the prediction's version (the drawing)
	net    *lenet.Net
	target int
	method whyMethod
	patch  int
}

// why is the panel's state and its maps.
type why struct {
	on     bool
	method whyMethod
	patch  int

	btn     ui.Button
	methods ui.Choice
	patchSt ui.Stepper
	labelL  i18n.Lang // the labels are for this language, keyboard and width
	labelK  bool
	labelW  float64

	occ      evidence.Occlusion
	grad     evidence.Gradient
	of       whyKey // what m is of; target -1: nothing yet
	m        [lenet.InputLen]float32
	scale    float32
	complete bool
	coarse   int           // the occlusion's positions in its first round
	spent    time.Duration // on the map in the last frame
	inBmp    *ui.Bitmap    // the 32×32 input under the map
	padBmp   *ui.Bitmap    // the map over the pad, translucent, HalfSide²

	// The caption, wrapped to the panel's width: its first capHead lines
	// are the heading, the rest say what the map means. capRoom is the
	// lines the layout keeps for it, enough for its longest wording.
	capText  [2]string
	capW     float64
	capLines []string
	capHead  int
	capRoom  int
}

// whyPlaces is where the panel's parts go (inside layout.Why).
type whyPlaces struct {
	Button, Methods, Patch, Caption, Legend ui.Rect
}

func newWhy() why {
	return why{patch: defaultPatch, of: whyKey{target: -1}, inBmp: ui.NewBitmap(lenet.InputSide, lenet.InputSide),
		padBmp: ui.NewBitmap(HalfSide, HalfSide)}
}

// whyParam is ?why=, the map shown from the start.
var whyParam = ui.Param{Name: "why",
	Options: []ui.Option{
		{Value: whyNames[whyOcclusion], Meaning: i18n.Text{En: "occlusion: how much covering each part of the drawing lowers the score", Ko: "가림: 그림의 각 부분을 가리면 점수가 얼마나 내려가는지"}},
		{Value: whyNames[whyGradient], Meaning: i18n.Text{En: "the gradient of the score: where more ink would raise it", Ko: "점수의 기울기: 어디에 잉크를 더하면 점수가 오르는지"}},
		{Value: whyNames[whyGradInput], Meaning: i18n.Text{En: "gradient × input: what each pixel's ink adds to the score", Ko: "기울기 × 입력: 각 화소의 잉크가 점수에 더하는 양"}},
	},
	Meaning: i18n.Text{
		En: "show why the network said what it said from the start: that map of the evidence over the drawing",
		Ko: "처음부터 네트워크가 그렇게 답한 근거를 보여 줌: 그림 위에 그 근거 맵을 겹쳐 그림"},
	DefaultMeaning: i18n.Text{En: "no evidence shown (the Why button or the E key shows it)", Ko: "근거를 보이지 않음 (왜? 단추나 E 키로 보임)"}}

// setWhy turns the panel on with the named method.
func (w *why) set(name string) bool {
	for m, n := range whyNames {
		if n == name {
			w.on, w.method = true, whyMethod(m)
			return true
		}
	}
	return false
}

// whyShown reports whether a map is over the drawing.
func (v *View) whyShown() bool { return v.why.on && v.has && v.why.of.target >= 0 }

// whyTarget is the class the map explains: the score bar pointed at, or
// the prediction.
func (v *View) whyTarget() (class int, pointed bool) {
	if v.hasSel && v.sel.Layer == lenet.Output {
		return v.sel.C, true
	}
	return v.acts.Label(), false
}

// whyLayout places the panel at the top of the computation's area: the
// button alone, or with the methods, the patch size, the caption and the
// legend under it when the maps are on.
func (v *View) whyLayout(ctx *ui.Context) {
	L := &v.places
	s := ctx.Scale
	gap := math.Round(6 * s)
	btnH := math.Round(math.Max(30*s, ctx.Theme.ButtonH*s))
	small := ctx.Px(ctx.Theme.FontSmall)
	info := L.Info
	if L.Narrow && v.tab != tabInput || ctx.Present && !v.why.on {
		// A phone: the panel is in the input's tab, where the map is
		// seen on the 32×32 input too; the other tabs keep their room
		// for the computation (the map stays over the drawing). The
		// projector keeps the computation's numbers at its size: the
		// panel comes with the maps (the E key).
		L.Why, L.WhyAt = ui.Rect{}, whyPlaces{}
		return
	}
	h := btnH
	if v.why.on {
		v.why.capRoom = v.whyCaptionRoom(ctx, info.W)
		h = 2*btnH + gap + float64(v.why.capRoom)*small*1.35 + gap + math.Round(math.Max(26*s, small*2.6))
	}
	if info.H < h+gap+40*s {
		h = btnH // only the button fits
		if info.H < btnH+gap+40*s {
			L.Why, L.WhyAt = ui.Rect{}, whyPlaces{}
			return
		}
	}
	L.Why, L.Info = ui.R(info.X, info.Y, info.W, h), ui.R(info.X, info.Y+h+gap, info.W, info.H-h-gap)
	r := L.Why
	row, rest := r.CutTop(btnH)
	p := whyPlaces{Button: row.Round()}
	if v.why.on && rest.H > btnH {
		bw := math.Round(row.W * 0.42)
		p.Button = ui.R(row.X, row.Y, bw, row.H).Round()
		p.Patch = ui.R(row.X+bw+gap, row.Y, row.W-bw-gap, row.H).Round()
		_, rest = rest.CutTop(gap)
		var m ui.Rect
		m, rest = rest.CutTop(btnH)
		p.Methods = m.Round()
		_, rest = rest.CutTop(gap)
		p.Caption, p.Legend = rest.CutTop(float64(v.why.capRoom) * small * 1.35)
	}
	L.WhyAt = p
	v.why.capW = -1 // wrap the caption again
	v.why.btn.Rect, v.why.methods.Rect, v.why.patchSt.Rect = p.Button, p.Methods, p.Patch
}

// whyLabels sets the widgets' labels for the language and the keyboard.
func (v *View) whyLabels(ctx *ui.Context) {
	w := &v.why
	keys := !(ctx.Touch || ctx.Present)
	if w.labelL == ctx.Lang && w.labelK == keys && w.labelW == w.btn.Rect.W && w.btn.Label != "" {
		return
	}
	w.labelL, w.labelK, w.labelW = ctx.Lang, keys, w.btn.Rect.W
	w.btn.Label = txtWhy.In(ctx.Lang)
	if keys && ctx.MeasureText(w.btn.Label+" (E)", ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}) <= w.btn.Rect.W-ctx.Px(8) {
		w.btn.Label += " (E)"
	}
	w.methods.Options = append(w.methods.Options[:0], txtOcclusion.In(ctx.Lang), txtGradient.In(ctx.Lang), txtGradInput.In(ctx.Lang))
	w.patchSt.Label = txtPatch.In(ctx.Lang)
	w.patchSt.Min, w.patchSt.Max = minPatch, maxPatch
	w.patchSt.Format = func(p int) string { return sub("%d×%d", p, p) }
}

// whyUpdate runs the panel's widgets and keys: E shows and hides the
// maps, M changes the method, [ and ] the patch size.
func (v *View) whyUpdate(ctx *ui.Context, in *ui.Input) {
	w := &v.why
	v.whyLabels(ctx)
	toggle := !v.places.Why.Empty() && w.btn.Update(ctx, in)
	was := w.on
	if w.on && !v.places.WhyAt.Methods.Empty() {
		w.methods.Index = int(w.method)
		if w.methods.Update(ctx, in) {
			w.method = whyMethod(w.methods.Index)
		}
		if w.method == whyOcclusion {
			w.patchSt.Value = w.patch
			if w.patchSt.Update(ctx, in) {
				w.patch = w.patchSt.Value
			}
		}
	}
	for _, k := range in.Keys {
		switch k {
		case "KeyE":
			toggle = !toggle
		case "KeyM":
			if w.on {
				w.method = (w.method + 1) % numWhyMethods
			} else {
				toggle = !toggle
			}
		case "BracketLeft":
			w.patch = max(minPatch, w.patch-1)
		case "BracketRight":
			w.patch = min(maxPatch, w.patch+1)
		}
	}
	if toggle {
		w.on = !w.on
	}
	w.btn.Selected = w.on
	if w.on != was {
		v.Layout(ctx, v.area) // the panel grows or shrinks
		v.whyLabels(ctx)
	}
}

// whyStep brings the map up to date with the drawing, the class, the
// method and the patch, and refines an occlusion map within the frame's
// budget; a map left unfinished asks for another frame.
func (v *View) whyStep(ctx *ui.Context) {
	w := &v.why
	w.spent = 0
	if !w.on || !v.has {
		return
	}
	t0 := time.Now()
	target, _ := v.whyTarget()
	net := ctx.Shared.Net
	k := whyKey{pred: v.predVersion, net: net, target: target, method: w.method, patch: w.patch}
	if k != w.of {
		w.of, w.complete = k, true
		switch w.method {
		case whyOcclusion:
			opt := evidence.Options{Patch: w.patch, Stride: 1, Score: evidence.Logit}
			if err := w.occ.Start(net, v.acts.Input[:], target, opt); err != nil {
				w.of.target = -1 // cannot happen: the view's own input and class
				return
			}
			w.complete, w.coarse = false, coarsePositions(opt)
		case whyGradient, whyGradInput:
			_ = w.grad.Backward(net, &v.acts, target, evidence.Logit, w.m[:])
			if w.method == whyGradInput {
				_ = evidence.TimesInput(w.m[:], w.m[:], v.acts.Input[:])
			}
		}
		if w.complete {
			v.whyFill(ctx)
		}
	}
	if !w.complete {
		// The coarse round whatever it costs (a few dozen patches), then
		// the rest as the budget allows, and nothing more while drawing:
		// the next frame's drawing starts the map again.
		for done, _, _ := w.occ.Progress(); done < w.coarse; done, _, _ = w.occ.Progress() {
			w.occ.Step(1)
		}
		for !v.drawing && !w.occ.Complete() && time.Since(t0) < whyBudget {
			w.occ.Step(4)
		}
		w.complete = w.occ.Complete()
		_ = w.occ.Map(w.m[:])
		v.whyFill(ctx)
		if !w.complete && !v.drawing {
			ctx.Again()
		}
	}
	w.spent = time.Since(t0)
}

// coarsePositions is the number of positions in an occlusion map's first
// round, the patches that tile the digit (see evidence.Occlusion).
func coarsePositions(o evidence.Options) int {
	n, k := o.Positions(), max(1, o.Patch/o.Stride)
	c := 0
	for i := range n {
		if i%k == 0 || i == n-1 {
			c++
		}
	}
	return c * c
}

// whyFill colours the input under the map, and the map over the pad.
//
// The input: every pixel in the map's colour, darkened where there is ink
// (colour × (1 − 0.55·ink)), so the strokes show through. The pad: the
// map's colour translucent over the drawing, its opacity 0.75·|v|/scale;
// each pad pixel takes the value of the input pixel the preprocessing
// put it in (canvas.Result's Box, Scale and Place), none outside the
// input.
func (v *View) whyFill(ctx *ui.Context) {
	w := &v.why
	th := ctx.Theme
	w.scale = ui.MaxAbs(w.m[:])
	ui.FillDiverging(w.inBmp, 0, 0, w.m[:], lenet.InputSide, lenet.InputSide, w.scale, th)
	ui.DarkenByInk(w.inBmp, v.acts.Input[:], lenet.InputSide, lenet.InputSide, 0.55)
	w.inBmp.Touch()

	// Which input pixel every pad column and row lands in (-1: outside).
	var cols, rows [HalfSide]int
	r := &v.res
	land := func(dst *[HalfSide]int, min0, place int) {
		for i := range dst {
			u := 2 + float64(place) + (float64(i-min0)+0.5)*r.Scale
			dst[i] = -1
			if u >= 0 && u < lenet.InputSide {
				dst[i] = int(u)
			}
		}
	}
	land(&cols, r.Box.Min.X, r.Place.X)
	land(&rows, r.Box.Min.Y, r.Place.Y)
	pix := w.padBmp.Pix
	for y, iy := range rows {
		out := pix[y*HalfSide*4 : (y+1)*HalfSide*4]
		for x, ix := range cols {
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = 0, 0, 0, 0
			if iy < 0 || ix < 0 || !(w.scale > 0) {
				continue
			}
			val := w.m[iy*lenet.InputSide+ix]
			c := th.Pos
			if val < 0 {
				c, val = th.Neg, -val
			}
			a := 0.75 * min(1, val/w.scale)
			// Premultiplied alpha, as the canvas draws it.
			o[0], o[1], o[2], o[3] = uint8(float32(c.R)*a+0.5), uint8(float32(c.G)*a+0.5), uint8(float32(c.B)*a+0.5), uint8(255*a+0.5)
		}
	}
	w.padBmp.Touch()
}

// whyDraw draws the panel: the button, and when the maps are on, the
// methods, the patch size, what the map says and its colour scale.
func (v *View) whyDraw(ctx *ui.Context, c ui.Canvas) {
	L := &v.places
	if L.Why.Empty() {
		return
	}
	w := &v.why
	th := ctx.Theme
	w.btn.Draw(ctx, c)
	p := L.WhyAt
	if !w.on || p.Methods.Empty() {
		return
	}
	w.methods.Draw(ctx, c)
	if w.method == whyOcclusion {
		w.patchSt.Draw(ctx, c)
	}
	for i, s := range w.capLines {
		st := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
		if i < w.capHead {
			st.Color, st.Bold = th.Text, true
		}
		c.Text(s, p.Caption.X, p.Caption.Y+st.Size*1.35*(float64(i)+0.5), st)
	}
	if v.whyShown() {
		ui.DrawLegend(c, p.Legend, w.scale, ctx)
	}
}

// whyCaptionText is the caption's heading and meaning now: the class
// explained and how far the map is, then what its colours say.
func (v *View) whyCaptionText(lang i18n.Lang) (head, says string) {
	w := &v.why
	if !v.whyShown() {
		return "", txtWhyNothing.In(lang)
	}
	target, pointed := v.whyTarget()
	head = sub(txtEvidenceFor.In(lang), target)
	if pointed {
		head = sub(txtEvidencePointed.In(lang), target)
	}
	if !w.complete {
		done, total, _ := w.occ.Progress()
		head += sub(txtRefining.In(lang), 100*done/max(1, total))
	}
	says = sub(whySays[w.method].In(lang), target)
	if w.method == whyOcclusion {
		says = sub(whySays[w.method].In(lang), w.patch, w.patch, target)
	}
	return head, says
}

// whyCaption wraps the caption to the panel's width when its words or the
// width change, keeping to the lines the layout made room for.
func (v *View) whyCaption(ctx *ui.Context) {
	w := &v.why
	r := v.places.WhyAt.Caption
	if !w.on || r.Empty() {
		return
	}
	head, says := v.whyCaptionText(ctx.Lang)
	if w.capW == r.W && w.capText == [2]string{head, says} {
		return
	}
	w.capW, w.capText = r.W, [2]string{head, says}
	size := ctx.Px(ctx.Theme.FontSmall)
	w.capLines = w.capLines[:0]
	if head != "" {
		w.capLines = append(w.capLines, ui.WrapText(ctx, head, r.W, ui.TextStyle{Size: size, Bold: true})...)
	}
	w.capHead = len(w.capLines)
	w.capLines = append(w.capLines, ui.WrapText(ctx, says, r.W, ui.TextStyle{Size: size})...)
	if len(w.capLines) > w.capRoom {
		w.capLines = w.capLines[:w.capRoom]
	}
}

// whyCaptionRoom is the lines the caption needs at width cw for its
// longest wording in the current language: the heading of a pointed class
// while refining, and the longest of the three meanings with the widest
// patch.
func (v *View) whyCaptionRoom(ctx *ui.Context, cw float64) int {
	lang := ctx.Lang
	size := ctx.Px(ctx.Theme.FontSmall)
	n := func(s string, bold bool) int {
		return len(ui.WrapText(ctx, s, cw, ui.TextStyle{Size: size, Bold: bold}))
	}
	head := 0
	for _, t := range []i18n.Text{txtEvidenceFor, txtEvidencePointed} {
		head = max(head, n(sub(t.In(lang), 8)+sub(txtRefining.In(lang), 100), true))
	}
	says := n(txtWhyNothing.In(lang), false)
	for m := range whySays {
		says = max(says, n(sub(whySays[m].In(lang), maxPatch, maxPatch, 8), false))
	}
	return max(2, head+says)
}

// subStr puts t where s first says %s.
func subStr(s, t string) string { return strings.Replace(s, "%s", t, 1) }

// sub puts the numbers ns, in order, where s says %d.
func sub(s string, ns ...int) string {
	var b []byte
	for _, n := range ns {
		i := strings.Index(s, "%d")
		if i < 0 {
			break
		}
		b = strconv.AppendInt(append(b, s[:i]...), int64(n), 10)
		s = s[i+2:]
	}
	return string(append(b, s...))
}

// whyState is the panel's part of the view's state.
func (v *View) whyState() *jsonw.Object {
	w := &v.why
	var o jsonw.Object
	o.Bool("on", w.on).Str("method", whyNames[w.method]).Int("patch", w.patch).Bool("shown", v.whyShown())
	if v.whyShown() {
		target, pointed := v.whyTarget()
		done, total, _ := w.occ.Progress()
		if w.method != whyOcclusion {
			done, total = 1, 1
		}
		o.Int("target", target).Bool("pointed", pointed).Bool("complete", w.complete).Ints("progress", []int{done, total}).
			Float("scale", float64(w.scale)).Float("frameMs", float64(w.spent.Microseconds())/1000)
	}
	return &o
}

// Explain computes a whole map of the current drawing for a script
// (ui.Explainer): "occlusion" (patches of the panel's size, stride 1) or
// "gradient", of class target (-1: the predicted one), in the class's
// score (its logit). It is computed at once, whatever the panel shows.
func (v *View) Explain(ctx *ui.Context, method string, target int) (w, h int, data []float32, err error) {
	if target < -1 || target >= lenet.NumClasses {
		return 0, 0, nil, errors.New(sub("explain: target must be a digit 0–9 (or absent for the predicted one), got %d", target))
	}
	if method != "occlusion" && method != "gradient" {
		return 0, 0, nil, errors.New(`explain: method must be "occlusion" or "gradient"`)
	}
	if !v.has {
		return 0, 0, nil, errors.New("explain: nothing is drawn: draw a digit or load a sample first")
	}
	if target < 0 {
		target = v.acts.Label()
	}
	out := make([]float32, lenet.InputLen)
	if method == "gradient" {
		err = v.why.grad.Backward(ctx.Shared.Net, &v.acts, target, evidence.Logit, out)
	} else {
		v.why.of.target = -1 // the panel's map starts again
		if err = v.why.occ.Start(ctx.Shared.Net, v.acts.Input[:], target, evidence.Options{Patch: v.why.patch, Stride: 1, Score: evidence.Logit}); err == nil {
			v.why.occ.Run()
			err = v.why.occ.Map(out)
		}
	}
	if err != nil {
		return 0, 0, nil, err
	}
	return lenet.InputSide, lenet.InputSide, out, nil
}

// The panel's strings.
var (
	txtWhy             = i18n.Text{En: "Why?", Ko: "왜?"}
	txtOcclusion       = i18n.Text{En: "Occlusion", Ko: "가림"}
	txtGradient        = i18n.Text{En: "Gradient", Ko: "기울기"}
	txtGradInput       = i18n.Text{En: "Grad × input", Ko: "기울기 × 입력"}
	txtPatch           = i18n.Text{En: "patch", Ko: "조각"}
	txtWhyNothing      = i18n.Text{En: "Draw a digit: the map shows which strokes made the network say what it says.", Ko: "숫자를 그리세요: 어느 획 때문에 네트워크가 그렇게 답했는지 맵이 보여 줍니다."}
	txtEvidenceFor     = i18n.Text{En: "Evidence for %d, the prediction", Ko: "예측한 %d의 근거"}
	txtEvidencePointed = i18n.Text{En: "Evidence for %d, the class pointed at", Ko: "가리킨 클래스 %d의 근거"}
	txtRefining        = i18n.Text{En: " (refining: %d %)", Ko: " (다듬는 중: %d%)"}
)

// whySays says what each map shows; the patch's sides come first, then
// the class.
var whySays = [numWhyMethods]i18n.Text{
	{En: "how much covering %d×%d pixels lowers the score of %d: red for, blue against", Ko: "%d×%d 화소를 가리면 %d의 점수가 얼마나 내려가는지: 빨강은 찬성, 파랑은 반대"},
	{En: "where more ink would raise the score of %d (red) or lower it (blue)", Ko: "어디에 잉크를 더하면 %d의 점수가 오르는지(빨강), 내려가는지(파랑)"},
	{En: "what each pixel's ink adds to the score of %d (red) or takes away (blue)", Ko: "각 화소의 잉크가 %d의 점수에 더하는 양(빨강)과 빼는 양(파랑)"},
}
