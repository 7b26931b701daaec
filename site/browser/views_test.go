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

// The playground: Sobel changes under convolution, the box blur does not,
// a stride that does not tile is explained. The operation is the view's
// first widget.
func TestViewConvBrowser(t *testing.T) {
	p := viewsOpen(t, "view=conv&lang=en&kernel=sobelx")
	corr := p.state()
	if corr["view"] != "conv" || corr["lang"] != "en" || corr["preset"] != "Sobel x" || corr["mode"] != "correlation" || corr["outH"].(float64) != 10 {
		t.Fatalf("opened: %v", corr)
	}
	p.screenshot("view-conv-en")
	p.tab(viewsFirst)
	p.keys(kb.ArrowRight) // convolution
	conv := p.state()
	if conv["mode"] != "convolution" || sameFloats(corr["out"].([]any), conv["out"].([]any)) {
		t.Errorf("Sobel x: convolution (%v) gives the same map as correlation", conv["mode"])
	}
	if sameFloats(conv["kernel"].([]any), conv["applied"].([]any)) {
		t.Error("Sobel x: the flipped kernel equals the kernel")
	}
	p.screenshot("view-conv-sobel-convolution-en")
}

func TestViewConvBlurBrowser(t *testing.T) {
	p := viewsOpen(t, "view=conv&lang=en&kernel=blur&source=digit")
	corr := p.state()
	p.tab(viewsFirst)
	p.keys(kb.ArrowRight) // convolution
	conv := p.state()
	if corr["preset"] != "box blur" || corr["mode"] != "correlation" || conv["mode"] != "convolution" ||
		!sameFloats(corr["out"].([]any), conv["out"].([]any)) {
		t.Errorf("box blur: %v %v/%v, maps equal %v", corr["preset"], corr["mode"], conv["mode"], sameFloats(corr["out"].([]any), conv["out"].([]any)))
	}
}

func TestViewConvKoreanStrideBrowser(t *testing.T) {
	// the MNIST digit at stride 3: 28 − 3 = 25 = 8·3 + 1 does not tile
	p := viewsOpen(t, "view=conv&lang=ko&source=digit&stride=3&kernel=vedge")
	s := p.state()
	if s["lang"] != "ko" || s["inH"].(float64) != 28 || s["stride"].(float64) != 3 || s["tiles"] != false ||
		!strings.Contains(s["explanation"].(string), "25 = 8·3 + 1") || !strings.Contains(s["explanation"].(string), "빈틈없이") {
		t.Fatalf("stride 3 on 28×28: %v %v: %v", s["stride"], s["tiles"], s["explanation"])
	}
	p.tab(viewsFirst)
	p.keys(kb.ArrowRight) // convolution: the flipped kernel shows
	s = p.state()
	if s["mode"] != "convolution" || s["tiles"] != false || sameFloats(s["kernel"].([]any), s["applied"].([]any)) {
		t.Errorf("convolution at stride 3: %v %v", s["mode"], s["applied"])
	}
	p.screenshot("view-conv-ko")
}

func TestViewPoolBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=pool&lang="+lang)
			s := p.state()
			if s["view"] != "pool" || s["mode"] != "max" || len(s["winners"].([]any)) != 16 || !strings.HasPrefix(s["expression"].(string), "max(") {
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
			params := map[string]float64{}
			for _, r := range s["rows"].([]any) {
				row := r.(map[string]any)
				params[row["name"].(string)] = row["params"].(float64)
				if row["name"] == "C1" && row["connections"].(float64) != 122304 {
					t.Errorf("C1 connections %v", row["connections"])
				}
			}
			if params["C1"] != 156 || params["C3"] != 2416 || params["C5"] != 48120 || params["F6"] != 10164 || params["Output"] != 850 ||
				s["totalParams"].(float64) != 61706 || s["totalMACs"].(float64) != 416520 ||
				s["example"].(map[string]any)["perKernel"].(float64) != 7077888 {
				t.Fatalf("opened: %v", s)
			}
			p.screenshot("view-cost-" + lang)
			p.tab(viewsFirst)
			p.keys(kb.ArrowDown, kb.ArrowDown) // C3
			if s := p.state(); s["selected"] != "C3" {
				t.Errorf("selected %v", s["selected"])
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
		})
	}
}

// The evidence over the input of the receptive-field view: turned on with
// its buttons on a laptop, from the address on a phone.
func TestViewRFEvidenceBrowser(t *testing.T) {
	p := viewsOpen(t, "view=rf&lang=en")
	ev := p.state()["evidence"].(map[string]any)
	if ev["shown"] != false || ev["method"] != "off" {
		t.Fatalf("opened: %v", ev)
	}
	c := ev["choice"].([]any)
	p.clickRect([]float64{c[0].(float64) + c[2].(float64)*2/3, c[1].(float64), c[2].(float64) / 3, c[3].(float64)}) // gradient × input
	p.frames(2)
	ev = p.state()["evidence"].(map[string]any)
	share := ev["share"]
	if ev["shown"] != true || ev["method"] != "input" || ev["target"] != 7.0 || share == nil || share.(float64) <= 0 || share.(float64) > 1 ||
		!strings.Contains(ev["text"].(string), "of the positive evidence lies inside this unit's 14×14 receptive field") {
		t.Fatalf("gradient × input: %v", ev)
	}
	p.screenshot("view-rf-evidence-en")

	ph := viewsPage{open(t, "app.html?view=rf&lang=ko&evidence=gradient&layer=S4&y=1&x=2", 390, 844, 3, true)}
	s := ph.state()
	ev = s["evidence"].(map[string]any)
	if ev["shown"] != true || ev["method"] != "gradient" || s["layer"] != "S4" || !strings.Contains(ev["text"].(string), "수용장 안에 있습니다") {
		t.Fatalf("the phone: %v", s)
	}
	ph.screenshot("view-rf-evidence-phone-ko")
}

func TestViewQuizBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := viewsOpen(t, "view=quiz&seed=7&lang="+lang)
			s := p.state()
			if s["seed"].(float64) != 7 || s["number"].(float64) != 1 || s["answered"] != false {
				t.Fatalf("opened: %v", s)
			}
			// Two tries: a hint after a wrong first one, then the answer.
			p.keys("1", "2", kb.Enter)
			s = p.state()
			if s["answered"] == false {
				hint := map[string]string{"en": "One more try", "ko": "한 번 더"}[lang]
				if s["tries"].(float64) != 1 || !strings.Contains(s["feedback"].(string), hint) {
					t.Fatalf("a first wrong try: %v", s)
				}
				p.keys("1", "3", kb.Enter)
				s = p.state()
			}
			if s["answered"] != true || s["tried"].(float64) != 1 {
				t.Fatalf("answered: %v", s)
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
