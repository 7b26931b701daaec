package evidence

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

// forward64 is LeNet-5 in float64, written as plainly as the lecture's
// formulas, for central differences: the float32 weights are exact in
// float64. It returns the logits and appends to pat the network's linear
// piece: every ReLU's sign and every pooling window's winner (the first
// largest value), so that a test can tell whether two inputs lie on the
// same piece, where the logits are one linear function of the input.
func forward64(net *lenet.Net, x []float64, pat []byte) ([lenet.NumClasses]float64, []byte) {
	conv := func(in []float64, c, side int, w, b []float32, n int) []float64 {
		o := side - 4
		out := make([]float64, n*o*o)
		for k := range n {
			for y := range o {
				for x := range o {
					s := float64(b[k])
					for ch := range c {
						for ky := range 5 {
							for kx := range 5 {
								s += float64(w[((k*c+ch)*5+ky)*5+kx]) * in[(ch*side+y+ky)*side+x+kx]
							}
						}
					}
					out[(k*o+y)*o+x] = s
				}
			}
		}
		return out
	}
	relu := func(v []float64) {
		for i, s := range v {
			if s > 0 {
				pat = append(pat, 1)
			} else {
				pat = append(pat, 0)
				v[i] = 0
			}
		}
	}
	pool := func(in []float64, c, side int) []float64 {
		o := side / 2
		out := make([]float64, c*o*o)
		for ch := range c {
			for y := range o {
				for x := range o {
					best, arg := math.Inf(-1), byte(0)
					for k := range 4 {
						v := in[(ch*side+2*y+k/2)*side+2*x+k%2]
						if v > best {
							best, arg = v, byte(k)
						}
					}
					out[(ch*o+y)*o+x] = best
					pat = append(pat, arg)
				}
			}
		}
		return out
	}
	dense := func(in []float64, w, b []float32) []float64 {
		out := make([]float64, len(b))
		for o := range out {
			s := float64(b[o])
			for i, v := range in {
				s += float64(w[o*len(in)+i]) * v
			}
			out[o] = s
		}
		return out
	}
	c1 := conv(x, 1, 32, net.C1W, net.C1B, 6)
	relu(c1)
	s2 := pool(c1, 6, 28)
	c3 := conv(s2, 6, 14, net.C3W, net.C3B, 16)
	relu(c3)
	s4 := pool(c3, 16, 10)
	c5 := dense(s4, net.C5W, net.C5B)
	relu(c5)
	f6 := dense(c5, net.F6W, net.F6B)
	relu(f6)
	var z [lenet.NumClasses]float64
	copy(z[:], dense(f6, net.OutW, net.OutB))
	return z, pat
}

func score64(z [lenet.NumClasses]float64, t int, s Score) float64 {
	if s == Logit {
		return z[t]
	}
	m := z[0]
	for _, v := range z {
		m = max(m, v)
	}
	var sum float64
	for _, v := range z {
		sum += math.Exp(v - m)
	}
	return math.Exp(z[t]-m) / sum
}

// gradTol is how far the float32 gradient may be from float64 central
// differences: 1e-5 of the largest |∂score/∂x| of the map, plus 1e-8.
// The backward pass sums in float32, and Forward's C3 (Winograd) differs
// from the exact sums by about 5e-6 of a value, which moves the gradient
// only where it moves ReLU's or pooling's decisions — that is, at kinks,
// which the test leaves out. Measured: about 1e-7 of the largest value.
func gradTol(scale float64) float64 { return 1e-5*scale + 1e-8 }

