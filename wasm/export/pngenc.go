package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
)

// encodePNG writes m as a PNG file: 8-bit RGB (the pictures are opaque),
// every row filtered with "Up" (the difference from the row above, which
// is zero over most of a picture of flat squares) and compressed with
// zlib. image/png would do the same, but importing it links its decoder
// too (it registers itself with package image), about 20 KB more in
// demo.wasm; zlib's compressor and CRC-32 are there already.
//
// The format (the PNG specification, second edition): the 8-byte
// signature, then chunks, each its data's length (4 bytes, big-endian),
// its 4-letter type, the data, and the CRC-32 of type and data: IHDR
// (width, height, bit depth 8, colour type 2 = RGB, compression 0, filter
// 0, interlace 0), IDAT (the zlib stream of the rows, each a filter-type
// byte and 3 bytes a pixel), IEND (empty).
func encodePNG(m *image.RGBA) ([]byte, error) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	row := make([]byte, 1+3*w)
	row[0] = 2 // Up
	var prev []byte
	for y := range h {
		cur := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := range 3 * w {
			v := cur[x/3*4+x%3]
			if prev != nil {
				v -= prev[x/3*4+x%3]
			}
			row[1+x] = v
		}
		prev = cur
		if _, err := zw.Write(row); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = chunk(b, "IHDR", ihdr)
	b = chunk(b, "IDAT", z.Bytes())
	return chunk(b, "IEND", nil), nil
}

// chunk appends a PNG chunk: the data's length, the type, the data, and
// the CRC-32 of type and data.
func chunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(append(b, typ...), data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}
