package lenet

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomNet has He-uniform random weights and random biases of either
// sign, so that ReLU zeroes a good share of every layer.
func randomNet(rng *rand.Rand) *Net {
	n := New()
	fill := func(p []float32, fanIn int) {
		lim := math.Sqrt(6 / float64(fanIn))
		for i := range p {
			p[i] = float32((rng.Float64()*2 - 1) * lim)
		}
	}
	fill(n.C1W, 25)
	fill(n.C3W, 150)
	fill(n.C5W, 400)
	fill(n.F6W, 120)
	fill(n.OutW, 84)
	for _, b := range [][]float32{n.C1B, n.C3B, n.C5B, n.F6B, n.OutB} {
		for i := range b {
			b[i] = float32(rng.Float64()*0.2 - 0.1)
		}
	}
	return n
}

// testInputs are dense and sparse images: uniform noise, noise with
// negative values, a blank image, a single pixel in each corner, random
// strokes on black, and the MNIST digit.
func testInputs(t *testing.T, rng *rand.Rand) map[string][]float32 {
	ins := map[string][]float32{"digit": digitInput(t), "blank": make([]float32, InputLen)}
	dense := make([]float32, InputLen)
	signed := make([]float32, InputLen)
	for i := range dense {
		dense[i] = rng.Float32()
		signed[i] = rng.Float32()*2 - 1
	}
	ins["dense"], ins["signed"] = dense, signed
	for _, p := range [][2]int{{0, 0}, {0, 31}, {31, 0}, {31, 31}, {16, 5}} {
		x := make([]float32, InputLen)
		x[p[0]*32+p[1]] = 1
		ins[fmt.Sprintf("pixel%d,%d", p[0], p[1])] = x
	}
	for s := range 3 {
		x := make([]float32, InputLen)
		for range 6 + 4*s {
			y, c := rng.IntN(32), rng.IntN(32)
			for k := range 8 {
				if c+k < 32 {
					x[y*32+c+k] = rng.Float32()
				}
			}
		}
		ins[fmt.Sprintf("strokes%d", s)] = x
	}
	return ins
}

// fastTolerance is 1e-6 for the probabilities and 1e-5 for every other layer.
func fastTolerance(layer string) float64 {
	if layer == "Probs" {
		return 1e-6
	}
	return 1e-5
}

// TestForwardMatchesReference checks the fast path against the reference
// on random weights, layer by layer.
func TestForwardMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 4 {
		n := randomNet(rng)
		for name, x := range testInputs(t, rng) {
			var got Activations
			label := n.Forward(x, &got)
			want, err := n.ForwardReference(x)
			if err != nil {
				t.Fatal(err)
			}
			if m := layerMismatches(&got, want, fastTolerance); len(m) > 0 {
				t.Fatalf("net %d, input %s: %s", trial, name, m[0])
			}
			if label != want.Label() {
				t.Errorf("net %d, input %s: label %d, reference %d", trial, name, label, want.Label())
			}
		}
	}
}

// TestForwardSeesParamChanges checks that Forward uses the parameters as
// they are now: it keeps no stale copy of them.
func TestForwardSeesParamChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	n := randomNet(rng)
	x := digitInput(t)
	var a Activations
	n.Forward(x, &a)
	for i := range n.Params {
		n.Params[i] = float32(rng.Float64()*0.4 - 0.2)
	}
	n.Forward(x, &a)
	want, err := n.ForwardReference(x)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Probs {
		if d := math.Abs(float64(a.Probs[i] - want.Probs[i])); d > 1e-6 {
			t.Fatalf("after changing the parameters: probs[%d] = %v, reference %v", i, a.Probs[i], want.Probs[i])
		}
	}
}

// TestForwardAllocs checks that a forward pass allocates nothing.
func TestForwardAllocs(t *testing.T) {
	for _, nn := range benchNets {
		n := nn.net(t)
		for _, in := range benchInputs {
			x := in.input(t)
			var a Activations
			if allocs := testing.AllocsPerRun(20, func() { n.Forward(x, &a) }); allocs != 0 {
				t.Errorf("%s weights, %s input: %v allocations per forward pass, want 0", nn.name, in.name, allocs)
			}
		}
	}
}

// TestForwardBadNet checks that a Net whose views were not made by New or
// FromParams is refused with a clear message.
func TestForwardBadNet(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("Forward on a Net without parameters did not panic")
		}
	}()
	var a Activations
	(&Net{}).Forward(make([]float32, InputLen), &a)
}
