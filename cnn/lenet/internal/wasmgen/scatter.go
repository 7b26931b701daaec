package wasmgen

// c3Scatter writes ·c3scatter(dst *[5184]float32, k *[2400]float32,
// e *[1176]uint32, v *[1176]float32, n int), the Occluder's update of C3
// for changed S2 values, as c3scatterGo in package lenet computes it: for
// each entry j, for every kernel tap (ky, kx) in row order and every
// output channel n,
//
//	dst[e[j]&0xffff + ((4−ky)·18 + 4−kx)·16 + n] += v[j]·k[((c·5+ky)·5+kx)·16 + n],  c = e[j]>>16.
//
// A kernel row (5 taps × 16 channels) is written out, the 5 rows are a
// loop. In bytes, a row moves the outputs back by 1,152 (one padded row of
// 18×16) and the kernel on by 320; within a row, tap kx is at 64·(4−kx)
// in the outputs and 64·kx in the kernel.
//
// Registers: R0 dst, R1 k, R2 e, R3 v, R4 entries left, R5 the entry, R6
// the row's outputs, R7 the row's kernel values, R8 rows left; F0 the
// entry's value.
func c3Scatter(a *asm) {
	a.Begin("func c3scatter(dst *[5184]float32, k *[2400]float32, e *[1176]uint32, v *[1176]float32, n int)",
		"TEXT ·c3scatter(SB), NOSPLIT, $0-40")
	a.Op("MOVD dst+0(FP), R0")
	a.Op("MOVD k+8(FP), R1")
	a.Op("MOVD e+16(FP), R2")
	a.Op("MOVD v+24(FP), R3")
	a.Op("MOVD n+32(FP), R4")
	a.Open("Block")
	a.Open("Loop") // the entries
	a.Op("Get R4")
	a.Op("I64Eqz")
	a.Op("BrIf $1")
	a.Op("Get R2")
	a.Op("I32WrapI64")
	a.Op("I64Load32U $0")
	a.Op("Set R5")
	// R6 = dst + 4·(e & 0xffff) + 4·4·18·16 (the first kernel row's outputs).
	a.Op("Get R0")
	a.Op("Get R5")
	a.Op("I64Const $65535")
	a.Op("I64And")
	a.Op("I64Const $2")
	a.Op("I64Shl")
	a.Op("I64Add")
	a.Op("I64Const $%d", 4*4*18*16)
	a.Op("I64Add")
	a.Op("Set R6")
	// R7 = k + 1600·c (the channel's kernels, 400 values).
	a.Op("Get R1")
	a.Op("Get R5")
	a.Op("I64Const $16")
	a.Op("I64ShrU")
	a.Op("I64Const $1600")
	a.Op("I64Mul")
	a.Op("I64Add")
	a.Op("Set R7")
	a.LoadF32("R3", 0)
	a.Op("Set F0")
	a.Op("I64Const $5")
	a.Op("Set R8")
	a.Open("Loop") // the kernel rows
	for kx := range 5 {
		for n := range 16 {
			out := 4 * ((4-kx)*16 + n)
			a.Op("Get R6")
			a.Op("I32WrapI64")
			a.LoadF32("R6", out)
			a.Op("Get F0")
			a.LoadF32("R7", 4*(kx*16+n))
			a.Op("F32Mul")
			a.Op("F32Add")
			a.Op("F32Store $%d", out)
		}
	}
	a.AddConst("R6", -4*18*16)
	a.AddConst("R7", 4*5*16)
	a.CountDown("R8")
	a.Close()
	a.AddConst("R2", 4)
	a.AddConst("R3", 4)
	a.AddConst("R4", -1)
	a.Op("Br $0")
	a.Close()
	a.Close()
	a.End()
}
