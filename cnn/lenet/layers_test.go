package lenet

import (
	"fmt"
	"math"
	"testing"
	"unsafe"

	"github.com/seecnn/lenet/cnn"
)

// The list of layers agrees with Layers, with Activations and with the
// lecture's shapes; every id names its own array of the activations.
func TestLayerIDs(t *testing.T) {
	want := []struct {
		name  string
		shape cnn.Shape
		kind  Kind
	}{
		{"Input", cnn.Shape{C: 1, H: 32, W: 32}, InputImage},
		{"C1", cnn.Shape{C: 6, H: 28, W: 28}, Conv},
		{"S2", cnn.Shape{C: 6, H: 14, W: 14}, Pool},
		{"C3", cnn.Shape{C: 16, H: 10, W: 10}, Conv},
		{"S4", cnn.Shape{C: 16, H: 5, W: 5}, Pool},
		{"C5", cnn.Shape{C: 120, H: 1, W: 1}, Conv},
		{"F6", cnn.Shape{C: 84, H: 1, W: 1}, FullyConnected},
		{"Output", cnn.Shape{C: 10, H: 1, W: 1}, FullyConnected},
	}
	if len(LayerIDs) != len(want) || len(Layers) != len(want)-1 {
		t.Fatalf("%d ids and %d layers", len(LayerIDs), len(Layers))
	}
	var a Activations
	for i, id := range LayerIDs {
		w := want[i]
		if int(id) != i || id.String() != w.name || id.Shape() != w.shape || id.Kind() != w.kind || LayerMeaning(id) == "" || !id.Valid() {
			t.Errorf("%d: %v %v %v %q", i, id, id.Shape(), id.Kind(), LayerMeaning(id))
		}
		if got, ok := LayerNamed(w.name); !ok || got != id {
			t.Errorf("LayerNamed(%q) = %v, %v", w.name, got, ok)
		}
		l, ok := LayerOf(id)
		if ok != (id != Input) || (ok && (l.Name != w.name || l.Out != w.shape)) {
			t.Errorf("LayerOf(%v) = %v, %v", id, l.Name, ok)
		}
		v := id.Values(&a)
		if len(v) != w.shape.Len() {
			t.Errorf("%v: %d values for %v", id, len(v), w.shape)
		}
		v[0] = float32(i + 1)
	}
	// Each id's values are the struct's own array, Output the logits.
	for _, c := range []struct {
		id  LayerID
		ptr *float32
	}{{Input, &a.Input[0]}, {C1, &a.C1[0]}, {S2, &a.S2[0]}, {C3, &a.C3[0]}, {S4, &a.S4[0]}, {C5, &a.C5[0]}, {F6, &a.F6[0]}, {Output, &a.Logits[0]}} {
		if unsafe.Pointer(&c.id.Values(&a)[0]) != unsafe.Pointer(c.ptr) || *c.ptr != float32(c.id+1) {
			t.Errorf("%v.Values is not its own field", c.id)
		}
	}
	for _, bad := range []LayerID{-1, 8, 100} {
		if bad.Valid() || bad.Values(&a) != nil || bad.Shape() != (cnn.Shape{}) || LayerMeaning(bad) != "" || bad.String() != fmt.Sprintf("LayerID(%d)", int(bad)) {
			t.Errorf("%d: %v %v", int(bad), bad, bad.Shape())
		}
		if _, ok := LayerOf(bad); ok {
			t.Errorf("%d has a Layer", int(bad))
		}
	}
	for _, bad := range []string{"", "c1", "Probs", "Logits", "S3"} {
		if _, ok := LayerNamed(bad); ok {
			t.Errorf("LayerNamed(%q) found a layer", bad)
		}
	}
	if InputImage.String() != "input" {
		t.Errorf("InputImage is %q", InputImage)
	}
}

// Every layer with parameters has them, sized as its Layer says.
func TestLayerWeights(t *testing.T) {
	n := New()
	total := 0
	for _, id := range LayerIDs {
		w, b, ok := n.LayerWeights(id)
		l, computes := LayerOf(id)
		if ok != (computes && l.Cost.Params() > 0) {
			t.Errorf("%v: LayerWeights ok %v", id, ok)
			continue
		}
		if ok && (int64(len(w)) != l.Cost.Weights || int64(len(b)) != l.Cost.Biases) {
			t.Errorf("%v: %d weights and %d biases, the layer has %d and %d", id, len(w), len(b), l.Cost.Weights, l.Cost.Biases)
		}
		total += len(w) + len(b)
	}
	if total != NumParams {
		t.Errorf("the layers' weights add up to %d parameters, not %d", total, NumParams)
	}
}

// After a forward pass Output holds the scores before softmax and Probs
// their softmax.
func TestOutputIsLogits(t *testing.T) {
	n := seededNet(3)
	x := make([]float32, InputLen)
	for i := range x {
		x[i] = float32(i%7) / 7
	}
	var a Activations
	n.Forward(x, &a)
	logits := Output.Values(&a)
	var sum float64
	for _, z := range logits {
		sum += math.Exp(float64(z))
	}
	for i, z := range logits {
		p := math.Exp(float64(z)) / sum
		if math.Abs(p-float64(a.Probs[i])) > 1e-5 {
			t.Errorf("class %d: softmax of Output %v, Probs %v", i, p, a.Probs[i])
		}
	}
	probs, _, _ := a.Layer("Probs")
	if &probs[0] != &a.Probs[0] {
		t.Error(`Layer("Probs") is not Activations.Probs`)
	}
}

func ExampleLayerID() {
	for _, id := range LayerIDs {
		fmt.Printf("%-6s %-9v %v\n", id, id.Shape(), id.Kind())
	}
	// Output:
	// Input  1×32×32   input
	// C1     6×28×28   convolution
	// S2     6×14×14   max pooling
	// C3     16×10×10  convolution
	// S4     16×5×5    max pooling
	// C5     120×1×1   convolution
	// F6     84×1×1    fully connected
	// Output 10×1×1    fully connected
}
