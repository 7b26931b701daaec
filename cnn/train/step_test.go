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

// denseOracle is cnn.DenseBackward restricted as denseBackward is: the
// input gradient of the listed inputs only, the others left alone.
func TestDenseBackwardMatchesCNN(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, sz := range [][2]int{{120, 400}, {84, 120}, {3, 7}} {
		nOut, nIn := sz[0], sz[1]
		w := randomSlice(r, nOut*nIn, false)
		x := randomSlice(r, nIn, true)
		dOut := randomSlice(r, nOut, true)
		var outs, ins []uint16
		var xv []float32
		for o := range nOut {
			if r.IntN(3) != 0 {
				outs = append(outs, uint16(o))
			} else {
				dOut[o] = 0 // outputs not listed have no gradient
			}
		}
		for i, v := range x {
			if v > 0 {
				ins = append(ins, uint16(i))
				xv = append(xv, v)
			}
		}
		// the oracle sees x with its non-positive values zeroed
		xp := slices.Clone(x)
		for i := range xp {
			xp[i] = max(xp[i], 0)
		}
		dW, dB := randomSlice(r, nOut*nIn, false), randomSlice(r, nOut, false)
		wW, wB := slices.Clone(dW), slices.Clone(dB)
		dIn := make([]float32, nIn)
		for i := range dIn {
			dIn[i] = 7 // must be overwritten where listed, kept elsewhere
		}
		wIn := make([]float32, nIn)
		denseBackward(dW, dB, dIn, dOut, outs, ins, xv, w, nIn)
		cnn.DenseBackward(wIn, wW, wB, dOut, xp, w)
		for i := range dW {
			if !closeTo(dW[i], wW[i], 1e-5) {
				t.Fatalf("%v: dW[%d] = %v, cnn %v", sz, i, dW[i], wW[i])
			}
		}
		for i := range dB {
			if !closeTo(dB[i], wB[i], 1e-5) {
				t.Fatalf("%v: dB[%d] = %v, cnn %v", sz, i, dB[i], wB[i])
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
			c3WeightGrad((*[150]float32)(dW[n*150:]), (*[lenS2]float32)(s2), &o3[n], &d3[n], k3[n])
			c3InputGrad((*[lenS2]float32)(ds2), (*[150]float32)(w3[n*150:]), &o3[n], &d3[n], k3[n])
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
			c1WeightGrad((*[25]float32)(dW1[n*25:]), (*[lenet.InputLen]float32)(x), &o1[n], &d1[n], k1[n])
		}
		cnn.Conv2DBackward(nil, wW1, nil, dOut1, x, make([]float32, 150), g1)
		for i := range dW1 {
			if !closeTo(dW1[i], wW1[i], 1e-5) {
				t.Fatalf("trial %d: C1 dW[%d] = %v, cnn %v", trial, i, dW1[i], wW1[i])
			}
		}
	}
}

func TestOutputBackwardMatchesCNN(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 8))
	f6 := randomSlice(r, lenF6, true)
	w := randomSlice(r, 10*lenF6, false)
	dz := randomSlice(r, 10, false)
	var pos []uint16
	fp := slices.Clone(f6)
	for i, v := range f6 {
		if v > 0 {
			pos = append(pos, uint16(i))
		}
		fp[i] = max(v, 0)
	}
	dW, dB := randomSlice(r, 10*lenF6, false), randomSlice(r, 10, false)
	wW, wB := slices.Clone(dW), slices.Clone(dB)
	df6, wf6 := make([]float32, lenF6), make([]float32, lenF6)
	outputBackward(dW, dB, df6, dz, fp, w, pos)
	cnn.DenseBackward(wf6, wW, wB, dz, fp, w)
	for i := range dW {
		if !closeTo(dW[i], wW[i], 1e-5) {
			t.Fatalf("dW[%d] = %v, cnn %v", i, dW[i], wW[i])
		}
	}
	for i := range dB {
		if !closeTo(dB[i], wB[i], 1e-5) {
			t.Fatalf("dB[%d] = %v, cnn %v", i, dB[i], wB[i])
		}
	}
	for _, i := range pos {
		if !closeTo(df6[i], wf6[i], 1e-5) {
			t.Fatalf("df6[%d] = %v, cnn %v", i, df6[i], wf6[i])
		}
	}
}
