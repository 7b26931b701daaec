package cnn

import "github.com/seecnn/lenet/cnn/internal/msg"

// PoolMode selects how a pooling window is summarised.
type PoolMode int

const (
	// MaxPool keeps the largest value in each window.
	MaxPool PoolMode = iota
	// AvgPool keeps the mean of each window.
	AvgPool
)

func (m PoolMode) String() string {
	switch m {
	case MaxPool:
		return "max"
	case AvgPool:
		return "average"
	}
	return msg.Sprintf("PoolMode(%d)", int(m))
}

// PoolOptions are the settings of a pooling layer. Pooling has no learned
// parameters.
type PoolOptions struct {
	Size   int // window side, ≥ 1
	Stride int // step, ≥ 1
	Mode   PoolMode
}

// PoolGeometry checks pooling an input of shape in and returns its sizes.
func PoolGeometry(in Shape, o PoolOptions) (Geometry, error) {
	if in.C < 1 || in.C > MaxDim {
		return Geometry{}, msg.Errorf("cnn: input channels must be between 1 and %d, got %d", MaxDim, in.C)
	}
	if o.Mode != MaxPool && o.Mode != AvgPool {
		return Geometry{}, msg.Errorf("cnn: unknown pooling mode %v", o.Mode)
	}
	oh, err := outputSize("height", in.H, o.Size, 0, o.Stride)
	if err != nil {
		return Geometry{}, err
	}
	ow, err := outputSize("width", in.W, o.Size, 0, o.Stride)
	if err != nil {
		return Geometry{}, err
	}
	return Geometry{In: in, Out: Shape{in.C, oh, ow}, KH: o.Size, KW: o.Size, Stride: o.Stride}, nil
}

// Pool2D pools every channel of in separately. For max pooling it also
// returns, for every output value, the index in in.Data of the input that
// won (the first one, reading row by row, when several tie); for average
// pooling that slice is nil.
func Pool2D(in *Tensor, o PoolOptions) (out *Tensor, winners []int32, err error) {
	if in == nil {
		return nil, nil, msg.Errorf("cnn: no input tensor")
	}
	g, err := PoolGeometry(in.Shape, o)
	if err != nil {
		return nil, nil, err
	}
	if in.Len() != len(in.Data) {
		return nil, nil, msg.Errorf("cnn: input tensor of shape %v holds %d values", in.Shape, len(in.Data))
	}
	out = NewTensor(g.Out.C, g.Out.H, g.Out.W)
	if o.Mode == MaxPool {
		winners = make([]int32, out.Len())
		maxPoolInto(out.Data, winners, in.Data, g)
	} else {
		avgPoolInto(out.Data, in.Data, g)
	}
	return out, winners, nil
}

// maxPoolInto: in is (C, H, W), dst and arg are (C, OH, OW).
func maxPoolInto(dst []float32, arg []int32, in []float32, g Geometry) {
	H, W := g.In.H, g.In.W
	OH, OW, k, s := g.Out.H, g.Out.W, g.KH, g.Stride
	i := 0
	for c := 0; c < g.In.C; c++ {
		base := c * H * W
		for oy := 0; oy < OH; oy++ {
			for ox := 0; ox < OW; ox++ {
				best := base + oy*s*W + ox*s
				bv := in[best]
				for y := oy * s; y < oy*s+k; y++ {
					r := base + y*W
					for x := ox * s; x < ox*s+k; x++ {
						if v := in[r+x]; v > bv {
							bv, best = v, r+x
						}
					}
				}
				dst[i] = bv
				if arg != nil {
					arg[i] = int32(best)
				}
				i++
			}
		}
	}
}

// avgPoolInto: in is (C, H, W), dst is (C, OH, OW).
func avgPoolInto(dst, in []float32, g Geometry) {
	H, W := g.In.H, g.In.W
	OH, OW, k, s := g.Out.H, g.Out.W, g.KH, g.Stride
	inv := 1 / float32(k*k)
	i := 0
	for c := 0; c < g.In.C; c++ {
		base := c * H * W
		for oy := 0; oy < OH; oy++ {
			for ox := 0; ox < OW; ox++ {
				var sum float32
				for y := oy * s; y < oy*s+k; y++ {
					r := base + y*W
					for x := ox * s; x < ox*s+k; x++ {
						sum += in[r+x]
					}
				}
				dst[i] = sum * inv
				i++
			}
		}
	}
}

// MaxPoolInto is max pooling without checks or allocation for a geometry
// from PoolGeometry; arg may be nil.
func MaxPoolInto(dst []float32, arg []int32, in []float32, g Geometry) {
	if len(dst) != g.Out.Len() || len(in) != g.In.Len() || (arg != nil && len(arg) != len(dst)) {
		panic(msg.Sprintf("cnn: MaxPoolInto buffers %d, %d do not fit %s", len(dst), len(in), g.fields()))
	}
	maxPoolInto(dst, arg, in, g)
}

// AvgPoolInto is average pooling without checks or allocation.
func AvgPoolInto(dst, in []float32, g Geometry) {
	if len(dst) != g.Out.Len() || len(in) != g.In.Len() {
		panic(msg.Sprintf("cnn: AvgPoolInto buffers %d, %d do not fit %s", len(dst), len(in), g.fields()))
	}
	avgPoolInto(dst, in, g)
}
