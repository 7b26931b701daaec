package ui

import (
	"fmt"
	"strings"
)

// Lang is the language of the interface.
type Lang uint8

const (
	En Lang = iota
	Ko
)

// ParseLang reads a language tag ("ko", "ko-KR", "en-US"…): Korean for any
// "ko" tag, English otherwise. ok is false for an empty or unknown tag.
func ParseLang(tag string) (l Lang, ok bool) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	switch {
	case tag == "ko" || strings.HasPrefix(tag, "ko-") || strings.HasPrefix(tag, "ko_"):
		return Ko, true
	case tag == "en" || strings.HasPrefix(tag, "en-") || strings.HasPrefix(tag, "en_"):
		return En, true
	}
	return En, false
}

// Code is "en" or "ko".
func (l Lang) Code() string {
	if l == Ko {
		return "ko"
	}
	return "en"
}

// Pick returns en or ko, whichever is l's.
func (l Lang) Pick(en, ko string) string {
	if l == Ko {
		return ko
	}
	return en
}

// T returns the string key in language l; an unknown key comes back as
// itself so a missing translation shows up on screen, not as a blank.
func (l Lang) T(key string) string {
	s, ok := strs[key]
	if !ok {
		return key
	}
	return l.Pick(s[0], s[1])
}

// Tf formats the string key with args.
func (l Lang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// AddStrings adds translations (key → {English, Korean}); views call it
// from an init function. It panics if a key is defined twice.
func AddStrings(m map[string][2]string) {
	for k, v := range m {
		if _, dup := strs[k]; dup {
			panic("ui: string " + k + " defined twice")
		}
		strs[k] = v
	}
}

// Keys lists every defined string key (for tests).
func Keys() []string {
	out := make([]string, 0, len(strs))
	for k := range strs {
		out = append(out, k)
	}
	return out
}

// The lecture's terms, used by every view: 컨볼루션 (convolution),
// 풀링 (pooling), 특징 맵 (feature map), 수용장 (receptive field),
// 커널 (kernel), 보폭 (stride), 덧대기 (padding).
var strs = map[string][2]string{
	"convolution":     {"convolution", "컨볼루션"},
	"correlation":     {"cross-correlation", "교차상관"},
	"pooling":         {"pooling", "풀링"},
	"max pooling":     {"max pooling", "최대 풀링"},
	"average pooling": {"average pooling", "평균 풀링"},
	"feature map":     {"feature map", "특징 맵"},
	"feature maps":    {"feature maps", "특징 맵"},
	"receptive field": {"receptive field", "수용장"},
	"kernel":          {"kernel", "커널"},
	"kernels":         {"kernels", "커널"},
	"stride":          {"stride", "보폭"},
	"padding":         {"padding", "덧대기"},
	"bias":            {"bias", "바이어스"},
	"weights":         {"weights", "가중치"},
	"weighted sum":    {"weighted sum", "가중합"},
	"activation":      {"activation", "활성화"},
	"fully connected": {"fully connected", "완전 연결"},
	"input":           {"input", "입력"},
	"output":          {"output", "출력"},
	"parameters":      {"parameters", "매개변수"},
	"window":          {"window", "윈도우"},
	"on":              {"on", "켬"},
	"off":             {"off", "끔"},
	"back":            {"Back to the demo", "데모로 돌아가기"},
	"prediction":      {"Prediction: %d (%d%%)", "예측: %d (%d%%)"},
	"no prediction":   {"Draw a digit", "숫자를 그려 보세요"},
	"blank":           {"The canvas is blank", "캔버스가 비어 있습니다"},
	"title":           {"LeNet-5 — draw a digit", "LeNet-5 — 숫자를 그려 보세요"},
	"draw here":       {"draw a digit here", "여기에 숫자를 그리세요"},
	"clear":           {"Clear", "지우기"},
	"undo":            {"Undo", "되돌리기"},
	"sample":          {"Sample", "예제"},
	"brush":           {"Brush", "붓"},
	"language":        {"한국어", "English"},
	"canvas":          {"canvas", "캔버스"},
	"crop":            {"28×28: crop, scale, centre", "28×28: 자르기·축소·가운데"},
	"network input":   {"32×32: what the network sees", "32×32: 네트워크 입력"},
	"class scores":    {"class scores (softmax)", "클래스 점수 (소프트맥스)"},
	"units":           {"units", "유닛"},
	"point at a unit": {"Point at any unit to see how it was computed.", "유닛을 가리키면 계산 과정을 볼 수 있습니다."},
	"sample of":       {"MNIST test digit #%d (a %d)", "MNIST 테스트 숫자 #%d (%d)"},
	"learned kernels": {"C1 kernels (learned)", "C1 커널 (학습됨)"},
	"scale":           {"colour scale", "색 척도"},
	"negative":        {"negative", "음수"},
	"positive":        {"positive", "양수"},
	"layers":          {"Layers", "층"},
	"pipeline":        {"input", "입력"},
	"max of":          {"max of the %d×%d window", "%d×%d 윈도우의 최댓값"},
	"relu":            {"ReLU", "ReLU"},
	"softmax":         {"softmax", "소프트맥스"},
	"sum of channels": {"sum over %d channels", "%d개 채널의 합"},
	"rf on input":     {"receptive field on the input: %d×%d", "입력에서의 수용장: %d×%d"},
	"linear comb":     {"linear combination of the receptive field and the kernel", "수용장과 커널의 선형 결합"},
	"untrained":       {"weights not trained yet", "아직 학습되지 않은 가중치"},
}
