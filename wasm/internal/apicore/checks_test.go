package apicore

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

// The Check functions are what lenet.js asks before it grows the exchange
// buffer: for every size they must give exactly the error of the full call,
// so that a call they pass is refused only for its values.
func TestChecksAgreeWithCalls(t *testing.T) {
	c := newCore(t)
	same := func(what string, check, call error) {
		t.Helper()
		cs, cm := Classify(check)
		ks, km := Classify(call)
		if cs != ks || cm != km {
			t.Errorf("%s: Check says %d %q, the call %d %q", what, cs, cm, ks, km)
		}
	}
	for _, a := range []ConvArgs{
		{C: 1, H: 3, W: 3, N: 1, KC: 1, KH: 2, KW: 2, Stride: 1},
		{C: 2, H: 8, W: 8, N: 3, KC: 2, KH: 3, KW: 3, Stride: 2, Padding: 1, Bias: true},
		{C: 1, H: 8, W: 8, N: 1, KC: 1, KH: 3, KW: 3, Stride: 1, Same: true, Mode: 1},
		{C: 1, H: 8, W: 8, N: 1, KC: 1, KH: 2, KW: 2, Stride: 1, Same: true},   // even kernel
		{C: 1, H: 9, W: 9, N: 1, KC: 1, KH: 2, KW: 2, Stride: 2},               // does not tile
		{C: 2, H: 8, W: 8, N: 1, KC: 3, KH: 2, KW: 2, Stride: 1},               // channels differ
		{C: 1, H: 8, W: 8, N: 1, KC: 1, KH: 9, KW: 2, Stride: 1},               // kernel taller than input
		{C: 1, H: 8, W: 8, N: 1, KC: 1, KH: 2, KW: 2, Stride: 1, Mode: 7},      // unknown mode
		{C: 1, H: 0, W: 8, N: 1, KC: 1, KH: 2, KW: 2, Stride: 1},               // empty
		{C: 1, H: 4096, W: 4096, N: 1, KC: 1, KH: 1, KW: 1, Stride: 1},         // too many values
		{C: 1, H: 2000, W: 2000, N: 10, KC: 1, KH: 10, KW: 10, Stride: 1},      // too many MACs
		{C: 1, H: 1000, W: 1000, N: 8, KC: 1, KH: 1, KW: 1, Stride: 1},         // output too large
		{C: 1, H: 3, W: 3, N: 1, KC: 1, KH: 1, KW: 1, Stride: 1, Padding: 1e6}, // padding too large
	} {
		check := CheckConv2D(a)
		if 4*a.Floats() <= MaxScratchBytes {
			putFloats(t, c, make([]float32, a.Floats()))
		}
		same("conv2d", check, c.Conv2D(a))
	}
	for _, a := range []PoolArgs{
		{C: 1, H: 4, W: 4, Size: 2, Stride: 2},
		{C: 3, H: 5, W: 5, Size: 3, Stride: 1, Mode: 1},
		{C: 1, H: 5, W: 4, Size: 2, Stride: 2},          // does not tile
		{C: 1, H: 4, W: 4, Size: 5, Stride: 1},          // window larger than input
		{C: 1, H: 4, W: 4, Size: 2, Stride: 2, Mode: 3}, // unknown mode
		{C: 1, H: 4096, W: 2560, Size: 2, Stride: 2},    // too many values
		{C: 1, H: 2048, W: 2048, Size: 1000, Stride: 1}, // too many window reads
	} {
		check := CheckPool2D(a)
		if 4*a.Floats() <= MaxScratchBytes {
			putFloats(t, c, make([]float32, a.Floats()))
		}
		same("pool2d", check, c.Pool2D(a))
	}
	for _, a := range []struct {
		f          Format
		w, h, n    int
		preprocess bool
	}{
		{Gray8, 28, 28, 784, true},
		{RGBA8, 32, 32, 4096, false},
		{GrayF32, 32, 32, 1024, false},
		{Gray8, 28, 28, 784, false},
		{Gray8, 7900, 7900, 7900 * 7900, true},
		{RGBA8, 30, 30, 900, true},
		{9, 32, 32, 1024, true},
	} {
		check := CheckPredict(a.f, a.w, a.h, a.n, a.preprocess)
		size := a.n
		if a.f == GrayF32 {
			size *= 4
		}
		if size <= MaxScratchBytes {
			putBytes(t, c, make([]byte, size))
		}
		_, err := c.Predict(a.f, a.w, a.h, a.n, a.preprocess)
		same("predict", check, err)
	}
}

