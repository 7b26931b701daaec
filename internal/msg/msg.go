// Package msg formats error and panic messages the way fmt does, for the
// verbs and types this module uses, with strconv alone.
//
// The packages linked into lenet.wasm (cnn, cnn/lenet, cnn/canvas and the
// JavaScript API) use it instead of fmt: fmt brings reflect, os and their
// tables along, about 200 KB of the compressed file, for nothing but
// messages. The output is byte for byte what fmt.Sprintf gives for what is
// supported (msg_test.go compares the two on every combination):
//
//   - flags '-', '+', '#', ' ', '0', a width and a precision (not '*');
//   - %v, %d, %s, %q, %x, %X, %f, %e, %g, %w and %%;
//   - values: error and String() methods (for %v %s %q), strings, bools, every
//     integer and float type, nil, and slices of int, int64, uint32,
//     float32, float64 and string.
//
// A struct has no generic form here: give it a String method or format its
// fields. Anything unsupported prints as %!verb(unsupported), a missing
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

// Errorf formats like fmt.Errorf: with one %w operand the error unwraps to
// it, with several to all of them, so errors.Is and errors.As see through.
func Errorf(format string, args ...any) error {
	var p printer
	p.printf(format, args)
	s := string(p.buf)
	switch len(p.wrapped) {
	case 0:
		return errors.New(s)
	case 1:
		return &wrapError{msg: s, err: p.wrapped[0]}
	default:
		return &wrapErrors{msg: s, errs: p.wrapped}
	}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string   { return e.msg }
func (e *wrapErrors) Unwrap() []error { return e.errs }

// spec is one parsed conversion: %[flags][width][.prec]verb.
type spec struct {
	minus, plus, sharp, space, zero bool
	wid, prec                       int // -1: absent
	verb                            byte
}

type printer struct {
	buf     []byte
	wrapped []error
}

func (p *printer) printf(format string, args []any) {
	n := 0
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := i + 1
			for j < len(format) && format[j] != '%' {
				j++
			}
			p.buf = append(p.buf, format[i:j]...)
			i = j
			continue
		}
		i++
		s := spec{wid: -1, prec: -1}
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '-':
				s.minus = true
			case '+':
				s.plus = true
			case '#':
				s.sharp = true
			case ' ':
				s.space = true
			case '0':
				s.zero = true
			default:
				break flags
			}
		}
		s.wid, i = number(format, i)
		if i < len(format) && format[i] == '.' {
			s.prec, i = number(format, i+1)
			if s.prec < 0 {
				s.prec = 0
			}
		}
		if i >= len(format) {
			p.buf = append(p.buf, "%!(NOVERB)"...)
			break
		}
		r, size := utf8.DecodeRuneInString(format[i:])
		i += size
		if r == '%' {
			p.buf = append(p.buf, '%')
			continue
		}
		if r >= utf8.RuneSelf {
			p.buf = append(p.buf, "%!"...)
			p.buf = utf8.AppendRune(p.buf, r)
			p.buf = append(p.buf, "(unsupported)"...)
			continue
		}
		s.verb = byte(r)
		if n >= len(args) {
			p.buf = append(p.buf, '%', '!', s.verb)
			p.buf = append(p.buf, "(MISSING)"...)
			continue
		}
		arg := args[n]
		n++
		if s.verb == 'w' {
			if err, ok := arg.(error); ok {
				p.wrapped = append(p.wrapped, err)
			}
			s.verb = 'v'
		}
		p.arg(s, arg)
	}
	if n < len(args) {
		p.buf = append(p.buf, "%!(EXTRA "...)
		for i, a := range args[n:] {
			if i > 0 {
				p.buf = append(p.buf, ", "...)
			}
			p.arg(spec{wid: -1, prec: -1, verb: 'v'}, a)
		}
		p.buf = append(p.buf, ')')
	}
}

// number reads a decimal number at format[i:]; -1 if there is none.
func number(format string, i int) (int, int) {
	n := -1
	for ; i < len(format) && '0' <= format[i] && format[i] <= '9'; i++ {
		if n < 0 {
			n = 0
		}
		if n < 1e6 {
			n = n*10 + int(format[i]-'0')
		}
	}
	return n, i
}

func (p *printer) arg(s spec, arg any) {
	if s.verb == 'v' && s.plus {
		s.plus = false // %+v asks for field names, not signs
	}
	switch s.verb {
	case 'v', 's', 'q':
		switch v := arg.(type) {
		case error:
			p.str(s, v.Error())
			return
		case interface{ String() string }:
			p.str(s, v.String())
			return
		}
	}
	switch v := arg.(type) {
	case nil:
		if s.verb == 'v' {
			p.pad(s, "<nil>")
		} else {
			p.bad(s)
		}
	case string:
		p.str(s, v)
	case bool:
		if s.verb == 'v' {
			p.pad(s, strconv.FormatBool(v))
		} else {
			p.bad(s)
		}
	case int:
		p.int(s, int64(v))
	case int8:
		p.int(s, int64(v))
	case int16:
		p.int(s, int64(v))
	case int32:
		p.int(s, int64(v))
	case int64:
		p.int(s, v)
	case uint:
		p.digits(s, uint64(v), false)
	case uint8:
		p.digits(s, uint64(v), false)
	case uint16:
		p.digits(s, uint64(v), false)
	case uint32:
		p.digits(s, uint64(v), false)
	case uint64:
		p.digits(s, v, false)
	case uintptr:
		p.digits(s, uint64(v), false)
	case float32:
		p.float(s, float64(v), 32)
	case float64:
		p.float(s, v, 64)
	case []int:
		list(p, s, v)
	case []int64:
		list(p, s, v)
	case []uint32:
		list(p, s, v)
	case []float32:
		list(p, s, v)
	case []float64:
		list(p, s, v)
	case []string:
		list(p, s, v)
	default:
		p.bad(s)
	}
}

