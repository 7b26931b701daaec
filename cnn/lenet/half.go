package lenet

import "math"

// Half floats (IEEE 754 binary16): 1 sign bit, 5 exponent bits (bias 15),
// 10 fraction bits. Normal values run from 2⁻¹⁴ to 65504 with 11
// significant bits; below 2⁻¹⁴ come the subnormals, multiples of 2⁻²⁴.

// halfFromFloat32 rounds f to the nearest half float, ties to even. It
// reports false for NaN, an infinity, or a magnitude that rounds beyond
// 65504 (at or above 65520); values below half of 2⁻²⁴ become a zero of
// f's sign.
func halfFromFloat32(f float32) (uint16, bool) {
	bits := math.Float32bits(f)
	sign := uint16(bits>>16) & 0x8000
	exp := int(bits>>23) & 0xff
	frac := bits & 0x7fffff
	switch {
	case exp == 0xff:
		return 0, false
	case exp < 127-25:
		// Below 2⁻²⁵, half of the smallest subnormal (and float32
		// subnormals, far smaller still): zero.
		return sign, true
	case exp < 127-14:
		// A half subnormal: f = m·2^(exp−150) with the 24-bit
		// significand m, so f/2⁻²⁴ = m / 2^(126−exp).
		m := frac | 0x800000
		return sign | uint16(roundShift(m, uint(126-exp))), true
	}
	// A normal half: rebias the exponent, keep 10 of the 23 fraction bits
	// and round on the 13 dropped. A carry out of the fraction moves to
	// the next exponent, as it should.
	h := uint32(exp-127+15)<<10 | frac>>13
	if rest := frac & 0x1fff; rest > 0x1000 || rest == 0x1000 && h&1 == 1 {
		h++
	}
	if h >= 0x7c00 {
		return 0, false
	}
	return sign | uint16(h), true
}

// roundShift returns m / 2^s rounded to the nearest integer, ties to even.
// 1 ≤ s ≤ 31.
func roundShift(m uint32, s uint) uint32 {
	q, rest, half := m>>s, m&(1<<s-1), uint32(1)<<(s-1)
	if rest > half || rest == half && q&1 == 1 {
		q++
	}
	return q
}

// halfToFloat32 returns the value of the half float h, exactly (every half
// float is a float32). Infinities and NaNs come back as such.
func halfToFloat32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp == 0:
		v := float32(frac) * (1.0 / (1 << 24)) // subnormal or zero: frac·2⁻²⁴
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp-15+127)<<23 | frac<<13)
}
