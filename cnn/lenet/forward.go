package lenet

import (
	"fmt"

	"github.com/seecnn/lenet/cnn"
)

// Forward runs the network on a 32×32 image x (row-major, values usually in
// 0..1, ink bright on a dark background), fills a with every layer's output
// and returns the most probable class. It allocates nothing.
// It panics if len(x) is not InputLen.
//
// Forward reads the weights from n.Params on every call and keeps no copy
// of them, so a change to the parameters (training, loading) takes effect
// on the next call with nothing to refresh.
//
// It computes what ForwardReference computes, arranged for speed: every
// convolution keeps a strip of outputs in local accumulators and slides a
// 5-tap kernel row over the input (so each input value is loaded once per
// kernel row), bias and ReLU are applied as the strip is stored, the
// loops have constant bounds so the compiler drops the index checks, and
// inputs that are exactly zero (the blank canvas around a digit, what ReLU
// and pooling zero) are skipped: whole input rows in C1 and C3, single
// values in C5 and F6. Skipping adds nothing that was not +0, so the
// convolutions and C5 add the same products in the same order as the
// reference and give the same values; only the fully connected layers sum
// in another order (differences of a few units in the last place).
func (n *Net) Forward(x []float32, a *Activations) int {
	if len(x) != InputLen {
		panic(fmt.Sprintf("lenet: Forward needs %d input values, got %d", InputLen, len(x)))
	}
	w := n.weights()
	copy(a.Input[:], x)
	var m1 [32]uint32
	inputMasks(&m1, &a.Input)
	conv1(&a.C1, &a.Input, &m1, w.c1w, w.c1b)
	var m2 [6 * 14]uint32
	pool1(&a.S2, &m2, &a.C1)
	conv3(&a.C3, &a.S2, &m2, w.c3w, w.c3b)
	pool3(&a.S4, &a.C3)
	conv5(&a.C5, &a.S4, w.c5w, w.c5b)
	dense(a.F6[:], a.C5[:], w.f6w, w.f6b, true)
	dense(a.Logits[:], a.F6[:], w.outw, w.outb, false)
	cnn.Softmax(a.Probs[:], a.Logits[:])
	return a.Label()
}

// views are n's parameter tensors as arrays of their exact sizes, so that
// the kernels index them without checks.
type views struct {
	c1w  *[6 * 25]float32
	c1b  *[6]float32
	c3w  *[16 * 6 * 25]float32
	c3b  *[16]float32
	c5w  *[120 * 400]float32
	c5b  *[120]float32
	f6w  []float32 // (84, 120)
	f6b  []float32
	outw []float32 // (10, 84)
	outb []float32
}

func (n *Net) weights() views {
	if len(n.C1W) != 150 || len(n.C1B) != 6 || len(n.C3W) != 2400 || len(n.C3B) != 16 ||
		len(n.C5W) != 48000 || len(n.C5B) != 120 || len(n.F6W) != 84*120 || len(n.F6B) != 84 ||
		len(n.OutW) != 840 || len(n.OutB) != 10 {
		panic("lenet: the Net's parameter views do not have LeNet-5's sizes; make nets with New or FromParams")
	}
	return views{
		c1w: (*[150]float32)(n.C1W), c1b: (*[6]float32)(n.C1B),
		c3w: (*[2400]float32)(n.C3W), c3b: (*[16]float32)(n.C3B),
		c5w: (*[48000]float32)(n.C5W), c5b: (*[120]float32)(n.C5B),
		f6w: n.F6W, f6b: n.F6B, outw: n.OutW, outb: n.OutB,
	}
}

func relu(v float32) float32 {
	if v < 0 {
		return 0
	}
	return v
}

// inputMasks sets bit x of m[y] when the input pixel (y, x) is not zero.
func inputMasks(m *[32]uint32, in *[InputLen]float32) {
	for y := range 32 {
		row := (*[32]float32)(in[y*32:])
		var bits uint32
		for x, v := range row {
			if v != 0 {
				bits |= 1 << x
			}
		}
		m[y] = bits
	}
}

