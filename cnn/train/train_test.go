package train

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
)

func randomSlice(r *rand.Rand, n int, sparse bool) []float32 {
	s := make([]float32, n)
	for i := range s {
		if sparse && r.IntN(3) != 0 {
			continue
		}
		s[i] = float32(r.NormFloat64())
	}
	return s
}

func near(a, b float32) bool {
	return math.Abs(float64(a-b)) <= 1e-4*(1+math.Abs(float64(b)))
}

// randomInput is a digit-like input: a few bright blobs on zero.
func randomInput(r *rand.Rand) []float32 {
	x := make([]float32, lenet.InputLen)
	for range 6 {
		cx, cy := 6+r.IntN(20), 6+r.IntN(20)
		for y := cy - 2; y <= cy+2; y++ {
			for xx := cx - 2; xx <= cx+2; xx++ {
				x[y*32+xx] = max(x[y*32+xx], r.Float32())
			}
		}
	}
	return x
}

func TestPassForwardMatchesLenet(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	net := Init(3)
	p := new(pass)
	acts := new(lenet.Activations)
	for range 5 {
		x := randomInput(r)
		copy(p.x[:], x)
		got := p.forward(net)
		want := net.Forward(x, acts)
		if got != want {
			t.Errorf("class %d, lenet says %d", got, want)
		}
		for i := range p.logits {
			if !near(p.logits[i], acts.Logits[i]) {
				t.Fatalf("logit %d = %v, lenet %v", i, p.logits[i], acts.Logits[i])
			}
		}
	}
}

// referenceGradient is the gradient of the cross-entropy of net on x for
// label, computed with package cnn's general, checked operations layer by
// layer.
func referenceGradient(t *testing.T, net *lenet.Net, x []float32, label int) (*lenet.Net, float32) {
	t.Helper()
	g := lenet.New()
	type convL struct {
		in   *cnn.Tensor
		out  *cnn.Tensor
		geo  cnn.Geometry
		pool *cnn.Tensor
		win  []int32
	}
	conv := func(in *cnn.Tensor, w, b []float32, n int) convL {
		k, err := cnn.KernelsFrom(n, in.C, 5, 5, w)
		if err != nil {
			t.Fatal(err)
		}
		o := cnn.ConvOptions{Stride: 1, Bias: b}
		geo, err := cnn.ConvGeometry(in.Shape, k, o)
		if err != nil {
			t.Fatal(err)
		}
		out, err := cnn.Conv2D(in, k, o)
		if err != nil {
			t.Fatal(err)
		}
		cnn.ReLU.ApplyAll(out.Data)
		pool, win, err := cnn.Pool2D(out, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
		if err != nil {
			t.Fatal(err)
		}
		return convL{in, out, geo, pool, win}
	}
	in, _ := cnn.TensorFrom(1, 32, 32, slices.Clone(x))
	l1 := conv(in, net.C1W, net.C1B, 6)
	l3 := conv(l1.pool, net.C3W, net.C3B, 16)
	k5, _ := cnn.KernelsFrom(120, 16, 5, 5, net.C5W)
	g5, _ := cnn.ConvGeometry(l3.pool.Shape, k5, cnn.ConvOptions{Stride: 1, Bias: net.C5B})
	c5, _ := cnn.Conv2D(l3.pool, k5, cnn.ConvOptions{Stride: 1, Bias: net.C5B})
	cnn.ReLU.ApplyAll(c5.Data)
	f6 := make([]float32, 84)
	cnn.Dense(f6, c5.Data, net.F6W, net.F6B)
	cnn.ReLU.ApplyAll(f6)
	z := make([]float32, 10)
	cnn.Dense(z, f6, net.OutW, net.OutB)

	dz := make([]float32, 10)
	loss := cnn.SoftmaxCrossEntropy(dz, z, label)
	df6 := make([]float32, 84)
	cnn.DenseBackward(df6, g.OutW, g.OutB, dz, f6, net.OutW)
	cnn.ReLU.Backward(df6, df6, f6)
	dc5 := make([]float32, 120)
	cnn.DenseBackward(dc5, g.F6W, g.F6B, df6, c5.Data, net.F6W)
	cnn.ReLU.Backward(dc5, dc5, c5.Data)
	ds4 := make([]float32, l3.pool.Len())
	cnn.Conv2DBackward(ds4, g.C5W, g.C5B, dc5, l3.pool.Data, net.C5W, g5)
	back := func(l convL, dPool []float32, w, dW, dB []float32) []float32 {
		dOut := make([]float32, l.out.Len())
		cnn.MaxPoolBackward(dOut, dPool, l.win)
		cnn.ReLU.Backward(dOut, dOut, l.out.Data)
		dIn := make([]float32, l.in.Len())
		cnn.Conv2DBackward(dIn, dW, dB, dOut, l.in.Data, w, l.geo)
		return dIn
	}
	ds2 := back(l3, ds4, net.C3W, g.C3W, g.C3B)
	back(l1, ds2, net.C1W, g.C1W, g.C1B)
	return g, loss
}

func TestPassBackwardMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	net := Init(4)
	p := new(pass)
	for k := range 4 {
		x := randomInput(r)
		label := r.IntN(10)
		g := lenet.New()
		copy(p.x[:], x)
		p.forward(net)
		loss := p.backward(net, g, label)
		want, wantLoss := referenceGradient(t, net, x, label)
		if !near(loss, wantLoss) {
			t.Errorf("input %d: loss %v, reference %v", k, loss, wantLoss)
		}
		var nonzero int
		for i := range g.Params {
			if !near(g.Params[i], want.Params[i]) {
				t.Fatalf("input %d: gradient of parameter %d = %v, reference %v", k, i, g.Params[i], want.Params[i])
			}
			if g.Params[i] != 0 {
				nonzero++
			}
		}
		if nonzero < 1000 {
			t.Errorf("input %d: only %d non-zero gradients", k, nonzero)
		}
	}
}

