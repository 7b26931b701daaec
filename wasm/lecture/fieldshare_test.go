package lecture

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// fieldShareSlow is FieldShare the plain way: every pixel asks the span
// whether it holds it.
func fieldShareSlow(g Grid, f Span) (share, area float64) {
	var in, all float64
	n := 0
	for y := range g.H {
		for x := range g.W {
			v := float64(g.Pix[y*g.W+x])
			if f.Contains(y, x) {
				n++
				if v > 0 {
					in += v
				}
			}
			if v > 0 {
				all += v
			}
		}
	}
	if all > 0 {
		share = in / all
	}
	return share, float64(n) / float64(g.W*g.H)
}

func TestFieldShareMatchesSlow(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 5))
	for i := range 500 {
		g := Grid{W: 32, H: 32, Pix: make([]float32, 32*32)}
		zeros := r.Float64() // some maps mostly zero, some mostly positive
		for j := range g.Pix {
			if r.Float64() > zeros {
				g.Pix[j] = float32(r.NormFloat64())
			}
		}
		y0, x0 := r.IntN(40)-4, r.IntN(40)-4
		f := Span{Y0: y0, X0: x0, Y1: y0 + r.IntN(20), X1: x0 + r.IntN(20)}
		if i%50 == 0 {
			f = Span{Y0: 0, X0: 0, Y1: 31, X1: 31}
		}
		s, a := FieldShare(g, f)
		ws, wa := fieldShareSlow(g, f)
		if math.Abs(s-ws) > 1e-9 || a != wa || s < 0 || s > 1 {
			t.Fatalf("map %d, field %+v: share %v area %v, want %v %v", i, f, s, a, ws, wa)
		}
	}
}

func TestFieldShareCases(t *testing.T) {
	g := Grid{W: 4, H: 4, Pix: []float32{
		1, 0, 0, 0,
		0, 3, -5, 0,
		0, 0, 0, 0,
		0, 0, 0, 4,
	}}
	for _, c := range []struct {
		f           Span
		share, area float64
	}{
		{Span{0, 0, 1, 1}, 0.5, 0.25},     // 1 + 3 of 8; the −5 counts for nothing
		{Span{3, 3, 9, 9}, 0.5, 1.0 / 16}, // only its part inside the map
		{Span{0, 2, 1, 3}, 0, 0.25},       // negative evidence only
		{Span{5, 5, 6, 6}, 0, 0},          // outside
	} {
		if s, a := FieldShare(g, c.f); s != c.share || a != c.area {
			t.Errorf("%+v: %v %v, want %v %v", c.f, s, a, c.share, c.area)
		}
	}
	if s, _ := FieldShare(Grid{W: 2, H: 2, Pix: []float32{-1, 0, 0, -2}}, Span{0, 0, 1, 1}); s != 0 {
		t.Errorf("a map with no positive value: %v", s)
	}
	if s, a := FieldShare(Grid{W: 2, H: 2, Pix: []float32{1}}, Span{0, 0, 1, 1}); s != 0 || a != 0 {
		t.Errorf("a short map: %v %v", s, a)
	}
}

func ExampleFieldShare() {
	g := Grid{W: 4, H: 4, Pix: make([]float32, 16)}
	g.Pix[0], g.Pix[5], g.Pix[15] = 1, 3, 4 // 8 in all
	share, area := FieldShare(g, Span{Y0: 0, X0: 0, Y1: 1, X1: 1})
	fmt.Printf("%.0f %% of the evidence in %.0f %% of the input\n", 100*share, 100*area)
	// Output: 50 % of the evidence in 25 % of the input
}
