//go:build !js

// The MNIST files are found with the go command, which a program compiled
// to WebAssembly cannot run, so this test is native only.

package drawn

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/mnist"
)

// A drawing of a digit, once preprocessed, looks like the digit: the
// correlation of the two 28×28 images is high for most digits.
func TestDrawingsResembleDigits(t *testing.T) {
	s, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	rng := rand.New(rand.NewPCG(3, 4))
	var img canvas.Image
	var drawnRes, origRes canvas.Result
	corr := make([]float64, 0, n)
	for i := range n {
		sk, err := NewSkeleton(28, 28, s.At(i))
		if err != nil {
			t.Fatalf("digit %d: %v", i, err)
		}
		if err := Render(&img, sk, RandomStyle(rng, 280, 280, 14, 28)); err != nil {
			t.Fatal(err)
		}
		if err := canvas.PreprocessInto(&drawnRes, img); err != nil {
			t.Fatalf("digit %d drawn: %v", i, err)
		}
		orig, _ := canvas.FromGray8(28, 28, s.At(i))
		if err := canvas.PreprocessInto(&origRes, orig); err != nil {
			t.Fatalf("digit %d: %v", i, err)
		}
		corr = append(corr, correlation(drawnRes.Digit[:], origRes.Digit[:]))
	}
	sort.Float64s(corr)
	median, low := corr[n/2], corr[n/10]
	t.Logf("correlation of drawing and digit: median %.3f, 10th percentile %.3f", median, low)
	if median < 0.7 || low < 0.5 {
		t.Errorf("drawings do not resemble their digits: median correlation %.3f, 10th percentile %.3f", median, low)
	}
}

func correlation(a, b []float32) float64 {
	var ma, mb float64
	for i := range a {
		ma += float64(a[i])
		mb += float64(b[i])
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		da, db := float64(a[i])-ma, float64(b[i])-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	return sab / math.Sqrt(saa*sbb)
}
