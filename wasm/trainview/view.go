// Package trainview is the training view, app.html?view=train: LeNet-5
// learning in the page, from random weights (seeded) or from the shipped
// ones. A training worker trains (site/train-worker.js, the pagelink.Train
// slot, which window.lenetDemo.train drives too); the view only shows what
// the worker reports, four times a second, and sends what the student
// asks, so the page keeps its frame rate while training runs.
//
// It shows the loss and both accuracies as curves over the images seen,
// the images per second, C1's six kernels and C3's 16×6 kernels as they
// form, ten test digits with the network's current reading, and, on its
// second tab, the network view itself (wasm/netview, inside this view,
// running the weights being trained) for a test digit the student picks
// or a digit the student draws. Controls: start or pause, one step, reset,
// where to start from and its seed, the learning rate, the batch size.
package trainview

import (
	"math"
	"strconv"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/handwriting"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/netview"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/ui"
)

// Name is the view's URL name, ?view=train.
const Name = handwriting.TrainView

func init() {
	ui.Register(ui.Spec{Name: Name, Title: txtTitle, Params: params, New: newView})
}

// The choices of the learning rate and the batch size; the defaults are
// the engine's (cnn/train: Adam at 0.002, batches of 64).
var (
	rates   = [...]string{"0.0005", "0.001", "0.002", "0.005", "0.01"}
	batches = [...]string{"16", "32", "64", "128", "256"}
	froms   = [...]string{"random", "shipped"}
)

const (
	maxSeed   = 1_000_000
	maxPoints = 600 // points of a curve kept; past it every other one goes
)

var params = []ui.Param{
	{Name: "from", Default: "random", Meaning: i18n.Text{En: "the weights training starts from", Ko: "학습을 시작할 가중치"},
		Options: []ui.Option{{Value: "random", Meaning: i18n.Text{En: "random (He initialisation from the seed)", Ko: "무작위 (시드로 He 초기화)"}},
			{Value: "shipped", Meaning: i18n.Text{En: "the shipped, trained weights", Ko: "기본으로 든 학습된 가중치"}}}},
	{Name: "seed", Kind: ui.ParamInt, Min: 1, Max: maxSeed, Default: "1",
		Meaning: i18n.Text{En: "the seed of the random weights and of the order of the training digits", Ko: "무작위 가중치와 학습 숫자 순서의 시드"}},
	{Name: "rate", Options: []ui.Option{{Value: "0.0005"}, {Value: "0.001"}, {Value: "0.002"}, {Value: "0.005"}, {Value: "0.01"}},
		Default: "0.002", Meaning: i18n.Text{En: "the learning rate (Adam)", Ko: "학습률 (Adam)"}},
	{Name: "batch", Options: []ui.Option{{Value: "16"}, {Value: "32"}, {Value: "64"}, {Value: "128"}, {Value: "256"}},
		Default: "64", Meaning: i18n.Text{En: "the batch size: training digits per step", Ko: "배치 크기: 한 단계에 쓰는 학습 숫자 수"}},
}

// point is one point of a curve: x is the images seen.
type point struct{ x, loss, acc float32 }

// View is the training view.
type View struct {
	link *pagelink.Link
	st   pagelink.WorkerStatus
	has  bool   // st holds a status
	init uint64 // the first request's number
	err  string

	pts, tests []point
	maxLoss    float32

	c1, c3, digits *ui.Bitmap
	got            []pagelink.Digit
	parSeq, useSeq uint64
	parFor         [2]float64 // the images seen and the run the inside view's weights are of

	// The network view inside this one, with the weights being trained.
	inside *netview.View
	sub    ui.Shared

	tab         int // 0 training, 1 inside
	tabs        ui.Choice
	run         []ui.Button // start or pause, one step, reset, use in the demo
	from        ui.Choice
	seed        ui.Stepper
	rate, batch ui.Stepper
	p           places
	lang        i18n.Lang
	area        ui.Rect
}

// places is where the parts of the training tab are.
type places struct {
	top, nums, bar, acc, loss, k1, k3, dg ui.Rect
	kcol                                  ui.Rect   // where the kernels are
	digit                                 []ui.Rect // the test digits
	narrow                                bool
	cols                                  int // of the figures
}

