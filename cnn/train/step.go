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
//     load.
//
// It computes the gradient that pass computes, with sums in another order
// (and lenet's Forward differs from pass.forward in C3's last bits);
// TestFastPassMatchesPass holds the two together, and each kernel below
// has its slow version beside it in the tests.
type fastPass struct {
	x lenet.Activations // x.Input is the image; Forward fills the rest

	// Non-zero values of F6, C5 and S4 (indices and values).
	nF6, nC5, nS4 int
	iF6           [lenF6]uint16
	iC5           [lenC5]uint16
	iS4           [lenS4]uint16
	vF6           [lenF6]float32
	vC5           [lenC5]float32
	vS4           [lenS4]float32

	dz  [lenet.NumClasses]float32
	df6 [lenF6]float32 // at the indices of iF6 only
	dc5 [lenC5]float32 // at the indices of iC5 only
	ds4 [lenS4]float32 // at the indices of iS4 only
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
	p.nF6 = listPositive(p.iF6[:], p.vF6[:], a.F6[:])
	p.nC5 = listPositive(p.iC5[:], p.vC5[:], a.C5[:])
	p.nS4 = listPositive(p.iS4[:], p.vS4[:], a.S4[:])

	// Output: every logit has a gradient; F6's gradient is needed at its
	// positive units only.
	outputBackward(g.OutW, g.OutB, p.df6[:], p.dz[:], a.F6[:], n.OutW, p.iF6[:p.nF6])
	denseBackward(g.F6W, g.F6B, p.dc5[:], p.df6[:], p.iF6[:p.nF6], p.iC5[:p.nC5], p.vC5[:p.nC5], n.F6W, lenC5)
	denseBackward(g.C5W, g.C5B, p.ds4[:], p.dc5[:], p.iC5[:p.nC5], p.iS4[:p.nS4], p.vS4[:p.nS4], n.C5W, lenS4)

	// S4 → C3: each positive S4 value's gradient goes to its window's
	// winner in C3.
	p.k3 = [16]int{}
	for j, i16 := range p.iS4[:p.nS4] {
		d := p.ds4[i16]
		if d == 0 {
			continue
		}
		i := int(i16)
		ch, y, x := i/25, i/5%5, i%5
		at := winner(a.C3[:], ch*100+2*y*10+2*x, 10, p.vS4[j])
		oy, ox := at/10%10, at%10
		k := p.k3[ch]
		p.o3[ch][k], p.d3[ch][k] = uint16(oy*14+ox), d
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
		c3WeightGrad((*[150]float32)(g.C3W[ch*150:]), s2, &p.o3[ch], &p.d3[ch], k)
		c3InputGrad(&p.ds2, (*[150]float32)(n.C3W[ch*150:]), &p.o3[ch], &p.d3[ch], k)
	}

	// S2 → C1: each positive S2 value's gradient goes to its window's
	// winner in C1.
	p.k1 = [6]int{}
	s2u := (*[lenS2]uint32)(unsafe.Pointer(s2))
	for i, b := range s2u {
		d := p.ds2[i]
		if b == 0 || int32(b) < 0 || d == 0 {
			continue
		}
		ch, y, x := i/196, i/14%14, i%14
		at := winner(a.C1[:], ch*784+2*y*28+2*x, 28, s2[i])
		oy, ox := at/28%28, at%28
		k := p.k1[ch]
		p.o1[ch][k], p.d1[ch][k] = uint16(oy*32+ox), d
		p.k1[ch] = k + 1
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
		c1WeightGrad((*[25]float32)(g.C1W[ch*25:]), &a.Input, &p.o1[ch], &p.d1[ch], k)
	}
	return loss
}

// listPositive writes the indices and values of x's positive entries to
// idx and val and returns how many there are. After ReLU the others are
// +0 or -0, and a unit whose value is not positive passes no gradient.
func listPositive(idx []uint16, val, x []float32) int {
	k := 0
	idx, val = idx[:len(x)], val[:len(x)]
	for i, v := range x {
		if v > 0 {
			idx[k], val[k] = uint16(i), v
			k++
		}
	}
	return k
}

// winner returns the index in m of the first value, in reading order, of
// the 2×2 window whose top-left is at index at (rows of width w) that
// equals v: the value that max pooling passed on, found as
// cnn.MaxPoolInto finds it.
func winner(m []float32, at, w int, v float32) int {
	bits := math.Float32bits(v)
	switch {
	case math.Float32bits(m[at]) == bits:
		return at
	case math.Float32bits(m[at+1]) == bits:
		return at + 1
	case math.Float32bits(m[at+w]) == bits:
		return at + w
	}
	return at + w + 1
}

