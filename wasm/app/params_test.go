package app_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/ui"
)

const paramsFile = "../../site/url-params.json"

// indented is the table as the file holds it, two spaces a level.
func indented(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, app.ParamsJSON(), "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// site/url-params.json is what the views declare, and every declaration
// is well formed.
func TestParamsFileIsGenerated(t *testing.T) {
	if err := ui.CheckParams(app.Params()); err != nil {
		t.Error(err)
	}
	for _, s := range ui.Specs() {
		if err := ui.CheckParams(s.Params); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	got, err := os.ReadFile(paramsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, indented(t)) {
		t.Fatal("site/url-params.json is not what the views declare: run go generate ./wasm/app")
	}
	var table struct {
		Common []struct{ Name string }
		Views  []struct {
			Name   string
			Params []struct {
				Name    string
				Meaning map[string]string
			}
		}
	}
	if err := json.Unmarshal(got, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Common) != len(app.Params()) || len(table.Views) != len(ui.ViewNames()) {
		t.Fatalf("%d common parameters, %d views", len(table.Common), len(table.Views))
	}
	for _, v := range table.Views {
		for _, p := range v.Params {
			if p.Meaning["en"] == "" || p.Meaning["ko"] == "" {
				t.Errorf("%s: %s has no meaning in a language", v.Name, p.Name)
			}
		}
	}
}

// tableApp opens the view name with the URL parameters q, after a sample
// was drawn in the demo (so that a view can take "drawing"), and returns
// the app's state.
func tableApp(t *testing.T, net *lenet.Net, name string, q url.Values) string {
	t.Helper()
	all := url.Values{"sample": {"3"}}
	for k, v := range q {
		all[k] = v
	}
	d := &driver{t: t, a: app.New(all, "en", net, nil)}
	d.a.Resize(1280, 800, 1)
	d.frame("the first frame", &ui.Input{})
	if name != d.a.ViewName() {
		d.a.Ctx.SwitchTo(name)
		d.frame("opening the view", &ui.Input{})
	}
	var st struct {
		View, Notice string
		State        json.RawMessage
	}
	if err := json.Unmarshal(d.a.State().Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.View != name {
		t.Fatalf("%v opened %s", q, st.View)
	}
	return st.Notice + string(st.State)
}

// The table tells the truth: a view given a parameter's default is the
// view without it, every listed value is taken, and a whole number just
// outside the range is refused with a notice that names it.
func TestParamsTableIsTrue(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	const ignored = "Ignored from the address"
	for _, spec := range ui.Specs() {
		base := tableApp(t, w.Net, spec.Name, nil)
		for _, p := range spec.Params {
			q := func(v string) url.Values { return url.Values{p.Name: {v}} }
			if p.Default != "" {
				if got := tableApp(t, w.Net, spec.Name, q(p.Default)); got != base {
					t.Errorf("%s?%s=%s (the default) differs from no %s:\n%s\n%s", spec.Name, p.Name, p.Default, p.Name, got, base)
				}
			}
			var good, bad []string
			switch p.Kind {
			case ui.ParamChoice:
				for _, o := range p.Options {
					good = append(good, o.Value)
					good = append(good, o.Aliases...)
				}
				good = append(good, strings.ToUpper(p.Options[len(p.Options)-1].Value))
				bad = []string{"no-such-value"}
			case ui.ParamText:
				good = []string{"my.weights", "w/trained%20now.weights"}
				bad = []string{"https://example.com/x", "//example.com/x", "javascript:alert(1)", strings.Repeat("x", int(p.Max)+1)}
			default:
				good = []string{strconv.FormatFloat(p.Min, 'f', -1, 64), strconv.FormatFloat(p.Max, 'f', -1, 64)}
				bad = []string{strconv.FormatFloat(p.Min-1, 'f', -1, 64), strconv.FormatFloat(p.Max+1, 'f', -1, 64), "1e99"}
			}
			for _, v := range good {
				if got := tableApp(t, w.Net, spec.Name, q(v)); strings.Contains(got, ignored) {
					t.Errorf("%s?%s=%s is listed but refused: %s", spec.Name, p.Name, v, got)
				}
			}
			for _, v := range bad {
				named := v // as far as a notice shows it
				if r := []rune(v); len(r) > ui.MaxParamLen {
					named = string(r[:ui.MaxParamLen])
				}
				if got := tableApp(t, w.Net, spec.Name, q(v)); !strings.Contains(got, ignored) || !strings.Contains(got, p.Name+"="+named) {
					t.Errorf("%s?%s=%s is taken or not named: %s", spec.Name, p.Name, v, got)
				}
			}
		}
	}
	// The common parameters: a bad one is named in the header.
	for q, want := range map[string]string{"lang=fr": "lang=fr (one of en, ko)", "view=nosuch": "view=nosuch (one of ", "present=maybe": "present=maybe (one of 1, 0)"} {
		vals, _ := url.ParseQuery(q)
		a := app.New(vals, "en", w.Net, nil)
		a.Resize(1280, 800, 1)
		var rec ui.Recorder
		a.Draw(&rec)
		if !rec.HasText(want) {
			t.Errorf("?%s: the header does not say %q", q, want)
		}
	}
}

// The manual's tables of URL parameters are what the views declare.
func TestDocsParamsAreGenerated(t *testing.T) {
	const docs = "../../site/docs/embedding.md"
	b, err := os.ReadFile(docs)
	if err != nil {
		t.Fatal(err)
	}
	want, ok := app.ReplaceDocs(string(b))
	if !ok {
		t.Fatalf("%s has no url-params markers", docs)
	}
	if want != string(b) {
		t.Fatal("the URL parameters in site/docs/embedding.md are not what the views declare: run go generate ./wasm/app")
	}
	// Every parameter of every view is in them.
	for _, s := range ui.Specs() {
		if !strings.Contains(string(b), "`view="+s.Name+"`") {
			t.Errorf("the manual does not name view=%s", s.Name)
		}
		for _, p := range s.Params {
			if !strings.Contains(string(b), "| `"+p.Name+"` |") {
				t.Errorf("the manual does not list %s's %s", s.Name, p.Name)
			}
		}
	}
}
