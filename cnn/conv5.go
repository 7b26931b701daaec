package cnn

import "github.com/seecnn/lenet/cnn/internal/msg"

// Conv5 and Conv5Backward are Conv2DInto and Conv2DBackward for the only
// convolution LeNet-5 has: 5×5 kernels, stride 1, no padding. They compute
// the same sums, in another order, written for speed: each kernel row's
// five values are held in locals while they sweep the output rows, and the
// backward pass is unrolled along the kernel rows. Training and the
// gradient maps of package evidence run on them; TestConv5MatchesGeneral
// holds them to the general versions.

// Conv5 computes dst = b + in ⋆ w: in is (C, H, W), w is (N, C, 5, 5), b
// is N long, dst is (N, H−4, W−4), and
//
//	dst[n][y][x] = b[n] + Σ_c Σ_i Σ_j in[c][y+i][x+j]·w[n][c][i][j].
//
// It panics if a buffer does not fit the sizes.
func Conv5(dst, in, w, b []float32, C, H, W, N int) {
	OH, OW := H-4, W-4
	if C < 1 || N < 1 || OH < 1 || OW < 1 || len(in) != C*H*W || len(w) != N*C*25 || len(b) != N || len(dst) != N*OH*OW {
		panic(msg.Sprintf("cnn: Conv5 buffers dst %d, in %d, w %d, b %d do not fit C %d, H %d, W %d, N %d",
			len(dst), len(in), len(w), len(b), C, H, W, N))
	}
	for n := 0; n < N; n++ {
		plane := dst[n*OH*OW : (n+1)*OH*OW]
		bn := b[n]
		for i := range plane {
			plane[i] = bn
		}
		for c := 0; c < C; c++ {
			src := in[c*H*W : (c+1)*H*W]
			k := w[(n*C+c)*25 : (n*C+c)*25+25]
			for ky := 0; ky < 5; ky++ {
				kr := k[ky*5 : ky*5+5 : ky*5+5]
				k0, k1, k2, k3, k4 := kr[0], kr[1], kr[2], kr[3], kr[4]
				for oy := 0; oy < OH; oy++ {
					o := plane[oy*OW : oy*OW+OW : oy*OW+OW]
					s := src[(oy+ky)*W : (oy+ky)*W+W]
					s = s[:len(o)+4]
					for x := range o {
						t := s[x : x+5 : x+5]
						o[x] += k0*t[0] + k1*t[1] + k2*t[2] + k3*t[3] + k4*t[4]
					}
				}
			}
		}
	}
}

// Conv5Backward is Conv2DBackward for Conv5's geometry: it adds to dW, dB
// and dIn the gradients for dOut (see Conv2DBackward's formulas), skipping
// the output positions whose gradient is zero. A nil dIn, dW or dB is
// skipped. It panics if a buffer does not fit the sizes.
func Conv5Backward(dIn, dW, dB, dOut, in, w []float32, C, H, W, N int) {
	OH, OW := H-4, W-4
	if C < 1 || N < 1 || OH < 1 || OW < 1 || len(in) != C*H*W || len(w) != N*C*25 || len(dOut) != N*OH*OW ||
		(dIn != nil && len(dIn) != len(in)) || (dW != nil && len(dW) != len(w)) || (dB != nil && len(dB) != N) {
		panic(msg.Sprintf("cnn: Conv5Backward buffers dIn %d, dW %d, dB %d, dOut %d, in %d, w %d do not fit C %d, H %d, W %d, N %d",
			len(dIn), len(dW), len(dB), len(dOut), len(in), len(w), C, H, W, N))
	}
	for n := 0; n < N; n++ {
		plane := dOut[n*OH*OW : (n+1)*OH*OW]
		if dB != nil {
			var sum float32
			for _, v := range plane {
				sum += v
			}
			dB[n] += sum
		}
		if dW == nil && dIn == nil {
			continue
		}
		for oy := 0; oy < OH; oy++ {
			for ox, d := range plane[oy*OW : oy*OW+OW] {
				if d == 0 {
					continue
				}
				for c := 0; c < C; c++ {
					ko := (n*C + c) * 25
					io := c*H*W + oy*W + ox
					for ky := 0; ky < 5; ky++ {
						if dW != nil {
							s := in[io+ky*W : io+ky*W+5 : io+ky*W+5]
							dk := dW[ko+ky*5 : ko+ky*5+5 : ko+ky*5+5]
							dk[0] += d * s[0]
							dk[1] += d * s[1]
							dk[2] += d * s[2]
							dk[3] += d * s[3]
							dk[4] += d * s[4]
						}
						if dIn != nil {
							k := w[ko+ky*5 : ko+ky*5+5 : ko+ky*5+5]
							di := dIn[io+ky*W : io+ky*W+5 : io+ky*W+5]
							di[0] += d * k[0]
							di[1] += d * k[1]
							di[2] += d * k[2]
							di[3] += d * k[3]
							di[4] += d * k[4]
						}
					}
				}
			}
		}
	}
}
