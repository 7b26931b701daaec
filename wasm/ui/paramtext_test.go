package ui

import (
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/wasm/i18n"
)

// A text parameter takes what its Match takes, up to Max bytes, and says
// what it takes when it refuses a value.
func TestParamText(t *testing.T) {
	p := Param{Name: "file", Kind: ParamText, Max: 10, Takes: i18n.Text{En: "a file name", Ko: "파일 이름"},
		Meaning: i18n.Text{En: "a file", Ko: "파일"}, DefaultMeaning: i18n.Text{En: "none", Ko: "없음"},
		Match: func(s string) (string, bool) { return s, !strings.Contains(s, ":") }}
	if err := CheckParams([]Param{p}); err != nil {
		t.Fatal(err)
	}
	pv := ParseParams(url.Values{"file": {" a.weights "}}, []Param{p})
	if v, ok := pv.Choice("file"); !ok || v != "a.weights" {
		t.Errorf("a.weights: %q %v", v, ok)
	}
	for _, bad := range []string{"http:x", "0123456789a"} {
		pv := ParseParams(url.Values{"file": {bad}}, []Param{p})
		if pv.Has("file") || !strings.Contains(pv.Notice().En, "a file name, at most 10 characters") || !strings.Contains(pv.Notice().Ko, "10자 이하") {
			t.Errorf("%q: %v", bad, pv.Notice())
		}
	}
	if p.Kind.String() != "text" || !strings.Contains(string(ParamsJSON([]Param{p}, "")), `"maxLength":10`) {
		t.Error("the table does not say it is a text of at most 10")
	}
	for _, broken := range []Param{
		{Name: "a", Kind: ParamText, Max: 10, Takes: p.Takes, Meaning: p.Meaning, DefaultMeaning: p.DefaultMeaning},
		{Name: "b", Kind: ParamText, Match: p.Match, Takes: p.Takes, Meaning: p.Meaning, DefaultMeaning: p.DefaultMeaning},
		{Name: "c", Kind: ParamText, Max: 10, Match: p.Match, Meaning: p.Meaning, DefaultMeaning: p.DefaultMeaning},
	} {
		if CheckParams([]Param{broken}) == nil {
			t.Errorf("%s: a text without a check, a length or what it takes passed", broken.Name)
		}
	}
}