// TestGradientMatchesCentralDifferences compares Gradient with
// (f(x+h·e_i) − f(x−h·e_i))/2h in float64, on random inputs and real
// digits, for the logit and the probability, on the ink, beside it and
// away from it. Kinks: the logits are piecewise linear in the input, so on
// one linear piece a central difference is exact for any h; a pixel is
// compared only when x−h·e_i and x+h·e_i lie on the same piece as x
// (trying h = 1e-3, 1e-5, 1e-7), and otherwise left out and counted. Most
// kinks are off the ink: where a C1 kernel's bias is positive, a blank
// pooling window holds four equal values, and any change to a pixel under
// it picks a winner. The probability adds softmax's curvature: an error
// of order h².
func TestGradientMatchesCentralDifferences(t *testing.T) {
	net := shipped(t)
	r := rand.New(rand.NewPCG(15, 3))
	xs, labels := samples(t)
	type input struct {
		name   string
		x      []float32
		target int
	}
	inputs := []input{
		{"random", randomInput(r, 0, 1, 0.3), 4},
		{"sample 0", xs[0], labels[0]},
		{"sample 49 for class 7", xs[49], 7},
	}
	var g Gradient
	grad := make([]float32, Len)
	worst := 0.0
	compared, skipped, inkSkipped, inkCompared := 0, 0, 0, 0
	for _, in := range inputs {
		x64 := make([]float64, Len)
		for i, v := range in.x {
			x64[i] = float64(v)
		}
		_, pat0 := forward64(net, x64, nil)
		// Pixels on the ink, beside it, and anywhere.
		var pixels []int
		for _, i := range r.Perm(Len) {
			ink := in.x[i] != 0
			near := !ink && i >= Side && in.x[i-Side] != 0
			if (ink && len(pixels) < 20) || (near && len(pixels) < 30) || len(pixels) < 10 {
				pixels = append(pixels, i)
			}
		}
		type diff struct{ plus, minus [lenet.NumClasses]float64 }
		diffs := make([]*diff, len(pixels))
		hs := make([]float64, len(pixels))
		for k, i := range pixels {
			for _, h := range []float64{1e-3, 1e-5, 1e-7} {
				orig := x64[i]
				x64[i] = orig + h
				zp, pp := forward64(net, x64, nil)
				x64[i] = orig - h
				zm, pm := forward64(net, x64, nil)
				x64[i] = orig
				if bytes.Equal(pp, pat0) && bytes.Equal(pm, pat0) {
					diffs[k], hs[k] = &diff{zp, zm}, h
					break
				}
			}
		}
		for _, s := range []Score{Logit, Probability} {
			if err := g.Compute(net, in.x, in.target, s, grad); err != nil {
				t.Fatal(err)
			}
			fd := make([]float64, len(pixels))
			scale := 0.0
			for k := range pixels {
				if d := diffs[k]; d != nil {
					fd[k] = (score64(d.plus, in.target, s) - score64(d.minus, in.target, s)) / (2 * hs[k])
					scale = max(scale, math.Abs(fd[k]))
				}
			}
			if scale == 0 {
				t.Fatalf("%s, %v: every compared derivative is 0", in.name, s)
			}
			for k, i := range pixels {
				if diffs[k] == nil {
					skipped++
					if in.x[i] != 0 {
						inkSkipped++
					}
					continue
				}
				compared++
				if in.x[i] != 0 {
					inkCompared++
				}
				d := math.Abs(float64(grad[i]) - fd[k])
				if !(d <= gradTol(scale)) {
					t.Fatalf("%s, %v: ∂/∂x at row %d, column %d is %v, central difference (h %g) %v; |Δ| %.3g > %.3g",
						in.name, s, i/Side, i%Side, grad[i], hs[k], fd[k], d, gradTol(scale))
				}
				worst = max(worst, d/gradTol(scale))
			}
		}
	}
	t.Logf("%d derivatives compared (%d on the ink), %d left out at kinks (%d on the ink); largest difference %.2g of the tolerance",
		compared, inkCompared, skipped, inkSkipped, worst)
	if compared < 100 || inkSkipped*10 > inkCompared {
		t.Errorf("only %d derivatives compared, %d of %d on the ink left out at kinks", compared, inkSkipped, inkSkipped+inkCompared)
	}
}

