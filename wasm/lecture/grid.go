package lecture

import (
	"fmt"
	"math"

	"github.com/seecnn/lenet/wasm/samples"
)

// Grid is a one-channel picture or feature map, row-major: the value at row
// y, column x is Pix[y*W+x].
type Grid struct {
	W, H int
	Pix  []float32
}

// At returns the value at (y, x), or 0 outside the grid (the padding).
func (g Grid) At(y, x int) float32 {
	if y < 0 || x < 0 || y >= g.H || x >= g.W {
		return 0
	}
	return g.Pix[y*g.W+x]
}

// MinMax returns the smallest and the largest value (0, 0 when empty).
func (g Grid) MinMax() (lo, hi float32) {
	for i, v := range g.Pix {
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
	}
	return lo, hi
}

// MaxSide bounds the side of a picture a view accepts from the page.
const MaxSide = 64

// NewGrid copies pix as a w×h grid. It returns an error for sizes outside
// 1..MaxSide, a length that does not match, or a value that is not finite.
func NewGrid(w, h int, pix []float32) (Grid, error) {
	if w < 1 || h < 1 || w > MaxSide || h > MaxSide {
		return Grid{}, fmt.Errorf("lecture: a picture of %d×%d: each side must be between 1 and %d", w, h, MaxSide)
	}
	if len(pix) != w*h {
		return Grid{}, fmt.Errorf("lecture: %d values do not fill a %d×%d picture (need %d)", len(pix), w, h, w*h)
	}
	for i, v := range pix {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return Grid{}, fmt.Errorf("lecture: value %d of the picture is %v, not a number the views can show", i, v)
		}
	}
	return Grid{W: w, H: h, Pix: append([]float32(nil), pix...)}, nil
}

// TestImage is the built-in 12×12 test picture: a bright rectangle with a
// dimmer diagonal stroke, so that horizontal and vertical edges, corners
// and a slanted line all appear and every value can be read.
func TestImage() Grid {
	const n = 12
	g := Grid{W: n, H: n, Pix: make([]float32, n*n)}
	for y := 2; y <= 6; y++ {
		for x := 2; x <= 5; x++ {
			g.Pix[y*n+x] = 1
		}
	}
	for i := 0; i < 5; i++ {
		g.Pix[(6+i)*n+(6+i)] = 0.5
	}
	return g
}

// SampleDigit is a real handwritten 7 from the MNIST test set (the demo's
// sample 7), 28×28, ink bright on black like the network's input. Should
// the embedded samples be unreadable it falls back to DrawnSeven.
func SampleDigit() Grid {
	g := Grid{W: samples.Side, H: samples.Side, Pix: make([]float32, samples.Side*samples.Side)}
	if _, err := samples.Float(g.Pix, 7); err != nil {
		return DrawnSeven()
	}
	return g
}

// DrawnSeven is a 28×28 "7" drawn from thick strokes with soft edges.
func DrawnSeven() Grid {
	const n = 28
	g := Grid{W: n, H: n, Pix: make([]float32, n*n)}
	strokes := [][4]float64{{7, 7, 20, 7}, {20, 7, 12, 22}, {11, 14, 18, 14}}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			d := math.Inf(1)
			for _, s := range strokes {
				d = math.Min(d, segmentDistance(float64(x), float64(y), s[0], s[1], s[2], s[3]))
			}
			// full ink within 1 px of the centre line, fading out over 1 px
			v := math.Max(0, math.Min(1, 2-d))
			g.Pix[y*n+x] = float32(math.Round(v*100) / 100)
		}
	}
	return g
}

// segmentDistance is the distance from (px, py) to the segment (ax, ay)–(bx, by).
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// padCrop returns g padded by p zeros on every side and cut to rows × cols
// (the part of the padded picture a window with a non-tiling stride reaches).
func padCrop(g Grid, p, rows, cols int) []float32 {
	out := make([]float32, rows*cols)
	for y := 0; y < rows; y++ {
		for x := 0; x < cols; x++ {
			out[y*cols+x] = g.At(y-p, x-p)
		}
	}
	return out
}
