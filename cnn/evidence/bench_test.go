package evidence

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
)

// The benchmarks run on the first ten shipped samples (the digits 0–9),
// one after another, and report besides ns/op how many forward passes
// (lenet.Net.Forward on the same digits) the operation costs: the figure
// that carries over from this machine to a student's laptop and from
// native code to WebAssembly. It is measured apart from ns/op, in rounds
// that alternate the operation and forward passes, taking the fastest
// round of each, so that other work on a shared machine, which can only
// slow a round down, does not tilt the ratio.

func benchDigits(b *testing.B) [][]float32 {
	xs, _ := samples(b)
	return xs[:10]
}

// fastest returns the shortest time per call of f over rounds of n calls.
func fastest(rounds, n int, f func(i int)) float64 {
	best := math.Inf(1)
	for range rounds {
		t0 := time.Now()
		for i := range n {
			f(i)
		}
		best = min(best, float64(time.Since(t0).Nanoseconds())/float64(n))
	}
	return best
}

// loop runs f on the digits b.N times, after a warm-up, then measures its
// cost in forward passes.
func loop(b *testing.B, f func(x []float32, label int)) {
	xs := benchDigits(b)
	net := shipped(b)
	var a lenet.Activations
	fwd := func(i int) { net.Forward(xs[i%10], &a) }
	op := func(i int) { f(xs[i%10], i%10) }
	// Under WebAssembly V8 optimises a function only once it has proved
	// hot (see lenet's warmUp).
	for i := range 200 {
		fwd(i)
	}
	for i := range 20 {
		op(i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		op(i)
		i++
	}
	b.StopTimer()
	// 20 rounds of each, alternating, of about 2 ms.
	n := max(1, int(2e6/fastest(1, 10, op)))
	m := max(1, int(2e6/fastest(1, 10, fwd)))
	tf, to := math.Inf(1), math.Inf(1)
	for range 20 {
		tf = min(tf, fastest(1, m, fwd))
		to = min(to, fastest(1, n, op))
	}
	b.ReportMetric(to/tf, "forwards/op")
}

// BenchmarkForward is the unit of the other benchmarks: one forward pass.
func BenchmarkForward(b *testing.B) {
	net := shipped(b)
	var a lenet.Activations
	loop(b, func(x []float32, _ int) { net.Forward(x, &a) })
}

// BenchmarkOcclusion times a whole map (Start and Run) for the predicted
// class, by patch side and stride, and Start alone; the naive map for
// comparison (one forward pass per position).
func BenchmarkOcclusion(b *testing.B) {
	net := shipped(b)
	var o Occlusion
	b.Run("start", func(b *testing.B) {
		loop(b, func(x []float32, l int) {
			if err := o.Start(net, x, l, Options{}); err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, opt := range []Options{
		{Patch: 2, Stride: 2}, {Patch: 3, Stride: 1}, {Patch: 4, Stride: 1}, {Patch: 4, Stride: 2},
		{Patch: 6, Stride: 2}, {Patch: 8, Stride: 4}, {Patch: 4, Stride: 2, Score: Logit},
	} {
		name := "p" + strconv.Itoa(opt.Patch) + "s" + strconv.Itoa(opt.Stride)
		if opt.Score == Logit {
			name += "-logit"
		}
		b.Run(name, func(b *testing.B) {
			loop(b, func(x []float32, l int) {
				if err := o.Start(net, x, l, opt); err != nil {
					b.Fatal(err)
				}
				o.Run()
			})
			evals := 0
			for i, x := range benchDigits(b) {
				if err := o.Start(net, x, i, opt); err != nil {
					b.Fatal(err)
				}
				o.Run()
				_, _, e := o.Progress()
				evals += e
			}
			b.ReportMetric(float64(evals)/10, "patches/op")
		})
		if opt.Score == Probability && opt.Patch == 4 && opt.Stride == 2 {
			b.Run(name+"-naive", func(b *testing.B) {
				loop(b, func(x []float32, l int) {
					if _, _, err := OcclusionReference(net, x, l, opt); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// BenchmarkGradient is one gradient map: a forward and a backward pass
// (Compute), and the backward pass alone, from activations the caller has
// (Backward).
func BenchmarkGradient(b *testing.B) {
	net := shipped(b)
	var g Gradient
	dst := make([]float32, Len)
	for _, s := range []Score{Logit, Probability} {
		b.Run(s.String(), func(b *testing.B) {
			loop(b, func(x []float32, l int) {
				if err := g.Compute(net, x, l, s, dst); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	acts := make([]lenet.Activations, 10)
	for i, x := range benchDigits(b) {
		net.Forward(x, &acts[i])
	}
	b.Run("logit-backward", func(b *testing.B) {
		loop(b, func(_ []float32, l int) {
			if err := g.Backward(net, &acts[l], l, Logit, dst); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkExciters ranks the 100 shipped samples for every unit (an op
// is the whole set), and answers one question.
func BenchmarkExciters(b *testing.B) {
	net := shipped(b)
	set := samples28(b)
	b.Run("run100", func(b *testing.B) {
		loop(b, func([]float32, int) {
			e, err := NewExciters(net, set, 8)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.Run(); err != nil {
				b.Fatal(err)
			}
		})
	})
	e, _ := NewExciters(net, set, 8)
	if err := e.Run(); err != nil {
		b.Fatal(err)
	}
	var dst []Exciter
	b.Run("top", func(b *testing.B) {
		loop(b, func(_ []float32, l int) {
			dst, _ = e.Top(Unit{Layer: 2, C: l, Y: 4, X: 5}, dst[:0])
		})
	})
}
