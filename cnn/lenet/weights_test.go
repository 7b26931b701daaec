package lenet

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"strings"
	"testing"
)

// encoded returns a valid weights file of seededNet(seed) with meta.
func encoded(t *testing.T, seed uint64, meta string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, seededNet(seed), meta); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reseal recomputes the CRC of a file whose body was changed on purpose,
// so that Decode reaches the check under test instead of the checksum.
func reseal(data []byte) []byte {
	body := data[:len(data)-4]
	out := append([]byte(nil), body...)
	return binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
}

// shapesLen is the size of the rank-and-dimensions section.
func shapesLen() int {
	n := 0
	for _, s := range ParamShapes {
		n += 4 * (1 + len(s))
	}
	return n
}

// mustReject decodes data and requires an error that wraps ErrFormat and
// mentions want.
func mustReject(t *testing.T, what string, data []byte, want string) {
	t.Helper()
	var w *Weights
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s: Decode panicked: %v", what, r)
			}
		}()
		w, err = Decode(data)
	}()
	switch {
	case err == nil:
		t.Errorf("%s: decoded without error", what)
	case !errors.Is(err, ErrFormat):
		t.Errorf("%s: error %q does not wrap ErrFormat", what, err)
	case w != nil:
		t.Errorf("%s: weights returned beside the error", what)
	case !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q does not mention %q", what, err, want)
	}
}

func TestWeightsRoundTrip(t *testing.T) {
	for _, meta := range []string{"", "trained 10 epochs on MNIST, seed 1", "르쿤 1998 — LeNet-5", strings.Repeat("m", MaxMeta)} {
		n := seededNet(21)
		var b bytes.Buffer
		if err := Encode(&b, n, meta); err != nil {
			t.Fatal(err)
		}
		want := len(Magic) + 12 + len(meta) + shapesLen() + 4*NumParams + 4
		if b.Len() != want {
			t.Errorf("meta of %d bytes: file of %d bytes, want %d", len(meta), b.Len(), want)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte(Magic)) {
			t.Error("the file does not start with the magic")
		}
		w, err := Decode(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if w.Meta != meta {
			t.Errorf("meta %q, want %q", w.Meta, meta)
		}
		for i := range n.Params {
			if math.Float32bits(w.Net.Params[i]) != math.Float32bits(n.Params[i]) {
				t.Fatalf("parameter %d: %v, want %v", i, w.Net.Params[i], n.Params[i])
			}
		}
		// The decoded network owns its parameters, with working views.
		if &w.Net.Params[0] == &n.Params[0] || w.Net.OutB[9] != n.OutB[9] || w.Net.C1W[0] != n.C1W[0] {
			t.Error("decoded network does not have its own parameters and views")
		}
	}
	// Special but finite values survive bit for bit.
	n := New()
	n.Params[0] = float32(math.Copysign(0, -1))
	n.Params[1] = math.MaxFloat32
	n.Params[2] = math.SmallestNonzeroFloat32
	n.Params[NumParams-1] = -math.MaxFloat32
	var b bytes.Buffer
	if err := Encode(&b, n, ""); err != nil {
		t.Fatal(err)
	}
	w, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 2, NumParams - 1} {
		if math.Float32bits(w.Net.Params[i]) != math.Float32bits(n.Params[i]) {
			t.Errorf("parameter %d: %v, want %v", i, w.Net.Params[i], n.Params[i])
		}
	}
}

func TestWeightsLayout(t *testing.T) {
	// The header, field by field, as the format comment documents it.
	data := encoded(t, 22, "abc")
	le := binary.LittleEndian
	if string(data[:8]) != "LENET5\x00W" || le.Uint32(data[8:]) != 1 || le.Uint32(data[12:]) != 10 || le.Uint32(data[16:]) != 3 || string(data[20:23]) != "abc" {
		t.Fatalf("header % x", data[:23])
	}
	p := 23
	for i, s := range ParamShapes {
		if r := le.Uint32(data[p:]); int(r) != len(s) {
			t.Fatalf("%s: rank %d", ParamNames[i], r)
		}
		p += 4
		for _, d := range s {
			if got := le.Uint32(data[p:]); int(got) != d {
				t.Fatalf("%s: dimension %d, want %d", ParamNames[i], got, d)
			}
			p += 4
		}
	}
	n := seededNet(22)
	if math.Float32frombits(le.Uint32(data[p:])) != n.C1W[0] || math.Float32frombits(le.Uint32(data[len(data)-8:])) != n.OutB[9] {
		t.Error("the parameters are not stored in order after the shapes")
	}
	if le.Uint32(data[len(data)-4:]) != crc32.ChecksumIEEE(data[:len(data)-4]) {
		t.Error("the last four bytes are not the CRC-32 of the rest")
	}
}

