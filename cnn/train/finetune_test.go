package train

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/canvas/drawn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/mnist/pack"
)

var (
	subsetOnce sync.Once
	subsetFile *pack.File
	subsetErr  error
	mnistTest  *mnist.Set
)

// subset is the page's digit pack, as lenet subset makes it (15,000
// training digits, 2,000 test digits), and MNIST's whole test set.
func subset(t testing.TB) (*pack.File, *mnist.Set) {
	t.Helper()
	subsetOnce.Do(func() {
		tr, err := mnist.LoadTrain()
		if err != nil {
			subsetErr = err
			return
		}
		mnistTest, subsetErr = mnist.LoadTest()
		if subsetErr != nil {
			return
		}
		subsetFile, subsetErr = pack.Subset(&pack.Part{Pix: tr.Pix, Labels: tr.Labels},
			&pack.Part{Pix: mnistTest.Pix, Labels: mnistTest.Labels}, 15000, 2000)
	})
	if subsetErr != nil {
		t.Fatal(subsetErr)
	}
	return subsetFile, mnistTest
}

// unusualDrawings returns n drawings that net reads wrongly: MNIST test
// digits (at indices 1, 6, 11, …, none of them in the pack's test subset,
// which holds indices 0, 5, 10, …) redrawn with a thick round brush on a
// 280×280 canvas, turned by up to ±0.75 rad (43°) and sheared by up to
// ±0.6, then preprocessed as the demo preprocesses a drawing.
func unusualDrawings(t testing.TB, net *lenet.Net, test *mnist.Set, n int, seed uint64) []Drawing {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	var ds []Drawing
	var img canvas.Image
	res := new(canvas.Result)
	for i := 1; len(ds) < n && i < test.Count; i += 5 {
		sk, err := drawn.NewSkeleton(28, 28, test.Pix[i*784:(i+1)*784])
		if err != nil {
			continue
		}
		st := drawn.Style{Width: 280, Height: 280, Brush: 10 + 30*r.Float64(), Size: 0.8, CX: 0.5, CY: 0.5,
			Rotate: 0.75 * (2*r.Float64() - 1), Shear: 0.6 * (2*r.Float64() - 1)}
		if drawn.Render(&img, sk, st) != nil || canvas.PreprocessInto(res, img) != nil {
			continue
		}
		x := slices.Clone(res.Input[:])
		if Predict(net, x, nil).Label != int(test.Labels[i]) {
			ds = append(ds, Drawing{Input: x, Label: int(test.Labels[i])})
		}
	}
	if len(ds) < n {
		t.Fatalf("only %d of %d unusual drawings found", len(ds), n)
	}
	return ds
}

