//go:build browser

package browser

// Browser tests of the lecture views (app.html?view=conv|pool|cost|rf|quiz):
// each view opens by URL in both languages, answers the keyboard, shows
// what the cnn package computes, leaves the console clean (checked by
// open's cleanup), and leaves a screenshot in
// site/screenshots/view-NAME-LANG.png.

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// viewsPage is app.html showing one lecture view.
type viewsPage struct{ *page }

func viewsOpen(t *testing.T, query string) viewsPage {
	t.Helper()
	p := viewsPage{open(t, "app.html?"+query, 1280, 800, 1, false)}
	// The program reads the keyboard through its canvas: focus it, as a
	// click on the page would.
	p.eval(`document.querySelector('canvas').focus(), document.activeElement.tagName`, nil)
	p.frames(3)
	return p
}

// state is the current view's state: lenetDemo.state().state.
func (p viewsPage) state() map[string]any {
	p.t.Helper()
	var all struct {
		View  string
		State map[string]any
	}
	p.eval(`lenetDemo.state()`, &all)
	if all.State == nil {
		p.t.Fatalf("no view state (view %q)", all.View)
	}
	return all.State
}

// keys presses the keys one after the other, each held for two frames:
// Ebiten reads the keyboard once per frame and forgets a key released
// before it looked.
func (p viewsPage) keys(ks ...string) {
	p.t.Helper()
	for _, k := range ks {
		for _, r := range k {
			for _, ev := range kb.Encode(r) {
				if ev.Type == kb.KeyUp {
					p.frames(2)
				}
				p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *ev)
					return err
				}))
			}
		}
		p.frames(1)
	}
	p.frames(1)
}

// tab moves the focus to the n-th focusable widget (1 is the first).
func (p viewsPage) tab(n int) {
	p.keys(kb.Escape)
	for range n {
		p.keys(kb.Tab)
	}
}

func sameFloats(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, _ := a[i].(float64)
		y, _ := b[i].(float64)
		if d := x - y; d > 1e-5 || d < -1e-5 {
			return false
		}
	}
	return true
}

// In the app the header's language and back buttons come first in the
// Tab order: a view's first widget is reached with 3 Tabs.
const viewsFirst = 3

func TestViewConvBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=conv&lang="+lang)
			s := p.state()
			if s["view"] != "conv" || s["lang"] != lang || s["preset"] != "horizontal edge" || s["outH"].(float64) != 10 {
				t.Fatalf("opened: %v", s)
			}
			p.screenshot("view-conv-" + lang)
			// preset (widget 2 of the view): horizontal → vertical → Sobel x
			p.tab(viewsFirst + 1)
			p.keys(kb.ArrowRight, kb.ArrowRight)
			corr := p.state()
			if corr["preset"] != "Sobel x" {
				t.Fatalf("preset %v", corr["preset"])
			}
			p.keys(kb.Tab, kb.Tab, kb.ArrowRight) // the operation: convolution
			conv := p.state()
			if conv["mode"] != "convolution" || sameFloats(corr["out"].([]any), conv["out"].([]any)) {
				t.Errorf("Sobel x: convolution %v gives the same map as correlation", conv["mode"])
			}
			if sameFloats(conv["kernel"].([]any), conv["applied"].([]any)) {
				t.Error("Sobel x: the flipped kernel equals the kernel")
			}
			// box blur: the same either way
			p.tab(viewsFirst + 1)
			p.keys(kb.ArrowRight, kb.ArrowRight)
			blurConv := p.state()
			p.keys(kb.Tab, kb.Tab, kb.ArrowLeft)
			blurCorr := p.state()
			if blurConv["preset"] != "box blur" || blurCorr["mode"] != "correlation" || !sameFloats(blurConv["out"].([]any), blurCorr["out"].([]any)) {
				t.Errorf("box blur: %v/%v, maps equal %v", blurConv["preset"], blurCorr["mode"], sameFloats(blurConv["out"].([]any), blurCorr["out"].([]any)))
			}
			// the MNIST digit at stride 3: 28 − 3 = 25 is not a multiple of 3
			p.tab(viewsFirst)
			p.keys(kb.ArrowRight)
			p.keys(kb.Tab, kb.Tab, kb.Tab, kb.Tab, kb.Tab, kb.ArrowRight, kb.ArrowRight)
			s = p.state()
			want := map[string]string{"en": "does not tile", "ko": "빈틈없이"}[lang]
			if s["stride"].(float64) != 3 || s["tiles"] != false || !strings.Contains(s["explanation"].(string), want) {
				t.Errorf("stride 3 on 28×28: stride %v tiles %v: %v", s["stride"], s["tiles"], s["explanation"])
			}
			p.screenshot("view-conv-stride3-" + lang)
		})
	}
}

func TestViewPoolBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=pool&lang="+lang)
			s := p.state()
			if s["view"] != "pool" || s["mode"] != "max" || len(s["winners"].([]any)) != 16 {
				t.Fatalf("opened: %v", s)
			}
			p.screenshot("view-pool-" + lang)
			p.tab(viewsFirst + 1)
			p.keys(kb.ArrowRight)
			s = p.state()
			if s["mode"] != "average" || s["winners"] != nil || !strings.Contains(s["expression"].(string), "/4 = ") {
				t.Errorf("average pooling: %v %v", s["mode"], s["expression"])
			}
		})
	}
}

func TestViewCostBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=cost&lang="+lang)
			s := p.state()
			if s["totalParams"].(float64) != 61706 || s["totalMACs"].(float64) != 416520 ||
				s["example"].(map[string]any)["perKernel"].(float64) != 7077888 {
				t.Fatalf("opened: %v", s)
			}
			p.screenshot("view-cost-" + lang)
			p.tab(viewsFirst)
			p.keys(kb.ArrowDown, kb.ArrowDown) // C3
			s = p.state()
			if s["selected"] != "C3" {
				t.Errorf("selected %v", s["selected"])
			}
			p.tab(viewsFirst + 4) // the number of kernels: 1 → 2
			p.keys(kb.ArrowRight)
			if ex := p.state()["example"].(map[string]any); ex["count"].(float64) != 2 || ex["allMACs"].(float64) != 2*7077888 {
				t.Errorf("two kernels: %v", ex)
			}
		})
	}
}

func TestViewRFBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=rf&lang="+lang)
			s := p.state()
			if s["layer"] != "C3" || s["side"].([]any)[0].(float64) != 14 {
				t.Fatalf("opened: %v", s)
			}
			p.screenshot("view-rf-" + lang)
			p.tab(viewsFirst)
			p.keys(kb.ArrowRight) // S4
			if s := p.state(); s["layer"] != "S4" || s["side"].([]any)[0].(float64) != 16 {
				t.Errorf("S4: %v %v", s["layer"], s["side"])
			}
			p.keys(kb.ArrowRight) // C5
			if s := p.state(); s["layer"] != "C5" || s["side"].([]any)[0].(float64) != 32 {
				t.Errorf("C5: %v %v", s["layer"], s["side"])
			}
		})
	}
}

func TestViewQuizBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=quiz&seed=7&lang="+lang)
			s := p.state()
			if s["seed"].(float64) != 7 || s["number"].(float64) != 1 {
				t.Fatalf("opened: %v", s)
			}
			p.keys("1", "2", "3", "4", "5", "6", "7", "8", kb.Enter)
			s = p.state()
			if s["answered"] != true || s["input"] != "12345678" || s["tried"].(float64) != 1 {
				t.Errorf("answered: %v", s)
			}
			want := map[string]string{"en": "the answer is", "ko": "답은"}[lang]
			if s["right"] == false && !strings.Contains(s["feedback"].(string), want) {
				t.Errorf("feedback %q", s["feedback"])
			}
			p.screenshot("view-quiz-" + lang)
			p.keys(kb.Enter)
			if s := p.state(); s["number"].(float64) != 2 || s["answered"] != false {
				t.Errorf("next question: %v", s)
			}
		})
	}
}
