package train

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/canvas/drawn"
)

// Thickness range of redrawn strokes: the brush's diameter as it ends up
// in the 20-pixel box canvas.Preprocess scales a digit to. A 6-pixel brush
// on a digit 266 pixels tall on a 280×280 canvas is 0.45 there; a 40-pixel
// brush on a digit 112 pixels tall is 7.1.
const (
	MinStroke = 0.4
	MaxStroke = 7.5
)

// Skeletons thins every digit of s once (in parallel); a digit with no ink
// to thin gets nil.
func Skeletons(s *Set) []*drawn.Skeleton {
	sk := make([]*drawn.Skeleton, s.Len())
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(sk); i += workers {
				if k, err := drawn.NewSkeleton(Side, Side, s.Digit(i)); err == nil {
					sk[i] = k
				}
			}
		}()
	}
	wg.Wait()
	return sk
}

// Redrawer returns a function for Augmenter.Redraw that traces digit i's
// skeleton again with a round brush on the canvas it is given: stroke
// thickness log-uniform between MinStroke and MaxStroke (in the units of
// the 20-pixel box), the digit 45–95 % of the canvas height, turned by up
// to ±0.25 rad, sheared by up to ±0.3, anywhere on the canvas, dark on
// light one time in five.
func Redrawer(sk []*drawn.Skeleton) func(dst canvas.Image, i int, r *rand.Rand) error {
	return func(dst canvas.Image, i int, r *rand.Rand) error {
		if i < 0 || i >= len(sk) || sk[i] == nil {
			return fmt.Errorf("train: digit %d has no skeleton", i)
		}
		size := 0.45 + 0.5*r.Float64()
		rel := MinStroke * math.Exp(r.Float64()*math.Log(MaxStroke/MinStroke))
		// 20·brush/(size·height) = rel
		brush := rel * size * float64(dst.Height) / canvas.BoxSide
		brush = max(0.8, min(brush, 0.45*float64(min(dst.Width, dst.Height))))
		st := drawn.Style{
			Width: dst.Width, Height: dst.Height,
			Brush:    brush,
			Size:     size,
			CX:       0.3 + 0.4*r.Float64(),
			CY:       0.3 + 0.4*r.Float64(),
			Rotate:   (r.Float64()*2 - 1) * 0.25,
			Shear:    (r.Float64()*2 - 1) * 0.3,
			Inverted: r.IntN(5) == 0,
		}
		img := dst
		if err := drawn.Render(&img, sk[i], st); err != nil {
			return err
		}
		if len(img.Pix) != len(dst.Pix) || &img.Pix[0] != &dst.Pix[0] {
			copy(dst.Pix, img.Pix)
		}
		return nil
	}
}
