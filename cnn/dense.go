package cnn

import (
	"math"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Dense computes a fully connected layer, dst = W·x + b, where w is
// (len(dst), len(x)) row-major: dst[o] = b[o] + Σ_i w[o*len(x)+i]·x[i].
// b may be nil (no bias). It panics if the lengths disagree.
func Dense(dst, x, w, b []float32) {
	n1, n2 := len(x), len(dst)
	if len(w) != n1*n2 || (b != nil && len(b) != n2) {
		panic(msg.Sprintf("cnn: Dense with %d inputs, %d outputs, %d weights, %d biases", n1, n2, len(w), len(b)))
	}
	for o := range dst {
		row := w[o*n1 : (o+1)*n1 : (o+1)*n1]
		var s0, s1, s2, s3 float32
		i := 0
		for ; i+4 <= n1; i += 4 {
			s0 += row[i] * x[i]
			s1 += row[i+1] * x[i+1]
			s2 += row[i+2] * x[i+2]
			s3 += row[i+3] * x[i+3]
		}
		for ; i < n1; i++ {
			s0 += row[i] * x[i]
		}
		s := (s0 + s1) + (s2 + s3)
		if b != nil {
			s += b[o]
		}
		dst[o] = s
	}
}

// Activation is an element-wise non-linearity.
type Activation int

const (
	Identity Activation = iota
	ReLU
	Tanh
	Sigmoid
)

func (a Activation) String() string {
	switch a {
	case Identity:
		return "identity"
	case ReLU:
		return "ReLU"
	case Tanh:
		return "tanh"
	case Sigmoid:
		return "sigmoid"
	}
	return msg.Sprintf("Activation(%d)", int(a))
}

// Apply returns the activation of one value.
func (a Activation) Apply(v float32) float32 {
	switch a {
	case ReLU:
		if v > 0 {
			return v
		}
		return 0
	case Tanh:
		return float32(math.Tanh(float64(v)))
	case Sigmoid:
		return float32(1 / (1 + math.Exp(-float64(v))))
	}
	return v
}

// ApplyAll replaces every value of v by its activation.
func (a Activation) ApplyAll(v []float32) {
	switch a {
	case Identity:
	case ReLU:
		for i, x := range v {
			if x < 0 {
				v[i] = 0
			}
		}
	default:
		for i, x := range v {
			v[i] = a.Apply(x)
		}
	}
}

// Softmax writes exp(z_i − max z) / Σ_j exp(z_j − max z) into dst. Taking
// the maximum out first keeps exp from overflowing, so very large logits
// give a correct distribution instead of NaN. Infinite logits are the limit
// of large ones: the +Inf values share the probability equally, and if all
// values are −Inf the distribution is uniform. A NaN logit makes every
// probability NaN. It panics if the lengths differ; an empty z is left
// empty.
func Softmax(dst, z []float32) {
	if len(dst) != len(z) {
		panic(msg.Sprintf("cnn: Softmax of %d values into %d", len(z), len(dst)))
	}
	if len(z) == 0 {
		return
	}
	m := z[0]
	for _, v := range z[1:] {
		if v > m {
			m = v
		}
	}
	if math.IsInf(float64(m), 0) {
		// z − m would be Inf − Inf = NaN for the maximal values: share
		// the probability among them.
		var ties float32
		nan := false
		for _, v := range z {
			if v == m {
				ties++
			}
			nan = nan || math.IsNaN(float64(v))
		}
		for i, v := range z {
			switch {
			case nan:
				dst[i] = float32(math.NaN())
			case v == m:
				dst[i] = 1 / ties
			default:
				dst[i] = 0
			}
		}
		return
	}
	var sum float64
	for i, v := range z {
		e := math.Exp(float64(v - m))
		dst[i] = float32(e)
		sum += e
	}
	inv := 1 / sum
	for i := range dst {
		dst[i] = float32(float64(dst[i]) * inv)
	}
}

// Argmax returns the index of the largest value (the first on ties), or -1
// for an empty slice.
func Argmax(v []float32) int {
	best := -1
	for i, x := range v {
		if best < 0 || x > v[best] {
			best = i
		}
	}
	return best
}