func newView(ctx *ui.Context) ui.View {
	v := &View{link: ctx.Shared.Link, maxLoss: 2.5, lang: 255, run: make([]ui.Button, 4), p: places{digit: make([]ui.Rect, 10)},
		c1: ui.NewBitmap(6*6-1, 5), c3: ui.NewBitmap(16*6-1, 6*6-1), digits: ui.NewBitmap(10*28, 28)}
	v.sub.Net = lenet.New()
	v.seed.Min, v.seed.Max = 1, maxSeed
	v.rate.Max, v.batch.Max = len(rates)-1, len(batches)-1
	v.rate.Format = func(i int) string { return rates[i] }
	v.batch.Format = func(i int) string { return batches[i] }
	pv := ui.ParseParams(ctx.Params, params)
	pick := func(name string, vs []string, def int) int {
		c, _ := pv.Choice(name)
		for i, x := range vs {
			if x == c {
				return i
			}
		}
		return def
	}
	v.from.Index, v.rate.Value, v.batch.Value = pick("from", froms[:], 0), pick("rate", rates[:], 2), pick("batch", batches[:], 2)
	s, _ := pv.Int("seed")
	v.seed.Value = max(1, int(s))
	v.err = pv.Notice().In(ctx.Lang)
	// Opening the view starts the worker: train.wasm and the digits
	// download now, not when the student presses Start.
	v.init = v.send(pagelink.Status, "")
	return v
}

// send asks the worker; from, when set, makes it start again from those
// weights.
func (v *View) send(k pagelink.Kind, from string) uint64 {
	if v.link == nil {
		return 0
	}
	return v.link.Send(pagelink.Request{Slot: pagelink.Train, Kind: k, From: from, Seed: v.seed.Value, Count: 1,
		LearningRate: num(rates[v.rate.Value]), BatchSize: int(num(batches[v.batch.Value]))})
}

// Update takes the worker's reports and the student's input.
func (v *View) Update(ctx *ui.Context, in *ui.Input) {
	if v.link != nil {
		for _, e := range v.link.Events(pagelink.Train) {
			v.event(ctx, e)
		}
	}
	v.labels(ctx)
	if v.tabs.Update(ctx, in) {
		v.setTab(ctx, v.tabs.Index, -1)
	}
	running := v.st.Is(pagelink.Running)
	if v.tab == 1 {
		v.inNet(ctx, func() { v.inside.Update(ctx, in) })
		// The weights again whenever they changed, one request at a time.
		if now := [2]float64{v.st[pagelink.Images], v.st[pagelink.Run]}; v.parSeq == 0 && now != v.parFor {
			v.parFor = now
			v.parSeq = v.send(pagelink.Params, "")
		}
		return
	}
	for i, w := range v.widgets() {
		if !w.Update(ctx, in) {
			continue
		}
		switch k := [...]pagelink.Kind{pagelink.Start, pagelink.Step, pagelink.Reset, pagelink.Params, pagelink.Reset, pagelink.Reset, pagelink.Set, pagelink.Set}[i]; {
		case k == pagelink.Reset:
			v.send(k, froms[v.from.Index])
		case i == 0 && running:
			v.send(pagelink.Pause, "")
		case i == 3:
			v.useSeq = v.send(k, "")
		default:
			v.send(k, "")
		}
	}
	for i := range v.got {
		if in.Clicked(v.p.digit[i]) {
			v.setTab(ctx, 1, i)
		}
	}
}

// widget is what the controls have in common.
type widget interface {
	Update(ctx *ui.Context, in *ui.Input) bool
	Draw(ctx *ui.Context, c ui.Canvas)
}

