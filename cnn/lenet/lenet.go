// Package lenet is LeNet-5 as the lecture draws it, C-P-C-P-C-FC-FC:
//
//	input 1×32×32
//	C1  6 kernels 1×5×5, stride 1, no padding, ReLU   → 6×28×28
//	S2  max pooling 2×2, stride 2                     → 6×14×14
//	C3  16 kernels 6×5×5, stride 1, no padding, ReLU  → 16×10×10
//	S4  max pooling 2×2, stride 2                     → 16×5×5
//	C5  120 kernels 16×5×5, stride 1, no padding, ReLU → 120×1×1
//	F6  fully connected 120 → 84, ReLU
//	Output fully connected 84 → 10, then softmax
//
// with 61,706 parameters and 416,520 multiply-accumulates per image.
// Convolution weights are stored (out, in, kh, kw) and dense weights
// (out, in), as PyTorch and ONNX store them.
package lenet

import (
	"strconv"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Sizes of the network.
const (
	InputSide  = 32      // the network reads a 32×32 grey image
	InputLen   = 32 * 32 // values of the input
	NumClasses = 10      // digits 0–9
	NumParams  = 61706   // learned parameters
	NumMACs    = 416520  // multiply-accumulates per forward pass
	kernel     = 5       // every convolution is 5×5
	c1Len      = 6 * 28 * 28
	s2Len      = 6 * 14 * 14
	c3Len      = 16 * 10 * 10
	s4Len      = 16 * 5 * 5
	c5Len      = 120
	f6Len      = 84
)

// Kind is what a layer does.
type Kind int

const (
	Conv Kind = iota
	Pool
	FullyConnected
	InputImage // the input: nothing is computed (see LayerID)
)

func (k Kind) String() string {
	switch k {
	case Conv:
		return "convolution"
	case Pool:
		return "max pooling"
	case FullyConnected:
		return "fully connected"
	case InputImage:
		return "input"
	}
	return msg.Sprintf("Kind(%d)", int(k))
}

// Layer describes one layer of LeNet-5 and what it costs.
type Layer struct {
	Name    string // C1, S2, C3, S4, C5, F6, Output
	Kind    Kind
	In, Out cnn.Shape
	Kernel  int // window side (convolution and pooling)
	Stride  int
	Padding int
	Act     cnn.Activation // after the layer (Identity for pooling and Output)
	Cost    cnn.Cost
	// Formula is the parameter count written out as the lecture does:
	// "(1·5·5+1)·6 = 156".
	Formula string
}

// Layers is the architecture, computed from the cnn package's arithmetic.
var Layers = buildLayers()

func buildLayers() []Layer {
	var ls []Layer
	in := cnn.Shape{C: 1, H: 32, W: 32}
	conv := func(name string, k int, act cnn.Activation) {
		c, out, err := cnn.ConvCost(in, k, kernel, kernel, 0, 1, true)
		if err != nil {
			panic("lenet: " + err.Error())
		}
		ls = append(ls, Layer{Name: name, Kind: Conv, In: in, Out: out, Kernel: kernel, Stride: 1, Act: act, Cost: c,
			Formula: msg.Sprintf("(%d·%d·%d+1)·%d = %s", in.C, kernel, kernel, k, Thousands(c.Params()))})
		in = out
	}
	pool := func(name string) {
		c, out, err := cnn.PoolCost(in, 2, 2)
		if err != nil {
			panic("lenet: " + err.Error())
		}
		ls = append(ls, Layer{Name: name, Kind: Pool, In: in, Out: out, Kernel: 2, Stride: 2, Cost: c, Formula: "0"})
		in = out
	}
	dense := func(name string, n int, act cnn.Activation) {
		c := cnn.DenseCost(in.Len(), n, true)
		out := cnn.Shape{C: n, H: 1, W: 1}
		ls = append(ls, Layer{Name: name, Kind: FullyConnected, In: in, Out: out, Act: act, Cost: c,
			Formula: msg.Sprintf("(%d+1)·%d = %s", in.Len(), n, Thousands(c.Params()))})
		in = out
	}
	conv("C1", 6, cnn.ReLU)
	pool("S2")
	conv("C3", 16, cnn.ReLU)
	pool("S4")
	conv("C5", 120, cnn.ReLU)
	dense("F6", 84, cnn.ReLU)
	dense("Output", 10, cnn.Identity)
	return ls
}

// Totals sums the cost of the layers of the given kind, or of all layers
// for a negative kind.
func Totals(kind Kind) cnn.Cost {
	var t cnn.Cost
	for _, l := range Layers {
		if kind < 0 || l.Kind == kind {
			t = t.Add(l.Cost)
		}
	}
	return t
}

// Thousands formats n with commas every three digits: 61706 → "61,706".
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// Net holds LeNet-5's 61,706 parameters in one slice, layer after layer,
// each layer's weights then its biases, and named views into it.
type Net struct {
	Params []float32

	C1W, C1B   []float32 // (6, 1, 5, 5), 6
	C3W, C3B   []float32 // (16, 6, 5, 5), 16
	C5W, C5B   []float32 // (120, 16, 5, 5), 120
	F6W, F6B   []float32 // (84, 120), 84
	OutW, OutB []float32 // (10, 84), 10
}

// ParamShapes lists the shapes of the ten parameter tensors in the order
// they are stored in Net.Params and in the weights file.
var ParamShapes = [][]int{
	{6, 1, 5, 5}, {6},
	{16, 6, 5, 5}, {16},
	{120, 16, 5, 5}, {120},
	{84, 120}, {84},
	{10, 84}, {10},
}

// ParamNames names the tensors of ParamShapes.
var ParamNames = []string{"C1.weight", "C1.bias", "C3.weight", "C3.bias", "C5.weight", "C5.bias", "F6.weight", "F6.bias", "Output.weight", "Output.bias"}

// New returns a network with all parameters zero.
func New() *Net {
	n, _ := FromParams(make([]float32, NumParams))
	return n
}

// FromParams wraps p (NumParams values in the order of ParamShapes) without
// copying.
func FromParams(p []float32) (*Net, error) {
	if len(p) != NumParams {
		return nil, msg.Errorf("lenet: %d parameters given, LeNet-5 has %d", len(p), NumParams)
	}
	n := &Net{Params: p}
	views := []*[]float32{&n.C1W, &n.C1B, &n.C3W, &n.C3B, &n.C5W, &n.C5B, &n.F6W, &n.F6B, &n.OutW, &n.OutB}
	off := 0
	for i, s := range ParamShapes {
		size := 1
		for _, d := range s {
			size *= d
		}
		*views[i] = p[off : off+size : off+size]
		off += size
	}
	return n, nil
}

// Clone returns a deep copy of n.
func (n *Net) Clone() *Net {
	c, _ := FromParams(append([]float32(nil), n.Params...))
	return c
}

// Activations holds every layer's output for one image, after the layer's
// activation function. Feature maps are channel × height × width.
type Activations struct {
	Input  [InputLen]float32 // 1×32×32, the image the network saw
	C1     [c1Len]float32    // 6×28×28
	S2     [s2Len]float32    // 6×14×14
	C3     [c3Len]float32    // 16×10×10
	S4     [s4Len]float32    // 16×5×5
	C5     [c5Len]float32    // 120
	F6     [f6Len]float32    // 84
	Logits [NumClasses]float32
	Probs  [NumClasses]float32
}

// Label is the most probable class.
func (a *Activations) Label() int { return cnn.Argmax(a.Probs[:]) }

// Layer returns the values of the named layer (Input, C1 … F6, Output
// for the logits; see LayerID) or of "Probs" for the softmax, and their
// shape.
func (a *Activations) Layer(name string) ([]float32, cnn.Shape, bool) {
	if name == "Probs" {
		return a.Probs[:], Output.Shape(), true
	}
	id, ok := LayerNamed(name)
	if !ok {
		return nil, cnn.Shape{}, false
	}
	return id.Values(a), id.Shape(), true
}