var (
	smallOnce sync.Once
	smallSet  *Set
	smallErr  error
)

// small is the first 192 MNIST test digits (the test file is the smaller
// one to read).
func small(t testing.TB) *Set {
	t.Helper()
	smallOnce.Do(func() {
		m, err := mnist.LoadTest()
		if err != nil {
			smallErr = err
			return
		}
		const n = 192
		smallSet = &Set{Pix: m.Pix[:n*Side*Side], Labels: m.Labels[:n]}
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return smallSet
}

func TestTrainLearns(t *testing.T) {
	set := small(t)
	var losses []float64
	res, err := Train(Config{Epochs: 3, BatchSize: 16, Seed: 7, LR: 0.003, Warmup: 10,
		Progress: func(p Progress) {
			if p.EpochDone {
				losses = append(losses, p.Loss)
			}
		}}, set)
	if err != nil {
		t.Fatal(err)
	}
	if len(losses) != 3 || len(res.EpochTimes) != 3 {
		t.Fatalf("%d epoch reports, %d epoch times; want 3", len(losses), len(res.EpochTimes))
	}
	t.Logf("loss by epoch %.3f", losses)
	if !(losses[2] < 0.5*losses[0]) {
		t.Errorf("the loss did not fall: %v", losses)
	}
	if e := Evaluate(res.Net, set, 0); e.Accuracy() < 0.7 {
		t.Errorf("after 3 epochs the training digits are read at %.1f%%", 100*e.Accuracy())
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	all := small(t)
	set := &Set{Pix: all.Pix[:64*Side*Side], Labels: all.Labels[:64]}
	aug := &Augmenter{Set: set, Plain: 0.4, Warp: 0.3, Redraw: Redrawer(Skeletons(set)), RedrawSide: 48}
	if err := aug.Check(); err != nil {
		t.Fatal(err)
	}
	run := func(seed uint64, workers int) []float32 {
		res, err := Train(Config{Epochs: 1, BatchSize: 16, Seed: seed, Warmup: 2, Workers: workers}, aug)
		if err != nil {
			t.Fatal(err)
		}
		return res.Net.Params
	}
	a := run(7, 2)
	if b := run(7, 1); !slices.Equal(a, b) {
		t.Error("the same seed gave different weights on 1 and 2 goroutines")
	}
	c := run(8, 2)
	differ := 0
	for i := range a {
		if a[i] != c[i] {
			differ++
		}
	}
	if differ < lenet.NumParams/2 {
		t.Errorf("seeds 7 and 8 differ in only %d of %d weights", differ, lenet.NumParams)
	}
}

func TestTrainStops(t *testing.T) {
	set := small(t)
	calls := 0
	res, err := Train(Config{Epochs: 3, BatchSize: 16, Stop: func() bool { calls++; return calls > 3 }}, set)
	if err != ErrStopped || res == nil || res.Net == nil {
		t.Fatalf("Train = %v, %v; want the weights so far and ErrStopped", res, err)
	}
}

func TestTrainRejects(t *testing.T) {
	set := small(t)
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Epochs: -1}, "epochs"},
		{Config{BatchSize: -3}, "batch size"},
		{Config{LR: 2}, "learning rates"},
		{Config{LR: 0.001, FinalLR: 0.01}, "learning rates"},
		{Config{Warmup: -1}, "warm-up"},
		{Config{Shards: 1000}, "shards"},
		{Config{Workers: -2}, "workers"},
	} {
		if _, err := Train(tc.cfg, set); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one about %s", tc.cfg, err, tc.want)
		}
	}
	bad := &Set{Pix: make([]uint8, 2*Side*Side), Labels: []uint8{3, 12}}
	if _, err := Train(Config{}, bad); err == nil || !strings.Contains(err.Error(), "label 12") {
		t.Errorf("a label of 12: %v", err)
	}
	if _, err := Train(Config{}, &Set{}); err == nil {
		t.Error("an empty set was accepted")
	}
	for _, s := range []*Set{{}, {Pix: make([]uint8, 10), Labels: []uint8{1}}, bad} {
		if s.Check() == nil {
			t.Errorf("Check accepted a set of %d bytes and labels %v", len(s.Pix), s.Labels)
		}
	}
	for _, a := range []*Augmenter{{}, {Set: set, Plain: 0.8, Warp: 0.5}, {Set: set, Plain: -1}, {Set: set, RedrawSide: -5}, {Set: set, Jitter: 2}} {
		if a.Check() == nil {
			t.Errorf("Check accepted %+v", a)
		}
	}
}

