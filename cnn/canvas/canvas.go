// Package canvas turns a drawing on a canvas of any size into the 32×32
// image LeNet-5 reads, the way the MNIST digits were made:
//
//  1. find the background by the median of the border pixels and decide
//     the polarity (white ink on black, or dark ink on a light background);
//  2. crop to the bounding box of the ink, ignoring faint noise;
//  3. scale the box so its longer side is 20 pixels, keeping the aspect
//     ratio, by exact area averaging: every output pixel is the mean of
//     the canvas area it covers, so a one-pixel stroke on a large canvas
//     survives as a faint line instead of vanishing between samples;
//  4. brighten the result so its brightest pixel is 1, as MNIST's
//     anti-aliased strokes are;
//  5. place the 20×20 box in a 28×28 field, shifted by whole pixels, so
//     that the centre of mass of the ink falls in pixel (14, 14) — as near
//     its centre, (14.5, 14.5) in continuous coordinates, as whole shifts
//     allow — moved as little as needed to keep the whole box inside. This
//     is MNIST's convention: an MNIST digit goes through unchanged;
//  6. pad by 2 on every side to 32×32.
//
// A picture comes in as grey bytes (FromGray8), as a browser's RGBA
// ImageData (FromRGBA8) or as any image.Image (FromImage), and
// PreprocessInto runs the six steps, one function each. The same code
// runs in training, on the command line, in the JavaScript API and in the
// demo, so they all see a drawing the same way.
package canvas

import (
	"errors"
	"image"
	"image/color"
	"math"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Sizes of the output.
const (
	Side      = 32 // the network's input is Side×Side
	DigitSide = 28 // the centred digit, Side without the border
	Pad       = (Side - DigitSide) / 2
	BoxSide   = 20   // the longer side of the ink's box after scaling
	MaxSide   = 8192 // the largest canvas side accepted
	// NoiseFloor is the ink level (0..1, after removing the background)
	// below which a pixel counts as background: JPEG noise, paper grain
	// or a faint smudge does not move the bounding box.
	NoiseFloor = 0.1
)

// Image is a grey-scale picture, row-major: Pix[y*Width+x], values in 0..1.
// Either polarity: white ink on black or black ink on white (detected).
type Image struct {
	Width, Height int
	Pix           []float32
}

// ErrEmpty is returned, possibly wrapped, for a canvas with no ink on it.
// Test for it with errors.Is.
var ErrEmpty = errors.New("no digit: the canvas is blank")

func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return msg.Errorf("canvas: size %d×%d must be positive", w, h)
	}
	if w > MaxSide || h > MaxSide {
		return msg.Errorf("canvas: size %d×%d is too large (at most %d pixels a side)", w, h, MaxSide)
	}
	return nil
}

// FromGray8 makes an Image from w×h grey bytes, 0 black to 255 white.
func FromGray8(w, h int, pix []uint8) (Image, error) {
	var img Image
	if err := img.SetGray8(w, h, pix); err != nil {
		return Image{}, err
	}
	return img, nil
}

// SetGray8 is FromGray8 into m, reusing m.Pix when it is large enough.
func (m *Image) SetGray8(w, h int, pix []uint8) error {
	if err := checkSize(w, h); err != nil {
		return err
	}
	if len(pix) != w*h {
		return msg.Errorf("canvas: %d grey bytes do not fill %d×%d (need %d)", len(pix), w, h, w*h)
	}
	if cap(m.Pix) < w*h {
		m.Pix = make([]float32, w*h)
	}
	m.Width, m.Height, m.Pix = w, h, m.Pix[:w*h]
	for i, v := range pix {
		m.Pix[i] = float32(v) / 255 // correctly rounded, as callers converting bytes themselves get
	}
	return nil
}

