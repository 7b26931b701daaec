package lenet

import (
	"image"

	"github.com/seecnn/lenet/cnn/msg"
)

// Occluder computes the logits of an image with a rectangle of it covered
// (set to 0, the background), for many rectangles, each far faster than a
// forward pass of the covered image. It is the engine of occlusion maps
// (package evidence).
//
// Covering changes the input by −x on the rectangle's ink only, and the
// layers are linear up to ReLU and max pooling. So Reset runs the uncovered
// image once, keeping the pre-activations of C1, C3 and C5 and the pooled
// maps S2 and S4, and Cover
//
//  1. subtracts each covered ink pixel's contribution, x·w, from the C1
//     pre-activations it reaches (150 multiply-adds a pixel),
//  2. recomputes ReLU and pooling where C1 changed and lists the S2 values
//     that changed,
//  3. adds each changed S2 value's difference times the C3 kernels to the
//     C3 pre-activations it reaches (400 multiply-adds a value; c3scatter,
//     assembly under WebAssembly),
//  4. recomputes ReLU and pooling there and lists the S4 values that
//     changed,
//  5. runs C5 as the base pre-activations plus the changes times the
//     weights (c5dense with the base as its biases: 120 multiply-adds a
//     changed value), and F6 and Output as Forward does.
//
// Nothing is approximated: ReLU and max pooling are recomputed on the new
// values, so the logits are those of a forward pass of the covered image,
// up to float32 rounding of sums taken in another order. A cover whose
// change dies out (no S2 or S4 value changes) gives the base logits
// exactly. For a 4×4 patch over an MNIST digit's stroke, about 8 ink
// pixels change about 60 S2 and 80 S4 values: some 40,000 multiply-adds,
// a tenth of a forward pass.
//
// Inside, C1 and C3 are stored channel-last with 4 rows and columns of
// padding on every side, so that every kernel tap of a changed value has
// a place to land and the loops need no clipping; what lands in the
// padding is never read. The kernels are rearranged to match.
//
// An Occluder holds about 120 KB; the zero value is ready for Reset. It
// reads the weights in Reset and Cover: they must not change in between.
type Occluder struct {
	net *Net
	x   [InputLen]float32
	z   [NumClasses]float32 // the uncovered image's logits

	// k1[(ky*5+kx)*6+n] is C1's w[n][0][ky][kx];
	// k3[((c*5+ky)*5+kx)*16+n] is C3's w[n][c][ky][kx].
	k1 [150]float32
	k3 [2400]float32

	// The uncovered image: C1 before ReLU at c1At(y, x)+n, S2 at
	// (y*14+x)*6+c, C3 before ReLU at c3At(y, x)+n, S4 as Activations
	// holds it ((c*5+y)*5+x), C5 before ReLU.
	c1p [c1Pad]float32
	s2  [s2Len]float32
	c3p [c3Pad]float32
	s4  [s4Len]float32
	c5p [c5Len]float32

	// Working memory of Cover.
	w1  [c1Pad]float32
	w3  [c3Pad]float32
	e3  [s2Len]uint32 // changed S2 values, as c3scatter takes them
	v3  [s2Len]float32
	idx [512]uint16
	val [512]float32
	c5  [c5Len]float32
	f6  [f6Len]float32
}

// The padded layouts: C1's 28×28 and C3's 10×10 with 4 more rows and
// columns on every side, channel-last.
const (
	c1Side = 28 + 8
	c1Pad  = c1Side * c1Side * 6
	c3Side = 10 + 8
	c3Pad  = c3Side * c3Side * 16
)

// c1At is the index of C1's output (y, x), channel 0, in the padded layout
// (−4 ≤ y, x < 32).
func c1At(y, x int) int { return ((y+4)*c1Side + x + 4) * 6 }

// c3At is the index of C3's output (y, x), channel 0 (−4 ≤ y, x < 14).
func c3At(y, x int) int { return ((y+4)*c3Side + x + 4) * 16 }

