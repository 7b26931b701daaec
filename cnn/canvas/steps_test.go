package canvas

// Each of PreprocessInto's six steps on its own, against a slow but
// obviously correct version or a table worked out by hand.

import (
	"errors"
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomCanvas is a w×h image with a background of grey bg and some
// pixels of other greys, on the border too.
func randomCanvas(rng *rand.Rand, w, h int, bg float32) Image {
	img := Image{Width: w, Height: h, Pix: make([]float32, w*h)}
	for i := range img.Pix {
		img.Pix[i] = bg
		if rng.IntN(3) == 0 {
			img.Pix[i] = float32(rng.IntN(256)) / 255
		}
	}
	return img
}

// slowBorderMedian sorts the greys (rounded to 1/255) of every pixel
// with x or y on the edge and takes the lower median.
func slowBorderMedian(img Image) float32 {
	var q []int
	for y := range img.Height {
		for x := range img.Width {
			if x == 0 || y == 0 || x == img.Width-1 || y == img.Height-1 {
				q = append(q, int(math.Round(float64(img.Pix[y*img.Width+x])*255)))
			}
		}
	}
	slices.Sort(q)
	return float32(q[(len(q)+1)/2-1]) / 255
}

func TestBackgroundAgainstSlowMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][2]int{{1, 1}, {1, 7}, {7, 1}, {2, 2}, {2, 5}, {3, 3}, {13, 4}, {64, 63}}
	for _, sz := range sizes {
		for _, bg := range []float32{0, 30.0 / 255, 0.5, 1} {
			img := randomCanvas(rng, sz[0], sz[1], bg)
			k := background(img)
			if want := slowBorderMedian(img); k.Bg != want {
				t.Errorf("%d×%d on %v: background %v, want %v", sz[0], sz[1], bg, k.Bg, want)
			}
			if k.Inverted != (k.Bg >= 0.5) {
				t.Errorf("%d×%d: background %v, Inverted %v", sz[0], sz[1], k.Bg, k.Inverted)
			}
		}
	}
}

func TestBackgroundTable(t *testing.T) {
	cases := []struct {
		name     string
		img      *gray
		bg       float32
		inverted bool
	}{
		{"black", newGray(5, 4), 0, false},
		{"white paper, dark stroke", func() *gray {
			g := newGray(9, 9)
			g.rect(0, 0, 9, 9, 255)
			g.rect(4, 0, 5, 9, 0) // touches the border at two pixels
			return g
		}(), 1, true},
		{"grey 30", func() *gray {
			g := newGray(6, 6)
			g.rect(0, 0, 6, 6, 30)
			g.rect(2, 2, 4, 4, 255)
			return g
		}(), 30.0 / 255, false},
		{"mid grey is light", func() *gray {
			g := newGray(4, 4)
			g.rect(0, 0, 4, 4, 128)
			return g
		}(), 128.0 / 255, true},
		// The limit the package comment names: ink over most of the border
		// is taken for the background.
		{"ink on most of the border", func() *gray {
			g := newGray(10, 10)
			g.rect(0, 0, 10, 10, 255)
			g.rect(3, 3, 7, 7, 0)
			return g
		}(), 1, true},
	}
	for _, c := range cases {
		k := background(c.img.image(t))
		if k.Bg != c.bg || k.Inverted != c.inverted {
			t.Errorf("%s: background %v inverted %v, want %v %v", c.name, k.Bg, k.Inverted, c.bg, c.inverted)
		}
	}
	// Values outside 0..1 count as the nearest end and never index out
	// of the histogram; crop reports them.
	nan := float32(math.NaN())
	img := Image{Width: 3, Height: 2, Pix: []float32{nan, -4, 7, float32(math.Inf(1)), 0, 1}}
	if k := background(img); k.Bg != 0 {
		t.Errorf("background of NaN, -4, 7, +Inf, 0, 1 is %v, want 0 (the lower median)", k.Bg)
	}
}

