// Package jsonw writes JSON objects field by field, without reflection.
//
// The views' snapshots (lenetDemo.state() in the page, read by the
// browser tests) and the table of URL parameters are written with it:
// encoding/json would cost the demo's download about 64 KB after gzip for
// a few small objects. Values are strings, numbers, booleans, null,
// arrays of those, and objects; fields keep the order they were added in,
// so the output is the same for the same calls.
//
//	var o jsonw.Object
//	o.Str("view", "conv").Int("size", 3).Floats32("out", out)
//	o.Bytes() // {"view":"conv","size":3,"out":[…]}
//
// Numbers and strings are written as encoding/json writes them (without
// its HTML escaping): the tests hold the two to the same bytes. NaN and
// infinities, which JSON cannot write, become null.
package jsonw

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Object is a JSON object under construction. The zero value is the empty
// object. Every method adds one field and returns o, so calls chain.
type Object struct {
	b []byte // '{' and the fields so far, without the closing '}'
}

// Bytes is the object as JSON text. The returned slice is a copy.
func (o *Object) Bytes() []byte {
	if o == nil || len(o.b) == 0 {
		return []byte("{}")
	}
	out := make([]byte, len(o.b)+1)
	copy(out, o.b)
	out[len(o.b)] = '}'
	return out
}

// String is Bytes as a string.
func (o *Object) String() string { return string(o.Bytes()) }

func (o *Object) key(k string) {
	if len(o.b) == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.b = AppendString(o.b, k)
	o.b = append(o.b, ':')
}

// Str adds a string field.
func (o *Object) Str(k, v string) *Object {
	o.key(k)
	o.b = AppendString(o.b, v)
	return o
}

// Int adds a whole number.
func (o *Object) Int(k string, v int) *Object { return o.Int64(k, int64(v)) }

// Int64 adds a whole number.
func (o *Object) Int64(k string, v int64) *Object {
	o.key(k)
	o.b = strconv.AppendInt(o.b, v, 10)
	return o
}

// Uint adds a whole number that may exceed int64.
func (o *Object) Uint(k string, v uint64) *Object {
	o.key(k)
	o.b = strconv.AppendUint(o.b, v, 10)
	return o
}

// Float adds a float64 (null for NaN or an infinity).
func (o *Object) Float(k string, v float64) *Object {
	o.key(k)
	o.b = AppendFloat(o.b, v, 64)
	return o
}

// Float32 adds a float32, written with the digits a float32 needs.
func (o *Object) Float32(k string, v float32) *Object {
	o.key(k)
	o.b = AppendFloat(o.b, float64(v), 32)
	return o
}

// Bool adds true or false.
func (o *Object) Bool(k string, v bool) *Object {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
	return o
}

// Null adds null.
func (o *Object) Null(k string) *Object {
	o.key(k)
	o.b = append(o.b, "null"...)
	return o
}

// Obj adds an object (null for nil).
func (o *Object) Obj(k string, v *Object) *Object {
	if v == nil {
		return o.Null(k)
	}
	o.key(k)
	o.b = append(o.b, v.Bytes()...)
	return o
}

// Objs adds an array of objects (null for a nil slice, as encoding/json
// writes it).
func (o *Object) Objs(k string, v []*Object) *Object {
	return appendArray(o, k, v, func(b []byte, x *Object) []byte { return append(b, x.Bytes()...) })
}

// Strs adds an array of strings.
func (o *Object) Strs(k string, v []string) *Object {
	return appendArray(o, k, v, AppendString)
}

// Ints adds an array of whole numbers.
func (o *Object) Ints(k string, v []int) *Object {
	return appendArray(o, k, v, func(b []byte, x int) []byte { return strconv.AppendInt(b, int64(x), 10) })
}

// Floats adds an array of float64.
func (o *Object) Floats(k string, v []float64) *Object {
	return appendArray(o, k, v, func(b []byte, x float64) []byte { return AppendFloat(b, x, 64) })
}

// Floats32 adds an array of float32.
func (o *Object) Floats32(k string, v []float32) *Object {
	return appendArray(o, k, v, func(b []byte, x float32) []byte { return AppendFloat(b, float64(x), 32) })
}

func appendArray[T any](o *Object, k string, v []T, each func([]byte, T) []byte) *Object {
	if v == nil {
		return o.Null(k)
	}
	o.key(k)
	o.b = append(o.b, '[')
	for i, x := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = each(o.b, x)
	}
	o.b = append(o.b, ']')
	return o
}

// AppendFloat appends v as a JSON number with the shortest digits that
// read back as the same float of the given size (32 or 64): plain decimals
// from 1e-6 up to 1e21, exponent form outside (1e-07 written 1e-7), null
// for NaN and the infinities.
func AppendFloat(b []byte, v float64, bits int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	a := math.Abs(v)
	format := byte('f')
	if a != 0 {
		if bits == 32 {
			f := float32(a)
			if f < 1e-6 || f >= 1e21 {
				format = 'e'
			}
		} else if a < 1e-6 || a >= 1e21 {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, v, format, -1, bits)
	if format == 'e' {
		// A two-digit negative exponent starting with 0 loses the 0.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hex = "0123456789abcdef"

// AppendString appends s as a JSON string. Quotes, backslashes and
// control characters are escaped, and so are U+2028 and U+2029 (which end
// a line in JavaScript source); bytes that are not UTF-8 become U+FFFD.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
