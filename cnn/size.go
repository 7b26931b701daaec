package cnn

import "github.com/seecnn/lenet/cnn/internal/msg"

// MaxDim bounds every size a caller can ask for (input side, kernel side,
// padding, stride, channel count), so that a bad request is an error and not
// an attempt to allocate gigabytes.
const MaxDim = 1 << 14

// MaxLen bounds the number of values of a tensor an operation creates
// (2²⁸ float32 values, 1 GiB), so that large padding or many kernels on a
// small input are an error and not an allocation that exhausts memory.
const MaxLen = 1 << 28

// TilingError reports a window that does not tile its input: (M + 2p − h)
// is not a multiple of the stride s, so ⌊(M + 2p − h)/s⌋ + 1 windows would
// leave the last Leftover rows or columns of the padded input unvisited.
type TilingError struct {
	Axis     string // "height" or "width"
	M, P, H  int    // input size, padding on each side, window size
	S        int    // stride
	Leftover int    // (M + 2p − h) mod s
}

func (e *TilingError) Error() string {
	return msg.Sprintf("cnn: along the %s, a window of %d with stride %d does not tile the padded input: "+
		"(M + 2p − h)/s = (%d + 2·%d − %d)/%d = %d/%d is not a whole number, so the last %d row(s) or column(s) would be ignored",
		e.Axis, e.H, e.S, e.M, e.P, e.H, e.S, e.M+2*e.P-e.H, e.S, e.Leftover)
}

// OutputSize returns ⌊(m + 2p − h)/s⌋ + 1, the number of positions a window
// of size h takes along an input of size m padded by p on each side with
// stride s. It returns an error instead of silently dropping input: for a
// stride below 1, negative padding, a window that is larger than the padded
// input or smaller than 1, and (as a *TilingError) for a window that does not
// tile the padded input.
func OutputSize(m, h, p, s int) (int, error) {
	return outputSize("side", m, h, p, s)
}

func outputSize(axis string, m, h, p, s int) (int, error) {
	switch {
	case s < 1:
		return 0, msg.Errorf("cnn: stride must be at least 1, got %d", s)
	case p < 0:
		return 0, msg.Errorf("cnn: padding must not be negative, got %d", p)
	case m < 1:
		return 0, msg.Errorf("cnn: input %s must be at least 1, got %d", axis, m)
	case h < 1:
		return 0, msg.Errorf("cnn: window %s must be at least 1, got %d", axis, h)
	case m > MaxDim || h > MaxDim || p > MaxDim || s > MaxDim:
		return 0, msg.Errorf("cnn: sizes along the %s must be at most %d (input %d, window %d, padding %d, stride %d)", axis, MaxDim, m, h, p, s)
	case h > m+2*p:
		return 0, msg.Errorf("cnn: a window of %d is larger than the %s of the padded input, %d + 2·%d = %d", h, axis, m, p, m+2*p)
	}
	if r := (m + 2*p - h) % s; r != 0 {
		return 0, &TilingError{Axis: axis, M: m, P: p, H: h, S: s, Leftover: r}
	}
	return (m+2*p-h)/s + 1, nil
}

// SamePadding returns the padding that keeps the output the same size as the
// input at stride 1: (h − 1)/2 on each side. Only odd kernels can do that
// with the same padding on both sides, so an even h is an error.
func SamePadding(h int) (int, error) {
	if h < 1 || h%2 == 0 {
		return 0, msg.Errorf(`cnn: "same" padding needs an odd kernel size, got %d`, h)
	}
	return (h - 1) / 2, nil
}
