package drawn

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
)

// bar is a w×h digit with a filled rectangle.
func bar(w, h, x0, y0, x1, y1 int) []uint8 {
	pix := make([]uint8, w*h)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			pix[y*w+x] = 255
		}
	}
	return pix
}

func TestSkeletonOfBar(t *testing.T) {
	// A 5-px thick horizontal bar thins to a line along its middle row.
	sk, err := NewSkeleton(28, 28, bar(28, 28, 4, 10, 24, 15))
	if err != nil {
		t.Fatal(err)
	}
	minX, maxX := float32(99), float32(-1)
	for i := range sk.X {
		if math.Abs(float64(sk.Y[i])-12.5) > 1 {
			t.Errorf("skeleton point (%v, %v) is off the bar's middle row 12.5", sk.X[i], sk.Y[i])
		}
		minX, maxX = min(minX, sk.X[i]), max(maxX, sk.X[i])
	}
	// Thinning shortens a bar's ends by about half its thickness.
	if minX > 7 || maxX < 20 {
		t.Errorf("skeleton spans x %v..%v, want most of 4..24", minX, maxX)
	}
	if len(sk.Seg) < len(sk.X)-1 {
		t.Errorf("%d segments for %d points: the line is broken", len(sk.Seg), len(sk.X))
	}
}

func TestSkeletonOfRingIsThinAndClosed(t *testing.T) {
	pix := make([]uint8, 28*28)
	for y := range 28 {
		for x := range 28 {
			d := math.Hypot(float64(x)+0.5-14, float64(y)+0.5-14)
			if d > 6 && d < 10 {
				pix[y*28+x] = 255
			}
		}
	}
	sk, err := NewSkeleton(28, 28, pix)
	if err != nil {
		t.Fatal(err)
	}
	// Each point has exactly two neighbours on a closed thin ring.
	deg := make([]int, len(sk.X))
	for _, s := range sk.Seg {
		if s[0] != s[1] {
			deg[s[0]]++
			deg[s[1]]++
		}
	}
	for i, d := range deg {
		if d != 2 {
			t.Errorf("point (%v, %v) has %d neighbours, want 2", sk.X[i], sk.Y[i], d)
		}
		if r := math.Hypot(float64(sk.X[i])-14, float64(sk.Y[i])-14); r < 7 || r > 9 {
			t.Errorf("point at radius %.2f, want about 8", r)
		}
	}
}

func TestSkeletonErrors(t *testing.T) {
	if _, err := NewSkeleton(28, 28, make([]uint8, 784)); !errors.Is(err, ErrNoInk) {
		t.Errorf("blank digit: %v", err)
	}
	if _, err := NewSkeleton(28, 28, make([]uint8, 783)); err == nil {
		t.Error("783 bytes accepted for 28×28")
	}
	if _, err := NewSkeleton(0, 28, nil); err == nil {
		t.Error("width 0 accepted")
	}
	if _, err := NewSkeleton(9000, 1, make([]uint8, 9000)); err == nil {
		t.Error("width 9000 accepted")
	}
}

