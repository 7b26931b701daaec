package lecture

import (
	"errors"
	"github.com/seecnn/lenet/wasm/i18n"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// The lecture's figures, as the cost view shows them.
func TestCostRowsMatchTheLecture(t *testing.T) {
	want := map[string]struct {
		params, connections, macs int64
		formula                   string
	}{
		"C1":     {156, 122304, 117600, "(1·5·5+1)·6 = 156"},
		"S2":     {0, 4704, 0, "0"},
		"C3":     {2416, 0, 240000, "(6·5·5+1)·16 = 2,416"},
		"S4":     {0, 1600, 0, "0"},
		"C5":     {48120, 0, 48000, "(16·5·5+1)·120 = 48,120"},
		"F6":     {10164, 0, 10080, "(120+1)·84 = 10,164"},
		"Output": {850, 0, 840, "(84+1)·10 = 850"},
	}
	for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
		rows := CostRows(l)
		if len(rows) != len(want) {
			t.Fatalf("%v: %d rows, want %d", l, len(rows), len(want))
		}
		for _, r := range rows {
			w := want[r.Name]
			if r.Params() != w.params || r.MACs != w.macs || r.Formula != w.formula {
				t.Errorf("%v %s: params %d MACs %d formula %q, want %d %d %q", l, r.Name, r.Params(), r.MACs, r.Formula, w.params, w.macs, w.formula)
			}
			if w.connections != 0 && r.Connections != w.connections {
				t.Errorf("%s: %d connections, want %d", r.Name, r.Connections, w.connections)
			}
			if r.Operation == "" || r.Note == "" || r.BiasNote == "" {
				t.Errorf("%v %s: empty text %+v", l, r.Name, r)
			}
		}
	}
	c1 := CostRows(i18n.En)[0]
	if !strings.Contains(c1.BiasNote, "150 weights + 6 biases") || !strings.Contains(c1.Note, "122,304 connections") ||
		!strings.Contains(c1.Note, "only 156 parameters") || !strings.Contains(c1.Note, "1,024·4,704 = 4,816,896") {
		t.Errorf("C1 notes: %q / %q", c1.BiasNote, c1.Note)
	}
	if ko := CostRows(i18n.Ko)[0]; !strings.Contains(ko.Operation, "커널 6개") || !strings.Contains(ko.BiasNote, "바이어스 6") {
		t.Errorf("C1 in Korean: %q / %q", ko.Operation, ko.BiasNote)
	}
}

func TestTotals(t *testing.T) {
	tt := Totals()
	if tt.Conv.Params() != 50692 || tt.FC.Params() != 11014 || tt.All.Params() != 61706 || tt.All.MACs != 416520 {
		t.Fatalf("totals %+v", tt)
	}
	en := strings.Join(tt.Text(i18n.En), "\n")
	for _, s := range []string{"50,692 + 11,014 = 61,706", "416,520"} {
		if !strings.Contains(en, s) {
			t.Errorf("totals text lacks %q: %s", s, en)
		}
	}
	if ko := strings.Join(tt.Text(i18n.Ko), "\n"); !strings.Contains(ko, "61,706") || !strings.Contains(ko, "곱셈-덧셈 416,520번") {
		t.Errorf("Korean totals: %s", ko)
	}
}

