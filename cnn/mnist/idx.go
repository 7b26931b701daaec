// Package mnist reads and writes the IDX files of the MNIST digits (raw or
// gzipped, images of any size) and finds the original files on disk.
//
// An IDX file is a big-endian header followed by the data:
//
//	offset  size  field
//	0       2     zero
//	2       1     element type (0x08: unsigned byte, the only one used here)
//	3       1     number of dimensions D
//	4       4·D   the dimensions, uint32 each
//	4+4·D   …     the elements, last dimension fastest
//
// Images are 3-dimensional (count, rows, columns), one byte a pixel, 0
// background to 255 ink; labels are 1-dimensional (count), one byte each.
// The readers check every field, never trust the header for how much
// memory to take, and return an error, never panic, whatever the input.
package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Limits of what the readers accept.
const (
	MaxSide  = 8192     // rows and columns of an image
	MaxCount = 10000000 // images or labels in one file
	MaxBytes = 1 << 30  // bytes of pixels in one image file (count·rows·columns)
	typeU8   = 0x08
)

// ErrFormat is wrapped by every error about a malformed IDX file.
var ErrFormat = errors.New("mnist: not a valid IDX file")

func formatErr(f string, args ...any) error {
	return fmt.Errorf("%w: "+f, append([]any{ErrFormat}, args...)...)
}

var typeNames = map[byte]string{0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "int16", 0x0C: "int32", 0x0D: "float32", 0x0E: "float64"}

// openIDX returns a reader of the IDX bytes in r, unzipping it if it
// starts with the gzip magic, and the dimensions from its header, which
// must number want.
func openIDX(r io.Reader, want int) (io.Reader, []int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var src io.Reader = br
	if m, _ := br.Peek(2); len(m) == 2 && m[0] == 0x1f && m[1] == 0x8b {
		z, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, formatErr("bad gzip header: %v", err)
		}
		src = bufio.NewReaderSize(z, 1<<16)
	}
	var head [4]byte
	if n, err := io.ReadFull(src, head[:]); err != nil {
		if n == 0 {
			return nil, nil, formatErr("the file is empty")
		}
		return nil, nil, formatErr("the header is truncated (%d of 4 bytes)", n)
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, nil, formatErr("wrong magic % x (an IDX file starts with 00 00)", head[:2])
	}
	if head[2] != typeU8 {
		name := typeNames[head[2]]
		if name == "" {
			name = "unknown"
		}
		return nil, nil, formatErr("element type 0x%02x (%s); only 0x08, unsigned bytes, is supported", head[2], name)
	}
	if int(head[3]) != want {
		kind := "images (count, rows, columns)"
		if want == 1 {
			kind = "labels (count)"
		}
		return nil, nil, formatErr("%d dimensions, but %s need %d", head[3], kind, want)
	}
	dims := make([]int, want)
	buf := make([]byte, 4*want)
	if _, err := io.ReadFull(src, buf); err != nil {
		return nil, nil, formatErr("the header is truncated in its dimensions")
	}
	for i := range dims {
		dims[i] = int(binary.BigEndian.Uint32(buf[4*i:]))
	}
	if dims[0] > MaxCount {
		return nil, nil, formatErr("%d items is more than the %d accepted", dims[0], MaxCount)
	}
	for _, d := range dims[1:] {
		if d == 0 || d > MaxSide {
			return nil, nil, formatErr("image size %d×%d is not in 1..%d", dims[1], dims[2], MaxSide)
		}
	}
	if want == 3 {
		if n := int64(dims[0]) * int64(dims[1]) * int64(dims[2]); n > MaxBytes {
			return nil, nil, formatErr("%d images of %d×%d are %d bytes of pixels, more than the %d accepted", dims[0], dims[1], dims[2], n, MaxBytes)
		}
	}
	return src, dims, nil
}

// ImageReader reads the images of an IDX file one at a time, so a large
// file of big canvases need not fit in memory.
type ImageReader struct {
	Count, Rows, Cols int
	r                 io.Reader
	next              int
}

// NewImageReader reads the header of an image file (raw or gzipped).
func NewImageReader(r io.Reader) (*ImageReader, error) {
	src, dims, err := openIDX(r, 3)
	if err != nil {
		return nil, err
	}
	return &ImageReader{Count: dims[0], Rows: dims[1], Cols: dims[2], r: src}, nil
}

// Size is the bytes of one image, Rows·Cols.
func (ir *ImageReader) Size() int { return ir.Rows * ir.Cols }

