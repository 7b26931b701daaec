package ui

import "math"

// Rect is an axis-aligned rectangle in device pixels: the top-left corner
// (X, Y) and the size W×H. A point (x, y) is inside when
// X ≤ x < X+W and Y ≤ y < Y+H.
type Rect struct {
	X, Y, W, H float64
}

// R is shorthand for Rect{x, y, w, h}.
func R(x, y, w, h float64) Rect { return Rect{x, y, w, h} }

// Contains reports whether (x, y) lies in r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Right is X+W, Bottom is Y+H.
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// CenterX and CenterY are the coordinates of r's centre.
func (r Rect) CenterX() float64 { return r.X + r.W/2 }
func (r Rect) CenterY() float64 { return r.Y + r.H/2 }

// Inset shrinks r by d on every side (grows it for negative d). The size
// never becomes negative.
func (r Rect) Inset(d float64) Rect {
	r.X += d
	r.Y += d
	r.W = math.Max(0, r.W-2*d)
	r.H = math.Max(0, r.H-2*d)
	return r
}

// CutTop removes a band of height h from the top of r and returns the band
// and the rest. h is clamped to r's height.
func (r Rect) CutTop(h float64) (top, rest Rect) {
	h = clamp(h, 0, r.H)
	return Rect{r.X, r.Y, r.W, h}, Rect{r.X, r.Y + h, r.W, r.H - h}
}

// CutLeft removes a band of width w from the left of r and returns the band
// and the rest. w is clamped to r's width.
func (r Rect) CutLeft(w float64) (left, rest Rect) {
	w = clamp(w, 0, r.W)
	return Rect{r.X, r.Y, w, r.H}, Rect{r.X + w, r.Y, r.W - w, r.H}
}

// Round snaps r's edges to whole device pixels, so that lines and images
// drawn in it are crisp.
func (r Rect) Round() Rect {
	x0, y0 := math.Round(r.X), math.Round(r.Y)
	x1, y1 := math.Round(r.X+r.W), math.Round(r.Y+r.H)
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// Grid splits r into cols×rows equal cells separated by gap and returns the
// cell at (col, row).
func (r Rect) Grid(cols, rows int, gap float64, col, row int) Rect {
	if cols <= 0 || rows <= 0 {
		return Rect{}
	}
	cw := (r.W - gap*float64(cols-1)) / float64(cols)
	ch := (r.H - gap*float64(rows-1)) / float64(rows)
	return Rect{r.X + float64(col)*(cw+gap), r.Y + float64(row)*(ch+gap), cw, ch}
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
