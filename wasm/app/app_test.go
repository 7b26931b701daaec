package app

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

func newApp(t *testing.T, query, browser string) *App {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	a := New(q, browser, w.Net, nil)
	a.Resize(1280, 800, 1)
	return a
}

func TestLanguage(t *testing.T) {
	cases := []struct {
		query, browser string
		want           i18n.Lang
	}{
		{"", "ko-KR", i18n.Ko},
		{"", "en-US", i18n.En},
		{"", "fr", i18n.En},
		{"lang=en", "ko-KR", i18n.En},
		{"lang=ko", "en-US", i18n.Ko},
		{"lang=xx", "ko", i18n.Ko},
	}
	for _, c := range cases {
		a := newApp(t, c.query, c.browser)
		if got := a.Ctx.Lang; got != c.want {
			t.Errorf("?%s with browser %q: %v, want %v", c.query, c.browser, got, c.want)
		}
		if p := a.TakePage(); !p.HasLang || p.Lang != c.want {
			t.Errorf("?%s: the page is told %v (%v)", c.query, p.Lang, p.HasLang)
		}
	}
}

// ?view=demo, the network view's old name, still opens it.
func TestOldViewName(t *testing.T) {
	a := newApp(t, "view=demo", "en")
	if a.ViewName() != DefaultView || DefaultView != "net" || a.notice.En != "" {
		t.Errorf("view=demo opens %s, notice %q", a.ViewName(), a.notice.En)
	}
}

func TestUnknownViewFallsBackToDemo(t *testing.T) {
	a := newApp(t, "view=nosuch", "en")
	if a.ViewName() != DefaultView || !strings.Contains(a.notice.In(i18n.En), "nosuch") {
		t.Fatalf("view %s, notice %q", a.ViewName(), a.notice.In(i18n.En))
	}
	var rec ui.Recorder
	a.Draw(&rec)
	if !rec.HasText("nosuch") {
		t.Error("the header does not say the view is unknown")
	}
}

// click is one frame in which the primary pointer clicks at r's centre.
func click(r ui.Rect) *ui.Input {
	return &ui.Input{Events: []ui.PointerEvent{
		{Phase: ui.PointerDown, Primary: true, X: r.CenterX(), Y: r.CenterY()},
		{Phase: ui.PointerUp, Primary: true, X: r.CenterX(), Y: r.CenterY()},
	}}
}

func TestCommandsAndLanguageButton(t *testing.T) {
	a := newApp(t, "", "en")
	a.TakePage()
	if err := a.Command("sample", 12); err != nil {
		t.Fatal(err)
	}
	if err := a.Command("sample", 500); err == nil {
		t.Error("sample 500 accepted")
	}
	var tr ui.Tracker
	in := &ui.Input{}
	tr.Frame(in)
	p := a.Update(in)
	if !p.HasStatus || !p.HasPrediction || !p.Prediction.OK || !strings.HasPrefix(p.Status, "Prediction: ") {
		t.Fatalf("loading a sample: %+v", p)
	}
	in = click(a.langBtn.Rect)
	tr.Frame(in)
	p = a.Update(in)
	if a.Ctx.Lang != i18n.Ko || !p.HasStatus || !strings.HasPrefix(p.Status, "예측: ") || !p.HasLang || p.Lang != i18n.Ko {
		t.Fatalf("after the language button: %v, page %+v", a.Ctx.Lang, p)
	}
	var st map[string]any
	if err := json.Unmarshal(a.State().Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st["lang"] != "ko" || st["view"] != DefaultView {
		t.Errorf("state %v", st)
	}
	var rec ui.Recorder
	a.Draw(&rec)
	if !rec.HasText("숫자를 그려 보세요") || !rec.HasText("English") {
		t.Errorf("Korean header missing: %q", rec.Texts()[:4])
	}
	if err := a.Command("lang", 0); err != nil || a.Ctx.Lang != i18n.En {
		t.Errorf("lang 0: %v, %v", err, a.Ctx.Lang)
	}
	for _, bad := range []int{-1, 2, -1 << 31} {
		if err := a.Command("lang", bad); err == nil {
			t.Errorf("lang %d accepted", bad)
		}
	}
}

// The status line of a prediction is written in one place.
func TestPredictionText(t *testing.T) {
	p := ui.Prediction{OK: true, Label: 7}
	p.Probs[7] = 0.984
	if got := predictionText(i18n.En, p); got != "Prediction: 7 (98%)" {
		t.Errorf("English %q", got)
	}
	if got := predictionText(i18n.Ko, p); got != "예측: 7 (98%)" {
		t.Errorf("Korean %q", got)
	}
	for _, none := range []ui.Prediction{{}, {OK: true, Label: -1}, {OK: true, Label: 10}} {
		if got := predictionText(i18n.En, none); got != "Draw a digit" {
			t.Errorf("%+v: %q", none, got)
		}
	}
}

// Show opens a view for the page's script (its links, the browser's
// Back), by its name or an alias, and tells the page which view is
// shown; an unknown name is an error that says which views there are.
func TestShow(t *testing.T) {
	a := newApp(t, "lang=en", "en")
	a.TakePage()
	if err := a.Show("conv"); err != nil || a.ViewName() != "conv" {
		t.Fatalf("Show(conv): %v, %s", err, a.ViewName())
	}
	if p := a.TakePage(); !p.HasView || p.View != "conv" || !p.HasStatus {
		t.Errorf("the page is told %+v", p)
	}
	if err := a.Show("demo"); err != nil || a.ViewName() != DefaultView {
		t.Errorf("Show(demo): %v, %s", err, a.ViewName())
	}
	if err := a.Show("nosuchview-and-a-very-long-name-that-goes-on"); err == nil || !strings.Contains(err.Error(), "conv") || len(err.Error()) > 200 {
		t.Errorf("Show of an unknown view: %v", err)
	}
}
