package cnn_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

// naiveConv is the lecture's formula written out with no cleverness: for
// every output position, walk the whole kernel, read the input where the
// index lands inside it and treat everything else as the zero padding.
// Convolution reads the kernel at (h−1−i, w−1−j) instead of (i, j).
// It sums in float64.
func naiveConv(in []float32, c, h, w int, k []float32, n, kh, kw int, bias []float32, pad, stride int, mode cnn.Mode) (out []float64, oh, ow int) {
	oh = (h+2*pad-kh)/stride + 1
	ow = (w+2*pad-kw)/stride + 1
	out = make([]float64, n*oh*ow)
	for o := 0; o < n; o++ {
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				var sum float64
				if bias != nil {
					sum = float64(bias[o])
				}
				for ch := 0; ch < c; ch++ {
					for i := 0; i < kh; i++ {
						for j := 0; j < kw; j++ {
							iy, ix := y*stride+i-pad, x*stride+j-pad
							if iy < 0 || iy >= h || ix < 0 || ix >= w {
								continue // zero padding
							}
							ki, kj := i, j
							if mode == cnn.Convolution {
								ki, kj = kh-1-i, kw-1-j
							}
							sum += float64(in[(ch*h+iy)*w+ix]) * float64(k[((o*c+ch)*kh+ki)*kw+kj])
						}
					}
				}
				out[(o*oh+y)*ow+x] = sum
			}
		}
	}
	return out, oh, ow
}

// smallInts returns n random whole numbers in [−4, 4] as float32, so that
// every sum of products is exact and results can be compared exactly.
func smallInts(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.IntN(9) - 4)
	}
	return v
}

// noPanic runs f and turns a panic into a test failure.
func noPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v", what, r)
		}
	}()
	f()
}

func mustTensor(t *testing.T, c, h, w int, data []float32) *cnn.Tensor {
	t.Helper()
	x, err := cnn.TensorFrom(c, h, w, data)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func mustKernels(t *testing.T, n, c, h, w int, data []float32) *cnn.Kernels {
	t.Helper()
	k, err := cnn.KernelsFrom(n, c, h, w, data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func equalExact(t *testing.T, what string, got []float32, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: got %v, want %v (first difference at %d)", what, got, want, i)
		}
	}
}

func equalClose(t *testing.T, what string, got []float32, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if d := math.Abs(float64(got[i]) - float64(want[i])); !(d <= tol) {
			t.Fatalf("%s: got %v, want %v (index %d differs by %g)", what, got, want, i, d)
		}
	}
}

// The image of the edge examples: a bright square in the lower right corner.
var cornerImage = []float32{
	0, 0, 0, 0, 0,
	0, 0, 0, 0, 0,
	0, 0, 1, 1, 1,
	0, 0, 1, 1, 1,
	0, 0, 1, 1, 1,
}

var (
	// verticalEdge responds where brightness changes from left to right.
	verticalEdge = []float32{
		-1, 0, 1,
		-1, 0, 1,
		-1, 0, 1,
	}
	// horizontalEdge responds where brightness changes from top to bottom.
	horizontalEdge = []float32{
		-1, -1, -1,
		0, 0, 0,
		1, 1, 1,
	}
)

func TestEdgeKernels(t *testing.T) {
	img := mustTensor(t, 1, 5, 5, cornerImage)
	for _, tc := range []struct {
		name   string
		kernel []float32
		want   []float32
	}{
		// Each output sums, over the window's three rows, right column
		// minus left column: the square's left edge lies under columns 0–2
		// and 1–3, and fills more rows of the window further down.
		{"vertical edge", verticalEdge, []float32{
			1, 1, 0,
			2, 2, 0,
			3, 3, 0,
		}},
		// The same with rows and columns exchanged: the top edge.
		{"horizontal edge", horizontalEdge, []float32{
			1, 2, 3,
			1, 2, 3,
			0, 0, 0,
		}},
	} {
		out, err := cnn.Conv2D(img, mustKernels(t, 1, 1, 3, 3, tc.kernel), cnn.ConvOptions{Stride: 1})
		if err != nil {
			t.Fatal(err)
		}
		if out.Shape != (cnn.Shape{C: 1, H: 3, W: 3}) {
			t.Fatalf("%s: shape %v, want 1×3×3", tc.name, out.Shape)
		}
		equalExact(t, tc.name, out.Data, tc.want)
	}

	// Both kernels at once give two feature maps, one per kernel.
	both := mustKernels(t, 2, 1, 3, 3, append(append([]float32(nil), verticalEdge...), horizontalEdge...))
	out, err := cnn.Conv2D(img, both, cnn.ConvOptions{Stride: 1})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "two kernels", out.Data, []float32{1, 1, 0, 2, 2, 0, 3, 3, 0, 1, 2, 3, 1, 2, 3, 0, 0, 0})
}

