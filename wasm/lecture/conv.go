package lecture

import (
	"errors"
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"
	"math"
	"strings"

	"github.com/seecnn/lenet/cnn"
)

// Source is the picture the convolution playground works on.
type Source int

const (
	SourceTest    Source = iota // TestImage, 12×12
	SourceDigit                 // SampleDigit, an MNIST 7, 28×28
	SourceDrawing               // the student's drawing, once there is one
	numSources
)

var sourceNames = [numSources]i18n.Text{
	{En: "test image 12×12", Ko: "시험 영상 12×12"},
	{En: "MNIST digit 28×28", Ko: "MNIST 숫자 28×28"},
	{En: "your drawing", Ko: "직접 그린 숫자"},
}

// Name is the source's label.
func (s Source) Name(l i18n.Lang) string {
	if s < 0 || s >= numSources {
		return fmt.Sprintf("Source(%d)", int(s))
	}
	return sourceNames[s].In(l)
}

// Preset is a named kernel.
type Preset int

const (
	PresetHorizontalEdge Preset = iota
	PresetVerticalEdge
	PresetSobelX
	PresetSobelY
	PresetBoxBlur
	PresetSharpen
	PresetIdentity
	PresetCustom // edited cell by cell
	NumPresets
)

var presetNames = [NumPresets]i18n.Text{
	{En: "horizontal edge", Ko: "수평 엣지"},
	{En: "vertical edge", Ko: "수직 엣지"},
	{En: "Sobel x", Ko: "소벨 x"},
	{En: "Sobel y", Ko: "소벨 y"},
	{En: "box blur", Ko: "상자 흐림(평균)"},
	{En: "sharpen", Ko: "선명하게"},
	{En: "identity", Ko: "항등"},
	{En: "custom", Ko: "직접 편집"},
}

// Name is the preset's label.
func (p Preset) Name(l i18n.Lang) string {
	if p < 0 || p >= NumPresets {
		return fmt.Sprintf("Preset(%d)", int(p))
	}
	return presetNames[p].In(l)
}

// The 3×3 presets, row-major. The edge kernels are the lecture's pair: one
// responds where brightness changes from row to row (a horizontal edge), the
// other where it changes from column to column (a vertical edge).
var presets3 = map[Preset][9]float32{
	PresetHorizontalEdge: {-1, -1, -1, 0, 0, 0, 1, 1, 1},
	PresetVerticalEdge:   {-1, 0, 1, -1, 0, 1, -1, 0, 1},
	PresetSobelX:         {-1, 0, 1, -2, 0, 2, -1, 0, 1},
	PresetSobelY:         {-1, -2, -1, 0, 0, 0, 1, 2, 1},
	PresetSharpen:        {0, -1, 0, -1, 5, -1, 0, -1, 0},
	PresetIdentity:       {0, 0, 0, 0, 1, 0, 0, 0, 0},
}

// PresetKernel returns preset p as a size×size kernel (size 3 or 5). The
// box blur averages the whole window; the other 3×3 presets sit in the
// middle of a 5×5 kernel surrounded by zeros. PresetCustom gives zeros.
func PresetKernel(p Preset, size int) []float32 {
	k := make([]float32, size*size)
	if p == PresetBoxBlur {
		for i := range k {
			k[i] = 1 / float32(size*size)
		}
		return k
	}
	src, ok := presets3[p]
	if !ok {
		return k
	}
	off := (size - 3) / 2
	for y := 0; y < 3; y++ {
		for x := 0; x < 3; x++ {
			k[(y+off)*size+x+off] = src[y*3+x]
		}
	}
	return k
}

// Padding choices of the playground: 0, 1, 2 or "same".
const (
	PadSame     = 3
	numPadModes = 4
)

// Limits of the playground's controls.
const (
	MaxStride = 3
	MaxBias   = 10
	MaxCell   = 10
)

// Conv is the state of the convolution playground.
type Conv struct {
	Source Source
	Size   int       // kernel side, 3 or 5
	Kernel []float32 // Size×Size, row-major, as the student sees it
	Preset Preset
	Mode   cnn.Mode
	Pad    int // 0, 1, 2 or PadSame
	Stride int // 1..MaxStride
	Bias   float32
	// PointY, PointX is the output value being explained.
	PointY, PointX int
	drawing        Grid
}

