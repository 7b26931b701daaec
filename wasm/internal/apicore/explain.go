package apicore

import (
	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Method is an evidence map predict can return (its option explain).
type Method int32

const (
	Occlusion Method = 1 // how much covering each 4×4 patch lowers the class's score
	Gradient  Method = 2 // the gradient of the class's score with respect to the input
)

// ExplainPatch is the side of the patches an occlusion map covers, at
// stride 1.
const ExplainPatch = 4

// explainer holds what the maps need between calls (the occlusion holds
// about 130 KB, made on the first occlusion map).
type explainer struct {
	occ  *evidence.Occlusion
	grad evidence.Gradient
	m    [lenet.InputLen]float32
}

// Explain leaves in Result (1×32×32, over the network's input, row-major)
// the evidence for class target (0–9, or -1 for the predicted one) in the
// input of the last Predict, measured on the class's score before softmax
// (its logit, which does not saturate): with Occlusion, every pixel gets
// the mean drop of the score when the 4×4 patches (stride 1) that cover it
// are set to background; with Gradient, the score's derivative with
// respect to the pixel. Call it only after a Predict that returned OK.
func (c *Core) Explain(m Method, target int) error {
	if m != Occlusion && m != Gradient {
		return typeErr("predict: unknown evidence map %d", int(m))
	}
	if target < -1 || target >= lenet.NumClasses {
		return rangeErr("predict: options.target must be a digit 0–9, got %d", target)
	}
	if target < 0 {
		target = c.Label()
	}
	e := &c.ex
	var err error
	if m == Gradient {
		err = e.grad.Backward(c.Net, &c.Acts, target, evidence.Logit, e.m[:])
	} else {
		if e.occ == nil {
			e.occ = new(evidence.Occlusion)
		}
		if err = e.occ.Start(c.Net, c.Acts.Input[:], target, evidence.Options{Patch: ExplainPatch, Stride: 1, Score: evidence.Logit}); err == nil {
			e.occ.Run()
			err = e.occ.Map(e.m[:])
		}
	}
	if err != nil {
		return &Error{Status: Internal, Msg: "predict: " + err.Error()}
	}
	c.Result, c.ResultShape = e.m[:], cnn.Shape{C: 1, H: lenet.InputSide, W: lenet.InputSide}
	return nil
}
