package lenet

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet/internal/wasmgen"
)

// TestKernelsFileIsGenerated checks that kernels_wasm.s is what package
// wasmgen writes.
func TestKernelsFileIsGenerated(t *testing.T) {
	got, err := os.ReadFile("kernels_wasm.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wasmgen.Kernels()) {
		t.Fatal("kernels_wasm.s is not what package wasmgen writes: run go generate ./cnn/lenet")
	}
}

// TestKernels checks every kernel (in assembly under WebAssembly, in Go
// elsewhere) against plain loops that add the same products in the same
// order, to the bit, on values of both signs, zeros among them.
func TestKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(x []float32) {
		for i := range x {
			if rng.IntN(4) > 0 {
				x[i] = rng.Float32()*4 - 2
			} else {
				x[i] = 0
			}
		}
	}
	for trial := range 20 {
		var u [6 * 8 * 5]float32
		var v [6 * winoTiles * 8 * 14]float32
		fill(u[:])
		fill(v[:])
		var got, want [winoTiles * 8 * 10]float32
		for i := range got {
			got[i] = float32(i) // c3product must overwrite every value
		}
		c3product(&got, &u, &v)
		for tj := range winoTiles * 8 {
			t, j := tj/8, tj%8
			for oy := range 10 {
				var a float32
				for c := range 6 {
					for ky := range 5 {
						a += u[(c*8+j)*5+ky] * v[((c*winoTiles+t)*8+j)*14+oy+ky]
					}
				}
				want[tj*10+oy] = a
			}
		}
		var goVersion [winoTiles * 8 * 10]float32
		c3productGo(&goVersion, &u, &v)
		for i := range want {
			if got[i] != want[i] || goVersion[i] != want[i] {
				t.Fatalf("trial %d: m[%d]: c3product %v, c3productGo %v, want %v", trial, i, got[i], goVersion[i], want[i])
			}
		}
	}
}