// widgets are the controls, in the keyboard's order.
func (v *View) widgets() [8]widget {
	return [8]widget{&v.run[0], &v.run[1], &v.run[2], &v.run[3], &v.from, &v.seed, &v.rate, &v.batch}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// num reads a rate or a batch size of the lists above.
func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// inNet runs f with the inside view's shared state.
func (v *View) inNet(ctx *ui.Context, f func()) {
	sh := ctx.Shared
	ctx.Shared = &v.sub
	f()
	ctx.Shared = sh
}

// setTab shows tab t; on the inside tab, test digit pick (if ≥ 0) goes on
// its pad.
func (v *View) setTab(ctx *ui.Context, t, pick int) {
	v.tab, v.tabs.Index = t, t
	if t == 1 && v.inside == nil {
		ps := ctx.Params
		ctx.Params = nil
		v.inNet(ctx, func() { v.inside = netview.New(ctx) })
		ctx.Params = ps
	}
	if t == 1 && pick >= 0 {
		var pix [784]float32
		for i, b := range v.got[pick].Pixels {
			pix[i] = float32(b) / 255
		}
		_ = v.inside.LoadPicture(pix[:], 28, 28)
	}
	v.Layout(ctx, v.area)
}

// event takes one answer or report of the worker.
func (v *View) event(ctx *ui.Context, e pagelink.Event) {
	if e.Err != "" {
		v.err = e.Err
		if e.Seq == v.parSeq {
			v.parSeq = 0
		}
		return
	}
	if st, ok := e.Status(); ok {
		if !v.has || st[pagelink.Run] != v.st[pagelink.Run] {
			v.pts, v.tests, v.maxLoss = v.pts[:0], v.tests[:0], 2.5
		}
		v.st, v.has = st, true
		if e.Seq == v.init {
			// The worker answered for the first time: unless a script
			// trained it already, start from the view's choice.
			v.err = ""
			if st.Count(pagelink.Steps) == 0 && st.Count(pagelink.FineTunings) == 0 {
				v.send(pagelink.Set, "")
				v.send(pagelink.Reset, froms[v.from.Index])
				return
			}
			v.send(pagelink.Kernels, "")
			v.send(pagelink.Predict, "")
		}
		// Show the worker's settings (a script may have changed them).
		for i := range rates {
			if math.Abs(st[pagelink.LearningRate]-num(rates[i])) < 1e-9 {
				v.rate.Value = i
			}
			if st[pagelink.BatchSize] == num(batches[i]) {
				v.batch.Value = i
			}
		}
		if f := st[pagelink.From]; f == 0 || f == 1 {
			v.from.Index = int(f)
		}
		if s := st.Count(pagelink.Seed); s >= 1 && s <= maxSeed {
			v.seed.Value = int(s)
		}
		if loss, acc := st[pagelink.Loss], st[pagelink.TrainAccuracy]; (e.Kind == pagelink.Progress || e.Kind == pagelink.Step) && loss == loss && acc == acc {
			if len(v.pts) >= maxPoints {
				for i := range len(v.pts) / 2 {
					v.pts[i] = v.pts[2*i+1]
				}
				v.pts = v.pts[:len(v.pts)/2]
			}
			v.pts = append(v.pts, point{x: float32(st[pagelink.Images]), loss: float32(loss), acc: float32(acc)})
			v.maxLoss = max(v.maxLoss, float32(loss))
		}
	}
	if c1, c3, ok := e.Kernels(); ok {
		s1, s3 := ui.MaxAbs(c1), ui.MaxAbs(c3)
		for k := range 16 * 6 {
			ui.FillDiverging(v.c3, k/6*6, k%6*6, c3[k*25:], 5, 5, s3, ctx.Theme)
			if k < 6 {
				ui.FillDiverging(v.c1, k*6, 0, c1[k*25:], 5, 5, s1, ctx.Theme)
			}
		}
		v.c1.Touch()
		v.c3.Touch()
	}
	if s, ok := e.Evaluation(); ok && len(v.tests) < maxPoints {
		v.tests = append(v.tests, point{x: float32(s.Images), acc: float32(s.Accuracy)})
	}
	if ds, ok := e.Digits(); ok {
		v.got = ds[:min(len(ds), 10)]
		var pix [784]float32
		for k, d := range v.got {
			for i, b := range d.Pixels {
				pix[i] = float32(b) / 255
			}
			ui.FillGray(v.digits, k*28, 0, pix[:], 28, 28, ctx.Theme)
		}
		v.digits.Touch()
	}
	if p, ok := e.Params(); ok {
		n, _ := lenet.FromParams(append([]float32(nil), p...))
		if e.Seq == v.useSeq {
			// The weights go to the demo, which opens with them.
			ctx.Shared.Net = n
			ctx.Shared.NetVersion++
			ctx.SwitchTo(netview.Name)
			return
		}
		v.sub.Net = n
		v.sub.NetVersion++
		v.parSeq = 0
	}
	if e.Kind == pagelink.Failure {
		v.err = e.Err
	}
}

// State is the view's snapshot for tests.
func (v *View) State() *jsonw.Object {
	var o jsonw.Object
	s := &v.st
	var r []float64
	for _, x := range []ui.Rect{v.run[0].Rect, v.run[1].Rect, v.run[2].Rect, v.tabs.Rect, v.p.digit[0]} {
		r = append(r, x.X, x.Y, x.W, x.H)
	}
	var reads []int
	for _, d := range v.got {
		reads = append(reads, d.Label, d.Prediction)
	}
	o.Str("view", Name).Int("tab", v.tab).Bool("running", s.Is(pagelink.Running)).Floats("status", s[:]).
		Str("from", froms[v.from.Index]).Int("seed", v.seed.Value).Str("rate", rates[v.rate.Value]).Str("batch", batches[v.batch.Value]).
		Int("points", len(v.pts)).Int("tests", len(v.tests)).Ints("digits", reads).Str("error", v.err).
		Floats("rects", r) // start, step, reset, the tabs, the first test digit: [x, y, w, h] each
	if v.tab == 1 {
		o.Obj("inside", v.inside.State())
	}
	return &o
}
