package pad

import (
	"math"
	"math/rand/v2"
	"testing"
)

func newPad(t *testing.T) *Pad {
	t.Helper()
	p, err := New(280, 280)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func ink(p *Pad, x, y int) float32 { return p.Pix[y*p.W+x] }

func TestNewRejectsBadSizes(t *testing.T) {
	for _, s := range [][2]int{{0, 10}, {10, -1}, {7, 100}, {5000, 10}} {
		if _, err := New(s[0], s[1]); err == nil {
			t.Errorf("New(%d, %d) accepted", s[0], s[1])
		}
	}
}

// A fast flick gives only two samples far apart: the line between them
// must still be solid.
func TestFastStrokeHasNoGaps(t *testing.T) {
	p := newPad(t)
	p.Begin(Point{X: 20, Y: 140.3}, false)
	p.Move(Point{X: 260, Y: 140.3})
	p.End()
	for x := 20; x < 260; x++ {
		if v := ink(p, x, 140); v < 0.99 {
			t.Fatalf("gap at x=%d: %v", x, v)
		}
	}
	if ink(p, 140, 140-MediumBrush-3) != 0 || ink(p, 140, 140+MediumBrush+3) != 0 {
		t.Error("ink beyond the brush radius")
	}
	// The edge is antialiased: some pixel is partly covered.
	partial := false
	for y := 120; y < 160; y++ {
		if v := ink(p, 140, y); v > 0 && v < 1 {
			partial = true
		}
	}
	if !partial {
		t.Error("no antialiased edge")
	}
}

// Drawing sample by sample must give exactly what a full redraw of the
// same strokes gives (the oracle), and the curve passes through every
// sample.
func TestIncrementalMatchesRedraw(t *testing.T) {
	p := newPad(t)
	var pts []Point
	for i := 0; i <= 24; i++ {
		a := float64(i) / 24 * 2 * math.Pi
		pts = append(pts, Point{X: 140 + 90*math.Cos(a), Y: 140 + 100*math.Sin(a)})
	}
	p.Begin(pts[0], false)
	for _, pt := range pts[1:] {
		p.Move(pt)
	}
	p.End()
	p.Begin(Point{X: 30, Y: 30}, false) // a dot
	p.End()
	got := append([]float32(nil), p.Pix...)
	p.redraw()
	for i := range got {
		if got[i] != p.Pix[i] {
			t.Fatalf("pixel %d,%d: incremental %v, redraw %v", i%p.W, i/p.W, got[i], p.Pix[i])
		}
	}
	for _, pt := range pts {
		if v := ink(p, int(pt.X), int(pt.Y)); v < 0.99 {
			t.Errorf("sample %v not inked: %v", pt, v)
		}
	}
	if ink(p, 30, 30) < 0.99 {
		t.Error("a click without a move must leave a dot")
	}
}

// A curve through sparse samples bulges like the hand did, instead of
// cutting corners with straight lines.
func TestCurveInterpolates(t *testing.T) {
	p := newPad(t)
	p.Radius = 2
	// Four samples on a circle of radius 100 around (140, 140), 90° apart.
	pts := []Point{{X: 240, Y: 140}, {X: 140, Y: 240}, {X: 40, Y: 140}, {X: 140, Y: 40}, {X: 240, Y: 140}}
	p.Begin(pts[0], false)
	for _, pt := range pts[1:] {
		p.Move(pt)
	}
	p.End()
	// The chord between the first two samples passes (190, 190); the curve
	// passes much closer to the circle's point at 45°, (211, 211).
	if ink(p, 190, 190) != 0 {
		t.Error("the curve cut the corner like a straight chord")
	}
	found := false
	for d := 195; d <= 215; d++ {
		if ink(p, d, d) > 0.5 {
			found = true
		}
	}
	if !found {
		t.Error("no ink between the chord and the circle at 45°")
	}
}

func TestUndoClearVersion(t *testing.T) {
	p := newPad(t)
	v0 := p.Version()
	if !p.Blank() || p.Undo() {
		t.Fatal("a new pad is blank and has nothing to undo")
	}
	p.Begin(Point{X: 50, Y: 50}, false)
	p.Move(Point{X: 100, Y: 100})
	p.End()
	one := append([]float32(nil), p.Pix...)
	p.Begin(Point{X: 200, Y: 50}, false)
	p.Move(Point{X: 200, Y: 250})
	p.End()
	if p.Version() == v0 || p.Strokes() != 2 {
		t.Fatalf("version %d strokes %d", p.Version(), p.Strokes())
	}
	v := p.Version()
	if !p.Undo() || p.Version() == v {
		t.Fatal("undo did not change the pad")
	}
	for i := range one {
		if one[i] != p.Pix[i] {
			t.Fatal("undo did not restore the first stroke alone")
		}
	}
	p.Clear()
	for _, v := range p.Pix {
		if v != 0 {
			t.Fatal("clear left ink")
		}
	}
	if !p.Blank() {
		t.Error("cleared pad not blank")
	}
	// Nothing happens without Begin.
	v = p.Version()
	p.Move(Point{X: 10, Y: 10})
	p.End()
	if p.Version() != v {
		t.Error("Move without Begin changed the pad")
	}
}

func TestCancelDropsStroke(t *testing.T) {
	p := newPad(t)
	p.Begin(Point{X: 50, Y: 50}, false)
	p.Move(Point{X: 100, Y: 100})
	p.Cancel()
	if p.Strokes() != 0 || p.Drawing() {
		t.Fatal("cancelled stroke kept")
	}
	for _, v := range p.Pix {
		if v != 0 {
			t.Fatal("cancelled stroke left ink")
		}
	}
}

func TestPenPressure(t *testing.T) {
	width := func(pressure float64) int {
		p := newPad(t)
		p.Begin(Point{X: 40, Y: 140, Pressure: pressure}, true)
		p.Move(Point{X: 240, Y: 140, Pressure: pressure})
		p.End()
		n := 0
		for y := 0; y < p.H; y++ {
			if ink(p, 140, y) > 0.5 {
				n++
			}
		}
		return n
	}
	if light, hard := width(0.1), width(1); light >= hard {
		t.Errorf("light pen %d px wide, hard pen %d px", light, hard)
	}
}

func TestSetPicture(t *testing.T) {
	p := newPad(t)
	pic := make([]float32, 28*28)
	for y := 4; y < 24; y++ {
		pic[y*28+14] = 1 // a vertical bar in the middle
	}
	if err := p.SetPicture(pic, 28, 28, 0); err != nil {
		t.Fatal(err)
	}
	if ink(p, 145, 140) < 0.5 || ink(p, 60, 140) != 0 {
		t.Errorf("picture not scaled into the pad: centre %v side %v", ink(p, 145, 140), ink(p, 60, 140))
	}
	if p.Blank() {
		t.Error("a pad with a picture is not blank")
	}
	p.Begin(Point{X: 20, Y: 20}, false)
	p.End()
	p.Undo()
	if ink(p, 145, 140) < 0.5 {
		t.Error("undo of a stroke removed the picture")
	}
	for _, bad := range []struct {
		n, w, h int
		f       float64
	}{{10, 28, 28, 0}, {784, 0, 28, 0}, {784, 28, 28, 0.5}, {784, 28, 28, math.NaN()}} {
		if err := p.SetPicture(make([]float32, bad.n), bad.w, bad.h, bad.f); err == nil {
			t.Errorf("SetPicture accepted %+v", bad)
		}
	}
}

func TestDirtyBox(t *testing.T) {
	p := newPad(t)
	p.TakeDirty()
	p.Begin(Point{X: 100, Y: 100}, false)
	p.Move(Point{X: 110, Y: 100})
	d := p.TakeDirty()
	if d.Empty() || d.X0 > 100-MediumBrush || d.X1 < 110+MediumBrush || d.X1 > 140 {
		t.Errorf("dirty box %+v", d)
	}
	if !p.TakeDirty().Empty() {
		t.Error("TakeDirty did not reset")
	}
}

func TestWildCoordinates(t *testing.T) {
	p := newPad(t)
	p.Begin(Point{X: math.NaN(), Y: math.Inf(1), Pressure: math.NaN()}, true)
	p.Move(Point{X: -1e9, Y: 1e9, Pressure: 7})
	p.End()
	for _, v := range p.Pix {
		if v != v || v < 0 || v > 1 {
			t.Fatal("pixel out of 0..1")
		}
	}
}

// BenchmarkStroke draws a fast handwritten-like stroke: samples 6 pad
// pixels apart along a loop, as a 60 Hz frame with coalesced events gives.
func BenchmarkStroke(b *testing.B) {
	p, _ := New(280, 280)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%100 == 0 {
			p.Clear()
			p.Begin(Point{X: 140, Y: 40}, false)
		}
		a := float64(i%100) * 0.063
		p.Move(Point{X: 140 + 90*math.Sin(a), Y: 140 - 100*math.Cos(a*0.7)})
	}
}

