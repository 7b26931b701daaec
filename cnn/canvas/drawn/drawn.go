// Package drawn turns MNIST digits into drawings like the ones people make
// on a canvas with a mouse or a finger: the digit is thinned to its
// skeleton (Zhang–Suen), the skeleton is smoothed a little and its chains
// of pixel steps are simplified to longer straight segments, and it is
// redrawn with a round brush of constant width, anti-aliased, at a chosen
// size and position on a canvas of any size, white on black or black on
// white.
//
// A Skeleton is made once per digit; Render is cheap (its cost grows with
// the skeleton's length times the brush's footprint, and a 28×28 or 64×64
// canvas takes microseconds), so a trainer can redraw every digit in a new
// Style each epoch and pass the canvas through canvas.PreprocessInto, the
// same preprocessing the demo uses:
//
//	sk, err := drawn.NewSkeleton(28, 28, digit) // once per digit
//	st := drawn.RandomStyle(rng, 280, 280, 6, 40)
//	err = drawn.Render(&img, sk, st)            // img is a canvas.Image, reused
//	err = canvas.PreprocessInto(&res, img)      // res.Input is the 32×32
//
// Everything is deterministic: the same digit, style and random seed give
// the same pixels.
package drawn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/seecnn/lenet/cnn/canvas"
)

// Threshold is the grey (0..255) from which a digit's pixel is ink when
// it is thinned.
const Threshold = 128

// ErrNoInk is returned for a digit with no pixel at Threshold or above.
var ErrNoInk = errors.New("drawn: the digit has no ink to thin")

// Skeleton is a digit's centre line: points (in the digit image's pixel
// coordinates, a pixel's centre at +0.5) and the segments joining them.
type Skeleton struct {
	X, Y []float32
	Seg  [][2]int32 // pairs of point indices; a point alone is a segment to itself
}

// NewSkeleton thins a w×h grey digit (0 background, 255 ink, row-major)
// to its skeleton with the Zhang–Suen algorithm, joins neighbouring
// skeleton pixels by segments, smooths the chains and simplifies them to
// within Tolerance.
func NewSkeleton(w, h int, pix []uint8) (*Skeleton, error) {
	if w <= 0 || h <= 0 || w > canvas.MaxSide || h > canvas.MaxSide {
		return nil, fmt.Errorf("drawn: digit size %d×%d is not in 1..%d", w, h, canvas.MaxSide)
	}
	if len(pix) != w*h {
		return nil, fmt.Errorf("drawn: %d bytes do not fill %d×%d", len(pix), w, h)
	}
	// A one-pixel frame of background spares the bounds checks.
	W, H := w+2, h+2
	b := make([]bool, W*H)
	found := false
	for y := range h {
		for x := range w {
			if pix[y*w+x] >= Threshold {
				b[(y+1)*W+x+1] = true
				found = true
			}
		}
	}
	if !found {
		return nil, ErrNoInk
	}
	thin(b, W, H)

	sk := &Skeleton{}
	index := make([]int32, W*H)
	for i := range index {
		index[i] = -1
	}
	for y := 1; y < H-1; y++ {
		for x := 1; x < W-1; x++ {
			if b[y*W+x] {
				index[y*W+x] = int32(len(sk.X))
				sk.X = append(sk.X, float32(x-1)+0.5)
				sk.Y = append(sk.Y, float32(y-1)+0.5)
			}
		}
	}
	on := func(x, y int) bool { return b[y*W+x] }
	for y := 1; y < H-1; y++ {
		for x := 1; x < W-1; x++ {
			i := index[y*W+x]
			if i < 0 {
				continue
			}
			alone := true
			link := func(dx, dy int) {
				if on(x+dx, y+dy) {
					alone = false
					if j := index[(y+dy)*W+x+dx]; j > i {
						sk.Seg = append(sk.Seg, [2]int32{i, j})
					}
				}
			}
			link(1, 0)
			link(0, 1)
			link(-1, 0)
			link(0, -1)
			// Diagonal steps only where no orthogonal path joins the two
			// pixels, so corners are not filled in as little triangles.
			for _, d := range [4][2]int{{1, 1}, {-1, 1}, {1, -1}, {-1, -1}} {
				if !on(x+d[0], y) && !on(x, y+d[1]) {
					link(d[0], d[1])
				}
			}
			if alone {
				sk.Seg = append(sk.Seg, [2]int32{i, i})
			}
		}
	}
	sk.smooth(2)
	return sk.simplify(Tolerance), nil
}

// Tolerance is how far (in the digit image's pixels) the simplified
// skeleton may stray from the smoothed one: chains of short segments
// become fewer, longer ones, which draw the same stroke faster.
const Tolerance = 0.1

