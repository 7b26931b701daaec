// Package msg formats error and panic messages the way fmt does, for the
// verbs and types this module uses, with strconv alone.
//
// The cnn packages linked into lenet.wasm (cnn, cnn/lenet, cnn/canvas) use
// it instead of fmt: fmt brings reflect, os and their tables along, about a
// quarter of the compressed file, for nothing but messages. It is internal
// because it is no part of the library, and deliberately small, since every
// byte of it ships too; the JavaScript API, outside cnn/, formats its
// messages with wasm/internal/msg. The output is byte for byte what
// fmt.Sprintf gives for what is supported (msg_test.go compares the two on
// every combination), and go vet checks the format strings given to
// Sprintf and Errorf (./build.sh test declares them with -printf.funcs):
//
//   - %v, %d, %s, %x and %%, with the flags '-' and '0' and a width;
//   - values: error and String() methods (for %v and %s), strings, bools,
//     the integer types, float32 and float64, nil, and []int.
//
// There is no precision, no %q (quote the constant where it is written) and
// no generic form of a struct (give it a String method or format its
// fields). Anything unsupported prints as %!verb(unsupported), a missing
// argument as %!verb(MISSING) and surplus arguments as %!(EXTRA …), so a
// mistake shows in the message instead of panicking.
package msg

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// Sprintf formats like fmt.Sprintf.
func Sprintf(format string, args ...any) string {
	var p printer
	p.printf(format, args)
	return string(p.buf)
}

// Errorf formats like fmt.Errorf without %w: the error wraps nothing.
// To wrap an error, use Wrap.
func Errorf(format string, args ...any) error {
	return errors.New(Sprintf(format, args...))
}