func inkBox(img canvas.Image, inverted bool) (x0, y0, x1, y1 int) {
	x0, y0, x1, y1 = img.Width, img.Height, -1, -1
	for y := range img.Height {
		for x := range img.Width {
			v := img.Pix[y*img.Width+x]
			if inverted {
				v = 1 - v
			}
			if v >= 0.5 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	return
}

func TestRenderGeometry(t *testing.T) {
	// A vertical stroke: its drawn height is Size·H, its width the brush.
	sk, err := NewSkeleton(28, 28, bar(28, 28, 13, 4, 15, 24))
	if err != nil {
		t.Fatal(err)
	}
	for _, brush := range []float64{6, 14, 40} {
		st := Style{Width: 280, Height: 280, Brush: brush, Size: 0.7, CX: 0.3, CY: 0.5}
		var img canvas.Image
		if err := Render(&img, sk, st); err != nil {
			t.Fatal(err)
		}
		x0, y0, x1, y1 := inkBox(img, false)
		if h := float64(y1 - y0); math.Abs(h-0.7*280) > 2 {
			t.Errorf("brush %v: height %v, want %v", brush, h, 0.7*280)
		}
		if w := float64(x1 - x0); math.Abs(w-brush) > 2 {
			t.Errorf("brush %v: stroke %v px wide", brush, w)
		}
		if cx := float64(x0+x1) / 2; math.Abs(cx-0.3*280) > 2 {
			t.Errorf("brush %v: centre x %v, want %v", brush, cx, 0.3*280)
		}
		for _, v := range img.Pix {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("pixel %v out of 0..1", v)
			}
		}
	}
}

func TestRenderStaysOnCanvas(t *testing.T) {
	sk, err := NewSkeleton(28, 28, bar(28, 28, 3, 3, 25, 8))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var img canvas.Image
	for i := range 200 {
		st := RandomStyle(rng, 100+i, 80+i/2, 4, 40)
		st.CX, st.CY = rng.Float64()*3-1, rng.Float64()*3-1 // even asked to leave it
		st.Rotate = rng.Float64()*2 - 1
		if err := Render(&img, sk, st); err != nil {
			t.Fatal(err)
		}
		x0, y0, x1, y1 := inkBox(img, st.Inverted)
		if x0 < 1 || y0 < 1 || x1 > img.Width-1 || y1 > img.Height-1 {
			t.Fatalf("style %+v: ink box (%d,%d)-(%d,%d) touches the %d×%d edge", st, x0, y0, x1, y1, img.Width, img.Height)
		}
	}
}

func TestRenderDeterministicAndInverted(t *testing.T) {
	sk, err := NewSkeleton(28, 28, bar(28, 28, 5, 5, 20, 9))
	if err != nil {
		t.Fatal(err)
	}
	var a, b canvas.Image
	st := RandomStyle(rand.New(rand.NewPCG(7, 7)), 280, 280, 6, 40)
	st2 := RandomStyle(rand.New(rand.NewPCG(7, 7)), 280, 280, 6, 40)
	if st != st2 {
		t.Fatalf("same seed, different styles: %+v %+v", st, st2)
	}
	st.Inverted = false
	_ = Render(&a, sk, st)
	st.Inverted = true
	_ = Render(&b, sk, st)
	for i := range a.Pix {
		if math.Abs(float64(a.Pix[i]+b.Pix[i]-1)) > 1e-6 {
			t.Fatalf("pixel %d: %v normal, %v inverted", i, a.Pix[i], b.Pix[i])
		}
	}
	// Both polarities preprocess to the same input.
	ra, err := canvas.Preprocess(a)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := canvas.Preprocess(b)
	if err != nil {
		t.Fatal(err)
	}
	if ra.Input != rb.Input && !close(ra.Input[:], rb.Input[:]) {
		t.Error("the two polarities preprocess differently")
	}
}

func close(a, b []float32) bool {
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-5 {
			return false
		}
	}
	return true
}

func TestStyleErrors(t *testing.T) {
	sk, _ := NewSkeleton(28, 28, bar(28, 28, 5, 5, 20, 9))
	good := Style{Width: 50, Height: 50, Brush: 4, Size: 0.5, CX: 0.5, CY: 0.5}
	var img canvas.Image
	if err := Render(&img, sk, good); err != nil {
		t.Fatal(err)
	}
	bad := []func(*Style){
		func(s *Style) { s.Width = 0 },
		func(s *Style) { s.Height = 9000 },
		func(s *Style) { s.Brush = 0 },
		func(s *Style) { s.Brush = 51 },
		func(s *Style) { s.Brush = math.NaN() },
		func(s *Style) { s.Size = 0 },
		func(s *Style) { s.Size = 1.5 },
		func(s *Style) { s.CX = math.Inf(1) },
		func(s *Style) { s.Rotate = math.NaN() },
	}
	for i, f := range bad {
		st := good
		f(&st)
		if err := Render(&img, sk, st); err == nil {
			t.Errorf("case %d: style %+v accepted", i, st)
		}
	}
	if err := Render(&img, &Skeleton{}, good); err == nil {
		t.Error("empty skeleton accepted")
	}
}

func TestRenderNoAllocs(t *testing.T) {
	sk, _ := NewSkeleton(28, 28, bar(28, 28, 5, 5, 20, 9))
	st := Style{Width: 64, Height: 64, Brush: 5, Size: 0.8, CX: 0.5, CY: 0.5}
	var img canvas.Image
	_ = Render(&img, sk, st)
	if a := testing.AllocsPerRun(10, func() { _ = Render(&img, sk, st) }); a != 0 {
		t.Errorf("Render allocates %v times on a warm image", a)
	}
	g := Gray8(nil, img)
	if len(g) != 64*64 {
		t.Fatalf("Gray8 gave %d bytes", len(g))
	}
	for i, v := range img.Pix {
		if want := uint8(math.Round(float64(v) * 255)); g[i] != want {
			t.Fatalf("Gray8[%d] = %d, want %d", i, g[i], want)
		}
	}
}

