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

// The 4×4 grid of the pooling examples. The top-right window holds a tie
// (2 and 2): the first one, reading row by row, wins.
var poolGrid = []float32{
	1, 3, 2, 2,
	4, 2, 0, 1,
	5, 6, 1, 2,
	7, 8, 3, 4,
}

func TestPoolingLiteralGrid(t *testing.T) {
	in := mustTensor(t, 1, 4, 4, poolGrid)
	out, win, err := cnn.Pool2D(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
	if err != nil {
		t.Fatal(err)
	}
	if out.Shape != (cnn.Shape{C: 1, H: 2, W: 2}) {
		t.Fatalf("max pooling 2×2/2 of 4×4: %v", out.Shape)
	}
	equalExact(t, "max pooling", out.Data, []float32{4, 2, 8, 4})
	// 4 is at row 1 column 0 (index 4), the first 2 at row 0 column 2
	// (index 2), 8 at row 3 column 1 (13), 4 at row 3 column 3 (15).
	wantWin := []int32{4, 2, 13, 15}
	for i := range wantWin {
		if win[i] != wantWin[i] {
			t.Fatalf("max pooling winners %v, want %v", win, wantWin)
		}
	}

	out, win, err = cnn.Pool2D(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.AvgPool})
	if err != nil {
		t.Fatal(err)
	}
	if win != nil {
		t.Errorf("average pooling returned winners %v", win)
	}
	// (1+3+4+2)/4, (2+2+0+1)/4, (5+6+7+8)/4, (1+2+3+4)/4
	equalExact(t, "average pooling", out.Data, []float32{2.5, 1.25, 6.5, 2.5})

	// Overlapping windows: 3×3 with stride 1 gives 2×2.
	out, win, err = cnn.Pool2D(in, cnn.PoolOptions{Size: 3, Stride: 1, Mode: cnn.MaxPool})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "max pooling 3×3/1", out.Data, []float32{6, 6, 8, 8})
	for i, w := range []int32{9, 9, 13, 13} {
		if win[i] != w {
			t.Fatalf("max pooling 3×3/1 winners %v, want [9 9 13 13]", win)
		}
	}

	// Stride 2 halves the map, stride 4 quarters it: pooling with stride s
	// shrinks the map s times.
	big := cnn.NewTensor(3, 16, 8)
	for _, s := range []int{1, 2, 4, 8} {
		out, _, err := cnn.Pool2D(big, cnn.PoolOptions{Size: s, Stride: s, Mode: cnn.AvgPool})
		if err != nil {
			t.Fatal(err)
		}
		if out.Shape != (cnn.Shape{C: 3, H: 16 / s, W: 8 / s}) {
			t.Errorf("stride %d: %v", s, out.Shape)
		}
	}
}

func TestPoolingChannelsSeparately(t *testing.T) {
	// Two channels: the second is the first negated. Max pooling of the
	// second picks the smallest of the first, and its winners point into
	// the second channel (offset 16).
	data := append([]float32(nil), poolGrid...)
	for _, v := range poolGrid {
		data = append(data, -v)
	}
	out, win, err := cnn.Pool2D(mustTensor(t, 2, 4, 4, data), cnn.PoolOptions{Size: 2, Stride: 2})
	if err != nil {
		t.Fatal(err)
	}
	equalExact(t, "two channels", out.Data, []float32{4, 2, 8, 4, -1, 0, -5, -1})
	for i, w := range []int32{4, 2, 13, 15, 16, 22, 24, 26} {
		if win[i] != w {
			t.Fatalf("winners %v, want index %d at %d", win, w, i)
		}
	}
}

// naivePool pools with the definition: every window, every value.
func naivePool(in []float32, c, h, w, size, stride int, mode cnn.PoolMode) (out []float64, win []int32) {
	oh, ow := (h-size)/stride+1, (w-size)/stride+1
	for ch := 0; ch < c; ch++ {
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				best, arg, sum := math.Inf(-1), -1, 0.0
				for i := 0; i < size; i++ {
					for j := 0; j < size; j++ {
						idx := (ch*h+y*stride+i)*w + x*stride + j
						v := float64(in[idx])
						sum += v
						if v > best {
							best, arg = v, idx
						}
					}
				}
				if mode == cnn.MaxPool {
					out = append(out, best)
					win = append(win, int32(arg))
				} else {
					out = append(out, sum/float64(size*size))
				}
			}
		}
	}
	return out, win
}

func TestPoolingAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var checked, tiling, tooLarge int
	for _, hw := range [][2]int{{1, 1}, {2, 2}, {4, 6}, {5, 5}, {7, 9}, {12, 12}, {28, 28}} {
		for c := 1; c <= 3; c++ {
			for size := 1; size <= 4; size++ {
				for stride := 1; stride <= 3; stride++ {
					in := mustTensor(t, c, hw[0], hw[1], smallInts(r, c*hw[0]*hw[1]))
					for _, mode := range []cnn.PoolMode{cnn.MaxPool, cnn.AvgPool} {
						name := fmt.Sprintf("%v pooling %d/%d of %v", mode, size, stride, in.Shape)
						var out *cnn.Tensor
						var win []int32
						var err error
						opt := cnn.PoolOptions{Size: size, Stride: stride, Mode: mode}
						noPanic(t, name, func() { out, win, err = cnn.Pool2D(in, opt) })
						if size > hw[0] || size > hw[1] {
							if err == nil || !strings.Contains(err.Error(), "larger than") {
								t.Errorf("%s: error %v", name, err)
							}
							tooLarge++
							continue
						}
						if ry := (hw[0] - size) % stride; ry != 0 || (hw[1]-size)%stride != 0 {
							want := cnn.TilingError{Axis: "height", M: hw[0], H: size, S: stride, Leftover: ry}
							if ry == 0 {
								want = cnn.TilingError{Axis: "width", M: hw[1], H: size, S: stride, Leftover: (hw[1] - size) % stride}
							}
							var te *cnn.TilingError
							if !errors.As(err, &te) || *te != want {
								t.Errorf("%s: error %v, want %+v", name, err, want)
							}
							tiling++
							continue
						}
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						want, wantWin := naivePool(in.Data, c, hw[0], hw[1], size, stride, mode)
						if out.Len() != len(want) || out.Shape != (cnn.Shape{C: c, H: (hw[0]-size)/stride + 1, W: (hw[1]-size)/stride + 1}) {
							t.Errorf("%s: shape %v, %d values expected", name, out.Shape, len(want))
							continue
						}
						for i := range want {
							if d := math.Abs(float64(out.Data[i]) - want[i]); d > 1e-6 {
								t.Fatalf("%s: value %d is %v, want %v", name, i, out.Data[i], want[i])
							}
							if mode == cnn.MaxPool && win[i] != wantWin[i] {
								t.Fatalf("%s: winner %d is %d, want %d", name, i, win[i], wantWin[i])
							}
						}
						// The unchecked versions on the same geometry.
						g, err := cnn.PoolGeometry(in.Shape, opt)
						if err != nil {
							t.Fatal(err)
						}
						dst := make([]float32, g.Out.Len())
						if mode == cnn.MaxPool {
							arg := make([]int32, len(dst))
							cnn.MaxPoolInto(dst, arg, in.Data, g)
							equalExact(t, name+", MaxPoolInto", dst, out.Data)
							for i := range arg {
								if arg[i] != win[i] {
									t.Fatalf("%s: MaxPoolInto winners differ at %d", name, i)
								}
							}
							cnn.MaxPoolInto(dst, nil, in.Data, g) // no winners wanted
							equalExact(t, name+", MaxPoolInto without winners", dst, out.Data)
						} else {
							cnn.AvgPoolInto(dst, in.Data, g)
							equalExact(t, name+", AvgPoolInto", dst, out.Data)
						}
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d poolings matched, %d non-tiling, %d windows too large", checked, tiling, tooLarge)
	if checked < 100 || tiling < 50 || tooLarge < 20 {
		t.Errorf("the table no longer covers every case: %d, %d, %d", checked, tiling, tooLarge)
	}
}

func TestPoolingNegativeValues(t *testing.T) {
	// Max pooling must not start from 0: a window of negative values has a
	// negative maximum.
	out, win, err := cnn.Pool2D(mustTensor(t, 1, 2, 2, []float32{-3, -2, -5, -4}), cnn.PoolOptions{Size: 2, Stride: 2})
	if err != nil {
		t.Fatal(err)
	}
	if out.Data[0] != -2 || win[0] != 1 {
		t.Errorf("max of −3 −2 −5 −4: %v at %d, want −2 at 1", out.Data[0], win[0])
	}
}

func TestPoolingInputErrors(t *testing.T) {
	img := cnn.NewTensor(1, 4, 4)
	for _, tc := range []struct {
		name string
		in   *cnn.Tensor
		opt  cnn.PoolOptions
		msg  string
	}{
		{"zero window", img, cnn.PoolOptions{Size: 0, Stride: 1}, "at least 1"},
		{"negative window", img, cnn.PoolOptions{Size: -2, Stride: 1}, "at least 1"},
		{"zero stride", img, cnn.PoolOptions{Size: 2}, "stride"},
		{"negative stride", img, cnn.PoolOptions{Size: 2, Stride: -2}, "stride"},
		{"window larger than the input", img, cnn.PoolOptions{Size: 5, Stride: 1}, "larger than"},
		{"non-tiling", img, cnn.PoolOptions{Size: 3, Stride: 2}, "tile"},
		{"unknown mode", img, cnn.PoolOptions{Size: 2, Stride: 2, Mode: 9}, "mode"},
		{"no input", nil, cnn.PoolOptions{Size: 2, Stride: 2}, "input"},
		{"no channels", &cnn.Tensor{Shape: cnn.Shape{C: 0, H: 4, W: 4}}, cnn.PoolOptions{Size: 2, Stride: 2}, "channels"},
		{"data too short", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: 4, W: 4}, Data: make([]float32, 15)}, cnn.PoolOptions{Size: 2, Stride: 2}, "holds"},
		{"negative shape", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: -4, W: 4}}, cnn.PoolOptions{Size: 2, Stride: 2}, "at least 1"},
		{"absurd input", &cnn.Tensor{Shape: cnn.Shape{C: 1, H: 1 << 40, W: 1 << 40}}, cnn.PoolOptions{Size: 2, Stride: 2}, "at most"},
		{"absurd channels", &cnn.Tensor{Shape: cnn.Shape{C: 1 << 40, H: 4, W: 4}}, cnn.PoolOptions{Size: 2, Stride: 2}, "channels"},
		{"absurd window", img, cnn.PoolOptions{Size: 1 << 40, Stride: 2}, "at most"},
		{"absurd stride", img, cnn.PoolOptions{Size: 2, Stride: 1 << 40}, "at most"},
	} {
		var out *cnn.Tensor
		var err error
		noPanic(t, tc.name, func() { out, _, err = cnn.Pool2D(tc.in, tc.opt) })
		if err == nil || out != nil {
			t.Errorf("%s: error %v, output %v", tc.name, err, out)
			continue
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %q does not mention %q", tc.name, err, tc.msg)
		}
	}
}

func TestPoolModeString(t *testing.T) {
	for m, want := range map[cnn.PoolMode]string{cnn.MaxPool: "max", cnn.AvgPool: "average", 4: "PoolMode(4)"} {
		if m.String() != want {
			t.Errorf("%d: %q, want %q", int(m), m.String(), want)
		}
	}
}

func TestPoolIntoPanicsOnWrongBuffers(t *testing.T) {
	g, err := cnn.PoolGeometry(cnn.Shape{C: 1, H: 4, W: 4}, cnn.PoolOptions{Size: 2, Stride: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(){
		"MaxPoolInto dst":     func() { cnn.MaxPoolInto(make([]float32, 3), nil, make([]float32, 16), g) },
		"MaxPoolInto winners": func() { cnn.MaxPoolInto(make([]float32, 4), make([]int32, 3), make([]float32, 16), g) },
		"AvgPoolInto in":      func() { cnn.AvgPoolInto(make([]float32, 4), make([]float32, 15), g) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "cnn: ") {
					t.Errorf("%s with a wrong buffer: recovered %v", name, r)
				}
			}()
			f()
		}()
	}
}
