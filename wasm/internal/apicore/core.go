package apicore

import (
	"errors"
	"math"
	"strings"
	"unsafe"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Limits on what a caller may ask for, so that a bad request is a
// RangeError and not an attempt to allocate gigabytes or to compute for
// minutes.
const (
	MaxPixels       = 1 << 22 // pixels of an image given to predict (e.g. 2048×2048)
	MaxValues       = 1 << 22 // values of one tensor given to or returned by conv2d and pool2d
	MaxMACs         = 1 << 30 // multiply-accumulates of one conv2d call
	MaxScratchBytes = 1 << 26 // the exchange buffer
)

// Format is how predict's image data is stored in the scratch buffer.
type Format int32

const (
	Gray8   Format = 1 // w·h bytes, 0 black … 255 white
	RGBA8   Format = 2 // w·h·4 bytes, red, green, blue, alpha
	GrayF32 Format = 3 // w·h float32, 0 black … 1 white
)

func (f Format) String() string {
	switch f {
	case Gray8:
		return "grey bytes"
	case RGBA8:
		return "RGBA bytes"
	case GrayF32:
		return "grey floats"
	}
	return "unknown format"
}

// Core holds the network and every buffer the JavaScript side reads or
// writes. The buffers never move: Go's collector does not move objects, and
// Core keeps them alive.
type Core struct {
	Net  *lenet.Net
	Meta string // provenance of the weights
	// MaxInput is the largest |value| predict accepts: below it no sum in
	// the network can overflow float32 (see InputBound).
	MaxInput float32
	// Acts holds every layer's output of the last predict; for a blank
	// canvas it is all zero.
	Acts lenet.Activations

	prep    canvas.Result
	img     canvas.Image
	grey    []float32
	scratch []float32

	// Result is the tensor the last Conv2D, Pool2D or Explain returned.
	Result      []float32
	ResultShape cnn.Shape

	ex explainer // Explain's maps (explain.go)
}

// New returns a Core running the weights shipped inside the program.
func New() (*Core, error) {
	w, err := lenet.Pretrained()
	if err != nil {
		return nil, err
	}
	n := w.Net.Clone()
	return &Core{Net: n, Meta: w.Meta, MaxInput: InputBound(n)}, nil
}

// SetWeights replaces the network's parameters by a weights file (the
// format of lenet.Encode). On error the network is unchanged.
func (c *Core) SetWeights(file []byte) error {
	w, err := lenet.Decode(file)
	if err != nil {
		return rangeErr("load: the weights are not usable: %s", strings.TrimPrefix(err.Error(), "lenet: "))
	}
	c.Net, c.Meta, c.MaxInput = w.Net, w.Meta, InputBound(w.Net)
	return nil
}

// InputBound returns the largest |x| such that no sum inside n can
// overflow float32 when every input value lies in [−x, x]. Layer by
// layer, a bound B on the inputs gives the bound
//
//	B′ = B · maxₙ Σ|wₙ| + maxₙ |bₙ|
//
// on the outputs (ReLU and pooling do not raise it); the result keeps the
// largest of these 2²⁰ times under float32's largest value, room for the
// Winograd transforms of C3 (which scale by up to 8) and for rounding.
// For the shipped weights the network amplifies by about 1.5·10⁶, so the
// bound is about 2·10²⁶: far beyond any image, and it makes predict refuse
// inputs whose overflow a later layer would hide (ReLU turns −∞ into 0).
func InputBound(n *lenet.Net) float32 {
	gain, worst := 1.0, 1.0 // the bound for inputs in [−1, 1], and its largest value
	p := n.Params
	for i := 0; i+1 < len(lenet.ParamShapes); i += 2 {
		w := lenet.ParamShapes[i]
		rows, per := w[0], 1 // weights (rows, …): each row is one output's
		for _, d := range w[1:] {
			per *= d
		}
		var rowMax, biasMax float64
		for r := range rows {
			var sum float64
			for _, v := range p[r*per : (r+1)*per] {
				sum += math.Abs(float64(v))
			}
			rowMax = max(rowMax, sum)
		}
		p = p[rows*per:]
		for _, v := range p[:rows] {
			biasMax = max(biasMax, math.Abs(float64(v)))
		}
		p = p[rows:]
		gain = gain*rowMax + biasMax
		worst = max(worst, gain)
	}
	return float32(math.MaxFloat32 / (1 << 20) / worst)
}

// Reserve makes the scratch buffer hold at least n bytes. JavaScript writes
// the arguments of the next call there, and asks for room only after the
// call's Check function accepted its sizes, so a refused call grows
// nothing. The buffer grows at least twofold, to keep the number of
// growths small, but never past MaxScratchBytes. Growing it may grow the
// WebAssembly memory, so JavaScript must renew its views afterwards.
func (c *Core) Reserve(n int) error {
	if n < 0 || n > MaxScratchBytes {
		return rangeErr("the arguments take %d bytes, more than the %d this API accepts in one call", n, MaxScratchBytes)
	}
	if floats := (n + 3) / 4; floats > len(c.scratch) {
		c.scratch = make([]float32, min(max(floats, 2*len(c.scratch), 4096), MaxScratchBytes/4))
	}
	return nil
}

// Scratch returns the scratch buffer as float32 values.
func (c *Core) Scratch() []float32 { return c.scratch }

// ScratchBytes returns the scratch buffer as bytes.
func (c *Core) ScratchBytes() []byte {
	if len(c.scratch) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&c.scratch[0])), 4*len(c.scratch))
}

