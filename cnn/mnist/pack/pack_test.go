package pack

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthetic returns a part of n digits with random pixels and labels.
func synthetic(r *rand.Rand, n int) Part {
	p := Part{Pix: make([]uint8, n*pixels), Labels: make([]uint8, n)}
	for i := range p.Pix {
		if r.IntN(3) == 0 {
			p.Pix[i] = uint8(r.IntN(256))
		}
	}
	for i := range p.Labels {
		p.Labels[i] = uint8(r.IntN(10))
	}
	return p
}

func encode(t testing.TB, f *File) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	f := &File{Meta: "test digits — 시험", Train: synthetic(r, 37), Test: synthetic(r, 5)}
	got, err := Decode(encode(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta != f.Meta {
		t.Errorf("meta %q, want %q", got.Meta, f.Meta)
	}
	for _, c := range []struct {
		name      string
		got, want Part
	}{{"train", got.Train, f.Train}, {"test", got.Test, f.Test}} {
		if !bytes.Equal(c.got.Labels, c.want.Labels) {
			t.Errorf("%s labels differ", c.name)
		}
		if len(c.got.Pix) != len(c.want.Pix) {
			t.Fatalf("%s: %d pixels, want %d", c.name, len(c.got.Pix), len(c.want.Pix))
		}
		for i, v := range c.want.Pix {
			if w := Level(Quantize(v)); c.got.Pix[i] != w {
				t.Fatalf("%s pixel %d: %d, want %d (from %d)", c.name, i, c.got.Pix[i], w, v)
			}
		}
	}
}

// Quantize picks the nearest level, and rounding twice changes nothing.
func TestQuantize(t *testing.T) {
	for v := range 256 {
		q := Quantize(uint8(v))
		if q >= Levels {
			t.Fatalf("Quantize(%d) = %d", v, q)
		}
		d := func(q uint8) int { return max(int(Level(q))-v, v-int(Level(q))) }
		for o := range uint8(Levels) {
			if d(o) < d(q) {
				t.Fatalf("Quantize(%d) = %d (%d), but level %d (%d) is nearer", v, q, Level(q), o, Level(o))
			}
		}
		if Quantize(Level(q)) != q {
			t.Fatalf("level %d does not round to itself", q)
		}
	}
	if Level(0) != 0 || Level(15) != 255 {
		t.Errorf("levels 0 and 15 are %d and %d, want 0 and 255", Level(0), Level(15))
	}
}

// fix rewrites the checksum of a pack after a change.
func fix(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
	return b
}

func TestDecodeRejects(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	good := encode(t, &File{Meta: "m", Train: synthetic(r, 4), Test: synthetic(r, 2)})
	le := binary.LittleEndian
	set := func(off int, v uint32) []byte {
		b := bytes.Clone(good)
		le.PutUint32(b[off:], v)
		return fix(b)
	}
	// a payload that inflates to too much or too little, checksum right
	repack := func(extra int) []byte {
		var z bytes.Buffer
		f := &File{Meta: "m", Train: synthetic(r, 4), Test: synthetic(r, 2)}
		b := encode(t, f)
		n := 6 * (1 + packed)
		raw := make([]byte, n+extra)
		w, _ := flate.NewWriter(&z, flate.BestCompression)
		w.Write(raw)
		w.Close()
		out := append([]byte(nil), b[:headerLen+1]...)
		le.PutUint32(out[36:], uint32(z.Len()))
		out = append(out, z.Bytes()...)
		return fix(append(out, 0, 0, 0, 0))
	}
	badLabel := func() []byte {
		f := &File{Meta: "m", Train: synthetic(r, 4), Test: synthetic(r, 2)}
		b := encode(t, f)
		raw := make([]byte, 6*(1+packed))
		raw[3] = 12
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestCompression)
		w.Write(raw)
		w.Close()
		out := append([]byte(nil), b[:headerLen+1]...)
		le.PutUint32(out[36:], uint32(z.Len()))
		out = append(out, z.Bytes()...)
		return fix(append(out, 0, 0, 0, 0))
	}
	flipped := bytes.Clone(good)
	flipped[headerLen+3] ^= 0x40
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "too short"},
		{"short", good[:20], "too short"},
		{"magic", append([]byte("LENET5\x00W"), good[8:]...), "magic"},
		{"version", set(8, 2), "version 2"},
		{"rows", set(12, 32), "32"},
		{"levels", set(20, 256), "256 grey levels"},
		{"no training digits", set(24, 0), "0 training digits"},
		{"too many training digits", set(24, 60001), "60001 training digits"},
		{"too many test digits", set(28, 1<<31), "test digits"},
		{"meta length", set(32, 5000), "metadata length 5000"},
		{"payload length", set(36, 1<<30), "payload length"},
		{"truncated", good[:len(good)-9], "truncated"},
		{"trailing", append(bytes.Clone(good), 1, 2, 3), "unexpected bytes"},
		{"checksum", flipped, "checksum mismatch"},
		{"counts too large for the payload", set(24, 500), "inflates to"},
		{"inflates to more", repack(10), "more than 6 digits"},
		{"inflates to less", repack(-10), "inflates to"},
		{"label", badLabel(), "label 12"},
		{"meta not UTF-8", func() []byte { b := bytes.Clone(good); b[headerLen] = 0xff; return fix(b) }(), "UTF-8"},
	} {
		_, err := Decode(tc.data)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want ErrFormat and %q", tc.name, err, tc.want)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ok := synthetic(r, 2)
	for _, tc := range []struct {
		name string
		f    File
		want string
	}{
		{"no training digits", File{Test: ok}, "training digits: 0"},
		{"no test digits", File{Train: ok}, "test digits: 0"},
		{"pixels", File{Train: Part{Pix: make([]uint8, 10), Labels: []uint8{1}}, Test: ok}, "bytes of pixels"},
		{"label", File{Train: Part{Pix: make([]uint8, pixels), Labels: []uint8{10}}, Test: ok}, "label 10"},
		{"meta", File{Meta: strings.Repeat("x", MaxMeta+1), Train: ok, Test: ok}, "metadata"},
		{"meta UTF-8", File{Meta: "\xff", Train: ok, Test: ok}, "metadata"},
	} {
		if err := Encode(new(bytes.Buffer), &tc.f); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		}
	}
}

