package netview

import (
	"fmt"
	"image"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
)

// kindText is what a layer does, in language l: "convolution",
// "max pooling", "fully connected", or "input" for the input.
func kindText(id lenet.LayerID, l i18n.Lang) string {
	switch id.Kind() {
	case lenet.Conv:
		return i18n.Convolution.In(l)
	case lenet.Pool:
		return i18n.MaxPooling.In(l)
	case lenet.FullyConnected:
		return i18n.FullyConnected.In(l)
	}
	return i18n.Input.In(l)
}

// Unit is one value of one layer: channel C at row Y, column X (C is the
// unit's number in C5, F6 and Output, whose Y and X are 0).
type Unit struct {
	Layer   lenet.LayerID
	C, Y, X int
}

// Valid reports whether u exists.
func (u Unit) Valid() bool {
	if !u.Layer.Valid() {
		return false
	}
	s := u.Layer.Shape()
	return u.C >= 0 && u.C < s.C && u.Y >= 0 && u.Y < s.H && u.X >= 0 && u.X < s.W
}

// Index is u's offset in the layer's values: (C·H + Y)·W + X.
func (u Unit) Index() int {
	s := u.Layer.Shape()
	return (u.C*s.H+u.Y)*s.W + u.X
}

func (u Unit) String() string {
	s := u.Layer.Shape()
	if s.H == 1 && s.W == 1 {
		return fmt.Sprintf("%s[%d]", u.Layer.String(), u.C)
	}
	return fmt.Sprintf("%s[%d](%d,%d)", u.Layer.String(), u.C, u.Y, u.X)
}

// Region is a window on one layer: channels C0…C1-1, rows and columns Rect.
type Region struct {
	Layer  lenet.LayerID
	C0, C1 int
	Rect   image.Rectangle
}

// Below is the part of the layer below that u reads: its window. For the
// input, which reads nothing, it is u's own pixel.
func Below(u Unit) Region {
	l, ok := lenet.LayerOf(u.Layer)
	if !ok {
		return Region{Layer: lenet.Input, C0: u.C, C1: u.C + 1, Rect: image.Rect(u.X, u.Y, u.X+1, u.Y+1)}
	}
	below := u.Layer - 1
	bs := below.Shape()
	all := Region{Layer: below, C0: 0, C1: bs.C, Rect: image.Rect(0, 0, bs.W, bs.H)}
	switch l.Kind {
	case lenet.Conv:
		all.Rect = image.Rect(u.X*l.Stride, u.Y*l.Stride, u.X*l.Stride+l.Kernel, u.Y*l.Stride+l.Kernel)
		return all
	case lenet.Pool:
		return Region{Layer: below, C0: u.C, C1: u.C + 1,
			Rect: image.Rect(u.X*l.Stride, u.Y*l.Stride, u.X*l.Stride+l.Kernel, u.Y*l.Stride+l.Kernel)}
	}
	return all
}

// OnInput is u's receptive field (수용장) on the 32×32 input: every input
// pixel that can change u's value.
func OnInput(u Unit) image.Rectangle {
	r := image.Rect(u.X, u.Y, u.X+1, u.Y+1)
	for id := u.Layer; id > lenet.Input; id-- {
		ly, _ := lenet.LayerOf(id)
		switch ly.Kind {
		case lenet.Conv, lenet.Pool:
			r = image.Rect(r.Min.X*ly.Stride, r.Min.Y*ly.Stride, (r.Max.X-1)*ly.Stride+ly.Kernel, (r.Max.Y-1)*ly.Stride+ly.Kernel)
		default:
			s := ly.In
			r = image.Rect(0, 0, s.W, s.H)
		}
	}
	return r
}