// CheckPredict checks the sizes of a Predict call without reading the
// scratch buffer: the error Predict would return for them, or nil.
func CheckPredict(f Format, w, h, n int, preprocess bool) error {
	if f != Gray8 && f != RGBA8 && f != GrayF32 {
		return typeErr("predict: unknown image format %d", int(f))
	}
	if w < 1 || h < 1 {
		return rangeErr("predict: the image is %d×%d; width and height must be at least 1", w, h)
	}
	if !preprocess {
		if w != lenet.InputSide || h != lenet.InputSide {
			return rangeErr("predict: without preprocessing the image must be exactly 32×32 (got %d×%d); "+
				"use {preprocess: true} to centre and scale a drawing of any size", w, h)
		}
	} else if w > canvas.MaxSide || h > canvas.MaxSide || w*h > MaxPixels {
		return rangeErr("predict: the image is %d×%d; at most %d pixels a side and %d pixels in all are accepted", w, h, canvas.MaxSide, MaxPixels)
	}
	need := w * h
	if f == RGBA8 {
		need *= 4
	}
	if n != need {
		return rangeErr("predict: %d values do not fill a %d×%d image of %v (need %d)", n, w, h, f, need)
	}
	return nil
}

// Predict runs the network on a w×h image of format f held in the first n
// elements (bytes or floats) of the scratch buffer. With preprocess the
// canvas preprocessing turns any size into the 32×32 input; without it the
// image must be 32×32 and goes in as it is. It returns Empty (with all
// activations zero) for a blank canvas.
func (c *Core) Predict(f Format, w, h, n int, preprocess bool) (Status, error) {
	if err := CheckPredict(f, w, h, n, preprocess); err != nil {
		return 0, err
	}
	size := n
	if f == GrayF32 {
		size *= 4
	}
	if size > 4*len(c.scratch) {
		return 0, &Error{Status: Internal, Msg: "predict: the image was not copied into the exchange buffer"}
	}

	var img canvas.Image
	var err error
	switch f {
	case Gray8:
		img = c.gray8(w, h, c.ScratchBytes()[:n])
	case RGBA8:
		err = c.img.SetRGBA8(w, h, c.ScratchBytes()[:n])
		img = c.img
	case GrayF32:
		pix := c.scratch[:n]
		if i, bad := firstNonFinite(pix); bad {
			return 0, rangeErr("predict: pixel (%d, %d) is %v; values must be finite numbers", i%w, i/w, pix[i])
		}
		if preprocess {
			for i, v := range pix {
				if v < 0 || v > 1 {
					return 0, rangeErr("predict: pixel (%d, %d) is %v; grey floats must lie in 0..1 (0 black, 1 white)", i%w, i/w, v)
				}
			}
		}
		img = canvas.Image{Width: w, Height: h, Pix: pix}
	}
	if err != nil {
		return 0, rangeErr("predict: %s", strings.TrimPrefix(err.Error(), "canvas: "))
	}
	x := img.Pix
	if !preprocess {
		for i, v := range x {
			if v > c.MaxInput || v < -c.MaxInput {
				return 0, rangeErr("predict: pixel (%d, %d) is %v; values beyond ±%v could overflow float32 inside the network; keep them near 0..1",
					i%w, i/w, v, c.MaxInput)
			}
		}
	}
	if preprocess {
		if err := canvas.PreprocessInto(&c.prep, img); err != nil {
			if errors.Is(err, canvas.ErrEmpty) {
				c.Acts = lenet.Activations{}
				return Empty, nil
			}
			return 0, rangeErr("predict: %s", strings.TrimPrefix(err.Error(), "canvas: "))
		}
		x = c.prep.Input[:]
	}
	c.Net.Forward(x, &c.Acts)
	if name, bad := c.overflowed(); bad {
		return 0, rangeErr("predict: the input values are so large that %s overflows float32 (largest finite value about 3.4e38); keep them near 0..1", name)
	}
	return OK, nil
}

