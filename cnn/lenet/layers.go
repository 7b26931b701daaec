package lenet

import (
	"strconv"

	"github.com/seecnn/lenet/cnn"
)

// LayerID names one of LeNet-5's eight layers, from the image it reads to
// its ten class scores. It is the one list of layers that the JavaScript
// API, the drawing demo and the lecture views share:
//
//	id      shape     kind             its values (the Activations field)
//	Input   1×32×32   input            the grey image the network reads, ink ≈ 1 on 0 (Input)
//	C1      6×28×28   convolution      6 feature maps: the input correlated with 6 kernels 1×5×5, plus a bias, then ReLU (C1)
//	S2      6×14×14   max pooling      C1's maps, the largest of every 2×2 window, stride 2 (S2)
//	C3      16×10×10  convolution      16 feature maps: S2 correlated with 16 kernels 6×5×5, plus a bias, then ReLU (C3)
//	S4      16×5×5    max pooling      C3's maps, the largest of every 2×2 window, stride 2 (S4)
//	C5      120×1×1   convolution      120 units: S4 correlated with 120 kernels 16×5×5, plus a bias, then ReLU (C5)
//	F6      84×1×1    fully connected  84 units: a weighted sum of C5's 120 plus a bias, then ReLU (F6)
//	Output  10×1×1    fully connected  the 10 class scores before softmax (the logits): a weighted sum of F6's 84 plus a bias (Logits)
//
// Output holds the scores, not the probabilities. The probabilities are
// their softmax, Activations.Probs, which is not a layer: where buffers are
// listed by name (Activations.Layer, the JavaScript API) it is called
// Probs, and a page that shows it says "probabilities".
//
// The computing layers, C1 to Output, are described in full (kernel,
// stride, activation, cost) by Layers, in the same order: LayerOf(id) is
// Layers[id-1].
//
// LayerOf and LayerMeaning are functions, not methods: the demo links
// text/template (through Ebiten), and with it every exported method of a
// type it uses stays in demo.wasm, with every type those methods return;
// as methods they would bring Layer's and cnn.Activation's methods along,
// about 4 KB after gzip.
type LayerID int

// LeNet-5's layers, in order.
const (
	Input LayerID = iota
	C1
	S2
	C3
	S4
	C5
	F6
	Output
)

// NumLayerIDs is the number of LayerIDs, Input to Output.
const NumLayerIDs = 8

// LayerIDs lists the layers in order.
var LayerIDs = [NumLayerIDs]LayerID{Input, C1, S2, C3, S4, C5, F6, Output}

var layerNames = [NumLayerIDs]string{"Input", "C1", "S2", "C3", "S4", "C5", "F6", "Output"}

var layerMeanings = [NumLayerIDs]string{
	"the grey image the network reads, ink near 1 on 0",
	"6 feature maps: the input correlated with 6 kernels 1×5×5, plus a bias, then ReLU",
	"C1's maps pooled: the largest value of every 2×2 window, stride 2",
	"16 feature maps: S2 correlated with 16 kernels 6×5×5, plus a bias, then ReLU",
	"C3's maps pooled: the largest value of every 2×2 window, stride 2",
	"120 units: S4 correlated with 120 kernels 16×5×5, plus a bias, then ReLU",
	"84 units: a weighted sum of C5's 120 units plus a bias, then ReLU",
	"the 10 class scores before softmax (the logits): a weighted sum of F6's 84 units plus a bias",
}

// Valid reports whether id is one of the eight layers.
func (id LayerID) Valid() bool { return id >= Input && id <= Output }

// String is the layer's name as the lecture writes it: Input, C1 … F6,
// Output.
func (id LayerID) String() string {
	if !id.Valid() {
		return "LayerID(" + strconv.Itoa(int(id)) + ")"
	}
	return layerNames[id]
}

// LayerNamed returns the layer called name (exactly: "C1", not "c1").
func LayerNamed(name string) (LayerID, bool) {
	for i, n := range layerNames {
		if n == name {
			return LayerID(i), true
		}
	}
	return 0, false
}

// Shape is the shape of the layer's values: 1×32×32 for Input, C×1×1 for
// the units of C5, F6 and Output.
func (id LayerID) Shape() cnn.Shape {
	if l, ok := LayerOf(id); ok {
		return l.Out
	}
	if id == Input {
		return cnn.Shape{C: 1, H: InputSide, W: InputSide}
	}
	return cnn.Shape{}
}

// Kind is what the layer does; InputImage for Input.
func (id LayerID) Kind() Kind {
	if l, ok := LayerOf(id); ok {
		return l.Kind
	}
	return InputImage
}

// LayerMeaning says in words what layer id's values are.
func LayerMeaning(id LayerID) string {
	if !id.Valid() {
		return ""
	}
	return layerMeanings[id]
}

// LayerOf is the description of the computing layer id, C1 to Output,
// from Layers; ok is false for Input.
func LayerOf(id LayerID) (l Layer, ok bool) {
	if id <= Input || id > Output {
		return Layer{}, false
	}
	return Layers[id-1], true
}

// Values returns the layer's values in a (not a copy): a.Input, a.C1 …
// a.F6, and a.Logits for Output. It returns nil for an invalid id.
func (id LayerID) Values(a *Activations) []float32 {
	switch id {
	case Input:
		return a.Input[:]
	case C1:
		return a.C1[:]
	case S2:
		return a.S2[:]
	case C3:
		return a.C3[:]
	case S4:
		return a.S4[:]
	case C5:
		return a.C5[:]
	case F6:
		return a.F6[:]
	case Output:
		return a.Logits[:]
	}
	return nil
}

// LayerWeights returns the weights and biases of the computing layer id,
// views into n.Params (convolution weights (out, in, kh, kw), dense
// weights (out, in)); ok is false for the layers without parameters,
// Input and the poolings.
func (n *Net) LayerWeights(id LayerID) (w, b []float32, ok bool) {
	switch id {
	case C1:
		return n.C1W, n.C1B, true
	case C3:
		return n.C3W, n.C3B, true
	case C5:
		return n.C5W, n.C5B, true
	case F6:
		return n.F6W, n.F6B, true
	case Output:
		return n.OutW, n.OutB, true
	}
	return nil, nil, false
}
