// Package samples ships 100 digits of the MNIST test set, so a lecturer
// can demonstrate the network without drawing: sample i is a digit i%10,
// the (i/10)-th of its class in the test set's order.
//
// mnist100.bin holds the 100 images, 28×28 bytes each, 0 paper to 255
// ink, row-major, one after the other (78,400 bytes), then the 100 labels
// (one byte each). `go test ./wasm/samples -update` regenerates it from the
// original IDX files.
package samples

import (
	_ "embed"
	"fmt"
)

// Count is the number of samples; Side is their width and height.
const (
	Count = 100
	Side  = 28
	size  = Side * Side
)

//go:embed mnist100.bin
var data []byte

// Check reports whether the embedded file is well formed.
func Check() error {
	if len(data) != Count*size+Count {
		return fmt.Errorf("samples: mnist100.bin holds %d bytes, want %d", len(data), Count*size+Count)
	}
	for i, l := range data[Count*size:] {
		if l > 9 {
			return fmt.Errorf("samples: label %d of sample %d is not a digit", l, i)
		}
	}
	return nil
}

// Gray returns sample i's 28×28 bytes (0 paper, 255 ink), shared: do not
// modify.
func Gray(i int) ([]byte, error) {
	if i < 0 || i >= Count {
		return nil, fmt.Errorf("samples: no sample %d (there are %d, numbered 0–%d)", i, Count, Count-1)
	}
	if err := Check(); err != nil {
		return nil, err
	}
	return data[i*size : (i+1)*size : (i+1)*size], nil
}

// Label returns the digit sample i shows, or -1 if there is no sample i.
func Label(i int) int {
	if i < 0 || i >= Count || len(data) != Count*size+Count {
		return -1
	}
	return int(data[Count*size+i])
}

// Float writes sample i into dst (784 values, 0 paper to 1 ink) and
// returns its label.
func Float(dst []float32, i int) (int, error) {
	g, err := Gray(i)
	if err != nil {
		return -1, err
	}
	if len(dst) != size {
		return -1, fmt.Errorf("samples: need %d values to hold a sample, got %d", size, len(dst))
	}
	for j, v := range g {
		dst[j] = float32(v) / 255
	}
	return Label(i), nil
}

// Digits returns the images of every sample, one after another (Count·784
// bytes, 0 paper to 255 ink, the layout evidence.Digits28 reads), shared:
// do not modify.
func Digits() ([]byte, error) {
	if err := Check(); err != nil {
		return nil, err
	}
	return data[: Count*size : Count*size], nil
}
