package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func testImages(count, rows, cols int) *Images {
	m := &Images{Count: count, Rows: rows, Cols: cols, Pix: make([]uint8, count*rows*cols)}
	for i := range m.Pix {
		m.Pix[i] = uint8(i*31 + i/7)
	}
	return m
}

func encodeImages(t *testing.T, m *Images, zip bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteImages(&b, m, zip); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for _, zip := range []bool{false, true} {
		for _, sz := range [][3]int{{0, 28, 28}, {1, 1, 1}, {5, 3, 7}, {3, 280, 280}} {
			m := testImages(sz[0], sz[1], sz[2])
			data := encodeImages(t, m, zip)
			if !zip && len(data) != 16+len(m.Pix) {
				t.Errorf("raw file of %v is %d bytes, want %d", sz, len(data), 16+len(m.Pix))
			}
			if zip && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				t.Errorf("gzipped file of %v does not start with the gzip magic", sz)
			}
			got, err := ReadImages(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%v zip=%v: %v", sz, zip, err)
			}
			if got.Count != m.Count || got.Rows != m.Rows || got.Cols != m.Cols || !bytes.Equal(got.Pix, m.Pix) {
				t.Errorf("%v zip=%v: read back %d×%d×%d, different pixels", sz, zip, got.Count, got.Rows, got.Cols)
			}
		}
		labels := []uint8{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}
		var b bytes.Buffer
		if err := WriteLabels(&b, labels, zip); err != nil {
			t.Fatal(err)
		}
		got, err := ReadLabels(&b)
		if err != nil || !bytes.Equal(got, labels) {
			t.Errorf("labels zip=%v: %v, %v", zip, got, err)
		}
	}
}

func TestHeaderLayout(t *testing.T) {
	data := encodeImages(t, testImages(2, 3, 4), false)
	want := []byte{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}
	if !bytes.Equal(data[:16], want) {
		t.Errorf("header % x, want % x", data[:16], want)
	}
	var b bytes.Buffer
	_ = WriteLabels(&b, []uint8{3, 1}, false)
	if want := []byte{0, 0, 8, 1, 0, 0, 0, 2, 3, 1}; !bytes.Equal(b.Bytes(), want) {
		t.Errorf("labels file % x, want % x", b.Bytes(), want)
	}
}

func header(typ, ndim byte, dims ...uint32) []byte {
	b := []byte{0, 0, typ, ndim}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return b
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	z := gzip.NewWriter(&out)
	z.Write(b)
	z.Close()
	return out.Bytes()
}

func TestMalformedImages(t *testing.T) {
	good := encodeImages(t, testImages(3, 4, 5), false)
	corrupt := gz(good)
	corrupt[len(corrupt)-6] ^= 0xff // the CRC-32 of the gzip trailer
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"short header", []byte{0, 0, 8}, "header is truncated"},
		{"wrong magic", append([]byte{1, 2}, good[2:]...), "wrong magic"},
		{"float elements", header(0x0D, 3, 1, 2, 2), "0x0d (float32)"},
		{"labels as images", header(8, 1, 3), "1 dimensions, but images"},
		{"four dimensions", header(8, 4, 1, 1, 1, 1), "4 dimensions"},
		{"dimensions cut", header(8, 3, 1, 2)[:10], "truncated in its dimensions"},
		{"zero rows", header(8, 3, 1, 0, 5), "not in 1..8192"},
		{"huge image", header(8, 3, 1, 100000, 100000), "not in 1..8192"},
		{"huge count", header(8, 3, 0xffffffff, 28, 28), "more than"},
		{"over 1 GiB of pixels", header(8, 3, 10000, 8192, 8192), "671088640000 bytes of pixels, more than the 1073741824 accepted"},
		{"just over 1 GiB", header(8, 3, 16385, 256, 256), "more than the 1073741824"},
		{"truncated data", good[:len(good)-7], "image 2 (13 of its 20 bytes)"},
		{"truncated gzip", gz(good)[:40], "truncated"},
		{"promises more", append(header(8, 3, 1000000, 28, 28), make([]byte, 100)...), "ends in image 0"},
		{"trailing bytes", append(append([]byte{}, good...), 9), "bytes follow"},
		{"bad gzip checksum", corrupt, "checksum"},
		{"bad gzip header", []byte{0x1f, 0x8b, 0, 0}, "gzip"},
	}
	for _, c := range cases {
		_, err := ReadImages(bytes.NewReader(c.data))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrFormat saying %q", c.name, err, c.want)
		}
	}
}

func TestMalformedLabels(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"images as labels", header(8, 3, 1, 1, 1), "3 dimensions, but labels"},
		{"truncated", append(header(8, 1, 10), 1, 2, 3), "promises 10 labels, the data holds 3"},
		{"trailing", append(header(8, 1, 2), 1, 2, 3), "bytes follow"},
		{"int32", header(0x0C, 1, 2), "int32"},
	}
	for _, c := range cases {
		_, err := ReadLabels(bytes.NewReader(c.data))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrFormat saying %q", c.name, err, c.want)
		}
	}
}

