package netview

import (
	"fmt"
	"image"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
)

// Layer numbers the layers the demo shows, from the input up.
type Layer int

const (
	LInput Layer = iota // the 32×32 input
	LC1
	LS2
	LC3
	LS4
	LC5
	LF6
	LOut
	numLayers
)

// Name is the lecture's name of the layer: Input, C1 … F6, Output.
func (l Layer) Name() string {
	if l == LInput {
		return "Input"
	}
	if l > LInput && l < numLayers {
		return lenet.Layers[l-1].Name
	}
	return fmt.Sprintf("Layer(%d)", int(l))
}

// ParseLayer reads a layer name (case-insensitive: input, c1, s2 … f6,
// output).
func ParseLayer(s string) (Layer, bool) {
	for l := LInput; l < numLayers; l++ {
		if equalFold(l.Name(), s) {
			return l, true
		}
	}
	return 0, false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Shape is the layer's output shape.
func (l Layer) Shape() cnn.Shape {
	if l == LInput {
		return cnn.Shape{C: 1, H: 32, W: 32}
	}
	return lenet.Layers[l-1].Out
}

// Kind describes the layer in language lang: "convolution", "max pooling"…
func (l Layer) Kind(lang i18n.Lang) string {
	switch l {
	case LInput:
		return i18n.Input.In(lang)
	case LC1, LC3, LC5:
		return i18n.Convolution.In(lang)
	case LS2, LS4:
		return i18n.MaxPooling.In(lang)
	}
	return i18n.FullyConnected.In(lang)
}

// Values returns the layer's activations in a.
func (l Layer) Values(a *lenet.Activations) []float32 {
	switch l {
	case LInput:
		return a.Input[:]
	case LC1:
		return a.C1[:]
	case LS2:
		return a.S2[:]
	case LC3:
		return a.C3[:]
	case LS4:
		return a.S4[:]
	case LC5:
		return a.C5[:]
	case LF6:
		return a.F6[:]
	}
	return a.Probs[:]
}

// Unit is one value of one layer: channel C at row Y, column X (C is the
// unit's number in C5, F6 and Output).
type Unit struct {
	Layer   Layer
	C, Y, X int
}

// Valid reports whether u exists.
func (u Unit) Valid() bool {
	if u.Layer < LInput || u.Layer >= numLayers {
		return false
	}
	s := u.Layer.Shape()
	return u.C >= 0 && u.C < s.C && u.Y >= 0 && u.Y < s.H && u.X >= 0 && u.X < s.W
}

// Index is u's offset in the layer's values.
func (u Unit) Index() int {
	s := u.Layer.Shape()
	return (u.C*s.H+u.Y)*s.W + u.X
}

func (u Unit) String() string {
	s := u.Layer.Shape()
	if s.H == 1 && s.W == 1 {
		return fmt.Sprintf("%s[%d]", u.Layer.Name(), u.C)
	}
	return fmt.Sprintf("%s[%d](%d,%d)", u.Layer.Name(), u.C, u.Y, u.X)
}

// Region is a window on one layer: channels C0…C1-1, rows and columns Rect.
type Region struct {
	Layer  Layer
	C0, C1 int
	Rect   image.Rectangle
}

// Below is the part of the layer below that u reads: its window.
func Below(u Unit) Region {
	below := u.Layer - 1
	bs := below.Shape()
	all := Region{Layer: below, C0: 0, C1: bs.C, Rect: image.Rect(0, 0, bs.W, bs.H)}
	if u.Layer == LInput {
		return Region{Layer: LInput, C0: u.C, C1: u.C + 1, Rect: image.Rect(u.X, u.Y, u.X+1, u.Y+1)}
	}
	l := lenet.Layers[u.Layer-1]
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
	for l := u.Layer; l > LInput; l-- {
		ly := lenet.Layers[l-1]
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
