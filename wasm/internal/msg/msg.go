// Package msg formats the JavaScript API's messages (wasm/api and
// wasm/internal/apicore) the way fmt does, for the little they print,
// with strconv alone: lenet.wasm must not link fmt, which would add about a
// quarter to its compressed size.
//
// The cnn packages have their own formatter, cnn/internal/msg, with
// widths, flags, %x and %w; Go lets an internal package be imported only
// from under its parent folder, and the repository keeps no internal
// folder at its top, so the two cannot share one. This one knows only
//
//   - the verbs %d, %s, %v and %%, without flags, width or precision;
//   - the operands: integers, float32 and float64, strings, errors and
//     String() methods, nil, and []int.
//
// Its output is byte for byte fmt.Sprintf's for those (msg_test.go
// compares them). Anything else prints as %!verb(unsupported), a missing
// operand as %!verb(MISSING) and surplus ones as %!(EXTRA …), so a mistake
// shows in the message instead of panicking. go vet checks the format
// strings given to Sprintf and Errorf (./build.sh test declares them with
// -printf.funcs).
package msg

import (
	"errors"
	"math"
	"strconv"
)

// Sprintf formats like fmt.Sprintf.
func Sprintf(format string, args ...any) string {
	var p printer
	p.printf(format, args)
	return string(p.buf)
}

type printer struct{ buf []byte }

func (p *printer) printf(format string, args []any) {
	p.buf = appendf(p.buf, format, args)
}

// appendf appends format with its operands to b.
func appendf(b []byte, format string, args []any) []byte {
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i++; i == len(format) {
			b = append(b, "%!(NOVERB)"...)
			break
		}
		verb := format[i]
		switch {
		case verb == '%':
			b = append(b, '%')
		case n == len(args):
			b = append(b, '%', '!', verb)
			b = append(b, "(MISSING)"...)
		default:
			b = appendArg(b, verb, args[n])
			n++
		}
	}
	if n < len(args) {
		b = append(b, "%!(EXTRA "...)
		for i, a := range args[n:] {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendArg(b, 'v', a)
		}
		b = append(b, ')')
	}
	return b
}

// Errorf is errors.New(Sprintf(format, args...)). It wraps nothing: there
// is no %w.
func Errorf(format string, args ...any) error {
	return errors.New(Sprintf(format, args...))
}

// appendArg appends one operand as verb formats it.
func appendArg(b []byte, verb byte, arg any) []byte {
	text := verb == 'v' || verb == 's'   // strings, errors, String methods
	number := verb == 'v' || verb == 'd' // integers and []int
	var s string
	ok := false
	switch v := arg.(type) {
	case error:
		s, ok = v.Error(), text
	case interface{ String() string }:
		s, ok = v.String(), text
	case string:
		s, ok = v, text
	case nil:
		s, ok = "<nil>", verb == 'v'
	case int:
		s, ok = strconv.Itoa(v), number
	case int32:
		s, ok = strconv.Itoa(int(v)), number
	case int64:
		s, ok = strconv.FormatInt(v, 10), number
	case uint32:
		s, ok = strconv.FormatUint(uint64(v), 10), number
	case uint64:
		s, ok = strconv.FormatUint(v, 10), number
	case float32:
		s, ok = formatFloat(float64(v), 32), verb == 'v'
	case float64:
		s, ok = formatFloat(v, 64), verb == 'v'
	case []int:
		if number {
			b = append(b, '[')
			for i, e := range v {
				if i > 0 {
					b = append(b, ' ')
				}
				b = strconv.AppendInt(b, int64(e), 10)
			}
			return append(b, ']')
		}
	}
	if !ok {
		b = append(b, '%', '!', verb)
		return append(b, "(unsupported)"...)
	}
	return append(b, s...)
}

// formatFloat is %v of a float: strconv's shortest 'g' form, as fmt
// prints it, with "+Inf" for positive infinity.
func formatFloat(v float64, size int) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, size)
}
