package train

import (
	"math/rand/v2"
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
