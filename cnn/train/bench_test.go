package train

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

// BenchmarkPass is one training image: forward, loss and backward.
func BenchmarkPass(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	net := Init(1)
	g := lenet.New()
	p := new(pass)
	copy(p.x[:], randomInput(r))
	b.ReportAllocs()
	for b.Loop() {
		p.forward(net)
		p.backward(net, g, 3)
	}
}

// BenchmarkSample is one augmented input of each kind, preprocessing
// included.
func BenchmarkSample(b *testing.B) {
	set := small(b)
	for _, tc := range []struct {
		name string
		aug  *Augmenter
	}{
		{"plain", &Augmenter{Set: set, Plain: 1}},
		{"jitter", &Augmenter{Set: set, Plain: 1, Jitter: 1}},
		{"warp", &Augmenter{Set: set, Warp: 1}},
		{"redraw", &Augmenter{Set: set, Redraw: Redrawer(Skeletons(set)), RedrawSide: 84}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			sm := tc.aug.NewSampler()
			var pcg rand.PCG
			r := rand.New(&pcg)
			x := make([]float32, lenet.InputLen)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				pcg.Seed(1, uint64(i))
				sm.Input(x, i%set.Len(), r)
				i++
			}
		})
	}
}

// BenchmarkFastPass is one training image through fastPass: lenet's
// Forward, the loss and the sparse backward pass.
func BenchmarkFastPass(b *testing.B) {
	set := small(b)
	for _, tc := range []struct {
		name string
		net  *lenet.Net
	}{{"random", Init(1)}, {"trained", trainedNet(b)}} {
		b.Run(tc.name, func(b *testing.B) {
			g := lenet.New()
			p := new(fastPass)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				set.PlainInput(p.x.Input[:], i%set.Len())
				p.forward(tc.net)
				p.backward(tc.net, g, set.Label(i%set.Len()))
				i++
			}
		})
	}
}

func trainedNet(tb testing.TB) *lenet.Net {
	w, err := lenet.Pretrained()
	if err != nil {
		tb.Fatal(err)
	}
	return w.Net.Clone()
}

// BenchmarkEngineStep is one step of an Engine on MNIST digits from random
// weights, for several batch sizes; images/s is what a page's training
// loop can reach on one thread (plain digits, no augmentation).
func BenchmarkEngineStep(b *testing.B) {
	set := small(b)
	for _, bs := range []int{16, 64, 256} {
		b.Run("batch="+strconv.Itoa(bs), func(b *testing.B) {
			e, err := NewEngine(Init(1), set, EngineConfig{Seed: 1, BatchSize: bs})
			if err != nil {
				b.Fatal(err)
			}
			for range 20 { // past the first steps' dense activity
				e.Step()
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				e.Step()
			}
			b.ReportMetric(float64(b.N*bs)/b.Elapsed().Seconds(), "images/s")
		})
	}
}
