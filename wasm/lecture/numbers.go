// Package lecture holds the state and the arithmetic of the lecture views —
// the convolution playground, pooling, the cost of LeNet-5, receptive fields
// and the exercise mode — apart from any drawing, so that it runs and is
// tested natively. Every number a view shows is computed here with the cnn
// and cnn/lenet packages; every sentence exists in English and in Korean
// (package i18n), with the lecture's terms from the i18n glossary.
package lecture

import (
	"fmt"
	"strings"

	"github.com/seecnn/lenet/cnn/lenet"
)

// num formats a number the way the views show it: whole numbers without a
// decimal point, others with up to two decimals, and -0 as 0.
func num(v float32) string {
	if v == 0 {
		return "0"
	}
	if v == float32(int64(v)) && v < 1e9 && v > -1e9 {
		return fmt.Sprint(int64(v))
	}
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// thousands formats n with commas: 7077888 → "7,077,888".
func thousands(n int64) string { return lenet.Thousands(n) }
