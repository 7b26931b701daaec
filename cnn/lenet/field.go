package lenet

import "image"

// Receptive fields (수용장). A window of side k moved with stride s reads,
// for the outputs a … b−1 along one axis, the inputs
//
//	a·s … (b−1)·s + k − 1
//
// and an input i is read by the outputs o with o·s ≤ i ≤ o·s + k − 1, that
// is ⌈(i − k + 1)/s⌉ ≤ o ≤ ⌊i/s⌋. Composing these from a layer down to the
// input gives a unit's receptive field; composing the second from the
// input up gives the footprint of a change to the input: the units whose
// value it can change. A fully connected layer reads all of its input.
//
// Rectangles are half-open, image.Rectangle's convention: Min.Y … Max.Y−1
// are the rows, Min.X … Max.X−1 the columns. A layer is named by its index
// in Layers (0 is C1, 6 is Output).

// LayerIndex returns the index in Layers of the layer named name (C1, S2,
// C3, S4, C5, F6, Output), or -1.
func LayerIndex(name string) int {
	for i, l := range Layers {
		if l.Name == name {
			return i
		}
	}
	return -1
}

// InputField returns the receptive field on the 32×32 input of the unit at
// row y, column x of Layers[layer] (any channel): every input pixel that
// can change the unit's value. C5, F6 and Output (whose units are at 0, 0)
// see the whole input. It returns the empty rectangle for a layer or a
// position that does not exist.
//
// C1's units see 5×5 pixels, S2's 6×6, C3's 14×14, S4's 16×16.
func InputField(layer, y, x int) image.Rectangle {
	if layer < 0 || layer >= len(Layers) {
		return image.Rectangle{}
	}
	if o := Layers[layer].Out; y < 0 || x < 0 || y >= o.H || x >= o.W {
		return image.Rectangle{}
	}
	r := image.Rect(x, y, x+1, y+1)
	for i := layer; i >= 0; i-- {
		l := Layers[i]
		if l.Kind == FullyConnected {
			return image.Rect(0, 0, InputSide, InputSide)
		}
		r = image.Rect(r.Min.X*l.Stride, r.Min.Y*l.Stride,
			(r.Max.X-1)*l.Stride+l.Kernel, (r.Max.Y-1)*l.Stride+l.Kernel)
	}
	return r
}

// Footprint returns the units of Layers[layer] (their rows and columns; in
// every channel) whose value can change when the input pixels in r change:
// those whose receptive field meets r. r is clipped to the 32×32 input; an
// empty r has an empty footprint, and so has a layer that does not exist.
func Footprint(layer int, r image.Rectangle) image.Rectangle {
	r = r.Intersect(image.Rect(0, 0, InputSide, InputSide))
	if layer < 0 || layer >= len(Layers) || r.Empty() {
		return image.Rectangle{}
	}
	for i := 0; i <= layer; i++ {
		l := Layers[i]
		if l.Kind == FullyConnected {
			r = image.Rect(0, 0, 1, 1)
			continue
		}
		r = image.Rectangle{
			Min: image.Pt(outFirst(r.Min.X, l.Kernel, l.Stride), outFirst(r.Min.Y, l.Kernel, l.Stride)),
			Max: image.Pt((r.Max.X-1)/l.Stride+1, (r.Max.Y-1)/l.Stride+1),
		}.Intersect(image.Rect(0, 0, l.Out.W, l.Out.H))
		if r.Empty() {
			return image.Rectangle{}
		}
	}
	return r
}

// outFirst is the first output whose window of side k and stride s reaches
// input i: ⌈(i − k + 1)/s⌉, and at least 0.
func outFirst(i, k, s int) int {
	n := i - k + 1
	if n <= 0 {
		return 0
	}
	return (n + s - 1) / s
}