// The 4×4 image 1…16 of the correlation/convolution examples.
var countImage = []float32{
	1, 2, 3, 4,
	5, 6, 7, 8,
	9, 10, 11, 12,
	13, 14, 15, 16,
}

func TestCorrelationEqualsConvolutionForSymmetricKernel(t *testing.T) {
	img := mustTensor(t, 1, 4, 4, countImage)
	box := make([]float32, 9)
	for i := range box {
		box[i] = 1.0 / 9
	}
	k := mustKernels(t, 1, 1, 3, 3, box)
	corr, err := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1, Mode: cnn.Correlation})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1, Mode: cnn.Convolution})
	if err != nil {
		t.Fatal(err)
	}
	// The blur is the mean of each 3×3 window: (1+2+3+5+6+7+9+10+11)/9 = 6 …
	equalClose(t, "box blur, correlation", corr.Data, []float32{6, 7, 10, 11}, 1e-5)
	equalExact(t, "box blur, convolution vs correlation", conv.Data, corr.Data)
}

func TestCorrelationDiffersFromConvolutionForSobel(t *testing.T) {
	img := mustTensor(t, 1, 4, 4, countImage)
	sobel := mustKernels(t, 1, 1, 3, 3, []float32{
		-1, 0, 1,
		-2, 0, 2,
		-1, 0, 1,
	})
	corr, err := cnn.Conv2D(img, sobel, cnn.ConvOptions{Stride: 1})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := cnn.Conv2D(img, sobel, cnn.ConvOptions{Stride: 1, Mode: cnn.Convolution})
	if err != nil {
		t.Fatal(err)
	}
	// Every window: (3−1) + 2·(7−5) + (11−9) = 8. Flipping the kernel turns
	// right minus left into left minus right.
	equalExact(t, "Sobel, correlation", corr.Data, []float32{8, 8, 8, 8})
	equalExact(t, "Sobel, convolution", conv.Data, []float32{-8, -8, -8, -8})

	// An asymmetric kernel that is not simply antisymmetric: the top-left
	// weight alone picks the window's top-left value when correlating and
	// its bottom-right one when convolving.
	corner := mustKernels(t, 1, 1, 3, 3, []float32{1, 0, 0, 0, 0, 0, 0, 0, 0})
	corr, _ = cnn.Conv2D(img, corner, cnn.ConvOptions{Stride: 1})
	conv, _ = cnn.Conv2D(img, corner, cnn.ConvOptions{Stride: 1, Mode: cnn.Convolution})
	equalExact(t, "corner, correlation", corr.Data, []float32{1, 2, 5, 6})
	equalExact(t, "corner, convolution", conv.Data, []float32{11, 12, 15, 16})
}

func TestFlipped(t *testing.T) {
	k := mustKernels(t, 2, 1, 2, 3, []float32{
		1, 2, 3,
		4, 5, 6,

		7, 8, 9,
		10, 11, 12,
	})
	f := k.Flipped()
	equalExact(t, "flipped", f.Data, []float32{6, 5, 4, 3, 2, 1, 12, 11, 10, 9, 8, 7})
	if &f.Data[0] == &k.Data[0] {
		t.Error("Flipped shares storage with its source")
	}
	equalExact(t, "flipped twice", f.Flipped().Data, k.Data)
	if got := k.Offset(1, 0, 1, 2); got != 11 || k.Data[got] != 12 {
		t.Errorf("Offset(1,0,1,2) = %d, want 11", got)
	}
}

