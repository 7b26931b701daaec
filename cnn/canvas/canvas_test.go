package canvas

import (
	"encoding/binary"
	"errors"
	"image"
	"math"
	"strings"
	"testing"
)

// gray is a test canvas of bytes, white ink (255) on black (0).
type gray struct {
	w, h int
	pix  []uint8
}

func newGray(w, h int) *gray { return &gray{w, h, make([]uint8, w*h)} }

func (g *gray) rect(x0, y0, x1, y1 int, v uint8) {
	for y := max(y0, 0); y < min(y1, g.h); y++ {
		for x := max(x0, 0); x < min(x1, g.w); x++ {
			g.pix[y*g.w+x] = v
		}
	}
}

// ring draws a ring of the given centre, mid radius and stroke width.
func (g *gray) ring(cx, cy, r, width float64) {
	for y := range g.h {
		for x := range g.w {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			if math.Abs(d-r) <= width/2 {
				g.pix[y*g.w+x] = 255
			}
		}
	}
}

func (g *gray) image(t *testing.T) Image {
	t.Helper()
	img, err := FromGray8(g.w, g.h, g.pix)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func (g *gray) inverted() *gray {
	o := newGray(g.w, g.h)
	for i, v := range g.pix {
		o.pix[i] = 255 - v
	}
	return o
}

func mustPre(t *testing.T, img Image) *Result {
	t.Helper()
	r, err := Preprocess(img)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func centreOfMass(d []float32, side int) (x, y, m float64) {
	for i, v := range d {
		x += float64(v) * (float64(i%side) + 0.5)
		y += float64(v) * (float64(i/side) + 0.5)
		m += float64(v)
	}
	return x / m, y / m, m
}

func checkRange(t *testing.T, r *Result) {
	t.Helper()
	for i, v := range r.Input {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("Input[%d] = %v, not in 0..1", i, v)
		}
	}
}

func TestCentredSquare(t *testing.T) {
	g := newGray(100, 100)
	g.rect(30, 30, 70, 70, 255)
	r := mustPre(t, g.image(t))
	if r.Box != image.Rect(30, 30, 70, 70) {
		t.Errorf("Box = %v, want (30,30)-(70,70)", r.Box)
	}
	if r.Scale != 0.5 || r.Inverted {
		t.Errorf("Scale = %v, Inverted = %v; want 0.5, false", r.Scale, r.Inverted)
	}
	// A 20×20 block of ones whose centre of mass, 10 pixels in, goes as
	// near 14.5 as whole shifts allow: at 5..25 in the 28×28 (4.5 rounds
	// away from zero), 7..27 in the 32×32.
	for y := range DigitSide {
		for x := range DigitSide {
			want := float32(0)
			if x >= 5 && x < 25 && y >= 5 && y < 25 {
				want = 1
			}
			if got := r.Digit[y*DigitSide+x]; math.Abs(float64(got-want)) > 1e-6 {
				t.Fatalf("Digit(%d,%d) = %v, want %v", x, y, got, want)
			}
			if got := r.Input[(y+2)*Side+x+2]; got != r.Digit[y*DigitSide+x] {
				t.Fatalf("Input(%d,%d) = %v, Digit has %v", x+2, y+2, got, r.Digit[y*DigitSide+x])
			}
		}
	}
	for i := range Side {
		for _, p := range []int{i, (Side-1)*Side + i, i * Side, i*Side + Side - 1, Side + i, i*Side + 1} {
			if r.Input[p] != 0 {
				t.Fatalf("border pixel %d = %v, want 0", p, r.Input[p])
			}
		}
	}
}

func TestOffCentreSmallDigit(t *testing.T) {
	// A small "L" near the bottom-left corner of a 280×280 canvas.
	g := newGray(280, 280)
	g.rect(5, 250, 8, 270, 255)  // stem, 3×20
	g.rect(5, 267, 16, 270, 255) // foot, 11×3
	r := mustPre(t, g.image(t))
	checkRange(t, r)
	if r.Box != image.Rect(5, 250, 16, 270) {
		t.Errorf("Box = %v", r.Box)
	}
	if r.Scale != 1 {
		t.Errorf("Scale = %v, want 1 (20-pixel box)", r.Scale)
	}
	cx, cy, _ := centreOfMass(r.Digit[:], DigitSide)
	if math.Abs(cx-14.5) > 0.501 || math.Abs(cy-14.5) > 0.501 {
		t.Errorf("centre of mass (%.2f, %.2f), want in pixel (14, 14)", cx, cy)
	}
	// The whole box is inside: ink mass is preserved (peak is 1 already).
	var m float64
	for _, v := range r.Digit {
		m += float64(v)
	}
	if want := 3.0*20 + 8*3; math.Abs(m-want) > 1e-3 {
		t.Errorf("ink mass %.3f, want %v", m, want)
	}
}

func TestClampedPlacement(t *testing.T) {
	// A bar with a heavy blob at its left end: the centre of mass is far
	// left, but the 20-px box must stay inside the 28×28 field.
	g := newGray(200, 200)
	g.rect(10, 95, 190, 100, 255)
	g.rect(10, 60, 40, 140, 255)
	r := mustPre(t, g.image(t))
	checkRange(t, r)
	// The centre of mass wants the box further right than fits, so the
	// box ends at the right edge: columns 0–7 are empty.
	for y := range DigitSide {
		for x := range 8 {
			if r.Digit[y*DigitSide+x] != 0 {
				t.Fatalf("ink at (%d, %d): the box was not pushed right", x, y)
			}
		}
	}
	var m float64
	for _, v := range r.Digit {
		m += float64(v)
	}
	// All ink inside: the sum equals the area scaled by Scale².
	want := (180.0*5 + 30*80 - 30*5) * r.Scale * r.Scale
	if math.Abs(m-want) > 1e-3 {
		t.Errorf("ink mass %.3f, want %.3f (something was cut off)", m, want)
	}
}

func TestThinStrokeSurvives(t *testing.T) {
	// A one-pixel "7" on a 560×560 canvas: 440 px tall, so the scale is
	// 1/22 and each output pixel averages 22×22 canvas pixels.
	g := newGray(560, 560)
	g.rect(100, 60, 400, 61, 255)  // the top bar
	g.rect(399, 60, 400, 500, 255) // the stem
	r := mustPre(t, g.image(t))
	checkRange(t, r)
	// Every row the stem passes through has a bright pixel.
	rows := 0
	for y := range DigitSide {
		var peak float32
		for x := range DigitSide {
			peak = max(peak, r.Digit[y*DigitSide+x])
		}
		if peak >= 0.5 {
			rows++
		}
	}
	if rows < 19 {
		t.Errorf("the stroke is bright in %d rows of 28, want ≥ 19 (it vanished in the down-scaling)", rows)
	}
}

func TestThickAndThinComparable(t *testing.T) {
	// The same "0" drawn with a 4-px and a 28-px brush.
	mass := map[float64]float64{}
	for _, width := range []float64{4, 28} {
		g := newGray(280, 280)
		g.ring(140, 140, 90, width)
		r := mustPre(t, g.image(t))
		checkRange(t, r)
		cx, cy, m := centreOfMass(r.Digit[:], DigitSide)
		if math.Abs(cx-14.5) > 0.501 || math.Abs(cy-14.5) > 0.501 {
			t.Errorf("brush %v: centre of mass (%.2f, %.2f)", width, cx, cy)
		}
		// The ring is unbroken: every direction from the centre meets ink.
		for a := 0; a < 360; a += 10 {
			var peak float32
			for rad := 0.0; rad < 14; rad += 0.25 {
				x := int(14 + rad*math.Cos(float64(a)*math.Pi/180))
				y := int(14 + rad*math.Sin(float64(a)*math.Pi/180))
				if x >= 0 && y >= 0 && x < DigitSide && y < DigitSide {
					peak = max(peak, r.Digit[y*DigitSide+x])
				}
			}
			if peak < 0.5 {
				t.Errorf("brush %v: the ring is broken at %d°", width, a)
			}
		}
		mass[width] = m
	}
	if ratio := mass[28] / mass[4]; ratio < 1 || ratio > 4 {
		t.Errorf("ink mass thick/thin = %.2f (thin %.1f, thick %.1f), want 1..4", ratio, mass[4], mass[28])
	}
}

func TestInvertedSame(t *testing.T) {
	g := newGray(120, 90)
	g.ring(50, 45, 25, 6)
	g.rect(70, 10, 76, 80, 255)
	a := mustPre(t, g.image(t))
	b := mustPre(t, g.inverted().image(t))
	if a.Inverted || !b.Inverted {
		t.Fatalf("Inverted = %v, %v; want false, true", a.Inverted, b.Inverted)
	}
	if a.Box != b.Box || a.Scale != b.Scale {
		t.Errorf("box/scale differ: %v %v, %v %v", a.Box, a.Scale, b.Box, b.Scale)
	}
	for i := range a.Input {
		if math.Abs(float64(a.Input[i]-b.Input[i])) > 1e-5 {
			t.Fatalf("Input[%d]: %v normal, %v inverted", i, a.Input[i], b.Input[i])
		}
	}
}

// rgba builds RGBA bytes from a mask (ink where mask > 0), painting ink
// and background with the given RGBA colours.
func rgba(g *gray, ink, bg [4]uint8) []uint8 {
	out := make([]uint8, 4*len(g.pix))
	for i, v := range g.pix {
		c := bg
		if v > 0 {
			c = ink
		}
		copy(out[4*i:], c[:])
	}
	return out
}

func TestRGBAVariantsAgree(t *testing.T) {
	g := newGray(150, 150)
	g.ring(75, 70, 40, 10)
	g.rect(100, 20, 110, 130, 255)
	want := mustPre(t, g.image(t))
	cases := []struct {
		name     string
		ink, bg  [4]uint8
		inverted bool
	}{
		{"black ink on transparent", [4]uint8{0, 0, 0, 255}, [4]uint8{0, 0, 0, 0}, true},
		{"white ink on transparent", [4]uint8{255, 255, 255, 255}, [4]uint8{0, 0, 0, 0}, false},
		{"blue ink on transparent", [4]uint8{0, 0, 255, 255}, [4]uint8{255, 255, 255, 0}, true},
		{"black ink on opaque white", [4]uint8{0, 0, 0, 255}, [4]uint8{255, 255, 255, 255}, true},
		{"white ink on opaque black", [4]uint8{255, 255, 255, 255}, [4]uint8{0, 0, 0, 255}, false},
	}
	for _, c := range cases {
		img, err := FromRGBA8(g.w, g.h, rgba(g, c.ink, c.bg))
		if err != nil {
			t.Fatal(err)
		}
		r := mustPre(t, img)
		if r.Inverted != c.inverted {
			t.Errorf("%s: Inverted = %v", c.name, r.Inverted)
		}
		if r.Box != want.Box {
			t.Errorf("%s: Box = %v, want %v", c.name, r.Box, want.Box)
		}
		for i := range r.Input {
			if math.Abs(float64(r.Input[i]-want.Input[i])) > 1e-5 {
				t.Errorf("%s: Input[%d] = %v, want %v", c.name, i, r.Input[i], want.Input[i])
				break
			}
		}
	}
}

func TestRGBAAntialiasedAlpha(t *testing.T) {
	// Black ink whose edge is half transparent: the edge is half ink.
	pix := make([]uint8, 4*10*10)
	pix[4*(5*10+5)+3] = 255
	pix[4*(5*10+6)+3] = 128
	img, err := FromRGBA8(10, 10, pix)
	if err != nil {
		t.Fatal(err)
	}
	if img.Pix[0] != 1 || img.Pix[55] != 0 || math.Abs(float64(img.Pix[56])-(1-128.0/255)) > 1e-6 {
		t.Errorf("composited greys %v %v %v", img.Pix[0], img.Pix[55], img.Pix[56])
	}
}

func TestBlank(t *testing.T) {
	noisy := newGray(64, 64)
	for i := range noisy.pix {
		noisy.pix[i] = uint8(i * 7 % 20) // below the noise floor
	}
	white := newGray(64, 64)
	white.rect(0, 0, 64, 64, 255)
	for name, g := range map[string]*gray{"black": newGray(64, 64), "white": white, "faint noise": noisy, "1×1": newGray(1, 1)} {
		_, err := Preprocess(g.image(t))
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("%s: err = %v, want ErrEmpty", name, err)
		}
	}
	img, err := FromRGBA8(8, 8, make([]uint8, 4*64))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Preprocess(img); !errors.Is(err, ErrEmpty) {
		t.Errorf("transparent: err = %v, want ErrEmpty", err)
	}
}

