package lenet

import (
	"image"
	"math"
	"unsafe"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Occluder computes the logits of an image with a rectangle of it covered
// (set to 0, the background), for many rectangles, each in a fraction of
// the time of a forward pass of the covered image (for a 4×4 patch over a
// digit, about 0.3 of it natively, 0.4 under WebAssembly). It is the
// engine of occlusion maps (package evidence).
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
// An Occluder holds about 210 KB; the zero value is ready for Reset. It
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
	i2  [s2Len]uint16 // changed S2 values: index, difference, and
	v3  [s2Len]float32
	e3  [s2Len]uint32 // where c3scatter puts them
	idx [512]uint16
	val [512]float32
	c5  [c5Len]float32
	f6  [f6Len]float32

	// Working memory of Reset: Forward's layers, with and without ReLU's
	// mirror image.
	r struct {
		pos1, neg1 [c1Len]float32
		s2         [s2Len]float32
		pos3, neg3 [c3Len]float32
	}
	s3 c3Scratch

	_ [0]func() // not comparable: spares the code of an equality test
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
//
// The pre-activations come from Forward's own layers, which apply ReLU as
// they store: run once as they are and once with the weights (C1, C3) or
// the inputs (C5) and the biases negated, they give ReLU(a) and ReLU(−a),
// and a = ReLU(a) − ReLU(−a) exactly, since negating every product
// negates every sum, rounding and all, and one of the two is 0.
func (o *Occluder) Reset(n *Net, x []float32) {
	if len(x) != InputLen {
		panic(msg.Sprintf("lenet: Occluder.Reset needs %d input values, got %d", InputLen, len(x)))
	}
	w := n.weights()
	o.net = n
	copy(o.x[:], x)
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
	var nw [2400]float32
	var nb [16]float32
	// C1.
	var m1 [32]uint32
	inputMasks(&m1, &o.x)
	pos, neg := &o.r.pos1, &o.r.neg1
	for i, v := range w.c1w {
		nw[i] = -v
	}
	for i, v := range w.c1b {
		nb[i] = -v
	}
	conv1(pos, &o.x, &m1, w.c1w, w.c1b)
	conv1(neg, &o.x, &m1, (*[150]float32)(nw[:]), (*[6]float32)(nb[:]))
	clear(o.c1p[:]) // the padding too, where Cover's taps land
	for c := range 6 {
		for y := range 28 {
			for x := range 28 {
				i := (c*28+y)*28 + x
				o.c1p[c1At(y, x)+c] = pos[i] - neg[i]
			}
		}
	}
	clear(o.s2[:])
	pooled(o.s2[:], 84, 6, 1, o.c1p[:], 6, 28, image.Rect(0, 0, 14, 14), o.i2[:], o.v3[:], true)
	// C3, from S2 in Activations' order.
	for i := range o.r.s2 {
		c, y, x := i/196, i/14%14, i%14
		o.r.s2[i] = o.s2[(y*14+x)*6+c]
	}
	for i, v := range w.c3w {
		nw[i] = -v
	}
	for i, v := range w.c3b {
		nb[i] = -v
	}
	conv3(&o.r.pos3, &o.r.s2, w.c3w, w.c3b, &o.s3)
	conv3(&o.r.neg3, &o.r.s2, &nw, &nb, &o.s3)
	clear(o.c3p[:])
	for c := range 16 {
		for y := range 10 {
			for x := range 10 {
				i := (c*10+y)*10 + x
				o.c3p[c3At(y, x)+c] = o.r.pos3[i] - o.r.neg3[i]
			}
		}
	}
	// S4, listing its non-zero values, and C5 from them, with the values
	// and biases negated for ReLU(−a).
	clear(o.s4[:])
	k, _ := pooled(o.s4[:], 5, 1, 25, o.c3p[:], 16, 10, image.Rect(0, 0, 5, 5), o.idx[:], o.val[:], true)
	c5dense(&o.c5, &o.idx, &o.val, k, w.c5w, w.c5b)
	for j := range k {
		o.val[j] = -o.val[j]
	}
	var nb5 [c5Len]float32
	for i, v := range w.c5b {
		nb5[i] = -v
	}
	var neg5 [c5Len]float32
	c5dense(&neg5, &o.idx, &o.val, k, w.c5w, &nb5)
	for m, v := range o.c5 {
		o.c5p[m] = v - neg5[m]
	}
	o.tail(&o.z)
}

// Logits writes the uncovered image's logits into z.
func (o *Occluder) Logits(z *[NumClasses]float32) { *z = o.z }

// addInk adds v times every non-zero pixel of the input's rows y0 … y1−1,
// columns x0 … x1−1 times C1's kernels to the outputs it reaches:
// c[c1At(y−ky, x−kx)+n] += v·x[y][x]·w[n][0][ky][kx] for every tap.
func (o *Occluder) addInk(c *[c1Pad]float32, y0, x0, y1, x1 int, v float32) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			p := v * o.x[y*InputSide+x]
			if p == 0 {
				continue
			}
			for ky := range 5 {
				for kx := range 5 {
					d := (*[6]float32)(c[c1At(y-ky, x-kx):])
					k := (*[6]float32)(o.k1[(ky*5+kx)*6:])
					d[0] += p * k[0]
					d[1] += p * k[1]
					d[2] += p * k[2]
					d[3] += p * k[3]
					d[4] += p * k[4]
					d[5] += p * k[5]
				}
			}
		}
	}
}

