package lenet

import (
	"bytes"
	"errors"
	"math"
	"os"
	"slices"
	"testing"
)

// FuzzDecode feeds Decode arbitrary bytes, starting from the shipped file,
// the peers' fixture and damaged copies of them. Decode must never panic;
// whatever it accepts must be finite LeNet-5 weights that Encode (version
// 1) or EncodeHalf (version 2) writes back to exactly the same bytes (so
// there is one spelling of every file, and a changed byte cannot slip
// through); whatever it rejects must wrap ErrFormat and return no weights.
func FuzzDecode(f *testing.F) {
	seeds := [][]byte{ShippedWeights(), nil, []byte(Magic)}
	if b, err := os.ReadFile("testdata/peers.weights"); err == nil {
		seeds = append(seeds, b)
	} else {
		f.Fatal(err)
	}
	valid := ShippedWeights()
	for _, cut := range []int{1, 4, 100, len(valid) / 2, len(valid) - 5} {
		seeds = append(seeds, valid[:len(valid)-cut])
	}
	for _, at := range []int{0, 9, 13, 17, 21, len(valid) / 2, len(valid) - 1} {
		b := bytes.Clone(valid)
		b[at] ^= 0x40
		seeds = append(seeds, b)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %q does not wrap ErrFormat", err)
			}
			if w != nil {
				t.Fatal("weights returned beside an error")
			}
			return
		}
		if w == nil || w.Net == nil || len(w.Net.Params) != NumParams {
			t.Fatalf("accepted without a full network: %+v", w)
		}
		for i, v := range w.Net.Params {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("accepted parameter %d = %v", i, v)
			}
		}
		var b bytes.Buffer
		encode := Encode
		if w.Half {
			encode = EncodeHalf
		}
		if err := encode(&b, w.Net, w.Meta); err != nil {
			t.Fatalf("accepted weights do not encode: %v", err)
		}
		if !bytes.Equal(b.Bytes(), data) {
			t.Fatalf("accepted %d bytes that encode back to %d different bytes", len(data), b.Len())
		}
		// What was written decodes to the same.
		w2, err := Decode(b.Bytes())
		if err != nil || w2.Meta != w.Meta || !slices.Equal(w2.Net.Params, w.Net.Params) {
			t.Fatalf("re-encoded weights do not decode to the same: %v", err)
		}
	})
}

// TestDecodeRejectsEverySingleByteChange flips each byte of the shipped
// file in turn (with a stride, to keep the test short) and requires
// Decode to refuse every one.
func TestDecodeRejectsEverySingleByteChange(t *testing.T) {
	valid := ShippedWeights()
	if _, err := Decode(valid); err != nil {
		t.Fatalf("the shipped weights do not decode: %v", err)
	}
	b := bytes.Clone(valid)
	for i := 0; i < len(b); i += 1 + i/64 {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			b[i] ^= x
			if w, err := Decode(b); err == nil || w != nil {
				t.Fatalf("byte %d xor %#x: accepted", i, x)
			}
			b[i] ^= x
		}
	}
}