func TestWorkedExample(t *testing.T) {
	e := NewExample()
	r, err := e.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if r.PerKernel != 7077888 || r.Formula != "512·512·3·3·3 = 7,077,888" {
		t.Fatalf("lecture example: %d %q", r.PerKernel, r.Formula)
	}
	e.Count, e.Same = 64, false
	r, err = e.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if r.PerKernel != 510*510*27 || r.All.MACs != 64*510*510*27 || r.All.Weights != 64*27 {
		t.Errorf("64 kernels without padding: %+v", r)
	}
	for _, bad := range []Example{{0, 3, 3, 1, true}, {512, 0, 3, 1, true}, {512, 3, 0, 1, true}, {512, 3, 3, 0, true},
		{MaxExampleSide + 1, 3, 3, 1, true}, {512, 3, 4, 1, true}, {2, 3, 5, 1, false}} {
		if _, err := bad.Compute(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if s, err := PartialExample(i18n.En, 10, 3); err != nil || !strings.Contains(s, "h·n2 = 3·8 = 24") || !strings.Contains(s, "n1·n2 = 10·8 = 80") {
		t.Errorf("partial connectivity: %q %v", s, err)
	}
	if _, err := PartialExample(i18n.Ko, 2, 3); err == nil {
		t.Error("a kernel larger than the layer: no error")
	}
	if s := SharingExample(i18n.En); !strings.Contains(s, "4,294,967,296") || !strings.Contains(s, ": 9") {
		t.Errorf("sharing example: %s", s)
	}
}

func conv(t *testing.T, src Source, p Preset, mode cnn.Mode) *ConvResult {
	t.Helper()
	c := NewConv()
	if err := c.SetSource(src); err != nil {
		t.Fatal(err)
	}
	c.SetPreset(p)
	c.Mode = mode
	r := c.Run()
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r
}

func equal(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-5 {
			return false
		}
	}
	return true
}

// Sobel changes when the kernel is flipped; the box blur does not.
func TestCorrelationVersusConvolution(t *testing.T) {
	for _, src := range []Source{SourceTest, SourceDigit} {
		for _, tc := range []struct {
			p    Preset
			same bool
		}{{PresetSobelX, false}, {PresetSobelY, false}, {PresetHorizontalEdge, false}, {PresetVerticalEdge, false},
			{PresetBoxBlur, true}, {PresetSharpen, true}, {PresetIdentity, true}} {
			a := conv(t, src, tc.p, cnn.Correlation)
			b := conv(t, src, tc.p, cnn.Convolution)
			if got := equal(a.Out.Pix, b.Out.Pix); got != tc.same {
				t.Errorf("%v, %s: correlation == convolution is %v, want %v", src, tc.p.Name(i18n.En), got, tc.same)
			}
			if got := equal(a.Applied, b.Applied); got != tc.same {
				t.Errorf("%s: applied kernels equal %v", tc.p.Name(i18n.En), got)
			}
		}
	}
	// The flipped Sobel x is Sobel x turned 180°: the sign changes.
	b := conv(t, SourceTest, PresetSobelX, cnn.Convolution)
	if !equal(b.Applied, []float32{1, 0, -1, 2, 0, -2, 1, 0, -1}) || !equal(b.Kernel, presetSlice(PresetSobelX)) {
		t.Errorf("flipped Sobel x: %v", b.Applied)
	}
}

func presetSlice(p Preset) []float32 { k := presets3[p]; return k[:] }

// The test image's rectangle has its top edge between rows 1 and 2:
// the horizontal-edge kernel (−1 above, +1 below) answers with +3 there.
func TestEdgeKernelOnTestImage(t *testing.T) {
	r := conv(t, SourceTest, PresetHorizontalEdge, cnn.Correlation)
	if r.Out.W != 10 || r.Out.H != 10 {
		t.Fatalf("output %d×%d, want 10×10", r.Out.H, r.Out.W)
	}
	// output (1, 2) reads input rows 1..3, columns 2..4: row 1 is dark,
	// row 3 is bright.
	if v := r.Out.Pix[1*10+2]; v != 3 {
		t.Errorf("top edge: %v, want 3", v)
	}
	if v := r.Out.Pix[3*10+2]; v != 0 {
		t.Errorf("inside the rectangle: %v, want 0", v)
	}
}

func TestSizesAndFormula(t *testing.T) {
	c := NewConv() // 12×12, 3×3
	cases := []struct {
		pad, stride int
		side        int
		tiles       bool
		formula     string
	}{
		{0, 1, 10, true, "⌊(M + 2p − h)/s⌋ + 1 = (12 + 2·0 − 3)/1 + 1 = 9/1 + 1 = 10"},
		{1, 1, 12, true, "(12 + 2·1 − 3)/1 + 1 = 11/1 + 1 = 12"},
		{PadSame, 1, 12, true, "(12 + 2·1 − 3)/1 + 1"},
		{2, 1, 14, true, "= 14"},
		{0, 2, 5, false, "⌊(12 + 2·0 − 3)/2⌋ + 1 = ⌊9/2⌋ + 1 = 5"},
		{0, 3, 4, true, "(12 + 2·0 − 3)/3 + 1 = 9/3 + 1 = 4"},
		{1, 3, 4, false, "⌊11/3⌋ + 1 = 4"},
		{2, 2, 7, false, "⌊13/2⌋ + 1 = 7"},
	}
	for _, tc := range cases {
		if err := c.SetPad(tc.pad); err != nil {
			t.Fatal(err)
		}
		if err := c.SetStride(tc.stride); err != nil {
			t.Fatal(err)
		}
		r := c.Run()
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.Out.H != tc.side || r.Out.W != tc.side || r.Tiles() != tc.tiles {
			t.Errorf("pad %d stride %d: %d×%d tiles %v, want %d tiles %v", tc.pad, tc.stride, r.Out.H, r.Out.W, r.Tiles(), tc.side, tc.tiles)
		}
		if f := r.SizeFormula(i18n.En); !strings.Contains(f, tc.formula) {
			t.Errorf("pad %d stride %d: formula %q lacks %q", tc.pad, tc.stride, f, tc.formula)
		}
	}
}

// A stride that does not tile is explained in both languages, and the
// map that is shown is the one the windows that fit give.
func TestTilingExplanation(t *testing.T) {
	c := NewConv()
	if err := c.SetStride(2); err != nil {
		t.Fatal(err)
	}
	r := c.Run()
	if r.Tiles() || r.TilingH == nil || r.TilingH.Leftover != 1 || r.CoveredH != 11 {
		t.Fatalf("stride 2 on 12×12: %+v", r)
	}
	en, ko := r.Explanation(i18n.En), r.Explanation(i18n.Ko)
	for _, s := range []string{"does not tile", "= 9 is not a multiple of s = 2", "9 = 4·2 + 1", "last 1 row and column of the padded input", "5×5"} {
		if !strings.Contains(en, s) {
			t.Errorf("English explanation lacks %q: %s", s, en)
		}
	}
	for _, s := range []string{"보폭 2", "배수가 아닙니다", "덧대기"} {
		if !strings.Contains(ko, s) {
			t.Errorf("Korean explanation lacks %q: %s", s, ko)
		}
	}
	// The shown map equals the tiling map of the input without its last
	// row and column.
	in := TestImage()
	crop := make([]float32, 0, 121)
	for y := 0; y < 11; y++ {
		crop = append(crop, in.Pix[y*12:y*12+11]...)
	}
	tt, _ := cnn.TensorFrom(1, 11, 11, crop)
	k, _ := cnn.KernelsFrom(1, 1, 3, 3, PresetKernel(PresetHorizontalEdge, 3))
	want, err := cnn.Conv2D(tt, k, cnn.ConvOptions{Stride: 2, Bias: []float32{0}})
	if err != nil {
		t.Fatal(err)
	}
	if !equal(r.Out.Pix, want.Data) {
		t.Errorf("non-tiling output %v, want %v", r.Out.Pix, want.Data)
	}
	// The digit at stride 3: 28 − 3 = 25 = 8·3 + 1.
	if err := c.SetSource(SourceDigit); err != nil {
		t.Fatal(err)
	}
	if err := c.SetStride(3); err != nil {
		t.Fatal(err)
	}
	if r := c.Run(); r.Tiles() || !strings.Contains(r.Explanation(i18n.En), "25 = 8·3 + 1") {
		t.Errorf("digit, stride 3: %s", r.Explanation(i18n.En))
	}
}

// Every output value equals the multiply-add its window shows.
func TestWindowTermsAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 40; trial++ {
		c := NewConv()
		_ = c.SetSource(Source(rng.IntN(2)))
		_ = c.SetSize(3 + 2*rng.IntN(2))
		c.SetPreset(Preset(rng.IntN(int(PresetCustom))))
		if rng.IntN(2) == 0 {
			_ = c.SetCell(rng.IntN(c.Size*c.Size), float32(rng.IntN(9)-4)/2)
		}
		c.Mode = cnn.Mode(rng.IntN(2))
		_ = c.SetPad(rng.IntN(numPadModes))
		_ = c.SetStride(1 + rng.IntN(MaxStride))
		_ = c.SetBias(float32(rng.IntN(5) - 2))
		r := c.Run()
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		for oy := 0; oy < r.Out.H; oy++ {
			for ox := 0; ox < r.Out.W; ox++ {
				w, err := r.Window(oy, ox)
				if err != nil {
					t.Fatal(err)
				}
				if d := math.Abs(float64(w.Sum + w.Bias - w.Value)); d > 1e-4 {
					t.Fatalf("trial %d (%d,%d): terms %v + bias %v ≠ %v", trial, oy, ox, w.Sum, w.Bias, w.Value)
				}
			}
		}
	}
	r := conv(t, SourceTest, PresetSobelY, cnn.Correlation)
	w, _ := r.Window(0, 1)
	if e := w.Expression(i18n.En); !strings.HasSuffix(e, "= "+num(w.Value)) || !strings.Contains(e, "zero products") {
		t.Errorf("expression %q", e)
	}
	if _, err := r.Window(10, 0); err == nil {
		t.Error("a window outside the map: no error")
	}
}

