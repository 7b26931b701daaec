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

func (s shape) String() string {
	return fmt.Sprint(s.c) + "×" + fmt.Sprint(s.h) + "×" + fmt.Sprint(s.w)
}

type mode int

func (m mode) String() string { return "Mode(" + fmt.Sprint(int(m)) + ")" }

type failure struct{ s string }

func (f *failure) Error() string { return f.s }

// values holds one of each kind of operand the module's messages print.
func values() []any {
	var nilErr error
	return []any{
		0, 7, -7, 12345678, math.MaxInt64, math.MinInt64, int32(-2147483648), int64(1) << 40,
		uint(3), uint8(255), uint32(0xdeadbeef), uint32(0), uint64(math.MaxUint64),
		float32(0), float32(1), float32(-0.5), float32(0.1), float32(1e-7), float32(3.4e38), float32(123456.79),
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), float32(math.Float32frombits(1)),
		0.0, 1.0, -2.5, 0.1, 1e6, 1e21, 123456789.0, 1e-5, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1),
		"", "abc", "LENET5\x00W", "가나다", "tab\there", `"quoted"`,
		true, false,
		shape{1, 32, 32}, mode(2), &failure{"it broke"}, errors.New("plain"), io.ErrUnexpectedEOF,
		[]int{6, 1, 5, 5}, []int{}, []int{-3},
		nil, nilErr,
	}
}

// TestSprintfMatchesFmt compares every verb and flag set the module uses
// (and a few neighbours) with fmt on every kind of operand that the verb
// supports.
func TestSprintfMatchesFmt(t *testing.T) {
	formats := []string{
		"%v", "%d", "%s", "%x", "%08x", "%-9v|", "%9v", "%5d", "%-5d|", "%05d", "%6s", "%-6s|", "%010v", "%-010d|",
	}
	compared := 0
	for _, f := range formats {
		for _, v := range values() {
			want := fmt.Sprintf(f, v)
			if !supported(f, v) {
				continue
			}
			compared++
			if got := Sprintf(f, v); got != want {
				t.Errorf("Sprintf(%q, %T %#v) = %q, fmt gives %q", f, v, v, got, want)
			}
		}
	}
	if compared < 300 {
		t.Errorf("only %d comparisons: the table lost its operands", compared)
	}
}

// supported says which verb and operand pairs the package promises to
// format as fmt does.
func supported(f string, v any) bool {
	verb := strings.TrimSuffix(f, "|")
	switch v.(type) {
	case error, fmt.Stringer, string:
		return strings.HasSuffix(verb, "v") || strings.HasSuffix(verb, "s")
	case nil, bool, float32, float64:
		return strings.HasSuffix(verb, "v")
	default:
		return !strings.HasSuffix(verb, "s")
	}
}

// TestUnsupportedIsMarked checks that what the package does not format
// shows as such instead of panicking or printing something plausible.
func TestUnsupportedIsMarked(t *testing.T) {
	for _, c := range []struct {
		format string
		arg    any
		want   string
	}{
		{"%q", "x", "%!q(unsupported)"},
		{"%.2f", 1.5, "%!.(unsupported)2f"},
		{"%d", "x", "%!d(unsupported)"},
		{"%s", 3, "%!s(unsupported)"},
		{"%v", struct{}{}, "%!v(unsupported)"},
		{"%v", []float32{1}, "%!v(unsupported)"},
		{"%x", 1.5, "%!x(unsupported)"},
		{"%d", mode(1), "%!d(unsupported)"},
	} {
		if got := Sprintf(c.format, c.arg); got != c.want {
			t.Errorf("Sprintf(%q, %#v) = %q, want %q", c.format, c.arg, got, c.want)
		}
	}
}

// TestSprintfCallSites checks the exact format strings of the module's
// messages with the operands they are given.
func TestSprintfCallSites(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"cnn: kernel shape %d×%d×%d×%d must be positive", []any{0, 1, 5, -5}},
		{"cnn: the output %v would hold %d values, more than %d", []any{shape{6, 28, 28}, 4704, 1 << 24}},
		{"cnn: unknown mode %v", []any{mode(9)}},
		{`cnn: "same" padding needs an odd kernel size, got %d`, []any{4}},
		{"%d bytes is too short for the header", []any{3}},
		{"%s has rank %d, expected %d (shape %v)", []any{"c1.weight", uint32(3), 4, []int{6, 1, 5, 5}}},
		{"%s has shape %v, expected %v", []any{"f6.weight", []int{84, 121}, []int{84, 120}}},
		{"lenet: cannot encode parameter %d (%s): it is %v", []any{0, "c1.weight", float32(math.Inf(-1))}},
		{"checksum mismatch (stored %08x, computed %08x): the file is corrupted", []any{uint32(0xab), uint32(0xdeadbeef)}},
		{"parameter %d (%s) is %v", []any{17, "c1.bias", float32(math.NaN())}},
		{"canvas: pixel (%d, %d) is %v, not in 0..1", []any{3, 4, float32(1.5)}},
		{"predict: %d values do not fill a %d×%d image of %v (need %d)", []any{5, 2, 2, mode(1), 16}},
		{"%s: this takes %d multiply-accumulates; at most %d are accepted in one call", []any{"conv2d", int64(1) << 40, int64(1e9)}},
		{"internal error in lenet.wasm (the instance is still usable): %v", []any{"boom"}},
		{"internal error in lenet.wasm (the instance is still usable): %v", []any{&failure{"index out of range [5] with length 3"}}},
		{"100%% of %d", []any{3}},
		{"missing %d and %s", []any{1}},
		{"trailing %", nil},
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		if err := Errorf(c.format, c.args...); err.Error() != want || errors.Unwrap(err) != nil {
			t.Errorf("Errorf(%q, %v) = %q (unwrapping to %v), want %q", c.format, c.args, err, errors.Unwrap(err), want)
		}
		if got := Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q, %v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
	}
}

// TestExtraDiffersOnlyInTypeNames documents the one place where the output
// is not fmt's: surplus arguments are listed without their types. (The
// format is a variable so that go vet lets the mistake through.)
func TestExtraDiffersOnlyInTypeNames(t *testing.T) {
	format := "%d"
	if got, want := Sprintf(format, 1, 2), "1%!(EXTRA 2)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrap(t *testing.T) {
	base := &failure{"lenet: not a valid LeNet-5 weights file"}
	err := Wrap(base, base.Error()+Sprintf(": version %d", 7))
	if err.Error() != "lenet: not a valid LeNet-5 weights file: version 7" {
		t.Errorf("message %q", err.Error())
	}
	if !errors.Is(err, base) {
		t.Error("errors.Is does not see the wrapped error")
	}
	var f *failure
	if !errors.As(Wrap(err, "outer"), &f) || f != base {
		t.Error("errors.As does not reach through two levels")
	}
	if errors.Unwrap(Errorf("no wrap %v", base)) != nil {
		t.Error("Errorf wraps its operand")
	}
	format := "%w"
	if got, want := Errorf(format, io.EOF).Error(), "%!w(unsupported)"; got != want {
		t.Errorf("%%w: %q, want %q", got, want)
	}
}
