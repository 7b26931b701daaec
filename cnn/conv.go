package cnn

import "github.com/seecnn/lenet/cnn/internal/msg"

// Mode selects between the two operations the lecture distinguishes.
type Mode int

const (
	// Correlation slides the kernel over the input as it is; this is what
	// deep-learning libraries call "convolution".
	Correlation Mode = iota
	// Convolution first flips the kernel in both dimensions (bottom to top,
	// right to left) and then correlates.
	Convolution
)

func (m Mode) String() string {
	switch m {
	case Correlation:
		return "correlation"
	case Convolution:
		return "convolution"
	}
	return msg.Sprintf("Mode(%d)", int(m))
}

// Kernels holds N kernels of C×H×W values, stored as (N, C, H, W): the value
// of kernel n at channel c, row y, column x is
//
//	Data[((n*C + c)*H + y)*W + x]
type Kernels struct {
	N, C, H, W int
	Data       []float32
}

// KernelsFrom wraps data as n kernels of c×h×w without copying.
func KernelsFrom(n, c, h, w int, data []float32) (*Kernels, error) {
	if n <= 0 || c <= 0 || h <= 0 || w <= 0 {
		return nil, msg.Errorf("cnn: kernel shape %d×%d×%d×%d must be positive", n, c, h, w)
	}
	if n > MaxDim || c > MaxDim || h > MaxDim || w > MaxDim {
		return nil, msg.Errorf("cnn: kernel shape %d×%d×%d×%d is too large (at most %d per dimension)", n, c, h, w, MaxDim)
	}
	if len(data) != n*c*h*w {
		return nil, msg.Errorf("cnn: %d values do not fill %d kernels of %d×%d×%d (need %d)", len(data), n, c, h, w, n*c*h*w)
	}
	return &Kernels{N: n, C: c, H: h, W: w, Data: data}, nil
}

// Offset returns the index in Data of kernel n's value at (c, y, x).
func (k *Kernels) Offset(n, c, y, x int) int { return ((n*k.C+c)*k.H+y)*k.W + x }

// Flipped returns a copy with every kernel turned by 180 degrees (flipped
// bottom to top and right to left): correlating with it is convolving with k.
func (k *Kernels) Flipped() *Kernels {
	f := &Kernels{N: k.N, C: k.C, H: k.H, W: k.W, Data: make([]float32, len(k.Data))}
	for n := 0; n < k.N; n++ {
		for c := 0; c < k.C; c++ {
			for y := 0; y < k.H; y++ {
				for x := 0; x < k.W; x++ {
					f.Data[f.Offset(n, c, k.H-1-y, k.W-1-x)] = k.Data[k.Offset(n, c, y, x)]
				}
			}
		}
	}
	return f
}

// ConvOptions are the settings of a convolution layer.
type ConvOptions struct {
	// Stride is the step of the window in both directions; it must be ≥ 1.
	Stride int
	// Padding is the number of zero rows and columns added on every side.
	Padding int
	// Same, if set, replaces Padding by (h − 1)/2 so that stride 1 keeps
	// the size (odd kernels only).
	Same bool
	// Bias, if not nil, holds one value per kernel added to its map.
	Bias []float32
	// Mode is Correlation (the default) or Convolution.
	Mode Mode
}

// Geometry is a convolution's or pooling's resolved sizes.
type Geometry struct {
	In, Out            Shape
	KH, KW             int
	Stride, PadY, PadX int
}

// fields writes g as fmt's %+v does, field names and all, for the messages
// of the panics that guard the buffer sizes.
func (g Geometry) fields() string {
	return msg.Sprintf("{In:%v Out:%v KH:%d KW:%d Stride:%d PadY:%d PadX:%d}", g.In, g.Out, g.KH, g.KW, g.Stride, g.PadY, g.PadX)
}

// ConvGeometry checks a convolution of an input of shape in with k and o and
// returns its sizes. Every error says what was expected.
func ConvGeometry(in Shape, k *Kernels, o ConvOptions) (Geometry, error) {
	if k == nil {
		return Geometry{}, msg.Errorf("cnn: no kernels")
	}
	if in.C != k.C {
		return Geometry{}, msg.Errorf("cnn: the input has %d channel(s) but the kernels have %d; they must match", in.C, k.C)
	}
	if in.C < 1 || in.C > MaxDim {
		return Geometry{}, msg.Errorf("cnn: input channels must be between 1 and %d, got %d", MaxDim, in.C)
	}
	if k.N < 1 || k.N > MaxDim {
		return Geometry{}, msg.Errorf("cnn: kernel count must be between 1 and %d, got %d", MaxDim, k.N)
	}
	if o.Bias != nil && len(o.Bias) != k.N {
		return Geometry{}, msg.Errorf("cnn: %d bias value(s) for %d kernel(s); give one per kernel", len(o.Bias), k.N)
	}
	py, px := o.Padding, o.Padding
	if o.Same {
		var err error
		if py, err = SamePadding(k.H); err != nil {
			return Geometry{}, err
		}
		if px, err = SamePadding(k.W); err != nil {
			return Geometry{}, err
		}
	}
	oh, err := outputSize("height", in.H, k.H, py, o.Stride)
	if err != nil {
		return Geometry{}, err
	}
	ow, err := outputSize("width", in.W, k.W, px, o.Stride)
	if err != nil {
		return Geometry{}, err
	}
	out := Shape{k.N, oh, ow}
	if out.Len() > MaxLen {
		return Geometry{}, msg.Errorf("cnn: the output %v would hold %d values, more than %d", out, out.Len(), MaxLen)
	}
	return Geometry{In: in, Out: out, KH: k.H, KW: k.W, Stride: o.Stride, PadY: py, PadX: px}, nil
}