// Fine-tuning the shipped weights on five drawings they misread makes them
// read all five right and costs at most 0.3 points on the 2,000 test
// digits.
func TestFineTuneFixesUnusualDrawings(t *testing.T) {
	f, test := subset(t)
	net := trainedNet(t)
	testSet := &Set{Pix: f.Test.Pix, Labels: f.Test.Labels}
	replay := &Augmenter{Set: &Set{Pix: f.Train.Pix, Labels: f.Train.Labels}, Plain: 1, Jitter: 0.5}
	ds := unusualDrawings(t, net, test, 5, 1)
	before := EvaluateSerial(net, testSet, 0, nil)
	res, err := FineTune(net, ds, replay, FineTuneConfig{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	after := EvaluateSerial(net, testSet, 0, nil)
	t.Logf("%d steps, share %.3f; test digits %.2f%% → %.2f%%", res.Steps, res.Share, 100*before.Accuracy(), 100*after.Accuracy())
	if !res.Done || !(res.Share > 0 && res.Share <= 1) {
		t.Errorf("done %v, share %v", res.Done, res.Share)
	}
	for k, d := range ds {
		b, a := res.Before[k], res.After[k]
		t.Logf("drawing %d, a %d: read as %d (%.2f), then as %d (%.2f)", k, d.Label, b.Label, b.Probs[b.Label], a.Label, a.Probs[a.Label])
		if b.Label == d.Label {
			t.Errorf("drawing %d was read right before", k)
		}
		if a.Label != d.Label || a.Probs[d.Label] < 0.5 {
			t.Errorf("drawing %d, a %d, is read as %d (%.2f) after fine-tuning", k, d.Label, a.Label, a.Probs[a.Label])
		}
		if p := Predict(net, d.Input, nil); p != a {
			t.Errorf("drawing %d: the result says %v, the weights %v", k, a, p)
		}
	}
	if drop := before.Correct - after.Correct; drop*1000 > 3*before.Total {
		t.Errorf("the test digits lost %d of %d (more than 0.3 points)", drop, before.Total)
	}

	// Already read right: nothing changes.
	w := slices.Clone(net.Params)
	again, err := FineTune(net, ds, replay, FineTuneConfig{Seed: 1, Confidence: 0.5})
	if err != nil || again.Steps != 0 || !again.Done || !slices.Equal(w, net.Params) {
		t.Errorf("fine-tuning drawings read right already: %+v, %v, weights changed %v", again, err, !slices.Equal(w, net.Params))
	}
}

func TestFineTuneRejects(t *testing.T) {
	set := small(t)
	good := []Drawing{{Input: make([]float32, lenet.InputLen), Label: 3}}
	bad := func(f func(x []float32)) []Drawing {
		x := make([]float32, lenet.InputLen)
		f(x)
		return []Drawing{{Input: x, Label: 1}}
	}
	for _, tc := range []struct {
		ds   []Drawing
		cfg  FineTuneConfig
		want string
	}{
		{nil, FineTuneConfig{}, "1 to 64 drawings"},
		{make([]Drawing, 65), FineTuneConfig{}, "1 to 64 drawings"},
		{[]Drawing{{Input: make([]float32, 10)}}, FineTuneConfig{}, "10 values"},
		{bad(func(x []float32) { x[40] = 1.5 }), FineTuneConfig{}, "1.5 at (8, 1)"},
		{bad(func(x []float32) { x[3] = -0.1 }), FineTuneConfig{}, "values must be 0 to 1"},
		{[]Drawing{{Input: make([]float32, lenet.InputLen), Label: 10}}, FineTuneConfig{}, "label 10"},
		{good, FineTuneConfig{Copies: 17}, "copies"},
		{good, FineTuneConfig{Replay: -1}, "replay"},
		{good, FineTuneConfig{LR: 1}, "learning rate"},
		{good, FineTuneConfig{Confidence: 1}, "confidence"},
		{good, FineTuneConfig{MaxSteps: 6000}, "steps"},
		{good, FineTuneConfig{Confidence: 0.6, Hold: 0.7}, "hold"},
	} {
		if _, err := FineTune(Init(1), tc.ds, set, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one with %q", tc.cfg, err, tc.want)
		}
	}
	if _, err := FineTune(Init(1), good, &Set{}, FineTuneConfig{}); err == nil {
		t.Error("an empty replay set was accepted")
	}
}

// jitterInput moves a drawing a little: most of its ink stays where it was,
// and with no turn, scale or shift it would be the identity (checked on the
// centre of mass).
func TestJitterInput(t *testing.T) {
	set := small(t)
	src := make([]float32, lenet.InputLen)
	set.PlainInput(src, 0)
	dst := make([]float32, lenet.InputLen)
	r := rand.New(rand.NewPCG(1, 1))
	mass := func(x []float32) (m, cx, cy float64) {
		for i, v := range x {
			m += float64(v)
			cx += float64(v) * float64(i%32)
			cy += float64(v) * float64(i/32)
		}
		return m, cx / m, cy / m
	}
	m0, x0, y0 := mass(src)
	for range 20 {
		jitterInput(dst, src, r)
		m, x, y := mass(dst)
		if m < 0.75*m0 || m > 1.25*m0 || x < x0-2.5 || x > x0+2.5 || y < y0-2.5 || y > y0+2.5 {
			t.Fatalf("ink %.1f at (%.1f, %.1f), was %.1f at (%.1f, %.1f)", m, x, y, m0, x0, y0)
		}
		for _, v := range dst {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("value %v", v)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite site/test/fixtures/unusual-5.json")

const unusualPath = "../../site/test/fixtures/unusual-5.json"

// unusualFixture is site/test/fixtures/unusual-5.json: the five drawings
// TestFineTuneFixesUnusualDrawings fine-tunes on, for the JavaScript and
// browser tests of the training worker.
type unusualFixture struct {
	Note     string `json:"note"`
	Drawings []struct {
		Label int `json:"label"`
		// Input is the 32×32 input, float32 little-endian, base64.
		Input string `json:"input"`
		// Shipped is what the shipped weights read in it.
		Shipped int `json:"shipped"`
	} `json:"drawings"`
}

// TestUnusualFixture checks that the fixture holds unusualDrawings' five
// drawings for the shipped weights; -update rewrites it.
func TestUnusualFixture(t *testing.T) {
	_, test := subset(t)
	net := trainedNet(t)
	var f unusualFixture
	f.Note = "Five MNIST test digits (indices 1, 6, 11, … of the test set, none of them in the page's test subset) " +
		"redrawn with a thick brush, turned and sheared, that the shipped weights misread; each input is 32×32 " +
		"float32 little-endian in base64. Made by go test ./cnn/train -run UnusualFixture -update."
	for _, d := range unusualDrawings(t, net, test, 5, 1) {
		b := make([]byte, 4*len(d.Input))
		for i, v := range d.Input {
			binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
		}
		f.Drawings = append(f.Drawings, struct {
			Label   int    `json:"label"`
			Input   string `json:"input"`
			Shipped int    `json:"shipped"`
		}{d.Label, base64.StdEncoding.EncodeToString(b), Predict(net, d.Input, nil).Label})
	}
	want, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(unusualPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(unusualPath)
	if err != nil {
		t.Fatalf("%v (run go test ./cnn/train -run UnusualFixture -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the drawings the test makes; run go test ./cnn/train -run UnusualFixture -update", unusualPath)
	}
}