// FromRGBA8 makes an Image from w×h pixels of 4 bytes, red, green, blue,
// alpha, not premultiplied — what a browser's ImageData holds. Grey is
// the luminance (Rec. 601 weights).
//
// A fully opaque picture is read as it looks. Where pixels are
// transparent, as on a browser canvas that was never filled, alpha is the
// ink: the picture is laid on a background that contrasts with the ink
// (white under dark ink, black under light ink), so black strokes on a
// transparent canvas and white strokes on it read alike.
func FromRGBA8(w, h int, pix []uint8) (Image, error) {
	var img Image
	if err := img.SetRGBA8(w, h, pix); err != nil {
		return Image{}, err
	}
	return img, nil
}

// SetRGBA8 is FromRGBA8 into m, reusing m.Pix when it is large enough, so
// that a caller converting every frame allocates nothing.
func (m *Image) SetRGBA8(w, h int, pix []uint8) error {
	if err := checkSize(w, h); err != nil {
		return err
	}
	if len(pix) != 4*w*h {
		return msg.Errorf("canvas: %d RGBA bytes do not fill %d×%d (need %d)", len(pix), w, h, 4*w*h)
	}
	n := w * h
	if cap(m.Pix) < n {
		m.Pix = make([]float32, n)
	}
	m.Width, m.Height, m.Pix = w, h, m.Pix[:n]
	// Luminance in integers, 299·R + 587·G + 114·B (0…255,000), so the
	// sums are exact and the loop cheap.
	const full = 255000
	allAlpha := uint8(255) // the AND of every alpha: 255 only if all opaque
	var alphaSum, inkSum uint64
	for i := range n {
		p := pix[4*i : 4*i+4 : 4*i+4]
		y := 299*uint32(p[0]) + 587*uint32(p[1]) + 114*uint32(p[2])
		m.Pix[i] = float32(y) * (1.0 / full)
		allAlpha &= p[3]
		alphaSum += uint64(p[3])
		inkSum += uint64(p[3]) * uint64(y)
	}
	if allAlpha == 255 {
		return nil
	}
	// Lay the picture on a background opposite to the mean colour of
	// what is drawn (weighted by alpha).
	var bg float32
	if alphaSum == 0 || 2*inkSum < alphaSum*full {
		bg = 1
	}
	for i := range n {
		a := float32(pix[4*i+3]) * (1.0 / 255)
		m.Pix[i] = a*m.Pix[i] + (1-a)*bg
	}
	return nil
}

// FromImage makes an Image from any picture the image packages decode,
// read as FromRGBA8 reads the same picture in non-premultiplied RGBA
// bytes: grey is the luminance, and where pixels are transparent the
// alpha is the ink. A grey picture (*image.Gray) is read as FromGray8
// reads its bytes; non-premultiplied RGBA (*image.NRGBA, what a browser
// canvas exports) as FromRGBA8; any other (premultiplied RGBA, paletted
// GIF and PNG with transparent palette entries, JPEG's YCbCr, 16-bit
// pictures) is converted pixel by pixel with color.NRGBAModel first. The
// picture's bounds need not start at (0, 0); their size is checked (at
// most MaxSide a side) before anything is allocated.
func FromImage(src image.Image) (Image, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if err := checkSize(w, h); err != nil {
		return Image{}, err
	}
	switch s := src.(type) {
	case *image.Gray:
		return FromGray8(w, h, rows(s.Pix, s.PixOffset(b.Min.X, b.Min.Y), s.Stride, w, h))
	case *image.NRGBA:
		return FromRGBA8(w, h, rows(s.Pix, s.PixOffset(b.Min.X, b.Min.Y), s.Stride, 4*w, h))
	}
	pix := make([]uint8, 0, 4*w*h)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
			pix = append(pix, c.R, c.G, c.B, c.A)
		}
	}
	return FromRGBA8(w, h, pix)
}

// rows returns the h rows of n bytes starting at pix[off] with the given
// stride as one packed slice: pix itself when the rows are already
// packed, else a copy.
func rows(pix []uint8, off, stride, n, h int) []uint8 {
	if stride == n {
		return pix[off : off+n*h]
	}
	out := make([]uint8, 0, n*h)
	for y := range h {
		out = append(out, pix[off+y*stride:off+y*stride+n]...)
	}
	return out
}