// Wrap returns an error whose message is text and that unwraps to err, so
// errors.Is and errors.As see err through it: what fmt.Errorf does with %w.
// It is a function of its own because go vet accepts %w only in
// fmt.Errorf itself.
func Wrap(err error, text string) error {
	return &wrapError{msg: text, err: err}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

// The helpers below are marked //go:noinline: copied into their callers
// they would add 2.5 KB to the compressed lenet.wasm, and messages need no
// speed.

// spec is one parsed conversion: %[flags][width]verb.
type spec struct {
	minus, zero bool
	wid         int
	verb        byte
}

type printer struct {
	buf []byte
}

func (p *printer) printf(format string, args []any) {
	n := 0
	for i := 0; i < len(format); {
		c := format[i]
		i++
		if c != '%' {
			p.buf = append(p.buf, c)
			continue
		}
		var s spec
		for ; i < len(format) && (format[i] == '-' || format[i] == '0'); i++ {
			if format[i] == '-' {
				s.minus = true
			} else {
				s.zero = true
			}
		}
		for ; i < len(format) && '0' <= format[i] && format[i] <= '9'; i++ {
			if s.wid < 1e6 {
				s.wid = s.wid*10 + int(format[i]-'0')
			}
		}
		if i >= len(format) {
			p.buf = append(p.buf, "%!(NOVERB)"...)
			break
		}
		s.verb = format[i]
		i++
		switch {
		case s.verb == '%':
			p.buf = append(p.buf, '%')
		case n >= len(args):
			p.buf = append(p.buf, '%', '!', s.verb)
			p.buf = append(p.buf, "(MISSING)"...)
		default:
			p.arg(s, args[n])
			n++
		}
	}
	if n < len(args) {
		p.buf = append(p.buf, "%!(EXTRA "...)
		for i, a := range args[n:] {
			if i > 0 {
				p.buf = append(p.buf, ", "...)
			}
			p.arg(spec{verb: 'v'}, a)
		}
		p.buf = append(p.buf, ')')
	}
}

func (p *printer) arg(s spec, arg any) {
	var u uint64
	neg := false
	switch v := arg.(type) {
	case error:
		p.str(s, v.Error())
		return
	case interface{ String() string }:
		p.str(s, v.String())
		return
	case nil:
		if s.verb == 'v' {
			p.pad(s, "<nil>")
			return
		}
		p.bad(s)
		return
	case string:
		p.str(s, v)
		return
	case bool:
		if s.verb == 'v' {
			p.pad(s, strconv.FormatBool(v))
			return
		}
		p.bad(s)
		return
	case float32:
		p.float(s, float64(v), 32)
		return
	case float64:
		p.float(s, v, 64)
		return
	case []int:
		p.buf = append(p.buf, '[')
		for i, e := range v {
			if i > 0 {
				p.buf = append(p.buf, ' ')
			}
			p.arg(s, e)
		}
		p.buf = append(p.buf, ']')
		return
	case int:
		u, neg = magnitude(int64(v))
	case int32:
		u, neg = magnitude(int64(v))
	case int64:
		u, neg = magnitude(v)
	case uint:
		u = uint64(v)
	case uint8:
		u = uint64(v)
	case uint32:
		u = uint64(v)
	case uint64:
		u = v
	default:
		p.bad(s)
		return
	}
	p.integer(s, u, neg)
}

//go:noinline
func magnitude(v int64) (uint64, bool) {
	if v < 0 {
		return uint64(-v), true
	}
	return uint64(v), false
}

//go:noinline
func (p *printer) bad(s spec) {
	p.buf = append(p.buf, '%', '!', s.verb)
	p.buf = append(p.buf, "(unsupported)"...)
}

//go:noinline
func (p *printer) str(s spec, v string) {
	if s.verb != 'v' && s.verb != 's' {
		p.bad(s)
		return
	}
	p.pad(s, v)
}

// integer prints an integer of magnitude u (negative if neg) with %d, %v or
// %x; the '0' flag pads with zeros after the sign.
//
//go:noinline
func (p *printer) integer(s spec, u uint64, neg bool) {
	base := 10
	switch s.verb {
	case 'd', 'v':
	case 'x':
		base = 16
	default:
		p.bad(s)
		return
	}
	num := strconv.FormatUint(u, base)
	sign := ""
	if neg {
		sign = "-"
	}
	p.number(s, sign, num)
}

// number pads sign+num to the width: with zeros between them when the '0'
// flag is set, else with spaces.
//
//go:noinline
func (p *printer) number(s spec, sign, num string) {
	if s.zero && !s.minus && s.wid > len(sign)+len(num) {
		p.buf = append(p.buf, sign...)
		for range s.wid - len(sign) - len(num) {
			p.buf = append(p.buf, '0')
		}
		p.buf = append(p.buf, num...)
		return
	}
	p.pad(s, sign+num)
}

// float prints %v as fmt does: strconv's shortest 'g' form, "+Inf" for
// positive infinity, "NaN" without a sign.
//
//go:noinline
func (p *printer) float(s spec, v float64, size int) {
	if s.verb != 'v' {
		p.bad(s)
		return
	}
	num := strconv.FormatFloat(v, 'g', -1, size)
	if math.IsInf(v, 1) {
		num = "+Inf"
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		s.zero = false // fmt never pads these with zeros
		p.pad(s, num)
		return
	}
	sign := ""
	if num[0] == '-' {
		sign, num = "-", num[1:]
	}
	p.number(s, sign, num)
}

// pad writes v, padded to the width (counted in runes): on the left with
// spaces, or zeros with the '0' flag, or with '-' on the right with spaces.
//
//go:noinline
func (p *printer) pad(s spec, v string) {
	n := s.wid - utf8.RuneCountInString(v)
	fill := byte(' ')
	if s.zero {
		fill = '0'
	}
	for i := 0; i < n && !s.minus; i++ {
		p.buf = append(p.buf, fill)
	}
	p.buf = append(p.buf, v...)
	for i := 0; i < n && s.minus; i++ {
		p.buf = append(p.buf, ' ')
	}
}