func TestSamePaddingKeepsSize(t *testing.T) {
	for _, h := range []int{1, 3, 5, 7} {
		p, err := cnn.SamePadding(h)
		if err != nil || p != (h-1)/2 {
			t.Fatalf("SamePadding(%d) = %d, %v; want %d", h, p, err, (h-1)/2)
		}
		for _, m := range []int{h, 7, 28, 32} {
			if m < h {
				continue
			}
			img := cnn.NewTensor(2, m, m+1)
			k := mustKernels(t, 3, 2, h, h, make([]float32, 3*2*h*h))
			out, err := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1, Same: true})
			if err != nil {
				t.Fatal(err)
			}
			if out.Shape != (cnn.Shape{C: 3, H: m, W: m + 1}) {
				t.Errorf("%d×%d kernel, same padding, on %v: %v", h, h, img.Shape, out.Shape)
			}
			// Without padding the map shrinks by h−1.
			out, err = cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 1})
			if err != nil {
				t.Fatal(err)
			}
			if out.H != m-h+1 || out.W != m+1-h+1 {
				t.Errorf("%d×%d kernel, no padding, on %v: %v", h, h, img.Shape, out.Shape)
			}
		}
	}
	for _, h := range []int{0, -1, 2, 4} {
		if _, err := cnn.SamePadding(h); err == nil {
			t.Errorf("SamePadding(%d) gave no error", h)
		}
	}

	// A box of ones with same padding on a 3×3 image of ones counts how
	// many of each window's nine cells are inside the image.
	ones := []float32{1, 1, 1, 1, 1, 1, 1, 1, 1}
	out, err := cnn.Conv2D(mustTensor(t, 1, 3, 3, ones), mustKernels(t, 1, 1, 3, 3, ones), cnn.ConvOptions{Stride: 1, Same: true})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "same-padded box", out.Data, []float32{4, 6, 4, 6, 9, 6, 4, 6, 4})
}

func TestStrideShrinks(t *testing.T) {
	// A k×k window with stride k takes every k-th position: the map is
	// 1/k of the input along each side.
	for _, k := range []int{1, 2, 3, 4, 6, 12} {
		img := cnn.NewTensor(1, 12, 24)
		out, err := cnn.Conv2D(img, mustKernels(t, 1, 1, k, k, make([]float32, k*k)), cnn.ConvOptions{Stride: k})
		if err != nil {
			t.Fatal(err)
		}
		if out.H != 12/k || out.W != 24/k {
			t.Errorf("stride %d: %v, want %d×%d", k, out.Shape, 12/k, 24/k)
		}
		// Same padding with stride k: a 3×3 kernel on 12×24.
		out, err = cnn.Conv2D(img, mustKernels(t, 1, 1, 3, 3, make([]float32, 9)), cnn.ConvOptions{Stride: k, Same: true})
		var te *cnn.TilingError
		switch {
		case 11%k == 0 && 23%k == 0:
			if err != nil || out.H != 11/k+1 || out.W != 23/k+1 {
				t.Errorf("same, stride %d: %v, %v", k, out, err)
			}
		case !errors.As(err, &te):
			t.Errorf("same, stride %d: error %v, want a *TilingError", k, err)
		}
	}
	// A 2×2 kernel that keeps its top-left value, with stride 2, samples
	// every other pixel of every other row.
	out, err := cnn.Conv2D(mustTensor(t, 1, 4, 4, countImage), mustKernels(t, 1, 1, 2, 2, []float32{1, 0, 0, 0}), cnn.ConvOptions{Stride: 2})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "top-left of 2×2, stride 2", out.Data, []float32{1, 3, 9, 11})
	// A 1×1 kernel with stride 2 does not tile 4 columns: (4 − 1)/2 is not
	// whole, and the last column would be ignored.
	_, err = cnn.Conv2D(mustTensor(t, 1, 4, 4, countImage), mustKernels(t, 1, 1, 1, 1, []float32{1}), cnn.ConvOptions{Stride: 2})
	var te *cnn.TilingError
	if !errors.As(err, &te) || te.Leftover != 1 {
		t.Errorf("1×1 stride 2 on 4×4: error %v, want a *TilingError with 1 left over", err)
	}
}

func TestConvBias(t *testing.T) {
	img := mustTensor(t, 1, 4, 4, countImage)
	k := mustKernels(t, 2, 1, 1, 1, []float32{1, -1})
	// Stride 3 visits the four corners 1, 4, 13 and 16.
	out, err := cnn.Conv2D(img, k, cnn.ConvOptions{Stride: 3, Bias: []float32{10, 100}})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "bias", out.Data, []float32{11, 14, 23, 26, 99, 96, 87, 84})
}

