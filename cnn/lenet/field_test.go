package lenet

import (
	"image"
	"math/rand/v2"
	"testing"
)

// fieldNet has positive weights and slightly negative biases (zero for
// Output): on a black
// input every unit is exactly zero, and one bright pixel makes exactly the
// units that read it positive, through ReLU and max pooling. (A zero that
// stays zero is exact even through Forward's Winograd C3, whose rounding
// is far smaller than the biases.)
func fieldNet(seed uint64) *Net {
	r := rand.New(rand.NewPCG(seed, 7))
	n := New()
	for i := range n.Params {
		n.Params[i] = 0.05 + 0.05*r.Float32()
	}
	for _, b := range [][]float32{n.C1B, n.C3B, n.C5B, n.F6B} {
		for i := range b {
			b[i] = -0.05
		}
	}
	clear(n.OutB) // Output has no ReLU
	return n
}

// TestInputFieldIsWhatChangesAUnit checks InputField and Footprint against
// the network itself: the pixels that light a unit are its field, and the
// units a pixel lights are the pixel's footprint.
func TestInputFieldIsWhatChangesAUnit(t *testing.T) {
	n := fieldNet(1)
	x := make([]float32, InputLen)
	var a Activations
	// lit[l][unit] is the set of pixels that lit the unit, as a bounding
	// box plus a count, which together pin down a full rectangle.
	type box struct {
		r     image.Rectangle
		count int
	}
	lit := make([][]box, len(Layers))
	for l, ly := range Layers {
		lit[l] = make([]box, ly.Out.Len())
	}
	for p := -1; p < InputLen; p++ {
		clear(x)
		if p >= 0 {
			x[p] = 1000
		}
		n.Forward(x, &a)
		px := image.Pt(p%InputSide, p/InputSide)
		pr := image.Rectangle{Min: px, Max: px.Add(image.Pt(1, 1))}
		for l, ly := range Layers {
			o := ly.Out
			v, _, _ := a.Layer(ly.Name)
			fp := Footprint(l, pr)
			for u, val := range v {
				on := val != 0
				if p < 0 {
					if on {
						t.Fatalf("%s unit %d is %v on a black input", ly.Name, u, val)
					}
					continue
				}
				pos := image.Pt(u%o.W, u/o.W%o.H)
				if on != pos.In(fp) {
					t.Fatalf("%s unit %d (row %d, col %d): lit by pixel %v is %v, but Footprint(%v) = %v",
						ly.Name, u, pos.Y, pos.X, px, on, px, fp)
				}
				if on {
					b := &lit[l][u]
					b.r = b.r.Union(pr)
					b.count++
				}
			}
		}
	}
	for l, ly := range Layers {
		o := ly.Out
		for u, b := range lit[l] {
			y, x := u/o.W%o.H, u%o.W
			f := InputField(l, y, x)
			if b.r != f || b.count != f.Dx()*f.Dy() {
				t.Fatalf("%s unit %d (row %d, col %d): lit by %d pixels in %v, InputField says %v",
					ly.Name, u, y, x, b.count, b.r, f)
			}
		}
	}
	for l, side := range []int{5, 6, 14, 16, 32, 32, 32} {
		if f := InputField(l, 0, 0); f.Dx() != side || f.Dy() != side {
			t.Errorf("%s: field %v, want %d×%d", Layers[l].Name, f, side, side)
		}
	}
}

// TestFootprintOfRectangles checks Footprint on random rectangles against
// its definition: the units whose field meets the rectangle.
func TestFootprintOfRectangles(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	for range 300 {
		x0, y0 := r.IntN(40)-4, r.IntN(40)-4
		rect := image.Rect(x0, y0, x0+r.IntN(12), y0+r.IntN(12))
		for l, ly := range Layers {
			fp := Footprint(l, rect)
			for y := range ly.Out.H {
				for x := range ly.Out.W {
					meets := InputField(l, y, x).Overlaps(rect)
					if meets != image.Pt(x, y).In(fp) {
						t.Fatalf("%s (%d, %d): field %v meets %v is %v, but Footprint = %v",
							ly.Name, y, x, InputField(l, y, x), rect, meets, fp)
					}
				}
			}
		}
	}
}

func TestFieldEdges(t *testing.T) {
	for _, tc := range []struct {
		layer, y, x int
	}{{-1, 0, 0}, {7, 0, 0}, {0, 28, 0}, {0, 0, -1}, {4, 1, 0}, {6, 0, 10}} {
		if f := InputField(tc.layer, tc.y, tc.x); !f.Empty() {
			t.Errorf("InputField(%d, %d, %d) = %v, want empty", tc.layer, tc.y, tc.x, f)
		}
	}
	if f := Footprint(7, image.Rect(0, 0, 1, 1)); !f.Empty() {
		t.Errorf("Footprint of layer 7 = %v", f)
	}
	if f := Footprint(2, image.Rect(40, 40, 50, 50)); !f.Empty() {
		t.Errorf("Footprint of a rectangle outside the input = %v", f)
	}
	// C3's unit (row 3, col 7) reads S2 rows 3–7, columns 7–11, so C1 rows
	// 6–15, columns 14–23, so input rows 6–19, columns 14–27.
	if f := InputField(2, 3, 7); f != image.Rect(14, 6, 28, 20) {
		t.Errorf("InputField(C3, 3, 7) = %v", f)
	}
	for name, want := range map[string]int{"C1": 0, "S4": 3, "Output": 6, "Probs": -1, "c1": -1} {
		if got := LayerIndex(name); got != want {
			t.Errorf("LayerIndex(%q) = %d, want %d", name, got, want)
		}
	}
}