func TestBadInput(t *testing.T) {
	nan := float32(math.NaN())
	cases := []struct {
		img  Image
		want string
	}{
		{Image{}, "positive"},
		{Image{Width: -3, Height: 4, Pix: make([]float32, 12)}, "positive"},
		{Image{Width: 9000, Height: 1, Pix: make([]float32, 9000)}, "too large"},
		{Image{Width: 4, Height: 4, Pix: make([]float32, 15)}, "do not fill"},
		{Image{Width: 2, Height: 2, Pix: []float32{0, nan, 0, 0}}, "NaN"},
		{Image{Width: 2, Height: 2, Pix: []float32{0, 0, 255, 0}}, "not in 0..1"},
		{Image{Width: 2, Height: 2, Pix: []float32{0, 0, 0, -0.5}}, "not in 0..1"},
		{Image{Width: 2, Height: 2, Pix: []float32{0, 0, float32(math.Inf(1)), 0}}, "not in 0..1"},
	}
	for _, c := range cases {
		_, err := Preprocess(c.img)
		if err == nil || !strings.Contains(err.Error(), c.want) || errors.Is(err, ErrEmpty) {
			t.Errorf("%d×%d: err = %v, want one containing %q", c.img.Width, c.img.Height, err, c.want)
		}
	}
	if _, err := FromGray8(3, 3, make([]uint8, 8)); err == nil {
		t.Error("FromGray8 accepted 8 bytes for 3×3")
	}
	if _, err := FromGray8(0, 3, nil); err == nil {
		t.Error("FromGray8 accepted width 0")
	}
	if _, err := FromRGBA8(3, 3, make([]uint8, 9)); err == nil {
		t.Error("FromRGBA8 accepted 9 bytes for 3×3")
	}
	if _, err := FromRGBA8(1<<20, 1<<20, nil); err == nil {
		t.Error("FromRGBA8 accepted 2^20×2^20")
	}
}

