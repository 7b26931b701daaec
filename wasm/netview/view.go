// Package netview is the network view, the demo's first screen
// (?view=net): a pad to draw a digit on, the preprocessing that turns the
// drawing into LeNet-5's 32×32 input, every layer's feature maps, the
// class probabilities, the learned C1 kernels, and for any unit the
// pointer rests on, its receptive field and the computation behind its
// value (and for a unit of C3, C5, F6 or Output, the shipped samples that
// excite it most: looks.go). It draws through ui.Canvas and tests
// natively.
//
// The layers are those of lenet.LayerIDs; where each is drawn is the
// pictures table in layout.go.
package netview

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/handwriting"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/pad"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// Name is the view's URL name, ?view=net; it is also the default view.
// (The program that hosts the views is the demo, wasm/demo; this view
// shows the network.) The name it had before, demo, is still taken as an
// alias of it.
const Name = "net"

// PadSide is the drawing pad's resolution in pad pixels. The
// preprocessing reads the pad averaged 2×2, HalfSide pixels square, which
// gives the same 20-pixel digit at a quarter of the cost; the network
// itself reads 32×32 (lenet.InputSide).
const (
	PadSide  = 280
	HalfSide = PadSide / 2
)

func init() {
	ui.Register(ui.Spec{Name: Name, Title: txtTitle, Params: params, New: newWithPanel})
}

// View is the network view: the pad, the preprocessing, every layer.
type View struct {
	pad         *pad.Pad
	res         canvas.Result
	half        []float32 // the pad averaged 2×2, HalfSide², what the preprocessing reads
	acts        lenet.Activations
	has         bool   // acts hold a prediction of the current drawing
	seen        uint64 // pad version the prediction is of
	predVersion uint64 // changes with every new prediction, blank included

	padBmp, digitBmp, kernelBmp, winBmp, kerBmp *ui.Bitmap
	maps                                        [lenet.NumLayerIDs]*ui.Bitmap
	scales                                      [lenet.NumLayerIDs]float32
	stale                                       [lenet.NumLayerIDs]bool // maps not yet coloured with the latest values
	kernelScale                                 float32

	area    ui.Rect
	scale   float64
	places  layout // where everything is, from computeLayout
	tab     tab
	tabs    ui.Choice
	buttons [numButtons]ui.Button

	sel    Unit
	hasSel bool
	selCh  int // the channel of the layer below whose numbers the computation shows; -1: the largest
	// The selected unit's computation, cached: it is worked out again
	// (and laid out in info) when the unit, the drawing, the language or
	// the layout changes.
	expl     Explanation
	explOK   bool
	explFor  uint64 // the pad version it is of
	explUnit Unit
	explCh   int
	explLang i18n.Lang
	explRect ui.Rect
	explSet  bool
	info     infoPanel

	drawID     int // pointer drawing on the pad
	drawing    bool
	sample     int // the loaded sample, -1 for a drawing
	next       [10]int
	brush      int
	labelBrush int
	labelW     float64 // the buttons' width the labels were chosen for
	labelTouch bool

	// Timing of the last inference (preprocessing, forward pass, maps).
	LastInfer  time.Duration
	Inferences int
	benchMs    float64
	pickMax    bool      // select the layer's most active unit at the next inference
	paramErr   i18n.Text // the URL parameters not taken, shown until the user draws
	lang       i18n.Lang

	img    canvas.Image  // a picture from the page (TakeImage), kept for the next
	imgRes canvas.Result // … and its preprocessing

	hand       *handwriting.Panel // nil in a view made with New (see hand.go)
	handShown  bool
	handBtn    ui.Button
	netVersion uint64 // the ctx.Shared.NetVersion the pictures are of

	why    why      // the evidence maps (why.go)
	looks  looks    // what the selected unit looks for (looks.go)
	infoAt ui.Rect  // where the computation is: places.Info, less the strip of looks
	save   saveMenu // the Save… button and its menu (savemenu.go)
}

