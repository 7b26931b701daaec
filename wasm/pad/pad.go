// Package pad is the drawing pad of the demo: strokes made of pointer
// samples, rasterised with a round antialiased brush into a grey image
// (0 = paper, 1 = ink) that the canvas preprocessing reads.
//
// A stroke keeps its shape however fast the hand moves and however slow
// the frames are: the browser reports every pointer sample, and between
// two samples the pad draws a Catmull-Rom curve through its neighbours
// (a straight capsule for the newest segment, until the next sample
// shows where the curve goes). Undo removes the last stroke; Version
// changes whenever the picture does, so the network runs only then.
package pad

import (
	"errors"
	"fmt"
	"math"
)

// Point is one pointer sample in pad coordinates (pixels of the image).
type Point struct {
	X, Y     float64
	Pressure float64 // 0..1; 0 means "no pressure information" (full width)
}

// Stroke is one pen-down … pen-up line.
type Stroke struct {
	Points []Point
	Radius float64 // brush radius in pad pixels
	Pen    bool    // pressure changes the width
}

// Pad is a W×H grey image with the strokes drawn on it. The pixel at
// (x, y) is Pix[y*W+x].
type Pad struct {
	W, H int
	// Pix is what the pad shows: the background (a loaded sample) with
	// the strokes over it.
	Pix []float32

	Radius float64 // brush radius for new strokes

	bg      []float32 // the loaded picture under the strokes, nil if none
	done    []float32 // background + finished parts of every stroke
	strokes []Stroke
	drawing bool
	version uint64
	dirty   Box // the part of Pix changed since TakeDirty
	tail    Box // where the provisional newest segment was drawn

	pic  []float32 // SetPicture's picture with a border, kept for the next
	taps []tap     // … and its columns' samples
}

// tap is where a pad column samples a picture: at columns i and i+1 of
// the picture with its border, weighted 1-tx and tx; i < 0 for a column
// beside the picture.
type tap struct {
	i  int
	tx float32
}

// Box is a rectangle of pad pixels [X0, X1) × [Y0, Y1).
type Box struct{ X0, Y0, X1, Y1 int }

// Empty reports whether b covers no pixel.
func (b Box) Empty() bool { return b.X1 <= b.X0 || b.Y1 <= b.Y0 }

func (b Box) union(c Box) Box {
	if b.Empty() {
		return c
	}
	if c.Empty() {
		return b
	}
	return Box{min(b.X0, c.X0), min(b.Y0, c.Y0), max(b.X1, c.X1), max(b.Y1, c.Y1)}
}

// Brush radii in pad pixels for a 280×280 pad, about MNIST's stroke width
// once the digit is scaled to 20 pixels.
const (
	SmallBrush  = 8
	MediumBrush = 12
	LargeBrush  = 17
)

// New returns a blank w×h pad with the medium brush.
func New(w, h int) (*Pad, error) {
	if w < 8 || h < 8 || w > 4096 || h > 4096 {
		return nil, fmt.Errorf("pad: size %d×%d out of range 8…4096", w, h)
	}
	return &Pad{W: w, H: h, Pix: make([]float32, w*h), done: make([]float32, w*h),
		Radius: MediumBrush * float64(min(w, h)) / 280, version: 1}, nil
}

// Version changes whenever Pix changes.
func (p *Pad) Version() uint64 { return p.version }

// Strokes is the number of strokes on the pad.
func (p *Pad) Strokes() int { return len(p.strokes) }

// Drawing reports whether a stroke is in progress.
func (p *Pad) Drawing() bool { return p.drawing }

// Blank reports whether the pad shows nothing: no stroke, no picture.
func (p *Pad) Blank() bool { return len(p.strokes) == 0 && p.bg == nil }

// TakeDirty returns the part of Pix changed since the last call and
// forgets it, so the screen image is updated only where needed.
func (p *Pad) TakeDirty() Box {
	d := p.dirty
	p.dirty = Box{}
	return d
}

func (p *Pad) changed(b Box) {
	p.version++
	p.dirty = p.dirty.union(b)
}

func (p *Pad) all() Box { return Box{0, 0, p.W, p.H} }

// Begin starts a stroke at pt. pen selects pressure-sensitive width.
func (p *Pad) Begin(pt Point, pen bool) {
	if p.drawing {
		p.End()
	}
	p.drawing = true
	p.strokes = append(p.strokes, Stroke{Points: []Point{p.clampPt(pt)}, Radius: p.Radius, Pen: pen})
	p.extend()
}