// The exchange buffer grows at least twofold, but never past its cap.
func TestReserveStaysUnderCap(t *testing.T) {
	c := newCore(t)
	for _, n := range []int{4096 * 2560 * 4, 7900 * 7900, MaxScratchBytes - 1, MaxScratchBytes} {
		if err := c.Reserve(n); err != nil {
			t.Fatalf("Reserve(%d): %v", n, err)
		}
		if got := len(c.ScratchBytes()); got < n || got > MaxScratchBytes {
			t.Errorf("after Reserve(%d) the buffer holds %d bytes, not in %d..%d", n, got, n, MaxScratchBytes)
		}
	}
	before := len(c.ScratchBytes())
	wantStatus(t, "over the cap", c.Reserve(MaxScratchBytes+1), RangeError, "more than")
	if len(c.ScratchBytes()) != before {
		t.Error("a refused Reserve changed the buffer")
	}
}

// conv2d and pool2d refuse sums beyond float32's range, as predict does,
// and name the output value.
func TestOverflowIsRangeError(t *testing.T) {
	c := newCore(t)
	a := ConvArgs{C: 1, H: 2, W: 2, N: 1, KC: 1, KH: 1, KW: 2, Stride: 1}
	putFloats(t, c, []float32{3e38, 3e38, 1, 1}, []float32{1, 1})
	wantStatus(t, "conv2d", c.Conv2D(a), RangeError, "output (0, 0, 0) is +Inf: the sum overflows float32")
	putFloats(t, c, []float32{1, 1, -3e38, -3e38}, []float32{1, 1})
	wantStatus(t, "conv2d, negative", c.Conv2D(a), RangeError, "output (0, 1, 0) is -Inf")
	p := PoolArgs{C: 1, H: 2, W: 2, Size: 2, Stride: 2, Mode: 1}
	putFloats(t, c, []float32{3e38, 3e38, 3e38, 3e38})
	wantStatus(t, "average pooling", c.Pool2D(p), RangeError, "overflows float32")
	p.Mode = 0
	if err := c.Pool2D(p); err != nil || c.Result[0] != 3e38 {
		t.Errorf("max pooling of 3e38: %v, %v", c.Result, err)
	}
}

// InputBound keeps every layer of the network finite for inputs up to the
// bound, checked on the shipped weights and on weights scaled up until the
// bound falls near 1, with inputs of random sign at the bound; predict
// refuses anything beyond it.
func TestInputBound(t *testing.T) {
	shipped := newCore(t)
	if b := shipped.MaxInput; b < 1e20 || b > 1e30 {
		t.Errorf("the shipped weights' input bound is %g; expected about 2e26", b)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, scale := range []float32{1, 100, 1e4} {
		n := shipped.Net.Clone()
		for i := range n.Params {
			n.Params[i] *= scale
		}
		b := InputBound(n)
		x := make([]float32, lenet.InputLen)
		for range 20 {
			for i := range x {
				x[i] = b
				if rng.IntN(2) == 0 {
					x[i] = -b
				}
			}
			var acts lenet.Activations
			n.Forward(x, &acts)
			for _, v := range [][]float32{acts.C1[:], acts.S2[:], acts.C3[:], acts.S4[:], acts.C5[:], acts.F6[:], acts.Logits[:]} {
				if i, bad := firstNonFinite(v); bad {
					t.Fatalf("weights ×%g, inputs ±%g: a layer holds %v at %d", scale, b, v[i], i)
				}
			}
		}
		c := newCore(t)
		c.Net, c.MaxInput = n, b
		x[7] = b * 1.01
		putFloats(t, c, x)
		_, err := c.Predict(GrayF32, 32, 32, 1024, false)
		wantStatus(t, "beyond the bound", err, RangeError, "pixel (7, 0)")
	}
	if b := InputBound(lenet.New()); !(b > 1e30) || math.IsInf(float64(b), 0) {
		t.Errorf("an all-zero network's bound is %g", b)
	}
}
