// Package lecture holds the state and the arithmetic of the lecture views —
// the convolution playground, pooling, the cost of LeNet-5, receptive fields
// and the exercise mode — apart from any drawing, so that it runs and is
// tested natively. Every number a view shows is computed here with the cnn
// and cnn/lenet packages; every sentence exists in English and in Korean,
// with the lecture's terms (컨볼루션, 상관, 풀링, 특징 맵, 수용장, 커널,
// 보폭, 덧대기, 매개변수, 바이어스).
package lecture

import (
	"fmt"
	"strings"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Lang is the language of every sentence a view shows.
type Lang int

const (
	English Lang = iota
	Korean
)

// ParseLang reads the lang= parameter of the page's address: "ko" (or
// "kr", any case) is Korean, anything else English.
func ParseLang(s string) Lang {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ko", "kr", "ko-kr", "kor":
		return Korean
	}
	return English
}

// String is the language's code, "en" or "ko".
func (l Lang) String() string {
	if l == Korean {
		return "ko"
	}
	return "en"
}

// pick returns the sentence for l.
func (l Lang) pick(en, ko string) string {
	if l == Korean {
		return ko
	}
	return en
}

// T is a sentence in both languages.
type T struct{ EN, KO string }

// In returns the sentence in l.
func (t T) In(l Lang) string { return l.pick(t.EN, t.KO) }

// Terms of the lecture, shown as labels by the views.
var (
	TermConvolution = T{"convolution", "컨볼루션"}
	TermCorrelation = T{"cross-correlation", "교차상관"}
	TermPooling     = T{"pooling", "풀링"}
	TermMaxPool     = T{"max pooling", "최대 풀링"}
	TermAvgPool     = T{"average pooling", "평균 풀링"}
	TermFeatureMap  = T{"feature map", "특징 맵"}
	TermReceptive   = T{"receptive field", "수용장"}
	TermKernel      = T{"kernel", "커널"}
	TermStride      = T{"stride", "보폭"}
	TermPadding     = T{"padding", "덧대기"}
	TermParameters  = T{"parameters", "매개변수"}
	TermBias        = T{"bias", "바이어스"}
	TermInput       = T{"input", "입력"}
	TermOutput      = T{"output", "출력"}
	TermWindow      = T{"window", "창"}
	TermConnections = T{"connections", "연결(에지)"}
	TermMACs        = T{"multiply-adds", "곱셈-덧셈"}
	TermWeights     = T{"weights", "가중치"}
	TermSame        = T{"same", "same(크기 유지)"}
	TermFlipped     = T{"flipped kernel (turned 180°)", "뒤집은 커널 (180° 회전)"}
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