// overflowed names the first layer of the last predict that holds a value
// beyond float32's range (or NaN, which an overflow leaves behind).
// Checking the probabilities alone would miss an overflow that a later
// layer hides (ReLU turns −∞ into 0, and max pooling can drop a NaN).
func (c *Core) overflowed() (string, bool) {
	a := &c.Acts
	for _, l := range [...]struct {
		name string
		v    []float32
	}{{"C1", a.C1[:]}, {"S2", a.S2[:]}, {"C3", a.C3[:]}, {"S4", a.S4[:]}, {"C5", a.C5[:]}, {"F6", a.F6[:]}, {"Output", a.Logits[:]}, {"Output", a.Probs[:]}} {
		if _, bad := firstNonFinite(l.v); bad {
			return l.name, true
		}
	}
	return "", false
}

// gray8 is canvas.FromGray8 into a buffer kept between calls, so that
// predicting from grey bytes allocates nothing (TestGray8MatchesCanvas holds
// the two together).
func (c *Core) gray8(w, h int, pix []byte) canvas.Image {
	if cap(c.grey) < len(pix) {
		c.grey = make([]float32, len(pix))
	}
	g := c.grey[:len(pix)]
	for i, v := range pix {
		g[i] = float32(v) / 255
	}
	return canvas.Image{Width: w, Height: h, Pix: g}
}

// firstNonFinite returns the index of the first NaN or infinite value.
// Every value is first checked on its bits, without branches: a float32 is
// NaN or infinite when its 8 exponent bits are all ones, and then adding
// 1 to them sets bit 31.
func firstNonFinite(v []float32) (int, bool) {
	u := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(v))), len(v))
	var any uint32
	for _, b := range u {
		any |= b&0x7f800000 + 0x00800000
	}
	if any>>31 == 0 {
		return 0, false
	}
	for i, x := range v {
		if x-x != 0 { // NaN and ±Inf give NaN
			return i, true
		}
	}
	return 0, false
}

// Label is the most probable class of the last predict.
func (c *Core) Label() int { return c.Acts.Label() }

// Layer is one buffer of Activations that JavaScript reads.
type Layer struct {
	Name  string
	Shape cnn.Shape
	Data  []float32
}

// Layers lists the buffers JavaScript reads after predict: the layers of
// lenet.LayerIDs in order, Input to Output (the logits), then Probs.
func (c *Core) Layers() []Layer {
	ls := make([]Layer, 0, lenet.NumLayerIDs+1)
	for _, id := range lenet.LayerIDs {
		ls = append(ls, Layer{Name: id.String(), Shape: id.Shape(), Data: id.Values(&c.Acts)})
	}
	return append(ls, Layer{Name: "Probs", Shape: lenet.Output.Shape(), Data: c.Acts.Probs[:]})
}

func cnnErr(fn string, err error) error {
	return rangeErr("%s: %s", fn, strings.TrimPrefix(err.Error(), "cnn: "))
}

