package evidence

import (
	"math"
	"sort"
	"testing"
)

// The evidence for a digit's true class lies on its strokes: on every one
// of the 100 shipped samples, with the ink dilated by one pixel (inkRadius),
//
//   - the occlusion map (patch 4, stride 2, probability) puts at least 75 %
//     of its positive evidence on the mask, and is at least twice as dense
//     there as a map blind to the drawing (share/area ≥ 2);
//   - the gradient of the logit, which is also positive off the ink where
//     more ink would help, is still at least 1.4 times as dense on the mask
//     as a blind map, and 1.8 times in the median.
//
// Measured on the shipped weights: occlusion share ≥ 0.83 (median 0.98),
// share/area ≥ 2.7 (median 4.2); gradient share/area ≥ 1.67 (median 2.1).
// Gradient × input is zero off the ink by construction, so it is not
// measured this way.
const (
	inkRadius          = 1
	minOcclusionShare  = 0.75
	minOcclusionDense  = 2.0
	minGradientDense   = 1.4
	minGradientDenseMd = 1.8
)

func TestEvidenceOnTheInk(t *testing.T) {
	net := shipped(t)
	xs, labels := samples(t)
	var o Occlusion
	var g Gradient
	m := make([]float32, Len)
	var occShare, occDense, gradDense []float64
	for i, x := range xs {
		if err := o.Start(net, x, labels[i], Options{Patch: 4, Stride: 2}); err != nil {
			t.Fatal(err)
		}
		o.Run()
		if err := o.Map(m); err != nil {
			t.Fatal(err)
		}
		s, a, err := InkShare(m, x, inkRadius)
		if err != nil {
			t.Fatal(err)
		}
		if s < minOcclusionShare || s < minOcclusionDense*a {
			t.Errorf("sample %d (a %d): the occlusion map puts %.2f of its evidence on the ink, which takes %.2f of the input", i, labels[i], s, a)
		}
		occShare, occDense = append(occShare, s), append(occDense, s/a)
		if err := g.Compute(net, x, labels[i], Logit, m); err != nil {
			t.Fatal(err)
		}
		s, a, _ = InkShare(m, x, inkRadius)
		if s < minGradientDense*a {
			t.Errorf("sample %d (a %d): the gradient puts %.2f of its evidence on the ink, which takes %.2f of the input", i, labels[i], s, a)
		}
		gradDense = append(gradDense, s/a)
	}
	med := func(v []float64) float64 { sort.Float64s(v); return v[len(v)/2] }
	least := func(v []float64) float64 { sort.Float64s(v); return v[0] }
	t.Logf("occlusion: share on the ink least %.2f, median %.2f; share/area least %.2f, median %.2f", least(occShare), med(occShare), least(occDense), med(occDense))
	t.Logf("gradient: share/area least %.2f, median %.2f", least(gradDense), med(gradDense))
	if md := med(gradDense); md < minGradientDenseMd {
		t.Errorf("the gradient is %.2f times as dense on the ink as a blind map in the median, below %.1f", md, minGradientDenseMd)
	}
}

func TestInkShareByHand(t *testing.T) {
	x := make([]float32, Len)
	x[5*Side+5] = 1     // ink at (5, 5)
	x[20*Side+31] = 0.5 // ink at (20, 31), on the edge
	x[9*Side+9] = 0.05  // too faint to count
	m := make([]float32, Len)
	m[4*Side+6] = 3   // beside the ink: on the mask
	m[20*Side+30] = 1 // beside the other
	m[9*Side+9] = 4   // on the faint pixel: off the mask
	m[0] = -10        // negative: not counted
	share, area, err := InkShare(m, x, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(share-0.5) > 1e-12 || area != (9+6)/1024.0 {
		t.Errorf("share %v, area %v; want 0.5 and 15/1024", share, area)
	}
	if s, a, _ := InkShare(m, x, 0); s != 0 || a != 2/1024.0 {
		t.Errorf("radius 0: share %v, area %v", s, a)
	}
	if s, _, _ := InkShare(make([]float32, Len), x, 1); s != 0 {
		t.Errorf("an empty map has share %v", s)
	}
	for _, r := range []int{-1, 33} {
		if _, _, err := InkShare(m, x, r); err == nil {
			t.Errorf("radius %d accepted", r)
		}
	}
	if _, _, err := InkShare(m[:5], x, 1); err == nil {
		t.Error("a short map accepted")
	}
}
