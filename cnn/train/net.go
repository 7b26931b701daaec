package train

import (
	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// The geometry of LeNet-5's convolutions and poolings. C5 reads the whole
// 16×5×5 map with 16×5×5 kernels, so it is a fully connected layer from
// 400 values to 120 and is computed as one: its weights, (120, 16, 5, 5),
// are exactly a (120, 400) matrix over the flattened map.
var (
	gC1 = mustConv(cnn.Shape{C: 1, H: 32, W: 32}, 6)
	gS2 = mustPool(gC1.Out)
	gC3 = mustConv(gS2.Out, 16)
	gS4 = mustPool(gC3.Out)
)

func mustConv(in cnn.Shape, n int) cnn.Geometry {
	g, err := cnn.ConvGeometry(in, &cnn.Kernels{N: n, C: in.C, H: 5, W: 5}, cnn.ConvOptions{Stride: 1})
	if err != nil {
		panic("train: " + err.Error())
	}
	return g
}

func mustPool(in cnn.Shape) cnn.Geometry {
	g, err := cnn.PoolGeometry(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
	if err != nil {
		panic("train: " + err.Error())
	}
	return g
}

const (
	lenC1 = 6 * 28 * 28
	lenS2 = 6 * 14 * 14
	lenC3 = 16 * 10 * 10
	lenS4 = 16 * 5 * 5
	lenC5 = 120
	lenF6 = 84
)

// pass holds one image's forward values and their gradients; every worker
// owns one and reuses it for every image, so training allocates nothing per
// image.
type pass struct {
	x      [lenet.InputLen]float32
	c1     [lenC1]float32
	s2     [lenS2]float32
	s2win  [lenS2]int32
	c3     [lenC3]float32
	s4     [lenS4]float32
	s4win  [lenS4]int32
	c5     [lenC5]float32
	f6     [lenF6]float32
	logits [lenet.NumClasses]float32

	dc1     [lenC1]float32
	ds2     [lenS2]float32
	dc3     [lenC3]float32
	ds4     [lenS4]float32
	dc5     [lenC5]float32
	df6     [lenF6]float32
	dlogits [lenet.NumClasses]float32
}

// forward runs net on p.x, keeping what backward needs, and returns the
// predicted class.
func (p *pass) forward(n *lenet.Net) int {
	cnn.Conv5(p.c1[:], p.x[:], n.C1W, n.C1B, 1, 32, 32, 6)
	cnn.ReLU.ApplyAll(p.c1[:])
	cnn.MaxPoolInto(p.s2[:], p.s2win[:], p.c1[:], gS2)
	cnn.Conv5(p.c3[:], p.s2[:], n.C3W, n.C3B, 6, 14, 14, 16)
	cnn.ReLU.ApplyAll(p.c3[:])
	cnn.MaxPoolInto(p.s4[:], p.s4win[:], p.c3[:], gS4)
	cnn.Dense(p.c5[:], p.s4[:], n.C5W, n.C5B)
	cnn.ReLU.ApplyAll(p.c5[:])
	cnn.Dense(p.f6[:], p.c5[:], n.F6W, n.F6B)
	cnn.ReLU.ApplyAll(p.f6[:])
	cnn.Dense(p.logits[:], p.f6[:], n.OutW, n.OutB)
	return cnn.Argmax(p.logits[:])
}

// backward adds the gradient of the cross-entropy loss for label to g (a
// network whose parameters are gradients) and returns the loss. It must
// follow forward on the same p and n.
func (p *pass) backward(n, g *lenet.Net, label int) float32 {
	loss := cnn.SoftmaxCrossEntropy(p.dlogits[:], p.logits[:], label)
	clear(p.df6[:])
	cnn.DenseBackward(p.df6[:], g.OutW, g.OutB, p.dlogits[:], p.f6[:], n.OutW)
	cnn.ReLU.Backward(p.df6[:], p.df6[:], p.f6[:])
	clear(p.dc5[:])
	cnn.DenseBackward(p.dc5[:], g.F6W, g.F6B, p.df6[:], p.c5[:], n.F6W)
	cnn.ReLU.Backward(p.dc5[:], p.dc5[:], p.c5[:])
	clear(p.ds4[:])
	cnn.DenseBackward(p.ds4[:], g.C5W, g.C5B, p.dc5[:], p.s4[:], n.C5W)
	clear(p.dc3[:])
	cnn.MaxPoolBackward(p.dc3[:], p.ds4[:], p.s4win[:])
	cnn.ReLU.Backward(p.dc3[:], p.dc3[:], p.c3[:])
	clear(p.ds2[:])
	cnn.Conv5Backward(p.ds2[:], g.C3W, g.C3B, p.dc3[:], p.s2[:], n.C3W, 6, 14, 14, 16)
	clear(p.dc1[:])
	cnn.MaxPoolBackward(p.dc1[:], p.ds2[:], p.s2win[:])
	cnn.ReLU.Backward(p.dc1[:], p.dc1[:], p.c1[:])
	cnn.Conv5Backward(nil, g.C1W, g.C1B, p.dc1[:], p.x[:], n.C1W, 1, 32, 32, 6)
	return loss
}
