package canvas

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"testing"
)

// viaDraw is the slow way FromImage must agree with: draw the picture
// into non-premultiplied RGBA bytes with image/draw, then FromRGBA8.
func viaDraw(t *testing.T, src image.Image) Image {
	t.Helper()
	b := src.Bounds()
	n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(n, n.Bounds(), src, b.Min, draw.Src)
	img, err := FromRGBA8(b.Dx(), b.Dy(), n.Pix)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// paint fills a w×h picture of any type with a "7": ink where the
// stroke is, bg elsewhere, and a half-ink edge on the stroke's right.
func paint(img draw.Image, ink, edge, bg color.Color) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			u, v := x-b.Min.X, y-b.Min.Y
			c := bg
			switch {
			case v >= 3 && v < 6 && u >= 4 && u < 20, u+v/3 >= 17 && u+v/3 < 20 && v >= 3 && v < 28:
				c = ink
			case u+v/3 == 20 && v >= 3 && v < 28:
				c = edge
			}
			img.Set(x, y, c)
		}
	}
}

func TestFromImage(t *testing.T) {
	r := image.Rect(0, 0, 24, 30)
	moved := image.Rect(-5, 7, 19, 37) // bounds that do not start at (0, 0)
	pal := color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{10, 20, 200, 255}, color.NRGBA{10, 20, 200, 128}}
	cases := []struct {
		name  string
		img   draw.Image
		ink   color.Color
		edge  color.Color
		bg    color.Color
		exact bool // FromImage gives the same bits as drawing into NRGBA
	}{
		{"grey, white on black", image.NewGray(r), color.Gray{255}, color.Gray{128}, color.Gray{0}, false},
		{"grey, moved bounds", image.NewGray(moved), color.Gray{0}, color.Gray{100}, color.Gray{250}, false},
		{"NRGBA opaque", image.NewNRGBA(r), color.NRGBA{200, 30, 30, 255}, color.NRGBA{230, 140, 140, 255}, color.NRGBA{255, 255, 255, 255}, true},
		{"NRGBA alpha ink", image.NewNRGBA(moved), color.NRGBA{0, 0, 0, 255}, color.NRGBA{0, 0, 0, 100}, color.NRGBA{0, 0, 0, 0}, true},
		{"NRGBA white alpha ink", image.NewNRGBA(r), color.NRGBA{255, 255, 255, 255}, color.NRGBA{255, 255, 255, 60}, color.NRGBA{255, 255, 255, 0}, true},
		{"RGBA premultiplied alpha ink", image.NewRGBA(r), color.RGBA{0, 0, 90, 255}, color.RGBA{0, 0, 45, 128}, color.RGBA{}, true},
		{"paletted, transparent entry", image.NewPaletted(r, pal), pal[1], pal[2], pal[0], true},
		{"16-bit grey", image.NewGray16(moved), color.Gray16{0xffff}, color.Gray16{0x8000}, color.Gray16{0}, true},
		{"alpha only", image.NewAlpha(r), color.Alpha{255}, color.Alpha{90}, color.Alpha{0}, true},
		{"CMYK", image.NewCMYK(r), color.CMYK{0, 0, 0, 255}, color.CMYK{0, 0, 0, 128}, color.CMYK{0, 0, 0, 0}, true},
	}
	for _, c := range cases {
		paint(c.img, c.ink, c.edge, c.bg)
		got, err := FromImage(c.img)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		want := viaDraw(t, c.img)
		if got.Width != want.Width || got.Height != want.Height || len(got.Pix) != len(want.Pix) {
			t.Errorf("%s: %d×%d, want %d×%d", c.name, got.Width, got.Height, want.Width, want.Height)
			continue
		}
		for i := range got.Pix {
			d := math.Abs(float64(got.Pix[i] - want.Pix[i]))
			if c.exact && d != 0 || d > 1e-6 {
				t.Errorf("%s: pixel (%d, %d) = %v, drawn into NRGBA %v", c.name, i%got.Width, i/got.Width, got.Pix[i], want.Pix[i])
				break
			}
		}
		// and the drawing reads as the same digit
		a, errA := Preprocess(got)
		b, errB := Preprocess(want)
		if errA != nil || errB != nil || a.Box != b.Box || a.Inverted != b.Inverted {
			t.Errorf("%s: preprocessed %v %v, drawn into NRGBA %v %v (%v, %v)", c.name, a, errA, b, errB, errA, errB)
		}
	}
	// A grey picture reads exactly as its bytes through FromGray8, even
	// in a sub-image whose rows are not packed.
	g := image.NewGray(image.Rect(0, 0, 40, 30))
	paint(g, color.Gray{255}, color.Gray{77}, color.Gray{3})
	sub := g.SubImage(image.Rect(5, 2, 29, 28)).(*image.Gray)
	got, err := FromImage(sub)
	if err != nil {
		t.Fatal(err)
	}
	for y := range 26 {
		for x := range 24 {
			if want := float32(g.GrayAt(x+5, y+2).Y) / 255; got.Pix[y*24+x] != want {
				t.Fatalf("sub-image pixel (%d, %d) = %v, want %v", x, y, got.Pix[y*24+x], want)
			}
		}
	}
}

// huge claims to be enormous and fails the test if it is ever read.
type huge struct {
	t *testing.T
	r image.Rectangle
}

func (h huge) ColorModel() color.Model { return color.GrayModel }
func (h huge) Bounds() image.Rectangle { return h.r }
func (h huge) At(x, y int) color.Color {
	h.t.Fatalf("At(%d, %d) called on a picture of %v", x, y, h.r)
	return nil
}

func TestFromImageSizes(t *testing.T) {
	cases := []struct {
		r    image.Rectangle
		want string
	}{
		{image.Rect(0, 0, 1<<20, 1<<20), "too large"},
		{image.Rect(0, 0, MaxSide+1, 1), "too large"},
		{image.Rect(-3, -3, -3, 10), "must be positive"},
		{image.Rectangle{}, "must be positive"},
	}
	for _, c := range cases {
		_, err := FromImage(huge{t, c.r})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want one containing %q", c.r, err, c.want)
		}
	}
	// The largest side accepted.
	img, err := FromImage(image.NewGray(image.Rect(0, 0, MaxSide, 2)))
	if err != nil || img.Width != MaxSide || img.Height != 2 {
		t.Errorf("%d×2 grey picture: %d×%d, %v", MaxSide, img.Width, img.Height, err)
	}
}