// At a corner, like the top of a 7, the stroke does not overshoot.
func TestCornerDoesNotOvershoot(t *testing.T) {
	p := newPad(t)
	p.Radius = 2
	p.Begin(Point{X: 40, Y: 40}, false)
	p.Move(Point{X: 140, Y: 40})
	p.Move(Point{X: 200, Y: 40})
	p.Move(Point{X: 120, Y: 240})
	p.End()
	for x := 205; x < p.W; x++ {
		for y := 0; y < 60; y++ {
			if ink(p, x, y) > 0 {
				t.Fatalf("ink at (%d, %d) beyond the corner at (200, 40)", x, y)
			}
		}
	}
}

// setPictureSlow is SetPicture as the formula says it, pixel by pixel:
// the oracle of the fast version.
func setPictureSlow(W, H int, pix []float32, w, h int, frac float64) []float32 {
	out := make([]float32, W*H)
	side := math.Min(float64(W), float64(H)) * (1 - 2*frac)
	s := side / math.Max(float64(w), float64(h))
	ox := (float64(W) - s*float64(w)) / 2
	oy := (float64(H) - s*float64(h)) / 2
	at := func(x, y int) float32 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		v := pix[y*w+x]
		if v != v || v < 0 {
			return 0
		}
		return min(v, 1)
	}
	for y := range H {
		fy := (float64(y)+0.5-oy)/s - 0.5
		y0 := int(math.Floor(fy))
		ty := float32(fy - float64(y0))
		for x := range W {
			fx := (float64(x)+0.5-ox)/s - 0.5
			x0 := int(math.Floor(fx))
			tx := float32(fx - float64(x0))
			a := at(x0, y0)*(1-tx) + at(x0+1, y0)*tx
			b := at(x0, y0+1)*(1-tx) + at(x0+1, y0+1)*tx
			out[y*W+x] = a*(1-ty) + b*ty
		}
	}
	return out
}

func TestSetPictureMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		W, H, w, h int
		frac       float64
	}{
		{280, 280, 28, 28, 0.04}, {280, 280, 28, 28, 0}, {100, 60, 7, 13, 0.1}, {61, 97, 50, 3, 0.2},
		{280, 280, 1, 1, 0.04}, {30, 30, 200, 150, 0}, {280, 280, 400, 400, 0.45},
	} {
		pix := make([]float32, c.w*c.h)
		for i := range pix {
			switch rng.IntN(10) {
			case 0:
				pix[i] = float32(math.NaN())
			case 1:
				pix[i] = -rng.Float32()
			case 2:
				pix[i] = 1 + rng.Float32()
			default:
				pix[i] = rng.Float32()
			}
		}
		p, err := New(c.W, c.H)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time reuses the buffers
			if err := p.SetPicture(pix, c.w, c.h, c.frac); err != nil {
				t.Fatal(err)
			}
			want := setPictureSlow(c.W, c.H, pix, c.w, c.h, c.frac)
			for i := range want {
				if d := p.bg[i] - want[i]; d > 1e-6 || d < -1e-6 {
					t.Fatalf("%+v: pixel (%d, %d) is %v, the formula says %v", c, i%c.W, i/c.W, p.bg[i], want[i])
				}
			}
		}
	}
}

func BenchmarkSetPicture(b *testing.B) {
	p, _ := New(280, 280)
	pix := make([]float32, 28*28)
	for i := range pix {
		pix[i] = float32(i%28) / 28
	}
	b.ReportAllocs()
	for b.Loop() {
		p.SetPicture(pix, 28, 28, 0.04)
	}
}
