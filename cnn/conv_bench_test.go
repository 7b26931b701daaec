package cnn

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func benchTensor(rng *rand.Rand, c, h, w int) *Tensor {
	t := NewTensor(c, h, w)
	for i := range t.Data {
		t.Data[i] = rng.Float32()*2 - 1
	}
	return t
}

// BenchmarkConv2D times the general convolution on LeNet-5's layers and on
// a larger RGB image with padding and stride.
func BenchmarkConv2D(b *testing.B) {
	cases := []struct {
		name             string
		c, h, w, n, k, s int
		same             bool
	}{
		{"C1-1x32x32-6x5x5", 1, 32, 32, 6, 5, 1, false},
		{"C3-6x14x14-16x5x5", 6, 14, 14, 16, 5, 1, false},
		{"C5-16x5x5-120x5x5", 16, 5, 5, 120, 5, 1, false},
		{"RGB-3x64x64-8x3x3-same", 3, 64, 64, 8, 3, 1, true},
		{"RGB-3x65x65-8x3x3-pad1-stride2", 3, 65, 65, 8, 3, 2, false},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		in := benchTensor(rng, c.c, c.h, c.w)
		kt := benchTensor(rng, c.n*c.c, c.k, c.k)
		k, err := KernelsFrom(c.n, c.c, c.k, c.k, kt.Data)
		if err != nil {
			b.Fatal(err)
		}
		o := ConvOptions{Stride: c.s, Same: c.same, Bias: make([]float32, c.n)}
		if c.s == 2 {
			o.Padding = 1
		}
		g, err := ConvGeometry(in.Shape, k, o)
		if err != nil {
			b.Fatal(err)
		}
		macs := g.Out.Len() * c.c * c.k * c.k
		b.Run(c.name+"/Conv2D", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Conv2D(in, k, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(macs)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
		dst := make([]float32, g.Out.Len())
		b.Run(c.name+"/Conv2DInto", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Conv2DInto(dst, in.Data, k.Data, o.Bias, g)
			}
			b.ReportMetric(float64(macs)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
	}
}

// BenchmarkPool2D times max and average pooling on LeNet-5's S2 and on a
// larger map with overlapping windows.
func BenchmarkPool2D(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ c, h, size, stride int }{{6, 28, 2, 2}, {16, 10, 2, 2}, {8, 63, 3, 2}} {
		in := benchTensor(rng, c.c, c.h, c.h)
		for _, mode := range []PoolMode{MaxPool, AvgPool} {
			o := PoolOptions{Size: c.size, Stride: c.stride, Mode: mode}
			b.Run(fmt.Sprintf("%dx%dx%d-%d/%d-%v", c.c, c.h, c.h, c.size, c.stride, mode), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := Pool2D(in, o); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkDense times a fully connected layer of LeNet-5's F6 size.
func BenchmarkDense(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := benchTensor(rng, 1, 1, 120).Data
	w := benchTensor(rng, 84, 1, 120).Data
	bias := make([]float32, 84)
	dst := make([]float32, 84)
	b.ReportAllocs()
	for b.Loop() {
		Dense(dst, x, w, bias)
	}
}