// slowDigit is the obviously correct version of steps 2–5: for every
// output pixel, integrate the ink over the canvas area it covers, given
// the box, scale and offset PreprocessInto chose.
func slowDigit(img Image, box image.Rectangle, s, ox, oy float64, inv bool, bg float64) []float64 {
	out := make([]float64, DigitSide*DigitSide)
	overlap := func(a0, a1, b0, b1 float64) float64 { return max(0, min(a1, b1)-max(a0, b0)) }
	for Y := range DigitSide {
		for X := range DigitSide {
			var sum float64
			for y := box.Min.Y; y < box.Max.Y; y++ {
				// canvas row y covers output rows oy+(y-y0)·s … +s
				fy := overlap(oy+float64(y-box.Min.Y)*s, oy+float64(y-box.Min.Y+1)*s, float64(Y), float64(Y+1))
				if fy == 0 {
					continue
				}
				for x := box.Min.X; x < box.Max.X; x++ {
					fx := overlap(ox+float64(x-box.Min.X)*s, ox+float64(x-box.Min.X+1)*s, float64(X), float64(X+1))
					v := float64(img.Pix[y*img.Width+x])
					t := (v - bg) / (1 - bg)
					if inv {
						t = (bg - v) / bg
					}
					if t < NoiseFloor {
						t = 0
					}
					sum += min(t, 1) * fx * fy
				}
			}
			out[Y*DigitSide+X] = sum
		}
	}
	peak := 0.0
	for _, v := range out {
		peak = max(peak, v)
	}
	for i := range out {
		out[i] /= peak
	}
	return out
}

