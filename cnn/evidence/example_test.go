package evidence_test

import (
	"fmt"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
)

// A vertical bar reads as a 1. Covering 8×8 patches of it, one at a
// time, shows where the network's evidence for the 1 lies: the drop of
// the logit of "1" for each patch position (rows and columns of patches
// starting at input rows 2, 10, 18, 22), and of its probability, which
// is so close to 1 that only the middle of the bar moves it.
func ExampleOcclusion() {
	w, err := lenet.Pretrained()
	if err != nil {
		panic(err)
	}
	x := make([]float32, lenet.InputLen)
	for y := 6; y < 26; y++ {
		x[y*32+15], x[y*32+16] = 1, 1
	}
	var o evidence.Occlusion
	for _, s := range []evidence.Score{evidence.Logit, evidence.Probability} {
		if err := o.Start(w.Net, x, 1, evidence.Options{Patch: 8, Stride: 8, Score: s}); err != nil {
			panic(err)
		}
		o.Run()
		fmt.Printf("%v of 1: %.2f; drops:\n", s, o.Base())
		n, drops := o.Grid()
		for i := range n {
			for j := range n {
				fmt.Printf("%6.2f", drops[i*n+j])
			}
			fmt.Println()
		}
	}
	// Output:
	// logit of 1: 12.91; drops:
	//   0.00  3.92  0.00  0.00
	//   0.00  8.81  0.00  0.00
	//   0.00  5.82  0.00  0.00
	//   0.00  3.42  0.00  0.00
	// probability of 1: 1.00; drops:
	//   0.00  0.00  0.00  0.00
	//   0.00  0.17  0.00  0.00
	//   0.00  0.00  0.00  0.00
	//   0.00  0.00  0.00  0.00
}

// The gradient of the logit of "1" for the same bar: positive on the bar
// (more ink there would make it more of a 1), negative beside it (ink
// there would make it less of one); gradient × input, what each pixel's
// ink adds to first order, summed over the bar, comes close to the logit
// itself, the rest being the biases' share.
func ExampleGradient() {
	w, err := lenet.Pretrained()
	if err != nil {
		panic(err)
	}
	x := make([]float32, lenet.InputLen)
	for y := 6; y < 26; y++ {
		x[y*32+15], x[y*32+16] = 1, 1
	}
	var g evidence.Gradient
	grad := make([]float32, lenet.InputLen)
	if err := g.Compute(w.Net, x, 1, evidence.Logit, grad); err != nil {
		panic(err)
	}
	gx := make([]float32, lenet.InputLen)
	if err := evidence.TimesInput(gx, grad, x); err != nil {
		panic(err)
	}
	var sum float32
	for _, v := range gx {
		sum += v
	}
	fmt.Printf("logit of 1: %.1f; gradient × input summed: %.1f\n", g.Activations().Logits[1], sum)
	fmt.Printf("∂z/∂x at the bar's middle %.3f, beside it %.3f\n", grad[16*32+15], grad[16*32+12])
	// Output:
	// logit of 1: 12.9; gradient × input summed: 12.3
	// ∂z/∂x at the bar's middle 0.353, beside it -0.204
}