// New makes the view for ctx; ctx.Shared.Net must be set.
func New(ctx *ui.Context) *View {
	p, _ := pad.New(PadSide, PadSide)
	v := &View{pad: p, sample: -1, brush: 1, selCh: -1, half: make([]float32, HalfSide*HalfSide),
		padBmp: ui.NewBitmap(PadSide, PadSide), digitBmp: ui.NewBitmap(28, 28),
		kernelBmp: ui.NewBitmap(6*5, 5), winBmp: ui.NewBitmap(5, 5), kerBmp: ui.NewBitmap(5, 5), why: newWhy()}
	for _, l := range lenet.LayerIDs {
		s := l.Shape()
		v.maps[l] = ui.NewBitmap(s.C*s.W, s.H)
	}
	ui.FillGray(v.padBmp, 0, 0, p.Pix, PadSide, PadSide, ctx.Theme)
	v.fillKernels(ctx)
	v.netVersion = ctx.Shared.NetVersion
	v.clearMaps(ctx)
	pv := ui.ParseParams(ctx.Params, params)
	if name, ok := pv.Choice("why"); ok {
		v.why.set(name)
	}
	if name, ok := pv.Choice("layer"); ok {
		l, _ := lenet.LayerNamed(name)
		v.selectLayer(l) // once there is a drawing, its most active unit
	}
	if i, ok := pv.Int("sample"); ok {
		if err := v.LoadSample(ctx, int(i)); err != nil {
			pv.Refuse("sample", strconv.FormatInt(i, 10), i18n.Text{En: "the sample cannot be read", Ko: "예제를 읽을 수 없음"})
		} else {
			// Predict now, before the first frame: the page can show the
			// prediction while the graphics start.
			v.infer(ctx)
		}
	}
	v.paramErr = pv.Notice()
	return v
}

// ProjectorLayout says the view has a projector layout of its own
// (ui.Projector): the prediction and the scores under the pad, the
// computation in a column of its own.
func (v *View) ProjectorLayout() {}

// params are the view's URL parameters.
var params = func() []ui.Param {
	var layers []ui.Option
	for _, id := range lenet.LayerIDs {
		layers = append(layers, ui.Option{Value: id.String()})
	}
	return []ui.Param{
		{Name: "sample", Kind: ui.ParamInt, Min: 0, Max: samples.Count - 1,
			Meaning: i18n.Text{
				En: fmt.Sprintf("start with MNIST test digit number i on the pad (a digit i mod 10), of the %d the demo carries", samples.Count),
				Ko: fmt.Sprintf("데모에 든 MNIST 테스트 숫자 %d개 중 i번을 캔버스에 놓고 시작 (숫자는 i mod 10)", samples.Count)},
			DefaultMeaning: i18n.Text{En: "a blank pad", Ko: "빈 캔버스"}},
		{Name: "layer", Options: layers,
			Meaning: i18n.Text{
				En: "point at that layer's most active unit from the start, showing its computation (on a phone, open its tab)",
				Ko: "처음부터 그 층에서 가장 크게 반응한 유닛을 가리켜 계산 과정을 보여 줌 (휴대폰에서는 그 탭을 엶)"},
			DefaultMeaning: i18n.Text{En: "no unit pointed at", Ko: "가리킨 유닛 없음"}},
		handwriting.WeightsParam,
		whyParam,
	}
}()

// Layout places everything in area.
func (v *View) Layout(ctx *ui.Context, area ui.Rect) {
	v.area, v.scale = area, ctx.Scale
	v.places = computeLayout(area, ctx.Scale, v.tab, ctx.Theme, ctx.Present, v.hand != nil)
	v.whyLayout(ctx)
	for i := range v.buttons {
		v.buttons[i].Rect = v.places.Buttons[i]
	}
	v.tabs.Rect = v.places.Tabs
	v.tabs.Options = v.tabs.Options[:0]
	for t := range numTabs {
		if t == tabHand && v.hand == nil {
			break
		}
		v.tabs.Options = append(v.tabs.Options, tabLabel(t, ctx.Lang))
	}
	v.handLayout(ctx)
	v.tabs.Index = int(v.tab)
	v.explSet = false // lay the computation out again
	if v.has {
		v.fillMaps(ctx)
	}
	v.refresh(ctx)
}

