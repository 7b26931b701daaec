package apicore

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
)

func newCore(t *testing.T) *Core {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// put copies bytes or floats into the scratch buffer as JavaScript does.
func putBytes(t *testing.T, c *Core, b []byte) {
	t.Helper()
	if err := c.Reserve(len(b)); err != nil {
		t.Fatal(err)
	}
	copy(c.ScratchBytes(), b)
}

func putFloats(t *testing.T, c *Core, fs ...[]float32) {
	t.Helper()
	n := 0
	for _, f := range fs {
		n += len(f)
	}
	if err := c.Reserve(4 * n); err != nil {
		t.Fatal(err)
	}
	s := c.Scratch()
	for _, f := range fs {
		s = s[copy(s, f):]
	}
}

func wantStatus(t *testing.T, what string, err error, want Status, substr string) {
	t.Helper()
	got, msg := Classify(err)
	if got != want {
		t.Errorf("%s: status %d (%q), want %d", what, got, msg, want)
		return
	}
	if !strings.Contains(msg, substr) {
		t.Errorf("%s: message %q does not mention %q", what, msg, substr)
	}
}

// stroke draws a vertical bar, dark ink on white, on a w×h RGBA canvas.
func stroke(w, h int) []byte {
	b := make([]byte, 4*w*h)
	for i := range w * h {
		x, y := i%w, i/w
		v := byte(255)
		if x > w/2-w/20 && x < w/2+w/20 && y > h/5 && y < 4*h/5 {
			v = 0
		}
		b[4*i], b[4*i+1], b[4*i+2], b[4*i+3] = v, v, v, 255
	}
	return b
}

func TestPredictRejects(t *testing.T) {
	c := newCore(t)
	putBytes(t, c, make([]byte, 4*64*64))
	cases := []struct {
		name       string
		f          Format
		w, h, n    int
		preprocess bool
		want       Status
		msg        string
	}{
		{"unknown format", 9, 32, 32, 1024, false, TypeError, "format"},
		{"zero width", Gray8, 0, 32, 0, true, RangeError, "at least 1"},
		{"negative height", Gray8, 32, -1, 0, true, RangeError, "at least 1"},
		{"not 32×32 without preprocessing", Gray8, 28, 28, 784, false, RangeError, "exactly 32×32"},
		{"too wide", Gray8, 9000, 1, 9000, true, RangeError, "at most"},
		{"too many pixels", Gray8, 4000, 4000, 16000000, true, RangeError, "at most"},
		{"grey length", Gray8, 32, 32, 1000, true, RangeError, "need 1024"},
		{"rgba length", RGBA8, 32, 32, 1024, true, RangeError, "need 4096"},
		{"not copied", GrayF32, 128, 128, 16384, true, Internal, "exchange buffer"},
	}
	for _, tc := range cases {
		_, err := c.Predict(tc.f, tc.w, tc.h, tc.n, tc.preprocess)
		wantStatus(t, tc.name, err, tc.want, tc.msg)
	}
	for _, v := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
		x := make([]float32, 1024)
		x[33] = v
		putFloats(t, c, x)
		_, err := c.Predict(GrayF32, 32, 32, 1024, false)
		wantStatus(t, "non-finite", err, RangeError, "pixel (1, 1)")
	}
	x := make([]float32, 1024)
	x[5] = 1.5
	putFloats(t, c, x)
	_, err := c.Predict(GrayF32, 32, 32, 1024, true)
	wantStatus(t, "above 1 with preprocessing", err, RangeError, "0..1")
	x[5] = 3e38
	putFloats(t, c, x)
	if _, err := c.Predict(GrayF32, 32, 32, 1024, false); err != nil {
		// huge but finite values may overflow the outputs: then it must be a RangeError
		wantStatus(t, "huge values", err, RangeError, "overflow")
	}
}