// Reset makes x (32×32, as Forward reads it) the uncovered image and runs
// it through n, keeping what Cover needs: about two forward passes' work.
// It panics if len(x) is not InputLen.
func (o *Occluder) Reset(n *Net, x []float32) {
	if len(x) != InputLen {
		panic(msg.Sprintf("lenet: Occluder.Reset needs %d input values, got %d", InputLen, len(x)))
	}
	w := n.weights()
	o.net = n
	copy(o.x[:], x)
	clear(o.c1p[:]) // the padding too, where Cover's taps land
	clear(o.c3p[:])
	for t := range 25 {
		for c := range 6 {
			o.k1[t*6+c] = w.c1w[c*25+t]
		}
	}
	for c := range 16 {
		for t := range 150 {
			o.k3[t*16+c] = w.c3w[c*150+t]
		}
	}
	// C1: the biases, then every non-zero pixel times the kernels.
	for y := range 28 {
		for x := range 28 {
			*(*[6]float32)(o.c1p[c1At(y, x):]) = *w.c1b
		}
	}
	for y := range InputSide {
		for x := range InputSide {
			if v := o.x[y*InputSide+x]; v != 0 {
				o.addC1(&o.c1p, y, x, v)
			}
		}
	}
	pool1Pad(&o.s2, &o.c1p, 0, 14, 0, 14)
	// C3 likewise from the non-zero S2 values.
	for y := range 10 {
		for x := range 10 {
			*(*[16]float32)(o.c3p[c3At(y, x):]) = *w.c3b
		}
	}
	k := 0
	for i, v := range o.s2 {
		if v != 0 {
			o.e3[k], o.v3[k] = s2Entry(i), v
			k++
		}
	}
	c3scatter(&o.c3p, &o.k3, &o.e3, &o.v3, k)
	pool3Pad(&o.s4, &o.c3p, 0, 5, 0, 5)
	// C5 before ReLU, from the non-zero S4 values.
	k = nonZero(&o.idx, &o.val, o.s4[:])
	for m := range c5Len {
		row := (*[s4Len]float32)(w.c5w[m*s4Len:])
		a := w.c5b[m]
		for j, i := range o.idx[:min(k, s4Len)] {
			a += row[int(i)%s4Len] * o.val[j] // (i < 400: the modulus only spares a bounds check)
		}
		o.c5p[m] = a
	}
	for m, v := range o.c5p {
		o.c5[m] = relu(v)
	}
	o.tail(&o.z)
}

// Logits writes the uncovered image's logits into z.
func (o *Occluder) Logits(z *[NumClasses]float32) { *z = o.z }

// s2Entry is c3scatter's entry for S2's value i (channel-last): where the
// kernel tap (4, 4) of S2's (y, x) lands in the padded C3, and the channel.
func s2Entry(i int) uint32 {
	y, x, c := i/(14*6), i/6%14, i%6
	return uint32(c3At(y-4, x-4)) | uint32(c)<<16
}

// addC1 adds v times C1's kernels to the outputs that input pixel (y, x)
// reaches: c[c1At(y−ky, x−kx)+n] += v·w[n][0][ky][kx] for every tap.
func (o *Occluder) addC1(c *[c1Pad]float32, y, x int, v float32) {
	for ky := range 5 {
		for kx := range 5 {
			d := (*[6]float32)(c[c1At(y-ky, x-kx):])
			k := (*[6]float32)(o.k1[(ky*5+kx)*6:])
			d[0] += v * k[0]
			d[1] += v * k[1]
			d[2] += v * k[2]
			d[3] += v * k[3]
			d[4] += v * k[4]
			d[5] += v * k[5]
		}
	}
}

// pool1Pad is S2 (ReLU, then 2×2 max pooling) of the padded C1 c, for S2
// rows y0 … y1−1 and columns x0 … x1−1, channel-last.
func pool1Pad(s *[s2Len]float32, c *[c1Pad]float32, y0, y1, x0, x1 int) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			a := (*[6]float32)(c[c1At(2*y, 2*x):])
			b := (*[6]float32)(c[c1At(2*y, 2*x+1):])
			e := (*[6]float32)(c[c1At(2*y+1, 2*x):])
			f := (*[6]float32)(c[c1At(2*y+1, 2*x+1):])
			d := (*[6]float32)(s[(y*14+x)*6:])
			for n := range d {
				d[n] = max(a[n], b[n], e[n], f[n], 0)
			}
		}
	}
}

// pool3Pad is S4 of the padded C3 c, for S4 rows y0 … y1−1 and columns
// x0 … x1−1, in Activations' order ((c*5+y)*5+x).
func pool3Pad(s *[s4Len]float32, c *[c3Pad]float32, y0, y1, x0, x1 int) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			a := (*[16]float32)(c[c3At(2*y, 2*x):])
			b := (*[16]float32)(c[c3At(2*y, 2*x+1):])
			e := (*[16]float32)(c[c3At(2*y+1, 2*x):])
			f := (*[16]float32)(c[c3At(2*y+1, 2*x+1):])
			for n := range 16 {
				s[(n*5+y)*5+x] = max(a[n], b[n], e[n], f[n], 0)
			}
		}
	}
}

