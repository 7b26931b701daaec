package train

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// closeTo reports whether a and b agree within tol·(1 + |b|).
func closeTo(a, b float32, tol float64) bool {
	d := float64(a - b)
	if d < 0 {
		d = -d
	}
	m := float64(b)
	if m < 0 {
		m = -m
	}
	return d <= tol*(1+m)
}

// fastPass's gradient is pass's (itself checked against package cnn's
// general operations) for random and trained weights, on digits and on
// random blobs.
func TestFastPassMatchesPass(t *testing.T) {
	set := small(t)
	r := rand.New(rand.NewPCG(3, 9))
	for _, tc := range []struct {
		name string
		net  *lenet.Net
	}{{"random", Init(5)}, {"trained", trainedNet(t)}} {
		for k := range 6 {
			var x []float32
			label := r.IntN(10)
			if k < 3 {
				x = make([]float32, lenet.InputLen)
				set.PlainInput(x, 17*k)
				label = set.Label(17 * k)
			} else {
				x = randomInput(r)
			}
			slow, fast := new(pass), new(fastPass)
			copy(slow.x[:], x)
			copy(fast.x.Input[:], x)
			gs, gf := lenet.New(), lenet.New()
			if cs, cf := slow.forward(tc.net), fast.forward(tc.net); cs != cf {
				t.Fatalf("%s input %d: class %d, fast %d", tc.name, k, cs, cf)
			}
			ls, lf := slow.backward(tc.net, gs, label), fast.backward(tc.net, gf, label)
			if !closeTo(lf, ls, 1e-4) {
				t.Errorf("%s input %d: loss %v, fast %v", tc.name, k, ls, lf)
			}
			bad := 0
			for i := range gs.Params {
				if !closeTo(gf.Params[i], gs.Params[i], 1e-3) {
					if bad < 5 {
						t.Errorf("%s input %d: gradient of parameter %d = %v, fast %v", tc.name, k, i, gs.Params[i], gf.Params[i])
					}
					bad++
				}
			}
			if bad > 0 {
				t.Fatalf("%s input %d: %d gradients differ", tc.name, k, bad)
			}
		}
	}
}

// denseBack against cnn.DenseBackward, for the shapes of Output, F6 and C5
// and an odd one, with every count of outputs (blocks of 4 and the rest):
// the oracle sees the inputs with their non-positive values zeroed and the
// outputs without a gradient at 0.
func TestDenseBackMatchesCNN(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, sz := range [][2]int{{10, 84}, {84, 120}, {120, 400}, {3, 7}, {6, 5}} {
		nOut, nIn := sz[0], sz[1]
		w := randomSlice(r, nOut*nIn, false)
		x := randomSlice(r, nIn, true)
		dOut := randomSlice(r, nOut, true)
		var outs []outEntry
		var ins []inEntry
		for o, d := range dOut {
			if d != 0 {
				outs = append(outs, outEntry{uint32(o * nIn), d})
			}
		}
		xp := slices.Clone(x)
		for i, v := range x {
			if v > 0 {
				ins = append(ins, inEntry{uint32(i), v})
			}
			xp[i] = max(v, 0)
		}
		dW := randomSlice(r, nOut*nIn, false)
		wW := slices.Clone(dW)
		dIn := make([]float32, nIn)
		for i := range dIn {
			dIn[i] = 7 // must be overwritten where listed, kept elsewhere
		}
		clearAt(dIn, ins)
		wIn := make([]float32, nIn)
		denseBack(dW, dIn, w, outs, ins)
		cnn.DenseBackward(wIn, wW, nil, dOut, xp, w)
		for i := range dW {
			if !closeTo(dW[i], wW[i], 1e-5) {
				t.Fatalf("%v: dW[%d] = %v, cnn %v", sz, i, dW[i], wW[i])
			}
		}
		for i := range dIn {
			want := float32(7)
			if x[i] > 0 {
				want = wIn[i]
			}
			if !closeTo(dIn[i], want, 1e-5) {
				t.Fatalf("%v: dIn[%d] = %v, want %v", sz, i, dIn[i], want)
			}
		}
	}
	for _, bad := range []func(){
		func() { denseBack(make([]float32, 6), make([]float32, 3), make([]float32, 6), []outEntry{{4, 1}}, nil) },
		func() { denseBack(make([]float32, 6), make([]float32, 3), make([]float32, 6), nil, []inEntry{{3, 1}}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("an entry outside the layer was accepted")
				}
			}()
			bad()
		}()
	}
}

