package train

// conv5 is a 5×5 correlation with stride 1 and no padding, the only kind
// LeNet-5 has, written for speed: in is (C, H, W), w is (N, C, 5, 5), b is N
// long, dst is (N, H−4, W−4). Each kernel row's five values are held in
// locals while they sweep the output rows. It computes the same sums as
// cnn.Conv2DInto, in a different order.
func conv5(dst, in, w, b []float32, C, H, W, N int) {
	OH, OW := H-4, W-4
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

// conv5Backward is cnn.Conv2DBackward for conv5's geometry, unrolled along
// the kernel rows: it adds to dW, dB and (if not nil) dIn the gradients for
// dOut, skipping the output positions whose gradient is zero.
func conv5Backward(dIn, dW, dB, dOut, in, w []float32, C, H, W, N int) {
	OH, OW := H-4, W-4
	for n := 0; n < N; n++ {
		plane := dOut[n*OH*OW : (n+1)*OH*OW]
		var sum float32
		for _, v := range plane {
			sum += v
		}
		dB[n] += sum
		for oy := 0; oy < OH; oy++ {
			for ox, d := range plane[oy*OW : oy*OW+OW] {
				if d == 0 {
					continue
				}
				for c := 0; c < C; c++ {
					ko := (n*C + c) * 25
					io := c*H*W + oy*W + ox
					for ky := 0; ky < 5; ky++ {
						s := in[io+ky*W : io+ky*W+5 : io+ky*W+5]
						dk := dW[ko+ky*5 : ko+ky*5+5 : ko+ky*5+5]
						dk[0] += d * s[0]
						dk[1] += d * s[1]
						dk[2] += d * s[2]
						dk[3] += d * s[3]
						dk[4] += d * s[4]
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
