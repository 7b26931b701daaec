package trainview

import (
	"encoding/json"
	"math"
	"net/url"
	"reflect"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/netview"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

type rig struct {
	t   *testing.T
	ctx *ui.Context
	v   *View
	tr  ui.Tracker
}

func newRig(t *testing.T, query string, w, h, scale float64) *rig {
	q, _ := url.ParseQuery(query)
	net, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, ctx: &ui.Context{Lang: i18n.En, Scale: scale, Theme: &ui.Light, Params: q, Screen: ui.R(0, 0, w, h),
		Shared: &ui.Shared{Net: net.Net, Link: new(pagelink.Link)}}}
	r.v = newView(r.ctx).(*View)
	r.v.Layout(r.ctx, ui.R(0, 40*scale, w, h-40*scale))
	return r
}

func (r *rig) frame(evs ...ui.PointerEvent) {
	in := &ui.Input{Events: evs}
	r.tr.Frame(in)
	r.ctx.Frame++
	r.ctx.Focus.Begin(in)
	r.v.Update(r.ctx, in)
}

func (r *rig) click(b ui.Rect) {
	r.frame(ui.PointerEvent{Phase: ui.PointerDown, Primary: true, X: b.CenterX(), Y: b.CenterY()},
		ui.PointerEvent{Phase: ui.PointerUp, Primary: true, X: b.CenterX(), Y: b.CenterY()})
}

func (r *rig) requests() []pagelink.Request { return r.ctx.Shared.Link.TakeRequests() }

func (r *rig) deliver(e pagelink.Event) {
	e.Slot = pagelink.Train
	r.ctx.Shared.Link.Deliver(e)
	r.frame()
}

