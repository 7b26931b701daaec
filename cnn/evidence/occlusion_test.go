package evidence

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// occlusionTol is how far Occlusion's drops may be from
// OcclusionReference's: both are float32 sums of the same products in
// another order (and Forward's C3 is Winograd's), so they differ in the
// last bits of the layers' values. As a probability the drop may differ by
// 2e-5; as a logit by 2e-4 of max(1, |logit|).
func occlusionTol(s Score, base float32) float64 {
	if s == Logit {
		return 2e-4 * max(1, math.Abs(float64(base)))
	}
	return 2e-5
}

// TestOcclusionMatchesReference compares the incremental map with covering
// and re-running the whole network, on random inputs (sparse and dense,
// positive and of both signs) and real digits, for several patches and
// strides and both scores.
func TestOcclusionMatchesReference(t *testing.T) {
	net := shipped(t)
	r := rand.New(rand.NewPCG(15, 1))
	xs, labels := samples(t)
	type input struct {
		name   string
		x      []float32
		target int
	}
	inputs := []input{
		{"random sparse", randomInput(r, 0, 1, 0.7), 3},
		{"random dense", randomInput(r, 0, 1, 0), 8},
		{"random signed", randomInput(r, -1, 1, 0.3), 5},
	}
	for _, i := range []int{0, 7, 18, 44, 99} {
		inputs = append(inputs, input{"sample " + string(rune('0'+labels[i])), xs[i], labels[i]})
	}
	inputs = append(inputs, input{"sample 7 for class 1", xs[7], 1})
	opts := []Options{
		{Patch: 1, Stride: 1}, {Patch: 3, Stride: 1}, {Patch: 4}, {Patch: 5, Stride: 3},
		{Patch: 8, Stride: 4, Score: Logit}, {Patch: 4, Stride: 2, Score: Logit}, {Patch: 28}, {Patch: 14, Stride: 5},
	}
	var o Occlusion
	worst := map[Score]float64{}
	for k, in := range inputs {
		// Each input with half the settings, in turn.
		for j := range len(opts) / 2 {
			opt := opts[(2*k+j)%len(opts)]
			if err := o.Start(net, in.x, in.target, opt); err != nil {
				t.Fatal(err)
			}
			o.Run()
			n, got := o.Grid()
			rn, want, err := OcclusionReference(net, in.x, in.target, opt)
			if err != nil {
				t.Fatal(err)
			}
			if n != rn || len(got) != len(want) {
				t.Fatalf("%s %+v: %d positions, the reference %d", in.name, opt, n, rn)
			}
			tol := occlusionTol(opt.Score, o.Base())
			nonzero := 0
			for k := range got {
				d := math.Abs(float64(got[k] - want[k]))
				if !(d <= tol) {
					t.Fatalf("%s %+v: position (%d, %d) drops %v, the reference %v (|Δ| %.3g > %.3g)",
						in.name, opt, k/n, k%n, got[k], want[k], d, tol)
				}
				worst[opt.Score] = max(worst[opt.Score], d/tol)
				if want[k] != 0 {
					nonzero++
				}
			}
			if nonzero == 0 && opt.Score == Logit {
				t.Errorf("%s %+v: every drop is 0; the test would not see a wrong map", in.name, opt)
			}
		}
	}
	t.Logf("largest difference from the reference, as a share of the tolerance: probability %.3f, logit %.3f",
		worst[Probability], worst[Logit])
}

// TestOcclusionSteps checks the progressive evaluation: the first round
// leaves no pixel of the digit square without a value, a map made in small
// steps is the map made at once, and background patches cost nothing.
func TestOcclusionSteps(t *testing.T) {
	net := shipped(t)
	xs, labels := samples(t)
	x := xs[3]
	for _, opt := range []Options{{Patch: 4, Stride: 1}, {Patch: 6, Stride: 2}, {Patch: 5, Stride: 5}, {Patch: 3, Stride: 2}} {
		var all, steps Occlusion
		if err := all.Start(net, x, labels[3], opt); err != nil {
			t.Fatal(err)
		}
		all.Run()
		if err := steps.Start(net, x, labels[3], opt); err != nil {
			t.Fatal(err)
		}
		o := steps.Options()
		n := o.Positions()
		k := max(1, o.Patch/o.Stride)
		coarse := 0
		for i := range n {
			if i%k == 0 || i == n-1 {
				coarse++
			}
		}
		coarse *= coarse
		var pix [Len]float32
		for rounds := 0; !steps.Step(3); rounds++ {
			done, total, _ := steps.Progress()
			if total != n*n || rounds > total {
				t.Fatalf("%+v: progress %d of %d after %d steps", opt, done, total, rounds)
			}
			if done >= coarse {
				// Every pixel of the digit square is under an evaluated patch.
				_, g := steps.Grid()
				covered := coverage(g, o)
				for y := DigitMin; y < DigitMin+DigitSide; y++ {
					for c := DigitMin; c < DigitMin+DigitSide; c++ {
						if covered[y*Side+c] == 0 {
							t.Fatalf("%+v: after the first round (%d of %d positions), pixel (%d, %d) has no value", opt, done, total, y, c)
						}
					}
				}
			}
		}
		_, a := all.Grid()
		_, b := steps.Grid()
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Fatalf("%+v: position %d is %v in steps, %v at once", opt, i, b[i], a[i])
			}
		}
		_, total, evaluated := all.Progress()
		blank := 0
		for i := range n {
			for j := range n {
				y0, x0 := o.Start(i), o.Start(j)
				ink := false
				for y := y0; y < y0+o.Patch; y++ {
					for c := x0; c < x0+o.Patch; c++ {
						ink = ink || x[y*Side+c] != 0
					}
				}
				if !ink {
					blank++
					if a[i*n+j] != 0 {
						t.Errorf("%+v: the blank patch at (%d, %d) drops %v", opt, i, j, a[i*n+j])
					}
				}
			}
		}
		if evaluated != total-blank || blank == 0 {
			t.Errorf("%+v: %d of %d positions evaluated, %d are blank", opt, evaluated, total, blank)
		}
		if err := steps.Map(pix[:]); err != nil {
			t.Fatal(err)
		}
	}
}

