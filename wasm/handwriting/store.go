package handwriting

import (
	"errors"
	"fmt"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Drawing is one kept drawing: the network's 32×32 input as the demo made
// it from the student's strokes, in 256 grey levels (0 paper, 255 ink;
// the network reads v/255), and the digit the student says it is.
type Drawing struct {
	Label int
	Pix   [lenet.InputLen]uint8
}

// FromInput rounds an input (values 0 … 1, as ui.Shared.Input holds it)
// to a Drawing.
func FromInput(x *[lenet.InputLen]float32, label int) Drawing {
	d := Drawing{Label: label}
	for i, v := range x {
		switch {
		case v >= 1:
			d.Pix[i] = 255
		case v > 0:
			d.Pix[i] = uint8(v*255 + 0.5)
		}
	}
	return d
}

// Input is the drawing as the network reads it, written into x.
func (d *Drawing) Input(x []float32) {
	for i, p := range d.Pix {
		x[i] = float32(p) / 255
	}
}

// The stored form of the kept drawings, one value of the browser's
// storage under StorageKey (base64, written by site/train-bridge.js):
//
//	offset  size      field
//	0       8         magic "LENET5\x00H"
//	8       1         version (1)
//	9       1         count n (at most MaxKept)
//	10      n·1025    each drawing: its digit (0 … 9), then its 32×32
//	                  input, row-major, one byte a pixel
//
// Decode takes exactly that and nothing else: anything else the storage
// holds (another program's value, a truncated one) is refused whole.
const (
	StorageKey   = "lenet5.handwriting"
	MaxKept      = 40
	storeMagic   = "LENET5\x00H"
	storeVersion = 1
	storeHead    = len(storeMagic) + 2
	storeItem    = 1 + lenet.InputLen
)

// Encode writes the drawings in the stored form (at most MaxKept of
// them; an empty list is empty).
func Encode(ds []Drawing) []byte {
	if len(ds) == 0 {
		return nil
	}
	ds = ds[:min(len(ds), MaxKept)]
	b := make([]byte, 0, storeHead+len(ds)*storeItem)
	b = append(b, storeMagic...)
	b = append(b, storeVersion, byte(len(ds)))
	for i := range ds {
		b = append(b, byte(ds[i].Label))
		b = append(b, ds[i].Pix[:]...)
	}
	return b
}

var errStore = errors.New("not the demo's kept drawings")

// Decode reads the stored form; an empty value is no drawings.
func Decode(b []byte) ([]Drawing, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) < storeHead || string(b[:len(storeMagic)]) != storeMagic {
		return nil, errStore
	}
	if b[8] != storeVersion {
		return nil, fmt.Errorf("kept drawings of version %d, this page reads version %d", b[8], storeVersion)
	}
	n := int(b[9])
	if n > MaxKept || len(b) != storeHead+n*storeItem {
		return nil, fmt.Errorf("%d bytes do not hold %d kept drawings", len(b), n)
	}
	out := make([]Drawing, n)
	for i := range out {
		it := b[storeHead+i*storeItem:]
		if it[0] > 9 {
			return nil, fmt.Errorf("kept drawing %d is labelled %d, not a digit", i+1, it[0])
		}
		out[i].Label = int(it[0])
		copy(out[i].Pix[:], it[1:storeItem])
	}
	return out, nil
}
