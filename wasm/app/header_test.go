package app_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/i18n"
	_ "github.com/seecnn/lenet/wasm/trainview" // the training view
	"github.com/seecnn/lenet/wasm/ui"
	_ "github.com/seecnn/lenet/wasm/views" // every lecture view
)

// header is where the header's controls are, from the app's state.
type header struct {
	Lang, Back []float64
}

type driver struct {
	t  *testing.T
	a  *app.App
	tr ui.Tracker
}

// frame runs one frame of input, then draws; a panic fails the test with
// what was being done.
func (d *driver) frame(what string, in *ui.Input) (p app.Page) {
	d.t.Helper()
	defer func() {
		if r := recover(); r != nil {
			d.t.Fatalf("%s on %s: panic: %v", what, d.a.ViewName(), r)
		}
	}()
	d.tr.Frame(in)
	p = d.a.Update(in)
	d.a.Draw(&ui.Recorder{})
	if b := d.a.State().Bytes(); !json.Valid(b) {
		d.t.Fatalf("%s: the state is not JSON: %s", what, b)
	}
	return p
}

func (d *driver) header() header {
	d.t.Helper()
	var st struct{ Header header }
	if err := json.Unmarshal(d.a.State().Bytes(), &st); err != nil {
		d.t.Fatal(err)
	}
	return st.Header
}

func clickAt(r []float64) *ui.Input {
	x, y := r[0]+r[2]/2, r[1]+r[3]/2
	return &ui.Input{Events: []ui.PointerEvent{
		{Phase: ui.PointerDown, Primary: true, X: x, Y: y},
		{Phase: ui.PointerUp, Primary: true, X: x, Y: y},
	}}
}

// want is the status line after a header control switched the language or
// the view: the prediction (or "Draw a digit") on a view that predicts,
// the view's title on the others.
func (d *driver) want() string {
	l := d.a.Ctx.Lang
	if p, ok := d.a.View().(ui.Predictor); ok {
		pr := p.Prediction()
		if !pr.OK {
			return l.Pick("Draw a digit", "숫자를 그려 보세요")
		}
		return fmt.Sprintf(l.Pick("Prediction: %d (%d%%)", "예측: %d (%d%%)"), pr.Label, int(100*pr.Probs[pr.Label]+0.5))
	}
	spec, _ := ui.Lookup(d.a.ViewName())
	return spec.Title.In(l)
}

// Every registered view, with and without a drawing, in both languages:
// the language switch (clicked and from the keyboard) and the way back
// work, nothing panics, and the status line says the right thing in the
// right language.
func TestHeaderOnEveryView(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	names := ui.ViewNames()
	if len(names) < 6 {
		t.Fatalf("only %d views registered: %v", len(names), names)
	}
	for _, name := range names {
		for _, drawn := range []bool{false, true} {
			for _, lang := range []string{"en", "ko"} {
				t.Run(fmt.Sprintf("%s/drawn=%v/%s", name, drawn, lang), func(t *testing.T) {
					q := url.Values{"lang": {lang}, "seed": {"1"}}
					if drawn {
						q.Set("sample", "3")
					}
					d := &driver{t: t, a: app.New(q, "en", w.Net, nil)}
					d.a.Resize(1024, 700, 1)
					d.frame("the first frame", &ui.Input{})
					d.a.Ctx.SwitchTo(name)
					d.frame("opening the view", &ui.Input{})
					if d.a.ViewName() != name {
						t.Fatalf("opened %s", d.a.ViewName())
					}
					start := d.a.Ctx.Lang

					h := d.header()
					p := d.frame("clicking the language switch", clickAt(h.Lang))
					if d.a.Ctx.Lang != start.Other() || !p.HasLang || p.Lang != d.a.Ctx.Lang {
						t.Fatalf("the language switch: %v, page %+v", d.a.Ctx.Lang, p)
					}
					if !p.HasStatus || p.Status != d.want() {
						t.Errorf("after the language switch the status says %q (set %v), want %q", p.Status, p.HasStatus, d.want())
					}

					// From the keyboard: Escape drops the focus, Tab
					// reaches the switch first, Enter presses it.
					d.frame("Escape", &ui.Input{Keys: []string{"Escape"}})
					d.frame("Tab", &ui.Input{Keys: []string{"Tab"}})
					p = d.frame("Enter on the language switch", &ui.Input{Keys: []string{"Enter"}})
					if d.a.Ctx.Lang != start || !p.HasStatus || p.Status != d.want() {
						t.Errorf("the language switch from the keyboard: %v, status %q, want %q", d.a.Ctx.Lang, p.Status, d.want())
					}

					h = d.header()
					if name == app.DefaultView {
						if h.Back != nil {
							t.Error("the default view offers a way back to itself")
						}
						return
					}
					if len(h.Back) != 4 {
						t.Fatalf("no way back: %+v", h)
					}
					p = d.frame("clicking back", clickAt(h.Back))
					if d.a.ViewName() != app.DefaultView || !p.HasStatus || p.Status != d.want() {
						t.Errorf("back: on %s, status %q, want %q", d.a.ViewName(), p.Status, d.want())
					}
					if pr := d.a.View().(ui.Predictor).Prediction(); pr.OK != drawn {
						t.Errorf("back on the demo: prediction %v, drawn %v", pr.OK, drawn)
					}
					if d.header().Back != nil {
						t.Error("the way back stays on the default view")
					}
				})
			}
		}
	}
}

// The language switch works on every view on a phone-sized screen too.
func TestHeaderOnAPhone(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ui.ViewNames() {
		d := &driver{t: t, a: app.New(url.Values{"view": {name}, "lang": {"ko"}}, "en", w.Net, nil)}
		d.a.Resize(390*3, 844*3, 3)
		d.frame("the first frame", &ui.Input{})
		p := d.frame("the language switch", clickAt(d.header().Lang))
		if d.a.Ctx.Lang != i18n.En || p.Status != d.want() {
			t.Errorf("%s: %v, status %q, want %q", name, d.a.Ctx.Lang, p.Status, d.want())
		}
	}
}