// scatter adds the k changed S2 values listed in i2 and v3 times C3's
// kernels to c (c3scatter).
func (o *Occluder) scatter(c *[c3Pad]float32, k int) {
	for j, i := range o.i2[:k] {
		y, x, ch := int(i)/(14*6), int(i)/6%14, int(i)%6
		o.e3[j] = uint32(c3At(y-4, x-4)) | uint32(ch)<<16
	}
	c3scatter(c, &o.k3, &o.e3, &o.v3, k)
}

// pooled recomputes ReLU and 2×2 max pooling of the padded, channel-last
// layer c (ch channels of side×side, c1At's or c3At's layout) for the
// pooled rows and columns in r, compares every value with s, where channel
// n at (y, x) is s[y·sy + x·sx + n·sn], and lists those that differ: their
// index in s in idx, the difference in val. With keep it also stores the
// new values in s. It returns how many it listed and their bounding box.
// ReLU and the maximum work on the floats' bits, as pool1 does: after
// ReLU every value is +0 or positive, and such floats order as their bits.
func pooled(s []float32, sy, sx, sn int, c []float32, ch, side int, r image.Rectangle, idx []uint16, val []float32, keep bool) (int, image.Rectangle) {
	k := 0
	y0, x0, y1, x1 := r.Max.Y, r.Max.X, r.Min.Y, r.Min.X
	u := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(c))), len(c))
	row := (side + 8) * ch // one padded row
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := ((2*y+4)*(side+8) + 2*x + 4) * ch
			a, b, e, f := u[p:p+ch], u[p+ch:p+2*ch], u[p+row:p+row+ch], u[p+row+ch:p+row+2*ch]
			for n := range a {
				v := math.Float32frombits(max(reluBits(a[n]), reluBits(b[n]), reluBits(e[n]), reluBits(f[n])))
				i := y*sy + x*sx + n*sn
				if d := v - s[i]; d != 0 {
					idx[k], val[k] = uint16(i), d
					k++
					y0, x0, y1, x1 = min(y0, y), min(x0, x), max(y1, y+1), max(x1, x+1)
					if keep {
						s[i] = v
					}
				}
			}
		}
	}
	if k == 0 {
		return 0, image.Rectangle{}
	}
	return k, image.Rect(x0, y0, x1, y1)
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
	*z = o.z
	r = r.Intersect(image.Rect(0, 0, InputSide, InputSide))
	// The covered ink's bounding box.
	var ink image.Rectangle
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if o.x[y*InputSide+x] != 0 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if ink.Empty() {
		return
	}
	// C1: the ink reaches output rows ink.Min.Y−4 … ink.Max.Y−1 (and the
	// columns likewise); the S2 values over them are those of pool.
	pool := image.Rect(max(ink.Min.X-4, 0)/2, max(ink.Min.Y-4, 0)/2, (min(ink.Max.X, 28)+1)/2, (min(ink.Max.Y, 28)+1)/2)
	for y := 2 * pool.Min.Y; y < 2*pool.Max.Y; y++ {
		i := c1At(y, 2*pool.Min.X)
		copy(o.w1[i:i+12*pool.Dx()], o.c1p[i:])
	}
	o.addInk(&o.w1, ink.Min.Y, ink.Min.X, ink.Max.Y, ink.Max.X, -1)
	k, box := pooled(o.s2[:], 84, 6, 1, o.w1[:], 6, 28, pool, o.i2[:], o.v3[:], false)
	if k == 0 {
		return
	}
	// C3: the S2 changes in box reach output rows box.Min.Y−4 …
	// box.Max.Y−1, pooled by S4 over pool.
	pool = image.Rect(max(box.Min.X-4, 0)/2, max(box.Min.Y-4, 0)/2, (min(box.Max.X, 10)+1)/2, (min(box.Max.Y, 10)+1)/2)
	for y := 2 * pool.Min.Y; y < 2*pool.Max.Y; y++ {
		i := c3At(y, 2*pool.Min.X)
		copy(o.w3[i:i+32*pool.Dx()], o.c3p[i:])
	}
	o.scatter(&o.w3, k)
	k, _ = pooled(o.s4[:], 5, 1, 25, o.w3[:], 16, 10, pool, o.idx[:], o.val[:], false)
	if k == 0 {
		return
	}
	// C5 = ReLU(base + changes·weights), then F6 and Output.
	c5dense(&o.c5, &o.idx, &o.val, k, o.net.weights().c5w, &o.c5p)
	o.tail(z)
}
