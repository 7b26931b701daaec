package lecture

import (
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Span is a rectangle of a layer's map, rows Y0..Y1 and columns X0..X1
// inclusive.
type Span struct{ Y0, X0, Y1, X1 int }

// H is the span's height.
func (s Span) H() int { return s.Y1 - s.Y0 + 1 }

// W is the span's width.
func (s Span) W() int { return s.X1 - s.X0 + 1 }

// Contains reports whether (y, x) lies in the span.
func (s Span) Contains(y, x int) bool { return y >= s.Y0 && y <= s.Y1 && x >= s.X0 && x <= s.X1 }

// RFStep is the region of one map that can influence the chosen unit.
type RFStep struct {
	Layer string // "Input", "C1", "S2", …
	Shape cnn.Shape
	Span  Span
}

// RFLayers are the layers whose units have a spatial position: LeNet-5's
// convolutions and poolings, C1 to C5.
func RFLayers() []lenet.Layer {
	var ls []lenet.Layer
	for _, l := range lenet.Layers {
		if l.Kind != lenet.FullyConnected {
			ls = append(ls, l)
		}
	}
	return ls
}

// ReceptiveField returns, for the unit at row y, column x of layer (C1, S2,
// C3, S4 or C5), the region of every earlier map that can influence it,
// from the layer itself down to the input. Each step back through a layer
// with window k, stride s and padding p maps rows a..b to
// a·s − p .. b·s − p + k − 1.
func ReceptiveField(layer string, y, x int) ([]RFStep, error) {
	ls := RFLayers()
	at := -1
	for i, l := range ls {
		if l.Name == layer {
			at = i
		}
	}
	if at < 0 {
		return nil, fmt.Errorf("lecture: %q is not a layer with a receptive field (C1, S2, C3, S4 or C5)", layer)
	}
	out := ls[at].Out
	if y < 0 || x < 0 || y >= out.H || x >= out.W {
		return nil, fmt.Errorf("lecture: %s is %d×%d; it has no unit at row %d, column %d", layer, out.H, out.W, y, x)
	}
	sp := Span{y, x, y, x}
	steps := []RFStep{{Layer: layer, Shape: out, Span: sp}}
	for i := at; i >= 0; i-- {
		l := ls[i]
		sp = Span{
			Y0: max(0, sp.Y0*l.Stride-l.Padding), X0: max(0, sp.X0*l.Stride-l.Padding),
			Y1: min(l.In.H-1, sp.Y1*l.Stride-l.Padding+l.Kernel-1), X1: min(l.In.W-1, sp.X1*l.Stride-l.Padding+l.Kernel-1),
		}
		id, _ := lenet.LayerNamed(l.Name)
		steps = append(steps, RFStep{Layer: (id - 1).String(), Shape: l.In, Span: sp}) // the layer l reads
	}
	return steps, nil
}

// RFGrowth is the receptive field's side after each layer, from the
// recurrence r = r′ + (k − 1)·j, where j is the product of the strides
// before the layer, written out: "C3: 6 + (5 − 1)·2 = 14".
func RFGrowth() []string {
	r, j := 1, 1
	var lines []string
	for _, l := range RFLayers() {
		next := r + (l.Kernel-1)*j
		lines = append(lines, fmt.Sprintf("%s: %d + (%d − 1)·%d = %d", l.Name, r, l.Kernel, j, next))
		r, j = next, j*l.Stride
	}
	return lines
}

// RF is the state of the receptive-field view.
type RF struct {
	Layer   int // index in RFLayers
	Y, X    int
	drawing Grid
}

// NewRF starts at the C3 unit in the middle of its map.
func NewRF() *RF { return &RF{Layer: 2, Y: 5, X: 5} }

// SetDrawing gives the student's drawing (28×28 or 32×32).
func (r *RF) SetDrawing(g Grid) { r.drawing = g }

// SetLayer chooses the layer by index in RFLayers; the unit is kept
// inside the layer's map.
func (r *RF) SetLayer(i int) error {
	ls := RFLayers()
	if i < 0 || i >= len(ls) {
		return fmt.Errorf("lecture: no layer %d; choose 0 to %d", i, len(ls)-1)
	}
	r.Layer = i
	r.SetUnit(r.Y, r.X)
	return nil
}

// SetUnit chooses the unit, clamped to the map.
func (r *RF) SetUnit(y, x int) {
	out := RFLayers()[r.Layer].Out
	r.Y, r.X = max(0, min(y, out.H-1)), max(0, min(x, out.W-1))
}

// Name is the chosen layer's name.
func (r *RF) Name() string { return RFLayers()[r.Layer].Name }

// Steps is the receptive field of the chosen unit.
func (r *RF) Steps() []RFStep {
	s, err := ReceptiveField(r.Name(), r.Y, r.X)
	if err != nil {
		return nil
	}
	return s
}

// Input is the 32×32 picture the regions are drawn on: the drawing if
// there is one, else the sample digit, framed by the 2-pixel border the
// network's input has.
func (r *RF) Input() Grid {
	g := SampleDigit()
	if r.drawing.W > 0 {
		g = r.drawing
	}
	if g.W == lenet.InputSide && g.H == lenet.InputSide {
		return g
	}
	py, px := (lenet.InputSide-g.H)/2, (lenet.InputSide-g.W)/2
	out := Grid{W: lenet.InputSide, H: lenet.InputSide, Pix: make([]float32, lenet.InputLen)}
	for y := 0; y < out.H; y++ {
		for x := 0; x < out.W; x++ {
			out.Pix[y*out.W+x] = g.At(y-py, x-px)
		}
	}
	return out
}

// Text explains the chosen unit's receptive field.
func (r *RF) Text(l i18n.Lang) string {
	st := r.Steps()
	if len(st) == 0 {
		return ""
	}
	in := st[len(st)-1].Span
	return l.Pick(
		fmt.Sprintf("%s unit (row %d, column %d) sees input rows %d–%d and columns %d–%d: a %d×%d receptive field. Pixels outside it cannot change this unit, whatever the weights.",
			r.Name(), r.Y, r.X, in.Y0, in.Y1, in.X0, in.X1, in.H(), in.W()),
		fmt.Sprintf("%s 유닛 (행 %d, 열 %d)은 입력의 행 %d–%d, 열 %d–%d를 봅니다: %d×%d 수용장. 그 밖의 화소는 가중치와 상관없이 이 유닛을 바꿀 수 없습니다.",
			r.Name(), r.Y, r.X, in.Y0, in.Y1, in.X0, in.X1, in.H(), in.W()))
}

// FieldShare says how much of a map's positive evidence lies inside a
// receptive field. For the map m of g.W×g.H values (an evidence map over
// the 32×32 input) and the field f,
//
//	share = Σ_{(y,x) ∈ f} max(m[y·W+x], 0) / Σ_{(y,x)} max(m[y·W+x], 0)
//	area  = |f ∩ map| / (W·H)
//
// share is 0 when the map has no positive value; a field partly outside
// the map counts its part inside. A field that lay anywhere, blind to the
// evidence, would hold about its area's part of it: share/area is how
// much more densely the evidence lies inside the field.
func FieldShare(g Grid, f Span) (share, area float64) {
	if g.W <= 0 || g.H <= 0 || len(g.Pix) < g.W*g.H {
		return 0, 0
	}
	y0, y1 := max(f.Y0, 0), min(f.Y1, g.H-1)
	x0, x1 := max(f.X0, 0), min(f.X1, g.W-1)
	var in, all float64
	for y := range g.H {
		row := g.Pix[y*g.W : (y+1)*g.W]
		var s, sIn float64
		for x, v := range row {
			if v > 0 {
				s += float64(v)
				if x >= x0 && x <= x1 {
					sIn += float64(v)
				}
			}
		}
		all += s
		if y >= y0 && y <= y1 {
			in += sIn
		}
	}
	if y1 >= y0 && x1 >= x0 {
		area = float64((y1-y0+1)*(x1-x0+1)) / float64(g.W*g.H)
	}
	if all > 0 {
		share = in / all
	}
	return share, area
}