func TestInkLevels(t *testing.T) {
	// The ink of v on background bg, by the formulas of the ink type.
	cases := []struct {
		bg, v  float32
		is     bool
		level  float32
		reason string
	}{
		{0, 0, false, 0, "the background itself"},
		{0, 0.05, false, 0, "below the noise floor"},
		{0, 0.1, true, 0.1, "at the noise floor"},
		{0, 0.5, true, 0.5, ""},
		{0, 1, true, 1, ""},
		{0.2, 0.6, true, 0.5, "(0.6 − 0.2) / 0.8"},
		{0.2, 0.1, false, 0, "darker than a dark background"},
		{1, 0, true, 1, "black on white"},
		{1, 0.75, true, 0.25, ""},
		{1, 0.95, false, 0, "5 % below white: noise"},
		{0.6, 0.3, true, 0.5, "(0.6 − 0.3) / 0.6"},
		{0.6, 0.9, false, 0, "lighter than a light background"},
	}
	for _, c := range cases {
		img := Image{Width: 1, Height: 1, Pix: []float32{c.bg}}
		m := background(img).inkMap
		if got := m.is(c.v); got != c.is {
			t.Errorf("bg %v, v %v (%s): is = %v", c.bg, c.v, c.reason, got)
			continue
		}
		if c.is {
			if got := m.level(c.v); math.Abs(float64(got-c.level)) > 1e-6 {
				t.Errorf("bg %v, v %v (%s): level %v, want %v", c.bg, c.v, c.reason, got, c.level)
			}
		}
	}
}

// slowCrop is step 2 in float64, straight from inkBox's definition.
func slowCrop(img Image, bg float64, inv bool) (r image.Rectangle, mass, cx, cy float64) {
	x0, y0, x1, y1 := img.Width, img.Height, -1, -1
	for y := range img.Height {
		for x := range img.Width {
			v := float64(img.Pix[y*img.Width+x])
			t := (v - bg) / (1 - bg)
			if inv {
				t = (bg - v) / bg
			}
			if t < NoiseFloor-1e-6 {
				continue
			}
			t = min(t, 1)
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			mass += t
			cx += t * (float64(x) + 0.5)
			cy += t * (float64(y) + 0.5)
		}
	}
	return image.Rect(x0, y0, x1+1, y1+1), mass, cx / mass, cy / mass
}

func TestCropAgainstSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{1, 1}, {3, 1}, {1, 9}, {17, 11}, {100, 37}, {280, 280}} {
		for _, bg := range []uint8{0, 40, 255} {
			g := newGray(sz[0], sz[1])
			g.rect(0, 0, sz[0], sz[1], bg)
			// a few strokes of random greys away from the noise floor
			for range 1 + rng.IntN(6) {
				x, y := rng.IntN(sz[0]), rng.IntN(sz[1])
				v := uint8(rng.IntN(256))
				if bg == 255 {
					v = uint8(rng.IntN(200))
				} else {
					v = max(v, bg+60)
				}
				g.rect(x, y, x+1+rng.IntN(20), y+1+rng.IntN(3), v)
			}
			img := g.image(t)
			k := background(img)
			got, err := crop(img, k)
			r, mass, cx, cy := slowCrop(img, float64(k.Bg), k.Inverted)
			if mass == 0 { // the strokes cover most of a small canvas's border
				if !errors.Is(err, ErrEmpty) {
					t.Errorf("%d×%d on %d: no ink, but err = %v", sz[0], sz[1], bg, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%d×%d on %d: %v", sz[0], sz[1], bg, err)
			}
			if got.Rect != r {
				t.Errorf("%d×%d on %d: box %v, want %v", sz[0], sz[1], bg, got.Rect, r)
			}
			near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-5*max(1, math.Abs(b)) }
			if !near(got.Mass, mass) || !near(got.CX, cx) || !near(got.CY, cy) {
				t.Errorf("%d×%d on %d: mass %v centre (%v, %v), want %v (%v, %v)",
					sz[0], sz[1], bg, got.Mass, got.CX, got.CY, mass, cx, cy)
			}
		}
	}
}

