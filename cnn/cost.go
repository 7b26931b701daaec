package cnn

import (
	"math"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Cost is what one layer costs for one input.
type Cost struct {
	// Weights is the number of learned weights, without biases.
	Weights int64
	// Biases is the number of learned biases: the lecture's "+1" per
	// kernel or output unit, counted only when the layer has a bias.
	Biases int64
	// MACs is the number of multiply-accumulates of one forward pass
	// (bias additions, activations and pooling are not counted).
	MACs int64
	// Connections is the number of edges between input and output units,
	// each bias counting as one more edge into its unit. Weight sharing
	// makes this far larger than Params for a convolution.
	Connections int64
}

// Params is Weights + Biases, the number of values training must learn.
func (c Cost) Params() int64 { return c.Weights + c.Biases }

// Add returns the sum of two costs.
func (c Cost) Add(d Cost) Cost {
	return Cost{c.Weights + d.Weights, c.Biases + d.Biases, c.MACs + d.MACs, c.Connections + d.Connections}
}

// ConvCost is the cost of k kernels of in.C×h×w applied to an input of shape
// in with padding p and stride s, with or without bias, and the output shape.
// Parameters: (C·h·w + 1)·k with bias, C·h·w·k without. MACs: every output
// value takes C·h·w multiplications (the lecture counts them even where the
// window covers padding). Connections: every output value has C·h·w inputs,
// plus one for the bias.
func ConvCost(in Shape, k, h, w, p, s int, bias bool) (Cost, Shape, error) {
	if k < 1 || k > MaxDim {
		return Cost{}, Shape{}, msg.Errorf("cnn: kernel count must be between 1 and %d, got %d", MaxDim, k)
	}
	if in.C < 1 || in.C > MaxDim {
		return Cost{}, Shape{}, msg.Errorf("cnn: input channels must be between 1 and %d, got %d", MaxDim, in.C)
	}
	oh, err := outputSize("height", in.H, h, p, s)
	if err != nil {
		return Cost{}, Shape{}, err
	}
	ow, err := outputSize("width", in.W, w, p, s)
	if err != nil {
		return Cost{}, Shape{}, err
	}
	out := Shape{k, oh, ow}
	fan := int64(in.C) * int64(h) * int64(w)
	units := int64(out.C) * int64(out.H) * int64(out.W)
	if units > math.MaxInt64/(fan+1) {
		return Cost{}, Shape{}, msg.Errorf("cnn: the cost of %d kernels of %d×%d×%d on %v does not fit in 64 bits", k, in.C, h, w, in)
	}
	c := Cost{Weights: fan * int64(k), MACs: units * fan, Connections: units * fan}
	if bias {
		c.Biases = int64(k)
		c.Connections += units
	}
	return c, out, nil
}

// DenseCost is the cost of a fully connected layer from n1 to n2 units:
// n1·n2 weights and edges, plus n2 biases and bias edges when it has a bias.
func DenseCost(n1, n2 int, bias bool) Cost {
	c := Cost{Weights: int64(n1) * int64(n2), MACs: int64(n1) * int64(n2), Connections: int64(n1) * int64(n2)}
	if bias {
		c.Biases = int64(n2)
		c.Connections += int64(n2)
	}
	return c
}

// PoolCost is the cost of pooling an input of shape in: no parameters and no
// multiplications; each output value is connected to its size×size window.
func PoolCost(in Shape, size, stride int) (Cost, Shape, error) {
	g, err := PoolGeometry(in, PoolOptions{Size: size, Stride: stride})
	if err != nil {
		return Cost{}, Shape{}, err
	}
	return Cost{Connections: int64(g.Out.Len()) * int64(size*size)}, g.Out, nil
}

// PartialEdges is the number of edges between two layers of n1 and n2 nodes
// when each node of the second is connected to h nodes of the first (a 1-D
// convolution with kernel size h): h·n2. A fully connected layer has
// FullEdges(n1, n2) = n1·n2.
func PartialEdges(h, n2 int) int64 { return int64(h) * int64(n2) }

// FullEdges is the number of edges of a fully connected layer, n1·n2.
func FullEdges(n1, n2 int) int64 { return int64(n1) * int64(n2) }

// SharedWeights is the number of weights of k′ kernels of h×h over a
// one-channel image: h·h·k′, however large the image, because every position
// shares them.
func SharedWeights(h, kPrime int) int64 { return int64(h) * int64(h) * int64(kPrime) }
