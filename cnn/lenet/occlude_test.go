package lenet

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// occludeTol is how far Cover's logits may be from a forward pass of the
// covered image: the same products summed in another order, so the layers
// differ in their last bits (Forward's Winograd C3 by up to about 5e-6 of
// max(1, |value|)). Measured: about 3e-6 of max(1, |logit|).
const occludeTol = 3e-5

// TestOccluderMatchesForward covers random rectangles of random inputs
// (sparse and dense, of both signs) and of a real digit, and compares the
// logits with Forward's on the covered image.
func TestOccluderMatchesForward(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2))
	net := shippedNet(t)
	inputs := map[string][]float32{"digit": digitInput(t), "dense": denseInput(t)}
	for _, blank := range []float32{0.6, 0.9} {
		x := make([]float32, InputLen)
		for i := range x {
			if r.Float32() >= blank {
				x[i] = r.Float32()*2 - 0.5
			}
		}
		inputs["random"+string(rune('0'+int(blank*10)))] = x
	}
	var o Occluder
	var a Activations
	var z [NumClasses]float32
	worst := 0.0
	for name, x := range inputs {
		o.Reset(net, x)
		net.Forward(x, &a)
		o.Logits(&z)
		check := func(what string, want *[NumClasses]float32) {
			for c := range z {
				d := math.Abs(float64(z[c] - want[c]))
				tol := occludeTol * max(1, math.Abs(float64(want[c])))
				if !(d <= tol) {
					t.Fatalf("%s, %s: logit %d is %v, Forward %v", name, what, c, z[c], want[c])
				}
				worst = max(worst, d/max(1, math.Abs(float64(want[c]))))
			}
		}
		check("uncovered", &a.Logits)
		y := make([]float32, InputLen)
		for range 60 {
			x0, y0 := r.IntN(36)-2, r.IntN(36)-2
			rect := image.Rect(x0, y0, x0+1+r.IntN(10), y0+1+r.IntN(10))
			copy(y, x)
			c := rect.Intersect(image.Rect(0, 0, InputSide, InputSide))
			for yy := c.Min.Y; yy < c.Max.Y; yy++ {
				clear(y[yy*InputSide+c.Min.X : yy*InputSide+c.Max.X])
			}
			net.Forward(y, &a)
			o.Cover(rect, &z)
			check("covering "+rect.String(), &a.Logits)
		}
	}
	t.Logf("largest difference from Forward: %.2g of max(1, |logit|)", worst)
}

// TestOccluderBackground: covering background alone gives the uncovered
// logits to the bit, and Reset forgets the previous image.
func TestOccluderBackground(t *testing.T) {
	net := shippedNet(t)
	x := digitInput(t)
	var o Occluder
	o.Reset(net, denseInput(t))
	o.Reset(net, x)
	var base, z [NumClasses]float32
	o.Logits(&base)
	for _, r := range []image.Rectangle{image.Rect(0, 0, 32, 3), image.Rect(0, 0, 0, 0), image.Rect(40, 40, 50, 50)} {
		o.Cover(r, &z)
		if z != base {
			t.Errorf("covering %v: %v, want the uncovered %v", r, z, base)
		}
	}
	var a Activations
	net.Forward(x, &a)
	for c := range base {
		if math.Abs(float64(base[c]-a.Logits[c])) > occludeTol*max(1, math.Abs(float64(a.Logits[c]))) {
			t.Fatalf("after two Resets: logits %v, Forward %v", base, a.Logits)
		}
	}
	if n := testing.AllocsPerRun(10, func() { o.Cover(image.Rect(10, 10, 14, 14), &z) }); n != 0 {
		t.Errorf("Cover allocates %v times", n)
	}
}