// Result is a preprocessed drawing.
type Result struct {
	Input    [Side * Side]float32           // 32×32 the network sees: ink bright (≈1) on 0
	Digit    [DigitSide * DigitSide]float32 // the 28×28 centred digit (Input without the 2-px border)
	Box      image.Rectangle                // the ink's bounding box on the canvas, canvas pixels
	Inverted bool                           // the canvas had dark ink on a light background
	Scale    float64                        // canvas pixels → 28×28 pixels
	// Place is where Box's top-left corner lands in the 28×28 digit: the
	// canvas point (x, y) is the digit's (Place.X + (x − Box.Min.X)·Scale,
	// Place.Y + (y − Box.Min.Y)·Scale), and the input's 2 more.
	Place image.Point

	scratch scratch // kept between calls so PreprocessInto does not allocate
}

// Preprocess turns img into the network's input. It returns ErrEmpty if
// there is no ink, and another error for a malformed image (bad size,
// values that are not numbers in 0..1).
func Preprocess(img Image) (*Result, error) {
	r := new(Result)
	if err := PreprocessInto(r, img); err != nil {
		return nil, err
	}
	return r, nil
}

// PreprocessInto is Preprocess writing into r. Once r has seen an image
// of a given size it allocates nothing for images of that size or smaller,
// so it can run on every frame. On error r's images are zero.
//
// It runs the six steps of the package comment, one function each:
// background (1), crop (2), place (5), areaScale (3), brighten (4) and
// pad (6). Placing comes before scaling so that the area averaging writes
// every output pixel straight to its place in the 28×28 field: the canvas
// is read twice in all (once to find the ink, once to scale the box).
func PreprocessInto(r *Result, img Image) error {
	r.Input = [Side * Side]float32{}
	r.Digit = [DigitSide * DigitSide]float32{}
	r.Box, r.Inverted, r.Scale, r.Place = image.Rectangle{}, false, 0, image.Point{}
	if err := checkSize(img.Width, img.Height); err != nil {
		return err
	}
	if len(img.Pix) != img.Width*img.Height {
		return msg.Errorf("canvas: %d values do not fill %d×%d (need %d)", len(img.Pix), img.Width, img.Height, img.Width*img.Height)
	}
	k := background(img)
	b, err := crop(img, k)
	if err != nil {
		return err
	}
	s := scaleFor(b.Rect)
	ox := place(b.CX-float64(b.Rect.Min.X), s, b.Rect.Dx())
	oy := place(b.CY-float64(b.Rect.Min.Y), s, b.Rect.Dy())
	areaScale(&r.Digit, img, k, b.Rect, s, ox, oy, &r.scratch)
	if !brighten(&r.Digit) {
		// Cannot happen with ink in the box, but never divide by zero.
		r.Digit = [DigitSide * DigitSide]float32{}
		return ErrEmpty
	}
	pad(&r.Input, &r.Digit)
	r.Box, r.Inverted, r.Scale, r.Place = b.Rect, k.Inverted, s, image.Pt(int(ox), int(oy))
	return nil
}

// Step 1: the background and the polarity.

// ink is what step 1 decides: the background grey Bg and how a grey v
// becomes ink. On a dark background (Bg < 0.5) ink is (v − Bg) / (1 − Bg),
// on a light one (Inverted) it is (Bg − v) / Bg; it is at most 1, and a
// pixel whose ink is below NoiseFloor is background (ink 0).
type ink struct {
	Bg       float32
	Inverted bool // dark ink on a light background
	inkMap
	// cutBits is the grey at NoiseFloor as float bits: on a dark
	// background a row whose highest bits are below it has no ink, on a
	// light one a row whose lowest bits are above it.
	cutBits uint32
}

// inkMap is ink as arithmetic for the loops: the ink of v is v·scale +
// off, and v·sign ≥ signCut exactly when it reaches NoiseFloor. (Four
// fields, so that a copy in a local variable lives in registers.)
type inkMap struct{ scale, off, sign, signCut float32 }