func TestPredictMatchesForward(t *testing.T) {
	c := newCore(t)
	x := make([]float32, 1024)
	for i := range x {
		x[i] = float32(i%37) / 36
	}
	putFloats(t, c, x)
	st, err := c.Predict(GrayF32, 32, 32, 1024, false)
	if err != nil || st != OK {
		t.Fatalf("Predict: %v, %v", st, err)
	}
	var want lenet.Activations
	label := c.Net.Forward(x, &want)
	if c.Acts != want || c.Label() != label {
		t.Fatalf("Predict's activations differ from Net.Forward's")
	}
	// Grey bytes without preprocessing go in as v/255.
	b := make([]byte, 1024)
	for i := range b {
		b[i] = byte(i % 256)
		x[i] = float32(b[i]) / 255
	}
	putBytes(t, c, b)
	if _, err := c.Predict(Gray8, 32, 32, 1024, false); err != nil {
		t.Fatal(err)
	}
	c.Net.Forward(x, &want)
	if c.Acts.Probs != want.Probs {
		t.Fatalf("grey bytes: probabilities %v, want %v", c.Acts.Probs, want.Probs)
	}
}

func TestPredictEmptyAndPreprocessed(t *testing.T) {
	c := newCore(t)
	blank := bytes.Repeat([]byte{255, 255, 255, 255}, 200*150)
	putBytes(t, c, blank)
	st, err := c.Predict(RGBA8, 200, 150, len(blank), true)
	if err != nil || st != Empty {
		t.Fatalf("blank canvas: %v, %v; want Empty", st, err)
	}
	if c.Acts != (lenet.Activations{}) {
		t.Fatal("blank canvas: activations are not all zero")
	}
	img := stroke(200, 150)
	putBytes(t, c, img)
	st, err = c.Predict(RGBA8, 200, 150, len(img), true)
	if err != nil || st != OK {
		t.Fatalf("stroke: %v, %v", st, err)
	}
	var ink float32
	for _, v := range c.Acts.Input {
		ink += v
	}
	if ink < 5 {
		t.Fatalf("the network's input holds almost no ink (%v): the dark stroke was not turned into bright ink", ink)
	}
	var sum float32
	for _, p := range c.Acts.Probs {
		sum += p
	}
	if math.Abs(float64(sum)-1) > 1e-4 {
		t.Fatalf("probabilities sum to %v", sum)
	}
}

func TestPredictAllocatesNothing(t *testing.T) {
	c := newCore(t)
	img := stroke(280, 280)
	putBytes(t, c, img)
	x := make([]float32, 1024)
	run := func() {
		if _, err := c.Predict(RGBA8, 280, 280, len(img), true); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("Predict on an RGBA canvas allocates %v times per call", n)
	}
	grey := make([]byte, 280*280)
	copy(grey[1000:], img[:20000])
	putBytes(t, c, grey)
	greyRun := func() {
		if _, err := c.Predict(Gray8, 280, 280, len(grey), true); err != nil {
			t.Fatal(err)
		}
	}
	greyRun()
	if n := testing.AllocsPerRun(20, greyRun); n != 0 {
		t.Errorf("Predict on grey bytes allocates %v times per call", n)
	}
	putFloats(t, c, x)
	raw := func() {
		if _, err := c.Predict(GrayF32, 32, 32, 1024, false); err != nil {
			t.Fatal(err)
		}
	}
	if n := testing.AllocsPerRun(20, raw); n != 0 {
		t.Errorf("Predict on 32×32 floats allocates %v times per call", n)
	}
}

func TestGray8MatchesCanvas(t *testing.T) {
	c := newCore(t)
	b := make([]byte, 256*3)
	for i := range b {
		b[i] = byte(i)
	}
	want, err := canvas.FromGray8(16, 48, b)
	if err != nil {
		t.Fatal(err)
	}
	got := c.gray8(16, 48, b)
	if got.Width != want.Width || got.Height != want.Height || !equal(got.Pix, want.Pix) {
		t.Fatal("gray8 differs from canvas.FromGray8")
	}
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			t.Fatalf("pixel %d: %v, canvas.FromGray8 gives %v", i, got.Pix[i], want.Pix[i])
		}
	}
}

