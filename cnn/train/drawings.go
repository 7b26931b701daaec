package train

import (
	"math/rand/v2"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/canvas/drawn"
)

// Drawings is a Source of canvas-style drawings made from a set's digits:
// digit i's skeleton drawn with drawn.RandomStyle on a Width×Height canvas
// with a brush of BrushMin…BrushMax pixels, then preprocessed with
// canvas.Preprocess, exactly as a drawing on the demo's canvas would be. It
// measures how well a network reads drawings (Evaluate).
type Drawings struct {
	Set                *Set
	Skeletons          []*drawn.Skeleton // from Skeletons(Set)
	Width, Height      int
	BrushMin, BrushMax float64
}

// Len is the number of drawings.
func (d *Drawings) Len() int { return d.Set.Len() }

// Label is drawing i's class.
func (d *Drawings) Label(i int) int { return d.Set.Label(i) }

// NewSampler returns a sampler with its own canvas.
func (d *Drawings) NewSampler() Sampler {
	return &drawingSampler{d: d, res: new(canvas.Result)}
}

type drawingSampler struct {
	d   *Drawings
	img canvas.Image
	res *canvas.Result
}

// Input draws digit i; a digit that cannot be drawn (no skeleton) or whose
// drawing comes out blank gives an all-zero input, which counts as a
// mistake unless the network happens to call a blank that digit.
func (s *drawingSampler) Input(dst []float32, i int, r *rand.Rand) {
	clear(dst)
	sk := s.d.Skeletons[i]
	if sk == nil {
		return
	}
	st := drawn.RandomStyle(r, s.d.Width, s.d.Height, s.d.BrushMin, s.d.BrushMax)
	if drawn.Render(&s.img, sk, st) != nil || canvas.PreprocessInto(s.res, s.img) != nil {
		return
	}
	copy(dst, s.res.Input[:])
}