// coverage counts, for every pixel, the evaluated patches over it.
func coverage(drops []float32, o Options) []int {
	n := o.Positions()
	c := make([]int, Len)
	for k, d := range drops {
		if d != d {
			continue
		}
		y0, x0 := o.Start(k/n), o.Start(k%n)
		for y := y0; y < y0+o.Patch; y++ {
			for x := x0; x < x0+o.Patch; x++ {
				c[y*Side+x]++
			}
		}
	}
	return c
}

// TestPixelMapByHand: patches of 2 at stride 1 put 27×27 positions on the
// digit square; a pixel inside is under four patches, a corner under one.
func TestPixelMapByHand(t *testing.T) {
	opt := Options{Patch: 2, Stride: 1}
	n := opt.Positions()
	if n != 27 || opt.Start(0) != 2 || opt.Start(26) != 28 {
		t.Fatalf("%d positions from %d to %d", n, opt.Start(0), opt.Start(n-1))
	}
	drops := make([]float32, n*n)
	for i := range drops {
		drops[i] = float32(math.NaN())
	}
	drops[0] = 4      // rows 2–3, columns 2–3
	drops[1] = 2      // rows 2–3, columns 3–4
	drops[n+1] = -1   // rows 3–4, columns 3–4
	drops[n*n-1] = 10 // rows 28–29, columns 28–29
	m := make([]float32, Len)
	if err := PixelMap(m, drops, opt); err != nil {
		t.Fatal(err)
	}
	want := map[[2]int]float32{
		{2, 2}: 4, {2, 3}: 3, {3, 2}: 4, {3, 3}: 5.0 / 3, {2, 4}: 2, {3, 4}: 0.5, {4, 3}: -1, {4, 4}: -1,
		{28, 28}: 10, {29, 29}: 10, {0, 0}: 0, {31, 31}: 0, {10, 10}: 0,
	}
	for p, w := range want {
		if got := m[p[0]*Side+p[1]]; math.Abs(float64(got-w)) > 1e-6 {
			t.Errorf("pixel (%d, %d) = %v, want %v", p[0], p[1], got, w)
		}
	}
	// Stride 3 with patch 5: positions 0, 3, … 21, then 23 to end on the edge.
	o := Options{Patch: 5, Stride: 3}
	if o.Positions() != 9 || o.Start(7) != 2+21 || o.Start(8) != 2+23 {
		t.Errorf("patch 5 stride 3: %d positions, the last two at %d and %d", o.Positions(), o.Start(7), o.Start(8))
	}
	if err := PixelMap(m[:10], drops, opt); err == nil {
		t.Error("PixelMap accepted a short map")
	}
}

func TestOcclusionErrors(t *testing.T) {
	net := shipped(t)
	x := make([]float32, Len)
	var o Occlusion
	for _, tc := range []struct {
		x      []float32
		target int
		opt    Options
		want   string
	}{
		{x[:100], 1, Options{}, "1024 values, got 100"},
		{x, 10, Options{}, "digit 0–9, got 10"},
		{x, -1, Options{}, "digit 0–9, got -1"},
		{x, 1, Options{Patch: 29}, "patch side must be 1–28"},
		{x, 1, Options{Patch: -2}, "patch side must be 1–28"},
		{x, 1, Options{Patch: 4, Stride: 5}, "stride must be 1 pixel to the patch side (so that patches leave no gap), got 5"},
		{x, 1, Options{Patch: 4, Stride: -1}, "stride must be 1 pixel to the patch side (so that patches leave no gap), got -1"},
		{x, 1, Options{Score: 7}, "Probability (0) or Logit (1), got 7"},
		{append(make([]float32, Len-1), float32(math.Inf(1))), 1, Options{}, "at pixel y·32+x = 1023"},
	} {
		err := o.Start(net, tc.x, tc.target, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Start(%d values, %d, %+v) = %v, want an error with %q", len(tc.x), tc.target, tc.opt, err, tc.want)
		}
		if _, _, err := OcclusionReference(net, tc.x, tc.target, tc.opt); err == nil {
			t.Errorf("OcclusionReference(%d values, %d, %+v) accepted it", len(tc.x), tc.target, tc.opt)
		}
	}
	if err := o.Start(nil, x, 1, Options{}); err == nil {
		t.Error("Start accepted no network")
	}
	// A blank input: every drop is exactly 0 and nothing is evaluated.
	if err := o.Start(net, x, 1, Options{Patch: 1, Stride: 1}); err != nil {
		t.Fatal(err)
	}
	if !o.Step(0) {
		t.Error("a blank input is not complete after Step(0)")
	}
	if _, total, ev := o.Progress(); ev != 0 || total != MaxPositions {
		t.Errorf("blank input: %d of %d positions evaluated", ev, total)
	}
}

func TestOcclusionAllocs(t *testing.T) {
	net := shipped(t)
	xs, labels := samples(t)
	var o Occlusion
	m := make([]float32, Len)
	run := func() {
		if err := o.Start(net, xs[5], labels[5], Options{Patch: 4, Stride: 2}); err != nil {
			t.Fatal(err)
		}
		o.Run()
		if err := o.Map(m); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if a := testing.AllocsPerRun(5, run); a != 0 {
		t.Errorf("a map allocates %v times", a)
	}
}
