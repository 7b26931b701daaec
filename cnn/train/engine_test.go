package train

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

func TestEngineLearns(t *testing.T) {
	set := small(t)
	e, err := NewEngine(Init(2), set, EngineConfig{Seed: 3, BatchSize: 16, Warmup: 10})
	if err != nil {
		t.Fatal(err)
	}
	before := EvaluateSerial(e.Net(), set, 0, nil)
	var first, last float64
	for k := range 48 { // 4 epochs of the 192 digits
		b := e.Step()
		if k < 12 {
			first += b.Loss / 12
		} else if k >= 36 {
			last += b.Loss / 12
		}
	}
	after := EvaluateSerial(e.Net(), set, 0, nil)
	s := e.Stats()
	t.Logf("accuracy %.1f%% → %.1f%%, mean loss of the first and last epoch %.3f → %.3f", 100*before.Accuracy(), 100*after.Accuracy(), first, last)
	if after.Accuracy() < 0.8 {
		t.Errorf("after 4 epochs the digits are read at %.1f%%", 100*after.Accuracy())
	}
	if !(last < 0.3*first) {
		t.Errorf("the loss went from %.3f to %.3f", first, last)
	}
	if s.Steps != 48 || s.Images != 48*16 || s.Epoch != 4 || s.Skipped != 0 {
		t.Errorf("stats %+v", s)
	}
	if s.LR != DefaultLR {
		t.Errorf("learning rate after the warm-up %v, want %v", s.LR, DefaultLR)
	}
}

func TestEngineIsDeterministic(t *testing.T) {
	all := small(t)
	set := &Set{Pix: all.Pix[:64*Side*Side], Labels: all.Labels[:64]}
	aug := &Augmenter{Set: set, Plain: 0.5, Jitter: 0.5, Warp: 0.2, Redraw: Redrawer(Skeletons(set)), RedrawSide: 48}
	run := func(seed uint64) []float32 {
		e, err := NewEngine(Init(1), aug, EngineConfig{Seed: seed, BatchSize: 8})
		if err != nil {
			t.Fatal(err)
		}
		for k := range 12 {
			if k == 5 {
				if err := e.SetBatchSize(13); err != nil {
					t.Fatal(err)
				}
				if err := e.SetLR(0.001); err != nil {
					t.Fatal(err)
				}
			}
			e.Step()
		}
		return e.Net().Params
	}
	a := run(7)
	if b := run(7); !slices.Equal(a, b) {
		t.Error("the same seed and calls gave different weights")
	}
	c := run(8)
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

// A network whose output is not finite is left alone, step after step.
func TestEngineSkipsNonFiniteLoss(t *testing.T) {
	set := small(t)
	net := Init(1)
	net.OutB[3] = float32(math.Inf(1))
	want := slices.Clone(net.Params)
	e, err := NewEngine(net, set, EngineConfig{BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if b := e.Step(); !b.Skipped {
			t.Fatalf("a step with loss %v was taken", b.Loss)
		}
	}
	if !slices.Equal(net.Params, want) {
		t.Error("the weights changed")
	}
	if s := e.Stats(); s.Skipped != 3 || s.Steps != 0 || s.Images != 12 {
		t.Errorf("stats %+v", s)
	}
}

func TestEngineRejects(t *testing.T) {
	set := small(t)
	for _, tc := range []struct {
		cfg  EngineConfig
		want string
	}{
		{EngineConfig{BatchSize: -1}, "batch size"},
		{EngineConfig{BatchSize: MaxBatch + 1}, "batch size"},
		{EngineConfig{LR: -0.1}, "learning rate"},
		{EngineConfig{LR: math.NaN()}, "learning rate"},
		{EngineConfig{LR: 0.5}, "learning rate"},
		{EngineConfig{Warmup: -2}, "warm-up"},
	} {
		if _, err := NewEngine(Init(1), set, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one about %s", tc.cfg, err, tc.want)
		}
	}
	if _, err := NewEngine(&lenet.Net{}, set, EngineConfig{}); err == nil {
		t.Error("a network without parameters was accepted")
	}
	if _, err := NewEngine(Init(1), &Set{}, EngineConfig{}); err == nil {
		t.Error("an empty set was accepted")
	}
	bad := &Set{Pix: make([]uint8, 2*Side*Side), Labels: []uint8{3, 12}}
	if _, err := NewEngine(Init(1), bad, EngineConfig{}); err == nil || !strings.Contains(err.Error(), "label 12") {
		t.Errorf("a label of 12: %v", err)
	}
	e, err := NewEngine(Init(1), set, EngineConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if e.SetBatchSize(0) == nil || e.SetLR(0) == nil || e.SetLR(math.Inf(1)) == nil {
		t.Error("a batch size of 0 or a learning rate of 0 or +Inf was accepted")
	}
	if e.SetSource(&Set{Pix: set.Pix[:Side*Side], Labels: set.Labels[:1]}) == nil {
		t.Error("a source of another size was accepted")
	}
	if err := e.SetSource(&Augmenter{Set: set, Plain: 1, Jitter: 1}); err != nil {
		t.Error(err)
	}
	if c := e.Config(); c.BatchSize != DefaultBatch || c.LR != DefaultLR || c.Warmup != DefaultWarmup {
		t.Errorf("defaults %+v", c)
	}
}

func TestEvaluateSerialMatchesEvaluate(t *testing.T) {
	set := small(t)
	all := set
	aug := &Augmenter{Set: all, Plain: 0.5, Jitter: 1, Warp: 0.5}
	net := trainedNet(t)
	for _, src := range []Source{set, aug} {
		if a, b := Evaluate(net, src, 4), EvaluateSerial(net, src, 4, nil); a != b {
			t.Errorf("Evaluate %d/%d, EvaluateSerial %d/%d", a.Correct, a.Total, b.Correct, b.Total)
		}
	}
}