// refresh brings what Draw shows up to date with the state: the buttons'
// labels and the selected unit's explanation. Layout and Update end with
// it, so that Draw only draws.
func (v *View) refresh(ctx *ui.Context) {
	v.labels(ctx)
	v.saveLayout(ctx)
	v.buttons[btnUndo].Disabled = v.pad.Strokes() == 0
	if !v.hasSel || !v.has {
		return
	}
	if !v.explSet || v.explFor != v.seen || v.explUnit != v.sel || v.explLang != ctx.Lang || v.explCh != v.selCh || v.explRect != v.places.Info {
		v.expl, v.explOK = Explain(ctx.Shared.Net, &v.acts, v.sel, v.selCh, ctx.Lang)
		v.explFor, v.explUnit, v.explLang, v.explCh, v.explRect, v.explSet = v.seen, v.sel, ctx.Lang, v.selCh, v.places.Info, true
		if v.explOK {
			v.layoutExplanation(ctx, v.places.Info)
		}
	}
	v.looksFill(ctx)
}

// explanation is the selected unit's computation, if there is one.
func (v *View) explanation() (Explanation, bool) {
	if !v.hasSel || !v.has || !v.explSet {
		return Explanation{}, false
	}
	return v.expl, v.explOK
}

// Command obeys the page script: clear, undo, sample i.
func (v *View) Command(ctx *ui.Context, name string, arg int) error {
	switch name {
	case "clear":
		v.Clear()
	case "undo":
		v.Undo()
	case "sample":
		return v.LoadSample(ctx, arg)
	case "bench":
		// Time arg inferences of the current drawing back to back, away
		// from the frame loop (the result is in State as benchInferMs).
		if arg < 1 || arg > 1000 {
			return fmt.Errorf("bench needs 1 to 1000 runs, got %d", arg)
		}
		t0 := time.Now()
		for range arg {
			v.stale = [lenet.NumLayerIDs]bool{}
			v.infer(ctx)
		}
		v.benchMs = float64(time.Since(t0).Microseconds()) / 1000 / float64(arg)
	default:
		return fmt.Errorf("unknown command %q", name)
	}
	return nil
}

// Clear empties the pad.
func (v *View) Clear() { v.pad.Clear(); v.sample = -1; v.drawing = false }

// Undo removes the last stroke.
func (v *View) Undo() { v.pad.Undo(); v.drawing = false }

// LoadSample puts MNIST sample i on the pad, as a picture the
// preprocessing reads like a drawing.
func (v *View) LoadSample(ctx *ui.Context, i int) error {
	var pix [28 * 28]float32
	if _, err := samples.Float(pix[:], i); err != nil {
		return err
	}
	if err := v.pad.SetPicture(pix[:], 28, 28, 0.04); err != nil {
		return err
	}
	v.sample, v.drawing = i, false
	return nil
}

// nextOf loads the next sample of digit d (cycling through its ten).
func (v *View) nextOf(ctx *ui.Context, d int) {
	i := v.next[d]*10 + d
	v.next[d] = (v.next[d] + 1) % (samples.Count / 10)
	_ = v.LoadSample(ctx, i)
}

func (v *View) stepSample(ctx *ui.Context, delta int) {
	i := v.sample + delta
	if v.sample < 0 && delta < 0 {
		i = samples.Count - 1
	}
	_ = v.LoadSample(ctx, (i%samples.Count+samples.Count)%samples.Count)
}

var brushes = [3]float64{pad.SmallBrush, pad.MediumBrush, pad.LargeBrush}