// The convolutions' backward kernels against cnn.Conv2DBackward, with the
// sparse output gradient written out densely: every window position of
// every channel, 25 (C3) or 196 (C1) entries at random places.
func TestConvGradsMatchCNN(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 1))
	g3 := mustConv(cnn.Shape{C: 6, H: 14, W: 14}, 16)
	g1 := mustConv(cnn.Shape{C: 1, H: 32, W: 32}, 6)
	for trial := range 3 {
		s2 := randomSlice(r, lenS2, true)
		w3 := randomSlice(r, 16*150, false)
		dOut := make([]float32, lenC3)
		var k3 [16]int
		var o3 [16][25]uint16
		var d3 [16][25]float32
		for n := range 16 {
			for y := range 5 {
				for x := range 5 {
					if r.IntN(4) == 0 {
						continue
					}
					oy, ox := 2*y+r.IntN(2), 2*x+r.IntN(2)
					d := float32(r.NormFloat64())
					dOut[n*100+oy*10+ox] = d
					o3[n][k3[n]], d3[n][k3[n]] = uint16(oy*14+ox), d
					k3[n]++
				}
			}
		}
		dW, ds2 := randomSlice(r, 16*150, false), make([]float32, lenS2)
		wW, wIn := slices.Clone(dW), make([]float32, lenS2)
		for n := range 16 {
			c3back((*[150]float32)(dW[n*150:]), (*[lenS2]float32)(ds2), (*[lenS2]float32)(s2), (*[150]float32)(w3[n*150:]), &o3[n], &d3[n], k3[n])
		}
		cnn.Conv2DBackward(wIn, wW, nil, dOut, s2, w3, g3)
		for i := range dW {
			if !closeTo(dW[i], wW[i], 1e-5) {
				t.Fatalf("trial %d: C3 dW[%d] = %v, cnn %v", trial, i, dW[i], wW[i])
			}
		}
		for i := range ds2 {
			if !closeTo(ds2[i], wIn[i], 1e-5) {
				t.Fatalf("trial %d: C3 dIn[%d] = %v, cnn %v", trial, i, ds2[i], wIn[i])
			}
		}

		x := randomSlice(r, lenet.InputLen, true)
		dOut1 := make([]float32, lenC1)
		var k1 [6]int
		var o1 [6][196]uint16
		var d1 [6][196]float32
		for n := range 6 {
			for y := range 14 {
				for xx := range 14 {
					if r.IntN(3) == 0 {
						continue
					}
					oy, ox := 2*y+r.IntN(2), 2*xx+r.IntN(2)
					d := float32(r.NormFloat64())
					dOut1[n*784+oy*28+ox] = d
					o1[n][k1[n]], d1[n][k1[n]] = uint16(oy*32+ox), d
					k1[n]++
				}
			}
		}
		dW1 := randomSlice(r, 150, false)
		wW1 := slices.Clone(dW1)
		for n := range 6 {
			c1back((*[25]float32)(dW1[n*25:]), (*[lenet.InputLen]float32)(x), &o1[n], &d1[n], k1[n])
		}
		cnn.Conv2DBackward(nil, wW1, nil, dOut1, x, make([]float32, 150), g1)
		for i := range dW1 {
			if !closeTo(dW1[i], wW1[i], 1e-5) {
				t.Fatalf("trial %d: C1 dW[%d] = %v, cnn %v", trial, i, dW1[i], wW1[i])
			}
		}
	}
}
