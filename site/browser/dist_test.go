//go:build browser

package browser

// The deployable build and the embed builder: dist/site served from a
// sub-path by a plain file server, not the project's, runs the demo, the
// API page and the builder; the builder's copied snippet, pasted into a
// course page of another origin, shows the view it previewed.

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// distSite is dist/site, as ./build.sh dist wrote it from the site the
// other tests run (./build.sh test writes it before them).
func distSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "dist", "site")
	built, err1 := os.ReadFile(filepath.Join("..", "demo.wasm"))
	dist, err2 := os.ReadFile(filepath.Join(dir, "demo.wasm"))
	switch {
	case err2 != nil:
		t.Fatalf("no %s: run ./build.sh dist (%v)", dir, err2)
	case err1 != nil || !bytes.Equal(built, dist):
		t.Fatalf("%s is older than site/: run ./build.sh dist", dir)
	}
	return dir
}

// Served from /courses/cnn/lenet/ by Go's http.FileServer — the types
// of a plain server, no precompressed copies, no policy — the site runs.
func TestDistFromSubPath(t *testing.T) {
	const prefix = "/courses/cnn/lenet/"
	plain := httptest.NewServer(http.StripPrefix(prefix, http.FileServer(http.Dir(distSite(t)))))
	t.Cleanup(plain.Close)
	others := []*httptest.Server{plain}

	p := openAt(t, plain.URL+prefix+"app.html?sample=7&lang=en", others, 1280, 800, 1, false, "")
	p.eval(`(async () => { for (let i = 0; i < 500 && !window.lenetDemo; i++) await new Promise((r) => setTimeout(r, 20)); return lenetDemo.ready })()`, nil)
	p.expect(7, false)
	var wasm []string
	p.eval(`performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.wasm/.test(n))`, &wasm)
	if len(wasm) != 1 || !strings.HasPrefix(wasm[0], plain.URL+prefix+"demo.wasm?v=") {
		t.Errorf("app.html fetched %v, want %sdemo.wasm?v=…", wasm, prefix)
	}
	p.screenshot("dist-subpath-app")

	a := openAt(t, plain.URL+prefix+"api.html?lang=en", others, 900, 900, 1, false, "")
	s := a.apiReady()
	a.apiMouse(s.Pad, digits[7])
	a.frames(3)
	if got := a.apiState(); got.Label != "7" {
		t.Errorf("api.html from a sub-path: a drawn 7 reads %q", got.Label)
	}

	h := openAt(t, plain.URL+prefix+"index.html?lang=ko", others, 1280, 900, 1, false, "")
	h.eval(`(async () => { const f = document.getElementById('demo'); for (let i = 0; i < 500 && !(f.contentWindow && f.contentWindow.lenetDemo); i++) await new Promise((r) => setTimeout(r, 20)); return f.contentWindow.lenetDemo.ready })()`, nil)
}

