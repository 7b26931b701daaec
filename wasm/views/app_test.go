package views_test

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/ui"
	_ "github.com/seecnn/lenet/wasm/views"
)

func viewState(t *testing.T, a *app.App) map[string]any {
	t.Helper()
	var m struct{ State map[string]any }
	if err := json.Unmarshal(a.State().Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m.State
}

// Each lecture view opens from its URL inside the program, in the asked
// language; the playground takes the digit shown in the demo.
func TestViewsInTheApp(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"conv", "pool", "cost", "rf", "quiz"} {
		for _, l := range []string{"en", "ko"} {
			a := app.New(url.Values{"view": {name}, "lang": {l}, "seed": {"3"}}, "en-US", w.Net, nil)
			a.Resize(1280, 800, 1)
			var tr ui.Tracker
			in := &ui.Input{}
			tr.Frame(in)
			a.Update(in)
			var rec ui.Recorder
			a.Draw(&rec)
			st := appState(t, a)
			if st["view"] != name || st["lang"] != l || st["notice"] != "" {
				t.Errorf("%s?lang=%s: %v %v %q", name, l, st["view"], st["lang"], st["notice"])
			}
			if s := viewState(t, a); s["view"] != name || s["lang"] != l || len(rec.Texts()) < 5 {
				t.Errorf("%s: state %v, %d strings drawn", name, s["view"], len(rec.Texts()))
			}
		}
	}

	a := app.New(url.Values{}, "en", w.Net, nil)
	a.Resize(1280, 800, 1)
	var tr ui.Tracker
	step := func(keys ...string) {
		in := &ui.Input{Keys: keys}
		tr.Frame(in)
		a.Update(in)
	}
	step()
	if err := a.Command("sample", 3); err != nil {
		t.Fatal(err)
	}
	step()
	a.Ctx.SwitchTo("conv")
	step()
	if a.ViewName() != "conv" {
		t.Fatalf("switched to %q", a.ViewName())
	}
	// Tab order: the language button, "back to the demo", then the view's
	// widgets; the picture choice is the seventh.
	for range 2 + 7 {
		step("Tab")
	}
	step("ArrowLeft") // test image → drawing (wraps)
	s := viewState(t, a)
	if s["source"] != "your drawing" || s["inH"].(float64) != 28 || s["message"] != "" {
		t.Errorf("the demo's digit in the playground: %v %v %q", s["source"], s["inH"], s["message"])
	}
}

func appState(t *testing.T, a *app.App) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.State().Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}