// list prints a slice as fmt does: [a b c], each element with the verb and
// the width, not the whole.
func list[T any](p *printer, s spec, v []T) {
	p.buf = append(p.buf, '[')
	for i, e := range v {
		if i > 0 {
			p.buf = append(p.buf, ' ')
		}
		p.arg(s, e)
	}
	p.buf = append(p.buf, ']')
}

func (p *printer) bad(s spec) {
	p.buf = append(p.buf, '%', '!', s.verb)
	p.buf = append(p.buf, "(unsupported)"...)
}

func (p *printer) str(s spec, v string) {
	if s.prec >= 0 && s.verb != 'x' && s.verb != 'X' {
		for i := range v {
			if s.prec == 0 {
				v = v[:i]
				break
			}
			s.prec--
		}
	}
	switch s.verb {
	case 'v', 's':
		p.pad(s, v)
	case 'q':
		if s.sharp && strconv.CanBackquote(v) {
			p.pad(s, "`"+v+"`")
		} else if s.plus {
			p.pad(s, strconv.QuoteToASCII(v))
		} else {
			p.pad(s, strconv.Quote(v))
		}
	default:
		p.bad(s)
	}
}

func (p *printer) int(s spec, v int64) {
	if v < 0 {
		p.digits(s, uint64(-v), true)
	} else {
		p.digits(s, uint64(v), false)
	}
}

// digits prints an integer of magnitude u (negative if neg) with %d, %v,
// %x or %X, honouring the sign flags, '#', the precision (the least number
// of digits) and zero padding after the sign.
func (p *printer) digits(s spec, u uint64, neg bool) {
	base, prefix := 10, ""
	switch s.verb {
	case 'd', 'v':
	case 'x', 'X':
		base = 16
		if s.sharp {
			prefix = "0" + string(s.verb)
		}
	default:
		p.bad(s)
		return
	}
	num := strconv.FormatUint(u, base)
	if s.verb == 'X' {
		num = upper(num)
	}
	if s.prec == 0 && u == 0 {
		num = ""
	}
	for s.prec > len(num) {
		num = "0" + num
	}
	sign := ""
	switch {
	case neg:
		sign = "-"
	case s.plus:
		sign = "+"
	case s.space:
		sign = " "
	}
	p.number(s, sign+prefix, num, s.prec < 0)
}

// number pads head+num to the width: with zeros between them when the '0'
// flag is set (and zeros are allowed), else with spaces.
func (p *printer) number(s spec, head, num string, zerosOK bool) {
	if s.zero && !s.minus && zerosOK && s.wid > len(head)+len(num) {
		p.buf = append(p.buf, head...)
		for range s.wid - len(head) - len(num) {
			p.buf = append(p.buf, '0')
		}
		p.buf = append(p.buf, num...)
		return
	}
	p.pad(s, head+num)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func (p *printer) float(s spec, v float64, size int) {
	verb, prec := s.verb, s.prec
	switch verb {
	case 'v':
		verb = 'g'
	case 'g', 'G':
	case 'f', 'F', 'e', 'E':
		if prec < 0 {
			prec = 6
		}
	default:
		p.bad(s)
		return
	}
	if verb == 'F' {
		verb = 'f'
	}
	num := strconv.FormatFloat(v, verb, prec, size)
	sign := ""
	if num[0] == '-' || num[0] == '+' {
		sign, num = num[:1], num[1:]
	} else if s.plus {
		sign = "+"
	} else if s.space {
		sign = " "
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		if math.IsNaN(v) && !s.plus && !s.space {
			sign = ""
		} else if math.IsInf(v, 1) && sign == "" {
			sign = "+"
		}
		p.pad(s, sign+num)
		return
	}
	p.number(s, sign, num, true)
}

// pad writes v, padded with spaces to the width (counted in runes), on the
// left or, with '-', on the right.
func (p *printer) pad(s spec, v string) {
	n := s.wid - utf8.RuneCountInString(v)
	if n <= 0 {
		p.buf = append(p.buf, v...)
		return
	}
	if !s.minus {
		for range n {
			p.buf = append(p.buf, ' ')
		}
	}
	p.buf = append(p.buf, v...)
	if s.minus {
		for range n {
			p.buf = append(p.buf, ' ')
		}
	}
}
