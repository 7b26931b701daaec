//go:build browser

package browser

// The demo in a lecture hall: the projector layout at 1920×1080, a kernel
// cell edited like a text field, views switched inside the page with the
// address and Back following, and a phone at 390×844. Screenshots:
// projector-en, projector-ko, conv-cell-refused, home-view-conv,
// phone-390-en.

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// appState is the part of lenetDemo.state() these tests read.
type appState struct {
	View, Lang string
	Present    bool
	Touch      bool
	Dpr, Scale float64
	Fonts      []float64 // the theme's small, body, title and big sizes, CSS pixels
	Text       struct {
		MinCss   float64
		Smallest string
	}
	Header struct{ Lang, Back []float64 }
	State  struct {
		Rects   map[string][]float64
		Fill    []float64
		Buttons []string
		Tabs    []string
		Tab     string
		Info    *struct {
			Title    string
			Fits     bool
			NumberPx float64
		}
		// the convolution view
		Kernel     []float64
		Editing    int
		Typed      string
		Message    string
		KernelRect []float64
		Size       int
	}
}

func (p *page) appState() appState {
	p.t.Helper()
	var s appState
	p.eval(`lenetDemo.state()`, &s)
	return s
}

// At 1920×1080 the projector layout comes by itself: no text under 24
// CSS pixels, the maps fill their column, the computation of a C3 unit
// fits with its grids' numbers at the projector's size.
func TestProjectorLayoutBrowser(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			p := open(t, "app.html?sample=6&layer=C3&lang="+lang, 1920, 1080, 1, false)
			p.frames(6)
			s := p.appState()
			if !s.Present {
				t.Fatal("no projector layout at 1920×1080")
			}
			if s.Text.MinCss < 23.99 {
				t.Errorf("text of %.1f CSS pixels: %q", s.Text.MinCss, s.Text.Smallest)
			}
			var tm struct {
				CutTexts float64
				CutText  string
			}
			p.eval(`lenetDemo.timings()`, &tm)
			if tm.CutTexts != 0 {
				t.Errorf("%v strings cut off at the screen's edge, the first %q", tm.CutTexts, tm.CutText)
			}
			for i, f := range s.State.Fill {
				if f < 0.75 {
					t.Errorf("column %d is only %.0f%% filled", i, 100*f)
				}
			}
			if s.State.Info == nil || !s.State.Info.Fits || s.State.Info.NumberPx/s.Dpr < 23.99 {
				t.Errorf("the C3 computation: %+v", s.State.Info)
			}
			t.Logf("%s at 1920×1080: zoom %.2f; the smallest text %.1f CSS px (%q); grid numbers %.1f CSS px; small, body, title and prediction text %v CSS px",
				lang, s.Scale/s.Dpr, s.Text.MinCss, s.Text.Smallest, s.State.Info.NumberPx/s.Dpr, s.Fonts)
			// What the C3 unit looks for, under its computation.
			checkLooks(t, p.looksDone("C3"))
			p.screenshot("projector-" + lang)
		})
	}
	// A lecture view is zoomed as a whole.
	p := open(t, "app.html?view=conv&lang=en", 1920, 1080, 1, false)
	p.frames(4)
	if s := p.appState(); !s.Present || s.Text.MinCss < 23.99 {
		t.Errorf("the convolution view at 1920×1080: present %v, text %.1f CSS px (%q)", s.Present, s.Text.MinCss, s.Text.Smallest)
	}
	p.screenshot("projector-conv-en")
}

// A kernel cell works like a text field: a click selects its number,
// typing replaces it, Enter and Tab take it, Escape keeps the old one,
// and a number out of range is refused with what is allowed.
func TestKernelCellEditing(t *testing.T) {
	p := viewsOpen(t, "view=conv&lang=en&kernel=sobelx")
	s := p.appState().State
	if len(s.KernelRect) != 4 || s.Size != 3 {
		t.Fatalf("no kernel: %+v", s)
	}
	dpr := p.appState().Dpr
	cell := func(i int) (float64, float64) {
		r := s.KernelRect
		w := r[2] / float64(s.Size)
		return (r[0] + w*(float64(i%s.Size)+0.5)) / dpr, (r[1] + w*(float64(i/s.Size)+0.5)) / dpr
	}
	click := func(i int) {
		x, y := cell(i)
		p.do(chromedp.MouseClickXY(x, y))
		p.frames(3)
	}
	// Cell 0 of Sobel x is -1: a click selects it; typing 2 gives 2.
	click(0)
	if st := p.appState().State; st.Editing != 0 || st.Typed != "-1" {
		t.Fatalf("a click: editing %d, typed %q", st.Editing, st.Typed)
	}
	p.keys("2")
	if st := p.appState().State; st.Typed != "2" {
		t.Fatalf("typing 2 into the selected -1 gives %q", st.Typed)
	}
	p.keys(kb.Enter)
	if st := p.appState().State; st.Editing != -1 || st.Kernel[0] != 2 {
		t.Fatalf("Enter: editing %d, kernel[0] %v", st.Editing, st.Kernel[0])
	}
	// Tab takes the number and moves on.
	click(1)
	p.keys("-", "1", ".", "5", kb.Tab)
	if st := p.appState().State; st.Editing != -1 || st.Kernel[1] != -1.5 {
		t.Fatalf("Tab: editing %d, kernel[1] %v", st.Editing, st.Kernel[1])
	}
	// Escape keeps the old number.
	click(2)
	p.keys("7", kb.Escape)
	if st := p.appState().State; st.Editing != -1 || st.Kernel[2] != 1 {
		t.Fatalf("Escape: editing %d, kernel[2] %v", st.Editing, st.Kernel[2])
	}
	// Out of range: refused, and the view says what is allowed.
	click(3)
	p.keys("-", "1", "2", kb.Enter)
	if st := p.appState().State; st.Kernel[3] != -2 || !strings.Contains(st.Message, "from -10 to 10") {
		t.Errorf("-12: kernel[3] %v, message %q", st.Kernel[3], st.Message)
	}
	p.screenshot("conv-cell-refused")
}