// Move adds a sample to the current stroke; without one it does nothing.
// Samples closer than a quarter pixel to the previous one are skipped.
func (p *Pad) Move(pt Point) {
	if !p.drawing {
		return
	}
	s := &p.strokes[len(p.strokes)-1]
	pt = p.clampPt(pt)
	last := s.Points[len(s.Points)-1]
	if math.Hypot(pt.X-last.X, pt.Y-last.Y) < 0.25 {
		return
	}
	s.Points = append(s.Points, pt)
	p.extend()
}

// End finishes the current stroke.
func (p *Pad) End() {
	if !p.drawing {
		return
	}
	p.drawing = false
	s := &p.strokes[len(p.strokes)-1]
	n := len(s.Points)
	// The last segment was only drawn provisionally (straight, in Pix):
	// commit it as a curve now that no more samples come.
	p.restoreTail()
	var b Box
	if n >= 2 {
		b = p.curveSeg(p.done, s, n-2)
	} else {
		b = p.dot(p.done, s, s.Points[0])
	}
	p.compose(b)
	p.changed(b)
}

// Cancel drops the current stroke (the browser took the pointer away).
func (p *Pad) Cancel() {
	if !p.drawing {
		return
	}
	p.drawing = false
	p.strokes = p.strokes[:len(p.strokes)-1]
	p.redraw()
}

// Undo removes the last stroke (the current one, while drawing) and
// reports whether there was one.
func (p *Pad) Undo() bool {
	if len(p.strokes) == 0 {
		return false
	}
	p.drawing = false
	p.strokes = p.strokes[:len(p.strokes)-1]
	p.redraw()
	return true
}

// Clear removes every stroke and the background picture.
func (p *Pad) Clear() {
	p.drawing = false
	p.strokes = p.strokes[:0]
	p.bg = nil
	p.redraw()
}

// ErrPicture is returned by SetPicture for a picture of the wrong size.
var ErrPicture = errors.New("pad: picture does not match its size")

// SetPicture replaces everything on the pad with a w×h grey picture
// (0 = paper, 1 = ink), scaled with bilinear filtering to fill the middle
// of the pad, keeping its aspect ratio, with a margin of frac of the
// pad's side on each side. Drawing on the pad then adds to the picture.
//
// Pad pixel (x, y) samples the picture at fx = (x+½−ox)/s − ½,
// fy = (y+½−oy)/s − ½ (s the scale, ox, oy the picture's offset on the
// pad), blending the four pixels around it; pixels outside the picture
// count as 0. It runs before the first prediction of a sample in the URL,
// so it works in rows with each column's samples worked out once
// (setPictureSlow in the tests is the plain version it is checked against).
func (p *Pad) SetPicture(pix []float32, w, h int, frac float64) error {
	if w <= 0 || h <= 0 || len(pix) != w*h || !(frac >= 0 && frac < 0.5) {
		return ErrPicture
	}
	p.drawing = false
	p.strokes = p.strokes[:0]
	if p.bg == nil {
		p.bg = make([]float32, p.W*p.H)
	}
	clear(p.bg)
	side := math.Min(float64(p.W), float64(p.H)) * (1 - 2*frac)
	s := side / math.Max(float64(w), float64(h))
	ox := (float64(p.W) - s*float64(w)) / 2
	oy := (float64(p.H) - s*float64(h)) / 2
	// The picture with a border of zeros, values clamped to 0..1 (NaN and
	// negatives 0): src[(y+1)*sw + x+1] is pixel (x, y), so that the
	// samples just outside the picture read 0 without a test.
	sw := w + 2
	if n := sw * (h + 2); cap(p.pic) < n {
		p.pic = make([]float32, n)
	}
	src := p.pic[:sw*(h+2)]
	clear(src)
	for y := range h {
		row := src[(y+1)*sw+1 : (y+1)*sw+1+w]
		for x, v := range pix[y*w : y*w+w] {
			if v > 0 { // false for NaN
				row[x] = min(v, 1)
			}
		}
	}
	// Pad column x samples picture columns x0 and x0+1 (in src, shifted by
	// the border) with weights 1-tx and tx; columns entirely outside the
	// picture are left 0.
	if cap(p.taps) < p.W {
		p.taps = make([]tap, p.W)
	}
	taps := p.taps[:p.W]
	x0s, x1s := p.W, 0 // the pad columns that see the picture
	for x := range p.W {
		fx := (float64(x)+0.5-ox)/s - 0.5
		x0 := int(math.Floor(fx))
		if x0 < -1 || x0 >= w {
			taps[x] = tap{-1, 0}
			continue
		}
		taps[x] = tap{x0 + 1, float32(fx - float64(x0))}
		x0s, x1s = min(x0s, x), max(x1s, x+1)
	}
	for y := range p.H {
		fy := (float64(y)+0.5-oy)/s - 0.5
		y0 := int(math.Floor(fy))
		if y0 < -1 || y0 >= h {
			continue
		}
		ty := float32(fy - float64(y0))
		r0 := src[(y0+1)*sw : (y0+2)*sw]
		r1 := src[(y0+2)*sw : (y0+3)*sw]
		out := p.bg[y*p.W : (y+1)*p.W]
		for x := x0s; x < x1s; x++ {
			t := taps[x]
			if t.i < 0 {
				continue
			}
			a := r0[t.i]*(1-t.tx) + r0[t.i+1]*t.tx
			b := r1[t.i]*(1-t.tx) + r1[t.i+1]*t.tx
			out[x] = a*(1-ty) + b*ty
		}
	}
	p.redraw()
	return nil
}