// convCase is one row of the table the fast convolution is checked on.
type convCase struct {
	c, h, w   int // input
	n, kh, kw int // kernels
	pad       int // −1 for "same"
	stride    int
	bias      bool
}

func (tc convCase) String() string {
	p := fmt.Sprint(tc.pad)
	if tc.pad < 0 {
		p = "same"
	}
	return fmt.Sprintf("in %d×%d×%d, %d kernels %d×%d, pad %s, stride %d, bias %v", tc.c, tc.h, tc.w, tc.n, tc.kh, tc.kw, p, tc.stride, tc.bias)
}

func convTable() []convCase {
	var cases []convCase
	sizes := [][2]int{{1, 1}, {3, 3}, {4, 5}, {7, 6}, {8, 8}, {11, 9}}
	kernels := [][2]int{{1, 1}, {2, 2}, {3, 3}, {1, 3}, {5, 5}, {3, 2}}
	for i, hw := range sizes {
		for j, k := range kernels {
			for _, pad := range []int{0, 1, 2, -1} {
				for _, s := range []int{1, 2, 3} {
					cases = append(cases, convCase{
						c: 1 + (i+j)%3, h: hw[0], w: hw[1],
						n: 1 + (i+2*j+s)%4, kh: k[0], kw: k[1],
						pad: pad, stride: s, bias: (i+j+s)%2 == 0,
					})
				}
			}
		}
	}
	return cases
}

// TestConvAgainstNaive checks Conv2D, in both modes, and Conv2DInto against
// naiveConv over a table of sizes, channels, kernel counts and shapes,
// paddings 0, 1, 2 and same, and strides 1–3. Where the window does not fit
// or does not tile, the error must say so with the right numbers.
func TestConvAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var checked, tiling, tooLarge, evenSame int
	for _, tc := range convTable() {
		in := mustTensor(t, tc.c, tc.h, tc.w, smallInts(r, tc.c*tc.h*tc.w))
		k := mustKernels(t, tc.n, tc.c, tc.kh, tc.kw, smallInts(r, tc.n*tc.c*tc.kh*tc.kw))
		var bias []float32
		if tc.bias {
			bias = smallInts(r, tc.n)
		}
		opt := cnn.ConvOptions{Stride: tc.stride, Padding: tc.pad, Bias: bias}
		py, px := tc.pad, tc.pad
		if tc.pad < 0 {
			opt.Padding, opt.Same = 0, true
			py, px = (tc.kh-1)/2, (tc.kw-1)/2
		}
		for _, mode := range []cnn.Mode{cnn.Correlation, cnn.Convolution} {
			opt.Mode = mode
			var out *cnn.Tensor
			var err error
			noPanic(t, tc.String(), func() { out, err = cnn.Conv2D(in, k, opt) })

			// What the lecture's arithmetic says should happen: "same"
			// needs odd kernels; then the height is checked before the
			// width, each for a window larger than the padded input and
			// for a stride that does not tile.
			if opt.Same && (tc.kh%2 == 0 || tc.kw%2 == 0) {
				if err == nil || !strings.Contains(err.Error(), "odd") {
					t.Errorf("%v: even kernel with same padding: error %v", tc, err)
				}
				evenSame++
				continue
			}
			wantErr := ""
			var wantTiling *cnn.TilingError
			for _, ax := range []struct {
				name    string
				m, p, h int
			}{{"height", tc.h, py, tc.kh}, {"width", tc.w, px, tc.kw}} {
				if ax.h > ax.m+2*ax.p {
					wantErr = "larger than"
					break
				}
				if rest := (ax.m + 2*ax.p - ax.h) % tc.stride; rest != 0 {
					wantTiling = &cnn.TilingError{Axis: ax.name, M: ax.m, P: ax.p, H: ax.h, S: tc.stride, Leftover: rest}
					break
				}
			}
			if wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), wantErr) {
					t.Errorf("%v: kernel larger than the padded input: error %v", tc, err)
				}
				tooLarge++
				continue
			}
			if wantTiling != nil {
				var te *cnn.TilingError
				if !errors.As(err, &te) {
					t.Errorf("%v: error %v, want a *TilingError", tc, err)
				} else if *te != *wantTiling {
					t.Errorf("%v: %+v, want %+v", tc, *te, *wantTiling)
				}
				tiling++
				continue
			}
			if err != nil {
				t.Errorf("%v, %v: %v", tc, mode, err)
				continue
			}
			// naiveConv pads both axes alike; naiveConvPad2 pads them
			// separately for "same" with a non-square kernel.
			want := naiveConvPad2(in.Data, tc, k.Data, bias, py, px, mode)
			oh, ow := (tc.h+2*py-tc.kh)/tc.stride+1, (tc.w+2*px-tc.kw)/tc.stride+1
			if py == px {
				want, oh, ow = naiveConv(in.Data, tc.c, tc.h, tc.w, k.Data, tc.n, tc.kh, tc.kw, bias, py, tc.stride, mode)
			}
			if out.Shape != (cnn.Shape{C: tc.n, H: oh, W: ow}) {
				t.Errorf("%v, %v: shape %v, want %d×%d×%d", tc, mode, out.Shape, tc.n, oh, ow)
				continue
			}
			for i := range want {
				if float64(out.Data[i]) != want[i] {
					t.Errorf("%v, %v: value %d is %v, want %v", tc, mode, i, out.Data[i], want[i])
					break
				}
			}
			checked++

			// Conv2DInto on the geometry ConvGeometry gives always
			// correlates; with the flipped kernels it convolves.
			g, err := cnn.ConvGeometry(in.Shape, k, opt)
			if err != nil {
				t.Fatalf("%v: ConvGeometry: %v", tc, err)
			}
			w := k
			if mode == cnn.Convolution {
				w = k.Flipped()
			}
			dst := make([]float32, g.Out.Len())
			for i := range dst {
				dst[i] = float32(math.NaN()) // Conv2DInto must overwrite stale values
			}
			cnn.Conv2DInto(dst, in.Data, w.Data, bias, g)
			equalExact(t, tc.String()+", Conv2DInto", dst, out.Data)
		}
	}
	t.Logf("%d convolutions matched, %d non-tiling, %d kernels too large, %d even kernels with same padding", checked, tiling, tooLarge, evenSame)
	if checked < 200 || tiling < 50 || tooLarge < 20 || evenSame < 20 {
		t.Errorf("the table no longer covers every case: %d, %d, %d, %d", checked, tiling, tooLarge, evenSame)
	}
}

