package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
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

// TestPictureShowsTheMaps lays every kind of layer of a sample out and
// reads the pixels back: the picture has the size stated, every value's
// square has the demo's colour for it, every map its frame, the legend
// runs from blue through white to red, and the labels name the layer, its
// shape, the maps and the colour scale's ends.
func TestPictureShowsTheMaps(t *testing.T) {
	a := forward(t, 7)
	th := &ui.Light
	// A map layer, layers of many maps, big and small, and units in rows
	// and in one row.
	for _, name := range []string{"Input", "C1", "C3", "S4", "F6", "Output"} {
		l, err := FromActivations(a, name, "sample 7")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Draw(l, Options{Caption: "MNIST test digit #7", ScaleName: "colour scale"})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Check() || p.Width < 300 || p.Height < 100 {
			t.Fatalf("%s: a %d×%d picture with %d bytes of pixels", name, p.Width, p.Height, len(p.Pix))
		}
		if p.Scale != ui.MaxAbs(l.Values) || p.Scale == 0 {
			t.Errorf("%s: colour scale %v, the layer's largest |value| is %v", name, p.Scale, ui.MaxAbs(l.Values))
		}
		m := &image.RGBA{Pix: p.Pix, Stride: 4 * p.Width, Rect: image.Rect(0, 0, p.Width, p.Height)}
		at := m.RGBAAt
		s := l.Shape
		if len(p.Maps) != s.C {
			t.Fatalf("%s: %d maps for %d channels", name, len(p.Maps), s.C)
		}
		strong := 0
		for c, r := range p.Maps {
			if r.Dx() != s.W*p.Zoom || r.Dy() != s.H*p.Zoom || !r.Inset(-1).In(m.Bounds()) {
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
		if at(0, 0) != th.Panel || at(p.Width-1, p.Height-1) != th.Panel {
			t.Errorf("%s: the corners are not the panel's colour", name)
		}
		// The labels: the title with the layer and its shape, the
		// caption, the scale's ends and name, and the maps' numbers.
		texts := map[string]ui.Label{}
		for _, lb := range p.Labels {
			texts[lb.Text] = lb
			if lb.X < 0 || lb.X > float64(p.Width) || lb.Y < 0 || lb.Y > float64(p.Height) || lb.Size < 12 {
				t.Errorf("%s: label %q at (%v, %v), size %v, in a %d×%d picture", name, lb.Text, lb.X, lb.Y, lb.Size, p.Width, p.Height)
			}
		}
		want := []string{"LeNet-5 · " + name + " · " + s.String(), "MNIST test digit #7", ui.FormatNum(-p.Scale), "0", "+" + ui.FormatNum(p.Scale), "colour scale"}
		switch {
		case s.H*s.W == 1 && s.C > cellCols: // rows of units, numbered at their left
			want = append(want, "0", "12", strconv.Itoa((s.C-1)/cellCols*cellCols))
		case s.C > 1:
			want = append(want, "0", "1", strconv.Itoa(s.C-1))
		}
		for _, w := range want {
			if _, ok := texts[w]; !ok {
				t.Errorf("%s: no label %q among %v", name, w, p.Labels)
			}
		}
		if tl := texts[p.Title]; !tl.Bold || tl.Color != th.Text || tl.Y > float64(p.Maps[0].Min.Y) {
			t.Errorf("%s: the title %+v is not bold text above the maps", name, tl)
		}
	}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return x-y < 8 || y-x < 8 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// The picture is as wide as its longest label, as the page measures it.
func TestPictureFitsItsLabels(t *testing.T) {
	l := Layer{Name: "Output", Shape: cnn.Shape{C: 2, H: 1, W: 1}, Values: []float32{1, -1}}
	wide := ui.ApproxText{}
	long := strings.Repeat("긴 설명 ", 30)
	p, err := Draw(l, Options{Caption: long, Text: wide})
	if err != nil {
		t.Fatal(err)
	}
	if need := int(wide.MeasureText(long, ui.TextStyle{Size: textSize})) + 2*margin; p.Width < need {
		t.Errorf("the picture is %d pixels wide for a caption of %d", p.Width, need)
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
			"Draw": func(l Layer) error { _, err := Draw(l, Options{}); return err },
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
	p, err := Draw(ok, Options{})
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