// tail runs F6 and Output on o.c5 (after ReLU) as Forward does.
func (o *Occluder) tail(z *[NumClasses]float32) {
	w := o.net.weights()
	k := nonZero(&o.idx, &o.val, o.c5[:])
	f6dense(&o.f6, &o.idx, &o.val, min(k, c5Len), w.f6w, w.f6b)
	output(z, &o.f6, w.outw, w.outb)
}

// Cover writes into z the logits of the image with the pixels of r set to
// 0. r is clipped to the 32×32 input; covering nothing but background
// gives the uncovered logits exactly.
func (o *Occluder) Cover(r image.Rectangle, z *[NumClasses]float32) {
	r = r.Intersect(image.Rect(0, 0, InputSide, InputSide))
	// The covered ink's bounding box.
	iy0, ix0, iy1, ix1 := InputSide, InputSide, 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if o.x[y*InputSide+x] != 0 {
				iy0, ix0 = min(iy0, y), min(ix0, x)
				iy1, ix1 = max(iy1, y+1), max(ix1, x+1)
			}
		}
	}
	if iy1 == 0 {
		*z = o.z
		return
	}
	// C1: the ink reaches output rows iy0−4 … iy1−1 (and the columns
	// likewise), widened to whole pooling windows: S2 rows sy0 … sy1−1.
	sy0, sy1 := max(iy0-4, 0)/2, (min(iy1, 28)+1)/2
	sx0, sx1 := max(ix0-4, 0)/2, (min(ix1, 28)+1)/2
	w1 := &o.w1
	for y := 2 * sy0; y < 2*sy1; y++ {
		i := c1At(y, 2*sx0)
		copy(w1[i:i+12*(sx1-sx0)], o.c1p[i:])
	}
	for y := iy0; y < iy1; y++ {
		for x := ix0; x < ix1; x++ {
			if v := o.x[y*InputSide+x]; v != 0 {
				o.addC1(w1, y, x, -v)
			}
		}
	}
	// S2 there; list the values that changed.
	var s2 [s2Len]float32
	pool1Pad(&s2, w1, sy0, sy1, sx0, sx1)
	k := 0
	dy0, dx0, dy1, dx1 := 14, 14, 0, 0
	for y := sy0; y < sy1; y++ {
		for x := sx0; x < sx1; x++ {
			for c := range 6 {
				i := (y*14+x)*6 + c
				if d := s2[i] - o.s2[i]; d != 0 {
					o.e3[k], o.v3[k] = s2Entry(i), d
					k++
					dy0, dx0 = min(dy0, y), min(dx0, x)
					dy1, dx1 = max(dy1, y+1), max(dx1, x+1)
				}
			}
		}
	}
	if k == 0 {
		*z = o.z
		return
	}
	// C3: the changes reach output rows dy0−4 … dy1−1, widened to whole
	// pooling windows: S4 rows ty0 … ty1−1.
	ty0, ty1 := max(dy0-4, 0)/2, (min(dy1, 10)+1)/2
	tx0, tx1 := max(dx0-4, 0)/2, (min(dx1, 10)+1)/2
	w3 := &o.w3
	for y := 2 * ty0; y < 2*ty1; y++ {
		i := c3At(y, 2*tx0)
		copy(w3[i:i+32*(tx1-tx0)], o.c3p[i:])
	}
	c3scatter(w3, &o.k3, &o.e3, &o.v3, k)
	// S4 there; list the values that changed, as c5dense reads them.
	var s4 [s4Len]float32
	pool3Pad(&s4, w3, ty0, ty1, tx0, tx1)
	k = 0
	for c := range 16 {
		for y := ty0; y < ty1; y++ {
			for x := tx0; x < tx1; x++ {
				i := (c*5+y)*5 + x
				if d := s4[i] - o.s4[i]; d != 0 {
					o.idx[k], o.val[k] = uint16(i), d
					k++
				}
			}
		}
	}
	if k == 0 {
		*z = o.z
		return
	}
	// C5 = ReLU(base + changes·weights), then F6 and Output.
	w := o.net.weights()
	c5dense(&o.c5, &o.idx, &o.val, k, w.c5w, &o.c5p)
	o.tail(z)
}