// labels sets the button labels when the language or the brush changed:
// no per-frame strings.
func (v *View) labels(ctx *ui.Context) {
	w := v.buttons[btnBrush].Rect.W
	if v.lang != ctx.Lang || v.labelBrush != v.brush || v.labelTouch != (ctx.Touch || ctx.Present) || v.labelW != w || v.buttons[btnClear].Label == "" {
		lang := ctx.Lang
		v.lang, v.labelBrush, v.labelTouch, v.labelW = lang, v.brush, ctx.Touch || ctx.Present, w
		// The keys in brackets, where there is a keyboard and room for
		// them: a label that would need a font under the body size to fit
		// its button goes without (the keys are listed in the hint panel).
		set := func(keys bool) {
			key := func(k string) string {
				if !keys {
					return ""
				}
				return " (" + k + ")"
			}
			v.buttons[btnClear].Label = txtClear.In(lang) + key("C")
			v.buttons[btnUndo].Label = txtUndo.In(lang) + key("U")
			v.buttons[btnSample].Label = txtSample.In(lang) + key("S")
			v.buttons[btnBrush].Label = txtBrush.In(lang) + " " + [3]string{"S", "M", "L"}[v.brush] + key("B")
		}
		set(!(ctx.Touch || ctx.Present))
		st := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}
		for i := range v.buttons {
			b := &v.buttons[i]
			if b.Rect.W > 0 && ctx.MeasureText(b.Label, st) > b.Rect.W-ctx.Px(8) {
				set(false)
				break
			}
		}
	}
}

// Update handles a frame: buttons, keys, strokes on the pad, pointing at
// units, and the inference when the drawing changed.
func (v *View) Update(ctx *ui.Context, in *ui.Input) {
	v.syncNet(ctx)
	v.labels(ctx)
	v.buttons[btnUndo].Disabled = v.pad.Strokes() == 0

	// Pointer on the pad first: a stroke owns its pointer.
	v.strokes(in)

	if v.buttons[btnClear].Update(ctx, in) {
		v.Clear()
	}
	if v.buttons[btnUndo].Update(ctx, in) {
		v.Undo()
	}
	if v.buttons[btnSample].Update(ctx, in) {
		v.stepSample(ctx, 1)
	}
	if v.buttons[btnBrush].Update(ctx, in) {
		v.brush = (v.brush + 1) % 3
	}
	if v.places.Narrow && v.tabs.Update(ctx, in) {
		v.tab = tab(v.tabs.Index)
		v.Layout(ctx, v.area)
	}
	v.handUpdate(ctx, in)
	v.looksUpdate(ctx, in)
	v.keys(ctx, in)
	v.whyUpdate(ctx, in)
	v.saveUpdate(ctx, in)
	v.saveKeys(ctx, in)
	v.pad.Radius = brushes[v.brush]
	v.point(in)

	if v.pad.Version() != v.seen {
		v.infer(ctx)
	}
	v.whyStep(ctx)
	v.whyCaption(ctx)
	v.looksStep(ctx)
	v.refresh(ctx)
}

func (v *View) keys(ctx *ui.Context, in *ui.Input) {
	if ctx.Focus.Focused() && (in.Key("ArrowLeft") || in.Key("ArrowRight")) {
		return // the focused widget uses the arrows
	}
	for _, k := range in.Keys {
		switch {
		case k == "KeyC" || k == "Delete":
			v.Clear()
		case k == "KeyU" || k == "Backspace" || (k == "KeyZ" && in.Ctrl):
			v.Undo()
		case k == "KeyS" || k == "KeyN" || k == "ArrowRight":
			v.stepSample(ctx, 1)
		case k == "KeyP" || k == "ArrowLeft":
			v.stepSample(ctx, -1)
		case k == "KeyB":
			v.brush = (v.brush + 1) % 3
		case k == "KeyL":
			ctx.ToggleLang()
		case len(k) == 6 && strings.HasPrefix(k, "Digit"):
			v.nextOf(ctx, int(k[5]-'0'))
		case len(k) == 7 && strings.HasPrefix(k, "Numpad") && k[6] >= '0' && k[6] <= '9':
			v.nextOf(ctx, int(k[6]-'0'))
		case k == "Escape":
			v.hasSel = false
		}
	}
}

