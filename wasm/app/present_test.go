package app_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/ui"
)

// textState is the app's report of the smallest text it draws.
type textState struct {
	Present bool
	Text    struct {
		MinCss   float64
		Smallest string
	}
}

// The projector layout comes by itself on a large screen, with
// ?present=1 on any, never with ?present=0, and the F key switches it;
// in it every view draws no text under 24 CSS pixels, in both languages,
// at 1920×1080 and on a 2560×1440 screen at twice the pixels.
func TestProjectorLayout(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	state := func(a *app.App) textState {
		var st textState
		if err := json.Unmarshal(a.State().Bytes(), &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	for _, c := range []struct {
		query    string
		w, h, px float64
		want     bool
	}{
		{"", 1920, 1080, 1, true},
		{"", 1280, 800, 1, false},
		{"", 3840, 2160, 2, true},
		{"present=0", 1920, 1080, 1, false},
		{"present=1", 1280, 800, 1, true},
		{"present=on", 1024, 700, 2, true},
	} {
		q, _ := url.ParseQuery(c.query)
		a := app.New(q, "en", w.Net, nil)
		a.Resize(c.w*c.px, c.h*c.px, c.px)
		if got := state(a); got.Present != c.want {
			t.Errorf("?%s at %gx%g: present %v, want %v", c.query, c.w, c.h, got.Present, c.want)
		}
		d := &driver{t: t, a: a}
		d.frame("F", &ui.Input{Keys: []string{"KeyF"}})
		if got := state(a); got.Present == c.want {
			t.Errorf("?%s: the F key left the projector layout %v", c.query, got.Present)
		}
	}
	for _, name := range ui.ViewNames() {
		for _, lang := range []string{"en", "ko"} {
			for _, sz := range [][3]float64{{1920, 1080, 1}, {2560 * 2, 1440 * 2, 2}} {
				t.Run(fmt.Sprintf("%s/%s/%gx%g", name, lang, sz[0], sz[1]), func(t *testing.T) {
					q := url.Values{"view": {name}, "lang": {lang}, "sample": {"7"}, "layer": {"C3"}, "seed": {"7"}}
					d := &driver{t: t, a: app.New(q, "en", w.Net, nil)}
					d.a.Resize(sz[0], sz[1], sz[2])
					d.frame("the first frame", &ui.Input{})
					st := state(d.a)
					if !st.Present {
						t.Fatal("no projector layout")
					}
					if st.Text.MinCss < ui.ProjectorSmall {
						t.Errorf("text of %.1f CSS pixels: %q", st.Text.MinCss, st.Text.Smallest)
					}
				})
			}
		}
	}
}