// TestGradientTimesInput: gradient × input is zero off the ink and the
// product on it.
func TestGradientTimesInput(t *testing.T) {
	net := shipped(t)
	xs, labels := samples(t)
	var g Gradient
	grad := make([]float32, Len)
	gx := make([]float32, Len)
	if err := g.Compute(net, xs[8], labels[8], Logit, grad); err != nil {
		t.Fatal(err)
	}
	if g.Activations().Label() != labels[8] {
		t.Errorf("the forward pass reads sample 8 as %d, not %d", g.Activations().Label(), labels[8])
	}
	if err := TimesInput(gx, grad, xs[8]); err != nil {
		t.Fatal(err)
	}
	nonzero := 0
	for i, v := range gx {
		if v != grad[i]*xs[8][i] {
			t.Fatalf("pixel %d: %v, want %v·%v", i, v, grad[i], xs[8][i])
		}
		if grad[i] != 0 && xs[8][i] == 0 {
			nonzero++
		}
	}
	if nonzero == 0 {
		t.Error("the gradient is zero everywhere off the ink")
	}
	if err := TimesInput(gx[:3], grad, xs[8]); err == nil {
		t.Error("TimesInput accepted a short map")
	}
}

func TestGradientErrors(t *testing.T) {
	net := shipped(t)
	x := make([]float32, Len)
	dst := make([]float32, Len)
	var g Gradient
	for _, tc := range []struct {
		net    *lenet.Net
		x, dst []float32
		target int
		score  Score
		want   string
	}{
		{net, x[:5], dst, 1, Logit, "got 5"},
		{net, x, dst[:5], 1, Logit, "1024 values, got 5"},
		{net, x, dst, 11, Logit, "digit 0–9, got 11"},
		{net, x, dst, 1, 9, "Probability (0) or Logit (1), got 9"},
		{nil, x, dst, 1, Logit, "no network"},
		{net, append(make([]float32, 40), float32(math.NaN())), dst, 1, Logit, "got 41"},
	} {
		err := g.Compute(tc.net, tc.x, tc.target, tc.score, tc.dst)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compute: %v, want an error with %q", err, tc.want)
		}
	}
	x[100] = float32(math.NaN())
	if err := g.Compute(net, x, 1, Logit, dst); err == nil || !strings.Contains(err.Error(), "not a finite number (NaN or ±Inf) at pixel y·32+x = 100") {
		t.Errorf("Compute of a NaN input: %v", err)
	}
}

func TestGradientAllocs(t *testing.T) {
	net := shipped(t)
	xs, _ := samples(t)
	var g Gradient
	dst := make([]float32, Len)
	if n := testing.AllocsPerRun(10, func() { _ = g.Compute(net, xs[1], 1, Probability, dst) }); n != 0 {
		t.Errorf("Compute allocates %v times", n)
	}
}

// TestGradientBackward: from a forward pass the caller has, the same map
// as Compute's, to the bit, and the activations left as they were.
func TestGradientBackward(t *testing.T) {
	net := shipped(t)
	xs, labels := samples(t)
	var g, h Gradient
	want := make([]float32, Len)
	got := make([]float32, Len)
	var a lenet.Activations
	net.Forward(xs[21], &a)
	before := a
	for _, s := range []Score{Logit, Probability} {
		if err := g.Compute(net, xs[21], labels[21], s, want); err != nil {
			t.Fatal(err)
		}
		if err := h.Backward(net, &a, labels[21], s, got); err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%v: pixel %d: Backward %v, Compute %v", s, i, got[i], want[i])
			}
		}
	}
	if a != before {
		t.Error("Backward changed the activations")
	}
	if err := h.Backward(net, nil, 1, Logit, got); err == nil {
		t.Error("Backward accepted no activations")
	}
	if err := h.Backward(net, &a, 12, Logit, got); err == nil {
		t.Error("Backward accepted class 12")
	}
}