// NewConv returns the playground's first state: the test image, the
// horizontal-edge kernel, cross-correlation, no padding, stride 1, no bias.
func NewConv() *Conv {
	c := &Conv{Source: SourceTest, Size: 3, Stride: 1}
	c.SetPreset(PresetHorizontalEdge)
	return c
}

// SetDrawing makes g (for example the 28×28 digit of the drawing pad) the
// picture of SourceDrawing.
func (c *Conv) SetDrawing(g Grid) { c.drawing = g }

// HasDrawing reports whether a drawing was given.
func (c *Conv) HasDrawing() bool { return c.drawing.W > 0 }

// SetSource chooses the picture.
func (c *Conv) SetSource(s Source) error {
	if s < 0 || s >= numSources {
		return fmt.Errorf("lecture: no picture source %d", int(s))
	}
	if s == SourceDrawing && !c.HasDrawing() {
		return fmt.Errorf("lecture: nothing has been drawn yet")
	}
	c.Source = s
	c.clampPoint()
	return nil
}

// SetPreset loads a preset kernel at the current size.
func (c *Conv) SetPreset(p Preset) {
	if p < 0 || p >= NumPresets {
		p = PresetIdentity
	}
	c.Preset = p
	if p != PresetCustom {
		c.Kernel = PresetKernel(p, c.Size)
	}
}

// SetSize switches between 3×3 and 5×5. A preset is reloaded at the new
// size; a custom kernel keeps its middle 3×3.
func (c *Conv) SetSize(n int) error {
	if n != 3 && n != 5 {
		return fmt.Errorf("lecture: the kernel must be 3×3 or 5×5, not %d×%d", n, n)
	}
	if n == c.Size {
		return nil
	}
	old, oldN := c.Kernel, c.Size
	c.Size = n
	if c.Preset != PresetCustom {
		c.Kernel = PresetKernel(c.Preset, n)
	} else {
		k := make([]float32, n*n)
		for y := 0; y < 3; y++ {
			for x := 0; x < 3; x++ {
				oy, ox, ny, nx := y+(oldN-3)/2, x+(oldN-3)/2, y+(n-3)/2, x+(n-3)/2
				k[ny*n+nx] = old[oy*oldN+ox]
			}
		}
		c.Kernel = k
	}
	c.clampPoint()
	return nil
}

// SetCell sets kernel cell i (row-major) to v; the kernel becomes custom.
func (c *Conv) SetCell(i int, v float32) error {
	if i < 0 || i >= len(c.Kernel) {
		return fmt.Errorf("lecture: a %d×%d kernel has no cell %d", c.Size, c.Size, i)
	}
	if math.IsNaN(float64(v)) || v > MaxCell || v < -MaxCell {
		return fmt.Errorf("lecture: a kernel value must be between %d and %d", -MaxCell, MaxCell)
	}
	c.Kernel[i] = v
	c.Preset = PresetCustom
	return nil
}

// SetPad chooses padding 0, 1, 2 or PadSame.
func (c *Conv) SetPad(p int) error {
	if p < 0 || p >= numPadModes {
		return fmt.Errorf("lecture: padding must be 0, 1, 2 or same")
	}
	c.Pad = p
	c.clampPoint()
	return nil
}

// SetStride chooses the stride, 1..MaxStride.
func (c *Conv) SetStride(s int) error {
	if s < 1 || s > MaxStride {
		return fmt.Errorf("lecture: the stride must be between 1 and %d", MaxStride)
	}
	c.Stride = s
	c.clampPoint()
	return nil
}

// SetBias sets the bias, between -MaxBias and MaxBias.
func (c *Conv) SetBias(b float32) error {
	if math.IsNaN(float64(b)) || b > MaxBias || b < -MaxBias {
		return fmt.Errorf("lecture: the bias must be between %d and %d", -MaxBias, MaxBias)
	}
	c.Bias = b
	return nil
}

// SetPoint chooses the output value to explain; it is kept inside the map.
func (c *Conv) SetPoint(y, x int) {
	c.PointY, c.PointX = y, x
	c.clampPoint()
}

