package cnn_test

import (
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

func TestConvCostLecture(t *testing.T) {
	// One 3×3 kernel on a 512×512 RGB image, same padding: every one of
	// the 512·512 outputs takes 3·3·3 multiplications.
	p, err := cnn.SamePadding(3)
	if err != nil {
		t.Fatal(err)
	}
	c, out, err := cnn.ConvCost(cnn.Shape{C: 3, H: 512, W: 512}, 1, 3, 3, p, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if c.MACs != 7077888 || 512*512*3*3*3 != 7077888 {
		t.Errorf("MACs %d, want 512·512·3·3·3 = 7,077,888", c.MACs)
	}
	if out != (cnn.Shape{C: 1, H: 512, W: 512}) {
		t.Errorf("output %v, want 1×512×512", out)
	}
	if c.Weights != 27 || c.Biases != 0 || c.Params() != 27 || c.Connections != 7077888 {
		t.Errorf("cost %+v, want 27 weights, no bias, 7,077,888 connections", c)
	}
	// With a bias: one more parameter, and one more edge into each output.
	c, _, err = cnn.ConvCost(cnn.Shape{C: 3, H: 512, W: 512}, 1, 3, 3, p, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Params() != 28 || c.Biases != 1 || c.MACs != 7077888 || c.Connections != 7077888+512*512 {
		t.Errorf("with bias: %+v", c)
	}
	// k′ = 64 kernels cost 64 times as much.
	c, out, err = cnn.ConvCost(cnn.Shape{C: 3, H: 512, W: 512}, 64, 3, 3, p, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.MACs != 64*7077888 || c.Params() != (3*3*3+1)*64 || out.C != 64 {
		t.Errorf("64 kernels: %+v, %v", c, out)
	}
}

func TestConvCostLeNet(t *testing.T) {
	// The lecture's LeNet-5 convolutions, each (C·5·5+1)·k parameters.
	for _, tc := range []struct {
		in                  cnn.Shape
		k                   int
		out                 cnn.Shape
		params, macs, edges int64
	}{
		{cnn.Shape{C: 1, H: 32, W: 32}, 6, cnn.Shape{C: 6, H: 28, W: 28}, 156, 117600, 122304},
		{cnn.Shape{C: 6, H: 14, W: 14}, 16, cnn.Shape{C: 16, H: 10, W: 10}, 2416, 240000, 241600},
		{cnn.Shape{C: 16, H: 5, W: 5}, 120, cnn.Shape{C: 120, H: 1, W: 1}, 48120, 48000, 48120},
	} {
		c, out, err := cnn.ConvCost(tc.in, tc.k, 5, 5, 0, 1, true)
		if err != nil {
			t.Fatal(err)
		}
		if out != tc.out || c.Params() != tc.params || c.MACs != tc.macs || c.Connections != tc.edges {
			t.Errorf("%d kernels 5×5 on %v: %v, %d parameters, %d MACs, %d connections; want %v, %d, %d, %d",
				tc.k, tc.in, out, c.Params(), c.MACs, c.Connections, tc.out, tc.params, tc.macs, tc.edges)
		}
	}
}

func TestDenseCost(t *testing.T) {
	for _, tc := range []struct {
		n1, n2              int
		params, macs, edges int64
	}{
		{120, 84, 10164, 10080, 10164}, // LeNet's F6: (120+1)·84
		{84, 10, 850, 840, 850},        // Output: (84+1)·10
	} {
		c := cnn.DenseCost(tc.n1, tc.n2, true)
		if c.Params() != tc.params || c.MACs != tc.macs || c.Connections != tc.edges || c.Biases != int64(tc.n2) {
			t.Errorf("DenseCost(%d, %d): %+v", tc.n1, tc.n2, c)
		}
		if c := cnn.DenseCost(tc.n1, tc.n2, false); c.Params() != int64(tc.n1*tc.n2) || c.Biases != 0 || c.Connections != int64(tc.n1*tc.n2) {
			t.Errorf("DenseCost(%d, %d) without bias: %+v", tc.n1, tc.n2, c)
		}
	}
}

func TestPartialConnectivityAndWeightSharing(t *testing.T) {
	// Two layers of n1 = n2 = 8 nodes; a 1-D convolution with kernel size
	// h = 3 connects each second-layer node to 3 nodes: h·n2 = 24 edges,
	// against n1·n2 = 64 fully connected.
	if e := cnn.PartialEdges(3, 8); e != 24 {
		t.Errorf("PartialEdges(3, 8) = %d, want 24", e)
	}
	if e := cnn.FullEdges(8, 8); e != 64 {
		t.Errorf("FullEdges(8, 8) = %d, want 64", e)
	}
	// The same from the general accounting: a 1×8 "image", a 1×3 kernel
	// with same padding along the row, no bias. (Padding the row also pads
	// the single-row height, which a 1-row kernel ignores.)
	for _, tc := range []struct{ n, h int }{{8, 3}, {8, 5}, {100, 7}, {5, 1}} {
		pad := (tc.h - 1) / 2
		c, out, err := cnn.ConvCost(cnn.Shape{C: 1, H: 1, W: tc.n}, 1, 1, tc.h, pad, 1, false)
		if err != nil {
			t.Fatal(err)
		}
		// The output has 1+2·pad rows; the lecture's picture has the
		// middle one, n2 nodes.
		rows := int64(out.H)
		if c.Connections/rows != cnn.PartialEdges(tc.h, tc.n) || out.W != tc.n {
			t.Errorf("n=%d, h=%d: %d connections over %d rows, want h·n2 = %d per row", tc.n, tc.h, c.Connections, rows, cnn.PartialEdges(tc.h, tc.n))
		}
		// Weight sharing: h·n2 edges, but only h weights.
		if c.Weights != int64(tc.h) {
			t.Errorf("n=%d, h=%d: %d weights, want h = %d", tc.n, tc.h, c.Weights, tc.h)
		}
		// Fully connected, the same layers need n1·n2 weights.
		if d := cnn.DenseCost(tc.n, tc.n, false); d.Weights != cnn.FullEdges(tc.n, tc.n) {
			t.Errorf("DenseCost(%d, %d).Weights = %d, want n1·n2", tc.n, tc.n, d.Weights)
		}
	}

	// Connecting two 256×256 images fully takes (256·256)·(256·256)
	// parameters; a 3×3 kernel takes 9, however large the image.
	full := cnn.FullEdges(256*256, 256*256)
	if full != 4294967296 {
		t.Errorf("FullEdges(256·256, 256·256) = %d, want 4,294,967,296", full)
	}
	if d := cnn.DenseCost(256*256, 256*256, false); d.Params() != full {
		t.Errorf("DenseCost(65536, 65536) parameters %d, want %d", d.Params(), full)
	}
	c, _, err := cnn.ConvCost(cnn.Shape{C: 1, H: 256, W: 256}, 1, 3, 3, 1, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if c.Params() != 9 || cnn.SharedWeights(3, 1) != 9 {
		t.Errorf("3×3 kernel on 256×256: %d parameters, SharedWeights(3, 1) = %d; want 9", c.Params(), cnn.SharedWeights(3, 1))
	}
	// k′ kernels of h×h: h·h·k′ weights, whatever the image size.
	for _, kp := range []int{1, 6, 32, 64, 128} {
		for _, side := range []int{28, 256, 512} {
			c, _, err := cnn.ConvCost(cnn.Shape{C: 1, H: side, W: side}, kp, 5, 5, 2, 1, false)
			if err != nil {
				t.Fatal(err)
			}
			if c.Weights != cnn.SharedWeights(5, kp) || cnn.SharedWeights(5, kp) != int64(25*kp) {
				t.Errorf("%d kernels 5×5 on %d×%d: %d weights, SharedWeights %d", kp, side, side, c.Weights, cnn.SharedWeights(5, kp))
			}
		}
	}
}

func TestPoolCost(t *testing.T) {
	c, out, err := cnn.PoolCost(cnn.Shape{C: 6, H: 28, W: 28}, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if out != (cnn.Shape{C: 6, H: 14, W: 14}) || c.Params() != 0 || c.MACs != 0 || c.Connections != 6*14*14*4 {
		t.Errorf("pooling 2×2/2 of 6×28×28: %v, %+v", out, c)
	}
	if _, _, err := cnn.PoolCost(cnn.Shape{C: 6, H: 28, W: 28}, 3, 2); err == nil {
		t.Error("pooling 3×3/2 of 28×28 does not tile, yet no error")
	}
}

func TestCostAdd(t *testing.T) {
	a := cnn.Cost{Weights: 1, Biases: 2, MACs: 3, Connections: 4}
	b := cnn.Cost{Weights: 10, Biases: 20, MACs: 30, Connections: 40}
	if s := a.Add(b); s != (cnn.Cost{Weights: 11, Biases: 22, MACs: 33, Connections: 44}) || s.Params() != 33 {
		t.Errorf("Add: %+v", s)
	}
}

func TestConvCostErrors(t *testing.T) {
	in := cnn.Shape{C: 3, H: 32, W: 32}
	for _, tc := range []struct {
		name          string
		in            cnn.Shape
		k, h, w, p, s int
		msg           string
	}{
		{"no kernels", in, 0, 3, 3, 0, 1, "kernel count"},
		{"negative kernels", in, -1, 3, 3, 0, 1, "kernel count"},
		{"absurd kernel count", in, 1 << 40, 3, 3, 0, 1, "kernel count"},
		{"no channels", cnn.Shape{C: 0, H: 32, W: 32}, 1, 3, 3, 0, 1, "channels"},
		{"zero stride", in, 1, 3, 3, 0, 0, "stride"},
		{"negative padding", in, 1, 3, 3, -1, 1, "padding"},
		{"kernel larger than the input", in, 1, 33, 3, 0, 1, "larger than"},
		{"non-tiling", in, 1, 3, 3, 0, 2, "tile"},
		{"non-tiling width", cnn.Shape{C: 1, H: 33, W: 32}, 1, 3, 3, 0, 2, "width"},
		{"absurd input", cnn.Shape{C: 1, H: 1 << 40, W: 1}, 1, 1, 1, 0, 1, "at most"},
		// Every size within bounds, but the product overflows 64 bits.
		{"cost overflows", cnn.Shape{C: cnn.MaxDim, H: cnn.MaxDim, W: cnn.MaxDim}, cnn.MaxDim, cnn.MaxDim, cnn.MaxDim, cnn.MaxDim, 1, "64 bits"},
	} {
		var err error
		noPanic(t, tc.name, func() { _, _, err = cnn.ConvCost(tc.in, tc.k, tc.h, tc.w, tc.p, tc.s, true) })
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.msg)
		}
	}
	// Large but representable: AlexNet's first layer, 96 kernels 3×11×11,
	// stride 4, on 3×227×227.
	c, out, err := cnn.ConvCost(cnn.Shape{C: 3, H: 227, W: 227}, 96, 11, 11, 0, 4, true)
	if err != nil {
		t.Fatal(err)
	}
	if out != (cnn.Shape{C: 96, H: 55, W: 55}) || c.Params() != (3*11*11+1)*96 || c.MACs != 96*55*55*3*11*11 {
		t.Errorf("AlexNet conv1: %v, %+v", out, c)
	}
}
