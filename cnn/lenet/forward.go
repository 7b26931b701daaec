package lenet

import (
	"fmt"

	"github.com/seecnn/lenet/cnn"
)

// geometry of every convolution and pooling, resolved once.
var (
	gC1 = mustConv(cnn.Shape{C: 1, H: 32, W: 32}, 6)
	gS2 = mustPool(gC1.Out)
	gC3 = mustConv(gS2.Out, 16)
	gS4 = mustPool(gC3.Out)
	gC5 = mustConv(gS4.Out, 120)
)

func mustConv(in cnn.Shape, n int) cnn.Geometry {
	k := &cnn.Kernels{N: n, C: in.C, H: kernel, W: kernel}
	g, err := cnn.ConvGeometry(in, k, cnn.ConvOptions{Stride: 1})
	if err != nil {
		panic("lenet: " + err.Error())
	}
	return g
}

func mustPool(in cnn.Shape) cnn.Geometry {
	g, err := cnn.PoolGeometry(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
	if err != nil {
		panic("lenet: " + err.Error())
	}
	return g
}

// Forward runs the network on a 32×32 image x (row-major, values usually in
// 0..1, ink bright on a dark background), fills a with every layer's output
// and returns the most probable class. It allocates nothing.
// It panics if len(x) is not InputLen.
func (n *Net) Forward(x []float32, a *Activations) int {
	if len(x) != InputLen {
		panic(fmt.Sprintf("lenet: Forward needs %d input values, got %d", InputLen, len(x)))
	}
	copy(a.Input[:], x)
	cnn.Conv2DInto(a.C1[:], a.Input[:], n.C1W, n.C1B, gC1)
	cnn.ReLU.ApplyAll(a.C1[:])
	cnn.MaxPoolInto(a.S2[:], nil, a.C1[:], gS2)
	cnn.Conv2DInto(a.C3[:], a.S2[:], n.C3W, n.C3B, gC3)
	cnn.ReLU.ApplyAll(a.C3[:])
	cnn.MaxPoolInto(a.S4[:], nil, a.C3[:], gS4)
	cnn.Conv2DInto(a.C5[:], a.S4[:], n.C5W, n.C5B, gC5)
	cnn.ReLU.ApplyAll(a.C5[:])
	cnn.Dense(a.F6[:], a.C5[:], n.F6W, n.F6B)
	cnn.ReLU.ApplyAll(a.F6[:])
	cnn.Dense(a.Logits[:], a.F6[:], n.OutW, n.OutB)
	cnn.Softmax(a.Probs[:], a.Logits[:])
	return a.Label()
}
