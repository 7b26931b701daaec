package lenet

// c3product is c3productGo in assembly (kernels_wasm.s).
//
//go:noescape
func c3product(dst *[100]float32, m *[winoTiles * 8 * 10]float32, u *[6 * 8 * 5]float32, v *[6 * winoTiles * 8 * 14]float32, bias float32)

// c1conv is c1convGo in assembly (kernels_wasm.s).
//
//go:noescape
func c1conv(dst *[c1Len]float32, in *[InputLen]float32, w *[150]float32, b *[6]float32, strips *[28 * 4]uint8)

// c5dense is c5denseGo in assembly (kernels_wasm.s). Every index in idx[:k]
// must be below 400.
//
//go:noescape
func c5dense(dst *[c5Len]float32, idx *[512]uint16, val *[512]float32, k int, w *[48000]float32, b *[120]float32)

// f6dense is f6denseGo in assembly (kernels_wasm.s). Every index in
// idx[:k] must be below 120.
//
//go:noescape
func f6dense(dst *[f6Len]float32, idx *[512]uint16, val *[512]float32, k int, w *[84 * 120]float32, b *[84]float32)

// winoKernels is winoKernelsGo in assembly (kernels_wasm.s).
//
//go:noescape
func winoKernels(u *[16 * 6 * 8 * 5]float32, w *[2400]float32)

// winoInput is winoInputGo in assembly (kernels_wasm.s).
//
//go:noescape
func winoInput(v *[6 * winoTiles * 8 * 14]float32, in *[s2Len]float32)

// c3scatter is c3scatterGo in assembly (kernels_wasm.s). Every entry of
// e[:n] must be one that Occluder makes.
//
//go:noescape
func c3scatter(dst *[c3Pad]float32, k *[2400]float32, e *[s2Len]uint32, v *[s2Len]float32, n int)
