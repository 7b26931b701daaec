package evidence

import (
	"errors"
)

// Where does the evidence lie? A map explains a drawing well when the
// evidence for the class it names sits on the strokes, not on the empty
// paper around them. InkShare measures that:
//
//	mask  = the pixels within radius (a square of side 2·radius+1) of a
//	        pixel whose value is at least InkLevel
//	share = Σ_{i ∈ mask} max(m_i, 0) / Σ_i max(m_i, 0)
//	area  = |mask| / 1024
//
// share is the part of the positive evidence that lies on or beside the
// ink, area the part of the input the mask takes up. A map that ignored
// the drawing would put the same part of its evidence on the mask as the
// mask's part of the area: share ≈ area. share/area is how many times more
// densely the evidence lies on the ink than a blind map's would.

// InkLevel is the least input value counted as ink: the canvas
// preprocessing ignores fainter pixels as noise (cnn/canvas).
const InkLevel = 0.1

// InkShare returns share and area (see above) for the 32×32 map m of the
// 32×32 input x. A map with no positive value has share 0; a blank input
// has area 0.
func InkShare(m, x []float32, radius int) (share, area float64, err error) {
	if len(m) != Len || len(x) != Len {
		return 0, 0, errors.New("evidence: InkShare needs a map and an input of 32×32 values")
	}
	if radius < 0 || radius > Side {
		return 0, 0, errGot("evidence: the ink's radius must be 0–32 pixels, got ", radius)
	}
	var mask [Len]bool
	n := 0
	for y := range Side {
		for c := range Side {
			if !(x[y*Side+c] >= InkLevel) {
				continue
			}
			for yy := max(0, y-radius); yy <= min(Side-1, y+radius); yy++ {
				for xx := max(0, c-radius); xx <= min(Side-1, c+radius); xx++ {
					if !mask[yy*Side+xx] {
						mask[yy*Side+xx] = true
						n++
					}
				}
			}
		}
	}
	var in, all float64
	for i, v := range m {
		if v > 0 {
			all += float64(v)
			if mask[i] {
				in += float64(v)
			}
		}
	}
	if all > 0 {
		share = in / all
	}
	return share, float64(n) / Len, nil
}
