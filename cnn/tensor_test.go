package cnn_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

func TestTensorLayout(t *testing.T) {
	// 2 channels of 2×3: the value at (c, y, x) is 100c + 10y + x, stored
	// at (c·H + y)·W + x.
	x := cnn.NewTensor(2, 2, 3)
	if x.Shape != (cnn.Shape{C: 2, H: 2, W: 3}) || x.Len() != 12 || len(x.Data) != 12 {
		t.Fatalf("NewTensor(2,2,3): %v with %d values", x.Shape, len(x.Data))
	}
	for c := 0; c < 2; c++ {
		for y := 0; y < 2; y++ {
			for xx := 0; xx < 3; xx++ {
				x.Set(c, y, xx, float32(100*c+10*y+xx))
			}
		}
	}
	equalExact(t, "CHW order", x.Data, []float32{0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112})
	if off := x.Offset(1, 1, 2); off != (1*2+1)*3+2 || x.At(1, 1, 2) != 112 {
		t.Errorf("Offset(1,1,2) = %d, At = %v", off, x.At(1, 1, 2))
	}
	if s := x.String(); s != "2×2×3" {
		t.Errorf("String %q, want 2×2×3", s)
	}

	ch := x.Channel(1)
	equalExact(t, "channel 1", ch, []float32{100, 101, 102, 110, 111, 112})
	ch[0] = -1
	if x.At(1, 0, 0) != -1 {
		t.Error("Channel does not share the tensor's storage")
	}
	if cap(ch) != 6 {
		t.Errorf("Channel's capacity %d reaches past the channel", cap(ch))
	}

	c := x.Clone()
	c.Data[0] = 42
	if x.Data[0] == 42 || c.Shape != x.Shape {
		t.Error("Clone is not a deep copy")
	}
}

func TestTensorFrom(t *testing.T) {
	data := []float32{1, 2, 3, 4, 5, 6}
	x, err := cnn.TensorFrom(1, 2, 3, data)
	if err != nil {
		t.Fatal(err)
	}
	data[5] = 60
	if x.At(0, 1, 2) != 60 {
		t.Error("TensorFrom copied its data")
	}
	for _, tc := range []struct {
		c, h, w, n int
		msg        string
	}{
		{1, 2, 3, 5, "need 6"},
		{1, 2, 3, 7, "need 6"},
		{0, 2, 3, 0, "positive"},
		{1, -2, -3, 6, "positive"},
		{1, 0, 3, 0, "positive"},
		{cnn.MaxDim + 1, 1, 1, 0, "too large"},
		// c·h·w overflows to 0: must not be taken for an empty tensor.
		{1 << 22, 1 << 21, 1 << 21, 0, "too large"},
	} {
		var err error
		noPanic(t, fmt.Sprint(tc), func() { _, err = cnn.TensorFrom(tc.c, tc.h, tc.w, make([]float32, tc.n)) })
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("TensorFrom(%d, %d, %d) with %d values: error %v, want one that mentions %q", tc.c, tc.h, tc.w, tc.n, err, tc.msg)
		}
	}
}

func TestNewTensorPanicsOnNegativeShape(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "cnn: ") {
			t.Errorf("NewTensor(1, -1, 1): recovered %v", r)
		}
	}()
	cnn.NewTensor(1, -1, 1)
}

