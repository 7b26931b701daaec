package lenet

import (
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

func TestCRCMatchesHashCRC32(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 63, 64, 65, 1000, 124063} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		if got, want := crcIEEE(b), crc32.ChecksumIEEE(b); got != want {
			t.Errorf("%d bytes: %08x, want %08x", n, got, want)
		}
	}
	if got := crcIEEE([]byte("123456789")); got != 0xcbf43926 {
		t.Errorf("the check value: %08x, want cbf43926", got)
	}
}
