package cnn

import (
	"math"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Backward passes. Each takes the gradient of the loss with respect to a
// layer's output (named dOut, or dY) and the values the forward pass saw, and
// ADDS the gradients with respect to the layer's input and parameters to the
// d… buffers it is given, so that a mini-batch accumulates into one place.
// A nil d… buffer is skipped (the first layer needs no input gradient).
// Only a programmer can pass buffers of the wrong length; that panics.

// Conv2DBackward is the backward pass of a correlation with geometry g (see
// ConvGeometry): in is g.In, w is (g.Out.C, g.In.C, g.KH, g.KW), dOut is
// g.Out. With out[n][y][x] = b[n] + Σ_c Σ_i Σ_j in[c][y·s+i−p][x·s+j−p]·w[n][c][i][j]
// it accumulates
//
//	dW[n][c][i][j]      += Σ_y Σ_x dOut[n][y][x] · in[c][y·s+i−p][x·s+j−p]
//	dB[n]               += Σ_y Σ_x dOut[n][y][x]
//	dIn[c][y·s+i−p][…]  += dOut[n][y][x] · w[n][c][i][j]
//
// (padding positions receive nothing). It walks the output positions and
// skips those whose gradient is zero, which after max pooling and ReLU are
// most of them.
func Conv2DBackward(dIn, dW, dB, dOut, in, w []float32, g Geometry) {
	nw := g.Out.C * g.In.C * g.KH * g.KW
	if len(dOut) != g.Out.Len() || len(in) != g.In.Len() || len(w) != nw ||
		(dIn != nil && len(dIn) != g.In.Len()) || (dW != nil && len(dW) != nw) || (dB != nil && len(dB) != g.Out.C) {
		panic(msg.Sprintf("cnn: Conv2DBackward buffers dIn %d, dW %d, dB %d, dOut %d, in %d, w %d do not fit %s",
			len(dIn), len(dW), len(dB), len(dOut), len(in), len(w), g.fields()))
	}
	C, H, W := g.In.C, g.In.H, g.In.W
	N, OH, OW := g.Out.C, g.Out.H, g.Out.W
	KH, KW, s := g.KH, g.KW, g.Stride
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
			// Kernel rows whose input row iy = oy·s + ky − PadY is inside.
			ky0, ky1 := max(0, g.PadY-oy*s), min(KH, H+g.PadY-oy*s)
			for ox := 0; ox < OW; ox++ {
				d := plane[oy*OW+ox]
				if d == 0 {
					continue
				}
				kx0, kx1 := max(0, g.PadX-ox*s), min(KW, W+g.PadX-ox*s)
				if kx0 >= kx1 || ky0 >= ky1 {
					continue
				}
				ix0 := ox*s + kx0 - g.PadX
				cols := kx1 - kx0
				for c := 0; c < C; c++ {
					kbase := (n*C + c) * KH * KW
					for ky := ky0; ky < ky1; ky++ {
						iy := oy*s + ky - g.PadY
						src := in[c*H*W+iy*W+ix0 : c*H*W+iy*W+ix0+cols]
						ko := kbase + ky*KW + kx0
						if dW != nil {
							dk := dW[ko : ko+cols]
							for j, v := range src {
								dk[j] += d * v
							}
						}
						if dIn != nil {
							k := w[ko : ko+cols]
							di := dIn[c*H*W+iy*W+ix0 : c*H*W+iy*W+ix0+cols]
							for j, v := range k {
								di[j] += d * v
							}
						}
					}
				}
			}
		}
	}
}

// MaxPoolBackward routes each output gradient to the input that won its
// window: dIn[winners[i]] += dOut[i], with winners from Pool2D or
// MaxPoolInto.
func MaxPoolBackward(dIn, dOut []float32, winners []int32) {
	if len(winners) != len(dOut) {
		panic(msg.Sprintf("cnn: MaxPoolBackward with %d gradients and %d winners", len(dOut), len(winners)))
	}
	for i, d := range dOut {
		w := int(winners[i])
		if w < 0 || w >= len(dIn) {
			panic(msg.Sprintf("cnn: MaxPoolBackward winner %d outside an input of %d", w, len(dIn)))
		}
		dIn[w] += d
	}
}

// MaxPoolBackwardIn is MaxPoolBackward for a caller that kept no winners:
// for each non-zero dOut it finds the first largest value of the output's
// window in in (the pooling's input, of shape g.In), in row order as
// MaxPoolInto picks it, and adds the gradient there. Windows whose
// gradient is zero are not searched, so after ReLU and a sparse backward
// pass most are skipped.
func MaxPoolBackwardIn(dIn, dOut, in []float32, g Geometry) {
	if len(dIn) != g.In.Len() || len(in) != g.In.Len() || len(dOut) != g.Out.Len() {
		panic(msg.Sprintf("cnn: MaxPoolBackwardIn buffers %d, %d, %d do not fit %s", len(dIn), len(dOut), len(in), g.fields()))
	}
	H, W := g.In.H, g.In.W
	OH, OW, k, s := g.Out.H, g.Out.W, g.KH, g.Stride
	for i, d := range dOut {
		if d == 0 {
			continue
		}
		c, oy, ox := i/(OH*OW), i/OW%OH, i%OW
		best := c*H*W + oy*s*W + ox*s
		bv := in[best]
		for y := oy * s; y < oy*s+k; y++ {
			r := c*H*W + y*W
			for x := ox * s; x < ox*s+k; x++ {
				if v := in[r+x]; v > bv {
					bv, best = v, r+x
				}
			}
		}
		dIn[best] += d
	}
}

