package lenet

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

// TestLayersMatchLecture checks the architecture table of the lecture, layer
// by layer: shapes, parameters and their formula, multiply-accumulates and
// connections.
func TestLayersMatchLecture(t *testing.T) {
	type row struct {
		name, op, in, out   string
		params, macs, edges int64
		formula             string
	}
	want := []row{
		{"C1", "6 kernels 1×5×5, stride 1, no padding, ReLU", "1×32×32", "6×28×28", 156, 117600, 122304, "(1·5·5+1)·6 = 156"},
		{"S2", "max pooling 2×2, stride 2", "6×28×28", "6×14×14", 0, 0, 4704, "0"},
		{"C3", "16 kernels 6×5×5, stride 1, no padding, ReLU", "6×14×14", "16×10×10", 2416, 240000, 241600, "(6·5·5+1)·16 = 2,416"},
		{"S4", "max pooling 2×2, stride 2", "16×10×10", "16×5×5", 0, 0, 1600, "0"},
		{"C5", "120 kernels 16×5×5, stride 1, no padding, ReLU", "16×5×5", "120×1×1", 48120, 48000, 48120, "(16·5·5+1)·120 = 48,120"},
		{"F6", "fully connected 120 → 84, ReLU", "120×1×1", "84×1×1", 10164, 10080, 10164, "(120+1)·84 = 10,164"},
		{"Output", "fully connected 84 → 10, softmax", "84×1×1", "10×1×1", 850, 840, 850, "(84+1)·10 = 850"},
	}
	if len(Layers) != len(want) {
		t.Fatalf("%d layers, the lecture has %d", len(Layers), len(want))
	}
	for i, w := range want {
		l := Layers[i]
		got := row{l.Name, l.Operation(), l.In.String(), l.Out.String(), l.Cost.Params(), l.Cost.MACs, l.Cost.Connections, l.Formula}
		if got != w {
			t.Errorf("layer %d:\n got %+v\nwant %+v", i, got, w)
		}
		if i > 0 && l.In != Layers[i-1].Out && !(l.Kind == FullyConnected && l.In.Len() == Layers[i-1].Out.Len()) {
			t.Errorf("%s reads %v but %s writes %v", l.Name, l.In, Layers[i-1].Name, Layers[i-1].Out)
		}
	}
	// C1: 122,304 connections but 156 parameters — weight sharing.
	if c := Layers[0].Cost; c.Connections != 122304 || c.Params() != 156 {
		t.Errorf("C1: %d connections, %d parameters", c.Connections, c.Params())
	}
}

func TestTotals(t *testing.T) {
	conv, fc, pool, all := Totals(Conv), Totals(FullyConnected), Totals(Pool), Totals(-1)
	for _, tc := range []struct {
		what      string
		got, want int64
	}{
		{"convolution parameters", conv.Params(), 50692},
		{"fully connected parameters", fc.Params(), 11014},
		{"pooling parameters", pool.Params(), 0},
		{"all parameters", all.Params(), 61706},
		{"156 + 2,416 + 48,120", 156 + 2416 + 48120, 50692},
		{"10,164 + 850", 10164 + 850, 11014},
		{"50,692 + 11,014", 50692 + 11014, 61706},
		{"NumParams", NumParams, 61706},
		{"MACs", all.MACs, 416520},
		{"117,600 + 240,000 + 48,000 + 10,080 + 840", 117600 + 240000 + 48000 + 10080 + 840, 416520},
		{"NumMACs", NumMACs, 416520},
		{"biases", all.Biases, 6 + 16 + 120 + 84 + 10},
		{"weights", all.Weights, 61706 - 236},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %d, want %d", tc.what, tc.got, tc.want)
		}
	}
	// The parameter tensors add up to the same count.
	var n int64
	for _, s := range ParamShapes {
		size := int64(1)
		for _, d := range s {
			size *= int64(d)
		}
		n += size
	}
	if n != NumParams || len(ParamNames) != len(ParamShapes) {
		t.Errorf("ParamShapes hold %d values, %d names for %d shapes", n, len(ParamNames), len(ParamShapes))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 61706: "61,706", 416520: "416,520",
		7077888: "7,077,888", 4294967296: "4,294,967,296", -1234: "-1,234", -100: "-100",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Conv: "convolution", Pool: "max pooling", FullyConnected: "fully connected", 7: "Kind(7)"} {
		if k.String() != want {
			t.Errorf("%d: %q, want %q", int(k), k.String(), want)
		}
	}
}

