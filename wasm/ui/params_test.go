package ui

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/wasm/i18n"
)

var testParams = []Param{
	{Name: "mode", Meaning: i18n.Text{En: "m", Ko: "모드"}, Default: "max",
		Options: []Option{{Value: "max"}, {Value: "avg", Aliases: []string{"average", "mean"}}}},
	{Name: "stride", Kind: ParamInt, Min: 1, Max: 3, Default: "1", Meaning: i18n.Text{En: "s", Ko: "보폭"}},
	{Name: "bias", Kind: ParamNumber, Min: -10, Max: 10, Step: 0.5, Default: "0", Meaning: i18n.Text{En: "b", Ko: "바이어스"}},
	{Name: "sample", Kind: ParamInt, Min: 0, Max: 99, Meaning: i18n.Text{En: "x", Ko: "예제"},
		DefaultMeaning: i18n.Text{En: "a blank pad", Ko: "빈 캔버스"}},
}

func parse(q string) *ParamValues {
	v, _ := url.ParseQuery(q)
	return ParseParams(v, testParams)
}

func TestParseParams(t *testing.T) {
	pv := parse("mode=Average&stride=%202%20&bias=-2.5&sample=99&other=anything")
	if m, ok := pv.Choice("mode"); !ok || m != "avg" {
		t.Errorf("mode %q %v", m, ok)
	}
	if s, ok := pv.Int("stride"); !ok || s != 2 {
		t.Errorf("stride %v %v", s, ok)
	}
	if b, ok := pv.Number("bias"); !ok || b != -2.5 {
		t.Errorf("bias %v %v", b, ok)
	}
	if n, ok := pv.Int("sample"); !ok || n != 99 || len(pv.Notices()) != 0 || pv.Notice() != (i18n.Text{}) {
		t.Errorf("sample %v %v, notices %v", n, ok, pv.Notices())
	}
	if pv.Has("other") {
		t.Error("an undeclared parameter was read")
	}
	if p := parse("mode="); p.Has("mode") || len(p.Notices()) != 0 {
		t.Error("an empty value is not absent")
	}
}

// A value that is not taken is named with what the parameter takes, in
// both languages: never a raw error.
func TestParamNotices(t *testing.T) {
	cases := map[string]string{
		"mode=median":                    "mode=median (one of max, avg)",
		"stride=9":                       "stride=9 (a whole number from 1 to 3)",
		"stride=1.5":                     "stride=1.5 (a whole number from 1 to 3)",
		"sample=1e99":                    "sample=1e99 (a whole number from 0 to 99)",
		"sample=-1":                      "sample=-1 (a whole number from 0 to 99)",
		"sample=99999999999999999999999": "sample=99999999999999999999… (a whole number from 0 to 99)",
		"bias=0.3":                       "bias=0.3 (a multiple of 0.5 from -10 to 10)",
		"bias=NaN":                       "bias=NaN (a multiple of 0.5 from -10 to 10)",
		"bias=Inf":                       "bias=Inf (a multiple of 0.5 from -10 to 10)",
	}
	for q, want := range cases {
		pv := parse(q)
		name := q[:strings.Index(q, "=")]
		if pv.Has(name) {
			t.Errorf("%s: taken", q)
		}
		n := pv.Notice()
		if n.En != "Ignored from the address: "+want || !strings.HasPrefix(n.Ko, "주소에서 무시한 값: "+name+"=") {
			t.Errorf("%s: %q / %q", q, n.En, n.Ko)
		}
		if strings.Contains(n.En, "strconv") || strings.Contains(n.En, "parsing") {
			t.Errorf("%s: a raw error: %q", q, n.En)
		}
	}
	pv := parse("stride=7&mode=x")
	pv.Refuse("bias", "2", i18n.Text{En: "nothing drawn yet", Ko: "아직 그린 숫자가 없음"})
	if n := pv.Notice(); len(pv.Notices()) != 3 || !strings.Contains(n.Ko, "bias=2 (아직 그린 숫자가 없음)") || strings.Count(n.En, "; ") != 2 {
		t.Errorf("notices %q", n)
	}
}

func TestCheckParams(t *testing.T) {
	if err := CheckParams(testParams); err != nil {
		t.Fatal(err)
	}
	meaning := i18n.Text{En: "x", Ko: "엑스"}
	for _, bad := range [][]Param{
		{{Name: "", Meaning: meaning, Default: "a", Options: []Option{{Value: "a"}}}},
		{{Name: "a", Meaning: meaning, Default: "1", Kind: ParamInt, Max: 2}, {Name: "a", Meaning: meaning, Default: "1", Kind: ParamInt, Max: 2}},
		{{Name: "a", Meaning: i18n.Text{En: "x"}, Default: "1", Kind: ParamInt, Max: 2}},
		{{Name: "a", Meaning: meaning, Default: "a"}},
		{{Name: "a", Meaning: meaning, Default: "1", Kind: ParamInt, Min: 3, Max: 2}},
		{{Name: "a", Meaning: meaning, Kind: ParamInt, Max: 2}},
		{{Name: "a", Meaning: meaning, Default: "5", Kind: ParamInt, Max: 2}},
		{{Name: "a", Meaning: meaning, Default: "A", Options: []Option{{Value: "a"}}}},
	} {
		if err := CheckParams(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestParamsJSON(t *testing.T) {
	Register(Spec{Name: "params-test", Title: i18n.Text{En: "T", Ko: "티"}, Params: testParams, New: func(*Context) View { return &fakeView{} }})
	b := ParamsJSON(testParams[:1], "params-test")
	var table struct {
		Common []map[string]any
		Views  []struct {
			Name    string
			Title   map[string]string
			Default bool
			Params  []map[string]any
		}
	}
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if len(table.Common) != 1 || table.Common[0]["name"] != "mode" || table.Common[0]["kind"] != "choice" {
		t.Errorf("common %v", table.Common)
	}
	found := false
	for _, v := range table.Views {
		if v.Name != "params-test" {
			continue
		}
		found = true
		if !v.Default || v.Title["ko"] != "티" || len(v.Params) != len(testParams) {
			t.Errorf("view %+v", v)
		}
		st := v.Params[1]
		if st["kind"] != "int" || st["min"] != 1.0 || st["max"] != 3.0 || st["default"] != "1" || st["step"] != nil {
			t.Errorf("stride %v", st)
		}
		if b := v.Params[2]; b["step"] != 0.5 || b["kind"] != "number" {
			t.Errorf("bias %v", b)
		}
		if s := v.Params[3]; s["default"] != nil || s["defaultMeaning"].(map[string]any)["ko"] != "빈 캔버스" {
			t.Errorf("sample %v", s)
		}
		opts := v.Params[0]["values"].([]any)
		if len(opts) != 2 || opts[1].(map[string]any)["aliases"].([]any)[0] != "average" {
			t.Errorf("mode's values %v", opts)
		}
	}
	if !found {
		t.Error("the view is missing")
	}
}