// Views switch inside the page: the address follows (a history entry
// per view, the language rewritten in place), Back returns to the view
// before, and nothing loads again; the home page's links switch its
// demo the same way.
func TestViewSwitching(t *testing.T) {
	p := open(t, "app.html?lang=en", 1024, 700, 1, false)
	var n0 int
	p.eval(`window.loadedOnce = 'yes', history.length`, &n0)
	search := func() string {
		var s string
		p.eval(`location.search`, &s)
		return s
	}
	view := func() string { return p.appState().View }
	p.eval(`lenetDemo.show('conv')`, nil)
	p.frames(3)
	if view() != "conv" || !strings.Contains(search(), "view=conv") {
		t.Fatalf("show(conv): view %s, address %s", view(), search())
	}
	// The header's way back.
	s := p.appState()
	p.do(chromedp.MouseClickXY((s.Header.Back[0]+s.Header.Back[2]/2)/s.Dpr, (s.Header.Back[1]+s.Header.Back[3]/2)/s.Dpr))
	p.frames(4)
	if view() != "net" || !strings.Contains(search(), "view=net") {
		t.Fatalf("back to the demo: view %s, address %s", view(), search())
	}
	var n int
	p.eval(`history.length`, &n)
	if n != n0+2 {
		t.Errorf("two views opened, %d history entries added", n-n0)
	}
	// The browser's Back returns to conv, then Forward to net.
	p.eval(`history.back(), 0`, nil)
	p.frames(6)
	if view() != "conv" || !strings.Contains(search(), "view=conv") {
		t.Errorf("Back: view %s, address %s", view(), search())
	}
	// The language switch rewrites the entry.
	s = p.appState()
	p.do(chromedp.MouseClickXY((s.Header.Lang[0]+s.Header.Lang[2]/2)/s.Dpr, (s.Header.Lang[1]+s.Header.Lang[3]/2)/s.Dpr))
	p.frames(4)
	p.eval(`history.length`, &n)
	if !strings.Contains(search(), "lang=ko") || n != n0+2 {
		t.Errorf("the language switch: address %s, %d history entries", search(), n-n0)
	}
	var mark string
	p.eval(`window.loadedOnce || 'reloaded'`, &mark)
	if mark != "yes" {
		t.Error("the page loaded again")
	}
	// A reload keeps the view and the language.
	p.do(chromedp.Reload())
	p.eval(`lenetDemo.ready`, nil)
	if s := p.appState(); s.View != "conv" || s.Lang != "ko" {
		t.Errorf("after a reload: %s in %s", s.View, s.Lang)
	}

	// The home page's lecture links switch the embedded demo.
	h := open(t, "index.html?lang=en", 1280, 900, 1, false)
	h.demoLang()
	h.eval(`document.getElementById('demo').contentWindow.loadedOnce = 'yes', 0`, nil)
	var r rect
	h.eval(`(() => { const a = document.querySelector('.views a[href*="view=conv"]'); a.scrollIntoView(); const b = a.getBoundingClientRect(); return {X: b.x, Y: b.y, Width: b.width, Height: b.height} })()`, &r)
	h.do(chromedp.MouseClickXY(r.X+r.Width/2, r.Y+r.Height/2))
	var got struct{ View, Frame, Top, Mark string }
	h.eval(`(async () => {
		const w = document.getElementById('demo').contentWindow;
		for (let i = 0; i < 300 && !w.location.search.includes('view=conv'); i++) await new Promise((r) => setTimeout(r, 20));
		const s = await w.lenetDemo.state();
		return { View: s.view, Frame: w.location.search, Top: location.pathname + location.search, Mark: w.loadedOnce || 'reloaded' };
	})()`, &got)
	if got.View != "conv" || !strings.Contains(got.Frame, "view=conv") || strings.Contains(got.Top, "view=") || !strings.HasSuffix(got.Top, "?lang=en") || got.Mark != "yes" {
		t.Errorf("the home page's link: %+v", got)
	}
	h.screenshot("home-view-conv")
}