func TestSetWeights(t *testing.T) {
	c := newCore(t)
	wantStatus(t, "garbage", c.SetWeights([]byte("not weights")), RangeError, "weights")
	n := lenet.New()
	n.OutB[3] = 5 // every input then says 3
	var b bytes.Buffer
	if err := lenet.Encode(&b, n, "test weights"); err != nil {
		t.Fatal(err)
	}
	file := b.Bytes()
	bad := append([]byte(nil), file...)
	bad[len(bad)/2] ^= 1
	wantStatus(t, "flipped bit", c.SetWeights(bad), RangeError, "checksum")
	if err := c.SetWeights(file); err != nil {
		t.Fatal(err)
	}
	if c.Meta != "test weights" {
		t.Errorf("meta %q", c.Meta)
	}
	putFloats(t, c, make([]float32, 1024))
	if _, err := c.Predict(GrayF32, 32, 32, 1024, false); err != nil || c.Label() != 3 {
		t.Fatalf("with the new weights: label %d, %v; want 3", c.Label(), err)
	}
}

func TestConv2DByHand(t *testing.T) {
	c := newCore(t)
	in := []float32{1, 2, 3, 4, 5, 6, 7, 8, 9}
	k := []float32{1, 2, 3, 4} // asymmetric: correlation and convolution differ
	for _, tc := range []struct {
		mode int
		bias []float32
		want []float32
	}{
		// correlation: out(0,0) = 1·1 + 2·2 + 4·3 + 5·4 = 37
		{0, nil, []float32{37, 47, 67, 77}},
		// convolution flips the kernel to 4 3 / 2 1: 1·4 + 2·3 + 4·2 + 5·1 = 23
		{1, nil, []float32{23, 33, 53, 63}},
		{0, []float32{-7}, []float32{30, 40, 60, 70}},
	} {
		putFloats(t, c, in, k, tc.bias)
		err := c.Conv2D(ConvArgs{C: 1, H: 3, W: 3, N: 1, KC: 1, KH: 2, KW: 2, Stride: 1, Mode: tc.mode, Bias: tc.bias != nil})
		if err != nil {
			t.Fatal(err)
		}
		if c.ResultShape.C != 1 || c.ResultShape.H != 2 || c.ResultShape.W != 2 || !equal(c.Result, tc.want) {
			t.Errorf("mode %d bias %v: %v %v, want 1×2×2 %v", tc.mode, tc.bias, c.ResultShape, c.Result, tc.want)
		}
	}
	// "same" padding keeps 3×3; padding 1, stride 2 on 3×3 with 3×3 gives 2×2.
	putFloats(t, c, in, []float32{0, 0, 0, 0, 1, 0, 0, 0, 0})
	if err := c.Conv2D(ConvArgs{C: 1, H: 3, W: 3, N: 1, KC: 1, KH: 3, KW: 3, Same: true, Stride: 1}); err != nil || !equal(c.Result, in) {
		t.Errorf("identity kernel with same padding: %v %v", c.Result, err)
	}
	if err := c.Conv2D(ConvArgs{C: 1, H: 3, W: 3, N: 1, KC: 1, KH: 3, KW: 3, Padding: 1, Stride: 2}); err != nil || !equal(c.Result, []float32{1, 3, 7, 9}) {
		t.Errorf("padding 1 stride 2: %v %v", c.Result, err)
	}
}

func TestConv2DRejects(t *testing.T) {
	c := newCore(t)
	putFloats(t, c, make([]float32, 100))
	ok := ConvArgs{C: 1, H: 5, W: 5, N: 1, KC: 1, KH: 3, KW: 3, Stride: 1}
	for _, tc := range []struct {
		name string
		edit func(*ConvArgs)
		want Status
		msg  string
	}{
		{"zero channels", func(a *ConvArgs) { a.C, a.KC = 0, 0 }, RangeError, "between 1"},
		{"channels differ", func(a *ConvArgs) { a.KC = 2 }, RangeError, "must match"},
		{"zero stride", func(a *ConvArgs) { a.Stride = 0 }, RangeError, "stride"},
		{"negative padding", func(a *ConvArgs) { a.Padding = -1 }, RangeError, "padding"},
		{"does not tile", func(a *ConvArgs) { a.KH, a.KW, a.Stride = 2, 2, 2 }, RangeError, "does not tile"},
		{"even same", func(a *ConvArgs) { a.KH, a.KW, a.Same = 2, 2, true }, RangeError, "odd"},
		{"window too large", func(a *ConvArgs) { a.KH = 7 }, RangeError, "larger"},
		{"unknown mode", func(a *ConvArgs) { a.Mode = 5 }, RangeError, "mode"},
		{"absurd size", func(a *ConvArgs) { a.H = 1 << 20 }, RangeError, "between 1"},
		{"absurd output", func(a *ConvArgs) { a.Padding = 5000 }, RangeError, "at most"},
		{"not copied", func(a *ConvArgs) { a.H, a.W = 100, 100 }, Internal, "exchange buffer"},
	} {
		a := ok
		tc.edit(&a)
		wantStatus(t, tc.name, c.Conv2D(a), tc.want, tc.msg)
	}
	bad := make([]float32, 100)
	bad[30] = float32(math.NaN())
	putFloats(t, c, bad)
	wantStatus(t, "NaN in kernels", c.Conv2D(ok), RangeError, "kernels.data[5]")
}

