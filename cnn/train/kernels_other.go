//go:build !wasm

package train

import "github.com/seecnn/lenet/cnn/lenet"

func c3back(dw *[150]float32, ds2 *[lenS2]float32, s2 *[lenS2]float32, w *[150]float32, off *[25]uint16, d *[25]float32, k int) {
	c3backGo(dw, ds2, s2, w, off, d, k)
}

func c1back(dw *[25]float32, x *[lenet.InputLen]float32, off *[196]uint16, d *[196]float32, k int) {
	c1backGo(dw, x, off, d, k)
}

func denseBackKernel(dW, dIn, w []float32, outs []outEntry, ins []inEntry) {
	denseBackGo(dW, dIn, w, outs, ins)
}
