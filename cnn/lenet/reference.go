package lenet

import (
	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/internal/msg"
)

// ForwardReference computes the same as Forward with the general,
// allocating, checked operations of package cnn, one layer at a time. It is
// the slow but plainly correct version that Forward is tested against.
func (n *Net) ForwardReference(x []float32) (*Activations, error) {
	in, err := cnn.TensorFrom(1, 32, 32, append([]float32(nil), x...))
	if err != nil {
		return nil, msg.Wrap(err, "lenet: input: "+err.Error())
	}
	a := new(Activations)
	copy(a.Input[:], x)
	conv := func(in *cnn.Tensor, w, b []float32, k int) (*cnn.Tensor, error) {
		ks, err := cnn.KernelsFrom(k, in.C, kernel, kernel, w)
		if err != nil {
			return nil, err
		}
		out, err := cnn.Conv2D(in, ks, cnn.ConvOptions{Stride: 1, Bias: b})
		if err != nil {
			return nil, err
		}
		cnn.ReLU.ApplyAll(out.Data)
		return out, nil
	}
	pool := func(in *cnn.Tensor) (*cnn.Tensor, error) {
		out, _, err := cnn.Pool2D(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
		return out, err
	}
	c1, err := conv(in, n.C1W, n.C1B, 6)
	if err != nil {
		return nil, err
	}
	s2, err := pool(c1)
	if err != nil {
		return nil, err
	}
	c3, err := conv(s2, n.C3W, n.C3B, 16)
	if err != nil {
		return nil, err
	}
	s4, err := pool(c3)
	if err != nil {
		return nil, err
	}
	c5, err := conv(s4, n.C5W, n.C5B, 120)
	if err != nil {
		return nil, err
	}
	copy(a.C1[:], c1.Data)
	copy(a.S2[:], s2.Data)
	copy(a.C3[:], c3.Data)
	copy(a.S4[:], s4.Data)
	copy(a.C5[:], c5.Data)
	cnn.Dense(a.F6[:], a.C5[:], n.F6W, n.F6B)
	cnn.ReLU.ApplyAll(a.F6[:])
	cnn.Dense(a.Logits[:], a.F6[:], n.OutW, n.OutB)
	cnn.Softmax(a.Probs[:], a.Logits[:])
	return a, nil
}