// is reports whether the grey v is ink, at least NoiseFloor.
func (m inkMap) is(v float32) bool { return v*m.sign >= m.signCut }

// level is the ink of a grey v for which is(v) holds: NoiseFloor … 1.
func (m inkMap) level(v float32) float32 { return min(max(v*m.scale+m.off, NoiseFloor), 1) }

// background is step 1: the background is the median of the border
// pixels (borderMedian), and a background of 0.5 or more means dark ink
// on a light background.
func background(img Image) ink {
	bg := borderMedian(img)
	k := ink{Bg: bg, Inverted: bg >= 0.5}
	var cut float32
	if k.Inverted {
		k.scale, k.off, k.sign = -1/bg, 1, -1
		cut = bg - NoiseFloor*bg
	} else {
		k.scale, k.off, k.sign = 1/(1-bg), -bg/(1-bg), 1
		cut = bg + NoiseFloor*(1-bg)
	}
	k.signCut = k.sign * cut
	k.cutBits = math.Float32bits(cut)
	return k
}

// borderMedian is the median grey of the outermost ring of pixels,
// quantised to 1/255 (the lower median when the ring has an even number
// of pixels): the background, as long as the ink does not cover most of
// the border.
func borderMedian(img Image) float32 {
	var hist [256]int
	w, h := img.Width, img.Height
	n := 0
	add := func(v float32) {
		// clamped: invalid values are reported later, never an index
		i := v*255 + 0.5
		if !(i >= 0) {
			i = 0
		}
		hist[int(min(i, 255))]++
		n++
	}
	for x := range w {
		add(img.Pix[x])
		if h > 1 {
			add(img.Pix[(h-1)*w+x])
		}
	}
	for y := 1; y < h-1; y++ {
		add(img.Pix[y*w])
		if w > 1 {
			add(img.Pix[y*w+w-1])
		}
	}
	half := (n + 1) / 2
	seen := 0
	for i, c := range hist {
		seen += c
		if seen >= half {
			return float32(i) / 255
		}
	}
	return 0
}

// Step 2: crop.

// inkBox is what step 2 finds on the canvas: the bounding box of the ink
// (canvas pixels, Max exclusive), its mass Σ ink and its centre of mass
// (CX, CY) = Σ ink·(x + 0.5, y + 0.5) / mass, a pixel's centre being at
// +0.5.
type inkBox struct {
	Rect         image.Rectangle
	Mass, CX, CY float64
}

// crop is step 2: it finds the box, mass and centre of mass of the ink in
// img as k reads it, and checks every value on the way: a value that is
// not a number in 0..1 is an error naming its pixel. No ink is ErrEmpty.
//
// Each row's ink is summed in float32 and the rows in float64.
func crop(img Image, k ink) (inkBox, error) {
	w, h := img.Width, img.Height
	m := k.inkMap
	// Greys in 0..1 are non-negative floats, whose bit patterns (as
	// uint32) are ordered as their values; a negative number, NaN or
	// anything above 1 has a pattern above one's. So the lowest and
	// highest patterns of a row tell at once whether the row is valid and
	// blank, the common case.
	const oneBits = 0x3f800000
	x0, y0, x1, y1 := w, h, -1, -1
	var mass, mx, my float64
	for y := range h {
		row := img.Pix[y*w : (y+1)*w]
		lo, hi := uint32(math.MaxUint32), uint32(0)
		for _, v := range row {
			b := math.Float32bits(v)
			lo, hi = min(lo, b), max(hi, b)
		}
		if hi > oneBits {
			for x, v := range row {
				// written so that NaN fails too
				if !(v >= 0 && v <= 1) {
					return inkBox{}, msg.Errorf("canvas: pixel (%d, %d) is %v, not in 0..1", x, y, v)
				}
			}
		} else if !k.Inverted && hi < k.cutBits || k.Inverted && lo > k.cutBits {
			continue // no ink on this row
		}
		var rowMass, rowX float32
		for x, v := range row {
			if !m.is(v) {
				continue
			}
			t := m.level(v)
			x0, x1 = min(x0, x), max(x1, x)
			rowMass += t
			rowX += t * float32(x)
		}
		if rowMass > 0 {
			y0, y1 = min(y0, y), max(y1, y)
			mass += float64(rowMass)
			mx += float64(rowX) + 0.5*float64(rowMass)
			my += float64(rowMass) * (float64(y) + 0.5)
		}
	}
	if mass == 0 {
		return inkBox{}, ErrEmpty
	}
	return inkBox{Rect: image.Rect(x0, y0, x1+1, y1+1), Mass: mass, CX: mx / mass, CY: my / mass}, nil
}

