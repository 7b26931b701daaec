//go:build !wasm

package lenet

func c3product(m *[winoTiles * 8 * 10]float32, u *[6 * 8 * 5]float32, v *[6 * winoTiles * 8 * 14]float32) {
	c3productGo(m, u, v)
}

func c1conv(dst *[c1Len]float32, in *[InputLen]float32, w *[150]float32, b *[6]float32, strips *[28 * 4]uint8) {
	c1convGo(dst, in, w, b, strips)
}
