package lenet

import (
	"bytes"
	"math"
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
	reluB := func(v float32) float32 { return math.Float32frombits(reluBits(math.Float32bits(v))) }
	for trial := range 20 {
		var u [6 * 8 * 5]float32
		var v [6 * winoTiles * 8 * 14]float32
		fill(u[:])
		fill(v[:])
		bias := rng.Float32() - 0.5
		var m, mGo [winoTiles * 8 * 10]float32
		var got, goVersion, want [100]float32
		for i := range got {
			got[i] = float32(i) // c3product must overwrite every value
		}
		c3product(&got, &m, &u, &v, bias)
		c3productGo(&goVersion, &mGo, &u, &v, bias)
		for t := range winoTiles {
			for oy := range 10 {
				var s [8]float32
				for j := range 8 {
					for c := range 6 {
						for ky := range 5 {
							s[j] += u[(c*8+j)*5+ky] * v[((c*winoTiles+t)*8+j)*14+oy+ky]
						}
					}
				}
				y := [4]float32{
					s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6],
					s[1] - s[2] + 2*(s[3]-s[4]) + 0.5*(s[5]-s[6]),
					s[1] + s[2] + 4*(s[3]+s[4]) + 0.25*(s[5]+s[6]),
					s[1] - s[2] + 8*(s[3]-s[4]) + 0.125*(s[5]-s[6]) + s[7],
				}
				for i := range min(4, 10-4*t) {
					want[oy*10+4*t+i] = reluB(bias + y[i])
				}
			}
		}
		for i := range want {
			if got[i] != want[i] || goVersion[i] != want[i] {
				t.Fatalf("trial %d: C3[%d]: c3product %v, c3productGo %v, want %v", trial, i, got[i], goVersion[i], want[i])
			}
		}
	}
	for trial := range 20 {
		var in [InputLen]float32
		var w [150]float32
		var b [6]float32
		fill(in[:])
		fill(w[:])
		fill(b[:])
		var strips [28 * 4]uint8
		for i := range strips {
			strips[i] = uint8(rng.IntN(32)) // any rows, not only those c1Strips would list
		}
		if trial%2 == 0 {
			var m [32]uint32
			inputMasks(&m, &in)
			c1Strips(&strips, &m)
		}
		var got, goVersion [c1Len]float32
		c1conv(&got, &in, &w, &b, &strips)
		c1convGo(&goVersion, &in, &w, &b, &strips)
		for n := range 6 {
			for oy := range 28 {
				for ox := range 28 {
					a := b[n]
					rows := strips[oy*4+ox/7]
					for ky := range 5 {
						if rows>>ky&1 == 0 {
							continue
						}
						for kx := range 5 {
							a += w[n*25+ky*5+kx] * in[(oy+ky)*32+ox+kx]
						}
					}
					a = reluB(a)
					i := (n*28+oy)*28 + ox
					if got[i] != a || goVersion[i] != a {
						t.Fatalf("trial %d: C1 (%d, %d, %d): c1conv %v, c1convGo %v, want %v", trial, n, oy, ox, got[i], goVersion[i], a)
					}
				}
			}
		}
	}
	for trial := range 20 {
		x := make([]float32, s4Len)
		fill(x)
		if trial == 0 {
			clear(x) // no input at all: the biases alone
		}
		var idx [512]uint16
		var val [512]float32
		k := nonZero(&idx, &val, x)
		var w [48000]float32
		var b [120]float32
		fill(w[:])
		fill(b[:])
		var got, goVersion [c5Len]float32
		c5dense(&got, &idx, &val, k, &w, &b)
		c5denseGo(&goVersion, &idx, &val, k, &w, &b)
		for o := range 120 {
			a := b[o]
			for i, v := range x {
				if v != 0 {
					a += w[o*400+i] * v
				}
			}
			a = relu(a)
			if got[o] != a || goVersion[o] != a {
				t.Fatalf("trial %d: C5[%d]: c5dense %v, c5denseGo %v, want %v", trial, o, got[o], goVersion[o], a)
			}
		}
		k = nonZero(&idx, &val, x[:c5Len])
		var w6 [84 * 120]float32
		var b6 [84]float32
		fill(w6[:])
		fill(b6[:])
		var got6, goVersion6 [f6Len]float32
		f6dense(&got6, &idx, &val, k, &w6, &b6)
		f6denseGo(&goVersion6, &idx, &val, k, &w6, &b6)
		for o := range 84 {
			a := b6[o]
			for i, v := range x[:c5Len] {
				if v != 0 {
					a += w6[o*120+i] * v
				}
			}
			a = relu(a)
			if got6[o] != a || goVersion6[o] != a {
				t.Fatalf("trial %d: F6[%d]: f6dense %v, f6denseGo %v, want %v", trial, o, got6[o], goVersion6[o], a)
			}
		}
	}
	for trial := range 20 {
		// c3scatter on entries at every S2 position and channel, in a
		// random order, some repeated, into padded outputs.
		var k [2400]float32
		fill(k[:])
		var e [s2Len]uint32
		var v [s2Len]float32
		n := rng.IntN(s2Len + 1)
		for j := range n {
			y, x, c := rng.IntN(14), rng.IntN(14), rng.IntN(6)
			e[j] = uint32(c3At(y-4, x-4)) | uint32(c)<<16
			v[j] = rng.Float32()*4 - 2
		}
		var got, goVersion, want [c3Pad]float32
		fill(got[:])
		goVersion, want = got, got
		c3scatter(&got, &k, &e, &v, n)
		c3scatterGo(&goVersion, &k, &e, &v, n)
		for j := range n {
			i := int(e[j] & 0xffff)
			c := int(e[j] >> 16)
			for ky := range 5 {
				for kx := range 5 {
					for o := range 16 {
						want[i+((4-ky)*c3Side+4-kx)*16+o] += v[j] * k[((c*5+ky)*5+kx)*16+o]
					}
				}
			}
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) || math.Float32bits(goVersion[i]) != math.Float32bits(want[i]) {
				t.Fatalf("trial %d (%d entries): C3[%d]: c3scatter %v, c3scatterGo %v, want %v", trial, n, i, got[i], goVersion[i], want[i])
			}
		}
	}
	for trial := range 20 {
		var w [2400]float32
		var in [s2Len]float32
		fill(w[:])
		fill(in[:])
		var u, uGo [16 * 6 * 8 * 5]float32
		var v, vGo [6 * winoTiles * 8 * 14]float32
		winoKernels(&u, &w)
		winoKernelsGo(&uGo, &w)
		winoInput(&v, &in)
		winoInputGo(&vGo, &in)
		for i := range u {
			if math.Float32bits(u[i]) != math.Float32bits(uGo[i]) {
				t.Fatalf("trial %d: winoKernels u[%d] = %v, winoKernelsGo %v", trial, i, u[i], uGo[i])
			}
		}
		for i := range v {
			if math.Float32bits(v[i]) != math.Float32bits(vGo[i]) {
				t.Fatalf("trial %d: winoInput v[%d] = %v, winoInputGo %v", trial, i, v[i], vGo[i])
			}
		}
	}
}