func TestAgainstSlowAreaAverage(t *testing.T) {
	// Awkward sizes: a wide box, a tall box, a box smaller than 20 px
	// (scaled up), a grey background.
	type shape struct {
		w, h    int
		bg      uint8
		x0, y0  int
		x1, y1  int
		ringCx  float64
		ringCy  float64
		ringR   float64
		ringW   float64
		inkGrey uint8
	}
	shapes := []shape{
		{97, 61, 0, 10, 20, 90, 45, 40, 30, 12, 3, 255},
		{53, 149, 255, 20, 5, 30, 140, 25, 100, 10, 5, 0},
		{40, 40, 30, 17, 18, 23, 26, 20, 20, 3, 1.5, 200},
		{300, 211, 0, 50, 50, 51, 190, 150, 100, 70, 1.2, 255},
	}
	for i, sh := range shapes {
		g := newGray(sh.w, sh.h)
		g.rect(0, 0, sh.w, sh.h, sh.bg)
		g.rect(sh.x0, sh.y0, sh.x1, sh.y1, sh.inkGrey)
		for y := range sh.h {
			for x := range sh.w {
				if d := math.Hypot(float64(x)+0.5-sh.ringCx, float64(y)+0.5-sh.ringCy); math.Abs(d-sh.ringR) <= sh.ringW/2 {
					g.pix[y*sh.w+x] = sh.inkGrey
				}
			}
		}
		// some anti-aliasing greys
		for k := 0; k < len(g.pix); k += 37 {
			if g.pix[k] == sh.inkGrey {
				g.pix[k] = uint8((int(sh.inkGrey) + int(sh.bg)) / 2)
			}
		}
		img := g.image(t)
		r := mustPre(t, img)
		bg := float64(sh.bg) / 255
		// Recover the offsets from the centre of mass the same way.
		var m, mx, my float64
		for y := range sh.h {
			for x := range sh.w {
				v := float64(img.Pix[y*sh.w+x])
				tv := (v - bg) / (1 - bg)
				if r.Inverted {
					tv = (bg - v) / bg
				}
				if tv < NoiseFloor {
					continue
				}
				tv = min(tv, 1)
				m += tv
				mx += tv * (float64(x) + 0.5)
				my += tv * (float64(y) + 0.5)
			}
		}
		mx, my = mx/m, my/m
		s := r.Scale
		// the centre of mass to 14.5, by whole pixels, the box inside
		ox := max(0, min(math.Round(14.5-(mx-float64(r.Box.Min.X))*s), math.Floor(28-float64(r.Box.Dx())*s+1e-9)))
		oy := max(0, min(math.Round(14.5-(my-float64(r.Box.Min.Y))*s), math.Floor(28-float64(r.Box.Dy())*s+1e-9)))
		want := slowDigit(img, r.Box, s, ox, oy, r.Inverted, bg)
		if r.Inverted != (sh.bg >= 128) {
			t.Errorf("shape %d: Inverted = %v", i, r.Inverted)
		}
		for k := range want {
			if math.Abs(want[k]-float64(r.Digit[k])) > 1e-4 {
				t.Fatalf("shape %d: Digit(%d,%d) = %v, slow version %v", i, k%28, k/28, r.Digit[k], want[k])
			}
		}
	}
}

