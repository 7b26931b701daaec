package evidence

import (
	"errors"
	"image"
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Occlusion sensitivity. Covering a patch means setting its pixels to 0,
// the background: the network reads bright ink on black (canvas and MNIST
// alike), so a covered patch is that part of the drawing rubbed out.
//
// A patch is a square of side p placed, along each axis, at the positions
//
//	DigitMin + min(i·s, 28 − p),  i = 0 … n−1,  n = ⌈(28 − p)/s⌉ + 1
//
// with stride s, so that the last patch ends on the digit square's edge.
// The drop of a position is the score of the image minus the score of the
// image with that patch covered: positive where the ink under the patch
// spoke for the class, negative where it spoke against it. A patch over
// background alone changes nothing and drops exactly 0.
//
// The pixel map gives every input pixel the mean drop of the patches that
// cover it (0 outside the digit square, which no patch covers).
//
// How it is made fast, and kept exact: each covered image is run by
// lenet.Occluder, which recomputes only what the patch can change, from
// the pre-activations of the uncovered image, with ReLU and max pooling
// applied to the new values: the result is a forward pass of the covered
// image up to float32 rounding (TestOcclusionMatchesReference holds it to
// OcclusionReference, which covers and re-runs the whole network).
//
// Progressive: the positions are evaluated in two rounds, first a grid of
// positions whose patches tile the digit square (every k-th position along
// each axis, k = ⌊p/s⌋, and the last), then the others. After the first
// round every pixel of the digit square already has a value, so a caller
// on a frame budget can show a coarse map at once and refine it over the
// next frames (Step).

// Options are the settings of an occlusion map.
type Options struct {
	// Patch is the side of the covered square in input pixels, 1 … 28
	// (0 means 4).
	Patch int
	// Stride is the distance between neighbouring patch positions, 1 …
	// Patch (0 means Patch/2, at least 1).
	Stride int
	// Score is what the drop is measured in (default Probability).
	Score Score
}

// MaxPositions is the largest number of patch positions a map can have:
// 28 × 28, for patches of one pixel at stride 1.
const MaxPositions = DigitSide * DigitSide

// Resolve returns o with its defaults filled in, or an error that says
// which setting is out of range.
func (o Options) Resolve() (Options, error) {
	if o.Patch == 0 {
		o.Patch = 4
	}
	if o.Patch < 1 || o.Patch > DigitSide {
		return o, errGot("evidence: the patch side must be 1–28 pixels, got ", o.Patch)
	}
	if o.Stride == 0 {
		o.Stride = max(1, o.Patch/2)
	}
	if o.Stride < 1 || o.Stride > o.Patch {
		return o, errGot("evidence: the stride must be 1 pixel to the patch side (so that patches leave no gap), got ", o.Stride)
	}
	return o, checkScore(o.Score)
}

// Positions is the number of patch positions along each axis, n.
func (o Options) Positions() int {
	return (DigitSide-o.Patch+o.Stride-1)/o.Stride + 1
}

// Start is the first row (and column) of the input that the patches in
// row (column) i cover.
func (o Options) Start(i int) int {
	return DigitMin + min(i*o.Stride, DigitSide-o.Patch)
}

// Occlusion computes occlusion maps. The zero value is ready to use after
// Start. It holds about 130 KB.
type Occlusion struct {
	occ    lenet.Occluder
	opt    Options
	target int

	n     int       // positions per axis
	order []uint16  // position indices i*n+j in evaluation order
	next  int       // positions of order done
	drop  []float32 // per position, NaN until done
	evals int       // covered images run through the network

	base float32 // the uncovered image's score
	// ink[y*33+x] counts the non-zero pixels above and left of (y, x).
	ink [(Side + 1) * (Side + 1)]int32
}

// Start begins a map of class target's evidence in x (32×32, as
// lenet.Net.Forward reads it) for net, whose parameters must not change
// until the map is complete. It runs the uncovered image through the
// network, keeping what the patches need (about two forward passes' work),
// and evaluates no patch yet: call Step or Run.
func (o *Occlusion) Start(net *lenet.Net, x []float32, target int, opt Options) error {
	opt, err := opt.Resolve()
	if err != nil {
		return err
	}
	if err := checkInput(x); err != nil {
		return err
	}
	if err := checkTarget(target); err != nil {
		return err
	}
	if net == nil {
		return errors.New("evidence: no network")
	}
	o.opt, o.target = opt, target
	o.n = opt.Positions()
	o.order = positionOrder(o.order[:0], o.n, opt)
	o.drop = o.drop[:0]
	for range o.n * o.n {
		o.drop = append(o.drop, float32(math.NaN()))
	}
	o.next, o.evals = 0, 0
	o.countInk(x)
	o.occ.Reset(net, x)
	var z [lenet.NumClasses]float32
	o.occ.Logits(&z)
	o.base = scoreOf(&z, target, opt.Score)
	return nil
}

// positionOrder lists the n×n positions, the tiling round first.
func positionOrder(dst []uint16, n int, opt Options) []uint16 {
	k := max(1, opt.Patch/opt.Stride)
	coarse := func(i int) bool { return i%k == 0 || i == n-1 }
	for round := range 2 {
		for i := range n {
			for j := range n {
				if (coarse(i) && coarse(j)) == (round == 0) {
					dst = append(dst, uint16(i*n+j))
				}
			}
		}
	}
	return dst
}

// countInk fills the summed-area table of x's non-zero pixels.
func (o *Occlusion) countInk(x []float32) {
	const w = Side + 1
	for y := range Side {
		var row int32
		for c := range Side {
			if x[y*Side+c] != 0 {
				row++
			}
			o.ink[(y+1)*w+c+1] = o.ink[y*w+c+1] + row
		}
	}
}

// inkIn counts the non-zero pixels in rows y0 … y1−1, columns x0 … x1−1.
func (o *Occlusion) inkIn(y0, x0, y1, x1 int) int32 {
	const w = Side + 1
	return o.ink[y1*w+x1] - o.ink[y0*w+x1] - o.ink[y1*w+x0] + o.ink[y0*w+x0]
}

// Options returns the settings of the map, defaults filled in.
func (o *Occlusion) Options() Options { return o.opt }

// Target is the class the map explains.
func (o *Occlusion) Target() int { return o.target }

// Base is the score of the uncovered image.
func (o *Occlusion) Base() float32 { return o.base }

// Complete reports whether every position has been evaluated.
func (o *Occlusion) Complete() bool { return o.next == len(o.order) }

// Progress returns how many positions have been evaluated and how many
// there are, and how many of the evaluated ones needed the network (the
// others covered background only).
func (o *Occlusion) Progress() (done, total, evaluated int) {
	return o.next, len(o.order), o.evals
}

// Step evaluates positions until budget covered images have been run
// through the network or the map is complete, and reports whether it is.
// Positions over background cost nothing and do not count. A budget below
// 1 evaluates only such free positions at the head of the queue.
func (o *Occlusion) Step(budget int) bool {
	p := o.opt.Patch
	for o.next < len(o.order) {
		k := int(o.order[o.next])
		y0, x0 := o.opt.Start(k/o.n), o.opt.Start(k%o.n)
		if o.inkIn(y0, x0, y0+p, x0+p) == 0 {
			o.drop[k] = 0
			o.next++
			continue
		}
		if budget < 1 {
			break
		}
		budget--
		o.evals++
		o.drop[k] = o.base - o.covered(y0, x0)
		o.next++
	}
	return o.Complete()
}

// Run evaluates every remaining position.
func (o *Occlusion) Run() { o.Step(math.MaxInt) }

// Grid returns the number of positions per axis, n, and the drop of every
// position, row-major (the patch in row i, column j covers from input row
// Options.Start(i), column Options.Start(j)); positions not evaluated yet
// are NaN. The slice is o's: it changes with Step and Start.
func (o *Occlusion) Grid() (n int, drops []float32) { return o.n, o.drop }

// Map writes the pixel map into dst (32×32): every pixel gets the mean
// drop of the evaluated patches that cover it, 0 if there are none.
func (o *Occlusion) Map(dst []float32) error {
	return PixelMap(dst, o.drop, o.opt)
}

// PixelMap turns a grid of drops (n×n for opt, NaN where not known) into
// the pixel map: dst (32×32) gets at every pixel the mean of the known
// drops of the patches that cover it, 0 where none does.
func PixelMap(dst, drops []float32, opt Options) error {
	opt, err := opt.Resolve()
	if err != nil {
		return err
	}
	n := opt.Positions()
	if len(dst) != Len || len(drops) != n*n {
		return errGot("evidence: PixelMap needs a map of 32×32 values and one drop per position, of which there are ", n*n)
	}
	var sum [Len]float32
	var count [Len]uint16
	p := opt.Patch
	for k, d := range drops {
		if d != d {
			continue
		}
		y0, x0 := opt.Start(k/n), opt.Start(k%n)
		for y := y0; y < y0+p; y++ {
			s := sum[y*Side+x0 : y*Side+x0+p]
			c := count[y*Side+x0 : y*Side+x0+p]
			for i := range s {
				s[i] += d
				c[i]++
			}
		}
	}
	for i := range dst {
		dst[i] = 0
		if count[i] > 0 {
			dst[i] = sum[i] / float32(count[i])
		}
	}
	return nil
}

// covered returns the score of the image with the p×p patch at row y0,
// column x0 covered.
func (o *Occlusion) covered(y0, x0 int) float32 {
	var z [lenet.NumClasses]float32
	o.occ.Cover(image.Rect(x0, y0, x0+o.opt.Patch, y0+o.opt.Patch), &z)
	return scoreOf(&z, o.target, o.opt.Score)
}

// OcclusionReference computes the grid of drops the plain way: for every
// position it covers the patch in a copy of x and runs the whole network
// (lenet.Net.Forward) again. It is the slow, obviously right version that
// Occlusion is tested against; drops is n×n, row-major, as Grid.
func OcclusionReference(net *lenet.Net, x []float32, target int, opt Options) (n int, drops []float32, err error) {
	opt, err = opt.Resolve()
	if err != nil {
		return 0, nil, err
	}
	if err := checkInput(x); err != nil {
		return 0, nil, err
	}
	if err := checkTarget(target); err != nil {
		return 0, nil, err
	}
	var a lenet.Activations
	score := func(img []float32) float32 {
		net.Forward(img, &a)
		return scoreOf(&a.Logits, target, opt.Score)
	}
	base := score(x)
	n = opt.Positions()
	drops = make([]float32, n*n)
	img := make([]float32, Len)
	for i := range n {
		for j := range n {
			copy(img, x)
			y0, x0 := opt.Start(i), opt.Start(j)
			for y := y0; y < y0+opt.Patch; y++ {
				clear(img[y*Side+x0 : y*Side+x0+opt.Patch])
			}
			drops[i*n+j] = base - score(img)
		}
	}
	return n, drops, nil
}
