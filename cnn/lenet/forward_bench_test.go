package lenet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// benchNet is the peers' fixture network (random, untrained weights), the
// same one the JavaScript peers time.
func benchNet(tb testing.TB) *Net {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "peers.weights"))
	if err != nil {
		tb.Fatal(err)
	}
	w, err := Decode(raw)
	if err != nil {
		tb.Fatal(err)
	}
	return w.Net
}

// denseInput is the peers' random input: every pixel non-zero.
func denseInput(tb testing.TB) []float32 {
	tb.Helper()
	var in struct {
		Data []float32 `json:"data"`
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "peers-input.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(raw, &in); err != nil || len(in.Data) != InputLen {
		tb.Fatalf("peers-input.json: %d values, %v", len(in.Data), err)
	}
	return in.Data
}

// digitInput is a real MNIST digit (test image 0, a 7) padded to 32×32, as
// the peers' --input digit: 116 of 1,024 pixels are ink.
func digitInput(tb testing.TB) []float32 {
	tb.Helper()
	var in struct {
		Pixels []uint8 `json:"pixels"`
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "peers-digit.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(raw, &in); err != nil || len(in.Pixels) != InputLen {
		tb.Fatalf("peers-digit.json: %d pixels, %v", len(in.Pixels), err)
	}
	x := make([]float32, InputLen)
	for i, p := range in.Pixels {
		x[i] = float32(float64(p) / 255)
	}
	return x
}

var benchInputs = []struct {
	name  string
	input func(testing.TB) []float32
}{{"dense", denseInput}, {"digit", digitInput}}

// shippedNet is the network with the shipped, trained weights, the one the
// demo and the JavaScript API run.
func shippedNet(tb testing.TB) *Net {
	tb.Helper()
	w, err := Pretrained()
	if err != nil {
		tb.Fatal(err)
	}
	return w.Net
}

// warmUp runs f for a while before the timing starts. Under WebAssembly, V8
// first runs a function as quickly compiled baseline code and replaces it
// with optimised code once it has proved hot, on a background thread; on a
// busy machine that can take long enough to slow down the first benchmark
// of a process several times over.
func warmUp(f func()) {
	for range 200 {
		f()
	}
}

var benchNets = []struct {
	name string
	net  func(testing.TB) *Net
}{{"shipped", shippedNet}, {"fixture", benchNet}}

// BenchmarkForward times one forward pass that fills every layer's
// activation (what the demo draws; Forward always does), with the fast path
// and with the reference that Forward is tested against, for the shipped
// weights and for the peers' random fixture weights.
func BenchmarkForward(b *testing.B) {
	for _, nn := range benchNets {
		n := nn.net(b)
		for _, in := range benchInputs {
			x := in.input(b)
			b.Run(nn.name+"/"+in.name+"/fast", func(b *testing.B) {
				b.ReportAllocs()
				var a Activations
				warmUp(func() { n.Forward(x, &a) })
				for b.Loop() {
					n.Forward(x, &a)
				}
			})
			b.Run(nn.name+"/"+in.name+"/naive", func(b *testing.B) {
				b.ReportAllocs()
				warmUp(func() { _, _ = n.ForwardReference(x) })
				for b.Loop() {
					if _, err := n.ForwardReference(x); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLayer times each layer of the fast path alone, with the shipped
// weights, on the activations that a forward pass of the input leaves.
func BenchmarkLayer(b *testing.B) {
	n := shippedNet(b)
	w := n.weights()
	for _, in := range benchInputs {
		var a Activations
		n.Forward(in.input(b), &a)
		var m1 [32]uint32
		inputMasks(&m1, &a.Input)
		var idx [512]uint16
		var val [512]float32
		var s3 c3Scratch
		layers := []struct {
			name string
			run  func()
		}{
			{"C1", func() { inputMasks(&m1, &a.Input); conv1(&a.C1, &a.Input, &m1, w.c1w, w.c1b) }},
			{"S2", func() { pool1(&a.S2, &a.C1) }},
			{"C3", func() { conv3(&a.C3, &a.S2, w.c3w, w.c3b, &s3) }},
			{"S4", func() { pool3(&a.S4, &a.C3) }},
			{"C5", func() { k := nonZero(&idx, &val, a.S4[:]); c5dense(&a.C5, &idx, &val, k, w.c5w, w.c5b) }},
			{"F6", func() { k := nonZero(&idx, &val, a.C5[:]); f6dense(&a.F6, &idx, &val, k, w.f6w, w.f6b) }},
			{"Output", func() { output(&a.Logits, &a.F6, w.outw, w.outb) }},
		}
		for _, l := range layers {
			b.Run(l.name+"/"+in.name, func(b *testing.B) {
				b.ReportAllocs()
				warmUp(l.run)
				for b.Loop() {
					l.run()
				}
			})
		}
	}
}
