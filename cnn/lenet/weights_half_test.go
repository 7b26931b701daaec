package lenet

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"strings"
	"testing"
)

// encodedHalf returns a valid version 2 file of n with meta.
func encodedHalf(t *testing.T, n *Net, meta string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := EncodeHalf(&b, n, meta); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHalfWeightsRoundTrip(t *testing.T) {
	n := seededNet(31)
	n.C1W[0], n.C1W[1], n.C1W[2] = 0, float32(math.Copysign(0, -1)), 1e-9 // zeros and an underflow
	n.OutB[9] = -65504
	data := encodedHalf(t, n, "half: ü")
	if want := len(Magic) + 16 + len("half: ü") + shapesLen() + 2*NumParams + 4; len(data) != want {
		t.Fatalf("%d bytes, want %d", len(data), want)
	}
	w, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Half || w.Meta != "half: ü" {
		t.Fatalf("Half %v, Meta %q", w.Half, w.Meta)
	}
	for i, v := range n.Params {
		h, _ := halfFromFloat32(v)
		got := w.Net.Params[i]
		if math.Float32bits(got) != math.Float32bits(halfToFloat32(h)) {
			t.Fatalf("parameter %d: %v became %v, want %v", i, v, got, halfToFloat32(h))
		}
		// Half floats keep 11 significant bits: the error is at most 2⁻¹¹
		// relative, or half the smallest subnormal.
		if d := math.Abs(float64(got - v)); d > math.Abs(float64(v))/2048 && d > 0x1p-25 {
			t.Fatalf("parameter %d: %v became %v", i, v, got)
		}
	}
	// Decoding and encoding again gives the same bytes.
	if again := encodedHalf(t, w.Net, w.Meta); !bytes.Equal(again, data) {
		t.Fatal("a decoded version 2 file encodes to other bytes")
	}
}

// The values are stored as byte planes: all low bytes, then all high
// bytes.
func TestHalfWeightsLayout(t *testing.T) {
	n := seededNet(32)
	data := encodedHalf(t, n, "m")
	le := binary.LittleEndian
	if v, dt := le.Uint32(data[8:]), le.Uint32(data[20:]); v != 2 || dt != 2 {
		t.Fatalf("version %d, value type %d", v, dt)
	}
	if string(data[24:25]) != "m" {
		t.Fatalf("metadata at 24: %q", data[24:25])
	}
	at := 25 + shapesLen()
	for _, i := range []int{0, 1, 155, 30000, NumParams - 1} {
		h, _ := halfFromFloat32(n.Params[i])
		if data[at+i] != byte(h) || data[at+NumParams+i] != byte(h>>8) {
			t.Errorf("parameter %d (%#04x): bytes %#02x, %#02x", i, h, data[at+i], data[at+NumParams+i])
		}
	}
}

func TestDecodeHalfRejects(t *testing.T) {
	good := encodedHalf(t, seededNet(33), "meta")
	paramsAt := len(Magic) + 16 + 4 + shapesLen()
	edit := func(f func(b []byte)) []byte {
		b := bytes.Clone(good)
		f(b)
		return reseal(b)
	}
	setHalf := func(i int, h uint16) []byte {
		return edit(func(b []byte) { b[paramsAt+i], b[paramsAt+NumParams+i] = byte(h), byte(h>>8) })
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"value type 1", edit(func(b []byte) { b[20] = 1 }), "value type 1 in version 2"},
		{"value type 0", edit(func(b []byte) { b[20] = 0 }), "value type 0"},
		{"header cut before the value type", reseal(append(bytes.Clone(good[:22]), 0, 0, 0, 0)), "too short"},
		{"cut in the metadata", reseal(append(bytes.Clone(good[:27]), 0, 0, 0, 0)), "truncated in the metadata"},
		{"one value short", reseal(append(bytes.Clone(good[:len(good)-6]), 0, 0, 0, 0)), "truncated: 123410 bytes of parameters, expected 123412"},
		{"a trailing byte", reseal(append(bytes.Clone(good[:len(good)-4]), 0, 0, 0, 0, 0)), "1 unexpected bytes"},
		{"float32-sized values", reseal(append(bytes.Clone(good[:len(good)-4]), make([]byte, 2*NumParams+4)...)), "unexpected bytes"},
		{"+Inf", setHalf(5, 0x7c00), "parameter 5 (C1.weight) is +Inf"},
		{"-Inf", setHalf(NumParams-1, 0xfc00), "parameter 61705 (Output.bias) is -Inf"},
		{"NaN", setHalf(200, 0x7e00), "parameter 200 (C3.weight) is NaN"},
		{"a flipped value bit, checksum kept", func() []byte { b := bytes.Clone(good); b[paramsAt+7] ^= 4; return b }(), "checksum"},
	} {
		mustReject(t, tc.name, tc.data, tc.want)
	}
}

func TestEncodeHalfRefuses(t *testing.T) {
	big := seededNet(34)
	big.F6W[10] = 65520
	neg := seededNet(34)
	neg.C5B[0] = -1e6
	nan := seededNet(34)
	nan.C1B[0] = float32(math.NaN())
	for _, tc := range []struct {
		name string
		n    *Net
		want string
	}{
		{"65520", big, "parameter 50702 (F6.weight) as a half float: 65520 is beyond ±65504"},
		{"-1e6", neg, "(C5.bias) as a half float: -1e+06 is beyond ±65504"},
		{"NaN", nan, "(C1.bias): it is NaN"},
		{"no network", nil, "0 parameters"},
	} {
		err := EncodeHalf(&bytes.Buffer{}, tc.n, "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.want)
		}
	}
}

// The shipped weights are half floats; the peers' fixture, version 1,
// still decodes as float32.
func TestShippedIsHalfAndVersion1StillReads(t *testing.T) {
	w, err := Decode(ShippedWeights())
	if err != nil {
		t.Fatal(err)
	}
	if !w.Half || len(ShippedWeights()) != len(Magic)+16+len(w.Meta)+shapesLen()+2*NumParams+4 {
		t.Errorf("the shipped file is not version 2 (Half %v, %d bytes)", w.Half, len(ShippedWeights()))
	}
	b, err := os.ReadFile("testdata/peers.weights")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Half {
		t.Error("the version 1 fixture decodes as half floats")
	}
}

// shipped.go must hold exactly lenet5.weights: after replacing the file,
// run go generate ./cnn/lenet.
func TestShippedMatchesFile(t *testing.T) {
	b, err := os.ReadFile("lenet5.weights")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ShippedWeights(), b) {
		t.Fatal("shipped.go is not lenet5.weights: run go generate ./cnn/lenet")
	}
}