func TestSubset(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	train, test := synthetic(r, 50), synthetic(r, 20)
	f, err := Subset(&train, &test, 30, 8)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Train.Labels, train.Labels[:30]) || !bytes.Equal(f.Train.Pix, train.Pix[:30*pixels]) {
		t.Error("the training digits are not the first 30")
	}
	for i := range 8 {
		j := i * 20 / 8
		if f.Test.Labels[i] != test.Labels[j] || !bytes.Equal(f.Test.Pix[i*pixels:(i+1)*pixels], test.Pix[j*pixels:(j+1)*pixels]) {
			t.Errorf("test digit %d is not test digit %d of the set", i, j)
		}
	}
	if !strings.Contains(f.Meta, "first 30") {
		t.Errorf("meta %q", f.Meta)
	}
	for _, c := range [][2]int{{0, 5}, {51, 5}, {5, 0}, {5, 21}} {
		if _, err := Subset(&train, &test, c[0], c[1]); err == nil {
			t.Errorf("Subset(%d, %d) accepted", c[0], c[1])
		}
	}
}

func FuzzDecode(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 9))
	good := encode(f, &File{Meta: "m", Train: synthetic(r, 3), Test: synthetic(r, 2)})
	f.Add(good)
	f.Add(good[:50])
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			if p != nil || !errors.Is(err, ErrFormat) {
				t.Fatalf("Decode returned %v and %v", p, err)
			}
			return
		}
		if p.Train.Len() < 1 || p.Test.Len() < 1 || len(p.Train.Pix) != p.Train.Len()*pixels || len(p.Test.Pix) != p.Test.Len()*pixels {
			t.Fatalf("Decode accepted a pack of %d+%d digits with %d+%d pixels", p.Train.Len(), p.Test.Len(), len(p.Train.Pix), len(p.Test.Pix))
		}
		// What decodes encodes to the same digits.
		again, err := Decode(encode(t, p))
		if err != nil || !bytes.Equal(again.Train.Pix, p.Train.Pix) || !bytes.Equal(again.Test.Labels, p.Test.Labels) {
			t.Fatalf("re-encoding a decoded pack: %v", err)
		}
	})
}
