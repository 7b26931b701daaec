// Package lecture holds the state and the arithmetic of the lecture views —
// the convolution playground, pooling, the cost of LeNet-5, receptive fields
// and the exercise mode — apart from any drawing, so that it runs and is
// tested natively. Every number a view shows is computed here with the cnn
// and cnn/lenet packages; every sentence exists in English and in Korean
// (package i18n), with the lecture's terms from the i18n glossary.
package lecture

import (
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
)

// num formats a number the way every view shows it (i18n.Num).
func num(v float32) string { return i18n.Num(v) }

// thousands formats n with commas: 7077888 → "7,077,888".
func thousands(n int64) string { return lenet.Thousands(n) }