// Conv2D applies the N kernels of k to in and returns an N×H′×W′ tensor:
//
//	out[n][y][x] = bias[n] + Σ_c Σ_i Σ_j in[c][y·s+i−p][x·s+j−p] · k[n][c][i][j]
//
// for correlation, with k turned by 180° for convolution, and zero where the
// index falls into the padding.
func Conv2D(in *Tensor, k *Kernels, o ConvOptions) (*Tensor, error) {
	if in == nil {
		return nil, msg.Errorf("cnn: no input tensor")
	}
	g, err := ConvGeometry(in.Shape, k, o)
	if err != nil {
		return nil, err
	}
	if in.Len() != len(in.Data) {
		return nil, msg.Errorf("cnn: input tensor of shape %v holds %d values", in.Shape, len(in.Data))
	}
	if n := k.N * k.C * k.H * k.W; len(k.Data) != n {
		return nil, msg.Errorf("cnn: %d kernels of %d×%d×%d hold %d values, need %d", k.N, k.C, k.H, k.W, len(k.Data), n)
	}
	if o.Mode == Convolution {
		k = k.Flipped()
	} else if o.Mode != Correlation {
		return nil, msg.Errorf("cnn: unknown mode %v", o.Mode)
	}
	out := NewTensor(g.Out.C, g.Out.H, g.Out.W)
	conv2DInto(out.Data, in.Data, k.Data, o.Bias, g)
	return out, nil
}

// conv2DInto correlates: in is (C, H, W), w is (N, C, KH, KW), dst is
// (N, OH, OW). For every output row it accumulates kernel row by kernel row,
// skipping padded positions with precomputed column ranges.
func conv2DInto(dst, in, w, bias []float32, g Geometry) {
	C, H, W := g.In.C, g.In.H, g.In.W
	N, OH, OW := g.Out.C, g.Out.H, g.Out.W
	KH, KW, s := g.KH, g.KW, g.Stride
	for n := 0; n < N; n++ {
		var b float32
		if bias != nil {
			b = bias[n]
		}
		plane := dst[n*OH*OW : (n+1)*OH*OW]
		for i := range plane {
			plane[i] = b
		}
		for c := 0; c < C; c++ {
			src := in[c*H*W : (c+1)*H*W]
			ker := w[(n*C+c)*KH*KW : (n*C+c+1)*KH*KW]
			for oy := 0; oy < OH; oy++ {
				row := plane[oy*OW : (oy+1)*OW]
				for ky := 0; ky < KH; ky++ {
					iy := oy*s + ky - g.PadY
					if iy < 0 || iy >= H {
						continue
					}
					srow := src[iy*W : (iy+1)*W]
					krow := ker[ky*KW : (ky+1)*KW]
					for kx, kv := range krow {
						if kv == 0 {
							continue
						}
						// ix = ox*s + kx - PadX must lie in [0, W).
						lo := 0
						if d := g.PadX - kx; d > 0 {
							lo = (d + s - 1) / s
						}
						hi := OW
						if lim := (W - 1 + g.PadX - kx); lim < (OW-1)*s {
							if lim < 0 {
								continue
							}
							hi = lim/s + 1
						}
						ix := lo*s + kx - g.PadX
						for ox := lo; ox < hi; ox++ {
							row[ox] += kv * srow[ix]
							ix += s
						}
					}
				}
			}
		}
	}
}

// Conv2DInto is Conv2D without checks or allocation, for callers that have
// validated g with ConvGeometry and own the buffers: in is g.In, w is
// (g.Out.C, g.In.C, g.KH, g.KW), bias is nil or g.Out.C long, dst is g.Out.
// It always correlates.
func Conv2DInto(dst, in, w, bias []float32, g Geometry) {
	if len(dst) != g.Out.Len() || len(in) != g.In.Len() || len(w) != g.Out.C*g.In.C*g.KH*g.KW || (bias != nil && len(bias) != g.Out.C) {
		panic(msg.Sprintf("cnn: Conv2DInto buffers %d, %d, %d, bias %d do not fit %s", len(dst), len(in), len(w), len(bias), g.fields()))
	}
	conv2DInto(dst, in, w, bias, g)
}