func TestDecodeTruncated(t *testing.T) {
	data := encoded(t, 23, "truncated")
	// Every length up to the first parameters, then every 89th, then the
	// last few.
	var lengths []int
	head := len(Magic) + 12 + len("truncated") + shapesLen() + 8
	for n := 0; n < head; n++ {
		lengths = append(lengths, n)
	}
	for n := head; n < len(data)-16; n += 89 {
		lengths = append(lengths, n)
	}
	for n := len(data) - 16; n < len(data); n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		w, err := Decode(data[:n])
		if err == nil || w != nil || !errors.Is(err, ErrFormat) {
			t.Fatalf("truncated to %d of %d bytes: %v, %v", n, len(data), w, err)
		}
	}
	// Truncated and resealed, so the checksum agrees: the length checks
	// alone must catch it, wherever the cut falls.
	for _, n := range []int{24, 26, 30, 40, 60, 100, 200, len(data) / 2, len(data) - 5} {
		mustReject(t, fmt.Sprintf("truncated to %d and resealed", n), reseal(append(data[:n:n], 0, 0, 0, 0)), "")
	}
}

func TestDecodeFlippedBytes(t *testing.T) {
	data := encoded(t, 24, "flip")
	// Every byte of the header, shapes and first parameters, a sample of
	// the rest, and every byte of the checksum: a changed byte is an error.
	type flip struct {
		at   int
		mask byte
	}
	var flips []flip
	for i := 0; i < 400; i++ {
		flips = append(flips, flip{i, 0xff})
		if i%7 == 0 {
			flips = append(flips, flip{i, 0x01}, flip{i, 0x80})
		}
	}
	for i := 400; i < len(data)-8; i += 4999 {
		flips = append(flips, flip{i, 0x01})
	}
	for i := len(data) - 8; i < len(data); i++ {
		flips = append(flips, flip{i, 0x01}, flip{i, 0x80}, flip{i, 0xff})
	}
	for _, f := range flips {
		bad := append([]byte(nil), data...)
		bad[f.at] ^= f.mask
		mustReject(t, fmt.Sprintf("byte %d ^ %#x", f.at, f.mask), bad, "")
	}
	// A changed parameter with the checksum left alone is caught by it.
	bad := append([]byte(nil), data...)
	bad[len(data)-100] ^= 0x10
	mustReject(t, "a flipped parameter bit", bad, "checksum")
}