// The builder's snippet, copied with its button and pasted into a course
// page of another origin, shows what the preview showed.
func TestEmbedBuilder(t *testing.T) {
	// The clipboard of a headless browser is out of reach: the copy
	// button's text is kept where the test can read it.
	const clip = `Object.defineProperty(navigator, 'clipboard', { value: { writeText: (s) => { window.copied = s; return Promise.resolve(); } } });`
	p := openAt(t, server.URL+"/embed.html?lang=ko", nil, 1300, 1000, 1, false, clip)
	p.eval(`(async () => { for (let i = 0; i < 500 && !window.embedBuilder; i++) await new Promise((r) => setTimeout(r, 20)); return 0 })()`, nil)
	// Every view of the table is offered, with its own parameters.
	var views []string
	p.eval(`Array.from(document.getElementById('view').options, (o) => o.value)`, &views)
	if strings.Join(views, ",") != "conv,cost,net,pool,quiz,rf,train" {
		t.Errorf("the builder offers %v", views)
	}
	// Choose the convolution view, a kernel, a stride, a mode and English.
	p.eval(`(async () => {
		const set = (el, v) => { el.value = v; el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true })); };
		set(document.getElementById('view'), 'conv');
		await new Promise((r) => setTimeout(r, 50));
		set(document.getElementById('p-kernel'), 'sobelx');
		set(document.getElementById('p-stride'), '2');
		set(document.getElementById('p-mode'), 'convolution');
		set(document.getElementById('lang'), 'en');
		set(document.getElementById('width'), '800');
		set(document.getElementById('height'), '560');
		await new Promise((r) => setTimeout(r, 400));
		return 0;
	})()`, nil)
	var labels []string
	p.eval(`Array.from(document.querySelectorAll('#params .field label'), (l) => l.textContent)`, &labels)
	if strings.Join(labels, ",") != "source,size,kernel,mode,pad,stride,bias" {
		t.Errorf("the conv view's parameters in the builder: %v", labels)
	}
	var meaning string
	p.eval(`document.getElementById('p-stride-meaning').textContent`, &meaning)
	if !strings.Contains(meaning, "보폭") {
		t.Errorf("the stride's meaning in Korean: %q", meaning)
	}
	p.eval(`document.getElementById('copy-html').click(), new Promise((r) => setTimeout(r, 100))`, nil)
	var snippet string
	p.eval(`window.copied || ''`, &snippet)
	wantSrc := server.URL + "/app.html?view=conv&amp;lang=en&amp;kernel=sobelx&amp;mode=convolution&amp;stride=2"
	if !strings.Contains(snippet, `src="`+wantSrc+`"`) || !strings.Contains(snippet, `width="800" height="560"`) || strings.Contains(snippet, "style=") {
		t.Errorf("the copied snippet:\n%s\nwant src=%q, 800×560 and no inline style", snippet, wantSrc)
	}
	// The preview's state.
	type convState struct {
		View, Lang string
		State      struct {
			Preset, Mode string
			Stride       int
			Kernel       []float64
		}
	}
	var preview convState
	p.eval(`(async () => { const w = document.getElementById('preview').contentWindow; for (let i = 0; i < 500 && !(w.lenetDemo && w.location.search.includes('sobelx')); i++) await new Promise((r) => setTimeout(r, 20)); await w.lenetDemo.ready; return w.lenetDemo.state() })()`, &preview)
	p.screenshot("embed-builder")
	p.fullScreenshot("embed-builder-full")

	// Pasted into a course page of another origin, with a strict policy.
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src data:; style-src 'self'; frame-src "+server.URL)
		fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>Course</title><link rel=icon href=\"data:,\"><h1>Week 6</h1>\n%s\n", snippet)
	}))
	t.Cleanup(host.Close)
	c := openAt(t, host.URL+"/", []*httptest.Server{host}, 1000, 800, 1, false, "")
	// The frame may be made before the watch starts: the course page is
	// loaded again so that the watch sees the frame's context made.
	fw := watchFrames(t, c)
	if err := chromedp.Do(c.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	var pasted convState
	fw.evalIn(t, c, server.URL, `lenetDemo.ready.then(() => lenetDemo.state())`, &pasted)
	if pasted.View != "conv" || pasted.View != preview.View || pasted.Lang != preview.Lang || pasted.State.Preset != preview.State.Preset ||
		pasted.State.Mode != preview.State.Mode || pasted.State.Stride != preview.State.Stride || fmt.Sprint(pasted.State.Kernel) != fmt.Sprint(preview.State.Kernel) {
		t.Errorf("the pasted frame shows %+v, the preview %+v", pasted, preview)
	}
	if pasted.State.Preset == "" || pasted.State.Stride != 2 || pasted.State.Mode != "convolution" {
		t.Errorf("the pasted frame: %+v", pasted)
	}
	var size []float64
	c.eval(`(() => { const r = document.querySelector('iframe').getBoundingClientRect(); return [r.width, r.height] })()`, &size)
	if len(size) != 2 || size[0] < 790 || size[1] < 550 {
		t.Errorf("the pasted frame is %v under a strict policy, want about 800×560", size)
	}
	fw.noPanicIn(t, c, server.URL)
	c.screenshot("embed-builder-pasted")
}
