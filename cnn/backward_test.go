package cnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The backward passes are checked against float64 central differences of a
// float64 forward pass written out plainly here. The loss is L = Σ r·out for
// fixed random r, so dL/dout = r and every derivative of L is a derivative
// the backward pass must produce.

func randSlice(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.NormFloat64())
	}
	return s
}

func to64(s []float32) []float64 {
	d := make([]float64, len(s))
	for i, v := range s {
		d[i] = float64(v)
	}
	return d
}

// numGrad returns the central difference of f with respect to every element
// of x (each perturbed in a fresh copy).
func numGrad(x []float64, h float64, f func([]float64) float64) []float64 {
	g := make([]float64, len(x))
	for i := range x {
		p := append([]float64(nil), x...)
		m := append([]float64(nil), x...)
		p[i] += h
		m[i] -= h
		g[i] = (f(p) - f(m)) / (2 * h)
	}
	return g
}

func checkGrad(t *testing.T, what string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i]) - want[i]); d > tol*(1+math.Abs(want[i])) {
			t.Errorf("%s[%d] = %.6g, central difference %.6g", what, i, got[i], want[i])
		}
	}
}

func dot64(a []float64, b []float32) float64 {
	var s float64
	for i := range a {
		s += a[i] * float64(b[i])
	}
	return s
}

// conv64 is the correlation formula, literally, in float64.
func conv64(in, w, b []float64, g Geometry) []float64 {
	out := make([]float64, g.Out.Len())
	for n := 0; n < g.Out.C; n++ {
		for y := 0; y < g.Out.H; y++ {
			for x := 0; x < g.Out.W; x++ {
				s := b[n]
				for c := 0; c < g.In.C; c++ {
					for i := 0; i < g.KH; i++ {
						for j := 0; j < g.KW; j++ {
							iy, ix := y*g.Stride+i-g.PadY, x*g.Stride+j-g.PadX
							if iy < 0 || iy >= g.In.H || ix < 0 || ix >= g.In.W {
								continue
							}
							s += in[(c*g.In.H+iy)*g.In.W+ix] * w[((n*g.In.C+c)*g.KH+i)*g.KW+j]
						}
					}
				}
				out[(n*g.Out.H+y)*g.Out.W+x] = s
			}
		}
	}
	return out
}

func TestConv2DBackward(t *testing.T) {
	cases := []struct {
		in             Shape
		n, kh, kw      int
		stride, pad    int
		zeroSomeOutput bool
	}{
		{Shape{2, 7, 9}, 3, 3, 3, 2, 1, false},
		{Shape{3, 5, 4}, 2, 2, 3, 1, 2, true},
		{Shape{1, 6, 6}, 4, 5, 5, 1, 0, false},
		{Shape{2, 5, 8}, 1, 4, 1, 3, 1, false},
	}
	for ci, tc := range cases {
		r := rand.New(rand.NewPCG(uint64(ci), 7))
		k := &Kernels{N: tc.n, C: tc.in.C, H: tc.kh, W: tc.kw}
		g, err := ConvGeometry(tc.in, k, ConvOptions{Stride: tc.stride, Padding: tc.pad})
		if err != nil {
			t.Fatalf("case %d: %v", ci, err)
		}
		in := randSlice(r, tc.in.Len())
		w := randSlice(r, tc.n*tc.in.C*tc.kh*tc.kw)
		b := randSlice(r, tc.n)
		rr := randSlice(r, g.Out.Len())
		if tc.zeroSomeOutput {
			for i := range rr {
				if i%3 != 0 {
					rr[i] = 0
				}
			}
		}
		// Start from non-zero gradients to check that they accumulate.
		dIn, dW, dB := randSlice(r, len(in)), randSlice(r, len(w)), randSlice(r, len(b))
		dIn0, dW0, dB0 := append([]float32(nil), dIn...), append([]float32(nil), dW...), append([]float32(nil), dB...)
		Conv2DBackward(dIn, dW, dB, rr, in, w, g)

		in64, w64, b64 := to64(in), to64(w), to64(b)
		const h = 1e-4
		nIn := numGrad(in64, h, func(x []float64) float64 { return dot64(conv64(x, w64, b64, g), rr) })
		nW := numGrad(w64, h, func(x []float64) float64 { return dot64(conv64(in64, x, b64, g), rr) })
		nB := numGrad(b64, h, func(x []float64) float64 { return dot64(conv64(in64, w64, x, g), rr) })
		for i := range nIn {
			nIn[i] += float64(dIn0[i])
		}
		for i := range nW {
			nW[i] += float64(dW0[i])
		}
		for i := range nB {
			nB[i] += float64(dB0[i])
		}
		checkGrad(t, "dIn", dIn, nIn, 1e-4)
		checkGrad(t, "dW", dW, nW, 1e-4)
		checkGrad(t, "dB", dB, nB, 1e-4)

		// nil buffers are skipped, and the remaining ones are unchanged.
		dW2 := make([]float32, len(w))
		Conv2DBackward(nil, dW2, nil, rr, in, w, g)
		for i := range dW2 {
			if want := dW[i] - dW0[i]; math.Abs(float64(dW2[i]-want)) > 1e-5*(1+math.Abs(float64(want))) {
				t.Fatalf("case %d: dW alone [%d] = %v, with the others %v", ci, i, dW2[i], want)
			}
		}
	}
}