func (p *Pad) clampPt(pt Point) Point {
	if pt.X != pt.X || pt.Y != pt.Y {
		pt.X, pt.Y = 0, 0
	}
	pt.X = math.Max(-64, math.Min(float64(p.W)+64, pt.X))
	pt.Y = math.Max(-64, math.Min(float64(p.H)+64, pt.Y))
	if !(pt.Pressure >= 0) {
		pt.Pressure = 0
	}
	pt.Pressure = math.Min(1, pt.Pressure)
	return pt
}

// redraw rebuilds everything from the background and the strokes.
func (p *Pad) redraw() {
	if p.bg != nil {
		copy(p.done, p.bg)
	} else {
		clear(p.done)
	}
	for i := range p.strokes {
		s := &p.strokes[i]
		if len(s.Points) == 1 {
			p.dot(p.done, s, s.Points[0])
			continue
		}
		for j := 0; j+1 < len(s.Points); j++ {
			p.curveSeg(p.done, s, j)
		}
	}
	copy(p.Pix, p.done)
	p.tail = Box{}
	p.changed(p.all())
}

// extend draws what the newest sample of the current stroke makes final:
// the curve from sample n-3 to n-2 (its neighbours are now known) goes into
// done; the segment n-2 → n-1 is drawn straight into Pix only.
func (p *Pad) extend() {
	s := &p.strokes[len(p.strokes)-1]
	n := len(s.Points)
	p.restoreTail()
	var b Box
	if n >= 3 {
		b = p.curveSeg(p.done, s, n-3)
		p.compose(b)
	}
	var t Box
	if n >= 2 {
		t = p.capsule(p.Pix, s, s.Points[n-2], s.Points[n-1])
	} else {
		t = p.dot(p.Pix, s, s.Points[0])
	}
	p.tail = t
	p.changed(b.union(t))
}

// restoreTail undoes the provisional segment: Pix = done inside its box.
func (p *Pad) restoreTail() {
	if !p.tail.Empty() {
		p.compose(p.tail)
		p.dirty = p.dirty.union(p.tail)
		p.tail = Box{}
	}
}

// compose copies done into Pix inside b.
func (p *Pad) compose(b Box) {
	for y := b.Y0; y < b.Y1; y++ {
		copy(p.Pix[y*p.W+b.X0:y*p.W+b.X1], p.done[y*p.W+b.X0:y*p.W+b.X1])
	}
}

func (p *Pad) radius(s *Stroke, pt Point) float64 {
	if !s.Pen || pt.Pressure == 0 {
		return s.Radius
	}
	return s.Radius * (0.45 + 0.9*pt.Pressure)
}