// simplify replaces every chain of points between ends and junctions (and
// every closed loop) by the fewest segments that stay within eps of it
// (Douglas–Peucker), and drops the points no segment uses.
func (sk *Skeleton) simplify(eps float64) *Skeleton {
	n := len(sk.X)
	adj := make([][]int32, n)
	for _, s := range sk.Seg {
		if s[0] != s[1] {
			adj[s[0]] = append(adj[s[0]], s[1])
			adj[s[1]] = append(adj[s[1]], s[0])
		}
	}
	type edge struct{ a, b int32 }
	used := make(map[edge]bool, len(sk.Seg))
	key := func(a, b int32) edge {
		if a > b {
			a, b = b, a
		}
		return edge{a, b}
	}
	out := &Skeleton{}
	newIndex := make([]int32, n)
	for i := range newIndex {
		newIndex[i] = -1
	}
	point := func(i int32) int32 {
		if newIndex[i] < 0 {
			newIndex[i] = int32(len(out.X))
			out.X = append(out.X, sk.X[i])
			out.Y = append(out.Y, sk.Y[i])
		}
		return newIndex[i]
	}
	var chain []int32
	emit := func() {
		keep := douglasPeucker(sk, chain, eps)
		for k := 1; k < len(keep); k++ {
			out.Seg = append(out.Seg, [2]int32{point(keep[k-1]), point(keep[k])})
		}
	}
	// walk follows the chain that leaves start towards next until it
	// reaches a point that is not on a plain stretch (or start again).
	walk := func(start, next int32) {
		chain = append(chain[:0], start)
		prev, cur := start, next
		used[key(prev, cur)] = true
		for {
			chain = append(chain, cur)
			if len(adj[cur]) != 2 || cur == start {
				break
			}
			nxt := adj[cur][0]
			if nxt == prev {
				nxt = adj[cur][1]
			}
			if used[key(cur, nxt)] {
				break
			}
			used[key(cur, nxt)] = true
			prev, cur = cur, nxt
		}
		emit()
	}
	for i := range n {
		if len(adj[i]) == 0 {
			j := point(int32(i))
			out.Seg = append(out.Seg, [2]int32{j, j})
			continue
		}
		if len(adj[i]) != 2 {
			for _, j := range adj[i] {
				if !used[key(int32(i), j)] {
					walk(int32(i), j)
				}
			}
		}
	}
	// What is left are closed loops of plain points.
	for i := range n {
		for _, j := range adj[i] {
			if !used[key(int32(i), j)] {
				walk(int32(i), j)
			}
		}
	}
	return out
}