// naiveConvPad2 is naiveConv with different padding along the two axes, for
// "same" padding of a non-square kernel.
func naiveConvPad2(in []float32, tc convCase, k, bias []float32, py, px int, mode cnn.Mode) []float64 {
	// Pad the input explicitly, then correlate without padding.
	h, w := tc.h+2*py, tc.w+2*px
	padded := make([]float32, tc.c*h*w)
	for ch := 0; ch < tc.c; ch++ {
		for y := 0; y < tc.h; y++ {
			for x := 0; x < tc.w; x++ {
				padded[(ch*h+y+py)*w+x+px] = in[(ch*tc.h+y)*tc.w+x]
			}
		}
	}
	out, _, _ := naiveConv(padded, tc.c, h, w, k, tc.n, tc.kh, tc.kw, bias, 0, tc.stride, mode)
	return out
}

func TestConvRealValues(t *testing.T) {
	// Real-valued data: the fast path sums in a different order, so allow
	// float32 rounding.
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []convCase{
		{c: 1, h: 32, w: 32, n: 6, kh: 5, kw: 5, stride: 1, bias: true},
		{c: 6, h: 14, w: 14, n: 16, kh: 5, kw: 5, stride: 1, bias: true},
		{c: 3, h: 17, w: 17, n: 4, kh: 3, kw: 3, pad: -1, stride: 2},
		{c: 2, h: 9, w: 13, n: 3, kh: 5, kw: 5, pad: 2, stride: 2, bias: true},
	} {
		in := make([]float32, tc.c*tc.h*tc.w)
		for i := range in {
			in[i] = r.Float32()
		}
		kd := make([]float32, tc.n*tc.c*tc.kh*tc.kw)
		for i := range kd {
			kd[i] = r.Float32()*2 - 1
		}
		var bias []float32
		if tc.bias {
			bias = []float32{}
			for range tc.n {
				bias = append(bias, r.Float32()-0.5)
			}
		}
		pad := tc.pad
		opt := cnn.ConvOptions{Stride: tc.stride, Padding: tc.pad, Bias: bias}
		if tc.pad < 0 {
			opt.Padding, opt.Same, pad = 0, true, (tc.kh-1)/2
		}
		out, err := cnn.Conv2D(mustTensor(t, tc.c, tc.h, tc.w, in), mustKernels(t, tc.n, tc.c, tc.kh, tc.kw, kd), opt)
		if err != nil {
			t.Fatalf("%v: %v", tc, err)
		}
		want, _, _ := naiveConv(in, tc.c, tc.h, tc.w, kd, tc.n, tc.kh, tc.kw, bias, pad, tc.stride, cnn.Correlation)
		for i := range want {
			if d := math.Abs(float64(out.Data[i]) - want[i]); d > 1e-5*math.Max(1, math.Abs(want[i])) {
				t.Fatalf("%v: value %d is %v, want %v", tc, i, out.Data[i], want[i])
			}
		}
	}
}

