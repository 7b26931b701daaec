package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// forward runs the shipped network on shipped sample i.
func forward(t *testing.T, i int) *lenet.Activations {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	d := make([]float32, 28*28)
	if _, err := samples.Float(d, i); err != nil {
		t.Fatal(err)
	}
	x := make([]float32, lenet.InputLen)
	for y := range 28 {
		copy(x[(y+2)*32+2:], d[y*28:y*28+28])
	}
	a := new(lenet.Activations)
	w.Net.Forward(x, a)
	return a
}

var layerNames = []string{"Input", "C1", "S2", "C3", "S4", "C5", "F6", "Output", "Probs"}

// TestPNGShowsTheMaps draws every layer of a sample and reads the PNG
// back: it has the size stated, every value's square has the demo's
// colour for it, the legend runs from blue through white to red, and the
// title is written in the theme's text colour.
func TestPNGShowsTheMaps(t *testing.T) {
	a := forward(t, 7)
	th := &ui.Light
	// A map layer, layers of many maps, big and small, and units in rows
	// and in one row.
	for _, name := range []string{"Input", "C1", "C3", "S4", "F6", "Output"} {
		l, err := FromActivations(a, name, "sample 7")
		if err != nil {
			t.Fatal(err)
		}
		p, err := PNG(l, Options{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(bytes.NewReader(p.PNG))
		if err != nil {
			t.Fatal(err)
		}
		if b := m.Bounds(); b.Dx() != p.Width || b.Dy() != p.Height {
			t.Fatalf("%s: the PNG is %v, the picture says %d×%d", name, b, p.Width, p.Height)
		}
		if p.Scale != ui.MaxAbs(l.Values) || p.Scale == 0 {
			t.Errorf("%s: colour scale %v, the layer's largest |value| is %v", name, p.Scale, ui.MaxAbs(l.Values))
		}
		rgba, ok := m.(*image.RGBA)
		if !ok {
			t.Fatalf("%s: the PNG decodes to a %T, not an opaque RGBA picture", name, m)
		}
		at := rgba.RGBAAt
		s := l.Shape
		if len(p.Maps) != s.C {
			t.Fatalf("%s: %d maps for %d channels", name, len(p.Maps), s.C)
		}
		strong := 0
		for c, r := range p.Maps {
			if r.Dx() != s.W*p.Zoom || r.Dy() != s.H*p.Zoom || !r.In(m.Bounds()) {
				t.Fatalf("%s: map %d at %v, zoom %d, in a %d×%d picture", name, c, r, p.Zoom, p.Width, p.Height)
			}
			for y := range s.H {
				for x := range s.W {
					v := l.Values[(c*s.H+y)*s.W+x]
					want := ui.Diverging(v, p.Scale, th)
					// Every corner of the value's square.
					for _, d := range []image.Point{{0, 0}, {p.Zoom - 1, 0}, {0, p.Zoom - 1}, {p.Zoom - 1, p.Zoom - 1}} {
						if got := at(r.Min.X+x*p.Zoom+d.X, r.Min.Y+y*p.Zoom+d.Y); got != want {
							t.Fatalf("%s: channel %d (%d, %d) = %v is drawn %v, want %v", name, c, y, x, v, got, want)
						}
					}
					if math.Abs(float64(v)) > 0.5*float64(p.Scale) {
						strong++
					}
				}
			}
			if got := at(r.Min.X-1, r.Min.Y-1); got != th.Line {
				t.Errorf("%s: map %d's frame is %v", name, c, got)
			}
		}
		if strong == 0 {
			t.Errorf("%s: no value reaches half the scale; the check above saw only pale colours", name)
		}
		lg := p.Legend
		mid := (lg.Min.Y + lg.Max.Y) / 2
		if l, c, r := at(lg.Min.X, mid), at((lg.Min.X+lg.Max.X)/2, mid), at(lg.Max.X-1, mid); !near(l, th.Neg) || !near(c, th.Zero) || !near(r, th.Pos) {
			t.Errorf("%s: legend %v … %v … %v, want %v … %v … %v", name, l, c, r, th.Neg, th.Zero, th.Pos)
		}
		text := 0
		for y := margin; y < margin+glyphH*titleScale; y++ {
			for x := margin; x < margin+textWidth(p.Title, titleScale); x++ {
				if at(x, y) == th.Text {
					text++
				}
			}
		}
		if text < 200 {
			t.Errorf("%s: the title %q has %d pixels of text", name, p.Title, text)
		}
	}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return x-y < 8 || y-x < 8 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// TestFont checks the glyphs as drawn: "1" at scale 2 lights exactly the
// squares its art shows, a character the font lacks is a box (and no
// character it has is), and the width of a string.
func TestFont(t *testing.T) {
	for _, r := range "가\x00\x7f€" {
		if glyphOf(r) != box {
			t.Errorf("%q, which the font lacks, is not a box", r)
		}
	}
	for r := rune(32); r < 127; r++ {
		if glyphOf(r) == box {
			t.Errorf("%q is a box", r)
		}
	}
	for _, r := range glyphExtra {
		if glyphOf(r) == box {
			t.Errorf("%q is a box", r)
		}
	}
	m := image.NewRGBA(image.Rect(0, 0, 20, 20))
	ink := color.RGBA{1, 2, 3, 255}
	drawText(m, 3, 2, "1", 2, ink)
	art := []string{"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}
	for y := range 20 {
		for x := range 20 {
			gx, gy := (x-3)/2, (y-2)/2
			want := x >= 3 && y >= 2 && gx < 5 && gy < 7 && art[gy][gx] == '#'
			if got := m.RGBAAt(x, y) == ink; got != want {
				t.Fatalf("pixel (%d, %d): ink %v, want %v", x, y, got, want)
			}
		}
	}
	if w := textWidth("C3", 2); w != 22 {
		t.Errorf("C3 is %d pixels wide at scale 2, want 22", w)
	}
}

func TestCSVReadsBack(t *testing.T) {
	a := forward(t, 3)
	for _, name := range layerNames {
		l, _ := FromActivations(a, name, "sample 3")
		b, err := CSV(l)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+len(l.Values) || strings.Join(rows[0], ",") != "source,layer,channel,row,column,value" {
			t.Fatalf("%s: %d rows, header %v", name, len(rows), rows[0])
		}
		s := l.Shape
		for i, r := range rows[1:] {
			c, y, x := i/(s.H*s.W), i/s.W%s.H, i%s.W
			v, err := strconv.ParseFloat(r[5], 32)
			if err != nil || r[0] != "sample 3" || r[1] != name || r[2] != strconv.Itoa(c) || r[3] != strconv.Itoa(y) || r[4] != strconv.Itoa(x) ||
				math.Float32bits(float32(v)) != math.Float32bits(l.Values[i]) {
				t.Fatalf("%s: row %d is %v, want channel %d row %d column %d value %v", name, i, r, c, y, x, l.Values[i])
			}
		}
	}
}

func TestJSONReadsBack(t *testing.T) {
	a := forward(t, 9)
	for _, name := range layerNames {
		l, _ := FromActivations(a, name, "sample 9")
		b, err := JSON(l)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Network, Layer, Source, Order string
			Shape                         []int
			Values                        []*float64
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := l.Shape
		if got.Network != "LeNet-5" || got.Layer != name || got.Source != "sample 9" || got.Order != "channel, row, column" ||
			len(got.Shape) != 3 || got.Shape[0] != s.C || got.Shape[1] != s.H || got.Shape[2] != s.W || len(got.Values) != len(l.Values) {
			t.Fatalf("%s: %+v", name, got)
		}
		for i, v := range got.Values {
			if v == nil || math.Float32bits(float32(*v)) != math.Float32bits(l.Values[i]) {
				t.Fatalf("%s: value %d is %v, want %v", name, i, v, l.Values[i])
			}
		}
	}
	// What JSON cannot hold becomes null.
	l := Layer{Name: "C5", Shape: cnn.Shape{C: 3, H: 1, W: 1}, Values: []float32{1, float32(math.NaN()), float32(math.Inf(-1))}}
	b, _ := JSON(l)
	var got struct{ Values []*float64 }
	if err := json.Unmarshal(b, &got); err != nil || len(got.Values) != 3 || got.Values[1] != nil || got.Values[2] != nil || *got.Values[0] != 1 {
		t.Errorf("%s: %v", b, err)
	}
	c, _ := CSV(l)
	if !strings.HasSuffix(string(c), ",C5,1,0,0,NaN\n,C5,2,0,0,-Inf\n") {
		t.Errorf("CSV of NaN and -Inf:\n%s", c)
	}
}

func TestChecks(t *testing.T) {
	ok := Layer{Name: "C3", Shape: cnn.Shape{C: 1, H: 2, W: 2}, Values: make([]float32, 4)}
	for _, tc := range []struct {
		mod  func(*Layer)
		want string
	}{
		{func(l *Layer) { l.Name = "" }, "layer name"},
		{func(l *Layer) { l.Name = "C3<script>" }, "layer name"},
		{func(l *Layer) { l.Values = l.Values[:3] }, "do not fill its shape 1×2×2"},
		{func(l *Layer) { l.Shape = cnn.Shape{C: 0, H: 2, W: 2} }, "channels"},
		{func(l *Layer) { l.Shape = cnn.Shape{C: 1, H: 65, W: 1}; l.Values = make([]float32, 65) }, "channels"},
		{func(l *Layer) { l.Source = "a,b" }, "source"},
		{func(l *Layer) { l.Source = "드로잉" }, "source"},
		{func(l *Layer) { l.Source = strings.Repeat("x", 41) }, "source"},
	} {
		l := ok
		tc.mod(&l)
		for what, f := range map[string]func(Layer) error{
			"PNG":  func(l Layer) error { _, err := PNG(l, Options{}); return err },
			"CSV":  func(l Layer) error { _, err := CSV(l); return err },
			"JSON": func(l Layer) error { _, err := JSON(l); return err },
		} {
			if err := f(l); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s of %+v: %v, want an error with %q", what, l.Shape, err, tc.want)
			}
		}
	}
	if _, err := FromActivations(new(lenet.Activations), "C7", ""); err == nil {
		t.Error("FromActivations accepted C7")
	}
	// A layer of zeros has scale 0 and is drawn white.
	p, err := PNG(ok, Options{})
	if err != nil || p.Scale != 0 {
		t.Errorf("a zero layer: scale %v, %v", p.Scale, err)
	}
}

func ExampleFileName() {
	for _, l := range []Layer{
		{Name: "C3", Shape: cnn.Shape{C: 16, H: 10, W: 10}, Source: "sample 7"},
		{Name: "Output", Shape: cnn.Shape{C: 10, H: 1, W: 1}, Source: "drawing"},
		{Name: "S2", Shape: cnn.Shape{C: 6, H: 14, W: 14}},
	} {
		fmt.Println(FileName(l, "png"))
	}
	// Output:
	// lenet5-C3-16x10x10-sample7.png
	// lenet5-Output-10x1x1-drawing.png
	// lenet5-S2-6x14x14.png
}