func (r *rig) state() (s struct {
	Tab, Points, Tests, Seed int
	Running                  bool
	From, Rate, Batch        string
	Digits                   []int
	Status                   []*float64
	Inside                   *struct{ Sample, Inferences int }
}) {
	if err := json.Unmarshal(r.v.State().Bytes(), &s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

// status is a worker's status as site/train-bridge.js sends it.
func status(images float64, running bool, from, run float64) []float64 {
	s := make([]float64, pagelink.NumStatus)
	for i := range s {
		s[i] = math.NaN()
	}
	s[pagelink.Loaded], s[pagelink.Images], s[pagelink.Steps], s[pagelink.From], s[pagelink.Seed], s[pagelink.Run] = 1, images, images/64, from, 1, run
	s[pagelink.LearningRate], s[pagelink.BatchSize], s[pagelink.EvalEvery], s[pagelink.NextEvaluation] = 0.002, 64, 10000, 1000
	if running {
		s[pagelink.Running] = 1
	}
	if images > 0 {
		s[pagelink.Loss], s[pagelink.TrainAccuracy] = 2.3/(1+images/1000), 1-0.9/(1+images/1000)
	}
	return s
}

// The view starts the worker from its URL's choice, unless a script
// trained it already.
func TestStart(t *testing.T) {
	r := newRig(t, "from=shipped&seed=5&rate=0.01&batch=128", 1280, 800, 1)
	reqs := r.requests()
	if len(reqs) != 1 || reqs[0].Kind != pagelink.Status || reqs[0].Slot != pagelink.Train {
		t.Fatalf("opening sends %+v", reqs)
	}
	r.deliver(pagelink.Event{Seq: reqs[0].Seq, Kind: pagelink.Status, Nums: status(0, false, 1, 0)})
	reqs = r.requests()
	if len(reqs) != 2 || reqs[0].Kind != pagelink.Set || reqs[0].LearningRate != 0.01 || reqs[0].BatchSize != 128 ||
		reqs[1].Kind != pagelink.Reset || reqs[1].From != "shipped" || reqs[1].Seed != 5 {
		t.Fatalf("the first answer sends %+v", reqs)
	}
	// Trained by a script before the view opened: the view shows it.
	q := newRig(t, "", 1280, 800, 1)
	seq := q.requests()[0].Seq
	q.deliver(pagelink.Event{Seq: seq, Kind: pagelink.Status, Nums: status(6400, true, 0, 1)})
	if reqs := q.requests(); len(reqs) != 2 || reqs[0].Kind != pagelink.Kernels || reqs[1].Kind != pagelink.Predict {
		t.Errorf("after a script: %+v", reqs)
	}
	if s := q.state(); !s.Running || *s.Status[pagelink.Images] != 6400 {
		t.Errorf("state %+v", s)
	}
}

// Progress, evaluations, kernels and test digits make the curves and the
// pictures; a new run clears the curves.
func TestReports(t *testing.T) {
	r := newRig(t, "", 1280, 800, 1)
	r.requests()
	k := make([]float32, pagelink.KernelFloats)
	for i := range k {
		k[i] = float32(i%7) - 3
	}
	c1 := r.v.c1.Version
	for i := 1; i <= 5; i++ {
		r.deliver(pagelink.Event{Kind: pagelink.Progress, Nums: status(float64(640*i), true, 0, 1), Floats: k})
	}
	r.deliver(pagelink.Event{Kind: pagelink.Evaluation, Nums: []float64{1000, 0.5, 900, 2000, 0.45}})
	nums := make([]float64, 0, 10*pagelink.DigitNums)
	for d := range 10 {
		nums = append(nums, float64(d), float64(d), float64((d+1)%10), 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)
	}
	pix := make([]byte, 10*784)
	for d := range 10 {
		g, _ := samples.Gray(d)
		copy(pix[d*784:], g)
	}
	r.deliver(pagelink.Event{Kind: pagelink.Predict, Nums: nums, Bytes: pix})
	s := r.state()
	if s.Points != 5 || s.Tests != 1 || !s.Running || len(s.Digits) != 20 || s.Digits[3] != 2 || r.v.c1.Version == c1 {
		t.Fatalf("after the reports: %+v", s)
	}
	if r.v.maxLoss < 2.5 || r.v.pts[4].x != 3200 {
		t.Errorf("points %+v", r.v.pts)
	}
	// A script started again: the curves start again.
	r.deliver(pagelink.Event{Kind: pagelink.Status, Nums: status(0, false, 1, 2)})
	if s := r.state(); s.Points != 0 || s.Tests != 0 || s.From != "shipped" {
		t.Errorf("after a new run: %+v", s)
	}
	// Long training keeps at most maxPoints points.
	for i := range 3 * maxPoints {
		r.v.event(r.ctx, pagelink.Event{Slot: pagelink.Train, Kind: pagelink.Progress, Nums: status(float64(64*i+64), true, 1, 2)})
	}
	if n := len(r.v.pts); n > maxPoints || n < maxPoints/2 || r.v.pts[n-1].x != float32(64*3*maxPoints) {
		t.Errorf("%d points, the last at %v", n, r.v.pts[n-1].x)
	}
	// A test digit clicked opens the network view inside, with that
	// digit, and the weights being trained.
	r.click(r.v.p.digit[3])
	r.frame()
	s = r.state()
	if s.Tab != 1 || s.Inside == nil || s.Inside.Inferences == 0 {
		t.Fatalf("after clicking a digit: %+v", s)
	}
	reqs := r.requests()
	if len(reqs) != 1 || reqs[0].Kind != pagelink.Params {
		t.Fatalf("the inside tab asks %+v", reqs)
	}
	params := append([]float32(nil), r.ctx.Shared.Net.Params...)
	r.deliver(pagelink.Event{Seq: reqs[0].Seq, Kind: pagelink.Params, Floats: params})
	if r.v.sub.NetVersion != 1 || !reflect.DeepEqual(r.v.sub.Net.Params, params) || r.ctx.Shared.NetVersion != 0 {
		t.Error("the inside view did not get the weights (or the demo did)")
	}
	r.click(r.v.tabs.Rect.Grid(2, 1, 0, 0, 0))
	if r.state().Tab != 0 {
		t.Error("back to the training tab")
	}
}

// The controls send what they say.
func TestControls(t *testing.T) {
	r := newRig(t, "", 1280, 800, 1)
	r.requests()
	want := []pagelink.Kind{pagelink.Start, pagelink.Step, pagelink.Reset, pagelink.Params}
	for i, k := range want {
		r.click(r.v.run[i].Rect)
		if reqs := r.requests(); len(reqs) != 1 || reqs[0].Kind != k {
			t.Errorf("button %d sends %+v", i, reqs)
		}
	}
	r.click(r.v.from.Rect.Grid(2, 1, 0, 1, 0))
	if reqs := r.requests(); len(reqs) != 1 || reqs[0].Kind != pagelink.Reset || reqs[0].From != "shipped" {
		t.Errorf("from shipped sends %+v", reqs)
	}
	r.click(ui.R(r.v.rate.Rect.Right()-4, r.v.rate.Rect.Y, 2, r.v.rate.Rect.H))
	if reqs := r.requests(); len(reqs) != 1 || reqs[0].Kind != pagelink.Set || reqs[0].LearningRate != 0.005 {
		t.Errorf("a higher rate sends %+v", reqs)
	}
	r.deliver(pagelink.Event{Kind: pagelink.Progress, Nums: status(64, true, 0, 1)})
	r.click(r.v.run[0].Rect)
	if reqs := r.requests(); len(reqs) != 1 || reqs[0].Kind != pagelink.Pause {
		t.Errorf("while running, the first button sends %+v", reqs)
	}
	// Use in the demo: the weights become the demo's, and the demo opens.
	r.click(r.v.run[3].Rect)
	seq := r.requests()[0].Seq
	n := lenet.New()
	r.deliver(pagelink.Event{Seq: seq, Kind: pagelink.Params, Floats: n.Params})
	if r.ctx.Shared.NetVersion != 1 || r.ctx.Shared.Net.Params[0] != 0 {
		t.Error("the demo did not get the weights")
	}
	if q := r.ctx.TakeRequests(); !q.SwitchView || q.View != netview.Name {
		t.Errorf("the demo did not open: %+v", q)
	}
	// An error shows.
	r.deliver(pagelink.Event{Kind: pagelink.Failure, Err: "train.wasm stopped"})
	if r.v.err != "train.wasm stopped" {
		t.Errorf("error %q", r.v.err)
	}
}

// Draw only draws, with curves and digits, in both languages, from a phone
// to a projector, on both tabs.
func TestDrawOnlyDraws(t *testing.T) {
	for _, sz := range [][3]float64{{1280, 800, 1}, {390 * 3, 844 * 3, 3}, {568 * 2, 320 * 2, 2}, {844 * 3, 390 * 3, 3}, {2560, 1440, 2}} {
		for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
			r := newRig(t, "", sz[0], sz[1], sz[2])
			r.ctx.Lang = l
			k := make([]float32, pagelink.KernelFloats)
			for i := 1; i <= 20; i++ {
				r.deliver(pagelink.Event{Kind: pagelink.Progress, Nums: status(float64(640*i), true, 0, 1), Floats: k})
			}
			r.deliver(pagelink.Event{Kind: pagelink.Evaluation, Nums: []float64{1000, 0.5, 900, 2000, 0.45}})
			for tab := range 2 {
				r.v.setTab(r.ctx, tab, -1)
				r.frame()
				before := r.v.State().String()
				var a, b ui.Recorder
				r.v.Draw(r.ctx, &a)
				r.v.Draw(r.ctx, &b)
				if !reflect.DeepEqual(a.Ops, b.Ops) || r.v.State().String() != before || len(a.Ops) < 30 {
					t.Errorf("%v %v tab %d: Draw changed something (%d ops; the same state %v)", sz, l, tab, len(a.Ops), r.v.State().String() == before)
				}
				for _, o := range a.Ops {
					if o.R.X < -1 || o.R.Y < -1 || o.R.X > sz[0]+1 || o.R.Y > sz[1]+1 {
						t.Errorf("%v %v tab %d: %s %q at %v, off the screen", sz, l, tab, o.Kind, o.Text, o.R)
						break
					}
				}
			}
		}
	}
}
