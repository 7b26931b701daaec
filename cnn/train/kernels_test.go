package train

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/train/internal/wasmgen"
)

// TestKernelsFileIsGenerated checks that kernels_wasm.s is what package
// wasmgen writes.
func TestKernelsFileIsGenerated(t *testing.T) {
	got, err := os.ReadFile("kernels_wasm.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wasmgen.Kernels()) {
		t.Fatal("kernels_wasm.s is not what package wasmgen writes: run go generate ./cnn/train")
	}
}

// TestKernels holds every kernel (in assembly under WebAssembly, in Go
// elsewhere) to its Go version, to the bit, on values of both signs with
// zeros among them, for every count of entries from none to all, overlapping
// windows included. (TestConvGradsMatchCNN checks the Go versions against
// package cnn's backward pass.)
func TestKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fill := func(x []float32) {
		for i := range x {
			if r.IntN(4) > 0 {
				x[i] = r.Float32()*4 - 2
			} else {
				x[i] = 0
			}
		}
	}
	same := func(a, b []float32) int {
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				return i
			}
		}
		return -1
	}
	for _, k := range []int{0, 1, 2, 7, 24, 25, 40} {
		var s2, ds2 [lenS2]float32
		var dw, wk [150]float32
		var off [25]uint16
		var d [25]float32
		fill(s2[:])
		fill(ds2[:])
		fill(dw[:])
		fill(wk[:])
		fill(d[:])
		for e := range off {
			off[e] = uint16(r.IntN(10)*14 + r.IntN(10)) // any window, repeats allowed
		}
		dwGo, ds2Go := dw, ds2
		c3back(&dw, &ds2, &s2, &wk, &off, &d, k)
		c3backGo(&dwGo, &ds2Go, &s2, &wk, &off, &d, k)
		if i := same(dw[:], dwGo[:]); i >= 0 {
			t.Fatalf("c3back k=%d: dw[%d] = %v, Go %v", k, i, dw[i], dwGo[i])
		}
		if i := same(ds2[:], ds2Go[:]); i >= 0 {
			t.Fatalf("c3back k=%d: ds2[%d] = %v, Go %v", k, i, ds2[i], ds2Go[i])
		}
	}
	for _, k := range []int{0, 1, 5, 195, 196, 300} {
		var x [lenet.InputLen]float32
		var dw [25]float32
		var off [196]uint16
		var d [196]float32
		fill(x[:])
		fill(dw[:])
		fill(d[:])
		for e := range off {
			off[e] = uint16(r.IntN(28)*32 + r.IntN(28))
		}
		dwGo := dw
		c1back(&dw, &x, &off, &d, k)
		c1backGo(&dwGo, &x, &off, &d, k)
		if i := same(dw[:], dwGo[:]); i >= 0 {
			t.Fatalf("c1back k=%d: dw[%d] = %v, Go %v", k, i, dw[i], dwGo[i])
		}
	}
	for _, m := range []int{1, 3, 4, 5, 8, 11} {
		for _, k := range []int{1, 2, 9} {
			const nOut, nIn = 12, 10
			var w, dW [nOut * nIn]float32
			var dIn [nIn]float32
			fill(w[:])
			fill(dW[:])
			fill(dIn[:])
			outs := make([]outEntry, m)
			for q := range outs {
				outs[q] = outEntry{uint32(r.IntN(nOut) * nIn), r.Float32()*4 - 2} // rows may repeat
			}
			ins := make([]inEntry, k)
			for j := range ins {
				ins[j] = inEntry{uint32(r.IntN(nIn)), r.Float32() * 2}
			}
			dWGo, dInGo := dW, dIn
			denseBackKernel(dW[:], dIn[:], w[:], outs, ins)
			denseBackGo(dWGo[:], dInGo[:], w[:], outs, ins)
			if i := same(dW[:], dWGo[:]); i >= 0 {
				t.Fatalf("denseBack m=%d k=%d: dW[%d] = %v, Go %v", m, k, i, dW[i], dWGo[i])
			}
			if i := same(dIn[:], dInGo[:]); i >= 0 {
				t.Fatalf("denseBack m=%d k=%d: dIn[%d] = %v, Go %v", m, k, i, dIn[i], dInGo[i])
			}
		}
	}
}
