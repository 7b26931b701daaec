package lecture

import (
	"errors"
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"
	"strings"

	"github.com/seecnn/lenet/cnn"
)

// PoolSource is the feature map the pooling view summarises.
type PoolSource int

const (
	PoolSmall   PoolSource = iota // SmallMap, 8×8 whole numbers
	PoolDigit                     // EdgeMap of SampleDigit, 28×28
	PoolDrawing                   // EdgeMap of the student's drawing
	numPoolSources
)

var poolSourceNames = [numPoolSources]i18n.Text{
	{En: "small map 8×8", Ko: "작은 특징 맵 8×8"},
	{En: "edge map of the sample digit", Ko: "예시 숫자의 엣지 특징 맵"},
	{En: "edge map of your drawing", Ko: "직접 그린 숫자의 엣지 특징 맵"},
}

// Name is the source's label.
func (s PoolSource) Name(l i18n.Lang) string {
	if s < 0 || s >= numPoolSources {
		return fmt.Sprintf("PoolSource(%d)", int(s))
	}
	return poolSourceNames[s].In(l)
}

// SmallMap is an 8×8 feature map of whole numbers, small enough to read
// every value and check every window by eye.
func SmallMap() Grid {
	return Grid{W: 8, H: 8, Pix: []float32{
		1, 3, 2, 0, 4, 1, 0, 2,
		5, 6, 1, 2, 0, 7, 3, 1,
		2, 0, 8, 3, 1, 2, 9, 0,
		1, 4, 2, 2, 6, 5, 1, 3,
		0, 2, 7, 1, 3, 0, 2, 4,
		3, 1, 0, 5, 2, 8, 1, 0,
		6, 2, 3, 1, 0, 1, 4, 2,
		1, 0, 2, 4, 3, 2, 5, 7,
	}}
}

// EdgeMap is the vertical-edge feature map of g at "same" padding after
// ReLU: what a C1-like layer would hand to a pooling layer.
func EdgeMap(g Grid) (Grid, error) {
	t, err := cnn.TensorFrom(1, g.H, g.W, append([]float32(nil), g.Pix...))
	if err != nil {
		return Grid{}, err
	}
	k, err := cnn.KernelsFrom(1, 1, 3, 3, PresetKernel(PresetVerticalEdge, 3))
	if err != nil {
		return Grid{}, err
	}
	out, err := cnn.Conv2D(t, k, cnn.ConvOptions{Stride: 1, Same: true})
	if err != nil {
		return Grid{}, err
	}
	cnn.ReLU.ApplyAll(out.Data)
	return Grid{W: out.W, H: out.H, Pix: out.Data}, nil
}

// MaxPoolWindow bounds the pooling window and stride of the view.
const MaxPoolWindow = 4

// Pool is the state of the pooling view.
type Pool struct {
	Source         PoolSource
	Mode           cnn.PoolMode
	Size, Stride   int
	PointY, PointX int
	drawing        Grid
}

// NewPool returns the pooling view's first state: the small map, max
// pooling 2×2 with stride 2, as in LeNet-5's S2 and S4.
func NewPool() *Pool { return &Pool{Source: PoolSmall, Mode: cnn.MaxPool, Size: 2, Stride: 2} }

// SetDrawing gives the student's drawing, for PoolDrawing.
func (p *Pool) SetDrawing(g Grid) { p.drawing = g }

// HasDrawing reports whether a drawing was given.
func (p *Pool) HasDrawing() bool { return p.drawing.W > 0 }

// SetSource chooses the feature map.
func (p *Pool) SetSource(s PoolSource) error {
	if s < 0 || s >= numPoolSources {
		return fmt.Errorf("lecture: no feature map source %d", int(s))
	}
	if s == PoolDrawing && !p.HasDrawing() {
		return fmt.Errorf("lecture: nothing has been drawn yet")
	}
	p.Source = s
	p.clampPoint()
	return nil
}

// SetMode chooses max or average pooling.
func (p *Pool) SetMode(m cnn.PoolMode) error {
	if m != cnn.MaxPool && m != cnn.AvgPool {
		return fmt.Errorf("lecture: unknown pooling mode %v", m)
	}
	p.Mode = m
	return nil
}

// SetSize chooses the window side, 1..MaxPoolWindow.
func (p *Pool) SetSize(n int) error {
	if n < 1 || n > MaxPoolWindow {
		return fmt.Errorf("lecture: the pooling window must be between 1 and %d", MaxPoolWindow)
	}
	p.Size = n
	p.clampPoint()
	return nil
}

// SetStride chooses the stride, 1..MaxPoolWindow.
func (p *Pool) SetStride(s int) error {
	if s < 1 || s > MaxPoolWindow {
		return fmt.Errorf("lecture: the stride must be between 1 and %d", MaxPoolWindow)
	}
	p.Stride = s
	p.clampPoint()
	return nil
}

// SetPoint chooses the output value to explain.
func (p *Pool) SetPoint(y, x int) {
	p.PointY, p.PointX = y, x
	p.clampPoint()
}

func (p *Pool) clampPoint() {
	r := p.Run()
	p.PointY = max(0, min(p.PointY, r.Out.H-1))
	p.PointX = max(0, min(p.PointX, r.Out.W-1))
}

// Input is the feature map being pooled.
func (p *Pool) Input() Grid {
	var g Grid
	var err error
	switch p.Source {
	case PoolDigit:
		g, err = EdgeMap(SampleDigit())
	case PoolDrawing:
		if p.HasDrawing() {
			g, err = EdgeMap(p.drawing)
		} else {
			g = SmallMap()
		}
	default:
		g = SmallMap()
	}
	if err != nil {
		return SmallMap()
	}
	return g
}

