//go:build ignore

// gen_kernels writes kernels_wasm.s, the WebAssembly assembly of the
// backward pass's convolution kernels, from package wasmgen. Run it with go
// generate after changing wasmgen; TestKernelsFileIsGenerated fails until
// then.
package main

import (
	"log"
	"os"

	"github.com/seecnn/lenet/cnn/train/internal/wasmgen"
)

func main() {
	if err := os.WriteFile("kernels_wasm.s", wasmgen.Kernels(), 0o644); err != nil {
		log.Fatal(err)
	}
}