// strokes feeds the pad every pointer sample that belongs to a stroke.
func (v *View) strokes(in *ui.Input) {
	r := v.places.Pad
	if r.Empty() {
		return
	}
	to := func(e ui.PointerEvent) pad.Point {
		return pad.Point{X: (e.X - r.X) / r.W * PadSide, Y: (e.Y - r.Y) / r.H * PadSide, Pressure: e.Pressure}
	}
	for _, e := range in.Events {
		switch e.Phase {
		case ui.PointerDown:
			if v.drawing || !e.Primary || !r.Contains(e.X, e.Y) || v.saveCovers(e.X, e.Y) {
				continue
			}
			if v.sample >= 0 {
				v.sample = -1 // drawing over a sample makes it a drawing
			}
			v.drawing, v.drawID = true, e.ID
			v.paramErr = i18n.Text{}
			v.pad.Begin(to(e), e.Type == ui.Pen)
		case ui.PointerMove:
			if v.drawing && e.ID == v.drawID {
				v.pad.Move(to(e))
			}
		case ui.PointerUp:
			if v.drawing && e.ID == v.drawID {
				v.pad.Move(to(e))
				v.pad.End()
				v.drawing = false
			}
		case ui.PointerCancel:
			if v.drawing && e.ID == v.drawID {
				v.pad.End() // keep what was drawn: the browser took the pointer, the hand did not undo
				v.drawing = false
			}
		}
	}
	if v.drawing || (in.Pressed && r.Contains(in.PressX, in.PressY)) {
		in.Capture()
	}
}

// point selects the unit under the pointer: hovering with a mouse,
// tapping with a finger.
func (v *View) point(in *ui.Input) {
	if v.drawing || in.Holding(v.places.Pad) {
		return
	}
	if !(in.Hover || in.Pressed) {
		return
	}
	x, y := in.X, in.Y
	if in.Pressed {
		x, y = in.PressX, in.PressY
	}
	if v.handOpen() && v.places.Hand.Contains(x, y) || v.saveCovers(x, y) {
		return
	}
	if v.hasSel && v.explOK {
		// A channel's window in the computation: show its numbers.
		for ch, r := range v.info.stripRects {
			if r.Contains(x, y) {
				v.selCh = ch
				return
			}
		}
	}
	choose := func(u Unit) {
		if u != v.sel || !v.hasSel {
			v.sel, v.hasSel, v.selCh = u, true, -1
		}
	}
	for _, l := range lenet.LayerIDs {
		if !v.places.Shown[l] {
			continue
		}
		if c, uy, ux, ok := v.places.Grids[l].Hit(x, y); ok {
			choose(Unit{Layer: l, C: c, Y: uy, X: ux})
			return
		}
	}
	for i := range 10 {
		if v.has && v.scoreRow(i).Contains(x, y) {
			choose(Unit{Layer: lenet.Output, C: i})
		}
	}
}