// PoolResult is everything the pooling view shows.
type PoolResult struct {
	In           Grid
	Mode         cnn.PoolMode
	Size, Stride int
	Out          Grid
	// Winners holds, for max pooling, the index in In.Pix of each output
	// value's winning cell.
	Winners            []int
	TilingH, TilingW   *cnn.TilingError
	CoveredH, CoveredW int
	Err                error
}

// Tiles reports whether the windows cover the whole input.
func (r *PoolResult) Tiles() bool { return r.TilingH == nil && r.TilingW == nil }

// Run pools the feature map with cnn.Pool2D.
func (p *Pool) Run() *PoolResult {
	in := p.Input()
	r := &PoolResult{In: in, Mode: p.Mode, Size: p.Size, Stride: p.Stride}
	oh, th, errH := sideSize(in.H, p.Size, 0, p.Stride)
	ow, tw, errW := sideSize(in.W, p.Size, 0, p.Stride)
	if errH != nil || errW != nil {
		r.Err = errors.Join(errH, errW)
		return r
	}
	r.TilingH, r.TilingW = th, tw
	r.CoveredH, r.CoveredW = (oh-1)*p.Stride+p.Size, (ow-1)*p.Stride+p.Size
	t, err := cnn.TensorFrom(1, r.CoveredH, r.CoveredW, padCrop(in, 0, r.CoveredH, r.CoveredW))
	if err != nil {
		r.Err = err
		return r
	}
	out, win, err := cnn.Pool2D(t, cnn.PoolOptions{Size: p.Size, Stride: p.Stride, Mode: p.Mode})
	if err != nil {
		r.Err = err
		return r
	}
	r.Out = Grid{W: out.W, H: out.H, Pix: out.Data}
	for _, i := range win {
		y, x := int(i)/r.CoveredW, int(i)%r.CoveredW
		r.Winners = append(r.Winners, y*in.W+x)
	}
	return r
}

// SizeFormula is ⌊(M − h)/s⌋ + 1 with the current numbers (pooling pads
// nothing).
func (r *PoolResult) SizeFormula(l i18n.Lang) string {
	return sizeFormula(l, r.In.H, r.In.W, r.Size, 0, r.Stride)
}

// Explanation says what the window does, or why the stride leaves part of
// the map unread.
func (r *PoolResult) Explanation(l i18n.Lang) string {
	if r.Err != nil {
		return noOutputText(l, r.In.H, r.In.W, r.Size, 0)
	}
	if !r.Tiles() {
		return tilingText(l, r.TilingH, r.TilingW, r.Out.H, r.Out.W)
	}
	var what string
	if r.Mode == cnn.MaxPool {
		what = l.Pick("keeps the largest value of each window (the winner is outlined)", "각 창에서 가장 큰 값을 취합니다(승자 칸에 테두리)")
	} else {
		what = l.Pick("keeps the mean of each window", "각 창의 평균을 취합니다")
	}
	return l.Pick(
		fmt.Sprintf("%s %d×%d, stride %d, %s: %d×%d → %d×%d, with no parameters to learn.",
			poolModeName(r.Mode).In(l), r.Size, r.Size, r.Stride, what, r.In.H, r.In.W, r.Out.H, r.Out.W),
		fmt.Sprintf("%s %d×%d, 보폭 %d: %s. %d×%d → %d×%d, 학습할 매개변수는 없습니다.",
			poolModeName(r.Mode).In(l), r.Size, r.Size, r.Stride, what, r.In.H, r.In.W, r.Out.H, r.Out.W))
}

func poolModeName(m cnn.PoolMode) i18n.Term {
	if m == cnn.AvgPool {
		return i18n.AvgPooling
	}
	return i18n.MaxPooling
}

// PoolWindow is how one pooled value came about.
type PoolWindow struct {
	OY, OX int
	Y0, X0 int       // top-left of the window in the input
	Values []float32 // the window, row-major
	Winner int       // index in In.Pix of the max (max pooling), else -1
	Value  float32   // the pooled value, from cnn.Pool2D
}

// Window returns the window of output (oy, ox).
func (r *PoolResult) Window(oy, ox int) (PoolWindow, error) {
	if r.Err != nil || oy < 0 || ox < 0 || oy >= r.Out.H || ox >= r.Out.W {
		return PoolWindow{}, fmt.Errorf("lecture: no pooled value at row %d, column %d", oy, ox)
	}
	w := PoolWindow{OY: oy, OX: ox, Y0: oy * r.Stride, X0: ox * r.Stride, Winner: -1, Value: r.Out.Pix[oy*r.Out.W+ox]}
	for i := 0; i < r.Size; i++ {
		for j := 0; j < r.Size; j++ {
			w.Values = append(w.Values, r.In.At(w.Y0+i, w.X0+j))
		}
	}
	if r.Winners != nil {
		w.Winner = r.Winners[oy*r.Out.W+ox]
	}
	return w, nil
}

// Expression writes the pooling of the window out: max(…) = v or
// (… + …)/k = v.
func (w PoolWindow) Expression(mode cnn.PoolMode) string {
	vals := make([]string, len(w.Values))
	for i, v := range w.Values {
		vals[i] = num(v)
	}
	if mode == cnn.MaxPool {
		return fmt.Sprintf("max(%s) = %s", strings.Join(vals, ", "), num(w.Value))
	}
	return fmt.Sprintf("(%s)/%d = %s", strings.Join(vals, " + "), len(w.Values), num(w.Value))
}
