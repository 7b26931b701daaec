//go:build !wasm

package lenet

func c3product(dst *[100]float32, m *[winoTiles * 8 * 10]float32, u *[6 * 8 * 5]float32, v *[6 * winoTiles * 8 * 14]float32, bias float32) {
	c3productGo(dst, m, u, v, bias)
}

func c1conv(dst *[c1Len]float32, in *[InputLen]float32, w *[150]float32, b *[6]float32, strips *[28 * 4]uint8) {
	c1convGo(dst, in, w, b, strips)
}

func c5dense(dst *[c5Len]float32, idx *[512]uint16, val *[512]float32, k int, w *[48000]float32, b *[120]float32) {
	c5denseGo(dst, idx, val, k, w, b)
}

func f6dense(dst *[f6Len]float32, idx *[512]uint16, val *[512]float32, k int, w *[84 * 120]float32, b *[84]float32) {
	f6denseGo(dst, idx, val, k, w, b)
}

func winoKernels(u *[16 * 6 * 8 * 5]float32, w *[2400]float32) { winoKernelsGo(u, w) }

func winoInput(v *[6 * winoTiles * 8 * 14]float32, in *[s2Len]float32) { winoInputGo(v, in) }

func c3scatter(dst *[c3Pad]float32, k *[2400]float32, e *[s2Len]uint32, v *[s2Len]float32, n int) {
	c3scatterGo(dst, k, e, v, n)
}