func TestConvInputErrors(t *testing.T) {
	c := NewConv()
	if err := c.SetSource(SourceDrawing); err == nil {
		t.Error("drawing source with no drawing accepted")
	}
	for _, err := range []error{c.SetSize(4), c.SetCell(9, 1), c.SetCell(0, 11), c.SetCell(0, float32(math.NaN())),
		c.SetPad(4), c.SetPad(-1), c.SetStride(0), c.SetStride(4), c.SetBias(11), c.SetSource(Source(7))} {
		if err == nil {
			t.Error("bad input accepted")
		}
	}
	if _, err := NewGrid(0, 5, nil); err == nil {
		t.Error("empty grid accepted")
	}
	if _, err := NewGrid(2, 2, []float32{0, 1, float32(math.Inf(1)), 0}); err == nil {
		t.Error("infinite value accepted")
	}
	g, err := NewGrid(3, 3, []float32{0, 1, 0, 0, 1, 0, 0, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	c.SetDrawing(g)
	if err := c.SetSource(SourceDrawing); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSize(5); err != nil {
		t.Fatal(err)
	}
	r := c.Run()
	if r.Err == nil || !strings.Contains(r.Explanation(i18n.En), "does not fit") || !strings.Contains(r.Explanation(i18n.Ko), "들어가지 않습니다") {
		t.Errorf("5×5 on 3×3: %v, %q", r.Err, r.Explanation(i18n.En))
	}
	_ = c.SetPad(PadSame)
	if r := c.Run(); r.Err != nil || r.Out.W != 3 {
		t.Errorf("same padding on 3×3: %v %d", r.Err, r.Out.W)
	}
}

// A custom kernel survives a change of size in its middle 3×3.
func TestCustomKernelResize(t *testing.T) {
	c := NewConv()
	if err := c.SetCell(4, 2); err != nil {
		t.Fatal(err)
	}
	if c.Preset != PresetCustom {
		t.Fatal("editing did not make the kernel custom")
	}
	_ = c.SetSize(5)
	if c.Kernel[12] != 2 || c.Kernel[6] != -1 || c.Kernel[0] != 0 {
		t.Errorf("5×5: %v", c.Kernel)
	}
	_ = c.SetSize(3)
	if !equal(c.Kernel, []float32{-1, -1, -1, 0, 2, 0, 1, 1, 1}) {
		t.Errorf("back to 3×3: %v", c.Kernel)
	}
	c.SetPreset(PresetBoxBlur)
	_ = c.SetSize(5)
	if c.Kernel[0] != 1.0/25 {
		t.Errorf("5×5 box blur: %v", c.Kernel)
	}
}

func TestPooling(t *testing.T) {
	p := NewPool()
	r := p.Run()
	if r.Err != nil || r.Out.W != 4 || r.Out.H != 4 || !r.Tiles() {
		t.Fatalf("2×2/2 on 8×8: %+v", r)
	}
	// first window: 1 3 / 5 6 → 6, at row 1 column 1 of the map.
	w, _ := r.Window(0, 0)
	if w.Value != 6 || w.Winner != 1*8+1 || w.Expression(cnn.MaxPool) != "max(1, 3, 5, 6) = 6" {
		t.Errorf("first window %+v %q", w, w.Expression(cnn.MaxPool))
	}
	for i, win := range r.Winners {
		if r.In.Pix[win] != r.Out.Pix[i] {
			t.Errorf("winner %d holds %v, output %v", i, r.In.Pix[win], r.Out.Pix[i])
		}
	}
	if err := p.SetMode(cnn.AvgPool); err != nil {
		t.Fatal(err)
	}
	r = p.Run()
	w, _ = r.Window(0, 0)
	if w.Value != 3.75 || r.Winners != nil || w.Expression(cnn.AvgPool) != "(1 + 3 + 5 + 6)/4 = 3.75" {
		t.Errorf("average: %+v %q", w, w.Expression(cnn.AvgPool))
	}
	if !strings.Contains(r.Explanation(i18n.En), "no parameters") || !strings.Contains(r.Explanation(i18n.Ko), "매개변수는 없습니다") {
		t.Errorf("explanation %q", r.Explanation(i18n.En))
	}
	// 3×3 stride 2 on 8: 5 = 2·2 + 1 does not tile.
	_ = p.SetSize(3)
	r = p.Run()
	if r.Tiles() || r.Out.W != 3 || !strings.Contains(r.Explanation(i18n.En), "5 = 2·2 + 1") {
		t.Errorf("3×3/2: %d %q", r.Out.W, r.Explanation(i18n.En))
	}
	_ = p.SetMode(cnn.MaxPool)
	_ = p.SetSource(PoolDigit)
	r = p.Run()
	if r.Err != nil || r.In.W != 28 {
		t.Fatalf("digit map: %v", r.Err)
	}
	for i, win := range r.Winners {
		if r.In.Pix[win] != r.Out.Pix[i] {
			t.Fatalf("digit winner %d", i)
		}
	}
	for _, err := range []error{p.SetSize(0), p.SetSize(5), p.SetStride(0), p.SetStride(5), p.SetMode(cnn.PoolMode(3)), p.SetSource(PoolDrawing)} {
		if err == nil {
			t.Error("bad pooling input accepted")
		}
	}
}

// ReceptiveField agrees with the recurrence and with the network: a
// perturbation outside the region never changes the unit, one inside
// always does when every weight is positive.
func TestReceptiveFields(t *testing.T) {
	sides := map[string]int{"C1": 5, "S2": 6, "C3": 14, "S4": 16, "C5": 32}
	for name, side := range sides {
		st, err := ReceptiveField(name, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		in := st[len(st)-1]
		if in.Layer != "Input" || in.Span.H() != side || in.Span.W() != side {
			t.Errorf("%s: input region %+v, want %d×%d", name, in, side, side)
		}
	}
	g := strings.Join(RFGrowth(), "; ")
	if !strings.Contains(g, "C3: 6 + (5 − 1)·2 = 14") || !strings.Contains(g, "S4: 14 + (2 − 1)·2 = 16") || !strings.Contains(g, "C5: 16 + (5 − 1)·4 = 32") {
		t.Errorf("growth: %s", g)
	}
	if _, err := ReceptiveField("F6", 0, 0); err == nil {
		t.Error("F6 accepted")
	}
	if _, err := ReceptiveField("C3", 10, 0); err == nil {
		t.Error("C3 row 10 accepted")
	}

	rng := rand.New(rand.NewPCG(3, 4))
	params := make([]float32, lenet.NumParams)
	for i := range params {
		params[i] = 0.05 + 0.1*rng.Float32()
	}
	net, err := lenet.FromParams(params)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float32, lenet.InputLen)
	for i := range x {
		x[i] = rng.Float32()
	}
	var base, pert lenet.Activations
	net.Forward(x, &base)
	units := []struct {
		layer string
		y, x  int
	}{{"C3", 3, 6}, {"C3", 9, 0}, {"S4", 2, 1}, {"S4", 4, 4}, {"C5", 0, 0}, {"C1", 27, 13}}
	for _, u := range units {
		st, err := ReceptiveField(u.layer, u.y, u.x)
		if err != nil {
			t.Fatal(err)
		}
		region := st[len(st)-1].Span
		b, shape, _ := base.Layer(u.layer)
		at := u.y*shape.W + u.x // channel 0
		for py := 0; py < 32; py++ {
			for px := 0; px < 32; px++ {
				xp := append([]float32(nil), x...)
				xp[py*32+px] += 100
				net.Forward(xp, &pert)
				p, _, _ := pert.Layer(u.layer)
				// Forward computes C3 with Winograd transforms along the
				// rows, which mix a tile's 8 input columns and cancel
				// exactly only in exact arithmetic: a pixel outside the
				// receptive field can move a C3 value by rounding (up to
				// about 5e-7 of it here), a pixel inside by 0.8 % or more.
				changed := math.Abs(float64(p[at]-b[at])) > 1e-5*math.Max(1, math.Abs(float64(b[at])))
				if changed != region.Contains(py, px) {
					t.Fatalf("%s(%d,%d): pixel (%d,%d) changes it: %v; in region %+v: %v", u.layer, u.y, u.x, py, px, changed, region, !changed)
				}
			}
		}
	}
	r := NewRF()
	if r.Name() != "C3" || !strings.Contains(r.Text(i18n.En), "14×14") || !strings.Contains(r.Text(i18n.Ko), "14×14 수용장") {
		t.Errorf("RF start: %s", r.Text(i18n.En))
	}
	if err := r.SetLayer(4); err != nil || r.Y != 0 || r.X != 0 || !strings.Contains(r.Text(i18n.En), "32×32") {
		t.Errorf("C5: %v %s", err, r.Text(i18n.En))
	}
	if err := r.SetLayer(5); err == nil {
		t.Error("layer 5 accepted")
	}
	if in := r.Input(); in.W != 32 || in.At(0, 0) != 0 || in.At(1, 1) != 0 {
		t.Errorf("RF input %d", in.W)
	}
	if d := DrawnSeven(); d.W != 28 || d.At(7, 12) != 1 || d.At(0, 0) != 0 {
		t.Errorf("drawn seven: %v %v", d.At(7, 12), d.At(0, 0))
	}
	if s := SampleDigit(); s.W != 28 || s.H != 28 {
		t.Errorf("sample digit %d×%d", s.W, s.H)
	}
}

func TestQuiz(t *testing.T) {
	a, b := NewQuiz(42), NewQuiz(42)
	kinds := map[QuestionKind]bool{}
	for i := 0; i < 50; i++ {
		if a.Q != b.Q {
			t.Fatalf("same seed, different question %d", i)
		}
		q := a.Q
		kinds[q.Kind] = true
		// Recompute each answer independently of NewQuestion.
		var want int64
		switch q.Kind {
		case AskConvSize, AskPoolSize:
			if (q.M+2*q.P-q.H)%q.S != 0 {
				t.Fatalf("question %+v does not tile", q)
			}
			want = int64((q.M+2*q.P-q.H)/q.S + 1)
		case AskConvParams:
			want = int64(q.C * q.H * q.H * q.K)
			if q.Bias {
				want += int64(q.K)
			}
		case AskFCParams:
			want = int64(q.N1 * q.N2)
			if q.Bias {
				want += int64(q.N2)
			}
		case AskConvMults:
			want = int64(q.M * q.M * q.C * q.H * q.H)
		}
		if q.Answer != want {
			t.Fatalf("question %+v: answer %d, want %d", q, q.Answer, want)
		}
		for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
			if q.Text(l) == "" || !strings.Contains(q.Explain(l), thousands(want)) && !strings.Contains(q.Explain(l), num(float32(want))) {
				t.Errorf("%v: %q / %q", l, q.Text(l), q.Explain(l))
			}
		}
		// answer right every other time
		ans := thousands(want)
		if i%2 == 1 {
			ans = thousands(want + 1)
		}
		for _, r := range ans {
			a.Type(r)
		}
		if err := a.Submit(); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			// A wrong first try: a hint and one more try.
			if a.Answered || a.Tries != 1 || !strings.Contains(a.Feedback(i18n.En), "One more try") || strings.Contains(a.Feedback(i18n.En), thousands(want)) {
				t.Fatalf("question %d, first wrong try: answered %v, feedback %q", i, a.Answered, a.Feedback(i18n.En))
			}
			for _, r := range ans {
				a.Type(r)
			}
			if err := a.Submit(); err != nil {
				t.Fatal(err)
			}
		}
		if !a.Answered || a.Right != (i%2 == 0) {
			t.Fatalf("question %d: typed %q, right %v", i, a.Input, a.Right)
		}
		fb := a.Feedback(i18n.Ko)
		if (i%2 == 0) != strings.HasPrefix(fb, "정답") {
			t.Errorf("feedback %q", fb)
		}
		a.Next()
		b.Next()
	}
	if len(kinds) != int(NumQuestionKinds) || a.Tried != 50 || a.Correct != 25 {
		t.Errorf("kinds %v, tried %d, correct %d", kinds, a.Tried, a.Correct)
	}
	c, d, same := NewQuiz(42), NewQuiz(43), true
	for i := 0; i < 5; i++ {
		same = same && c.Q == d.Q
		c.Next()
		d.Next()
	}
	if same {
		t.Error("seeds 42 and 43 give the same five questions")
	}
	for n, want := range map[int]string{8: "an", 11: "an", 18: "an", 80: "an", 81: "an", 800: "an", 11000: "an", 1: "a", 5: "a", 28: "a", 110: "a", 180: "a"} {
		if got := article(n); got != want {
			t.Errorf("article(%d) = %q, want %q", n, got, want)
		}
	}
	z := NewQuiz(1)
	if err := z.Submit(); !errors.Is(err, ErrNoNumber) || z.Tried != 0 {
		t.Errorf("empty answer: %v", err)
	}
	z.Type('x')
	z.Type('1')
	z.Backspace()
	z.Backspace()
	if z.Input != "" {
		t.Errorf("input %q", z.Input)
	}
	for _, s := range []string{"", "abc", "-3", "1e5", "99999999999999999999"} {
		if _, err := ParseAnswer(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	if n, err := ParseAnswer(" 7,077,888 "); err != nil || n != 7077888 {
		t.Errorf("7,077,888: %d %v", n, err)
	}
}

func TestNumbersAndNames(t *testing.T) {
	for v, s := range map[float32]string{0: "0", -1: "-1", 0.5: "0.5", 1.0 / 9: "0.11", 3.75: "3.75", -0.001: "≈0"} {
		if num(v) != s {
			t.Errorf("num(%v) = %q, want %q", v, num(v), s)
		}
	}
	for p := Preset(0); p < NumPresets; p++ {
		if p.Name(i18n.En) == p.Name(i18n.Ko) {
			t.Errorf("preset %d not translated", p)
		}
	}
}
