// Package cnn implements the building blocks of a convolutional neural
// network as taught in an undergraduate lecture: tensors, cross-correlation
// and true convolution with padding, stride and bias, max and average
// pooling, fully connected layers, activations, a numerically stable softmax,
// and the accounting of parameters, multiply-accumulates and connections.
//
// Everything works on flat []float32 buffers. A Tensor stores channel ×
// height × width values in that order (CHW, "channel-major, row-major"), the
// layout PyTorch and ONNX call NCHW for a batch of one. Kernels are stored as
// (count, channels, height, width), the (out, in, kh, kw) order of PyTorch's
// Conv2d weights.
//
// Functions that take user input (shapes, strides, padding) return errors;
// functions that only a programmer can misuse (a destination of the wrong
// length) panic with a "cnn:" prefix.
package cnn

import "github.com/seecnn/lenet/cnn/internal/msg"

// Shape is the size of a tensor: C channels of H rows and W columns.
type Shape struct {
	C, H, W int
}

// Len is the number of elements, C·H·W.
func (s Shape) Len() int { return s.C * s.H * s.W }

// String formats the shape as the lecture writes it: "6×28×28".
func (s Shape) String() string { return msg.Sprintf("%d×%d×%d", s.C, s.H, s.W) }

// Tensor is a C×H×W array of float32 in one flat slice.
//
// The element at channel c, row y and column x is
//
//	Data[(c*H + y)*W + x]
//
// (see Offset), so each channel is a row-major H×W image and the channels
// follow one another.
type Tensor struct {
	Shape
	Data []float32
}

// NewTensor returns a zeroed tensor of the given shape.
// It panics if a dimension is negative.
func NewTensor(c, h, w int) *Tensor {
	if c < 0 || h < 0 || w < 0 {
		panic(msg.Sprintf("cnn: negative tensor shape %d×%d×%d", c, h, w))
	}
	return &Tensor{Shape: Shape{c, h, w}, Data: make([]float32, c*h*w)}
}

// TensorFrom wraps data as a C×H×W tensor without copying. It returns an
// error if len(data) is not c·h·w or a dimension is not between 1 and MaxDim.
func TensorFrom(c, h, w int, data []float32) (*Tensor, error) {
	if c <= 0 || h <= 0 || w <= 0 {
		return nil, msg.Errorf("cnn: tensor shape %d×%d×%d must be positive", c, h, w)
	}
	if c > MaxDim || h > MaxDim || w > MaxDim {
		return nil, msg.Errorf("cnn: tensor shape %d×%d×%d is too large (at most %d per dimension)", c, h, w, MaxDim)
	}
	if len(data) != c*h*w {
		return nil, msg.Errorf("cnn: %d values do not fill a %d×%d×%d tensor (need %d)", len(data), c, h, w, c*h*w)
	}
	return &Tensor{Shape: Shape{c, h, w}, Data: data}, nil
}

// Offset returns the index in Data of the element at (c, y, x).
func (t *Tensor) Offset(c, y, x int) int { return (c*t.H+y)*t.W + x }

// At returns the element at (c, y, x).
func (t *Tensor) At(c, y, x int) float32 { return t.Data[t.Offset(c, y, x)] }

// Set stores v at (c, y, x).
func (t *Tensor) Set(c, y, x int, v float32) { t.Data[t.Offset(c, y, x)] = v }

// Channel returns channel c as a row-major H×W slice sharing t's storage.
func (t *Tensor) Channel(c int) []float32 {
	n := t.H * t.W
	return t.Data[c*n : (c+1)*n : (c+1)*n]
}

// Clone returns a deep copy of t.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: t.Shape, Data: append([]float32(nil), t.Data...)}
}