// A phone at 390×844: score bars a finger's width, no keyboard hints,
// tabs that say what they show, the computation under the pictures (not
// over the pad), and the screen used to its bottom.
func TestPhoneLayout(t *testing.T) {
	p := open(t, "app.html?lang=en", 390, 844, 3, true)
	p.touchDraw(digits[7])
	p.expect(7, false)
	s := p.appState()
	css := func(r []float64) rect { return rect{r[0] / s.Dpr, r[1] / s.Dpr, r[2] / s.Dpr, r[3] / s.Dpr} }
	if !s.Touch {
		t.Error("a finger drew, and the program does not know it is a touch screen")
	}
	for _, b := range s.State.Buttons {
		if strings.Contains(b, "(") {
			t.Errorf("a keyboard hint on a touch screen: %q", b)
		}
	}
	if fmt.Sprint(s.State.Tabs) != "[input C1 S2 C3 S4 C5·F6 kernels ✎]" {
		t.Errorf("tabs %v", s.State.Tabs)
	}
	bar := css(s.State.Rects["bar0"])
	if bar.Height < 12 || bar.Width < 50 {
		t.Errorf("a score bar is %.0f×%.0f CSS pixels", bar.Width, bar.Height)
	}
	// Tap the C3 tab, then a unit.
	tabs := css(s.State.Rects["tabs"])
	p.do(chromedp.TapXY(tabs.X+tabs.Width*3.5/8, tabs.Y+tabs.Height/2))
	p.frames(4)
	s = p.appState()
	c3 := css(s.State.Rects["C3"])
	if s.State.Tab != "C3" || c3.Width == 0 {
		t.Fatalf("the C3 tab shows %q", s.State.Tab)
	}
	p.do(chromedp.TapXY(c3.X+c3.Width*0.6, c3.Y+c3.Height*0.3))
	p.frames(4)
	s = p.appState()
	info, pad, legend := css(s.State.Rects["info"]), css(s.State.Rects["pad"]), css(s.State.Rects["legend"])
	if s.State.Info == nil || !s.State.Info.Fits {
		t.Fatalf("no computation after tapping a C3 unit: %+v", s.State.Info)
	}
	if info.Y < pad.Y+pad.Height || info.Y < c3.Y+c3.Height {
		t.Errorf("the computation %+v covers the pad %+v or the maps %+v", info, pad, c3)
	}
	if bottom := legend.Y + legend.Height; 844-bottom > 20 || math.Abs(info.Y+info.Height-legend.Y) > 20 {
		t.Errorf("space left empty: the legend ends at %.0f of 844, the computation at %.0f", bottom, info.Y+info.Height)
	}
	p.screenshot("phone-390-en")
}

// Every layer's explanation, as a student opens it at the embed's default
// 960×640: a click on a C3 map, an F6 unit and a score bar (an Output
// unit) opens the
// unit's computation, titled with its layer, whole (nothing cut off, the
// panel says it fits). Screenshots: explain-C3-en, explain-F6-ko,
// explain-Output-en.
func TestExplanationsOfDeepUnits(t *testing.T) {
	for _, c := range []struct {
		layer, lang, block string  // the block on the screen to click in
		fx, fy             float64 // where in it, as fractions
	}{{"C3", "en", "C3", 0.06, 0.3}, {"F6", "ko", "F6", 0.3, 0.5}, {"Output", "en", "bar0", 0.5, 0.5}} {
		t.Run(c.layer, func(t *testing.T) {
			p := open(t, "app.html?sample=7&lang="+c.lang, 960, 640, 1, false)
			p.frames(4)
			s := p.appState()
			r := s.State.Rects[c.block]
			if len(r) != 4 {
				t.Fatalf("no %s on the screen: %v", c.block, s.State.Rects)
			}
			p.do(chromedp.MouseClickXY((r[0]+r[2]*c.fx)/s.Dpr, (r[1]+r[3]*c.fy)/s.Dpr))
			p.frames(4)
			var st struct {
				State struct {
					Selected *string
					Info     *struct {
						Title string
						Fits  bool
					}
				}
			}
			p.eval(`lenetDemo.state()`, &st)
			var tm struct {
				CutTexts float64
				CutText  string
			}
			p.eval(`lenetDemo.timings()`, &tm)
			if st.State.Selected == nil || !strings.HasPrefix(*st.State.Selected, c.layer+"[") {
				t.Fatalf("clicking the %s block selected %v", c.layer, st.State.Selected)
			}
			if st.State.Info == nil || !st.State.Info.Fits || !strings.Contains(st.State.Info.Title, c.layer) {
				t.Errorf("the %s unit's computation: %+v", c.layer, st.State.Info)
			}
			if tm.CutTexts != 0 {
				t.Errorf("%v strings cut off, the first %q", tm.CutTexts, tm.CutText)
			}
			p.screenshot("explain-" + c.layer + "-" + c.lang)
		})
	}
}
