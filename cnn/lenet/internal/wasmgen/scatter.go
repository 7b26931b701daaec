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
	a.begin("func c3scatter(dst *[5184]float32, k *[2400]float32, e *[1176]uint32, v *[1176]float32, n int)",
		"TEXT ·c3scatter(SB), NOSPLIT, $0-40")
	a.op("MOVD dst+0(FP), R0")
	a.op("MOVD k+8(FP), R1")
	a.op("MOVD e+16(FP), R2")
	a.op("MOVD v+24(FP), R3")
	a.op("MOVD n+32(FP), R4")
	a.open("Block")
	a.open("Loop") // the entries
	a.op("Get R4")
	a.op("I64Eqz")
	a.op("BrIf $1")
	a.op("Get R2")
	a.op("I32WrapI64")
	a.op("I64Load32U $0")
	a.op("Set R5")
	// R6 = dst + 4·(e & 0xffff) + 4·4·18·16 (the first kernel row's outputs).
	a.op("Get R0")
	a.op("Get R5")
	a.op("I64Const $65535")
	a.op("I64And")
	a.op("I64Const $2")
	a.op("I64Shl")
	a.op("I64Add")
	a.op("I64Const $%d", 4*4*18*16)
	a.op("I64Add")
	a.op("Set R6")
	// R7 = k + 1600·c (the channel's kernels, 400 values).
	a.op("Get R1")
	a.op("Get R5")
	a.op("I64Const $16")
	a.op("I64ShrU")
	a.op("I64Const $1600")
	a.op("I64Mul")
	a.op("I64Add")
	a.op("Set R7")
	a.loadF32("R3", 0)
	a.op("Set F0")
	a.op("I64Const $5")
	a.op("Set R8")
	a.open("Loop") // the kernel rows
	for kx := range 5 {
		for n := range 16 {
			out := 4 * ((4-kx)*16 + n)
			a.op("Get R6")
			a.op("I32WrapI64")
			a.loadF32("R6", out)
			a.op("Get F0")
			a.loadF32("R7", 4*(kx*16+n))
			a.op("F32Mul")
			a.op("F32Add")
			a.op("F32Store $%d", out)
		}
	}
	a.addConst("R6", -4*18*16)
	a.addConst("R7", 4*5*16)
	a.countDown("R8")
	a.close()
	a.addConst("R2", 4)
	a.addConst("R3", 4)
	a.addConst("R4", -1)
	a.op("Br $0")
	a.close()
	a.close()
	a.end()
}