// TestConvInputErrors: every bad request is an error, never a panic.
func TestConvInputErrors(t *testing.T) {
	img := cnn.NewTensor(1, 5, 5)
	k3 := mustKernels(t, 1, 1, 3, 3, make([]float32, 9))
	two := mustKernels(t, 1, 2, 3, 3, make([]float32, 18))
	for _, tc := range []struct {
		name string
		in   *cnn.Tensor
		k    *cnn.Kernels
		opt  cnn.ConvOptions
		msg  string
	}{
		{"zero stride", img, k3, cnn.ConvOptions{}, "stride"},
		{"negative stride", img, k3, cnn.ConvOptions{Stride: -1}, "stride"},
		{"negative padding", img, k3, cnn.ConvOptions{Stride: 1, Padding: -1}, "padding"},
		{"kernel larger than the input", img, mustKernels(t, 1, 1, 7, 7, make([]float32, 49)), cnn.ConvOptions{Stride: 1}, "larger than"},
		{"kernel larger than the padded input", img, mustKernels(t, 1, 1, 1, 8, make([]float32, 8)), cnn.ConvOptions{Stride: 1, Padding: 1}, "larger than"},
		{"channel mismatch", img, two, cnn.ConvOptions{Stride: 1}, "channel"},
		{"too many biases", img, k3, cnn.ConvOptions{Stride: 1, Bias: []float32{1, 2}}, "bias"},
		{"empty bias", img, k3, cnn.ConvOptions{Stride: 1, Bias: []float32{}}, "bias"},
		{"even kernel with same", img, mustKernels(t, 1, 1, 2, 2, make([]float32, 4)), cnn.ConvOptions{Stride: 1, Same: true}, "odd"},
		{"even kernel width with same", img, mustKernels(t, 1, 1, 3, 4, make([]float32, 12)), cnn.ConvOptions{Stride: 1, Same: true}, "odd"},
		{"non-tiling stride", img, k3, cnn.ConvOptions{Stride: 3}, "tile"},
		{"unknown mode", img, k3, cnn.ConvOptions{Stride: 1, Mode: 7}, "mode"},
		{"no input", nil, k3, cnn.ConvOptions{Stride: 1}, "input"},
		{"no kernels", img, nil, cnn.ConvOptions{Stride: 1}, "kernels"},
		{"input data too short", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: 5, W: 5}, Data: make([]float32, 24)}, k3, cnn.ConvOptions{Stride: 1}, "holds"},
		{"input shape zero", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: 0, W: 5}}, k3, cnn.ConvOptions{Stride: 1}, "at least 1"},
		{"input shape negative", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: -5, W: -5}}, k3, cnn.ConvOptions{Stride: 1}, "at least 1"},
		{"no channels", &cnn.Tensor{Shape: cnn.Shape{C: 0, H: 5, W: 5}}, &cnn.Kernels{N: 1, C: 0, H: 3, W: 3}, cnn.ConvOptions{Stride: 1}, "channels"},
		{"kernel data too short", img, &cnn.Kernels{N: 2, C: 1, H: 3, W: 3, Data: make([]float32, 9)}, cnn.ConvOptions{Stride: 1}, "need 18"},
		{"kernel count zero", img, &cnn.Kernels{N: 0, C: 1, H: 3, W: 3}, cnn.ConvOptions{Stride: 1}, "kernel count"},
		{"kernel count negative", img, &cnn.Kernels{N: -3, C: 1, H: 3, W: 3}, cnn.ConvOptions{Stride: 1}, "kernel count"},
		{"kernel side zero", img, &cnn.Kernels{N: 1, C: 1, H: 0, W: 3}, cnn.ConvOptions{Stride: 1}, "at least 1"},
		{"absurd input", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: 1 << 40, W: 1 << 40}}, k3, cnn.ConvOptions{Stride: 1}, "at most"},
		{"absurd channels", &cnn.Tensor{Shape: cnn.Shape{C: 1 << 40, H: 5, W: 5}}, &cnn.Kernels{N: 1, C: 1 << 40, H: 3, W: 3}, cnn.ConvOptions{Stride: 1}, "channels"},
		{"absurd kernel count", img, &cnn.Kernels{N: 1 << 40, C: 1, H: 3, W: 3}, cnn.ConvOptions{Stride: 1}, "kernel count"},
		{"absurd kernel", img, &cnn.Kernels{N: 1, C: 1, H: 1 << 40, W: 3}, cnn.ConvOptions{Stride: 1, Padding: 1 << 41}, "at most"},
		{"absurd stride", img, k3, cnn.ConvOptions{Stride: 1 << 40}, "at most"},
		{"absurd padding", img, k3, cnn.ConvOptions{Stride: 1, Padding: 1 << 40}, "at most"},
		// Padding and kernel count each within bounds, but together an
		// output of 16,384 maps of 20,001×20,001 values.
		{"absurd output", mustTensor(t, 1, 1, 1, []float32{1}), &cnn.Kernels{N: cnn.MaxDim, C: 1, H: 1, W: 1, Data: make([]float32, cnn.MaxDim)}, cnn.ConvOptions{Stride: 1, Padding: 10000}, "more than"},
	} {
		var out *cnn.Tensor
		var err error
		noPanic(t, tc.name, func() { out, err = cnn.Conv2D(tc.in, tc.k, tc.opt) })
		if err == nil {
			t.Errorf("%s: no error (output %v)", tc.name, out.Shape)
			continue
		}
		if out != nil {
			t.Errorf("%s: an output beside the error", tc.name)
		}
		if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "cnn: ") {
			t.Errorf("%s: error %q does not mention %q", tc.name, err, tc.msg)
		}
	}
}