func (c *Conv) clampPoint() {
	r := c.Run()
	c.PointY = max(0, min(c.PointY, r.Out.H-1))
	c.PointX = max(0, min(c.PointX, r.Out.W-1))
}

// Input is the current picture.
func (c *Conv) Input() Grid {
	switch c.Source {
	case SourceDigit:
		return SampleDigit()
	case SourceDrawing:
		if c.HasDrawing() {
			return c.drawing
		}
	}
	return TestImage()
}

// ConvResult is everything the playground shows for one state.
type ConvResult struct {
	In      Grid
	Size    int
	Pad     int // resolved padding on every side
	Stride  int
	Bias    float32
	Mode    cnn.Mode
	Kernel  []float32 // as set
	Applied []float32 // what slides over the input: Kernel, or Kernel turned 180° for convolution
	// Out is the feature map. When the stride does not tile the input it
	// holds the windows that fit, and Tiling says what was left out.
	Out Grid
	// TilingH and TilingW are set when the windows do not tile the padded
	// input along that axis.
	TilingH, TilingW *cnn.TilingError
	// CoveredH, CoveredW are the rows and columns of the padded input the
	// windows read.
	CoveredH, CoveredW int
	// Err is set when there is no output at all.
	Err error
}

// Tiles reports whether the windows cover the whole padded input.
func (r *ConvResult) Tiles() bool { return r.TilingH == nil && r.TilingW == nil }

// Run computes the feature map with cnn.Conv2D.
func (c *Conv) Run() *ConvResult {
	in := c.Input()
	r := &ConvResult{In: in, Size: c.Size, Pad: c.Pad, Stride: c.Stride, Bias: c.Bias, Mode: c.Mode,
		Kernel: append([]float32(nil), c.Kernel...)}
	if c.Pad == PadSame {
		p, err := cnn.SamePadding(c.Size)
		if err != nil {
			r.Err = err
			return r
		}
		r.Pad = p
	}
	k, err := cnn.KernelsFrom(1, 1, c.Size, c.Size, r.Kernel)
	if err != nil {
		r.Err = err
		return r
	}
	r.Applied = r.Kernel
	if c.Mode == cnn.Convolution {
		r.Applied = k.Flipped().Data
	}
	oh, okH, errH := sideSize(in.H, c.Size, r.Pad, c.Stride)
	ow, okW, errW := sideSize(in.W, c.Size, r.Pad, c.Stride)
	if errH != nil || errW != nil {
		r.Err = errors.Join(errH, errW)
		return r
	}
	r.TilingH, r.TilingW = okH, okW
	r.CoveredH, r.CoveredW = (oh-1)*c.Stride+c.Size, (ow-1)*c.Stride+c.Size
	opts := cnn.ConvOptions{Stride: c.Stride, Padding: r.Pad, Bias: []float32{c.Bias}, Mode: c.Mode}
	var t *cnn.Tensor
	if r.Tiles() {
		t, err = cnn.TensorFrom(1, in.H, in.W, in.Pix)
	} else {
		// Convolve only the part of the padded picture the windows reach:
		// the output libraries give when they round down without a word.
		t, err = cnn.TensorFrom(1, r.CoveredH, r.CoveredW, padCrop(in, r.Pad, r.CoveredH, r.CoveredW))
		opts.Padding = 0
	}
	if err != nil {
		r.Err = err
		return r
	}
	out, err := cnn.Conv2D(t, k, opts)
	if err != nil {
		r.Err = err
		return r
	}
	r.Out = Grid{W: out.W, H: out.H, Pix: out.Data}
	return r
}

// sideSize is cnn.OutputSize along one axis, with a tiling error turned
// into the rounded-down size and the error that explains it.
func sideSize(m, h, p, s int) (int, *cnn.TilingError, error) {
	n, err := cnn.OutputSize(m, h, p, s)
	var te *cnn.TilingError
	if errors.As(err, &te) {
		return (m+2*p-h)/s + 1, te, nil
	}
	return n, nil, err
}

