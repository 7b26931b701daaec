package i18n

import (
	"math"
	"strconv"
	"strings"
)

// Num writes v the one way the programs show a number, in sentences and
// in the cells of a grid alike, so that a value reads the same wherever
// it appears: whole numbers without a decimal point (3, -12), two
// decimals below 10 (0.31, -1.25), one from 10 (12.3), none from 100
// (457), trailing zeros dropped (0.5, not 0.50). A value too small to
// show in two decimals is "≈0"; only 0 itself is "0". The minus sign is
// the hyphen-minus, so a number copied from the screen parses.
func Num(v float32) string {
	f := float64(v)
	a := math.Abs(f)
	switch {
	case f != f:
		return "NaN"
	case math.IsInf(f, 0):
		if f > 0 {
			return "∞"
		}
		return "-∞"
	case a == 0:
		return "0"
	case a < 1e9 && f == math.Trunc(f):
		return strconv.FormatInt(int64(f), 10)
	}
	prec := 2
	if a >= 100 {
		prec = 0
	} else if a >= 10 {
		prec = 1
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if prec > 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "0" || s == "-0" {
		return "≈0"
	}
	return s
}