// Next reads the next image into dst, which must hold Size bytes. After
// the last image it returns io.EOF, or an error if bytes follow.
func (ir *ImageReader) Next(dst []uint8) error {
	if len(dst) != ir.Size() {
		return fmt.Errorf("mnist: Next needs a buffer of %d bytes, got %d", ir.Size(), len(dst))
	}
	if ir.next >= ir.Count {
		return atEnd(ir.r, ir.Count, "images")
	}
	if n, err := io.ReadFull(ir.r, dst); err != nil {
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			return formatErr("image %d: %v", ir.next, err)
		}
		return formatErr("truncated: the header promises %d images of %d×%d, the data ends in image %d (%d of its %d bytes)",
			ir.Count, ir.Rows, ir.Cols, ir.next, n, len(dst))
	}
	ir.next++
	return nil
}

// Done checks, once every image has been read, that the file ends there:
// nil if it does, an error if bytes follow or images are still unread.
func (ir *ImageReader) Done() error {
	if ir.next < ir.Count {
		return fmt.Errorf("mnist: %d of %d images not read yet", ir.Count-ir.next, ir.Count)
	}
	if err := atEnd(ir.r, ir.Count, "images"); err != io.EOF {
		return err
	}
	return nil
}

// atEnd checks that nothing follows the last item.
func atEnd(r io.Reader, count int, what string) error {
	var b [1]byte
	n, err := io.ReadFull(r, b[:])
	if n > 0 {
		return formatErr("bytes follow the %d %s the header announces", count, what)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return formatErr("after the last of %d %s: %v", count, what, err)
	}
	return io.EOF
}

// Images is a set of equally sized grey images, 0 background to 255 ink.
// Image i is Pix[i*Rows*Cols : (i+1)*Rows*Cols], row-major.
type Images struct {
	Count, Rows, Cols int
	Pix               []uint8
}

// Size is the bytes of one image, Rows·Cols.
func (m *Images) Size() int { return m.Rows * m.Cols }

// At returns image i (sharing Pix).
func (m *Images) At(i int) []uint8 {
	n := m.Size()
	return m.Pix[i*n : (i+1)*n : (i+1)*n]
}

// ReadImages reads a whole image file (raw or gzipped).
func ReadImages(r io.Reader) (*Images, error) {
	ir, err := NewImageReader(r)
	if err != nil {
		return nil, err
	}
	m := &Images{Count: ir.Count, Rows: ir.Rows, Cols: ir.Cols}
	total := ir.Count * ir.Size()
	// Grow with the data actually read, not with what the header claims.
	m.Pix = make([]uint8, 0, min(total, 1<<20))
	for range ir.Count {
		if len(m.Pix)+ir.Size() > cap(m.Pix) {
			grown := make([]uint8, len(m.Pix), min(total, 2*cap(m.Pix)+ir.Size()))
			copy(grown, m.Pix)
			m.Pix = grown
		}
		img := m.Pix[len(m.Pix) : len(m.Pix)+ir.Size()]
		if err := ir.Next(img); err != nil {
			return nil, err
		}
		m.Pix = m.Pix[:len(m.Pix)+ir.Size()]
	}
	if err := ir.Done(); err != nil {
		return nil, err
	}
	return m, nil
}

// ReadLabels reads a whole label file (raw or gzipped).
func ReadLabels(r io.Reader) ([]uint8, error) {
	src, dims, err := openIDX(r, 1)
	if err != nil {
		return nil, err
	}
	n := dims[0]
	labels := make([]uint8, 0, min(n, 1<<20))
	buf := make([]uint8, 1<<16)
	for len(labels) < n {
		k := min(len(buf), n-len(labels))
		got, err := io.ReadFull(src, buf[:k])
		labels = append(labels, buf[:got]...)
		if err != nil {
			return nil, formatErr("truncated: the header promises %d labels, the data holds %d", n, len(labels))
		}
	}
	if err := atEnd(src, n, "labels"); err != io.EOF {
		return nil, err
	}
	return labels, nil
}

// Open opens an IDX file for reading. A folder is an error that says so
// (reading one would fail with a less helpful message).
func Open(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("mnist: %s is a folder, not an IDX file", path)
	}
	return f, nil
}