// douglasPeucker returns the points of chain to keep: the ends, and
// recursively the point farthest from the segment joining them while it
// is more than eps away.
func douglasPeucker(sk *Skeleton, chain []int32, eps float64) []int32 {
	if len(chain) <= 2 {
		return append([]int32(nil), chain...)
	}
	keep := make([]bool, len(chain))
	keep[0], keep[len(chain)-1] = true, true
	var rec func(lo, hi int)
	rec = func(lo, hi int) {
		if hi-lo < 2 {
			return
		}
		ax, ay := float64(sk.X[chain[lo]]), float64(sk.Y[chain[lo]])
		bx, by := float64(sk.X[chain[hi]]), float64(sk.Y[chain[hi]])
		far, farD := -1, eps
		for k := lo + 1; k < hi; k++ {
			if d := segDist(float64(sk.X[chain[k]]), float64(sk.Y[chain[k]]), ax, ay, bx, by); d > farD {
				far, farD = k, d
			}
		}
		if far < 0 {
			return
		}
		keep[far] = true
		rec(lo, far)
		rec(far, hi)
	}
	rec(0, len(chain)-1)
	var out []int32
	for k, c := range chain {
		if keep[k] {
			out = append(out, c)
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b.
func segDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-ax-t*dx, py-ay-t*dy)
}

// thin is Zhang and Suen's thinning ("A fast parallel algorithm for
// thinning digital patterns", 1984) of the W×H binary image b, whose
// outer frame is background.
func thin(b []bool, W, H int) {
	var del []int
	for changed := true; changed; {
		changed = false
		for step := range 2 {
			del = del[:0]
			for y := 1; y < H-1; y++ {
				for x := 1; x < W-1; x++ {
					p := y*W + x
					if !b[p] {
						continue
					}
					// Neighbours P2…P9, clockwise from north.
					n := [8]bool{b[p-W], b[p-W+1], b[p+1], b[p+W+1], b[p+W], b[p+W-1], b[p-1], b[p-W-1]}
					count, trans := 0, 0
					for k := range 8 {
						if n[k] {
							count++
						}
						if !n[k] && n[(k+1)%8] {
							trans++
						}
					}
					if count < 2 || count > 6 || trans != 1 {
						continue
					}
					p2, p4, p6, p8 := n[0], n[2], n[4], n[6]
					if step == 0 && (p2 && p4 && p6 || p4 && p6 && p8) {
						continue
					}
					if step == 1 && (p2 && p4 && p8 || p2 && p6 && p8) {
						continue
					}
					del = append(del, p)
				}
			}
			for _, p := range del {
				b[p] = false
			}
			if len(del) > 0 {
				changed = true
			}
		}
	}
}

// smooth moves every point with exactly two neighbours halfway towards
// their mean, rounds times, which turns the pixel staircase of a slanted
// stroke into a straight line; ends and junctions stay put.
func (sk *Skeleton) smooth(rounds int) {
	n := len(sk.X)
	deg := make([]int, n)
	sumX := make([]float32, n)
	sumY := make([]float32, n)
	for range rounds {
		clear(deg)
		clear(sumX)
		clear(sumY)
		for _, s := range sk.Seg {
			a, b := s[0], s[1]
			if a == b {
				continue
			}
			deg[a]++
			deg[b]++
			sumX[a] += sk.X[b]
			sumY[a] += sk.Y[b]
			sumX[b] += sk.X[a]
			sumY[b] += sk.Y[a]
		}
		for i := range n {
			if deg[i] == 2 {
				sk.X[i] = 0.5*sk.X[i] + 0.25*sumX[i]
				sk.Y[i] = 0.5*sk.Y[i] + 0.25*sumY[i]
			}
		}
	}
}

// Style is how a digit is drawn.
type Style struct {
	Width, Height int     // the canvas, in pixels
	Brush         float64 // the brush's diameter, in canvas pixels
	// Size is the drawn digit's height, brush included, as a fraction of
	// the canvas height (0 < Size ≤ 1). A digit too wide for the canvas
	// is made smaller until it fits.
	Size float64
	// CX, CY place the centre of the digit's box, as fractions of the
	// canvas width and height (0.5, 0.5 is the middle); the digit is
	// moved as little as needed to stay whole on the canvas.
	CX, CY float64
	// Rotate turns the digit by this many radians (positive turns it
	// clockwise on the screen), Shear slants it: x += Shear·(y - centre).
	Rotate, Shear float64
	Inverted      bool // black ink on white instead of white on black
}

func (st Style) check() error {
	if st.Width <= 0 || st.Height <= 0 || st.Width > canvas.MaxSide || st.Height > canvas.MaxSide {
		return fmt.Errorf("drawn: canvas %d×%d is not in 1..%d", st.Width, st.Height, canvas.MaxSide)
	}
	if !(st.Brush > 0) || st.Brush > float64(min(st.Width, st.Height)) {
		return fmt.Errorf("drawn: brush %v must be more than 0 and at most the canvas side", st.Brush)
	}
	if !(st.Size > 0 && st.Size <= 1) {
		return fmt.Errorf("drawn: size %v is not in (0, 1]", st.Size)
	}
	for _, v := range []float64{st.CX, st.CY, st.Rotate, st.Shear} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("drawn: style %+v has a value that is not a number", st)
		}
	}
	return nil
}

// RandomStyle draws a style the way people draw on a w×h canvas: a brush
// of brushMin…brushMax pixels, a digit 40–95 % of the canvas height,
// anywhere on the canvas (often off-centre), either polarity. Rotate and
// Shear are left 0.
func RandomStyle(rng *rand.Rand, w, h int, brushMin, brushMax float64) Style {
	return Style{
		Width: w, Height: h,
		Brush:    brushMin + rng.Float64()*(brushMax-brushMin),
		Size:     0.4 + 0.55*rng.Float64(),
		CX:       0.15 + 0.7*rng.Float64(),
		CY:       0.15 + 0.7*rng.Float64(),
		Inverted: rng.IntN(2) == 1,
	}
}