func checkDims(fn, what string, dims ...int) error {
	total := 1
	for _, d := range dims {
		if d < 1 || d > cnn.MaxDim {
			return rangeErr("%s: every dimension of the %s must be between 1 and %d, got %v", fn, what, cnn.MaxDim, dims)
		}
		total *= d // at most MaxDim⁴ = 2⁵⁶: no overflow
	}
	if total > MaxValues {
		return rangeErr("%s: the %s would hold %d values; at most %d are accepted", fn, what, total, MaxValues)
	}
	return nil
}

func checkFinite(fn, what string, v []float32) error {
	if i, bad := firstNonFinite(v); bad {
		return rangeErr("%s: %s[%d] is %v; values must be finite numbers", fn, what, i, v[i])
	}
	return nil
}

// ConvArgs are conv2d's arguments. The scratch buffer holds, as float32,
// the input (C, H, W), then the kernels (N, KC, KH, KW), then N biases if
// Bias is set.
type ConvArgs struct {
	C, H, W       int
	N, KC, KH, KW int
	Padding       int
	Same          bool
	Stride        int
	Mode          int // 0 correlation, 1 convolution
	Bias          bool
}

// Floats is how many float32 values of the scratch buffer the call reads.
func (a ConvArgs) Floats() int {
	n := a.C*a.H*a.W + a.N*a.KC*a.KH*a.KW
	if a.Bias {
		n += a.N
	}
	return n
}

// geometry checks every size of a conv2d call and returns its geometry.
func (a ConvArgs) geometry() (cnn.Geometry, error) {
	const fn = "conv2d"
	if err := checkDims(fn, "input", a.C, a.H, a.W); err != nil {
		return cnn.Geometry{}, err
	}
	if err := checkDims(fn, "kernels", a.N, a.KC, a.KH, a.KW); err != nil {
		return cnn.Geometry{}, err
	}
	if a.KC != a.C {
		return cnn.Geometry{}, rangeErr("%s: the input has %d channel(s) but the kernels have %d; they must match", fn, a.C, a.KC)
	}
	if a.Mode != int(cnn.Correlation) && a.Mode != int(cnn.Convolution) {
		return cnn.Geometry{}, rangeErr("%s: unknown mode %d", fn, a.Mode)
	}
	k := &cnn.Kernels{N: a.N, C: a.KC, H: a.KH, W: a.KW}
	g, err := cnn.ConvGeometry(cnn.Shape{C: a.C, H: a.H, W: a.W}, k, cnn.ConvOptions{Stride: a.Stride, Padding: a.Padding, Same: a.Same})
	if err != nil {
		return g, cnnErr(fn, err)
	}
	if n := g.Out.Len(); n > MaxValues {
		return g, rangeErr("%s: the output would be %v = %d values; at most %d are accepted", fn, g.Out, n, MaxValues)
	}
	if macs := int64(g.Out.Len()) * int64(a.C*a.KH*a.KW); macs > MaxMACs {
		return g, rangeErr("%s: this takes %d multiply-accumulates; at most %d are accepted in one call", fn, macs, int64(MaxMACs))
	}
	return g, nil
}

// CheckConv2D checks the sizes of a Conv2D call without reading the
// scratch buffer: the error Conv2D would return for them, or nil.
func CheckConv2D(a ConvArgs) error {
	_, err := a.geometry()
	return err
}

