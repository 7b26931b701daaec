package train

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/seecnn/lenet/cnn/canvas"
)

// Augmenter is a Source that turns each MNIST digit, at random, into one of
// three pictures and then, for the last two, runs the result through
// canvas.Preprocess, the preprocessing the demo and the API use, so that
// the network trains on what it will be shown:
//
//   - the plain digit, padded to 32×32 (so the MNIST test set stays read),
//     a share of them (Jitter) turned, scaled, sheared and shifted a little
//     in place, the distortions that help LeNet-5 on MNIST itself;
//   - a warped digit: turned, sheared, stretched, with strokes made thicker
//     or thinner and edges sharpened, on a small canvas;
//   - a redrawn digit: the digit's skeleton traced again with a round brush
//     of random width on a small canvas (Redraw), as a mouse or a finger
//     draws it.
type Augmenter struct {
	Set *Set
	// Plain and Warp are the shares of plain and warped digits; the rest
	// are redrawn, or warped if Redraw is nil.
	Plain, Warp float64
	// Jitter is the share of the plain digits that are slightly distorted.
	Jitter float64
	// Redraw, if not nil, draws digit i again on dst (a blank canvas of
	// dst.Width×dst.Height, ink bright on 0) with random choices from r.
	Redraw func(dst canvas.Image, i int, r *rand.Rand) error
	// RedrawSide is the side of the canvas Redraw draws on (default 64).
	RedrawSide int
}

// warpSide is the side of the canvas warped digits are drawn on.
const warpSide = 64

// Len is the number of digits.
func (a *Augmenter) Len() int { return a.Set.Len() }

// Label is digit i's class.
func (a *Augmenter) Label(i int) int { return a.Set.Label(i) }

// NewSampler returns a sampler with its own canvases.
func (a *Augmenter) NewSampler() Sampler {
	side := a.RedrawSide
	if side == 0 {
		side = 64
	}
	return &augSampler{
		a:    a,
		warp: canvas.Image{Width: warpSide, Height: warpSide, Pix: make([]float32, warpSide*warpSide)},
		tmp:  make([]float32, warpSide*warpSide),
		draw: canvas.Image{Width: side, Height: side, Pix: make([]float32, side*side)},
		res:  new(canvas.Result),
	}
}

// Check reports an augmenter that cannot work.
func (a *Augmenter) Check() error {
	if a.Set == nil {
		return fmt.Errorf("train: the augmenter has no digits")
	}
	if !(a.Jitter >= 0 && a.Jitter <= 1) {
		return fmt.Errorf("train: jitter share %v must be between 0 and 1", a.Jitter)
	}
	if !(a.Plain >= 0 && a.Warp >= 0 && a.Plain+a.Warp <= 1) {
		return fmt.Errorf("train: shares plain %v and warped %v must be ≥ 0 and add up to at most 1", a.Plain, a.Warp)
	}
	if a.RedrawSide < 0 || a.RedrawSide > 1024 {
		return fmt.Errorf("train: redraw canvas side %d must be between 1 and 1024", a.RedrawSide)
	}
	return a.Set.Check()
}

type augSampler struct {
	a    *Augmenter
	warp canvas.Image
	tmp  []float32
	draw canvas.Image
	res  *canvas.Result
}

func (s *augSampler) Input(dst []float32, i int, r *rand.Rand) {
	u := r.Float64()
	switch {
	case u < s.a.Plain:
		if r.Float64() < s.a.Jitter {
			s.jitterDigit(dst, i, r)
			return
		}
	case u < s.a.Plain+s.a.Warp || s.a.Redraw == nil:
		s.warpDigit(i, r)
		if canvas.PreprocessInto(s.res, s.warp) == nil {
			copy(dst, s.res.Input[:])
			return
		}
	default:
		clear(s.draw.Pix)
		if s.a.Redraw(s.draw, i, r) == nil && canvas.PreprocessInto(s.res, s.draw) == nil {
			copy(dst, s.res.Input[:])
			return
		}
	}
	s.a.Set.PlainInput(dst, i)
}