func TestFromParamsViews(t *testing.T) {
	p := make([]float32, NumParams)
	for i := range p {
		p[i] = float32(i)
	}
	n, err := FromParams(p)
	if err != nil {
		t.Fatal(err)
	}
	// The views follow one another in the order of ParamShapes and cover
	// all of Params.
	views := [][]float32{n.C1W, n.C1B, n.C3W, n.C3B, n.C5W, n.C5B, n.F6W, n.F6B, n.OutW, n.OutB}
	off := 0
	for i, v := range views {
		size := 1
		for _, d := range ParamShapes[i] {
			size *= d
		}
		if len(v) != size || cap(v) != size {
			t.Errorf("%s: length %d, capacity %d, want %d", ParamNames[i], len(v), cap(v), size)
		}
		if v[0] != float32(off) {
			t.Errorf("%s starts at parameter %v, want %d", ParamNames[i], v[0], off)
		}
		off += size
	}
	if off != NumParams {
		t.Errorf("views cover %d parameters", off)
	}
	n.C3B[0] = -1
	if p[6*25+6+16*6*25] != -1 {
		t.Error("the views do not share Params")
	}
	c := n.Clone()
	c.C1W[0] = 99
	if n.C1W[0] == 99 || c.Params[0] != 99 {
		t.Error("Clone is not a deep copy with its own views")
	}
	for _, bad := range []int{0, NumParams - 1, NumParams + 1} {
		if _, err := FromParams(make([]float32, bad)); err == nil || !strings.Contains(err.Error(), "61706") {
			t.Errorf("FromParams with %d values: %v", bad, err)
		}
	}
	z := New()
	for i, v := range z.Params {
		if v != 0 {
			t.Fatalf("New: parameter %d is %v", i, v)
		}
	}
}

func TestActivationsLayer(t *testing.T) {
	var a Activations
	for _, tc := range []struct {
		name  string
		shape cnn.Shape
	}{
		{"Input", cnn.Shape{C: 1, H: 32, W: 32}},
		{"C1", cnn.Shape{C: 6, H: 28, W: 28}},
		{"S2", cnn.Shape{C: 6, H: 14, W: 14}},
		{"C3", cnn.Shape{C: 16, H: 10, W: 10}},
		{"S4", cnn.Shape{C: 16, H: 5, W: 5}},
		{"C5", cnn.Shape{C: 120, H: 1, W: 1}},
		{"F6", cnn.Shape{C: 84, H: 1, W: 1}},
		{"Output", cnn.Shape{C: 10, H: 1, W: 1}},
		{"Probs", cnn.Shape{C: 10, H: 1, W: 1}},
	} {
		v, s, ok := a.Layer(tc.name)
		if !ok || s != tc.shape || len(v) != s.Len() {
			t.Errorf("Layer(%q) = %d values, %v, %v; want %v", tc.name, len(v), s, ok, tc.shape)
			continue
		}
		v[len(v)-1] = 1 // the slice is the struct's own array
	}
	if a.Input[InputLen-1] != 1 || a.C5[119] != 1 || a.Logits[9] != 1 || a.Probs[9] != 1 {
		t.Error("Layer returns copies, not the activations")
	}
	for _, bad := range []string{"", "c1", "S3", "Softmax"} {
		if _, _, ok := a.Layer(bad); ok {
			t.Errorf("Layer(%q) found something", bad)
		}
	}
}

// seededNet returns a network with He-uniform random weights and small
// random biases, the same for the same seed.
func seededNet(seed uint64) *Net {
	r := rand.New(rand.NewPCG(seed, 42))
	n := New()
	fill := func(w []float32, fanIn int) {
		lim := float32(math.Sqrt(6 / float64(fanIn)))
		for i := range w {
			w[i] = (r.Float32()*2 - 1) * lim
		}
	}
	fill(n.C1W, 25)
	fill(n.C3W, 150)
	fill(n.C5W, 400)
	fill(n.F6W, 120)
	fill(n.OutW, 84)
	for _, b := range [][]float32{n.C1B, n.C3B, n.C5B, n.F6B, n.OutB} {
		for i := range b {
			b[i] = r.Float32()*0.2 - 0.1
		}
	}
	return n
}