func TestCropTable(t *testing.T) {
	nan := float32(math.NaN())
	cases := []struct {
		name string
		img  Image
		box  image.Rectangle
		mass float64
		cx   float64
		cy   float64
		err  string
	}{
		{"one pixel", Image{Width: 3, Height: 3, Pix: []float32{0, 0, 0, 0, 0, 1, 0, 0, 0}},
			image.Rect(2, 1, 3, 2), 1, 2.5, 1.5, ""},
		{"two pixels, one half as dark", Image{Width: 4, Height: 1, Pix: []float32{1, 0, 0, 0.5}},
			image.Rect(0, 0, 4, 1), 1.5, (0.5 + 0.5*3.5) / 1.5, 0.5, ""},
		{"faint noise ignored", Image{Width: 3, Height: 2, Pix: []float32{0.05, 0, 0.09, 0, 0.8, 0}},
			image.Rect(1, 1, 2, 2), 0.8, 1.5, 1.5, ""},
		{"blank", Image{Width: 2, Height: 2, Pix: make([]float32, 4)}, image.Rectangle{}, 0, 0, 0, "blank"},
		{"NaN", Image{Width: 3, Height: 2, Pix: []float32{0, 0, 0, 0, nan, 0}}, image.Rectangle{}, 0, 0, 0, "pixel (1, 1) is NaN"},
		{"above 1", Image{Width: 2, Height: 2, Pix: []float32{0, 1.5, 0, 0}}, image.Rectangle{}, 0, 0, 0, "pixel (1, 0) is 1.5, not in 0..1"},
		{"negative", Image{Width: 2, Height: 2, Pix: []float32{0, 0, -0.25, 0}}, image.Rectangle{}, 0, 0, 0, "pixel (0, 1) is -0.25"},
	}
	for _, c := range cases {
		b, err := crop(c.img, background(c.img))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err = %v, want one containing %q", c.name, err, c.err)
			}
			if (c.err == "blank") != errors.Is(err, ErrEmpty) {
				t.Errorf("%s: errors.Is(err, ErrEmpty) = %v", c.name, errors.Is(err, ErrEmpty))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if b.Rect != c.box || math.Abs(b.Mass-c.mass) > 1e-6 || math.Abs(b.CX-c.cx) > 1e-6 || math.Abs(b.CY-c.cy) > 1e-6 {
			t.Errorf("%s: %+v, want box %v mass %v centre (%v, %v)", c.name, b, c.box, c.mass, c.cx, c.cy)
		}
	}
}

func TestScaleFor(t *testing.T) {
	for _, c := range []struct {
		box  image.Rectangle
		want float64
	}{
		{image.Rect(0, 0, 1, 1), 20},
		{image.Rect(5, 5, 45, 15), 0.5},
		{image.Rect(0, 3, 3, 403), 0.05},
		{image.Rect(7, 7, 27, 27), 1},
	} {
		if got := scaleFor(c.box); got != c.want {
			t.Errorf("scaleFor(%v) = %v, want %v", c.box, got, c.want)
		}
	}
}

// slowAreaScale is areaScale's formula, one output pixel at a time.
func slowAreaScale(img Image, k ink, box image.Rectangle, s, ox, oy float64) []float64 {
	out := make([]float64, DigitSide*DigitSide)
	overlap := func(a0, a1, b0, b1 float64) float64 { return max(0, min(a1, b1)-max(a0, b0)) }
	for Y := range DigitSide {
		for X := range DigitSide {
			var sum float64
			for y := box.Min.Y; y < box.Max.Y; y++ {
				fy := overlap(oy+float64(y-box.Min.Y)*s, oy+float64(y-box.Min.Y+1)*s, float64(Y), float64(Y+1))
				for x := box.Min.X; x < box.Max.X; x++ {
					v := img.Pix[y*img.Width+x]
					if !k.is(v) {
						continue
					}
					fx := overlap(ox+float64(x-box.Min.X)*s, ox+float64(x-box.Min.X+1)*s, float64(X), float64(X+1))
					sum += float64(k.level(v)) * fx * fy
				}
			}
			out[Y*DigitSide+X] = sum
		}
	}
	return out
}

func TestAreaScaleAgainstSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var sc scratch
	var dst [DigitSide * DigitSide]float32
	// Boxes scaled down (s < 1), kept (s = 1) and scaled up (s up to 20),
	// wide and tall, anywhere in the field the scaled box fits.
	boxes := []struct {
		w, h int
		box  image.Rectangle
	}{
		{97, 61, image.Rect(10, 20, 90, 45)},
		{53, 149, image.Rect(20, 5, 30, 140)},
		{40, 40, image.Rect(10, 10, 30, 30)},
		{40, 40, image.Rect(17, 18, 23, 26)},
		{9, 9, image.Rect(4, 4, 5, 5)},
		{300, 211, image.Rect(3, 0, 299, 211)},
		{5, 300, image.Rect(2, 0, 3, 300)},
	}
	for _, b := range boxes {
		img := randomCanvas(rng, b.w, b.h, 0)
		k := background(Image{Width: 1, Height: 1, Pix: []float32{0}})
		s := scaleFor(b.box)
		for range 3 {
			// any whole offset that keeps the box in the field, as place gives
			ox := float64(rng.IntN(int(math.Floor(DigitSide-float64(b.box.Dx())*s+1e-9)) + 1))
			oy := float64(rng.IntN(int(math.Floor(DigitSide-float64(b.box.Dy())*s+1e-9)) + 1))
			dst[0] = 42 // areaScale must overwrite what was there
			areaScale(&dst, img, k, b.box, s, ox, oy, &sc)
			want := slowAreaScale(img, k, b.box, s, ox, oy)
			for i := range want {
				if math.Abs(want[i]-float64(dst[i])) > 1e-4*max(1, want[i]) {
					t.Fatalf("box %v scaled by %v at (%v, %v): (%d, %d) = %v, slow version %v",
						b.box, s, ox, oy, i%DigitSide, i/DigitSide, dst[i], want[i])
				}
			}
		}
	}
}

func TestBrighten(t *testing.T) {
	var d [DigitSide * DigitSide]float32
	if brighten(&d) {
		t.Error("brighten of zeros reported ink")
	}
	d[3], d[100], d[783] = 0.25, 0.5, 0.125
	if !brighten(&d) || d[3] != 0.5 || d[100] != 1 || d[783] != 0.25 || d[0] != 0 {
		t.Errorf("brighten: %v %v %v %v, want 0.5 1 0.25 0", d[3], d[100], d[783], d[0])
	}
	// Whatever the rounding of 1/peak, the brightest value is 1 or a
	// rounding below it, never above.
	for _, p := range []float32{0.3, 0.7, 1.0 / 3, 3e-7, 19.99} {
		d = [DigitSide * DigitSide]float32{}
		for i := range d {
			d[i] = p * float32(i%7) / 6
		}
		brighten(&d)
		peak := slices.Max(d[:])
		if peak > 1 || peak < 1-1e-6 {
			t.Errorf("peak %v: brightest value %v after brighten, want 1", p, peak)
		}
	}
}

func TestPlace(t *testing.T) {
	cases := []struct {
		name string
		c, s float64
		n    int
		want float64
	}{
		{"20-px box, centre in its middle", 10, 1, 20, 5},  // round(4.5) = 5, at most 28 − 20
		{"halved, centre in the middle", 20, 0.5, 40, 5},   // the same box at half scale
		{"centre far left: pushed right", 1, 1, 20, 8},     // round(13.5) = 14, at most 8
		{"centre far right: pushed left", 19.5, 1, 20, 0},  // −5, at least 0
		{"a dot scaled up to 20", 0.5, 20, 1, 5},           // round(14.5 − 10) = 5
		{"narrow box, centred", 2, 1, 4, 13},               // round(12.5) = 13
		{"narrow box, centre at its left", 0, 1, 4, 15},    // round(14.5) = 15 ≤ 24
		{"box exactly 28 wide", 14, 1, 28, 0},              // no room to move
		{"n·s a rounding above 15", 0, 20.0 / 116, 87, 13}, // 87·(20/116) = 15.000000000000002, still at most 13
	}
	for _, c := range cases {
		got := place(c.c, c.s, c.n)
		if got != c.want {
			t.Errorf("%s: place(%v, %v, %d) = %v, want %v", c.name, c.c, c.s, c.n, got, c.want)
		}
		if got < 0 || got+float64(c.n)*c.s > DigitSide+1e-6 {
			t.Errorf("%s: offset %v puts the box outside the field", c.name, got)
		}
	}
}

func TestPad(t *testing.T) {
	var d [DigitSide * DigitSide]float32
	for i := range d {
		d[i] = float32(i + 1)
	}
	var in [Side * Side]float32
	for i := range in {
		in[i] = -1 // pad must overwrite the border too
	}
	pad(&in, &d)
	for y := range Side {
		for x := range Side {
			want := float32(0)
			if x >= Pad && x < Pad+DigitSide && y >= Pad && y < Pad+DigitSide {
				want = d[(y-Pad)*DigitSide+x-Pad]
			}
			if got := in[y*Side+x]; got != want {
				t.Fatalf("Input(%d, %d) = %v, want %v", x, y, got, want)
			}
		}
	}
}
