// Package pack is the compact file of MNIST digits a page trains on: a
// training subset and a disjoint test subset, their pixels rounded to 16
// grey levels, packed two to a byte and compressed with DEFLATE, so that the
// file is small on any static host, whether or not it compresses what it
// sends.
//
// The format, all integers little-endian:
//
//	offset  size  field
//	0       8     magic "LENET5\x00D"
//	8       4     version (1)
//	12      4     rows (28)
//	16      4     columns (28)
//	20      4     grey levels (16): level q stands for the pixel value 17·q
//	24      4     training digits N (1 to MaxTrain)
//	28      4     test digits M (1 to MaxTest)
//	32      4     metadata length L (at most MaxMeta)
//	36      4     payload length P (at most MaxPayload)
//	40      L     metadata, UTF-8 text (where the digits come from)
//	40+L    P     payload: DEFLATE (RFC 1951) of
//	                N+M labels, one byte each (0 to 9): the training digits', then the test digits';
//	                N+M images in the same order, rows×columns/2 bytes each, row-major,
//	                two pixels a byte, the first in the low 4 bits
//	40+L+P  4     CRC-32 (IEEE) of every byte before it
//
// Decode checks every field, the checksum before it inflates anything, and
// the inflated size against the counts, so that a truncated, corrupted or
// foreign file is rejected with an error that says what is wrong, and no
// file can make it allocate more than the counts' limits allow.
package pack

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"unicode/utf8"
)

// Format constants.
const (
	Magic   = "LENET5\x00D"
	Version = 1
	Side    = 28 // rows and columns
	Levels  = 16 // grey levels

	MaxTrain   = 60000 // the size of MNIST's training set
	MaxTest    = 10000 // the size of MNIST's test set
	MaxMeta    = 1024
	MaxPayload = 16 << 20

	headerLen = 40
	pixels    = Side * Side
	packed    = pixels / 2 // bytes of one packed image
)

// Part is a set of 28×28 digits as MNIST stores them: Pix holds
// len(Labels) images of 784 bytes one after the other, row-major, 0 for the
// background and 255 for full ink.
type Part struct {
	Pix    []uint8
	Labels []uint8
}

// Len is the number of digits.
func (p *Part) Len() int { return len(p.Labels) }

// File is the content of a pack: the digits to train on, the digits to
// test on, and a note on where they come from.
type File struct {
	Meta        string
	Train, Test Part
}

// ErrFormat is wrapped by every error Decode returns.
var ErrFormat = errors.New("pack: not a valid digit pack")

func formatErr(f string, args ...any) error {
	return fmt.Errorf("%w: "+f, append([]any{ErrFormat}, args...)...)
}

// Quantize rounds a pixel value to the nearest of the 16 levels and returns
// the level, 0 to 15.
func Quantize(v uint8) uint8 { return uint8((int(v)*(Levels-1) + 127) / 255) }

// Level returns the pixel value of level q: 17·q, so level 15 is 255.
func Level(q uint8) uint8 { return q * (255 / (Levels - 1)) }

func (p *Part) check(name string, max int) error {
	n := len(p.Labels)
	if n < 1 || n > max {
		return fmt.Errorf("pack: %s digits: %d, must be 1 to %d", name, n, max)
	}
	if len(p.Pix) != n*pixels {
		return fmt.Errorf("pack: %s digits: %d bytes of pixels for %d labels; need %d", name, len(p.Pix), n, n*pixels)
	}
	for i, l := range p.Labels {
		if l > 9 {
			return fmt.Errorf("pack: %s digit %d has label %d, not a digit 0–9", name, i, l)
		}
	}
	return nil
}

// Encode writes f as a pack, its pixels rounded to the 16 levels
// (Quantize). It refuses what Decode would refuse.
func Encode(w io.Writer, f *File) error {
	if len(f.Meta) > MaxMeta || !utf8.ValidString(f.Meta) {
		return fmt.Errorf("pack: metadata must be valid UTF-8 of at most %d bytes", MaxMeta)
	}
	if err := f.Train.check("training", MaxTrain); err != nil {
		return err
	}
	if err := f.Test.check("test", MaxTest); err != nil {
		return err
	}
	var z bytes.Buffer
	zw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return err
	}
	raw := make([]byte, 0, (f.Train.Len()+f.Test.Len())*(1+packed))
	raw = append(raw, f.Train.Labels...)
	raw = append(raw, f.Test.Labels...)
	for _, pix := range [][]uint8{f.Train.Pix, f.Test.Pix} {
		for i := 0; i < len(pix); i += 2 {
			raw = append(raw, Quantize(pix[i])|Quantize(pix[i+1])<<4)
		}
	}
	if _, err := zw.Write(raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if z.Len() > MaxPayload {
		return fmt.Errorf("pack: the compressed digits take %d bytes, more than %d", z.Len(), MaxPayload)
	}
	le := binary.LittleEndian
	b := make([]byte, 0, headerLen+len(f.Meta)+z.Len()+4)
	b = append(b, Magic...)
	for _, v := range []int{Version, Side, Side, Levels, f.Train.Len(), f.Test.Len(), len(f.Meta), z.Len()} {
		b = le.AppendUint32(b, uint32(v))
	}
	b = append(b, f.Meta...)
	b = append(b, z.Bytes()...)
	b = le.AppendUint32(b, crc32.ChecksumIEEE(b))
	_, err = w.Write(b)
	return err
}

