package cnn_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

// naiveDense is y = W·x + b by the definition, in float64.
func naiveDense(x, w, b []float32, n2 int) []float64 {
	n1 := len(x)
	y := make([]float64, n2)
	for o := range y {
		if b != nil {
			y[o] = float64(b[o])
		}
		for i := 0; i < n1; i++ {
			y[o] += float64(w[o*n1+i]) * float64(x[i])
		}
	}
	return y
}

func TestDenseLiteral(t *testing.T) {
	// Two outputs from three inputs:
	//   y0 = 1·1 + 2·2 + 3·3 + 10 = 24
	//   y1 = −1·1 + 0·2 + 1·3 − 10 = −8
	y := make([]float32, 2)
	cnn.Dense(y, []float32{1, 2, 3}, []float32{1, 2, 3, -1, 0, 1}, []float32{10, -10})
	equalExact(t, "dense", y, []float32{24, -8})
	cnn.Dense(y, []float32{1, 2, 3}, []float32{1, 2, 3, -1, 0, 1}, nil)
	equalExact(t, "dense without bias", y, []float32{14, 2})
}

func TestDenseAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n1 := range []int{1, 2, 3, 4, 5, 7, 8, 9, 84, 120, 400} {
		for _, n2 := range []int{1, 3, 10, 84} {
			for _, withBias := range []bool{false, true} {
				name := fmt.Sprintf("%d → %d, bias %v", n1, n2, withBias)
				// Whole numbers: every sum is exact, whatever its order.
				x, w := smallInts(r, n1), smallInts(r, n1*n2)
				var b []float32
				if withBias {
					b = smallInts(r, n2)
				}
				y := make([]float32, n2)
				for i := range y {
					y[i] = float32(math.NaN()) // must be overwritten
				}
				cnn.Dense(y, x, w, b)
				want := naiveDense(x, w, b, n2)
				for i := range want {
					if float64(y[i]) != want[i] {
						t.Fatalf("%s: y[%d] = %v, want %v", name, i, y[i], want[i])
					}
				}
				// Real values: equal up to float32 rounding.
				for i := range x {
					x[i] = r.Float32()
				}
				for i := range w {
					w[i] = r.Float32()*2 - 1
				}
				cnn.Dense(y, x, w, b)
				want = naiveDense(x, w, b, n2)
				for i := range want {
					if d := math.Abs(float64(y[i]) - want[i]); d > 1e-5*math.Max(1, math.Sqrt(float64(n1))) {
						t.Fatalf("%s, real values: y[%d] = %v, want %v", name, i, y[i], want[i])
					}
				}
			}
		}
	}
}

func TestDensePanicsOnWrongLengths(t *testing.T) {
	for name, f := range map[string]func(){
		"weights": func() { cnn.Dense(make([]float32, 2), make([]float32, 3), make([]float32, 5), nil) },
		"biases":  func() { cnn.Dense(make([]float32, 2), make([]float32, 3), make([]float32, 6), make([]float32, 3)) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "cnn: ") {
					t.Errorf("Dense with wrong %s: recovered %v", name, r)
				}
			}()
			f()
		}()
	}
}

func TestActivations(t *testing.T) {
	inputs := []float32{-1000, -30, -2, -0.5, 0, 0.25, 1, 3, 30, 1000}
	for _, tc := range []struct {
		a    cnn.Activation
		name string
		f    func(float64) float64
	}{
		{cnn.Identity, "identity", func(v float64) float64 { return v }},
		{cnn.ReLU, "ReLU", func(v float64) float64 { return math.Max(0, v) }},
		{cnn.Tanh, "tanh", math.Tanh},
		{cnn.Sigmoid, "sigmoid", func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }},
	} {
		if tc.a.String() != tc.name {
			t.Errorf("%d: String %q, want %q", int(tc.a), tc.a.String(), tc.name)
		}
		all := append([]float32(nil), inputs...)
		tc.a.ApplyAll(all)
		for i, v := range inputs {
			want := tc.f(float64(v))
			got := tc.a.Apply(v)
			if math.IsNaN(float64(got)) || math.Abs(float64(got)-want) > 1e-6*math.Max(1, math.Abs(want)) {
				t.Errorf("%s(%v) = %v, want %v", tc.name, v, got, want)
			}
			if all[i] != got {
				t.Errorf("%s: ApplyAll gives %v at %v, Apply %v", tc.name, all[i], v, got)
			}
		}
	}
	// Literal values a student can check.
	if cnn.ReLU.Apply(-3) != 0 || cnn.ReLU.Apply(3) != 3 || cnn.Sigmoid.Apply(0) != 0.5 || cnn.Tanh.Apply(0) != 0 {
		t.Error("ReLU(−3), ReLU(3), σ(0), tanh(0) are not 0, 3, 0.5, 0")
	}
	if s := cnn.Activation(9).String(); s != "Activation(9)" {
		t.Errorf("unknown activation: %q", s)
	}
}

