package evidence

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
)

func shipped(t testing.TB) *lenet.Net {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	return w.Net
}

// pad32 turns a 28×28 MNIST digit into the network's input: values / 255,
// padded by 2.
func pad32(dst []float32, pix []uint8) {
	clear(dst)
	for y := range 28 {
		for x := range 28 {
			dst[(y+2)*Side+x+2] = float32(pix[y*28+x]) / 255
		}
	}
}

var testSet = sync.OnceValues(mnist.LoadTest)

// samples returns the digits the demo ships (wasm/samples): sample i is a
// digit i%10, the (i/10)-th of its class in the MNIST test set, as 32×32
// inputs, and their labels.
func samples(t testing.TB) ([][]float32, []int) {
	t.Helper()
	m, err := testSet()
	if err != nil {
		t.Fatal(err)
	}
	xs := make([][]float32, 100)
	labels := make([]int, 100)
	var seen [10]int
	for i := 0; i < len(m.Labels); i++ {
		d := int(m.Labels[i])
		k := d + 10*seen[d]
		if k >= 100 || seen[d] >= 10 {
			continue
		}
		seen[d]++
		xs[k] = make([]float32, Len)
		pad32(xs[k], m.At(i))
		labels[k] = d
	}
	for d, n := range seen {
		if n != 10 {
			t.Fatalf("the MNIST test set has %d digits %d", n, d)
		}
	}
	return xs, labels
}

// randomInput is uniform in lo … hi over the digit square, 0 around it,
// with a share of the pixels left at 0 (background), as a drawing has.
func randomInput(r *rand.Rand, lo, hi, blank float32) []float32 {
	x := make([]float32, Len)
	for y := DigitMin; y < DigitMin+DigitSide; y++ {
		for c := DigitMin; c < DigitMin+DigitSide; c++ {
			if r.Float32() >= blank {
				x[y*Side+c] = lo + (hi-lo)*r.Float32()
			}
		}
	}
	return x
}