// Render draws sk in style st on img, which becomes st.Width×st.Height
// (its Pix is reused when large enough, so rendering again allocates
// nothing).
func Render(img *canvas.Image, sk *Skeleton, st Style) error {
	if err := st.check(); err != nil {
		return err
	}
	if len(sk.X) == 0 || len(sk.X) != len(sk.Y) {
		return errors.New("drawn: an empty skeleton")
	}
	n := st.Width * st.Height
	if cap(img.Pix) < n {
		img.Pix = make([]float32, n)
	}
	img.Width, img.Height, img.Pix = st.Width, st.Height, img.Pix[:n]
	clear(img.Pix)

	// Centre the points, slant, turn; then find the box.
	var cx, cy float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range sk.X {
		minX, maxX = min(minX, float64(sk.X[i])), max(maxX, float64(sk.X[i]))
		minY, maxY = min(minY, float64(sk.Y[i])), max(maxY, float64(sk.Y[i]))
	}
	cx, cy = (minX+maxX)/2, (minY+maxY)/2
	sin, cos := math.Sincos(st.Rotate)
	tx := func(i int) (float64, float64) {
		x, y := float64(sk.X[i])-cx, float64(sk.Y[i])-cy
		x += st.Shear * y
		return cos*x - sin*y, sin*x + cos*y
	}
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range sk.X {
		x, y := tx(i)
		minX, maxX = min(minX, x), max(maxX, x)
		minY, maxY = min(minY, y), max(maxY, y)
	}
	// Scale: the height plus the brush is Size of the canvas height, the
	// width plus the brush fits the canvas width.
	// A pixel of margin on each side keeps the anti-aliased edge off the
	// canvas's border.
	W, H := float64(st.Width), float64(st.Height)
	r := st.Brush / 2
	k := math.Inf(1)
	if dh := maxY - minY; dh > 0 {
		k = max(min(st.Size*H, H-2)-st.Brush, 1) / dh
	}
	if dw := maxX - minX; dw > 0 {
		k = min(k, max(W-2-st.Brush, 1)/dw)
	}
	if math.IsInf(k, 1) {
		k = 1 // a single dot
	}
	// Place the box's centre, kept inside.
	halfW, halfH := (maxX-minX)*k/2+r+1, (maxY-minY)*k/2+r+1
	px := clampCentre(st.CX*W, halfW, W)
	py := clampCentre(st.CY*H, halfH, H)
	ox, oy := px-(minX+maxX)/2*k, py-(minY+maxY)/2*k

	for _, s := range sk.Seg {
		ax, ay := tx(int(s[0]))
		bx, by := tx(int(s[1]))
		stroke(img, ax*k+ox, ay*k+oy, bx*k+ox, by*k+oy, r)
	}
	if st.Inverted {
		for i, v := range img.Pix {
			img.Pix[i] = 1 - v
		}
	}
	return nil
}

func clampCentre(c, half, side float64) float64 {
	if 2*half >= side {
		return side / 2
	}
	return max(half, min(c, side-half))
}

// stroke paints the segment a–b with a round brush of radius r, white on
// black: every pixel gets the part of it the brush covers, approximated by
// the distance d of its centre to the segment as r + 0.5 - d (clamped to
// 0..1), and keeps the most ink any segment gave it.
func stroke(img *canvas.Image, ax, ay, bx, by, r float64) {
	R := r + 0.5 // beyond R from the segment a pixel gets nothing
	y0 := max(int(math.Floor(min(ay, by)-R)), 0)
	y1 := min(int(math.Ceil(max(ay, by)+R)), img.Height)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	inv := 0.0
	if l2 > 0 {
		inv = 1 / l2
	}
	outer := R * R
	inner := max(r-0.5, 0) * max(r-0.5, 0)
	for y := y0; y < y1; y++ {
		py := float64(y) + 0.5
		// The part of the segment within R of this row, t0…t1, and the
		// columns within R of that part.
		t0, t1 := 0.0, 1.0
		if dy != 0 {
			t0, t1 = (py-R-ay)/dy, (py+R-ay)/dy
			if t0 > t1 {
				t0, t1 = t1, t0
			}
			t0, t1 = max(t0, 0), min(t1, 1)
		} else if math.Abs(py-ay) >= R {
			continue
		}
		if t0 > t1 {
			continue
		}
		xa, xb := ax+t0*dx, ax+t1*dx
		x0 := max(int(math.Floor(min(xa, xb)-R)), 0)
		x1 := min(int(math.Ceil(max(xa, xb)+R)), img.Width)
		row := img.Pix[y*img.Width : (y+1)*img.Width]
		qy := py - ay
		for x := x0; x < x1; x++ {
			qx := float64(x) + 0.5 - ax
			// the nearest point of the segment: a + t·(b-a), t in 0..1
			t := max(0, min(1, (qx*dx+qy*dy)*inv))
			ex, ey := qx-t*dx, qy-t*dy
			d2 := ex*ex + ey*ey
			if d2 >= outer {
				continue
			}
			cover := float32(1)
			if d2 > inner {
				cover = float32(min(1, R-math.Sqrt(d2)))
			}
			row[x] = max(row[x], cover)
		}
	}
}

// Gray8 converts img to bytes, 0..255, for an IDX file or a PNG.
func Gray8(dst []uint8, img canvas.Image) []uint8 {
	if cap(dst) < len(img.Pix) {
		dst = make([]uint8, len(img.Pix))
	}
	dst = dst[:len(img.Pix)]
	for i, v := range img.Pix {
		dst[i] = uint8(math.Round(float64(min(max(v, 0), 1)) * 255))
	}
	return dst
}
