package cnn

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestConv5MatchesGeneral checks Conv5 and Conv5Backward against the
// general Conv2DInto and Conv2DBackward (themselves checked against the
// definition and against central differences), with every gradient asked
// for and with some left out.
func TestConv5MatchesGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) <= 1e-4*(1+math.Abs(float64(b))) }
	sparse := func(n int) []float32 {
		s := randSlice(r, n)
		for i := range s {
			if r.IntN(3) != 0 {
				s[i] = 0
			}
		}
		return s
	}
	for _, tc := range []struct{ C, H, N int }{{1, 32, 6}, {6, 14, 16}, {2, 9, 3}, {3, 5, 2}} {
		g, err := ConvGeometry(Shape{C: tc.C, H: tc.H, W: tc.H}, &Kernels{N: tc.N, C: tc.C, H: 5, W: 5}, ConvOptions{Stride: 1})
		if err != nil {
			t.Fatal(err)
		}
		in := randSlice(r, g.In.Len())
		w := randSlice(r, tc.N*tc.C*25)
		b := randSlice(r, tc.N)
		got, want := make([]float32, g.Out.Len()), make([]float32, g.Out.Len())
		Conv5(got, in, w, b, tc.C, tc.H, tc.H, tc.N)
		Conv2DInto(want, in, w, b, g)
		for i := range got {
			if !near(got[i], want[i]) {
				t.Fatalf("%+v: Conv5 out[%d] = %v, Conv2DInto %v", tc, i, got[i], want[i])
			}
		}
		dOut := sparse(g.Out.Len())
		for _, ask := range []string{"dIn dW dB", "dIn", "dW dB"} {
			dIn, dW, dB := randSlice(r, len(in)), randSlice(r, len(w)), randSlice(r, tc.N)
			wIn, wW, wB := slices.Clone(dIn), slices.Clone(dW), slices.Clone(dB)
			pick := func(name string, s []float32) []float32 {
				if strings.Contains(ask, name) {
					return s
				}
				return nil
			}
			Conv5Backward(pick("dIn", dIn), pick("dW", dW), pick("dB", dB), dOut, in, w, tc.C, tc.H, tc.H, tc.N)
			Conv2DBackward(pick("dIn", wIn), pick("dW", wW), pick("dB", wB), dOut, in, w, g)
			for name, p := range map[string][2][]float32{"dIn": {dIn, wIn}, "dW": {dW, wW}, "dB": {dB, wB}} {
				for i := range p[0] {
					if !near(p[0][i], p[1][i]) {
						t.Fatalf("%+v, %s: Conv5Backward %s[%d] = %v, Conv2DBackward %v", tc, ask, name, i, p[0][i], p[1][i])
					}
				}
			}
		}
	}
}

func TestConv5Panics(t *testing.T) {
	for name, f := range map[string]func(){
		"Conv5 short dst": func() {
			Conv5(make([]float32, 3), make([]float32, 36), make([]float32, 25), make([]float32, 1), 1, 6, 6, 1)
		},
		"Conv5 too small": func() { Conv5(nil, make([]float32, 16), make([]float32, 25), make([]float32, 1), 1, 4, 4, 1) },
		"Conv5Backward long dW": func() {
			Conv5Backward(nil, make([]float32, 26), nil, make([]float32, 4), make([]float32, 36), make([]float32, 25), 1, 6, 6, 1)
		},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "cnn: Conv5") {
					t.Errorf("%s: recovered %v, want a cnn: Conv5 panic", name, r)
				}
			}()
			f()
		}()
	}
}