// curveSeg draws the segment from sample j to j+1 of s as a Catmull-Rom
// curve through samples j-1 … j+2 (clamped at the ends), flattened into
// short capsules.
func (p *Pad) curveSeg(dst []float32, s *Stroke, j int) Box {
	pts := s.Points
	p1, p2 := pts[j], pts[j+1]
	p0, p3 := p1, p2
	// At a corner (the top of a 7) the curve would overshoot: there
	// the neighbour does not bend the segment.
	if j > 0 && !sharp(pts[j-1], p1, p2) {
		p0 = pts[j-1]
	}
	if j+2 < len(pts) && !sharp(p1, p2, pts[j+2]) {
		p3 = pts[j+2]
	}
	d := math.Hypot(p2.X-p1.X, p2.Y-p1.Y)
	n := int(math.Ceil(d / 3))
	if n < 1 {
		n = 1
	}
	if n > 64 {
		n = 64
	}
	var b Box
	prev := p1
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		cur := catmullRom(p0, p1, p2, p3, t)
		b = b.union(p.capsule(dst, s, prev, cur))
		prev = cur
	}
	return b
}

// sharp reports whether the path a → b → c turns by more than about
// 100°: a corner, not a quick curve sampled sparsely.
func sharp(a, b, c Point) bool {
	ux, uy := b.X-a.X, b.Y-a.Y
	vx, vy := c.X-b.X, c.Y-b.Y
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 {
		return false
	}
	return (ux*vx+uy*vy)/(lu*lv) < -0.2
}

// catmullRom evaluates the uniform Catmull-Rom spline between p1 and p2.
func catmullRom(p0, p1, p2, p3 Point, t float64) Point {
	t2, t3 := t*t, t*t*t
	f := func(a, b, c, d float64) float64 {
		return 0.5 * (2*b + (c-a)*t + (2*a-5*b+4*c-d)*t2 + (3*b-a-3*c+d)*t3)
	}
	return Point{
		X:        f(p0.X, p1.X, p2.X, p3.X),
		Y:        f(p0.Y, p1.Y, p2.Y, p3.Y),
		Pressure: p1.Pressure + (p2.Pressure-p1.Pressure)*t,
	}
}

func (p *Pad) dot(dst []float32, s *Stroke, a Point) Box { return p.capsule(dst, s, a, a) }

// capsule draws the set of points within the brush radius of segment a-b
// (radius varying linearly from a's to b's) with a one-pixel antialiased
// edge, keeping the brighter value where strokes overlap.
func (p *Pad) capsule(dst []float32, s *Stroke, a, b Point) Box {
	ra, rb := p.radius(s, a), p.radius(s, b)
	rmax := math.Max(ra, rb) + 1
	x0 := max(0, int(math.Floor(math.Min(a.X, b.X)-rmax)))
	y0 := max(0, int(math.Floor(math.Min(a.Y, b.Y)-rmax)))
	x1 := min(p.W, int(math.Ceil(math.Max(a.X, b.X)+rmax))+1)
	y1 := min(p.H, int(math.Ceil(math.Max(a.Y, b.Y)+rmax))+1)
	if x0 >= x1 || y0 >= y1 {
		return Box{}
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	ll := dx*dx + dy*dy
	for y := y0; y < y1; y++ {
		py := float64(y) + 0.5
		row := dst[y*p.W : y*p.W+p.W]
		// Only the part of the centre line within rmax of this row can
		// reach it: limit the columns to that part's extent ± rmax.
		ta, tb := 0.0, 1.0
		if dy != 0 {
			ta, tb = (py-rmax-a.Y)/dy, (py+rmax-a.Y)/dy
			if ta > tb {
				ta, tb = tb, ta
			}
			ta, tb = math.Max(0, ta), math.Min(1, tb)
			if ta > tb {
				continue
			}
		}
		xa, xb := a.X+ta*dx, a.X+tb*dx
		rx0 := max(x0, int(math.Floor(math.Min(xa, xb)-rmax)))
		rx1 := min(x1, int(math.Ceil(math.Max(xa, xb)+rmax))+1)
		for x := rx0; x < rx1; x++ {
			px := float64(x) + 0.5
			t := 0.0
			if ll > 0 {
				t = ((px-a.X)*dx + (py-a.Y)*dy) / ll
				t = math.Max(0, math.Min(1, t))
			}
			cx, cy := a.X+t*dx-px, a.Y+t*dy-py
			d2 := cx*cx + cy*cy
			r := ra + (rb-ra)*t
			if d2 >= (r+0.5)*(r+0.5) {
				continue
			}
			var cov float32 = 1
			if r < 0.5 || d2 > (r-0.5)*(r-0.5) {
				cov = min(1, float32(r+0.5-math.Sqrt(d2)))
			}
			if cov > row[x] {
				row[x] = cov
			}
		}
	}
	return Box{x0, y0, x1, y1}
}