func TestLRSchedule(t *testing.T) {
	cfg := Config{LR: 0.01, FinalLR: 0.0001, Warmup: 10}
	if l := lr(cfg, 0, 100); !near(l, 0.001) {
		t.Errorf("first warm-up step %v, want 0.001", l)
	}
	if l := lr(cfg, 9, 100); !near(l, 0.01) {
		t.Errorf("end of warm-up %v, want 0.01", l)
	}
	prev := float32(1)
	for s := 10; s < 100; s++ {
		l := lr(cfg, s, 100)
		if l > prev {
			t.Fatalf("step %d: %v rises after %v", s, l, prev)
		}
		prev = l
	}
	if l := lr(cfg, 100, 100); !near(l, 0.0001) {
		t.Errorf("final step %v, want 0.0001", l)
	}
}

func TestEvaluateCounts(t *testing.T) {
	set := small(t)
	e := Evaluate(Init(1), set, 0)
	sum := 0
	for tr := range e.Confusion {
		for p := range e.Confusion[tr] {
			sum += e.Confusion[tr][p]
		}
	}
	diag := 0
	for k := range e.Confusion {
		diag += e.Confusion[k][k]
	}
	if e.Total != set.Len() || sum != e.Total || diag != e.Correct {
		t.Errorf("total %d, confusion sum %d, diagonal %d, correct %d (set of %d)", e.Total, sum, diag, e.Correct, set.Len())
	}
}

func TestPlainInputPadsAndScales(t *testing.T) {
	set := small(t)
	x := make([]float32, lenet.InputLen)
	set.PlainInput(x, 0)
	d := set.Digit(0)
	for y := range 32 {
		for xx := range 32 {
			want := float32(0)
			if y >= 2 && y < 30 && xx >= 2 && xx < 30 {
				want = float32(d[(y-2)*Side+xx-2]) / 255
			}
			if !near(x[y*32+xx], want) {
				t.Fatalf("(%d, %d) = %v, want %v", xx, y, x[y*32+xx], want)
			}
		}
	}
}