// warpDigit draws digit i on s.warp through a random affine map (rotation,
// shear, anisotropic scale), then thickens or thins the strokes and
// sharpens their edges.
func (s *augSampler) warpDigit(i int, r *rand.Rand) {
	src := s.a.Set.Digit(i)
	uni := func(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
	th := uni(-0.3, 0.3) // about ±17°
	sh := uni(-0.35, 0.35)
	scale := uni(1.6, 2.1)
	asp := math.Exp(uni(-0.25, 0.25))
	sx, sy := scale*asp, scale/asp
	// Forward map A = R(θ)·[[1, sh], [0, 1]]·diag(sx, sy); we need its
	// inverse to pull canvas pixels from the digit.
	c, sn := math.Cos(th), math.Sin(th)
	a00, a01 := c*sx, (c*sh-sn)*sy
	a10, a11 := sn*sx, (sn*sh+c)*sy
	det := a00*a11 - a01*a10
	b00, b01, b10, b11 := a11/det, -a01/det, -a10/det, a00/det
	cx := float64(warpSide)/2 + uni(-3, 3)
	cy := float64(warpSide)/2 + uni(-3, 3)
	pix := s.warp.Pix
	for Y := range warpSide {
		dy := float64(Y) + 0.5 - cy
		for X := range warpSide {
			dx := float64(X) + 0.5 - cx
			// digit coordinates of the pixel centre, minus 0.5 for
			// sampling between pixel centres
			qx := b00*dx + b01*dy + Side/2 - 0.5
			qy := b10*dx + b11*dy + Side/2 - 0.5
			pix[Y*warpSide+X] = bilinear(src, qx, qy)
		}
	}
	// Stroke width: erode once, leave, or dilate once or twice.
	switch k := r.IntN(6); k {
	case 0:
		morph(pix, s.tmp, warpSide, false)
	case 3, 4:
		morph(pix, s.tmp, warpSide, true)
	case 5:
		morph(pix, s.tmp, warpSide, true)
		morph(pix, s.tmp, warpSide, true)
	}
	// Sharpen: a steeper ramp around 0.5 makes the soft MNIST edges look
	// like a canvas brush's.
	if g := uni(1, 3); g > 1.2 {
		for j, v := range pix {
			pix[j] = float32(min(1, max(0, (float64(v)-0.5)*g+0.5)))
		}
	}
}

// jitterDigit writes digit i, turned by up to ±10°, scaled by 0.9–1.1,
// sheared by up to ±0.15 and shifted by up to ±1.5 pixels about its
// centre, padded to 32×32 like a plain digit.
func (s *augSampler) jitterDigit(dst []float32, i int, r *rand.Rand) {
	src := s.a.Set.Digit(i)
	uni := func(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
	th, sh := uni(-0.175, 0.175), uni(-0.15, 0.15)
	sc := uni(0.9, 1.1)
	c, sn := math.Cos(th), math.Sin(th)
	a00, a01 := c*sc, (c*sh-sn)*sc
	a10, a11 := sn*sc, (sn*sh+c)*sc
	det := a00*a11 - a01*a10
	b00, b01, b10, b11 := a11/det, -a01/det, -a10/det, a00/det
	tx, ty := uni(-1.5, 1.5), uni(-1.5, 1.5)
	clear(dst[:32*32])
	const pad = 2
	for y := range Side {
		dy := float64(y) - Side/2 + 0.5 - ty
		row := dst[(y+pad)*32+pad : (y+pad)*32+pad+Side]
		for x := range Side {
			dx := float64(x) - Side/2 + 0.5 - tx
			row[x] = bilinear(src, b00*dx+b01*dy+Side/2-0.5, b10*dx+b11*dy+Side/2-0.5)
		}
	}
}

// bilinear samples the 28×28 byte image src at (x, y) (pixel centres at
// whole numbers), 0 outside, scaled to 0..1.
func bilinear(src []uint8, x, y float64) float32 {
	if x <= -1 || y <= -1 || x >= Side || y >= Side {
		return 0
	}
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := float32(x-float64(x0)), float32(y-float64(y0))
	at := func(xx, yy int) float32 {
		if xx < 0 || yy < 0 || xx >= Side || yy >= Side {
			return 0
		}
		return float32(src[yy*Side+xx])
	}
	top := at(x0, y0)*(1-fx) + at(x0+1, y0)*fx
	bot := at(x0, y0+1)*(1-fx) + at(x0+1, y0+1)*fx
	return (top*(1-fy) + bot*fy) * (1.0 / 255)
}

// morph replaces every pixel of the n×n image pix by the maximum (dilate)
// or minimum (erode) of its 3×3 neighbourhood (a square element, done as a
// row pass and a column pass), using tmp as scratch.
func morph(pix, tmp []float32, n int, dilate bool) {
	pick := func(a, b float32) float32 {
		if dilate {
			return max(a, b)
		}
		return min(a, b)
	}
	edge := float32(0) // outside the canvas is background
	for y := range n {
		row, out := pix[y*n:(y+1)*n], tmp[y*n:(y+1)*n]
		for x := range n {
			v := row[x]
			l, rr := edge, edge
			if x > 0 {
				l = row[x-1]
			}
			if x < n-1 {
				rr = row[x+1]
			}
			out[x] = pick(v, pick(l, rr))
		}
	}
	for y := range n {
		for x := range n {
			v := tmp[y*n+x]
			u, d := edge, edge
			if y > 0 {
				u = tmp[(y-1)*n+x]
			}
			if y < n-1 {
				d = tmp[(y+1)*n+x]
			}
			pix[y*n+x] = pick(v, pick(u, d))
		}
	}
}
