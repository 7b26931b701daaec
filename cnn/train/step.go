package train

import (
	"math"
	"unsafe"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// fastPass is one image's forward and backward pass, arranged for one
// goroutine in WebAssembly. The forward half is lenet's Forward (its
// assembly kernels under WebAssembly, Winograd C3); the backward half
// follows the sparsity that ReLU and max pooling leave:
//
//   - a gradient reaches only the winner of each pooling window, and only
//     if that winner is positive (ReLU), so C3's output gradient has at
//     most 25 non-zero values per channel (one per S4 window) and C1's at
//     most 196 (one per S2 window); they are kept as lists of (offset,
//     value), one list per channel;
//   - the fully connected layers (Output, F6, and C5, which is one) read
//     only the non-zero inputs and write gradients only for the inputs
//     whose value is positive, since the others are zeroed by the ReLU
//     before them;
//   - the convolutions' weight gradients hold one kernel row's 5 sums in
//     locals while they walk a channel's list, so each product costs one
//     load; under WebAssembly these kernels and the dense layers' are
//     assembly (kernels.go);
//   - the pooling winners are found again from the stored maps, without a
//     branch on the values.
//
// It computes the gradient that pass computes, with sums in another order
// (and lenet's Forward differs from pass.forward in C3's last bits):
// TestFastPassMatchesPass holds the two together; each kernel is checked
// against package cnn's backward pass (TestConvGradsMatchCNN,
// TestDenseBackMatchesCNN) and its assembly against its Go version
// (TestKernels). In Node, a pass takes about 160 µs on a digit with the
// shipped weights, against 1,500 µs for pass; natively, where the Go
// versions of the kernels run, the gain is smaller.
type fastPass struct {
	x lenet.Activations // x.Input is the image; Forward fills the rest

	// The positive values of F6, C5 and S4 (the inputs that pass a
	// gradient to the layer after them), and how many there are.
	nF6, nC5, nS4 int
	inF6          [lenF6]inEntry
	inC5          [lenC5]inEntry
	inS4          [lenS4]inEntry
	// The outputs of Output, F6 and C5 with a non-zero gradient.
	outZ  [lenet.NumClasses]outEntry
	outF6 [lenF6]outEntry
	outC5 [lenC5]outEntry

	dz  [lenet.NumClasses]float32
	df6 [lenF6]float32 // at the indices of inF6 only
	dc5 [lenC5]float32 // at the indices of inC5 only
	ds4 [lenS4]float32 // at the indices of inS4 only
	ds2 [lenS2]float32

	// C3's output gradient, per channel: k3[n] entries with the offset
	// oy*14+ox in S2 of the window's top-left corner and the gradient.
	k3 [16]int
	o3 [16][25]uint16
	d3 [16][25]float32
	// C1's output gradient, per channel: the offset oy*32+ox in the input.
	k1 [6]int
	o1 [6][196]uint16
	d1 [6][196]float32
}

// forward runs net on p.x.Input and returns the predicted class.
func (p *fastPass) forward(n *lenet.Net) int {
	return n.Forward(p.x.Input[:], &p.x)
}

// backward adds the gradient of the cross-entropy loss for label to g (a
// network whose parameters are gradients) and returns the loss. It must
// follow forward on the same p and n.
func (p *fastPass) backward(n, g *lenet.Net, label int) float32 {
	a := &p.x
	loss := cnn.SoftmaxCrossEntropy(p.dz[:], a.Logits[:], label)
	p.nF6 = listPositive(p.inF6[:], a.F6[:])
	p.nC5 = listPositive(p.inC5[:], a.C5[:])
	p.nS4 = listPositive(p.inS4[:], a.S4[:])

	// The fully connected layers: every logit has a gradient; each layer
	// passes one back to its positive inputs only.
	for o, d := range p.dz {
		p.outZ[o] = outEntry{uint32(o * lenF6), d}
		g.OutB[o] += d
	}
	clearAt(p.df6[:], p.inF6[:p.nF6])
	denseBack(g.OutW, p.df6[:], n.OutW, p.outZ[:], p.inF6[:p.nF6])
	m := gradList(p.outF6[:], g.F6B, p.df6[:], p.inF6[:p.nF6], lenC5)
	clearAt(p.dc5[:], p.inC5[:p.nC5])
	denseBack(g.F6W, p.dc5[:], n.F6W, p.outF6[:m], p.inC5[:p.nC5])
	m = gradList(p.outC5[:], g.C5B, p.dc5[:], p.inC5[:p.nC5], lenS4)
	clearAt(p.ds4[:], p.inS4[:p.nS4])
	denseBack(g.C5W, p.ds4[:], n.C5W, p.outC5[:m], p.inS4[:p.nS4])

	// S4 → C3: each positive S4 value's gradient goes to its window's
	// winner in C3, an entry of that channel's list (a zero gradient is
	// listed too: it adds nothing, and skipping it would cost a branch).
	p.k3 = [16]int{}
	c3 := (*[lenC3]uint32)(unsafe.Pointer(&a.C3))
	for _, in := range p.inS4[:p.nS4] {
		i := int(in.i)
		ch, yx := i/25, i%25
		y, x := yx/5, yx%5
		off := winnerOffset(c3[:], ch*100+20*y+2*x, 10, math.Float32bits(in.x))
		k := p.k3[ch]
		// (2y, 2x) + off in C3's 10-wide rows is oy*14+ox in S2's 14-wide
		// ones: +4 for the second row (off ≥ 10).
		p.o3[ch][k], p.d3[ch][k] = uint16(28*y+2*x+off+off>>3*4), p.ds4[i]
		p.k3[ch] = k + 1
	}
	s2 := &a.S2
	p.ds2 = [lenS2]float32{}
	for ch := range 16 {
		k := p.k3[ch]
		if k == 0 {
			continue
		}
		var sum float32
		for _, d := range p.d3[ch][:k] {
			sum += d
		}
		g.C3B[ch] += sum
		c3back((*[150]float32)(g.C3W[ch*150:]), &p.ds2, s2, (*[150]float32)(n.C3W[ch*150:]), &p.o3[ch], &p.d3[ch], k)
	}

	// S2 → C1: each positive S2 value's gradient goes to its window's
	// winner in C1. Every position is visited and written; the count moves
	// on only for a positive value, so there is no branch on the values.
	c1 := (*[lenC1]uint32)(unsafe.Pointer(&a.C1))
	s2u := (*[lenS2]uint32)(unsafe.Pointer(s2))
	for ch := range 6 {
		k := 0
		o, d := &p.o1[ch], &p.d1[ch]
		for y := range 14 {
			for x := range 14 {
				i := ch*196 + y*14 + x
				b := s2u[i]
				off := winnerOffset(c1[:], ch*784+56*y+2*x, 28, b)
				// (2y, 2x) + off in C1's 28-wide rows, in the input's
				// 32-wide ones: +4 for the second row (off ≥ 28).
				o[k], d[k] = uint16(64*y+2*x+off+off>>4*4), p.ds2[i]
				k += nonZeroBit(b)
			}
		}
		p.k1[ch] = k
	}
	for ch := range 6 {
		k := p.k1[ch]
		if k == 0 {
			continue
		}
		var sum float32
		for _, d := range p.d1[ch][:k] {
			sum += d
		}
		g.C1B[ch] += sum
		c1back((*[25]float32)(g.C1W[ch*25:]), &a.Input, &p.o1[ch], &p.d1[ch], k)
	}
	return loss
}

// listPositive lists x's non-zero entries in ins and returns how many
// there are. x is the output of a ReLU, so they are its positive values
// (a unit whose value is +0 or -0 passes no gradient). Every value is
// written at the next free place, which advances only past a non-zero one,
// so there is no branch on the values.
func listPositive(ins []inEntry, x []float32) int {
	k := 0
	ins = ins[:len(x)]
	for i, v := range x {
		ins[k] = inEntry{uint32(i), v}
		k += nonZeroBit(math.Float32bits(v))
	}
	return k
}

// nonZeroBit is 1 for the bits of a float32 that is not +0 or -0, else 0.
func nonZeroBit(b uint32) int {
	b <<= 1 // drop the sign
	return int((b | -b) >> 31)
}

// clearAt zeroes d at the indices of ins.
func clearAt(d []float32, ins []inEntry) {
	for _, in := range ins {
		d[in.i] = 0
	}
}

// gradList lists in outs the outputs of a fully connected layer (weights
// (out, nIn)) that have a gradient: the units of ins whose gradient in d
// is not zero. It adds each gradient to the unit's bias gradient dB and
// returns how many there are.
func gradList(outs []outEntry, dB, d []float32, ins []inEntry, nIn int) int {
	m := 0
	for _, in := range ins {
		if v := d[in.i]; v != 0 {
			outs[m] = outEntry{in.i * uint32(nIn), v}
			dB[in.i] += v
			m++
		}
	}
	return m
}

// winnerOffset returns the offset, 0, 1, w or w+1, in the 2×2 window
// whose top-left is at index at (rows of width w) of the map m (a layer's
// output after ReLU, as bits), of the first value in reading order that
// equals b: the value max pooling passed on, found as cnn.MaxPoolInto
// finds it. Without branches:
//
//	n0·(1 + n1·(w−1 + n2))   with n_j = 1 if the j-th value differs
//
// is 0, 1, w or w+1.
func winnerOffset(m []uint32, at, w int, b uint32) int {
	x0, x1, x2 := m[at]^b, m[at+1]^b, m[at+w]^b
	n0, n1, n2 := int((x0|-x0)>>31), int((x1|-x1)>>31), int((x2|-x2)>>31)
	return n0 * (1 + n1*(w-1+n2))
}