func TestOutputSize(t *testing.T) {
	for _, tc := range []struct {
		m, h, p, s, want int
	}{
		{32, 5, 0, 1, 28}, // LeNet's C1
		{28, 2, 0, 2, 14}, // S2
		{14, 5, 0, 1, 10}, // C3
		{10, 2, 0, 2, 5},  // S4
		{5, 5, 0, 1, 1},   // C5
		{512, 3, 1, 1, 512},
		{7, 3, 1, 2, 4},
		{8, 2, 0, 2, 4},
		{9, 3, 0, 3, 3},
		{1, 1, 0, 1, 1},
		{1, 3, 1, 1, 1},
		{5, 7, 1, 1, 1},
		{cnn.MaxDim, cnn.MaxDim, 0, 1, 1},
	} {
		got, err := cnn.OutputSize(tc.m, tc.h, tc.p, tc.s)
		if err != nil || got != tc.want {
			t.Errorf("OutputSize(m=%d, h=%d, p=%d, s=%d) = %d, %v; want %d", tc.m, tc.h, tc.p, tc.s, got, err, tc.want)
		}
		// The formula, written out.
		if f := (tc.m+2*tc.p-tc.h)/tc.s + 1; f != tc.want {
			t.Errorf("table row %v contradicts ⌊(M+2p−h)/s⌋+1 = %d", tc, f)
		}
	}
}

func TestOutputSizeTiling(t *testing.T) {
	for _, tc := range []struct {
		m, h, p, s, leftover int
	}{
		{32, 5, 0, 2, 1},  // (32−5)/2 = 13.5
		{28, 3, 0, 2, 1},  // 25/2
		{10, 3, 0, 4, 3},  // 7/4
		{7, 2, 1, 3, 1},   // (7+2−2)/3 = 7/3
		{224, 7, 3, 4, 3}, // (224+6−7)/4 = 223/4
		{4, 1, 0, 2, 1},
	} {
		n, err := cnn.OutputSize(tc.m, tc.h, tc.p, tc.s)
		var te *cnn.TilingError
		if !errors.As(err, &te) {
			t.Errorf("OutputSize(%d, %d, %d, %d) = %d, %v; want a *TilingError", tc.m, tc.h, tc.p, tc.s, n, err)
			continue
		}
		want := cnn.TilingError{Axis: "side", M: tc.m, P: tc.p, H: tc.h, S: tc.s, Leftover: tc.leftover}
		if *te != want {
			t.Errorf("OutputSize(%d, %d, %d, %d): %+v, want %+v", tc.m, tc.h, tc.p, tc.s, *te, want)
		}
		// The message shows the division that fails.
		frac := fmt.Sprintf("%d/%d is not a whole number", tc.m+2*tc.p-tc.h, tc.s)
		if !strings.Contains(err.Error(), frac) || !strings.Contains(err.Error(), fmt.Sprintf("last %d row", tc.leftover)) {
			t.Errorf("message %q does not show %q and the %d left over", err, frac, tc.leftover)
		}
	}
}

func TestOutputSizeErrors(t *testing.T) {
	for _, tc := range []struct {
		m, h, p, s int
		msg        string
	}{
		{5, 3, 0, 0, "stride"},
		{5, 3, 0, -1, "stride"},
		{5, 3, -1, 1, "padding"},
		{0, 3, 0, 1, "input"},
		{-5, 3, 0, 1, "input"},
		{5, 0, 0, 1, "window"},
		{5, -3, 0, 1, "window"},
		{5, 6, 0, 1, "larger than"},
		{5, 8, 1, 1, "larger than"},
		{cnn.MaxDim + 1, 3, 0, 1, "at most"},
		{5, cnn.MaxDim + 1, cnn.MaxDim, 1, "at most"},
		{5, 3, cnn.MaxDim + 1, 1, "at most"},
		{5, 3, 0, cnn.MaxDim + 1, "at most"},
		{1 << 62, 1 << 62, 1 << 62, 1 << 62, "at most"},
	} {
		var n int
		var err error
		noPanic(t, fmt.Sprint(tc), func() { n, err = cnn.OutputSize(tc.m, tc.h, tc.p, tc.s) })
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("OutputSize(m=%d, h=%d, p=%d, s=%d) = %d, %v; want an error about %q", tc.m, tc.h, tc.p, tc.s, n, err, tc.msg)
		}
		var te *cnn.TilingError
		if errors.As(err, &te) {
			t.Errorf("OutputSize(m=%d, h=%d, p=%d, s=%d): a tiling error for a different fault", tc.m, tc.h, tc.p, tc.s)
		}
	}
}