func ringDigit() []uint8 {
	pix := make([]uint8, 28*28)
	for y := range 28 {
		for x := range 28 {
			if d := math.Hypot(float64(x)+0.5-14, float64(y)+0.5-14); d > 5 && d < 9 {
				pix[y*28+x] = 255
			}
		}
	}
	return pix
}

func BenchmarkNewSkeleton(b *testing.B) {
	pix := ringDigit()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewSkeleton(28, 28, pix); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRender(b *testing.B, side int, brush float64) {
	sk, _ := NewSkeleton(28, 28, ringDigit())
	st := Style{Width: side, Height: side, Brush: brush, Size: 0.7, CX: 0.5, CY: 0.5}
	var img canvas.Image
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(&img, sk, st); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender280Brush20(b *testing.B) { benchRender(b, 280, 20) }
func BenchmarkRender64Brush5(b *testing.B)   { benchRender(b, 64, 5) }

// chainSkeleton joins points one after another (and back to the first
// if closed).
func chainSkeleton(xs, ys []float32, closed bool) *Skeleton {
	sk := &Skeleton{X: xs, Y: ys}
	for i := 1; i < len(xs); i++ {
		sk.Seg = append(sk.Seg, [2]int32{int32(i - 1), int32(i)})
	}
	if closed {
		sk.Seg = append(sk.Seg, [2]int32{int32(len(xs) - 1), 0})
	}
	return sk
}

func nearest(sk *Skeleton, x, y float32) float64 {
	best := math.Inf(1)
	for _, s := range sk.Seg {
		best = min(best, segDist(float64(x), float64(y), float64(sk.X[s[0]]), float64(sk.Y[s[0]]), float64(sk.X[s[1]]), float64(sk.Y[s[1]])))
	}
	return best
}

func TestSimplify(t *testing.T) {
	// A wavy line, a circle, and a T (a junction of three chains).
	var lx, ly, cx, cy []float32
	for i := range 40 {
		lx = append(lx, float32(i)*0.5)
		ly = append(ly, float32(0.05*math.Sin(float64(i))))
	}
	for i := range 60 {
		a := float64(i) * 2 * math.Pi / 60
		cx = append(cx, float32(10+6*math.Cos(a)))
		cy = append(cy, float32(10+6*math.Sin(a)))
	}
	tee := chainSkeleton([]float32{0, 1, 2, 3, 4, 2, 2, 2}, []float32{0, 0, 0, 0, 0, 1, 2, 3}, false)
	tee.Seg = [][2]int32{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {2, 5}, {5, 6}, {6, 7}}
	cases := []struct {
		name    string
		sk      *Skeleton
		maxSegs int
	}{
		{"line", chainSkeleton(lx, ly, false), 1},
		{"circle", chainSkeleton(cx, cy, true), 30},
		{"tee", tee, 3},
	}
	for _, c := range cases {
		orig := &Skeleton{X: append([]float32(nil), c.sk.X...), Y: append([]float32(nil), c.sk.Y...), Seg: c.sk.Seg}
		s := c.sk.simplify(Tolerance)
		if len(s.Seg) > c.maxSegs || len(s.Seg) == 0 {
			t.Errorf("%s: %d segments after simplifying %d, want 1..%d", c.name, len(s.Seg), len(orig.Seg), c.maxSegs)
		}
		for i := range orig.X {
			if d := nearest(s, orig.X[i], orig.Y[i]); d > Tolerance+1e-6 {
				t.Errorf("%s: point (%v, %v) is %.3f from the simplified skeleton", c.name, orig.X[i], orig.Y[i], d)
			}
		}
		// Every segment's ends are real points, each used.
		usedPts := make([]bool, len(s.X))
		for _, g := range s.Seg {
			usedPts[g[0]], usedPts[g[1]] = true, true
		}
		for i, u := range usedPts {
			if !u {
				t.Errorf("%s: point %d is not used", c.name, i)
			}
		}
	}
	// A lone point stays a dot.
	dot := (&Skeleton{X: []float32{3}, Y: []float32{4}, Seg: [][2]int32{{0, 0}}}).simplify(Tolerance)
	if len(dot.X) != 1 || len(dot.Seg) != 1 || dot.Seg[0] != [2]int32{0, 0} {
		t.Errorf("a dot became %+v", dot)
	}
}