func TestPool2DByHand(t *testing.T) {
	c := newCore(t)
	in := []float32{
		1, 3, 2, 0,
		4, 2, 1, 1,
		0, 0, 5, 6,
		-1, 2, 7, 8,
	}
	putFloats(t, c, in)
	if err := c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 2, Stride: 2, Mode: 0}); err != nil || !equal(c.Result, []float32{4, 2, 2, 8}) {
		t.Errorf("max: %v %v", c.Result, err)
	}
	if err := c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 2, Stride: 2, Mode: 1}); err != nil || !equal(c.Result, []float32{2.5, 1, 0.25, 6.5}) {
		t.Errorf("average: %v %v", c.Result, err)
	}
	if err := c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 3, Stride: 1, Mode: 0}); err != nil || !equal(c.Result, []float32{5, 6, 7, 8}) || c.ResultShape.H != 2 {
		t.Errorf("3×3 stride 1: %v %v %v", c.Result, c.ResultShape, err)
	}
	wantStatus(t, "does not tile", c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 3, Stride: 2}), RangeError, "does not tile")
	wantStatus(t, "zero stride", c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 2, Stride: 0}), RangeError, "stride")
	wantStatus(t, "mode", c.Pool2D(PoolArgs{C: 1, H: 4, W: 4, Size: 2, Stride: 2, Mode: 2}), RangeError, "mode")
}

func TestSummaryJSON(t *testing.T) {
	var s Summary
	if err := json.Unmarshal(SummaryJSON(), &s); err != nil {
		t.Fatalf("SummaryJSON is not valid JSON: %v", err)
	}
	want := MakeSummary()
	a, _ := json.Marshal(s)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Fatalf("SummaryJSON decodes to\n%s\nwant\n%s", a, b)
	}
	params := []int64{156, 0, 2416, 0, 48120, 10164, 850}
	for i, l := range s.Layers {
		if l.Parameters != params[i] {
			t.Errorf("%s: %d parameters, want %d", l.Name, l.Parameters, params[i])
		}
	}
	if s.Layers[0].Connections != 122304 || s.Totals.Parameters != 61706 || s.Totals.MACs != 416520 ||
		s.Totals.ConvParameters != 50692 || s.Totals.FCParameters != 11014 {
		t.Errorf("totals %+v, C1 connections %d", s.Totals, s.Layers[0].Connections)
	}
	if !strings.Contains(s.Text, "(1·5·5+1)·6 = 156") {
		t.Errorf("text lacks the C1 formula:\n%s", s.Text)
	}
}

func TestAppendJSONStringEscapes(t *testing.T) {
	in := "a\"b\\c\nd\te\x01 ×·→"
	var out string
	if err := json.Unmarshal(appendJSONString(nil, in), &out); err != nil || out != in {
		t.Fatalf("round trip of %q gave %q, %v", in, out, err)
	}
}

func TestReserve(t *testing.T) {
	c := newCore(t)
	wantStatus(t, "negative", c.Reserve(-1), RangeError, "bytes")
	wantStatus(t, "huge", c.Reserve(MaxScratchBytes+1), RangeError, "bytes")
	if err := c.Reserve(10); err != nil || len(c.ScratchBytes()) < 10 {
		t.Fatalf("Reserve(10): %v, %d bytes", err, len(c.ScratchBytes()))
	}
}

func equal(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-5 {
			return false
		}
	}
	return true
}