func TestPreprocessIntoNoAllocs(t *testing.T) {
	g := newGray(280, 280)
	g.ring(140, 140, 90, 16)
	img := g.image(t)
	var r Result
	if err := PreprocessInto(&r, img); err != nil {
		t.Fatal(err)
	}
	small := newGray(100, 50)
	small.rect(10, 10, 20, 40, 255)
	simg := small.image(t)
	allocs := testing.AllocsPerRun(20, func() {
		_ = PreprocessInto(&r, img)
		_ = PreprocessInto(&r, simg)
	})
	if allocs != 0 {
		t.Errorf("PreprocessInto allocates %v times per call after warming up", allocs)
	}
	// Warmed by a one-pixel dot (scaled up 20 times), the same Result
	// then takes any drawing on a canvas of that size without allocating.
	dot := newGray(280, 280)
	dot.rect(7, 9, 8, 10, 255)
	wide := newGray(280, 280)
	wide.rect(0, 100, 280, 104, 255)
	tall := newGray(280, 280)
	tall.rect(100, 0, 103, 280, 255)
	var r2 Result
	if err := PreprocessInto(&r2, dot.image(t)); err != nil {
		t.Fatal(err)
	}
	imgs := []Image{img, wide.image(t), tall.image(t), dot.image(t)}
	allocs = testing.AllocsPerRun(10, func() {
		for _, im := range imgs {
			if err := PreprocessInto(&r2, im); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("PreprocessInto warmed by a dot allocates %v times for bigger drawings", allocs)
	}
	var m Image
	pix := make([]uint8, 4*280*280)
	_ = m.SetRGBA8(280, 280, pix)
	if a := testing.AllocsPerRun(10, func() { _ = m.SetRGBA8(280, 280, pix) }); a != 0 {
		t.Errorf("SetRGBA8 allocates %v times per call on a warm Image", a)
	}
	if a := testing.AllocsPerRun(10, func() { _ = m.SetGray8(100, 50, small.pix) }); a != 0 {
		t.Errorf("SetGray8 allocates %v times per call on a warm Image", a)
	}
	if m.Width != 100 || m.Height != 50 || len(m.Pix) != 5000 || m.Pix[10*100+10] != 1 || m.Pix[0] != 0 {
		t.Errorf("SetGray8 gave a %d×%d image of %d values", m.Width, m.Height, len(m.Pix))
	}
}

func TestErrorClearsResult(t *testing.T) {
	g := newGray(50, 50)
	g.rect(10, 10, 40, 40, 255)
	r := mustPre(t, g.image(t))
	err := PreprocessInto(r, newGray(50, 50).image(t))
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("err = %v", err)
	}
	for _, v := range r.Input {
		if v != 0 {
			t.Fatal("Input not cleared after an error")
		}
	}
	if r.Box != (image.Rectangle{}) || r.Scale != 0 {
		t.Errorf("Box %v, Scale %v after an error", r.Box, r.Scale)
	}
}

func FuzzPreprocess(f *testing.F) {
	f.Add(uint8(3), []byte{0, 0, 0, 0, 255, 0, 0, 0, 0}, false)
	f.Add(uint8(4), []byte{255, 255, 0, 255, 255, 255, 255, 255}, false)
	f.Add(uint8(2), make([]byte, 16), true)
	f.Add(uint8(1), []byte{1, 2, 3, 200, 5}, false)
	f.Add(uint8(2), []byte{0, 0, 0, 255, 9, 9, 9, 128, 0, 0, 0, 0, 255, 255, 255, 3}, true)
	f.Fuzz(func(t *testing.T, w uint8, pix []byte, asRGBA bool) {
		// The width comes from w, the height from how many bytes there are.
		width, per := int(w)%64+1, 1
		if asRGBA {
			per = 4
		}
		height := len(pix) / (width * per)
		if height == 0 {
			return
		}
		pix = pix[:width*height*per]
		var img Image
		var err error
		if asRGBA {
			img, err = FromRGBA8(width, height, pix)
		} else {
			img, err = FromGray8(width, height, pix)
		}
		if err != nil {
			t.Fatalf("%d×%d: %v", width, height, err)
		}
		var r Result
		err = PreprocessInto(&r, img)
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("valid %d×%d image rejected: %v", width, height, err)
			}
			return
		}
		var peak float32
		for i, v := range r.Input {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("Input[%d] = %v", i, v)
			}
			peak = max(peak, v)
		}
		if math.Abs(float64(peak-1)) > 1e-5 {
			t.Fatalf("peak %v, want 1", peak)
		}
		if !r.Box.In(image.Rect(0, 0, width, height)) || r.Box.Empty() {
			t.Fatalf("Box %v outside %d×%d", r.Box, width, height)
		}
		if r.Scale <= 0 || r.Scale > BoxSide {
			t.Fatalf("Scale %v", r.Scale)
		}
	})
}