// SizeFormula is ⌊(M + 2p − h)/s⌋ + 1 filled in with the current numbers,
// one line per axis when height and width differ.
func (r *ConvResult) SizeFormula(l i18n.Lang) string {
	return sizeFormula(l, r.In.H, r.In.W, r.Size, r.Pad, r.Stride)
}

func sizeFormula(l i18n.Lang, mh, mw, h, p, s int) string {
	one := func(m int) string {
		a := m + 2*p - h
		if a < 0 {
			return fmt.Sprintf("⌊(M + 2p − h)/s⌋ + 1 = ⌊(%d + 2·%d − %d)/%d⌋ + 1: %d < 0", m, p, h, s, a)
		}
		if a%s == 0 {
			return fmt.Sprintf("⌊(M + 2p − h)/s⌋ + 1 = (%d + 2·%d − %d)/%d + 1 = %d/%d + 1 = %d", m, p, h, s, a, s, a/s+1)
		}
		return fmt.Sprintf("⌊(M + 2p − h)/s⌋ + 1 = ⌊(%d + 2·%d − %d)/%d⌋ + 1 = ⌊%d/%d⌋ + 1 = %d", m, p, h, s, a, s, a/s+1)
	}
	if mh == mw {
		return one(mh)
	}
	return l.Pick("height: ", "높이: ") + one(mh) + "\n" + l.Pick("width: ", "너비: ") + one(mw)
}

// Explanation says in words why the output has the size it has, or why
// there is none; for a stride that does not tile it says which rows and
// columns are never read instead of rounding down in silence.
func (r *ConvResult) Explanation(l i18n.Lang) string {
	if r.Err != nil {
		return noOutputText(l, r.In.H, r.In.W, r.Size, r.Pad)
	}
	if r.Tiles() {
		if r.Out.H == r.In.H && r.Out.W == r.In.W {
			return l.Pick(
				fmt.Sprintf("Padding %d keeps the %s the size of the input, %d×%d.", r.Pad, i18n.FeatureMap.In(l), r.Out.H, r.Out.W),
				fmt.Sprintf("덧대기 %d로 %s이 입력과 같은 크기 %d×%d를 유지합니다.", r.Pad, i18n.FeatureMap.In(l), r.Out.H, r.Out.W))
		}
		return l.Pick(
			fmt.Sprintf("The %d×%d window fits %d×%d times: the %s is %d×%d.", r.Size, r.Size, r.Out.H, r.Out.W, i18n.FeatureMap.In(l), r.Out.H, r.Out.W),
			fmt.Sprintf("%d×%d 창이 %d×%d곳에 놓입니다: %s은 %d×%d입니다.", r.Size, r.Size, r.Out.H, r.Out.W, i18n.FeatureMap.In(l), r.Out.H, r.Out.W))
	}
	return tilingText(l, r.TilingH, r.TilingW, r.Out.H, r.Out.W)
}

// noOutputText explains a window larger than the padded input.
func noOutputText(l i18n.Lang, mh, mw, h, p int) string {
	m := min(mh, mw)
	return l.Pick(
		fmt.Sprintf("No output: the %d×%d window does not fit in the padded input, %d + 2·%d = %d. Add padding or use a smaller window.", h, h, m, p, m+2*p),
		fmt.Sprintf("출력 없음: %d×%d 창이 덧댄 입력 %d + 2·%d = %d 안에 들어가지 않습니다. 덧대기를 늘리거나 더 작은 창을 쓰세요.", h, h, m, p, m+2*p))
}