// outputBackward is the Output layer's backward pass, (10, 84) weights:
//
//	dW[o][i] += dz[o]·f6[i]    dB[o] += dz[o]
//	df6[i]    = Σ_o dz[o]·w[o][i]   for the i in pos (F6's positive units)
//
// df6 is overwritten at the indices in pos and not touched elsewhere.
func outputBackward(dW, dB, df6, dz, f6, w []float32, pos []uint16) {
	dW, w, f6 = dW[:10*lenF6], w[:10*lenF6], f6[:lenF6]
	dz, dB = dz[:10], dB[:10]
	for _, i := range pos {
		df6[i] = 0
	}
	for o, d := range dz {
		dB[o] += d
		row := (*[lenF6]float32)(dW[o*lenF6:])
		wr := (*[lenF6]float32)(w[o*lenF6:])
		for _, i := range pos {
			row[i] += d * f6[i]
			df6[i] += d * wr[i]
		}
	}
}

// denseBackward is a fully connected layer's backward pass, weights (out,
// nIn), for the outputs listed in outs (their gradients in dOut) and the
// inputs listed in ins with values xv (the positive ones; the others
// contribute nothing to dW and need no gradient):
//
//	dW[o][i] += dOut[o]·x[i]    dB[o] += dOut[o]
//	dIn[i]    = Σ_o dOut[o]·w[o][i]
//
// dIn is overwritten at the indices in ins and not touched elsewhere.
func denseBackward(dW, dB, dIn, dOut []float32, outs, ins []uint16, xv, w []float32, nIn int) {
	xv = xv[:len(ins)]
	for _, i := range ins {
		dIn[i] = 0
	}
	for _, o16 := range outs {
		o := int(o16)
		d := dOut[o]
		if d == 0 {
			continue
		}
		dB[o] += d
		row := dW[o*nIn : o*nIn+nIn]
		wr := w[o*nIn : o*nIn+nIn]
		for j, i := range ins {
			row[i] += d * xv[j]
			dIn[i] += d * wr[i]
		}
	}
}

// c3WeightGrad adds one C3 channel's kernel gradient to dw (6×5×5):
//
//	dw[c][ky][kx] += Σ_e d[e] · s2[c][oy_e+ky][ox_e+kx]
//
// over the k entries e of the channel's output gradient (offset
// off[e] = oy_e*14+ox_e). For each kernel row the 5 sums stay in locals.
func c3WeightGrad(dw *[150]float32, s2 *[lenS2]float32, off *[25]uint16, d *[25]float32, k int) {
	k = min(k, 25)
	for c := range 6 {
		for ky := range 5 {
			base := c*196 + ky*14
			r := (*[5]float32)(dw[c*25+ky*5:])
			a0, a1, a2, a3, a4 := r[0], r[1], r[2], r[3], r[4]
			for e, o := range off[:k] {
				s := (*[5]float32)(s2[base+int(o):])
				v := d[e]
				a0 += v * s[0]
				a1 += v * s[1]
				a2 += v * s[2]
				a3 += v * s[3]
				a4 += v * s[4]
			}
			r[0], r[1], r[2], r[3], r[4] = a0, a1, a2, a3, a4
		}
	}
}

// c3InputGrad adds one C3 channel's share of S2's gradient to ds2:
//
//	ds2[c][oy_e+ky][ox_e+kx] += d[e] · w[c][ky][kx]
//
// for every entry e, with w the channel's kernel (6×5×5).
func c3InputGrad(ds2 *[lenS2]float32, w *[150]float32, off *[25]uint16, d *[25]float32, k int) {
	k = min(k, 25)
	for c := range 6 {
		for ky := range 5 {
			base := c*196 + ky*14
			r := (*[5]float32)(w[c*25+ky*5:])
			w0, w1, w2, w3, w4 := r[0], r[1], r[2], r[3], r[4]
			for e, o := range off[:k] {
				s := (*[5]float32)(ds2[base+int(o):])
				v := d[e]
				s[0] += v * w0
				s[1] += v * w1
				s[2] += v * w2
				s[3] += v * w3
				s[4] += v * w4
			}
		}
	}
}

// c1WeightGrad adds one C1 channel's kernel gradient to dw (5×5):
//
//	dw[ky][kx] += Σ_e d[e] · x[oy_e+ky][ox_e+kx]
//
// over the k entries e (offset off[e] = oy_e*32+ox_e).
func c1WeightGrad(dw *[25]float32, x *[lenet.InputLen]float32, off *[196]uint16, d *[196]float32, k int) {
	k = min(k, 196)
	for ky := range 5 {
		r := (*[5]float32)(dw[ky*5:])
		a0, a1, a2, a3, a4 := r[0], r[1], r[2], r[3], r[4]
		for e, o := range off[:k] {
			s := (*[5]float32)(x[ky*32+int(o):])
			v := d[e]
			a0 += v * s[0]
			a1 += v * s[1]
			a2 += v * s[2]
			a3 += v * s[3]
			a4 += v * s[4]
		}
		r[0], r[1], r[2], r[3], r[4] = a0, a1, a2, a3, a4
	}
}