// FuzzPreprocessFloats feeds any float32 values, NaN and infinities
// included: an error or a valid result, never a panic.
func FuzzPreprocessFloats(f *testing.F) {
	f.Add(uint8(2), []byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0xc0, 0x7f, 0, 0, 0, 0})
	f.Add(uint8(1), []byte{0, 0, 0, 0x80, 0, 0, 0x80, 0x3f})
	f.Fuzz(func(t *testing.T, w uint8, raw []byte) {
		width := int(w)%16 + 1
		n := len(raw) / 4
		height := n / width
		if height == 0 {
			return
		}
		img := Image{Width: width, Height: height, Pix: make([]float32, width*height)}
		valid := true
		for i := range img.Pix {
			v := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
			img.Pix[i] = v
			if !(v >= 0 && v <= 1) {
				valid = false
			}
		}
		r, err := Preprocess(img)
		if !valid {
			if err == nil || errors.Is(err, ErrEmpty) {
				t.Fatalf("invalid values accepted: %v", err)
			}
			return
		}
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("valid image rejected: %v", err)
			}
			return
		}
		for i, v := range r.Input {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("Input[%d] = %v", i, v)
			}
		}
	})
}

func BenchmarkPreprocessInto280(b *testing.B) {
	g := newGray(280, 280)
	g.ring(140, 140, 90, 16)
	g.rect(200, 30, 216, 250, 255)
	img, _ := FromGray8(280, 280, g.pix)
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		if err := PreprocessInto(&r, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetRGBA8and280(b *testing.B) {
	g := newGray(280, 280)
	g.ring(140, 140, 90, 16)
	pix := rgba(g, [4]uint8{0, 0, 0, 255}, [4]uint8{0, 0, 0, 0})
	var img Image
	var r Result
	b.ReportAllocs()
	for b.Loop() {
		if err := img.SetRGBA8(280, 280, pix); err != nil {
			b.Fatal(err)
		}
		if err := PreprocessInto(&r, img); err != nil {
			b.Fatal(err)
		}
	}
}

// Area averaging composes: halving the canvas first (2×2 means) gives
// nearly the same input, so a caller may shrink a large pad before
// preprocessing it.
func TestHalvedCanvasAgrees(t *testing.T) {
	g := newGray(280, 280)
	g.ring(130, 150, 70, 14)
	g.rect(190, 40, 204, 250, 255)
	g.rect(60, 30, 200, 44, 255)
	full := mustPre(t, g.image(t))
	half := Image{Width: 140, Height: 140, Pix: make([]float32, 140*140)}
	for y := range 140 {
		for x := range 140 {
			var s float32
			for _, p := range [4]int{(2*y)*280 + 2*x, (2*y)*280 + 2*x + 1, (2*y+1)*280 + 2*x, (2*y+1)*280 + 2*x + 1} {
				s += float32(g.pix[p]) / 255
			}
			half.Pix[y*140+x] = s / 4
		}
	}
	h := mustPre(t, half)
	var diff float64
	for i := range full.Input {
		diff += math.Abs(float64(full.Input[i] - h.Input[i]))
	}
	// (The halved box can be half a canvas pixel wider, which moves the
	// digit by a tenth of an output pixel: a small difference remains.)
	if diff /= float64(len(full.Input)); diff > 0.01 {
		t.Errorf("mean difference %.4f between the canvas and its half-size copy", diff)
	}
	if math.Abs(h.Scale-2*full.Scale) > 1e-9 {
		t.Errorf("scales %v and %v: the half-size copy should scale twice as much", full.Scale, h.Scale)
	}
}