// sampleImages are 32×32 images of several kinds.
func sampleImages() map[string][]float32 {
	r := rand.New(rand.NewPCG(11, 12))
	in := map[string][]float32{}
	in["blank"] = make([]float32, InputLen)
	ones := make([]float32, InputLen)
	for i := range ones {
		ones[i] = 1
	}
	in["all ink"] = ones
	noise := make([]float32, InputLen)
	for i := range noise {
		noise[i] = r.Float32()
	}
	in["noise"] = noise
	// A "1": a vertical bar in the middle of the 28×28 area.
	one := make([]float32, InputLen)
	for y := 6; y < 26; y++ {
		for x := 15; x < 18; x++ {
			one[y*32+x] = 1
		}
	}
	in["stroke"] = one
	// A ring, like a "0", with soft edges.
	ring := make([]float32, InputLen)
	for y := 0; y < 32; y++ {
		for x := 0; x < 32; x++ {
			d := math.Hypot(float64(x)-15.5, float64(y)-15.5)
			ring[y*32+x] = float32(math.Max(0, 1-math.Abs(d-8)/2))
		}
	}
	in["ring"] = ring
	neg := make([]float32, InputLen)
	for i := range neg {
		neg[i] = r.Float32()*4 - 2
	}
	in["out of range"] = neg
	return in
}

func near(a, b float32, tol float64) bool {
	return math.Abs(float64(a)-float64(b)) <= tol*math.Max(1, math.Abs(float64(b)))
}

// layerMismatches compares every layer of got with want, value by value with
// near and the tolerance tol gives for the layer (a NaN never agrees), and
// describes the first mismatch of each layer that has one.
func layerMismatches(got, want *Activations, tol func(layer string) float64) []string {
	var out []string
	for _, layer := range []string{"Input", "C1", "S2", "C3", "S4", "C5", "F6", "Output", "Probs"} {
		g, _, _ := got.Layer(layer)
		w, _, _ := want.Layer(layer)
		for i := range w {
			if !near(g[i], w[i], tol(layer)) {
				out = append(out, fmt.Sprintf("%s[%d] = %v, reference %v", layer, i, g[i], w[i]))
				break
			}
		}
	}
	return out
}

// TestForwardAgreesWithReference runs the fast Forward and the plain
// ForwardReference on random networks and several inputs; every layer must
// agree within 1e-5.
func TestForwardAgreesWithReference(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		n := seededNet(seed)
		for name, x := range sampleImages() {
			var a Activations
			label := n.Forward(x, &a)
			ref, err := n.ForwardReference(x)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range layerMismatches(&a, ref, func(string) float64 { return 1e-5 }) {
				t.Errorf("seed %d, %s: %s", seed, name, m)
			}
			if label != ref.Label() || label != a.Label() {
				t.Errorf("seed %d, %s: Forward says %d, its activations %d, the reference %d", seed, name, label, a.Label(), ref.Label())
			}
			var sum float64
			for _, p := range a.Probs {
				if p < 0 || p > 1 || math.IsNaN(float64(p)) {
					t.Errorf("seed %d, %s: probability %v", seed, name, p)
				}
				sum += float64(p)
			}
			if math.Abs(sum-1) > 1e-5 {
				t.Errorf("seed %d, %s: probabilities sum to %v", seed, name, sum)
			}
		}
	}
}

// TestForwardReusesActivations: a second Forward into the same Activations
// overwrites everything the first left there.
func TestForwardReusesActivations(t *testing.T) {
	n := seededNet(4)
	in := sampleImages()
	var a Activations
	n.Forward(in["noise"], &a)
	n.Forward(in["ring"], &a)
	ref, err := n.ForwardReference(in["ring"])
	if err != nil {
		t.Fatal(err)
	}
	for i := range ref.Probs {
		if !near(a.Probs[i], ref.Probs[i], 1e-5) {
			t.Fatalf("after reuse: probs %v, reference %v", a.Probs, ref.Probs)
		}
	}
	for i := range ref.C1 {
		if !near(a.C1[i], ref.C1[i], 1e-5) {
			t.Fatalf("after reuse: C1[%d] = %v, reference %v", i, a.C1[i], ref.C1[i])
		}
	}
}