// Step 3: scale.

// scaleFor is the factor of step 3: the longer side of box becomes
// BoxSide pixels.
func scaleFor(box image.Rectangle) float64 {
	return float64(BoxSide) / float64(max(box.Dx(), box.Dy()))
}

// scratch holds step 3's buffers between calls.
type scratch struct {
	rows []float32 // box height × (DigitSide + spare): each box row resampled horizontally
	xs   axis
	ys   axis
}

// axis maps the box's pixels along one axis to the output pixels they
// cover: source pixel i covers output pixels first[i] … first[i]+k-1
// with weights w[i*k …] (overlap lengths in output pixels).
type axis struct {
	first []int
	w     []float32
	k     int
}

// areaScale is step 3: it writes to dst the ink of img's box, as k reads
// it, scaled by s and placed with its top-left corner at (ox, oy) in the
// 28×28 field (ox, oy ≥ 0 and the scaled box inside, as place makes
// them). Every output pixel (X, Y) is the area average
//
//	dst[Y·DigitSide + X] = Σ ink(x, y) · |[ox + (x−x0)·s, ox + (x−x0+1)·s] ∩ [X, X+1]|
//	                                   · |[oy + (y−y0)·s, oy + (y−y0+1)·s] ∩ [Y, Y+1]|
//
// over the box's pixels (x, y), (x0, y0) being its top-left corner: the
// ink of the canvas area the pixel covers, in output pixels. It runs as a
// horizontal pass over each row of the box, then a vertical one; sc's
// buffers grow once per canvas size and are reused.
func areaScale(dst *[DigitSide * DigitSide]float32, img Image, k ink, box image.Rectangle, s, ox, oy float64, sc *scratch) {
	*dst = [DigitSide * DigitSide]float32{}
	w, h := img.Width, img.Height
	x0, y0, x1 := box.Min.X, box.Min.Y, box.Max.X
	bw, bh := box.Dx(), box.Dy()
	sc.xs.build(bw, s, ox, w)
	sc.ys.build(bh, s, oy, h)
	m := k.inkMap

	// Horizontal pass: each box row → DigitSide values, in rows of rs
	// with spare columns so that a pixel's last output column never
	// needs a check (build keeps first in 0..DigitSide-1).
	kx := sc.xs.k
	rs := DigitSide + kx
	if cap(sc.rows) < bh*rs {
		// enough for any box on this canvas: bh·kx ≤ 20 + 2·bh
		sc.rows = make([]float32, max(bh*rs, (DigitSide+2)*h+BoxSide))
	}
	rows := sc.rows[:bh*rs]
	clear(rows)
	first, wts := sc.xs.first[:bw], sc.xs.w[:bw*kx]
	for y := range bh {
		src := img.Pix[(y0+y)*w+x0 : (y0+y)*w+x1]
		d := rows[y*rs : (y+1)*rs]
		if kx == 2 { // scaling down: a pixel touches one or two columns
			for x, v := range src {
				if !m.is(v) {
					continue
				}
				t := m.level(v)
				f := first[x]
				d[f] += t * wts[2*x]
				d[f+1] += t * wts[2*x+1]
			}
			continue
		}
		for x, v := range src {
			if !m.is(v) {
				continue
			}
			t := m.level(v)
			f := first[x]
			for j, wt := range wts[x*kx : (x+1)*kx] {
				d[f+j] += t * wt
			}
		}
	}
	// Vertical pass into the 28×28 digit.
	ky := sc.ys.k
	for y := range bh {
		src := rows[y*rs : y*rs+DigitSide]
		f := sc.ys.first[y]
		for j, wt := range sc.ys.w[y*ky : (y+1)*ky] {
			Y := f + j
			if wt == 0 || Y >= DigitSide {
				continue
			}
			row := dst[Y*DigitSide : (Y+1)*DigitSide]
			for X, v := range src {
				row[X] += wt * v
			}
		}
	}
}