func TestSoftmax(t *testing.T) {
	// ln 1, ln 2, ln 3, ln 4 give 1/10, 2/10, 3/10, 4/10.
	z := []float32{0, float32(math.Log(2)), float32(math.Log(3)), float32(math.Log(4))}
	p := make([]float32, 4)
	cnn.Softmax(p, z)
	equalClose(t, "softmax of ln 1..4", p, []float32{0.1, 0.2, 0.3, 0.4}, 1e-7)

	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{1, 2, 10, 100} {
		z := make([]float32, n)
		for i := range z {
			z[i] = r.Float32()*20 - 10
		}
		// The definition, exp(z_i)/Σ exp(z_j), is safe for |z| ≤ 10.
		var sum float64
		for _, v := range z {
			sum += math.Exp(float64(v))
		}
		p := make([]float32, n)
		cnn.Softmax(p, z)
		for i, v := range z {
			if want := math.Exp(float64(v)) / sum; math.Abs(float64(p[i])-want) > 1e-7 {
				t.Fatalf("n=%d: p[%d] = %v, want %v", n, i, p[i], want)
			}
		}
		// Adding a constant to every logit changes nothing: this is what
		// lets softmax take the maximum out and never overflow, though
		// exp(z + 1000) would. The expected values are computed from the
		// shifted float32 logits with the constant taken out in float64.
		for _, c := range []float32{1000, -1000, 30000} {
			zc := make([]float32, n)
			var sum float64
			for i := range z {
				zc[i] = z[i] + c
				sum += math.Exp(float64(zc[i]) - float64(c))
			}
			pc := make([]float32, n)
			cnn.Softmax(pc, zc)
			for i := range zc {
				if want := math.Exp(float64(zc[i])-float64(c)) / sum; math.Abs(float64(pc[i])-want) > 1e-7 {
					t.Fatalf("n=%d, logits + %v: p[%d] = %v, want %v", n, c, i, pc[i], want)
				}
			}
		}
	}

	// Huge logits: exp(1000) overflows, softmax must not.
	for _, tc := range []struct {
		z, want []float32
	}{
		{[]float32{1000, 1000}, []float32{0.5, 0.5}},
		{[]float32{1000, 0, -1000}, []float32{1, 0, 0}},
		{[]float32{math.MaxFloat32, -math.MaxFloat32}, []float32{1, 0}},
		{[]float32{-math.MaxFloat32, -math.MaxFloat32, -math.MaxFloat32, -math.MaxFloat32}, []float32{0.25, 0.25, 0.25, 0.25}},
		{[]float32{88, 89, 90}, []float32{0.09003057, 0.24472847, 0.66524096}},
		{[]float32{7}, []float32{1}},
	} {
		p := make([]float32, len(tc.z))
		cnn.Softmax(p, tc.z)
		equalClose(t, fmt.Sprint("softmax of ", tc.z), p, tc.want, 1e-7)
	}

	// Infinite logits are the limit of huge ones; NaN spreads to all.
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for _, tc := range []struct {
		z, want []float32
	}{
		{[]float32{inf, 0, -inf}, []float32{1, 0, 0}},
		{[]float32{1, inf, 2, inf}, []float32{0, 0.5, 0, 0.5}},
		{[]float32{-inf, -inf}, []float32{0.5, 0.5}},
		{[]float32{-inf, 0}, []float32{0, 1}},
	} {
		p := make([]float32, len(tc.z))
		cnn.Softmax(p, tc.z)
		equalExact(t, fmt.Sprint("softmax of ", tc.z), p, tc.want)
	}
	for _, z := range [][]float32{{nan, 1}, {1, nan}, {inf, nan}, {nan, -inf}} {
		p := make([]float32, len(z))
		cnn.Softmax(p, z)
		for _, v := range p {
			if !math.IsNaN(float64(v)) {
				t.Errorf("softmax of %v = %v, want all NaN", z, p)
				break
			}
		}
	}

	// In place.
	z = []float32{1, 2, 3}
	cnn.Softmax(z, z)
	equalClose(t, "in place", z, []float32{0.09003057, 0.24472847, 0.66524096}, 1e-7)

	cnn.Softmax(nil, nil) // empty: nothing to do, no panic
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "cnn: ") {
				t.Errorf("Softmax of 3 into 2: recovered %v", r)
			}
		}()
		cnn.Softmax(make([]float32, 2), make([]float32, 3))
	}()
}

func TestArgmax(t *testing.T) {
	for _, tc := range []struct {
		v    []float32
		want int
	}{
		{nil, -1},
		{[]float32{5}, 0},
		{[]float32{1, 3, 2}, 1},
		{[]float32{-3, -1, -2}, 1},
		{[]float32{2, 7, 7, 1}, 1}, // the first of a tie
		{[]float32{0, 0, 0, 9}, 3},
	} {
		if got := cnn.Argmax(tc.v); got != tc.want {
			t.Errorf("Argmax(%v) = %d, want %d", tc.v, got, tc.want)
		}
	}
}