func TestPoolBackward(t *testing.T) {
	cases := []struct {
		in   Shape
		size int
		s    int
	}{
		{Shape{2, 7, 5}, 3, 2}, // overlapping windows
		{Shape{3, 6, 4}, 2, 2},
		{Shape{1, 5, 5}, 2, 1},
	}
	for ci, tc := range cases {
		r := rand.New(rand.NewPCG(uint64(ci), 11))
		// Distinct values at least 0.01 apart, so a step of 1e-3 never
		// changes which input wins a window.
		in := make([]float32, tc.in.Len())
		for i, p := range r.Perm(len(in)) {
			in[i] = float32(p)*0.01 - 0.2
		}
		rr := randSlice(r, 0)
		for _, mode := range []PoolMode{MaxPool, AvgPool} {
			tin, _ := TensorFrom(tc.in.C, tc.in.H, tc.in.W, append([]float32(nil), in...))
			out, winners, err := Pool2D(tin, PoolOptions{Size: tc.size, Stride: tc.s, Mode: mode})
			if err != nil {
				t.Fatal(err)
			}
			g, _ := PoolGeometry(tc.in, PoolOptions{Size: tc.size, Stride: tc.s, Mode: mode})
			rr = randSlice(r, out.Len())
			pool64 := func(x []float64) []float64 {
				o := make([]float64, g.Out.Len())
				for c := 0; c < g.In.C; c++ {
					for oy := 0; oy < g.Out.H; oy++ {
						for ox := 0; ox < g.Out.W; ox++ {
							best, sum := math.Inf(-1), 0.0
							for y := oy * tc.s; y < oy*tc.s+tc.size; y++ {
								for xx := ox * tc.s; xx < ox*tc.s+tc.size; xx++ {
									v := x[(c*g.In.H+y)*g.In.W+xx]
									best = math.Max(best, v)
									sum += v
								}
							}
							if mode == AvgPool {
								best = sum / float64(tc.size*tc.size)
							}
							o[(c*g.Out.H+oy)*g.Out.W+ox] = best
						}
					}
				}
				return o
			}
			dIn := make([]float32, len(in))
			if mode == MaxPool {
				MaxPoolBackward(dIn, rr, winners)
				// Without winners, the same routing, to the bit.
				again := make([]float32, len(in))
				MaxPoolBackwardIn(again, rr, in, g)
				for i := range again {
					if math.Float32bits(again[i]) != math.Float32bits(dIn[i]) {
						t.Fatalf("%+v: MaxPoolBackwardIn dIn[%d] = %v, MaxPoolBackward %v", tc, i, again[i], dIn[i])
					}
				}
			} else {
				AvgPoolBackward(dIn, rr, g)
			}
			want := numGrad(to64(in), 1e-3, func(x []float64) float64 { return dot64(pool64(x), rr) })
			checkGrad(t, mode.String()+" pool dIn", dIn, want, 1e-4)
		}
	}
}