// build fills a for n source pixels (of a canvas side pixels long) of size
// s output pixels each, the first starting at output coordinate o ≥ 0, and
// the whole run ending by DigitSide. first is kept in 0..DigitSide-1
// whatever the rounding.
func (a *axis) build(n int, s, o float64, side int) {
	a.k = int(math.Ceil(s)) + 1
	// Sized for any box on a canvas of this side, so that later calls do
	// not allocate: n·k ≤ n·(s+2) = BoxSide·n/max(bw, bh) + 2n ≤ 2·side + BoxSide.
	if cap(a.first) < n {
		a.first = make([]int, side)
	}
	if cap(a.w) < n*a.k {
		a.w = make([]float32, max(n*a.k, 2*side+BoxSide))
	}
	a.first, a.w = a.first[:n], a.w[:n*a.k]
	clear(a.w)
	for i := range n {
		lo, hi := o+float64(i)*s, o+float64(i+1)*s
		f := min(max(int(math.Floor(lo)), 0), DigitSide-1)
		a.first[i] = f
		for j := range a.k {
			c0, c1 := max(lo, float64(f+j)), min(hi, float64(f+j+1))
			if c1 > c0 {
				a.w[i*a.k+j] = float32(c1 - c0)
			}
		}
	}
}

// Step 4: brighten.

// brighten is step 4: it divides d by its brightest value, so that the
// brightest pixel is 1, as in MNIST (and clamps to 1 whatever the
// rounding). It reports false, leaving d as it is, when no value is above
// zero.
func brighten(d *[DigitSide * DigitSide]float32) bool {
	var peak float32
	for _, v := range d {
		peak = max(peak, v)
	}
	if !(peak > 0) {
		return false
	}
	k := 1 / peak
	for i, v := range d {
		d[i] = min(v*k, 1)
	}
	return true
}

// Step 5: place.

// place is step 5 along one axis: the whole-pixel offset of a box of n
// canvas pixels scaled by s, with its centre of mass c canvas pixels from
// its start, that puts the centre of mass nearest to the centre of pixel
// 14 (14.5) while keeping the box in the 28-pixel field:
//
//	clamp(round(14.5 − c·s), 0, ⌊28 − n·s⌋)
//
// (rounding half away from zero). The shift is a whole number of pixels,
// as MNIST's was, so that placing the scaled digit does not blur it again.
func place(c, s float64, n int) float64 {
	const centre = DigitSide/2 + 0.5
	return clamp(math.Round(centre-c*s), 0, math.Floor(DigitSide-float64(n)*s+1e-9))
}

func clamp(v, lo, hi float64) float64 {
	if hi < lo {
		hi = lo
	}
	return max(lo, min(v, hi))
}

// Step 6: pad.

// pad is step 6: dst is d with a border of Pad zeros on every side,
//
//	dst[(y+Pad)·Side + x+Pad] = d[y·DigitSide + x],
//
// and 0 everywhere else.
func pad(dst *[Side * Side]float32, d *[DigitSide * DigitSide]float32) {
	*dst = [Side * Side]float32{}
	for y := range DigitSide {
		copy(dst[(y+Pad)*Side+Pad:], d[y*DigitSide:(y+1)*DigitSide])
	}
}
