package cnn_test

import (
	"errors"
	"fmt"

	"github.com/seecnn/lenet/cnn"
)

// printMaps prints every channel of a tensor as a grid of numbers.
func printMaps(t *cnn.Tensor) {
	for c := 0; c < t.C; c++ {
		for y := 0; y < t.H; y++ {
			for x := 0; x < t.W; x++ {
				if x > 0 {
					fmt.Print(" ")
				}
				fmt.Printf("%3g", t.At(c, y, x))
			}
			fmt.Println()
		}
		if c < t.C-1 {
			fmt.Println()
		}
	}
}

// A 3×3 correlation small enough to check by hand: the kernel lies on each
// 3×3 window of the 4×4 image in turn, and each output is the sum of the
// products of the values on top of each other. The top-left output is
//
//	1·1 + 2·0 + 3·0 + 5·0 + 6·1 + 7·0 + 9·0 + 10·0 + 11·(−1) = −4
//
// This kernel adds the window's centre to its top-left corner and subtracts
// its bottom-right one.
func ExampleConv2D() {
	img, _ := cnn.TensorFrom(1, 4, 4, []float32{
		1, 2, 3, 4,
		5, 6, 7, 8,
		9, 10, 11, 12,
		13, 14, 15, 16,
	})
	k, _ := cnn.KernelsFrom(1, 1, 3, 3, []float32{
		1, 0, 0,
		0, 1, 0,
		0, 0, -1,
	})
	out, err := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Shape, "→", out.Shape)
	printMaps(out)
	// Output:
	// 1×4×4 → 1×2×2
	//  -4  -3
	//   0   1
}

// Convolution flips the kernel bottom to top and right to left before it
// slides; correlation does not. A symmetric kernel cannot tell the
// difference, an asymmetric one such as Sobel can: on an image that grows
// brighter to the right, correlating with Sobel's x kernel measures +8 (right
// minus left), convolving measures −8.
func ExampleConvOptions_convolutionVsCorrelation() {
	img, _ := cnn.TensorFrom(1, 4, 4, []float32{
		1, 2, 3, 4,
		5, 6, 7, 8,
		9, 10, 11, 12,
		13, 14, 15, 16,
	})
	sobel, _ := cnn.KernelsFrom(1, 1, 3, 3, []float32{
		-1, 0, 1,
		-2, 0, 2,
		-1, 0, 1,
	})
	corr, _ := cnn.Conv2D(img, sobel, cnn.ConvOptions{Stride: 1, Mode: cnn.Correlation})
	conv, _ := cnn.Conv2D(img, sobel, cnn.ConvOptions{Stride: 1, Mode: cnn.Convolution})
	fmt.Println("correlation:", corr.Data)
	fmt.Println("convolution:", conv.Data)
	fmt.Println("flipped kernel:", sobel.Flipped().Data)
	// Output:
	// correlation: [8 8 8 8]
	// convolution: [-8 -8 -8 -8]
	// flipped kernel: [1 0 -1 2 0 -2 1 0 -1]
}

// The lecture's horizontal- and vertical-edge kernels on an image with a
// bright square in its lower right corner: the vertical-edge map lights up
// along the square's left side, the horizontal-edge map along its top.
func ExampleConv2D_edges() {
	img, _ := cnn.TensorFrom(1, 5, 5, []float32{
		0, 0, 0, 0, 0,
		0, 0, 0, 0, 0,
		0, 0, 1, 1, 1,
		0, 0, 1, 1, 1,
		0, 0, 1, 1, 1,
	})
	k, _ := cnn.KernelsFrom(2, 1, 3, 3, []float32{
		-1, 0, 1, // vertical edges: right minus left
		-1, 0, 1,
		-1, 0, 1,

		-1, -1, -1, // horizontal edges: bottom minus top
		0, 0, 0,
		1, 1, 1,
	})
	out, _ := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1})
	printMaps(out)
	// Output:
	//   1   1   0
	//   2   2   0
	//   3   3   0
	//
	//   1   2   3
	//   1   2   3
	//   0   0   0
}

// Padding keeps the size: a 3×3 kernel with "same" padding (one ring of
// zeros) maps 5×5 to 5×5, without padding to 3×3. Stride 2 halves it.
func ExampleSamePadding() {
	p, _ := cnn.SamePadding(3)
	same, _ := cnn.OutputSize(5, 3, p, 1)
	valid, _ := cnn.OutputSize(5, 3, 0, 1)
	strided, _ := cnn.OutputSize(5, 3, p, 2)
	fmt.Println("padding", p, "→", same, "; none →", valid, "; padding 1, stride 2 →", strided)
	_, err := cnn.SamePadding(4)
	fmt.Println(err)
	// Output:
	// padding 1 → 5 ; none → 3 ; padding 1, stride 2 → 3
	// cnn: "same" padding needs an odd kernel size, got 4
}

