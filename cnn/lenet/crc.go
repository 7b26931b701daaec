package lenet

// crcTable is the byte-at-a-time table of CRC-32 with the IEEE polynomial
// (reversed, 0xedb88320), as hash/crc32 computes it. The weights format
// checks its files with it; hash/crc32 itself would add 3 KB to the
// compressed lenet.wasm for speed that a 124 KB file does not need.
var crcTable = func() (t [256]uint32) {
	for i := range t {
		c := uint32(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xedb88320
			} else {
				c >>= 1
			}
		}
		t[i] = c
	}
	return t
}()

// crcIEEE returns the CRC-32 (IEEE) of b, equal to crc32.ChecksumIEEE(b).
func crcIEEE(b []byte) uint32 {
	c := ^uint32(0)
	for _, x := range b {
		c = crcTable[byte(c)^x] ^ c>>8
	}
	return ^c
}