// infer runs the preprocessing and the network on the pad and refreshes
// the pictures of every layer. It allocates nothing.
func (v *View) infer(ctx *ui.Context) {
	t0 := time.Now()
	v.seen = v.pad.Version()
	dirty := v.pad.TakeDirty()
	if !dirty.Empty() {
		for y := dirty.Y0; y < dirty.Y1; y++ {
			ui.FillGray(v.padBmp, dirty.X0, y, v.pad.Pix[y*PadSide+dirty.X0:y*PadSide+dirty.X1], dirty.X1-dirty.X0, 1, ctx.Theme)
		}
		v.padBmp.Touch()
	}
	v.shrink(dirty)
	sh := ctx.Shared
	err := canvas.PreprocessInto(&v.res, canvas.Image{Width: HalfSide, Height: HalfSide, Pix: v.half})
	if err != nil {
		if !errors.Is(err, canvas.ErrEmpty) {
			// Cannot happen for the pad's own image; show it as blank.
			v.res = canvas.Result{}
		}
		wasHas := v.has
		v.has = false
		v.clearMaps(ctx)
		sh.HasInput = false
		sh.InputVersion++
		if wasHas {
			v.predVersion++
		}
		v.LastInfer = time.Since(t0)
		return
	}
	sh.Net.Forward(v.res.Input[:], &v.acts)
	v.has = true
	v.Inferences++
	copy(sh.Input[:], v.res.Input[:])
	sh.HasInput = true
	sh.InputVersion++
	v.predVersion++
	ui.FillGray(v.digitBmp, 0, 0, v.res.Digit[:], 28, 28, ctx.Theme)
	v.digitBmp.Touch()
	for _, l := range lenet.LayerIDs {
		v.scales[l] = ui.MaxAbs(l.Values(&v.acts))
		v.stale[l] = true
	}
	if v.pickMax && v.hasSel {
		v.pickBest()
	}
	v.fillMaps(ctx)
	v.LastInfer = time.Since(t0)
}

// fillMaps colours the maps of the layers on screen that changed since
// they were last drawn; hidden ones (under the phone layout's tabs) wait
// until they are shown.
func (v *View) fillMaps(ctx *ui.Context) {
	for _, l := range lenet.LayerIDs {
		if !v.stale[l] || !(v.places.Shown[l] || v.places.Area.Empty()) {
			continue
		}
		v.stale[l] = false
		vals := l.Values(&v.acts)
		s := l.Shape()
		b := v.maps[l]
		if l == lenet.Input {
			ui.FillGray(b, 0, 0, vals, 32, 32, ctx.Theme)
		} else {
			for c := range s.C {
				ui.FillDiverging(b, c*s.W, 0, vals[c*s.H*s.W:(c+1)*s.H*s.W], s.W, s.H, v.scales[l], ctx.Theme)
			}
		}
		b.Touch()
	}
}

// shrink updates the 2×2 average of the pad (half) inside the changed box.
func (v *View) shrink(b pad.Box) {
	if b.Empty() {
		return
	}
	x0, y0 := b.X0/2, b.Y0/2
	x1, y1 := min(HalfSide, (b.X1+1)/2), min(HalfSide, (b.Y1+1)/2)
	pix := v.pad.Pix
	for y := y0; y < y1; y++ {
		r0 := pix[2*y*PadSide : 2*y*PadSide+PadSide]
		r1 := pix[(2*y+1)*PadSide : (2*y+1)*PadSide+PadSide]
		out := v.half[y*HalfSide : y*HalfSide+HalfSide]
		for x := x0; x < x1; x++ {
			out[x] = (r0[2*x] + r0[2*x+1] + r1[2*x] + r1[2*x+1]) * 0.25
		}
	}
}

func (v *View) clearMaps(ctx *ui.Context) {
	clear(v.digitBmp.Pix)
	ui.FillGray(v.digitBmp, 0, 0, make28[:], 28, 28, ctx.Theme)
	v.digitBmp.Touch()
	for _, l := range lenet.LayerIDs {
		b := v.maps[l]
		if l == lenet.Input {
			ui.FillGray(b, 0, 0, zeros[:1024], 32, 32, ctx.Theme)
		} else {
			s := l.Shape()
			ui.FillDiverging(b, 0, 0, zeros[:s.C*s.W*s.H], s.C*s.W, s.H, 1, ctx.Theme)
		}
		v.scales[l] = 0
		v.stale[l] = false
		b.Touch()
	}
	clear(v.acts.Probs[:])
}

var (
	make28 [28 * 28]float32
	zeros  [6 * 28 * 28]float32
)