// Decode reads a pack. It never panics, whatever data holds, and allocates
// at most what the counts in a well-formed header call for.
func Decode(data []byte) (*File, error) {
	if len(data) < headerLen+4 {
		return nil, formatErr("%d bytes is too short for the header", len(data))
	}
	if string(data[:len(Magic)]) != Magic {
		return nil, formatErr("it does not start with the magic %q", Magic)
	}
	le := binary.LittleEndian
	field := func(i int) uint32 { return le.Uint32(data[len(Magic)+4*i:]) }
	if v := field(0); v != Version {
		return nil, formatErr("version %d, this program reads version %d", v, Version)
	}
	if r, c := field(1), field(2); r != Side || c != Side {
		return nil, formatErr("images of %d×%d, version %d holds %d×%d", c, r, Version, Side, Side)
	}
	if l := field(3); l != Levels {
		return nil, formatErr("%d grey levels, version %d has %d", l, Version, Levels)
	}
	n, m := field(4), field(5)
	if n < 1 || n > MaxTrain {
		return nil, formatErr("%d training digits, must be 1 to %d", n, MaxTrain)
	}
	if m < 1 || m > MaxTest {
		return nil, formatErr("%d test digits, must be 1 to %d", m, MaxTest)
	}
	ml, pl := field(6), field(7)
	if ml > MaxMeta {
		return nil, formatErr("metadata length %d exceeds %d", ml, MaxMeta)
	}
	if pl > MaxPayload {
		return nil, formatErr("payload length %d exceeds %d", pl, MaxPayload)
	}
	if want := headerLen + int(ml) + int(pl) + 4; len(data) != want {
		if len(data) < want {
			return nil, formatErr("truncated: %d bytes, the header calls for %d", len(data), want)
		}
		return nil, formatErr("%d unexpected bytes after the payload", len(data)-want)
	}
	body, sum := data[:len(data)-4], le.Uint32(data[len(data)-4:])
	if c := crc32.ChecksumIEEE(body); c != sum {
		return nil, formatErr("checksum mismatch (stored %08x, computed %08x): the file is corrupted", sum, c)
	}
	meta := string(body[headerLen : headerLen+ml])
	if !utf8.ValidString(meta) {
		return nil, formatErr("metadata is not UTF-8")
	}
	// Inflate into a buffer that grows with what actually comes out, so
	// that a header promising many digits over a short payload costs
	// little; one byte more than the counts call for is an error.
	total := int(n + m)
	want := total * (1 + packed)
	var out bytes.Buffer
	zr := flate.NewReader(bytes.NewReader(body[headerLen+ml:]))
	if _, err := out.ReadFrom(io.LimitReader(zr, int64(want)+1)); err != nil {
		return nil, formatErr("the payload does not inflate: %v", err)
	}
	if out.Len() != want {
		if out.Len() > want {
			return nil, formatErr("the payload inflates to more than %d digits", total)
		}
		return nil, formatErr("the payload inflates to %d bytes, %d digits need %d", out.Len(), total, want)
	}
	raw := out.Bytes()
	f := &File{Meta: meta}
	labels := raw[:total]
	for i, l := range labels {
		if l > 9 {
			return nil, formatErr("digit %d has label %d, not a digit 0–9", i, l)
		}
	}
	pix := make([]uint8, total*pixels)
	for i, b := range raw[total:] {
		pix[2*i], pix[2*i+1] = Level(b&15), Level(b>>4)
	}
	f.Train = Part{Pix: pix[: int(n)*pixels : int(n)*pixels], Labels: labels[:n:n]}
	f.Test = Part{Pix: pix[int(n)*pixels:], Labels: labels[n:]}
	return f, nil
}

// Subset picks the digits of a pack from MNIST's two sets: the first
// nTrain digits of the training set, and nTest digits spread evenly over the
// test set (digit ⌊i·len/nTest⌋ for i = 0 … nTest−1, so both halves of
// MNIST's test set, the cleaner first 5,000 and the harder last 5,000, are
// represented). The two subsets are disjoint, as MNIST's sets are. The
// pixels are shared with the arguments, not copied.
func Subset(train, test *Part, nTrain, nTest int) (*File, error) {
	if nTrain < 1 || nTrain > min(train.Len(), MaxTrain) {
		return nil, fmt.Errorf("pack: %d training digits asked, the set has %d (at most %d)", nTrain, train.Len(), MaxTrain)
	}
	if nTest < 1 || nTest > min(test.Len(), MaxTest) {
		return nil, fmt.Errorf("pack: %d test digits asked, the set has %d (at most %d)", nTest, test.Len(), MaxTest)
	}
	if len(train.Pix) != train.Len()*pixels || len(test.Pix) != test.Len()*pixels {
		return nil, fmt.Errorf("pack: the sets' pixels do not hold %d×%d images", Side, Side)
	}
	f := &File{Train: Part{Pix: train.Pix[:nTrain*pixels], Labels: train.Labels[:nTrain]}}
	f.Test.Pix = make([]uint8, 0, nTest*pixels)
	f.Test.Labels = make([]uint8, 0, nTest)
	for i := range nTest {
		j := i * test.Len() / nTest
		f.Test.Pix = append(f.Test.Pix, test.Pix[j*pixels:(j+1)*pixels]...)
		f.Test.Labels = append(f.Test.Labels, test.Labels[j])
	}
	f.Meta = fmt.Sprintf("MNIST digits for training in the page: the first %d of the training set; "+
		"%d of the test set, digit ⌊i·%d/%d⌋ for i = 0 … %d; pixels rounded to %d grey levels.",
		nTrain, nTest, test.Len(), nTest, nTest-1, Levels)
	return f, nil
}
