package msg

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
)

type shape struct{ c, h, w int }

func (s shape) String() string { return fmt.Sprint(s.c, "×", s.h, "×", s.w) }

type format int32

func (f format) String() string { return []string{"grey bytes", "RGBA bytes", "grey floats"}[f] }

// operands holds one of each kind the package promises to format, and
// some neighbours.
func operands() []any {
	var nilErr error
	return []any{
		0, 7, -7, math.MaxInt64, math.MinInt64, int32(math.MinInt32), int64(1) << 40,
		uint32(0xdeadbeef), uint64(math.MaxUint64),
		float32(0), float32(1), float32(-0.5), float32(0.1), float32(1e-7), float32(3.4e38),
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), float32(math.Float32frombits(1)),
		0.0, 2.5, 1e21, 1e-5, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1),
		"", "abc", "가나다", "tab\there",
		shape{1, 32, 32}, format(2), errors.New("plain"), io.ErrUnexpectedEOF,
		[]int{6, 1, 5, 5}, []int{}, []int{-3},
		nil, nilErr,
	}
}

// supported says which verb and operand pairs Sprintf formats as fmt.
func supported(verb string, v any) bool {
	switch v.(type) {
	case error, fmt.Stringer, string:
		return verb == "%v" || verb == "%s"
	case nil, float32, float64:
		return verb == "%v"
	default:
		return verb == "%v" || verb == "%d"
	}
}

func TestSprintfMatchesFmt(t *testing.T) {
	compared := 0
	for _, verb := range []string{"%v", "%d", "%s"} {
		for _, v := range operands() {
			got := Sprintf("<"+verb+">", v)
			if !supported(verb, v) {
				if want := "<%!" + verb[1:] + "(unsupported)>"; got != want {
					t.Errorf("Sprintf(%q, %T %#v) = %q, want %q", verb, v, v, got, want)
				}
				continue
			}
			compared++
			if want := fmt.Sprintf("<"+verb+">", v); got != want {
				t.Errorf("Sprintf(%q, %T %#v) = %q, fmt gives %q", verb, v, v, got, want)
			}
		}
	}
	if compared < 50 {
		t.Errorf("only %d comparisons: the table lost its operands", compared)
	}
}

func TestUnsupportedIsMarked(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
		want   string
	}{
		{"%q", []any{"x"}, "%!q(unsupported)"},
		{"%x", []any{255}, "%!x(unsupported)"},
		{"%5d", []any{3}, "%!5(unsupported)d"},
		{"%d", []any{"x"}, "%!d(unsupported)"},
		{"%v", []any{struct{}{}}, "%!v(unsupported)"},
		{"%v", []any{[]float32{1}}, "%!v(unsupported)"},
		{"%w", []any{io.EOF}, "%!w(unsupported)"},
		{"%d", []any{1, 2}, "1%!(EXTRA 2)"},
		{"%d and %s", []any{1}, "1 and %!s(MISSING)"},
		{"100%%", nil, "100%"},
		{"trailing %", nil, "trailing %!(NOVERB)"},
	} {
		if got := Sprintf(c.format, c.args...); got != c.want {
			t.Errorf("Sprintf(%q, %v) = %q, want %q", c.format, c.args, got, c.want)
		}
	}
}

// TestCallSites checks messages shaped like the JavaScript API's, with
// the operands they are given, against fmt.
func TestCallSites(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
	}{
		{"predict: the image is %d×%d; at most %d pixels a side and %d pixels in all are accepted", []any{9000, 2, 8192, 1 << 24}},
		{"predict: %d values do not fill a %d×%d image of %v (need %d)", []any{5, 2, 2, format(1), 16}},
		{"predict: pixel (%d, %d) is %v; values must be finite numbers", []any{3, 4, float32(math.NaN())}},
		{"%s: every dimension of the %s must be between 1 and %d, got %v", []any{"conv2d", "kernels", 4096, []int{6, 0, 5, 5}}},
		{"%s: the output would be %v = %d values; at most %d are accepted", []any{"pool2d", shape{6, 14, 14}, 1176, 1 << 24}},
		{"%s: this takes %d multiply-accumulates; at most %d are accepted in one call", []any{"conv2d", int64(1) << 40, int64(1e9)}},
		{"internal error in lenet.wasm (the instance is still usable): %v", []any{"boom"}},
		{"internal error in lenet.wasm (the instance is still usable): %v", []any{errors.New("index out of range [5] with length 3")}},
	} {
		want := fmt.Sprintf(c.format, c.args...)
		if got := Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q, %v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
		if got := Errorf(c.format, c.args...); got.Error() != want || errors.Unwrap(got) != nil {
			t.Errorf("Errorf(%q, %v) = %q (unwraps to %v), want %q", c.format, c.args, got, errors.Unwrap(got), want)
		}
	}
	if !strings.Contains(Sprintf("%v", io.EOF), "EOF") {
		t.Error("an error operand prints its message")
	}
}