// Prediction is the current class and probabilities (ui.Predictor): not
// OK while the pad is blank, not Settled during a stroke.
func (v *View) Prediction() ui.Prediction {
	p := ui.Prediction{OK: v.has, Label: -1, Version: v.predVersion, Settled: !v.drawing}
	if v.has {
		p.Label, p.Probs = v.acts.Label(), v.acts.Probs
	}
	return p
}

// InferenceTiming returns how many inferences ran and how long the last
// one took (ui.InferenceTimer).
func (v *View) InferenceTiming() (int, time.Duration) { return v.Inferences, v.LastInfer }

// PadRect is where the pad is, in device pixels.
func (v *View) PadRect() ui.Rect { return v.places.Pad }

// State is the view's snapshot for the browser tests.
func (v *View) State() *jsonw.Object {
	var o jsonw.Object
	o.Str("view", Name).Str("lang", v.lang.Code()).Int("strokes", v.pad.Strokes()).Int("sample", v.sample).
		Bool("drawing", v.drawing).Bool("narrow", v.places.Narrow).Str("tab", tabNames[v.tab]).Int("brush", v.brush).
		Int("inferences", v.Inferences).Str("error", v.paramErr.In(v.lang)).
		Float("lastInferMs", float64(v.LastInfer.Microseconds())/1000).Float("benchInferMs", v.benchMs)
	if p := v.Prediction(); p.OK {
		o.Int("label", p.Label).Floats32("probs", p.Probs[:])
	} else {
		o.Null("label").Null("probs")
	}
	if v.hasSel {
		o.Str("selected", v.sel.String())
	} else {
		o.Null("selected")
	}
	// Where things are, in device pixels [x, y, w, h], for tests that
	// point at them.
	var rects jsonw.Object
	put := func(name string, r ui.Rect) {
		if !r.Empty() {
			rects.Floats(name, []float64{r.X, r.Y, r.W, r.H})
		}
	}
	put("pad", v.places.Pad)
	put("tabs", v.places.Tabs)
	put("scores", v.places.Scores)
	put("info", v.places.Info)
	put("legend", v.places.Legend)
	put("bar0", v.scoreBar(0))
	for _, l := range lenet.LayerIDs {
		if v.places.Shown[l] {
			put(l.String(), v.places.Grids[l].Block())
		}
	}
	put("handButton", v.places.HandBtn)
	put("why", v.places.Why)
	put("whyButton", v.places.WhyAt.Button)
	put("whyMethods", v.places.WhyAt.Methods)
	put("whyLegend", v.places.WhyAt.Legend)
	if v.looksShown() {
		put("looks", v.looks.at)
		if len(v.looks.top) > 0 {
			put("looksFirst", v.looks.thumbs[1])
		}
	}
	o.Obj("rects", &rects).Obj("why", v.whyState()).Obj("looks", v.looksState()).Obj("save", v.saveState())
	if v.hand != nil {
		o.Bool("handOpen", v.handOpen()).Obj("hand", v.hand.State())
	}
	labels := make([]string, len(v.buttons))
	for i, b := range v.buttons {
		labels[i] = b.Label
	}
	o.Strs("buttons", labels).Strs("tabs", v.tabs.Options)
	if e, ok := v.explanation(); ok {
		var info jsonw.Object
		info.Str("title", e.Title).Strs("lines", e.Lines).Bool("fits", v.info.fits).Int("level", v.info.level).
			Float("numberPx", v.info.numSize).Int("channel", e.Ch)
		o.Obj("info", &info)
	} else {
		o.Null("info")
	}
	// How far down the wide layout's columns are filled, 0 to 1.
	var fill []float64
	for i, col := range v.places.Columns {
		if col.H > 0 {
			fill = append(fill, math.Round(100*v.places.Used[i].H/col.H)/100)
		}
	}
	o.Floats("fill", fill)
	if !v.res.Box.Empty() {
		b := v.res.Box
		o.Ints("inkBox", []int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y})
	}
	return &o
}
