package train

import "github.com/seecnn/lenet/cnn/lenet"

// c3back is c3backGo in assembly (kernels_wasm.s). k is taken as at most
// 25, and every offset in off[:k] must leave a 5×5 window inside S2.
//
//go:noescape
func c3back(dw *[150]float32, ds2 *[lenS2]float32, s2 *[lenS2]float32, w *[150]float32, off *[25]uint16, d *[25]float32, k int)

// c1back is c1backGo in assembly (kernels_wasm.s). k is taken as at most
// 196, and every offset in off[:k] must leave a 5×5 window inside the
// input.
//
//go:noescape
func c1back(dw *[25]float32, x *[lenet.InputLen]float32, off *[196]uint16, d *[196]float32, k int)

// denseback is denseBackGo in assembly (kernels_wasm.s), on the first
// elements of its slices: outs holds m entries, ins k ≥ 1 entries, and
// every row+i must lie inside w (denseBack checks).
//
//go:noescape
func denseback(dW *float32, dIn *float32, w *float32, outs *outEntry, m int, ins *inEntry, k int)

func denseBackKernel(dW, dIn, w []float32, outs []outEntry, ins []inEntry) {
	denseback(&dW[0], &dIn[0], &w[0], &outs[0], len(outs), &ins[0], len(ins))
}