// tilingText explains a stride that does not tile the padded input.
func tilingText(l i18n.Lang, th, tw *cnn.TilingError, oh, ow int) string {
	var parts []string
	for _, t := range []*cnn.TilingError{th, tw} {
		if t == nil {
			continue
		}
		if th != nil && tw != nil && t == tw && *th == *tw {
			break // a square input: one sentence covers both axes
		}
		a := t.M + 2*t.P - t.H
		n := a/t.S + 1
		axis := l.Pick("row", "행")
		if t.Axis == "width" {
			axis = l.Pick("column", "열")
		}
		if th != nil && tw != nil && *th == *tw {
			axis = l.Pick("row and column", "행과 열")
			if t.Leftover > 1 {
				axis = l.Pick("rows and columns", "행과 열")
			}
		} else if t.Leftover > 1 {
			axis += l.Pick("s", "")
		}
		parts = append(parts, l.Pick(
			fmt.Sprintf("Stride %d does not tile this input: M + 2p − h = %d + 2·%d − %d = %d is not a multiple of s = %d (%d = %d·%d + %d). "+
				"The window stops after ⌊%d/%d⌋ + 1 = %d positions, so the last %d %s of the padded input are never read (shaded).",
				t.S, t.M, t.P, t.H, a, t.S, a, a/t.S, t.S, t.Leftover, a, t.S, n, t.Leftover, axis),
			fmt.Sprintf("보폭 %d로는 이 입력을 빈틈없이 훑을 수 없습니다: M + 2p − h = %d + 2·%d − %d = %d는 s = %d의 배수가 아닙니다 (%d = %d·%d + %d). "+
				"창은 ⌊%d/%d⌋ + 1 = %d곳에서 멈추므로 덧댄 입력의 마지막 %d개 %s은 읽히지 않습니다(음영).",
				t.S, t.M, t.P, t.H, a, t.S, a, a/t.S, t.S, t.Leftover, a, t.S, n, t.Leftover, axis)))
	}
	parts = append(parts, l.Pick(
		fmt.Sprintf("Most libraries round down silently and give %d×%d; choose a padding or stride for which s divides M + 2p − h.", oh, ow),
		fmt.Sprintf("대부분의 라이브러리는 말없이 내림하여 %d×%d를 냅니다. s가 M + 2p − h를 나누도록 덧대기나 보폭을 고르세요.", oh, ow)))
	return strings.Join(parts, " ")
}

// Term is one multiplication of a window: input value times kernel value.
type Term struct {
	Y, X    int // position in the input; outside it is padding (value 0)
	In, K   float32
	Product float32
}

// Window is how one output value came about.
type Window struct {
	OY, OX int // the output position
	Y0, X0 int // top-left of the window in input coordinates (negative in the padding)
	Terms  []Term
	Sum    float32 // Σ products
	Bias   float32
	Value  float32 // the feature map's value, from cnn.Conv2D
}

// Window returns the window and the multiply-adds of output (oy, ox).
func (r *ConvResult) Window(oy, ox int) (Window, error) {
	if r.Err != nil || oy < 0 || ox < 0 || oy >= r.Out.H || ox >= r.Out.W {
		return Window{}, fmt.Errorf("lecture: no output value at row %d, column %d", oy, ox)
	}
	w := Window{OY: oy, OX: ox, Y0: oy*r.Stride - r.Pad, X0: ox*r.Stride - r.Pad, Bias: r.Bias, Value: r.Out.Pix[oy*r.Out.W+ox]}
	for i := 0; i < r.Size; i++ {
		for j := 0; j < r.Size; j++ {
			t := Term{Y: w.Y0 + i, X: w.X0 + j, K: r.Applied[i*r.Size+j]}
			t.In = r.In.At(t.Y, t.X)
			t.Product = t.In * t.K
			w.Sum += t.Product
			w.Terms = append(w.Terms, t)
		}
	}
	return w, nil
}

// Expression writes the multiply-add out: the non-zero products, how many
// are zero, the bias and the result.
func (w Window) Expression(l i18n.Lang) string {
	var b strings.Builder
	zeros := 0
	for _, t := range w.Terms {
		if t.Product == 0 {
			zeros++
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" + ")
		}
		fmt.Fprintf(&b, "%s·%s", num(t.In), paren(t.K))
	}
	if b.Len() == 0 {
		b.WriteString("0")
	}
	if zeros > 0 {
		b.WriteString(l.Pick(fmt.Sprintf(" (+ %d zero products)", zeros), fmt.Sprintf(" (+ 0인 곱 %d개)", zeros)))
	}
	fmt.Fprintf(&b, " + b(%s) = %s", num(w.Bias), num(w.Value))
	return b.String()
}

// paren writes negative numbers in brackets, as in 1·(−1).
func paren(v float32) string {
	if v < 0 {
		return "(" + num(v) + ")"
	}
	return num(v)
}