func TestKernelsFromErrors(t *testing.T) {
	for _, tc := range []struct {
		n, c, h, w, len int
	}{
		{0, 1, 3, 3, 0}, {1, 0, 3, 3, 0}, {1, 1, 0, 3, 0}, {1, 1, 3, -3, 9},
		{2, 1, 3, 3, 9}, {1, 1, 3, 3, 10},
		{cnn.MaxDim + 1, 1, 1, 1, 1}, {1, 1, 1 << 40, 1 << 40, 1},
	} {
		var err error
		noPanic(t, fmt.Sprint(tc), func() { _, err = cnn.KernelsFrom(tc.n, tc.c, tc.h, tc.w, make([]float32, tc.len)) })
		if err == nil {
			t.Errorf("KernelsFrom%v: no error", tc)
		}
	}
}

func TestModeString(t *testing.T) {
	for m, want := range map[cnn.Mode]string{cnn.Correlation: "correlation", cnn.Convolution: "convolution", 5: "Mode(5)"} {
		if m.String() != want {
			t.Errorf("%d: %q, want %q", int(m), m.String(), want)
		}
	}
}

func TestConv2DIntoPanicsOnWrongBuffers(t *testing.T) {
	g, err := cnn.ConvGeometry(cnn.Shape{C: 1, H: 5, W: 5}, &cnn.Kernels{N: 1, C: 1, H: 3, W: 3}, cnn.ConvOptions{Stride: 1})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"destination": func() { cnn.Conv2DInto(make([]float32, 8), make([]float32, 25), make([]float32, 9), nil, g) },
		"input":       func() { cnn.Conv2DInto(make([]float32, 9), make([]float32, 24), make([]float32, 9), nil, g) },
		"weights":     func() { cnn.Conv2DInto(make([]float32, 9), make([]float32, 25), make([]float32, 10), nil, g) },
		"bias":        func() { cnn.Conv2DInto(make([]float32, 9), make([]float32, 25), make([]float32, 9), []float32{}, g) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "cnn: ") {
					t.Errorf("Conv2DInto with a wrong %s: recovered %v", name, r)
				}
			}()
			f()
		}()
	}
}
