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
	a := New(q, browser, w.Net)
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
		if got := newApp(t, c.query, c.browser).Ctx.Lang; got != c.want {
			t.Errorf("?%s with browser %q: %v, want %v", c.query, c.browser, got, c.want)
		}
	}
}

func TestUnknownViewFallsBackToDemo(t *testing.T) {
	a := newApp(t, "view=nosuch", "en")
	if a.View().Name() != "demo" || !strings.Contains(a.notice, "nosuch") {
		t.Fatalf("view %s, notice %q", a.View().Name(), a.notice)
	}
	var rec ui.Recorder
	a.Draw(&rec)
	if !rec.HasText("nosuch") {
		t.Error("the header does not say the view is unknown")
	}
}

func TestCommandsAndLanguageButton(t *testing.T) {
	a := newApp(t, "", "en")
	if err := a.Command("sample", 12); err != nil {
		t.Fatal(err)
	}
	if err := a.Command("sample", 500); err == nil {
		t.Error("sample 500 accepted")
	}
	var tr ui.Tracker
	in := &ui.Input{}
	tr.Frame(in)
	if _, changed := a.Update(in); !changed {
		t.Error("loading a sample did not update the status")
	}
	if !a.Ctx.Shared.HasPrediction {
		t.Fatal("no prediction after loading a sample")
	}
	// Click the language button.
	r := a.langBtn.Rect
	in = &ui.Input{Events: []ui.PointerEvent{
		{Phase: ui.PointerDown, Primary: true, X: r.CenterX(), Y: r.CenterY()},
		{Phase: ui.PointerUp, Primary: true, X: r.CenterX(), Y: r.CenterY()},
	}}
	tr.Frame(in)
	status, changed := a.Update(in)
	if a.Ctx.Lang != i18n.Ko || !changed || !strings.HasPrefix(status, "예측: ") {
		t.Fatalf("after the language button: %v, status %q", a.Ctx.Lang, status)
	}
	var st map[string]any
	if err := json.Unmarshal(a.State().Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st["lang"] != "ko" || st["view"] != "demo" {
		t.Errorf("state %v", st)
	}
	var rec ui.Recorder
	a.Draw(&rec)
	if !rec.HasText("숫자를 그려 보세요") || !rec.HasText("English") {
		t.Errorf("Korean header missing: %q", rec.Texts()[:4])
	}
}
