package lenet

import (
	"unsafe"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Forward runs the network on a 32×32 image x (row-major, values usually in
// 0..1, ink bright on a dark background), fills a with every layer's output
// and returns the most probable class. It allocates nothing.
// It panics if len(x) is not InputLen.
//
// Forward reads the weights from n.Params on every call and keeps no copy
// or re-arranged form of them, so a change to the parameters (training,
// loading) takes effect on the next call with nothing to refresh.
//
// It computes what ForwardReference computes, arranged for speed, above all
// for WebAssembly, which Go compiles without SIMD:
//   - every convolution keeps a strip of outputs in local variables and
//     slides a 5-tap kernel row, held in locals too, over one input row, so
//     each input value is loaded once per kernel row;
//   - C3, the largest layer, uses Winograd's F(4, 5) along its rows and
//     needs 115,200 multiply-adds instead of 240,000 (see conv3);
//   - under WebAssembly the loops that take the time (C1, C3 with its
//     transforms, C5, F6) are generated assembly (see kernels.go); elsewhere
//     their Go versions run, and tests hold the two to the same bits;
//   - ReLU runs on the floats' bits as the outputs are stored, and max
//     pooling compares the bits as integers, without branches;
//   - the loops index fixed-size arrays, so the compiler drops the index
//     checks;
//   - inputs that are exactly zero are skipped (the blank canvas around a
//     digit, what ReLU and pooling zero): input rows in C1, single values in
//     C5 and F6. A skipped product is one that would have added +0.
//
// C1 adds the same products in the same order as the reference; C3's
// transforms and the fully connected layers' other order change the last
// bits (C3 by up to about 5e-6 of max(1, |value|)).
func (n *Net) Forward(x []float32, a *Activations) int {
	if len(x) != InputLen {
		panic(msg.Sprintf("lenet: Forward needs %d input values, got %d", InputLen, len(x)))
	}
	w := n.weights()
	copy(a.Input[:], x)
	var m1 [32]uint32
	inputMasks(&m1, &a.Input)
	conv1(&a.C1, &a.Input, &m1, w.c1w, w.c1b)
	pool1(&a.S2, &a.C1)
	var s3 c3Scratch
	conv3(&a.C3, &a.S2, w.c3w, w.c3b, &s3)
	pool3(&a.S4, &a.C3)
	var idx [512]uint16
	var val [512]float32
	k := nonZero(&idx, &val, a.S4[:])
	c5dense(&a.C5, &idx, &val, min(k, s4Len), w.c5w, w.c5b)
	k = nonZero(&idx, &val, a.C5[:])
	f6dense(&a.F6, &idx, &val, min(k, c5Len), w.f6w, w.f6b)
	output(&a.Logits, &a.F6, w.outw, w.outb)
	cnn.Softmax(a.Probs[:], a.Logits[:])
	return a.Label()
}

// paramArrays are n's parameter tensors as arrays of their exact sizes,
// so that the kernels index them without checks.
type paramArrays struct {
	c1w  *[6 * 25]float32
	c1b  *[6]float32
	c3w  *[16 * 6 * 25]float32
	c3b  *[16]float32
	c5w  *[120 * 400]float32
	c5b  *[120]float32
	f6w  *[84 * 120]float32
	f6b  *[84]float32
	outw *[840]float32
	outb *[10]float32
}

func (n *Net) weights() paramArrays {
	if len(n.C1W) != 150 || len(n.C1B) != 6 || len(n.C3W) != 2400 || len(n.C3B) != 16 ||
		len(n.C5W) != 48000 || len(n.C5B) != 120 || len(n.F6W) != 84*120 || len(n.F6B) != 84 ||
		len(n.OutW) != 840 || len(n.OutB) != 10 {
		panic("lenet: the Net's parameter views do not have LeNet-5's sizes; make nets with New or FromParams")
	}
	return paramArrays{
		c1w: (*[150]float32)(n.C1W), c1b: (*[6]float32)(n.C1B),
		c3w: (*[2400]float32)(n.C3W), c3b: (*[16]float32)(n.C3B),
		c5w: (*[48000]float32)(n.C5W), c5b: (*[120]float32)(n.C5B),
		f6w: (*[84 * 120]float32)(n.F6W), f6b: (*[84]float32)(n.F6B),
		outw: (*[840]float32)(n.OutW), outb: (*[10]float32)(n.OutB),
	}
}

func relu(v float32) float32 {
	if v < 0 {
		return 0
	}
	return v
}

// inputMasks sets bit x of m[y] when the input pixel (y, x) is not zero
// (+0 and -0 count as zero). It reads the floats' bits, without branches.
func inputMasks(m *[32]uint32, in *[InputLen]float32) {
	u := (*[InputLen]uint32)(unsafe.Pointer(in))
	for y := range 32 {
		row := (*[32]uint32)(u[y*32:])
		var bits uint32
		for x, b := range row {
			b <<= 1 // drop the sign
			bits |= (b | -b) >> 31 << x
		}
		m[y] = bits
	}
}

// conv1 is C1 and its ReLU: in is 1×32×32, w is (6, 1, 5, 5), dst is
// 6×28×28. m holds the non-zero columns of every input row. Each output
// row is four strips of 7 outputs; a strip reads 11 input columns of 5
// rows. The rows whose 11 columns are all zero are found once for the six
// kernels (c1Strips) and never visited (c1conv), so that a sparse drawing
// costs no branch per row.
func conv1(dst *[c1Len]float32, in *[InputLen]float32, m *[32]uint32, w *[150]float32, b *[6]float32) {
	var strips [28 * 4]uint8
	c1Strips(&strips, m)
	c1conv(dst, in, w, b, &strips)
}

// c1Strips sets bit ky of strips[oy*4+s] when input row oy+ky holds a
// non-zero value in the 11 columns 7s … 7s+10 that the strip of outputs
// (oy, 7s … 7s+6) reads.
func c1Strips(strips *[28 * 4]uint8, m *[32]uint32) {
	for oy := range 28 {
		for s := range 4 {
			var rows uint32
			for ky := range 5 {
				nz := (m[oy+ky] >> (7 * s)) & 0x7ff
				rows |= (nz | -nz) >> 31 << ky
			}
			strips[oy*4+s] = uint8(rows)
		}
	}
}

// reluBits is ReLU on the bits of a float32: a negative value (sign bit
// set, -0 included) becomes +0, anything else is kept. Without branches it
// costs the same on every value, where a comparison would be mispredicted
// on about half the outputs of a convolution.
func reluBits(b uint32) uint32 { return b &^ uint32(int32(b)>>31) }

// pool1 is S2, 2×2 max pooling of src (6×28×28, after ReLU) into dst
// (6×14×14). After ReLU every value is +0 or positive, and such floats
// order as their bit patterns do, so the maximum is taken on integers,
// without branches.
func pool1(dst *[s2Len]float32, src *[c1Len]float32) {
	s := (*[c1Len]uint32)(unsafe.Pointer(src))
	d := (*[s2Len]uint32)(unsafe.Pointer(dst))
	for cy := range 6 * 14 {
		r0 := (*[28]uint32)(s[cy*56:])
		r1 := (*[28]uint32)(s[cy*56+28:])
		o := (*[14]uint32)(d[cy*14:])
		for x := range 14 {
			o[x] = max(max(r0[2*x], r0[2*x+1]), max(r1[2*x], r1[2*x+1]))
		}
	}
}

// pool3 is S4, 2×2 max pooling of src (16×10×10, after ReLU) into dst
// (16×5×5), on the bits as in pool1.
func pool3(dst *[s4Len]float32, src *[c3Len]float32) {
	s := (*[c3Len]uint32)(unsafe.Pointer(src))
	d := (*[s4Len]uint32)(unsafe.Pointer(dst))
	for cy := range 16 * 5 {
		r0 := (*[10]uint32)(s[cy*20:])
		r1 := (*[10]uint32)(s[cy*20+10:])
		o := (*[5]uint32)(d[cy*5:])
		for x := range 5 {
			o[x] = max(max(r0[2*x], r0[2*x+1]), max(r1[2*x], r1[2*x+1]))
		}
	}
}

// nonZero lists the non-zero values of x and their indices, in order, and
// returns how many there are. It does not branch on the values: every
// value is written at the next free place, which advances only when the
// value is not zero (+0 and -0 count as zero).
func nonZero(idx *[512]uint16, val *[512]float32, x []float32) int {
	x = x[:min(len(x), 512)]
	u := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
	vu := (*[512]uint32)(unsafe.Pointer(val))
	k := 0
	for i, b := range u {
		idx[k&511], vu[k&511] = uint16(i), b
		nz := b << 1
		k += int((nz | -nz) >> 31)
	}
	return k
}

// output is the Output layer: 84 → 10 logits, two outputs sharing each
// input value.
func output(dst *[NumClasses]float32, x *[f6Len]float32, w *[840]float32, b *[NumClasses]float32) {
	for n := 0; n < 10; n += 2 {
		k0 := (*[84]float32)(w[n*84:])
		k1 := (*[84]float32)(w[n*84+84:])
		a0, a1 := b[n], b[n+1]
		for i, v := range x {
			a0 += k0[i] * v
			a1 += k1[i] * v
		}
		dst[n], dst[n+1] = a0, a1
	}
}