// TestForwardByHand checks the network's wiring with weights whose result
// can be worked out on paper: every C1 kernel sums its 5×5 window, every
// later layer averages what comes in, and the output layer's biases decide.
func TestForwardByHand(t *testing.T) {
	n := New()
	for i := range n.C1W {
		n.C1W[i] = 1 // C1: sum of the 25 pixels under the window
	}
	for i := range n.C3W {
		n.C3W[i] = 1.0 / 150 // C3: mean over 6 maps × 25
	}
	for i := range n.C5W {
		n.C5W[i] = 1.0 / 400 // C5: mean over 16 maps × 25
	}
	for i := range n.F6W {
		n.F6W[i] = 1.0 / 120
	}
	n.OutB[7] = 1 // with F6 all equal, only the biases differ
	x := make([]float32, InputLen)
	for i := range x {
		x[i] = 0.5
	}
	var a Activations
	got := n.Forward(x, &a)
	// Every C1 value is 25 · 0.5 = 12.5, and pooling and means keep it so.
	for _, v := range [][]float32{a.C1[:], a.S2[:], a.C3[:], a.S4[:], a.C5[:], a.F6[:]} {
		for _, f := range v {
			if !near(f, 12.5, 1e-5) {
				t.Fatalf("an activation is %v, want 12.5", f)
			}
		}
	}
	if got != 7 || a.Logits[7] != 1 || a.Logits[0] != 0 {
		t.Errorf("label %d, logits %v; want 7 from the bias", got, a.Logits)
	}
	// softmax: e/(e+9) for the 7, 1/(e+9) for the others.
	e := math.E
	if !near(a.Probs[7], float32(e/(e+9)), 1e-6) || !near(a.Probs[0], float32(1/(e+9)), 1e-6) {
		t.Errorf("probs %v", a.Probs)
	}
	// ReLU: negative C1 weights on a positive image give all-zero maps.
	for i := range n.C1W {
		n.C1W[i] = -1
	}
	n.Forward(x, &a)
	for _, v := range a.C1 {
		if v != 0 {
			t.Fatalf("ReLU after C1 let %v through", v)
		}
	}
}

func TestForwardReferenceErrors(t *testing.T) {
	n := seededNet(5)
	for _, size := range []int{0, 1, InputLen - 1, InputLen + 1, 28 * 28} {
		if _, err := n.ForwardReference(make([]float32, size)); err == nil {
			t.Errorf("ForwardReference with %d values: no error", size)
		}
	}
	// A network built by hand without its views is an error, not a panic.
	if _, err := (&Net{}).ForwardReference(make([]float32, InputLen)); err == nil {
		t.Error("ForwardReference of an empty Net: no error")
	}
}

func TestForwardPanicsOnWrongInput(t *testing.T) {
	n := seededNet(6)
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "lenet: ") {
			t.Errorf("Forward with 784 values: recovered %v", r)
		}
	}()
	var a Activations
	n.Forward(make([]float32, 28*28), &a)
}

func TestPretrainedDecodes(t *testing.T) {
	w, err := Pretrained()
	if err != nil {
		t.Fatalf("the shipped weights do not decode: %v", err)
	}
	if len(w.Net.Params) != NumParams {
		t.Fatalf("shipped weights: %d parameters", len(w.Net.Params))
	}
	again, _ := Pretrained()
	if again != w {
		t.Error("Pretrained decodes again on every call")
	}
	d, err := Decode(ShippedWeights())
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Net.Params {
		if d.Net.Params[i] != w.Net.Params[i] {
			t.Fatalf("ShippedWeights and Pretrained differ at %d", i)
		}
	}
	// The shipped network runs and gives a distribution.
	var a Activations
	label := w.Net.Forward(sampleImages()["stroke"], &a)
	if label < 0 || label >= NumClasses {
		t.Errorf("label %d", label)
	}
}
