package evidence

import (
	"errors"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Gradient computes the gradient of a class's score with respect to the
// 32×32 input: how fast the score would rise as each pixel brightens.
// Positive on the ink: more of that stroke would speak for the class;
// positive off the ink: ink there would. TimesInput weighs it by the
// input, gradient × input: what each pixel's ink contributes, to first
// order, and zero off the ink.
//
// The forward pass is lenet.Net.Forward; the backward pass is package
// cnn's backward functions (DenseBackward, MaxPoolBackwardIn,
// Conv5Backward, Activation.Backward), asked for the input gradients only:
//
//	∂z_t/∂x = C1ᵀ·ReLU′·S2ᵀ·C3ᵀ·ReLU′·S4ᵀ·C5ᵀ·ReLU′·F6ᵀ·ReLU′·Outputᵀ·e_t
//
// and for the probability p_t = softmax(z)_t the seed e_t becomes
// ∂p_t/∂z = p_t·(e_t − p). ReLU passes the gradient where its output is
// positive (a unit at exactly 0 passes nothing), and max pooling to the
// first largest value of each window in row order, as cnn.MaxPoolInto
// picks it (MaxPoolBackwardIn searches the windows whose gradient is not
// zero, since Forward keeps no winners). Where ReLU comes before pooling, only the winners pass a
// gradient, and a winner's value after ReLU is the pooled value, so ReLU's
// step is taken on the pooled layer (S2, S4), a quarter of the values. At a tie (blank windows of a C1 map whose bias is positive
// hold four equal values) the score has a kink, where no derivative
// exists; the map then follows the first winner's path.
//
// A Gradient holds about 50 KB of working memory; the zero value is ready.
// Compute costs one forward pass and a backward pass that skips the units
// whose gradient is zero.
type Gradient struct {
	act lenet.Activations
	dz  [lenet.NumClasses]float32
	df6 [f6Len]float32
	dc5 [c5Len]float32
	ds4 [s4Len]float32
	dc3 [c3Len]float32
	ds2 [s2Len]float32
	dc1 [c1Len]float32
}

// Compute runs net on x (32×32, as lenet.Net.Forward reads it) and writes
// into dst (32×32) the gradient of class target's score: dst[y*32+x] is
// ∂score/∂x[y*32+x], in score units per unit of pixel value.
func (g *Gradient) Compute(net *lenet.Net, x []float32, target int, score Score, dst []float32) error {
	if err := checkInput(x); err != nil {
		return err
	}
	if net == nil {
		return errors.New("evidence: no network")
	}
	if err := g.check(target, score, dst); err != nil {
		return err
	}
	net.Forward(x, &g.act)
	g.backward(net, &g.act, target, score, dst)
	return nil
}

// Backward is Compute for an input whose forward pass a caller already
// has: a must be what net.Forward left for it (the demo's current
// activations, say), and is not changed. It saves the forward pass.
func (g *Gradient) Backward(net *lenet.Net, a *lenet.Activations, target int, score Score, dst []float32) error {
	if net == nil || a == nil {
		return errors.New("evidence: Backward needs a network and its forward pass")
	}
	if err := g.check(target, score, dst); err != nil {
		return err
	}
	g.backward(net, a, target, score, dst)
	return nil
}

func (g *Gradient) check(target int, score Score, dst []float32) error {
	if err := checkTarget(target); err != nil {
		return err
	}
	if err := checkScore(score); err != nil {
		return err
	}
	if len(dst) != Len {
		return errGot("evidence: the gradient map must hold 32×32 = 1024 values, got ", len(dst))
	}
	return nil
}

func (g *Gradient) backward(net *lenet.Net, a *lenet.Activations, target int, score Score, dst []float32) {
	// The seed: ∂score/∂z.
	clear(g.dz[:])
	if score == Logit {
		g.dz[target] = 1
	} else {
		// p_t·(1 − p_t), with 1 − p_t as the sum of the others, which
		// keeps its precision when p_t is close to 1.
		pt := a.Probs[target]
		var rest float32
		for j, p := range a.Probs {
			if j != target {
				g.dz[j] = -pt * p
				rest += p
			}
		}
		g.dz[target] = pt * rest
	}
	clear(g.df6[:])
	cnn.DenseBackward(g.df6[:], nil, nil, g.dz[:], a.F6[:], net.OutW)
	cnn.ReLU.Backward(g.df6[:], g.df6[:], a.F6[:])
	clear(g.dc5[:])
	cnn.DenseBackward(g.dc5[:], nil, nil, g.df6[:], a.C5[:], net.F6W)
	cnn.ReLU.Backward(g.dc5[:], g.dc5[:], a.C5[:])
	clear(g.ds4[:])
	cnn.DenseBackward(g.ds4[:], nil, nil, g.dc5[:], a.S4[:], net.C5W) // C5 reads all of S4
	clear(g.dc3[:])
	cnn.ReLU.Backward(g.ds4[:], g.ds4[:], a.S4[:]) // C3's ReLU, at its winners (see above)
	cnn.MaxPoolBackwardIn(g.dc3[:], g.ds4[:], a.C3[:], gS4)
	clear(g.ds2[:])
	cnn.Conv5Backward(g.ds2[:], nil, nil, g.dc3[:], a.S2[:], net.C3W, 6, 14, 14, 16)
	clear(g.dc1[:])
	cnn.ReLU.Backward(g.ds2[:], g.ds2[:], a.S2[:]) // C1's ReLU, likewise
	cnn.MaxPoolBackwardIn(g.dc1[:], g.ds2[:], a.C1[:], gS2)
	clear(dst)
	cnn.Conv5Backward(dst, nil, nil, g.dc1[:], a.Input[:], net.C1W, 1, 32, 32, 6)
}

// Activations is the forward pass of the last Compute: every layer's
// values, the logits and the probabilities. (Backward does not change it.)
func (g *Gradient) Activations() *lenet.Activations { return &g.act }

// TimesInput writes gradient × input into dst: dst[i] = grad[i]·x[i]. All
// three hold 32×32 values; dst may be grad.
func TimesInput(dst, grad, x []float32) error {
	if len(dst) != Len || len(grad) != Len || len(x) != Len {
		return errors.New("evidence: gradient × input needs three maps of 32×32 values")
	}
	for i, v := range x {
		dst[i] = grad[i] * v
	}
	return nil
}