// ReadImagesFile reads an image file, naming it in errors.
func ReadImagesFile(path string) (*Images, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ReadImages(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ReadLabelsFile reads a label file, naming it in errors.
func ReadLabelsFile(path string) ([]uint8, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l, err := ReadLabels(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// CheckLabels returns an error if labels do not number count or one is
// not a digit 0–9.
func CheckLabels(labels []uint8, count int) error {
	if len(labels) != count {
		return fmt.Errorf("mnist: %d labels for %d images", len(labels), count)
	}
	for i, l := range labels {
		if l > 9 {
			return fmt.Errorf("mnist: label %d of item %d is not a digit 0–9", l, i)
		}
	}
	return nil
}

// ImageWriter writes an image file one image at a time.
type ImageWriter struct {
	Count, Rows, Cols int
	w                 *bufio.Writer
	z                 *gzip.Writer
	written           int
}

// NewImageWriter writes the header of an image file of count images of
// rows×cols to w, gzipped if zip is true. Close finishes the file. It
// refuses what the readers would refuse.
func NewImageWriter(w io.Writer, count, rows, cols int, zip bool) (*ImageWriter, error) {
	if count < 0 || count > MaxCount {
		return nil, fmt.Errorf("mnist: %d images is not in 0..%d", count, MaxCount)
	}
	if rows <= 0 || cols <= 0 || rows > MaxSide || cols > MaxSide {
		return nil, fmt.Errorf("mnist: image size %d×%d is not in 1..%d", rows, cols, MaxSide)
	}
	if n := int64(count) * int64(rows) * int64(cols); n > MaxBytes {
		return nil, fmt.Errorf("mnist: %d images of %d×%d are %d bytes of pixels, more than the %d a file may hold", count, rows, cols, n, MaxBytes)
	}
	iw := &ImageWriter{Count: count, Rows: rows, Cols: cols}
	if zip {
		// Generated sets of large canvases are big and mostly background:
		// the fastest level compresses them well enough, several times
		// faster than the default.
		iw.z, _ = gzip.NewWriterLevel(w, gzip.BestSpeed)
		w = iw.z
	}
	iw.w = bufio.NewWriterSize(w, 1<<16)
	if err := writeHeader(iw.w, count, rows, cols); err != nil {
		return nil, err
	}
	return iw, nil
}

func writeHeader(w io.Writer, dims ...int) error {
	b := make([]byte, 4+4*len(dims))
	b[2], b[3] = typeU8, byte(len(dims))
	for i, d := range dims {
		binary.BigEndian.PutUint32(b[4+4*i:], uint32(d))
	}
	_, err := w.Write(b)
	return err
}

// Write appends one image of Rows·Cols bytes.
func (iw *ImageWriter) Write(img []uint8) error {
	if len(img) != iw.Rows*iw.Cols {
		return fmt.Errorf("mnist: an image of %d bytes in a file of %d×%d images", len(img), iw.Rows, iw.Cols)
	}
	if iw.written >= iw.Count {
		return fmt.Errorf("mnist: more than the %d images announced", iw.Count)
	}
	iw.written++
	_, err := iw.w.Write(img)
	return err
}

// Close flushes the file; it is an error if fewer images than announced
// were written.
func (iw *ImageWriter) Close() error {
	if err := iw.w.Flush(); err != nil {
		return err
	}
	if iw.z != nil {
		if err := iw.z.Close(); err != nil {
			return err
		}
	}
	if iw.written != iw.Count {
		return fmt.Errorf("mnist: %d images written, %d announced", iw.written, iw.Count)
	}
	return nil
}

// WriteImages writes m as an image file, gzipped if zip is true.
func WriteImages(w io.Writer, m *Images, zip bool) error {
	if len(m.Pix) != m.Count*m.Size() {
		return fmt.Errorf("mnist: %d bytes do not hold %d images of %d×%d", len(m.Pix), m.Count, m.Rows, m.Cols)
	}
	iw, err := NewImageWriter(w, m.Count, m.Rows, m.Cols, zip)
	if err != nil {
		return err
	}
	for i := range m.Count {
		if err := iw.Write(m.At(i)); err != nil {
			return err
		}
	}
	return iw.Close()
}

// WriteLabels writes a label file, gzipped if zip is true.
func WriteLabels(w io.Writer, labels []uint8, zip bool) error {
	if len(labels) > MaxCount {
		return fmt.Errorf("mnist: %d labels is more than %d", len(labels), MaxCount)
	}
	var z *gzip.Writer
	if zip {
		z = gzip.NewWriter(w)
		w = z
	}
	if err := writeHeader(w, len(labels)); err != nil {
		return err
	}
	if _, err := w.Write(labels); err != nil {
		return err
	}
	if z != nil {
		return z.Close()
	}
	return nil
}

// WriteFile writes an IDX file with write, gzipped if path ends in ".gz".
func WriteFile(path string, write func(w io.Writer, zip bool) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f, strings.HasSuffix(path, ".gz")); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
