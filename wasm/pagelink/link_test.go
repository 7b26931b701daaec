package pagelink

import (
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

func TestKindNames(t *testing.T) {
	seen := map[string]bool{}
	for k := None + 1; k < numKinds; k++ {
		n := k.String()
		if n == "" || seen[n] || KindNamed(n) != k {
			t.Errorf("kind %d: name %q, read back as %d", k, n, KindNamed(n))
		}
		seen[n] = true
	}
	for _, bad := range []string{"", "Start", "nope", "start "} {
		if KindNamed(bad) != None {
			t.Errorf("%q is a kind", bad)
		}
	}
	if numKinds.String() != "" {
		t.Error("a kind past the last has a name")
	}
}

func TestLinkLimits(t *testing.T) {
	var l Link
	for i := range MaxOut {
		if seq := l.Send(Request{Slot: Train, Kind: Status}); seq != uint64(i+1) {
			t.Fatalf("request %d got number %d", i, seq)
		}
	}
	if l.Send(Request{Slot: Train}) != 0 || l.Send(Request{Slot: NumSlots}) != 0 || l.Dropped() != 2 {
		t.Errorf("past the limit, or to no slot: taken (dropped %d)", l.Dropped())
	}
	if r := l.TakeRequests(); len(r) != MaxOut || r[0].Seq != 1 || l.TakeRequests() != nil {
		t.Errorf("TakeRequests: %d, then more", len(r))
	}
	if l.Send(Request{Slot: Page}) != MaxOut+1 {
		t.Error("numbers do not go on after a frame")
	}
	for i := range MaxEvents + 3 {
		l.Deliver(Event{Slot: Tune, Seq: uint64(i)})
	}
	l.Deliver(Event{Slot: NumSlots})
	l.Deliver(Event{Slot: Page, Seq: 99})
	got := l.Events(Tune)
	if len(got) != MaxEvents || got[0].Seq != 3 || l.Events(Tune) != nil {
		t.Errorf("inbox: %d events from %d", len(got), got[0].Seq)
	}
	if p := l.Events(Page); len(p) != 1 || p[0].Seq != 99 || l.Events(NumSlots) != nil {
		t.Errorf("the page's inbox: %v", p)
	}
}

// status is a status as site/train-bridge.js writes it.
func status(images float64) []float64 {
	s := make([]float64, NumStatus)
	for i := range s {
		s[i] = math.NaN()
	}
	s[Running], s[Loaded], s[Images], s[Steps], s[From], s[Seed], s[Run] = 1, 1, images, images/64, 0, 7, 2
	s[Loss], s[TrainAccuracy] = 0.5, 0.875
	return s
}

func TestStatus(t *testing.T) {
	e := Event{Slot: Train, Kind: Progress, Nums: status(640)}
	e.Nums[TestAccuracy] = math.Inf(1)
	e.Nums[Seconds] = -3
	s, ok := e.Status()
	if !ok || !s.Is(Running) || s.Count(Images) != 640 || s.Count(Steps) != 10 || s.FromName() != "random" || s[Run] != 2 {
		t.Fatalf("%v %v", s, ok)
	}
	if !math.IsNaN(s[TestAccuracy]) || !math.IsNaN(s[Seconds]) || s.Count(Seconds) != 0 || !math.IsNaN(s[SecondsToNextEvaluation]) {
		t.Errorf("infinite, negative and missing numbers: %v", s)
	}
	for _, bad := range []Event{
		{Slot: Page, Kind: Status, Nums: status(1)},
		{Slot: Train, Kind: Predict, Nums: status(1)},
		{Slot: Train, Kind: Status, Nums: status(1)[:NumStatus-1]},
		{Slot: Train, Kind: Status, Nums: status(1), Err: "no"},
	} {
		if _, ok := bad.Status(); ok {
			t.Errorf("%+v: a status", bad)
		}
	}
	s[From] = 5
	if s.FromName() != "" {
		t.Error("from 5 has a name")
	}
}

func TestKernelsAndParams(t *testing.T) {
	f := make([]float32, KernelFloats)
	for i := range f {
		f[i] = float32(i)
	}
	c1, c3, ok := (&Event{Kind: Progress, Floats: f}).Kernels()
	if !ok || len(c1) != 150 || c1[149] != 149 || len(c3) != 2400 || c3[0] != 156 {
		t.Errorf("kernels: %v %d %d", ok, len(c1), len(c3))
	}
	f[7] = float32(math.NaN())
	if _, _, ok := (&Event{Kind: Kernels, Floats: f}).Kernels(); ok {
		t.Error("NaN kernels taken")
	}
	if _, _, ok := (&Event{Kind: Kernels, Floats: f[:100]}).Kernels(); ok {
		t.Error("short kernels taken")
	}
	p := make([]float32, lenet.NumParams)
	if got, ok := (&Event{Kind: Params, Floats: p}).Params(); !ok || len(got) != lenet.NumParams {
		t.Error("parameters refused")
	}
	p[lenet.NumParams-1] = float32(math.Inf(-1))
	if _, ok := (&Event{Kind: Params, Floats: p}).Params(); ok {
		t.Error("infinite parameters taken")
	}
}

func TestEvaluationAndDigits(t *testing.T) {
	s, ok := (&Event{Kind: Evaluation, Nums: []float64{5056, 1.5, 1700, 2000, 0.85}}).Evaluation()
	if !ok || s.Images != 5056 || s.Correct != 1700 || s.Total != 2000 || s.Accuracy != 0.85 {
		t.Errorf("%+v %v", s, ok)
	}
	for _, bad := range [][]float64{{1, 1, 3, 2, 0.5}, {1, 1, 1, 2, 1.5}, {-1, 1, 1, 2, 0.5}, {1, 1, 1, 2}} {
		if _, ok := (&Event{Kind: Evaluate, Nums: bad}).Evaluation(); ok {
			t.Errorf("%v taken", bad)
		}
	}
	nums := []float64{12, 7, 1, 0, 0.9, 0, 0, 0, 0, 0, 0.1, 0, 0}
	d, ok := (&Event{Kind: Predict, Nums: nums, Bytes: make([]byte, 784)}).Digits()
	if !ok || len(d) != 1 || d[0].Label != 7 || d[0].Prediction != 1 || d[0].Prob != 0.9 || len(d[0].Pixels) != 784 {
		t.Errorf("%+v %v", d, ok)
	}
	nums[2] = 10
	if _, ok := (&Event{Kind: Predict, Nums: nums, Bytes: make([]byte, 784)}).Digits(); ok {
		t.Error("prediction 10 taken")
	}
	nums[2] = 1
	if _, ok := (&Event{Kind: Predict, Nums: nums, Bytes: make([]byte, 783)}).Digits(); ok {
		t.Error("783 pixels taken")
	}
}

func TestTuned(t *testing.T) {
	nums := append(status(0), 1, 34, 2.5, 0, 0, 1987, 2000, 0.9935, 0, 0, 1989, 2000, 0.9945)
	nums = append(nums, 1, 2, 0.01, 1, 0.95, 6, 5, 0.2, 6, 0.97)
	r, ok := (&Event{Slot: Tune, Kind: FineTune, Nums: nums}).Tuned()
	if !ok || !r.Done || r.Steps != 34 || r.Before.Accuracy != 0.9935 || r.After.Correct != 1989 ||
		len(r.Was) != 2 || r.Was[0] != 2 || r.Now[0] != 1 || r.Was[1] != 5 || r.Now[1] != 6 {
		t.Fatalf("%+v %v", r, ok)
	}
	for _, cut := range []int{1, tuneItem} {
		if _, ok := (&Event{Slot: Tune, Kind: FineTune, Nums: nums[:len(nums)-cut]}).Tuned(); ok && cut == 1 {
			t.Errorf("%d numbers short: taken", cut)
		}
	}
	nums[len(nums)-2] = 11
	if _, ok := (&Event{Slot: Tune, Kind: FineTune, Nums: nums}).Tuned(); ok {
		t.Error("a prediction of 11 taken")
	}
}

// FuzzEvent: whatever the page sends, decoding an event never panics and
// takes only what is well formed.
func FuzzEvent(f *testing.F) {
	f.Add(uint8(Progress), uint16(21), uint16(2572), uint16(0), 0.5)
	f.Add(uint8(Predict), uint16(13), uint16(0), uint16(784), 3.0)
	f.Add(uint8(FineTune), uint16(44), uint16(0), uint16(0), 1.0)
	f.Fuzz(func(t *testing.T, kind uint8, nums, floats, bytes uint16, v float64) {
		e := Event{Slot: Slot(kind % 3), Kind: Kind(kind % uint8(numKinds+1)), Nums: make([]float64, nums%200), Floats: make([]float32, floats%3000), Bytes: make([]byte, bytes%2000)}
		for i := range e.Nums {
			e.Nums[i] = v * float64(i%5)
		}
		for i := range e.Floats {
			e.Floats[i] = float32(v)
		}
		if s, ok := e.Status(); ok && len(e.Nums) < NumStatus {
			t.Errorf("status from %d numbers: %v", len(e.Nums), s)
		}
		e.Kernels()
		e.Params()
		e.Evaluation()
		if ds, ok := e.Digits(); ok {
			for _, d := range ds {
				if d.Label < 0 || d.Label > 9 || d.Prediction < 0 || d.Prediction > 9 || len(d.Pixels) != 784 {
					t.Errorf("digit %+v", d)
				}
			}
		}
		if r, ok := e.Tuned(); ok && len(r.Was) != len(r.Now) {
			t.Errorf("tuned %+v", r)
		}
	})
}

// site/train-bridge.js writes the numbers in the orders this package
// reads: its STATUS list is the status's numbers before Run.
func TestBridgeOrders(t *testing.T) {
	b, err := os.ReadFile("../../site/train-bridge.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)const STATUS = \[(.*?)\];`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no STATUS list in train-bridge.js")
	}
	var names []string
	for _, q := range regexp.MustCompile(`'(\w+)'`).FindAllSubmatch(m[1], -1) {
		names = append(names, string(q[1]))
	}
	want := []string{"running", "loaded", "images", "steps", "epoch", "seconds", "imagesPerSecond", "loss", "trainAccuracy",
		"testAccuracy", "testImages", "learningRate", "currentLearningRate", "batchSize", "evalEvery", "nextEvaluation",
		"secondsToNextEvaluation", "from", "seed", "fineTunings"}
	if len(want) != Run || strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("train-bridge.js's STATUS is\n%v\nthe Go order is\n%v", names, want)
	}
	for k := None + 1; k < numKinds; k++ {
		if !strings.Contains(string(b), "'"+k.String()+"'") {
			t.Errorf("train-bridge.js never names the kind %q", k.String())
		}
	}
}
