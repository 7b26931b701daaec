package lenet

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// Every finite half float converts to float32 and back to itself, and its
// value is what the binary16 definition gives, computed independently.
func TestHalfRoundTripsEveryValue(t *testing.T) {
	for i := range 1 << 16 {
		h := uint16(i)
		f := halfToFloat32(h)
		exp, frac := int(h>>10)&0x1f, float64(h&0x3ff)
		var want float64
		switch exp {
		case 0x1f:
			if frac == 0 && !math.IsInf(float64(f), 0) || frac != 0 && !math.IsNaN(float64(f)) {
				t.Fatalf("%#04x: %v, want an infinity or NaN", h, f)
			}
			if _, ok := halfFromFloat32(f); ok {
				t.Fatalf("%#04x (%v) converts back", h, f)
			}
			continue
		case 0:
			want = frac * math.Pow(2, -24)
		default:
			want = (1 + frac/1024) * math.Pow(2, float64(exp-15))
		}
		if h&0x8000 != 0 {
			want = -want
		}
		if float64(f) != want || math.Signbit(float64(f)) != (h&0x8000 != 0) {
			t.Fatalf("%#04x: %v, want %v", h, f, want)
		}
		if back, ok := halfFromFloat32(f); !ok || back != h {
			t.Fatalf("%#04x → %v → %#04x, %v", h, f, back, ok)
		}
	}
}

// halves lists every finite non-negative half float, in increasing order.
func halves() []uint16 {
	var hs []uint16
	for h := range uint16(0x7c00) {
		hs = append(hs, h)
	}
	return hs
}

// nearestHalf is the slow, obviously correct rounding: search the sorted
// finite halves for the nearest one, ties to the even bit pattern; beyond
// 65504 + half a step (65520) the result is an overflow.
func nearestHalf(hs []uint16, f float32) (uint16, bool) {
	x := math.Abs(float64(f))
	var sign uint16
	if math.Signbit(float64(f)) {
		sign = 0x8000
	}
	if x >= 65520 {
		return 0, false
	}
	i := sort.Search(len(hs), func(i int) bool { return float64(halfToFloat32(hs[i])) >= x })
	if i == len(hs) {
		return sign | hs[len(hs)-1], true
	}
	if i == 0 || float64(halfToFloat32(hs[i])) == x {
		return sign | hs[i], true
	}
	lo, hi := hs[i-1], hs[i]
	dl, dh := x-float64(halfToFloat32(lo)), float64(halfToFloat32(hi))-x
	switch {
	case dl < dh:
		return sign | lo, true
	case dh < dl:
		return sign | hi, true
	case lo&1 == 0:
		return sign | lo, true
	}
	return sign | hi, true
}

func TestHalfFromFloat32MatchesNearest(t *testing.T) {
	hs := halves()
	check := func(f float32) {
		t.Helper()
		got, ok := halfFromFloat32(f)
		want, wantOK := nearestHalf(hs, f)
		if ok != wantOK || ok && got != want {
			t.Fatalf("halfFromFloat32(%v = %#08x) = %#04x, %v; want %#04x, %v", f, math.Float32bits(f), got, ok, want, wantOK)
		}
	}
	// Every half, the float32s next to it and the midpoints between
	// neighbours (the ties) and next to them.
	for i, h := range hs {
		f := halfToFloat32(h)
		for _, g := range []float32{f, math.Nextafter32(f, 0), math.Nextafter32(f, 1e9), -f} {
			check(g)
		}
		if i+1 < len(hs) {
			mid := float32((float64(f) + float64(halfToFloat32(hs[i+1]))) / 2)
			check(mid)
			check(math.Nextafter32(mid, 0))
			check(math.Nextafter32(mid, 1e9))
			check(-mid)
		}
	}
	// Random bit patterns of every magnitude.
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		f := math.Float32frombits(r.Uint32())
		if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			continue
		}
		check(f)
	}
}

func TestHalfFromFloat32Edges(t *testing.T) {
	for _, tc := range []struct {
		f    float32
		want uint16
		ok   bool
	}{
		{0, 0, true},
		{float32(math.Copysign(0, -1)), 0x8000, true},
		{1, 0x3c00, true},
		{-2, 0xc000, true},
		{65504, 0x7bff, true},
		{65519.996, 0x7bff, true},
		{65520, 0, false},
		{-65520, 0, false},
		{1e10, 0, false},
		{float32(math.Inf(1)), 0, false},
		{float32(math.Inf(-1)), 0, false},
		{float32(math.NaN()), 0, false},
		{0x1p-14, 0x0400, true},                           // the smallest normal
		{0x1p-24, 0x0001, true},                           // the smallest subnormal
		{0x1p-25, 0x0000, true},                           // a tie between 0 and 2⁻²⁴: even, 0
		{0x1.8p-24, 0x0002, true},                         // a tie between 1 and 2 steps: even, 2
		{0x1.000002p-25, 0x0001, true},                    // just above the tie
		{0x1.ffcp-15, 0x0400, true},                       // the largest subnormal's upper tie rounds to the smallest normal
		{math.Float32frombits(1), 0, true},                // a float32 subnormal
		{-math.Float32frombits(0x007fffff), 0x8000, true}, // the largest float32 subnormal, negative
		{1 + 0x1p-11, 0x3c00, true},                       // a tie between 1 and its successor: even, 1
		{1 + 0x1.8p-10, 0x3c02, true},                     // a tie between 1+2⁻¹⁰ and 1+2⁻⁹: even
		{2047.0 / 1024 * 0x1p0, 0x3fff, true},             // 1.9990234375 is a half
		{1.99951171875, 0x4000, true},                     // the tie above it rounds up to 2 (even)
	} {
		got, ok := halfFromFloat32(tc.f)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("halfFromFloat32(%v) = %#04x, %v; want %#04x, %v", tc.f, got, ok, tc.want, tc.ok)
		}
	}
}
