//go:build !js

// The MNIST files are found with the go command, which a program compiled
// to WebAssembly cannot run, so this test is native only.

package canvas

import (
	"sort"
	"testing"

	"github.com/seecnn/lenet/cnn/mnist"
)

// MNIST's digits were made by the same steps (a 20-pixel box, the centre
// of mass in pixel (14, 14) by whole shifts), so most go through
// unchanged: the preprocessing and the training data agree.
func TestMNISTDigitsUnchanged(t *testing.T) {
	s, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	var r Result
	diffs := make([]float64, 0, n)
	for i := range n {
		img, err := FromGray8(28, 28, s.At(i))
		if err != nil {
			t.Fatal(err)
		}
		if err := PreprocessInto(&r, img); err != nil {
			t.Fatalf("test digit %d: %v", i, err)
		}
		// the mean absolute difference from the digit itself
		var d float64
		for k, v := range s.At(i) {
			d += abs(float64(r.Digit[k]) - float64(v)/255)
		}
		diffs = append(diffs, d/784)
	}
	sort.Float64s(diffs)
	median, p90 := diffs[n/2], diffs[n*9/10]
	t.Logf("mean absolute difference per pixel: median %.4f, 90th percentile %.4f, worst %.4f", median, p90, diffs[n-1])
	if median > 0.005 || p90 > 0.02 {
		t.Errorf("MNIST digits change in the preprocessing: median difference %.4f, 90th percentile %.4f", median, p90)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
