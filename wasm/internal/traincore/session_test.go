package traincore

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/mnist/pack"
	"github.com/seecnn/lenet/cnn/train"
)

var (
	packOnce  sync.Once
	packBytes []byte
	packErr   error
)

// smallPack is a digit pack of MNIST's first 3,000 training digits and 500
// test digits, made as lenet subset makes the page's.
func smallPack(t testing.TB) []byte {
	t.Helper()
	packOnce.Do(func() {
		tr, err := mnist.LoadTrain()
		if err != nil {
			packErr = err
			return
		}
		te, err := mnist.LoadTest()
		if err != nil {
			packErr = err
			return
		}
		f, err := pack.Subset(&pack.Part{Pix: tr.Pix, Labels: tr.Labels}, &pack.Part{Pix: te.Pix, Labels: te.Labels}, 3000, 500)
		if err != nil {
			packErr = err
			return
		}
		var b bytes.Buffer
		packErr = pack.Encode(&b, f)
		packBytes = b.Bytes()
	})
	if packErr != nil {
		t.Fatal(packErr)
	}
	return packBytes
}

func loaded(t *testing.T) *Session {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Load(smallPack(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	var e *Error
	if err == nil || !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want a caller's error with %q", err, want)
	}
}

// From random weights the test digits go from chance to well above it in
// 100 steps of 64, with evaluations at 1,000 images and then every
// EvalEvery (the early ones at 2,500 and 5,000 come only before the first
// regular one).
func TestTrainFromRandom(t *testing.T) {
	s := loaded(t)
	if err := s.Reset("random", 1, nil); err != nil {
		t.Fatal(err)
	}
	chance := s.Evaluate()
	if err := s.SetOptions(Options{EvalEvery: 2000}); err != nil {
		t.Fatal(err)
	}
	var evals []int64
	for range 4 {
		p, err := s.Step(25)
		if err != nil {
			t.Fatal(err)
		}
		if p.Steps != 25 || p.Images != 25*64 {
			t.Errorf("progress %+v", p)
		}
		for _, e := range p.Evaluations {
			evals = append(evals, e.Images)
		}
	}
	st := s.Status()
	t.Logf("test digits %.1f%% → %.1f%% after %d images; loss %.3f, train %.1f%%, %.0f images/s", 100*chance.Accuracy, 100*st.Last.Accuracy, st.Images, st.Loss, 100*st.TrainAccuracy, st.ImagesPerSecond)
	if st.Last == nil || st.Last.Accuracy < 0.8 || chance.Accuracy > 0.3 {
		t.Errorf("test accuracy %.3f after training, %.3f before", st.Last.Accuracy, chance.Accuracy)
	}
	if st.Steps != 100 || st.Images != 100*64 || st.Epoch != 3 || !st.Loaded || st.TrainDigits != 3000 || st.TestDigits != 500 {
		t.Errorf("status %+v", st)
	}
	if !(st.Seconds > 0 && st.ImagesPerSecond > 0 && st.EvalSeconds > 0) {
		t.Errorf("times: %v s training, %v s evaluating, %v images/s", st.Seconds, st.EvalSeconds, st.ImagesPerSecond)
	}
	// Evaluations fall in the steps that pass 1,000, 2,000, 4,000, 6,000.
	if want := []int64{1024, 2048, 4032, 6016}; !slices.Equal(evals, want) {
		t.Errorf("evaluations at %v images, want %v", evals, want)
	}
	if st.NextEval != 8000 {
		t.Errorf("next evaluation at %d, want 8000", st.NextEval)
	}
}

func TestRunStopsAfterItsBudget(t *testing.T) {
	s := loaded(t)
	start := time.Now()
	p, err := s.Run(30 * time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if p.Steps < 1 || time.Since(start) > 10*time.Second {
		t.Errorf("a 30 ms slice took %d steps and %v", p.Steps, time.Since(start))
	}
	if p, err := s.Run(0); err != nil || p.Steps != 1 {
		t.Errorf("a slice of 0 ms: %+v, %v; want one step", p, err)
	}
	for _, d := range []time.Duration{-time.Millisecond, 2 * time.Second} {
		_, err := s.Run(d)
		wantErr(t, err, "0 to 1000 ms")
	}
}

// The same calls give the same weights, bit for bit; another seed others.
func TestSessionIsDeterministic(t *testing.T) {
	run := func(seed uint64, augment string) []byte {
		s := loaded(t)
		if err := s.SetOptions(Options{Augment: augment, BatchSize: 16, LR: 0.003}); err != nil {
			t.Fatal(err)
		}
		if err := s.Reset("random", seed, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Step(7); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOptions(Options{BatchSize: 9}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Step(3); err != nil {
			t.Fatal(err)
		}
		b, err := s.Export("")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, aug := range []string{AugmentNone, AugmentJitter, AugmentCanvas} {
		a, b := run(5, aug), run(5, aug)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the same seed and calls gave different weights", aug)
		}
		if bytes.Equal(a, run(6, aug)) {
			t.Errorf("%s: seeds 5 and 6 gave the same weights", aug)
		}
	}
}

func TestResetAndExport(t *testing.T) {
	s := loaded(t)
	shipped, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Net().Params, shipped.Net.Params) || s.Status().From != "shipped" {
		t.Error("a new session does not hold the shipped weights")
	}
	if _, err := s.Step(2); err != nil {
		t.Fatal(err)
	}
	file, err := s.Export("for the lecture — 강의")
	if err != nil {
		t.Fatal(err)
	}
	w, err := lenet.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.Net.Params, s.Net().Params) || w.Half {
		t.Error("the exported weights are not the session's, as float32")
	}
	for _, want := range []string{"trained in the browser", "from: the shipped weights", "images: 128 (2 steps, batch 64", "note: for the lecture — 강의"} {
		if !strings.Contains(w.Meta, want) {
			t.Errorf("metadata %q lacks %q", w.Meta, want)
		}
	}
	// Back in from the file: the same network, counters from zero.
	if err := s.Reset("weights", 3, file); err != nil {
		t.Fatal(err)
	}
	if st := s.Status(); !slices.Equal(s.Net().Params, w.Net.Params) || st.Images != 0 || st.From != "weights" || st.Seed != 3 || st.Last != nil || st.Meta != w.Meta {
		t.Errorf("after loading the exported file: status %+v", st)
	}
	wantErr(t, s.Reset("weights", 1, file[:100]), "the weights are not usable")
	wantErr(t, s.Reset("weights", 1, make([]byte, MaxWeightsBytes+1)), "more than")
	wantErr(t, s.Reset("zeros", 1, nil), `from must be "random", "shipped" or "weights"`)
	wantErr(t, s.Reset("random", 1<<53, nil), "seed")
	_, err = s.Export(strings.Repeat("x", MaxNote+1))
	wantErr(t, err, "note")
	_, err = s.Export("\xff")
	wantErr(t, err, "note")
	// A failed reset leaves the session as it was.
	if s.Status().From != "weights" {
		t.Error("a failed reset changed the session")
	}
}

func TestOptions(t *testing.T) {
	s := loaded(t)
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{LR: -1}, "learningRate"},
		{Options{LR: 0.2}, "learningRate"},
		{Options{BatchSize: 1025}, "batchSize"},
		{Options{BatchSize: -1}, "batchSize"},
		{Options{Augment: "heavy"}, "augment"},
		{Options{EvalEvery: 99}, "evalEvery"},
	} {
		wantErr(t, s.SetOptions(tc.o), tc.want)
	}
	if err := s.SetOptions(Options{LR: 0.01, BatchSize: 32, Augment: AugmentCanvas, EvalEvery: 500}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Step(2)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Status()
	if p.Images != 64 || st.BatchSize != 32 || st.TargetLR != 0.01 || st.Augment != AugmentCanvas || st.EvalEvery != 500 {
		t.Errorf("progress %+v, status %+v", p, st)
	}
	// The options outlive a reset.
	if err := s.Reset("random", 2, nil); err != nil {
		t.Fatal(err)
	}
	if st := s.Status(); st.BatchSize != 32 || st.Augment != AugmentCanvas {
		t.Errorf("after a reset: %+v", st)
	}
}

func TestNeedsData(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if s.Status().Loaded {
		t.Error("a new session says it has digits")
	}
	_, err = s.Step(1)
	wantErr(t, err, "no digits loaded")
	_, err = s.Run(time.Millisecond)
	wantErr(t, err, "no digits loaded")
	_, err = s.Predict(nil)
	wantErr(t, err, "no digits loaded")
	_, err = s.FineTune([]train.Drawing{{Input: make([]float32, 1024)}}, train.FineTuneConfig{})
	wantErr(t, err, "no digits loaded")
	// What needs no digits works.
	if _, err := s.Export(""); err != nil {
		t.Error(err)
	}
	if err := s.SetOptions(Options{BatchSize: 8}); err != nil {
		t.Error(err)
	}
	wantErr(t, s.Load(nil), "too short")
	wantErr(t, s.Load(make([]byte, MaxDataBytes+1)), "more than")
	bad := bytes.Clone(smallPack(t))
	bad[len(bad)/2] ^= 1
	wantErr(t, s.Load(bad), "checksum")
	if s.Status().Loaded {
		t.Error("a bad pack was loaded")
	}
	if _, err := s.Step(0); err == nil {
		t.Error("0 steps accepted")
	}
}

func TestPredict(t *testing.T) {
	s := loaded(t)
	ds, err := s.Predict(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 10 {
		t.Fatalf("%d digits by default, want one of each class", len(ds))
	}
	for k, d := range ds {
		if d.Label != k || len(d.Pixels) != 784 || d.Prediction.Label != d.Label {
			t.Errorf("default digit %d: index %d, label %d, read as %d, %d pixels", k, d.Index, d.Label, d.Prediction.Label, len(d.Pixels))
		}
	}
	ds, err = s.Predict([]int{499, 0, 0})
	if err != nil || len(ds) != 3 || ds[0].Index != 499 {
		t.Errorf("digits 499, 0, 0: %v", err)
	}
	_, err = s.Predict([]int{500})
	wantErr(t, err, "test digit 500 does not exist")
	_, err = s.Predict([]int{-1})
	wantErr(t, err, "does not exist")
	_, err = s.Predict(make([]int, 101))
	wantErr(t, err, "at most 100")
	c1w, c1b, c3w, c3b := s.Kernels()
	if len(c1w) != 150 || len(c1b) != 6 || len(c3w) != 2400 || len(c3b) != 16 || c1w[0] != s.Net().C1W[0] {
		t.Error("kernels")
	}
	c1w[0]++
	if c1w[0] == s.Net().C1W[0] {
		t.Error("Kernels returned the network's own slice")
	}
}

// Teaching the shipped network that three test digits are other digits
// changes what it reads in them, and reports the test digits before and
// after.
func TestFineTune(t *testing.T) {
	s := loaded(t)
	f, err := pack.Decode(smallPack(t))
	if err != nil {
		t.Fatal(err)
	}
	var ds []train.Drawing
	for i := range 3 {
		d, err := Drawing(28, 28, f.Test.Pix[(10+i)*784:(11+i)*784], (int(f.Test.Labels[10+i])+5)%10)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	r, err := s.FineTune(ds, train.FineTuneConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d steps, %d images, %.2f s; test digits %.1f%% → %.1f%%", r.Steps, r.Images, r.Seconds, 100*r.Before.Accuracy, 100*r.After.Accuracy)
	for k, d := range ds {
		if r.FineTuneResult.Before[k].Label == d.Label || r.FineTuneResult.After[k].Label != d.Label {
			t.Errorf("drawing %d, labelled %d: read as %d, then %d", k, d.Label, r.FineTuneResult.Before[k].Label, r.FineTuneResult.After[k].Label)
		}
	}
	if st := s.Status(); st.FineTunings != 1 || st.FineTuneImages != int64(r.Images) || st.Last == nil || st.Last.Correct != r.After.Correct {
		t.Errorf("status %+v", st)
	}
	_, err = s.FineTune(nil, train.FineTuneConfig{})
	wantErr(t, err, "1 to 64 drawings")
	_, err = s.FineTune(ds, train.FineTuneConfig{Copies: 100})
	wantErr(t, err, "copies")
}

func TestDrawing(t *testing.T) {
	grey := make([]uint8, 50*40)
	for y := 10; y < 30; y++ {
		grey[y*50+25] = 255
	}
	d, err := Drawing(50, 40, grey, 1)
	if err != nil || len(d.Input) != 1024 || d.Label != 1 {
		t.Fatalf("a bar: %v", err)
	}
	rgba := make([]uint8, 4*50*40)
	for i, v := range grey {
		rgba[4*i], rgba[4*i+1], rgba[4*i+2], rgba[4*i+3] = 255-v, 255-v, 255-v, 255
	}
	d2, err := Drawing(50, 40, rgba, 1)
	if err != nil || !slices.Equal(d.Input, d2.Input) {
		t.Errorf("the same bar dark on light in RGBA: %v", err)
	}
	_, err = Drawing(50, 40, make([]uint8, 2000), 1)
	wantErr(t, err, "blank")
	_, err = Drawing(50, 40, make([]uint8, 7), 1)
	wantErr(t, err, "needs 2000 grey or 8000 RGBA bytes")
	_, err = Drawing(0, 40, nil, 1)
	wantErr(t, err, "pixels on each side")
}
