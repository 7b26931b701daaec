// Package i18n is the one language system of the programs in wasm/: the
// Lang type, the one way to write a string in both languages, and the
// glossary of the lecture's terms.
//
// Every user-visible string exists in English and in Korean. Write it as
// a Text value, Text{En: "stride", Ko: "보폭"}, when it is data (a table,
// a field, a package-level variable), and as l.Pick(en, ko) when it is
// built inline; both mean the same: the string in language l. A term of
// the lecture (컨볼루션, 특징 맵, 보폭, 덧대기 …) comes from the glossary,
// Stride.In(l), never spelled again by hand, so that the demo and the
// lecture views say the same word for the same concept. A new term
// belongs in glossary.go, with the spelling the lecture uses.
//
// The package imports nothing of the project: cnn/lenet-free state
// packages (wasm/lecture), the views framework (wasm/ui) and every view
// use it alike.
package i18n

import "strings"

// Lang is the language of the interface.
type Lang uint8

// The two languages.
const (
	En Lang = iota // English
	Ko             // Korean
)

// ParseLang reads a language tag ("ko", "ko-KR", "en-US"…), as a page's
// ?lang= or the browser's navigator.language gives it, case-insensitive:
// Korean for a "ko" tag, English for an "en" tag. ok is false for any
// other tag, empty included; l is then English.
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

// Code is the language's tag: "en" or "ko".
func (l Lang) Code() string {
	if l == Ko {
		return "ko"
	}
	return "en"
}

// String is Code.
func (l Lang) String() string { return l.Code() }

// Other is the other language: the header's language switch.
func (l Lang) Other() Lang {
	if l == Ko {
		return En
	}
	return Ko
}

// Valid reports whether l is En or Ko.
func (l Lang) Valid() bool { return l == En || l == Ko }

// Pick returns en or ko, whichever is in l: Text{en, ko}.In(l) written
// inline.
func (l Lang) Pick(en, ko string) string { return Text{En: en, Ko: ko}.In(l) }

// Text is a string in both languages.
type Text struct {
	En, Ko string
}

// In returns the string in language l.
func (t Text) In(l Lang) string {
	if l == Ko {
		return t.Ko
	}
	return t.En
}
