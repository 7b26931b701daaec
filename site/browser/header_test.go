//go:build browser

package browser

// The header's controls on every view the program has: the language
// switch, clicked and from the keyboard, and the way back to the network
// view. Nothing may panic (open's cleanup and frames check
// lenetDemo.timings().lastPanic), and the status line must say the right
// thing in the right language.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// paramsTable is the part of site/url-params.json the test reads: every
// view and its title.
type paramsTable struct {
	Views []struct {
		Name    string
		Default bool
		Title   map[string]string
	}
}

func TestHeaderOnEveryView(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "url-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var table paramsTable
	if err := jsonUnmarshal(b, &table); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range table.Views {
		names = append(names, v.Name)
	}
	sort.Strings(names)
	for _, v := range table.Views {
		t.Run(v.Name, func(t *testing.T) {
			p := viewsOpen(t, "view="+v.Name+"&lang=en")
			var st struct {
				View, Lang string
				Views      []string
				Dpr        float64
				Header     struct{ Lang, Back []float64 }
			}
			p.eval(`lenetDemo.state()`, &st)
			if st.View != v.Name || fmt.Sprint(st.Views) != fmt.Sprint(names) {
				t.Fatalf("opened %q; the program has %v, url-params.json %v", st.View, st.Views, names)
			}
			if v.Default {
				p.eval(`lenetDemo.loadSample(3)`, nil)
				p.frames(6)
			}
			// want is what the status line must say in language l: the
			// prediction on the network view, the title elsewhere.
			want := func(l string) string {
				if !v.Default {
					return v.Title[l]
				}
				pr := p.prediction()
				if pr == nil {
					t.Fatal("no prediction of sample 3")
				}
				pct := int(math.Round(100 * pr.Probs[pr.Label]))
				if l == "ko" {
					return fmt.Sprintf("예측: %d (%d%%)", pr.Label, pct)
				}
				return fmt.Sprintf("Prediction: %d (%d%%)", pr.Label, pct)
			}
			click := func(r []float64) {
				t.Helper()
				if len(r) != 4 {
					t.Fatalf("no such control: %v", r)
				}
				p.do(chromedp.MouseClickXY((r[0]+r[2]/2)/st.Dpr, (r[1]+r[3]/2)/st.Dpr))
				p.frames(4)
			}
			lang := func() string {
				var l string
				p.eval(`document.documentElement.lang`, &l)
				return l
			}

			click(st.Header.Lang)
			if l := lang(); l != "ko" || p.status() != want("ko") {
				t.Errorf("the language switch, clicked: lang %q, status %q, want %q", l, p.status(), want("ko"))
			}
			p.screenshot("header-" + v.Name + "-ko")

			// From the keyboard: the switch is the first control.
			p.keys(kb.Escape, kb.Tab, kb.Enter)
			p.frames(3)
			if l := lang(); l != "en" || p.status() != want("en") {
				t.Errorf("the language switch, from the keyboard: lang %q, status %q, want %q", l, p.status(), want("en"))
			}

			if v.Default {
				if st.Header.Back != nil {
					t.Error("the network view offers a way back to itself")
				}
				return
			}
			click(st.Header.Back)
			var after struct {
				View   string
				Header struct{ Lang, Back []float64 }
			}
			p.eval(`lenetDemo.state()`, &after)
			if after.View != "net" || p.status() != "Draw a digit" || after.Header.Back != nil || len(after.Header.Lang) != 4 {
				t.Errorf("back: on %q, status %q, header %+v", after.View, p.status(), after.Header)
			}
			var tm map[string]any
			p.eval(`lenetDemo.timings()`, &tm)
			t.Logf("the canvas holds %v bitmaps and %v rendered strings", tm["cachedBitmaps"], tm["cachedTexts"])
		})
	}
}