func TestLoadMismatch(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "i.gz")
	lab := filepath.Join(dir, "l")
	m := testImages(4, 6, 6)
	if err := WriteFile(img, func(w io.Writer, zip bool) error { return WriteImages(w, m, zip) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		labels []uint8
		want   string
	}{
		{[]uint8{1, 2, 3}, "3 labels for 4 images"},
		{[]uint8{1, 2, 3, 10}, "label 10 of item 3 is not a digit"},
	} {
		if err := WriteFile(lab, func(w io.Writer, zip bool) error { return WriteLabels(w, c.labels, zip) }); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(img, lab); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load: err = %v, want %q", err, c.want)
		}
	}
	if err := WriteFile(lab, func(w io.Writer, zip bool) error { return WriteLabels(w, []uint8{0, 9, 3, 3}, zip) }); err != nil {
		t.Fatal(err)
	}
	s, err := Load(img, lab)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.At(3), m.At(3)) || s.Labels[1] != 9 {
		t.Error("Load read different data")
	}
	if _, err := Load(filepath.Join(dir, "missing"), lab); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	if _, err := ReadImagesFile(lab); err == nil || !strings.Contains(err.Error(), lab) {
		t.Errorf("reading labels as images: %v (the error should name the file)", err)
	}
}

func TestWriterChecks(t *testing.T) {
	if _, err := NewImageWriter(io.Discard, 1, 0, 28, false); err == nil {
		t.Error("0 rows accepted")
	}
	if _, err := NewImageWriter(io.Discard, -1, 28, 28, false); err == nil {
		t.Error("-1 images accepted")
	}
	if _, err := NewImageWriter(io.Discard, 16385, 256, 256, false); err == nil || !strings.Contains(err.Error(), "more than the 1073741824") {
		t.Errorf("a file of more than 1 GiB of pixels: %v", err)
	}
	if _, err := NewImageWriter(io.Discard, 16384, 256, 256, false); err != nil {
		t.Errorf("a file of exactly 1 GiB of pixels: %v", err)
	}
	iw, err := NewImageWriter(io.Discard, 2, 2, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := iw.Write(make([]uint8, 3)); err == nil {
		t.Error("an image of 3 bytes accepted for 2×2")
	}
	_ = iw.Write(make([]uint8, 4))
	if err := iw.Close(); err == nil || !strings.Contains(err.Error(), "1 images written, 2 announced") {
		t.Errorf("Close after 1 of 2: %v", err)
	}
	if err := WriteImages(io.Discard, &Images{Count: 2, Rows: 2, Cols: 2, Pix: make([]uint8, 7)}, false); err == nil {
		t.Error("WriteImages accepted 7 bytes for two 2×2 images")
	}
}

func TestImageReaderStreams(t *testing.T) {
	m := testImages(3, 2, 3)
	ir, err := NewImageReader(bytes.NewReader(encodeImages(t, m, true)))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]uint8, ir.Size())
	for i := range 3 {
		if err := ir.Next(buf); err != nil || !bytes.Equal(buf, m.At(i)) {
			t.Fatalf("image %d: %v", i, err)
		}
	}
	if err := ir.Done(); err != nil {
		t.Errorf("Done after the last image: %v", err)
	}
	if err := ir.Next(buf); err != io.EOF {
		t.Errorf("after the last image: %v, want io.EOF", err)
	}
	early, _ := NewImageReader(bytes.NewReader(encodeImages(t, m, false)))
	if err := early.Done(); err == nil || !strings.Contains(err.Error(), "3 of 3 images not read") {
		t.Errorf("Done before reading: %v", err)
	}
	trailing, _ := NewImageReader(bytes.NewReader(append(encodeImages(t, m, false), 0)))
	for range 3 {
		_ = trailing.Next(buf)
	}
	if err := trailing.Done(); err == nil || !strings.Contains(err.Error(), "bytes follow") {
		t.Errorf("Done with a byte too many: %v", err)
	}
	if err := ir.Next(buf[:2]); err == nil || err == io.EOF {
		t.Errorf("a short buffer: %v", err)
	}
}

func FuzzReadImages(f *testing.F) {
	var b bytes.Buffer
	_ = WriteImages(&b, testImages(2, 3, 3), false)
	f.Add(b.Bytes())
	f.Add(gz(b.Bytes()))
	f.Add(header(8, 3, 5, 28, 28))
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadImages(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error without ErrFormat: %v", err)
			}
			return
		}
		if len(m.Pix) != m.Count*m.Rows*m.Cols {
			t.Fatalf("%d bytes for %d×%d×%d", len(m.Pix), m.Count, m.Rows, m.Cols)
		}
		var out bytes.Buffer
		if err := WriteImages(&out, m, false); err != nil {
			t.Fatal(err)
		}
		again, err := ReadImages(&out)
		if err != nil || !bytes.Equal(again.Pix, m.Pix) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzReadLabels(f *testing.F) {
	f.Add(append(header(8, 1, 3), 1, 2, 3))
	f.Add(gz(append(header(8, 1, 2), 4, 5)))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ReadLabels(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error without ErrFormat: %v", err)
			}
			return
		}
		if len(data) < 8+len(l) && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Fatalf("%d labels from %d bytes", len(l), len(data))
		}
	})
}

// A folder named as an IDX file is an error that says so.
func TestOpenFolder(t *testing.T) {
	dir := t.TempDir()
	for _, read := range []func(string) error{
		func(p string) error { _, err := ReadImagesFile(p); return err },
		func(p string) error { _, err := ReadLabelsFile(p); return err },
		func(p string) error { _, err := Open(p); return err },
	} {
		if err := read(dir); err == nil || !strings.Contains(err.Error(), dir+" is a folder, not an IDX file") {
			t.Errorf("reading a folder: %v", err)
		}
	}
}