func TestDenseBackward(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	const nIn, nOut = 7, 5
	x, w, b := randSlice(r, nIn), randSlice(r, nIn*nOut), randSlice(r, nOut)
	rr := randSlice(r, nOut)
	rr[2] = 0
	dense64 := func(x, w, b []float64) []float64 {
		o := make([]float64, nOut)
		for i := range o {
			o[i] = b[i]
			for j := 0; j < nIn; j++ {
				o[i] += w[i*nIn+j] * x[j]
			}
		}
		return o
	}
	dX, dW, dB := make([]float32, nIn), make([]float32, nIn*nOut), make([]float32, nOut)
	DenseBackward(dX, dW, dB, rr, x, w)
	x64, w64, b64 := to64(x), to64(w), to64(b)
	checkGrad(t, "dX", dX, numGrad(x64, 1e-4, func(v []float64) float64 { return dot64(dense64(v, w64, b64), rr) }), 1e-4)
	checkGrad(t, "dW", dW, numGrad(w64, 1e-4, func(v []float64) float64 { return dot64(dense64(x64, v, b64), rr) }), 1e-4)
	checkGrad(t, "dB", dB, numGrad(b64, 1e-4, func(v []float64) float64 { return dot64(dense64(x64, w64, v), rr) }), 1e-4)
	// A second call doubles every gradient.
	DenseBackward(dX, dW, dB, rr, x, w)
	checkGrad(t, "dW twice", dW, numGrad(w64, 1e-4, func(v []float64) float64 { return 2 * dot64(dense64(x64, v, b64), rr) }), 1e-4)
}

func TestActivationBackward(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 1))
	x := randSlice(r, 40)
	for i := range x {
		if math.Abs(float64(x[i])) < 0.05 { // keep away from ReLU's kink
			x[i] = 0.3
		}
	}
	rr := randSlice(r, len(x))
	fs := map[Activation]func(float64) float64{
		Identity: func(v float64) float64 { return v },
		ReLU:     func(v float64) float64 { return math.Max(v, 0) },
		Tanh:     math.Tanh,
		Sigmoid:  func(v float64) float64 { return 1 / (1 + math.Exp(-v)) },
	}
	for a, f := range fs {
		y := append([]float32(nil), x...)
		a.ApplyAll(y)
		dX := append([]float32(nil), rr...)
		a.Backward(dX, dX, y) // in place
		want := numGrad(to64(x), 1e-5, func(v []float64) float64 {
			var s float64
			for i := range v {
				s += f(v[i]) * float64(rr[i])
			}
			return s
		})
		checkGrad(t, a.String(), dX, want, 1e-4)
	}
}

func TestSoftmaxCrossEntropy(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, scale := range []float64{1, 30} {
		z := randSlice(r, 10)
		for i := range z {
			z[i] *= float32(scale)
		}
		for _, label := range []int{0, 3, 9} {
			ce := func(v []float64) float64 {
				m := v[0]
				for _, x := range v {
					m = math.Max(m, x)
				}
				var s float64
				for _, x := range v {
					s += math.Exp(x - m)
				}
				return math.Log(s) + m - v[label]
			}
			dZ := make([]float32, 10)
			loss := SoftmaxCrossEntropy(dZ, z, label)
			if want := ce(to64(z)); math.Abs(float64(loss)-want) > 1e-4*(1+want) {
				t.Errorf("scale %v label %d: loss %v, want %v", scale, label, loss, want)
			}
			checkGrad(t, "dZ", dZ, numGrad(to64(z), 1e-5, ce), 1e-4)
		}
	}
	// Huge logits stay finite.
	dZ := make([]float32, 3)
	if l := SoftmaxCrossEntropy(dZ, []float32{1e30, -1e30, 0}, 1); math.IsInf(float64(l), 0) || math.IsNaN(float64(l)) {
		t.Errorf("loss of extreme logits = %v", l)
	}
}

// TestMaxPoolBackwardInTies: on ties the gradient goes to the first
// largest value in row order, as MaxPoolInto's winners say, and a zero
// gradient routes nothing.
func TestMaxPoolBackwardInTies(t *testing.T) {
	g, err := PoolGeometry(Shape{C: 2, H: 4, W: 4}, PoolOptions{Size: 2, Stride: 2, Mode: MaxPool})
	if err != nil {
		t.Fatal(err)
	}
	in := make([]float32, g.In.Len()) // all zero: every window ties
	in[5] = 1                         // channel 0, row 1, column 1: wins its window
	dOut := []float32{1, 2, 0, 4, 5, 6, 7, 8}
	out := make([]float32, g.Out.Len())
	winners := make([]int32, g.Out.Len())
	MaxPoolInto(out, winners, in, g)
	want := make([]float32, len(in))
	MaxPoolBackward(want, dOut, winners)
	got := make([]float32, len(in))
	MaxPoolBackwardIn(got, dOut, in, g)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("dIn[%d] = %v, want %v (winners %v)", i, got[i], want[i], winners)
		}
	}
	if got[5] != 1 || got[2] != 2 || got[8] != 0 || got[16] != 5 {
		t.Errorf("dIn %v", got)
	}
}