// Conv2D runs a convolution or correlation and leaves the output in Result.
// Sums beyond float32's range are an error, as they are for Predict.
func (c *Core) Conv2D(a ConvArgs) error {
	const fn = "conv2d"
	if _, err := a.geometry(); err != nil {
		return err
	}
	nIn, nK, nB := a.C*a.H*a.W, a.N*a.KC*a.KH*a.KW, 0
	if a.Bias {
		nB = a.N
	}
	if nIn+nK+nB > len(c.scratch) {
		return &Error{Status: Internal, Msg: fn + ": the arguments were not copied into the exchange buffer"}
	}
	in, ker := c.scratch[:nIn:nIn], c.scratch[nIn:nIn+nK:nIn+nK]
	var bias []float32
	if a.Bias {
		bias = c.scratch[nIn+nK : nIn+nK+nB : nIn+nK+nB]
	}
	if err := checkFinite(fn, "input.data", in); err != nil {
		return err
	}
	if err := checkFinite(fn, "kernels.data", ker); err != nil {
		return err
	}
	if err := checkFinite(fn, "bias", bias); err != nil {
		return err
	}
	t, _ := cnn.TensorFrom(a.C, a.H, a.W, in)
	k, err := cnn.KernelsFrom(a.N, a.KC, a.KH, a.KW, ker)
	if err != nil {
		return cnnErr(fn, err)
	}
	out, err := cnn.Conv2D(t, k, cnn.ConvOptions{Stride: a.Stride, Padding: a.Padding, Same: a.Same, Bias: bias, Mode: cnn.Mode(a.Mode)})
	if err != nil {
		return cnnErr(fn, err)
	}
	if err := checkOverflow(fn, out); err != nil {
		return err
	}
	c.Result, c.ResultShape = out.Data, out.Shape
	return nil
}

// checkOverflow reports an output value that overflowed float32: the
// inputs are finite, so an infinite or NaN output is a sum beyond
// ±3.4·10³⁸.
func checkOverflow(fn string, out *cnn.Tensor) error {
	i, bad := firstNonFinite(out.Data)
	if !bad {
		return nil
	}
	s := out.Shape
	return rangeErr("%s: output (%d, %d, %d) is %v: the sum overflows float32 (largest finite value about 3.4e38); scale the inputs down",
		fn, i/(s.H*s.W), i/s.W%s.H, i%s.W, out.Data[i])
}

// PoolArgs are pool2d's arguments; the scratch buffer holds the input
// (C, H, W) as float32.
type PoolArgs struct {
	C, H, W      int
	Size, Stride int
	Mode         int // 0 max, 1 average
}

// Floats is how many float32 values of the scratch buffer the call reads.
func (a PoolArgs) Floats() int { return a.C * a.H * a.W }

// CheckPool2D checks the sizes of a Pool2D call without reading the
// scratch buffer: the error Pool2D would return for them, or nil.
func CheckPool2D(a PoolArgs) error {
	const fn = "pool2d"
	if err := checkDims(fn, "input", a.C, a.H, a.W); err != nil {
		return err
	}
	if a.Mode != int(cnn.MaxPool) && a.Mode != int(cnn.AvgPool) {
		return rangeErr("%s: unknown mode %d", fn, a.Mode)
	}
	o := cnn.PoolOptions{Size: a.Size, Stride: a.Stride, Mode: cnn.PoolMode(a.Mode)}
	g, err := cnn.PoolGeometry(cnn.Shape{C: a.C, H: a.H, W: a.W}, o)
	if err != nil {
		return cnnErr(fn, err)
	}
	if ops := int64(g.Out.Len()) * int64(a.Size) * int64(a.Size); ops > MaxMACs {
		return rangeErr("%s: this takes %d window reads; at most %d are accepted in one call", fn, ops, int64(MaxMACs))
	}
	return nil
}

// Pool2D pools every channel and leaves the output in Result. An average
// beyond float32's range is an error, as in Conv2D.
func (c *Core) Pool2D(a PoolArgs) error {
	const fn = "pool2d"
	if err := CheckPool2D(a); err != nil {
		return err
	}
	n := a.Floats()
	if n > len(c.scratch) {
		return &Error{Status: Internal, Msg: fn + ": the input was not copied into the exchange buffer"}
	}
	in := c.scratch[:n:n]
	if err := checkFinite(fn, "input.data", in); err != nil {
		return err
	}
	t, _ := cnn.TensorFrom(a.C, a.H, a.W, in)
	out, _, err := cnn.Pool2D(t, cnn.PoolOptions{Size: a.Size, Stride: a.Stride, Mode: cnn.PoolMode(a.Mode)})
	if err != nil {
		return cnnErr(fn, err)
	}
	if err := checkOverflow(fn, out); err != nil {
		return err
	}
	c.Result, c.ResultShape = out.Data, out.Shape
	return nil
}