// conv1 is C1: in is 1×32×32, w is (6, 1, 5, 5), dst is 6×28×28 after
// ReLU. m holds the non-zero columns of every input row. Each output row
// is four strips of 7 outputs; a strip reads 11 input columns of 5 rows
// and skips the rows whose 11 columns are all zero.
func conv1(dst *[c1Len]float32, in *[InputLen]float32, m *[32]uint32, w *[150]float32, b *[6]float32) {
	for n := range 6 {
		k := (*[25]float32)(w[n*25:])
		bias := b[n]
		for oy := range 28 {
			out := (*[28]float32)(dst[(n*28+oy)*28:])
			for ox := 0; ox < 28; ox += 7 {
				a0, a1, a2, a3, a4, a5, a6 := bias, bias, bias, bias, bias, bias, bias
				for ky := range 5 {
					iy := oy + ky
					if (m[iy]>>ox)&0x7ff == 0 {
						continue
					}
					kr := (*[5]float32)(k[ky*5:])
					w0, w1, w2, w3, w4 := kr[0], kr[1], kr[2], kr[3], kr[4]
					r := (*[11]float32)(in[iy*32+ox:])
					var v float32
					v = r[0]
					a0 += w0 * v
					v = r[1]
					a1 += w0 * v
					a0 += w1 * v
					v = r[2]
					a2 += w0 * v
					a1 += w1 * v
					a0 += w2 * v
					v = r[3]
					a3 += w0 * v
					a2 += w1 * v
					a1 += w2 * v
					a0 += w3 * v
					v = r[4]
					a4 += w0 * v
					a3 += w1 * v
					a2 += w2 * v
					a1 += w3 * v
					a0 += w4 * v
					v = r[5]
					a5 += w0 * v
					a4 += w1 * v
					a3 += w2 * v
					a2 += w3 * v
					a1 += w4 * v
					v = r[6]
					a6 += w0 * v
					a5 += w1 * v
					a4 += w2 * v
					a3 += w3 * v
					a2 += w4 * v
					v = r[7]
					a6 += w1 * v
					a5 += w2 * v
					a4 += w3 * v
					a3 += w4 * v
					v = r[8]
					a6 += w2 * v
					a5 += w3 * v
					a4 += w4 * v
					v = r[9]
					a6 += w3 * v
					a5 += w4 * v
					v = r[10]
					a6 += w4 * v
				}
				o := (*[7]float32)(out[ox:])
				o[0], o[1], o[2], o[3], o[4], o[5], o[6] = relu(a0), relu(a1), relu(a2), relu(a3), relu(a4), relu(a5), relu(a6)
			}
		}
	}
}

// pool1 is S2: 2×2 max pooling of src (6×28×28) into dst (6×14×14); bit x
// of m[c*14+y] is set when dst's (c, y, x) is not zero. Ties keep the
// first value read row by row, as the reference does.
func pool1(dst *[s2Len]float32, m *[6 * 14]uint32, src *[c1Len]float32) {
	for cy := range 6 * 14 {
		r0 := (*[28]float32)(src[cy*56:])
		r1 := (*[28]float32)(src[cy*56+28:])
		o := (*[14]float32)(dst[cy*14:])
		var bits uint32
		for x := range 14 {
			v := r0[2*x]
			if u := r0[2*x+1]; u > v {
				v = u
			}
			if u := r1[2*x]; u > v {
				v = u
			}
			if u := r1[2*x+1]; u > v {
				v = u
			}
			o[x] = v
			if v != 0 {
				bits |= 1 << x
			}
		}
		m[cy] = bits
	}
}

// conv3 is C3: in is 6×14×14, w is (16, 6, 5, 5), dst is 16×10×10 after
// ReLU. An output row is one strip of 10 accumulators; for every input
// channel and kernel row it reads one input row of 14, skipped when m says
// the row is all zero.
func conv3(dst *[c3Len]float32, in *[s2Len]float32, m *[6 * 14]uint32, w *[2400]float32, b *[16]float32) {
	for n := range 16 {
		bias := b[n]
		for oy := range 10 {
			a0, a1, a2, a3, a4, a5, a6, a7, a8, a9 := bias, bias, bias, bias, bias, bias, bias, bias, bias, bias
			for c := range 6 {
				k := (*[25]float32)(w[(n*6+c)*25:])
				for ky := range 5 {
					iy := c*14 + oy + ky
					if m[iy] == 0 {
						continue
					}
					kr := (*[5]float32)(k[ky*5:])
					w0, w1, w2, w3, w4 := kr[0], kr[1], kr[2], kr[3], kr[4]
					r := (*[14]float32)(in[iy*14:])
					var v float32
					v = r[0]
					a0 += w0 * v
					v = r[1]
					a1 += w0 * v
					a0 += w1 * v
					v = r[2]
					a2 += w0 * v
					a1 += w1 * v
					a0 += w2 * v
					v = r[3]
					a3 += w0 * v
					a2 += w1 * v
					a1 += w2 * v
					a0 += w3 * v
					v = r[4]
					a4 += w0 * v
					a3 += w1 * v
					a2 += w2 * v
					a1 += w3 * v
					a0 += w4 * v
					v = r[5]
					a5 += w0 * v
					a4 += w1 * v
					a3 += w2 * v
					a2 += w3 * v
					a1 += w4 * v
					v = r[6]
					a6 += w0 * v
					a5 += w1 * v
					a4 += w2 * v
					a3 += w3 * v
					a2 += w4 * v
					v = r[7]
					a7 += w0 * v
					a6 += w1 * v
					a5 += w2 * v
					a4 += w3 * v
					a3 += w4 * v
					v = r[8]
					a8 += w0 * v
					a7 += w1 * v
					a6 += w2 * v
					a5 += w3 * v
					a4 += w4 * v
					v = r[9]
					a9 += w0 * v
					a8 += w1 * v
					a7 += w2 * v
					a6 += w3 * v
					a5 += w4 * v
					v = r[10]
					a9 += w1 * v
					a8 += w2 * v
					a7 += w3 * v
					a6 += w4 * v
					v = r[11]
					a9 += w2 * v
					a8 += w3 * v
					a7 += w4 * v
					v = r[12]
					a9 += w3 * v
					a8 += w4 * v
					v = r[13]
					a9 += w4 * v
				}
			}
			o := (*[10]float32)(dst[(n*10+oy)*10:])
			o[0], o[1], o[2], o[3], o[4] = relu(a0), relu(a1), relu(a2), relu(a3), relu(a4)
			o[5], o[6], o[7], o[8], o[9] = relu(a5), relu(a6), relu(a7), relu(a8), relu(a9)
		}
	}
}