func TestDecodeRejects(t *testing.T) {
	good := encoded(t, 25, "meta")
	le := binary.LittleEndian
	metaEnd := len(Magic) + 12 + 4 // "meta"
	paramsAt := metaEnd + shapesLen()
	edit := func(f func(b []byte) []byte) []byte {
		b := append([]byte(nil), good...)
		return reseal(f(b))
	}
	put := func(off int, v uint32) []byte {
		return edit(func(b []byte) []byte { le.PutUint32(b[off:], v); return b })
	}
	nan := math.Float32bits(float32(math.NaN()))
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"23 bytes", good[:23], "too short"},
		{"wrong magic", edit(func(b []byte) []byte { b[0] = 'X'; return b }), "magic"},
		{"another format", []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 64)), "magic"},
		{"version 3", put(8, 3), "version 3, this program reads versions 1 and 2"},
		{"version 0", put(8, 0), "version 0"},
		{"9 tensors", put(12, 9), "9 tensors"},
		{"huge tensor count", put(12, math.MaxUint32), "tensors"},
		{"metadata too long", put(16, MaxMeta+1), "exceeds"},
		{"metadata length past the end", put(16, MaxMeta), ""},
		{"metadata not UTF-8", edit(func(b []byte) []byte { b[20] = 0xff; return b }), "UTF-8"},
		{"metadata length off by one", put(16, 3), ""},
		{"rank 3 for C1.weight", put(metaEnd, 3), "rank 3"},
		{"huge rank", put(metaEnd, math.MaxUint32), "rank"},
		{"C1.weight 7 kernels", put(metaEnd+4, 7), "C1.weight has shape [7 1 5 5]"},
		{"C1.bias 5", put(metaEnd+24, 5), "C1.bias has shape [5]"},
		{"Output.bias 11", put(paramsAt-4, 11), "Output.bias has shape [11]"},
		{"huge dimension", put(metaEnd+8, math.MaxUint32), "shape"},
		{"NaN parameter", put(paramsAt, nan), "parameter 0 (C1.weight) is NaN"},
		{"NaN last parameter", put(paramsAt+4*(NumParams-1), nan), "Output.bias"},
		{"+Inf parameter", put(paramsAt+4*200, math.Float32bits(float32(math.Inf(1)))), "+Inf"},
		{"-Inf parameter", put(paramsAt+4*60000, math.Float32bits(float32(math.Inf(-1)))), "-Inf"},
		{"a trailing byte", reseal(append(good[:len(good)-4:len(good)-4], 0, 0, 0, 0, 0)), "1 unexpected bytes"},
		{"a trailing float", reseal(append(good[:len(good)-4:len(good)-4], 1, 2, 3, 4, 0, 0, 0, 0)), "4 unexpected bytes"},
		{"garbage after the checksum", append(append([]byte(nil), good...), 0), ""},
		{"two files in a row", append(append([]byte(nil), good...), good...), ""},
		{"checksum zeroed", append(append([]byte(nil), good[:len(good)-4]...), 0, 0, 0, 0), "checksum"},
	} {
		mustReject(t, tc.name, tc.data, tc.want)
	}
}

func TestEncodeRefuses(t *testing.T) {
	var b bytes.Buffer
	nanNet := seededNet(26)
	nanNet.F6B[3] = float32(math.NaN())
	infNet := seededNet(26)
	infNet.C1W[0] = float32(math.Inf(-1))
	for _, tc := range []struct {
		name string
		n    *Net
		meta string
		want string
	}{
		{"metadata too long", seededNet(26), strings.Repeat("x", MaxMeta+1), "at most"},
		{"metadata not UTF-8", seededNet(26), "\xff\xfe", "UTF-8"},
		{"no network", nil, "", "0 parameters"},
		{"too few parameters", &Net{Params: make([]float32, 100)}, "", "100 parameters"},
		{"NaN", nanNet, "", "F6.bias"},
		{"-Inf", infNet, "", "C1.weight"},
	} {
		b.Reset()
		err := Encode(&b, tc.n, tc.meta)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written despite the error", tc.name, b.Len())
		}
	}
	// A failing writer's error comes back.
	if err := Encode(failWriter{}, seededNet(26), ""); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Encode to a failing writer: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// MaxFileSize is the length of a version 1 file with the longest metadata,
// and no file Encode or EncodeHalf writes is longer.
func TestMaxFileSize(t *testing.T) {
	if want := len(Magic) + 12 + MaxMeta + shapesLen() + 4*NumParams + 4; MaxFileSize != want {
		t.Errorf("MaxFileSize = %d, the format gives %d", MaxFileSize, want)
	}
	long := strings.Repeat("m", MaxMeta)
	if got := len(encoded(t, 1, long)); got != MaxFileSize {
		t.Errorf("a version 1 file with %d bytes of metadata has %d bytes, MaxFileSize %d", MaxMeta, got, MaxFileSize)
	}
	var b bytes.Buffer
	if err := EncodeHalf(&b, seededNet(1), long); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MaxFileSize {
		t.Errorf("a version 2 file has %d bytes, more than MaxFileSize %d", b.Len(), MaxFileSize)
	}
}