// AvgPoolBackward spreads each output gradient evenly over its window:
// every input in the window of out[c][y][x] gains dOut[c][y][x]/(k·k).
func AvgPoolBackward(dIn, dOut []float32, g Geometry) {
	if len(dIn) != g.In.Len() || len(dOut) != g.Out.Len() {
		panic(msg.Sprintf("cnn: AvgPoolBackward buffers %d, %d do not fit %s", len(dIn), len(dOut), g.fields()))
	}
	H, W := g.In.H, g.In.W
	OH, OW, k, s := g.Out.H, g.Out.W, g.KH, g.Stride
	inv := 1 / float32(k*k)
	i := 0
	for c := 0; c < g.In.C; c++ {
		base := c * H * W
		for oy := 0; oy < OH; oy++ {
			for ox := 0; ox < OW; ox++ {
				d := dOut[i] * inv
				i++
				for y := oy * s; y < oy*s+k; y++ {
					row := dIn[base+y*W+ox*s : base+y*W+ox*s+k]
					for x := range row {
						row[x] += d
					}
				}
			}
		}
	}
}

// DenseBackward is the backward pass of Dense (out = W·x + b, w is
// (len(dOut), len(x))). It accumulates
//
//	dW[o][i] += dOut[o]·x[i]    dB[o] += dOut[o]    dX[i] += Σ_o dOut[o]·w[o][i]
func DenseBackward(dX, dW, dB, dOut, x, w []float32) {
	n1, n2 := len(x), len(dOut)
	if len(w) != n1*n2 || (dX != nil && len(dX) != n1) || (dW != nil && len(dW) != n1*n2) || (dB != nil && len(dB) != n2) {
		panic(msg.Sprintf("cnn: DenseBackward with %d inputs, %d outputs, %d weights, dX %d, dW %d, dB %d",
			n1, n2, len(w), len(dX), len(dW), len(dB)))
	}
	for o, d := range dOut {
		if d == 0 {
			continue
		}
		if dB != nil {
			dB[o] += d
		}
		if dW != nil {
			row := dW[o*n1 : (o+1)*n1 : (o+1)*n1]
			xx := x[:len(row)]
			for i, v := range xx {
				row[i] += d * v
			}
		}
		if dX != nil {
			row := w[o*n1 : (o+1)*n1 : (o+1)*n1]
			dx := dX[:len(row)]
			i := 0
			for ; i+4 <= len(row); i += 4 {
				r, x := row[i:i+4:i+4], dx[i:i+4:i+4]
				x[0] += d * r[0]
				x[1] += d * r[1]
				x[2] += d * r[2]
				x[3] += d * r[3]
			}
			for ; i < len(row); i++ {
				dx[i] += d * row[i]
			}
		}
	}
}

// Backward turns the gradient with respect to the activation's output into
// the gradient with respect to its input: dX[i] = dY[i]·f′, where f′ is
// written with the output y = f(x) the forward pass kept (ReLU: 1 if y > 0;
// tanh: 1 − y²; sigmoid: y·(1 − y); identity: 1). dX may be dY.
func (a Activation) Backward(dX, dY, y []float32) {
	if len(dX) != len(dY) || len(y) != len(dY) {
		panic(msg.Sprintf("cnn: %v backward with %d, %d, %d values", a, len(dX), len(dY), len(y)))
	}
	switch a {
	case Identity:
		copy(dX, dY)
	case ReLU:
		for i, v := range y {
			if v > 0 {
				dX[i] = dY[i]
			} else {
				dX[i] = 0
			}
		}
	case Tanh:
		for i, v := range y {
			dX[i] = dY[i] * (1 - v*v)
		}
	case Sigmoid:
		for i, v := range y {
			dX[i] = dY[i] * v * (1 - v)
		}
	default:
		panic(msg.Sprintf("cnn: unknown activation %v", a))
	}
}

// SoftmaxCrossEntropy returns the cross-entropy loss −log softmax(z)[label]
// and writes its gradient with respect to the logits, softmax(z) − onehot,
// into dZ (overwritten, not accumulated). It is computed from the logits in
// float64 with the maximum taken out, so it is finite for any finite z.
func SoftmaxCrossEntropy(dZ, z []float32, label int) float32 {
	if len(dZ) != len(z) || label < 0 || label >= len(z) {
		panic(msg.Sprintf("cnn: SoftmaxCrossEntropy of %d logits into %d with label %d", len(z), len(dZ), label))
	}
	m := z[0]
	for _, v := range z[1:] {
		if v > m {
			m = v
		}
	}
	var sum float64
	for _, v := range z {
		sum += math.Exp(float64(v - m))
	}
	logSum := math.Log(sum)
	for i, v := range z {
		dZ[i] = float32(math.Exp(float64(v-m) - logSum))
	}
	dZ[label]--
	return float32(logSum - float64(z[label]-m))
}