// The output size is ⌊(M + 2p − h)/s⌋ + 1. When (M + 2p − h) is not a
// multiple of s the windows do not tile the input; the floor would silently
// drop the last row, so OutputSize says so instead.
func ExampleOutputSize() {
	n, _ := cnn.OutputSize(32, 5, 0, 1)
	fmt.Println("LeNet's C1: (32 + 0 − 5)/1 + 1 =", n)
	n, _ = cnn.OutputSize(28, 2, 0, 2)
	fmt.Println("LeNet's S2: (28 + 0 − 2)/2 + 1 =", n)

	_, err := cnn.OutputSize(32, 5, 0, 2)
	var te *cnn.TilingError
	if errors.As(err, &te) {
		fmt.Println(te.Leftover, "left over:", err)
	}
	// Output:
	// LeNet's C1: (32 + 0 − 5)/1 + 1 = 28
	// LeNet's S2: (28 + 0 − 2)/2 + 1 = 14
	// 1 left over: cnn: along the side, a window of 5 with stride 2 does not tile the padded input: (M + 2p − h)/s = (32 + 2·0 − 5)/2 = 27/2 is not a whole number, so the last 1 row(s) or column(s) would be ignored
}

// Max pooling keeps each 2×2 window's largest value, average pooling its
// mean. Max pooling also says which input won, as an index into the input's
// data: the first of a tie, reading row by row.
func ExamplePool2D() {
	img, _ := cnn.TensorFrom(1, 4, 4, []float32{
		1, 3, 2, 2,
		4, 2, 0, 1,
		5, 6, 1, 2,
		7, 8, 3, 4,
	})
	mx, winners, _ := cnn.Pool2D(img, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
	avg, _, _ := cnn.Pool2D(img, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.AvgPool})
	fmt.Println("max:")
	printMaps(mx)
	fmt.Println("winners:", winners)
	fmt.Println("average:")
	printMaps(avg)
	// Output:
	// max:
	//   4   2
	//   8   4
	// winners: [4 2 13 15]
	// average:
	// 2.5 1.25
	// 6.5 2.5
}

// One 3×3 kernel on a 512×512 RGB image with same padding: 512·512 outputs,
// each 3·3·3 multiplications.
func ExampleConvCost() {
	p, _ := cnn.SamePadding(3)
	c, out, _ := cnn.ConvCost(cnn.Shape{C: 3, H: 512, W: 512}, 1, 3, 3, p, 1, false)
	fmt.Println("output:", out)
	fmt.Println("multiplications:", c.MACs)
	fmt.Println("parameters:", c.Params())
	// Output:
	// output: 1×512×512
	// multiplications: 7077888
	// parameters: 27
}

// Partial connectivity and weight sharing: between two layers of n1 = n2 =
// 256·256 nodes, a fully connected layer has n1·n2 edges, each with its own
// weight. A 3×3 convolution connects each output to h = 9 inputs (h·n2
// edges), and all those edges share the same 9 weights.
func ExampleSharedWeights() {
	n := 256 * 256
	fmt.Println("fully connected edges = weights:", cnn.FullEdges(n, n))
	fmt.Println("3×3 convolution edges:", cnn.PartialEdges(3*3, n))
	fmt.Println("3×3 convolution weights:", cnn.SharedWeights(3, 1))
	fmt.Println("64 kernels of 3×3:", cnn.SharedWeights(3, 64))
	// Output:
	// fully connected edges = weights: 4294967296
	// 3×3 convolution edges: 589824
	// 3×3 convolution weights: 9
	// 64 kernels of 3×3: 576
}

// Softmax turns scores into probabilities. It subtracts the largest score
// first, so scores of 1,000 do not overflow exp.
func ExampleSoftmax() {
	p := make([]float32, 3)
	cnn.Softmax(p, []float32{1, 2, 3})
	fmt.Printf("%.4f\n", p)
	cnn.Softmax(p, []float32{1001, 1002, 1003})
	fmt.Printf("%.4f\n", p)
	fmt.Println("most probable:", cnn.Argmax(p))
	// Output:
	// [0.0900 0.2447 0.6652]
	// [0.0900 0.2447 0.6652]
	// most probable: 2
}