// pool3 is S4: 2×2 max pooling of src (16×10×10) into dst (16×5×5).
func pool3(dst *[s4Len]float32, src *[c3Len]float32) {
	for cy := range 16 * 5 {
		r0 := (*[10]float32)(src[cy*20:])
		r1 := (*[10]float32)(src[cy*20+10:])
		o := (*[5]float32)(dst[cy*5:])
		for x := range 5 {
			v := r0[2*x]
			if u := r0[2*x+1]; u > v {
				v = u
			}
			if u := r1[2*x]; u > v {
				v = u
			}
			if u := r1[2*x+1]; u > v {
				v = u
			}
			o[x] = v
		}
	}
}

// conv5 is C5, a 5×5 kernel over a 5×5 input: a fully connected layer from
// the 400 values of S4 (16×5×5) to 120, then ReLU. Eight outputs share each
// input value, and inputs that are zero are skipped.
func conv5(dst *[c5Len]float32, in *[s4Len]float32, w *[48000]float32, b *[120]float32) {
	for n := 0; n < 120; n += 8 {
		k := (*[8 * 400]float32)(w[n*400:])
		k0 := (*[400]float32)(k[0:])
		k1 := (*[400]float32)(k[400:])
		k2 := (*[400]float32)(k[800:])
		k3 := (*[400]float32)(k[1200:])
		k4 := (*[400]float32)(k[1600:])
		k5 := (*[400]float32)(k[2000:])
		k6 := (*[400]float32)(k[2400:])
		k7 := (*[400]float32)(k[2800:])
		bb := (*[8]float32)(b[n:])
		a0, a1, a2, a3, a4, a5, a6, a7 := bb[0], bb[1], bb[2], bb[3], bb[4], bb[5], bb[6], bb[7]
		for i, v := range in {
			if v == 0 {
				continue
			}
			a0 += k0[i] * v
			a1 += k1[i] * v
			a2 += k2[i] * v
			a3 += k3[i] * v
			a4 += k4[i] * v
			a5 += k5[i] * v
			a6 += k6[i] * v
			a7 += k7[i] * v
		}
		o := (*[8]float32)(dst[n:])
		o[0], o[1], o[2], o[3] = relu(a0), relu(a1), relu(a2), relu(a3)
		o[4], o[5], o[6], o[7] = relu(a4), relu(a5), relu(a6), relu(a7)
	}
}

// dense is a fully connected layer dst = W·x + b, w being (len(dst),
// len(x)), with ReLU if asked. Two outputs share each input value, zero
// inputs are skipped.
func dense(dst, x, w, b []float32, withReLU bool) {
	nIn := len(x)
	b = b[:len(dst)]
	o := 0
	for ; o+2 <= len(dst); o += 2 {
		w0 := w[o*nIn : o*nIn+nIn]
		w1 := w[o*nIn+nIn : o*nIn+2*nIn]
		s0, s1 := b[o], b[o+1]
		for i, v := range x {
			if v == 0 {
				continue
			}
			s0 += w0[i] * v
			s1 += w1[i] * v
		}
		if withReLU {
			s0, s1 = relu(s0), relu(s1)
		}
		dst[o], dst[o+1] = s0, s1
	}
	for ; o < len(dst); o++ {
		wo := w[o*nIn : o*nIn+nIn]
		s := b[o]
		for i, v := range x {
			if v != 0 {
				s += wo[i] * v
			}
		}
		if withReLU {
			s = relu(s)
		}
		dst[o] = s
	}
}
