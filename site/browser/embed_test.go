//go:build browser

package browser

// The demo as a guest of a course page on another origin: the embed
// protocol both ways through embed.js, ?origin= filtering, the frame's
// height, bad messages, and the host page's scrolling over the frame.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// hostPage is a course page served from its own server (another origin
// than the site: another port). Its body is text above and below the
// frame, so that it can scroll.
func hostPage(t *testing.T, frameSrc string) (*httptest.Server, string) {
	t.Helper()
	page := `<!doctype html><meta charset=utf-8><meta name=viewport content="width=device-width, initial-scale=1">
<title>A course page</title><link rel=icon href="data:,"><body style="margin:0;font:16px sans-serif">
<h1>Convolutional networks</h1><p style="height:700px">Text above the frame.</p>
<iframe id=f src="` + frameSrc + `" title="LeNet-5" style="border:0;display:block;width:960px;max-width:100%;height:300px"></iframe>
<p style="height:1600px">Text below the frame.</p>`
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/course.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(host.Close)
	return host, host.URL + "/course.html"
}

// frameWatch follows the frames' JavaScript contexts and console warnings
// in a tab, so that a test can look inside a frame of another origin.
type frameWatch struct {
	mu       sync.Mutex
	contexts map[string]string // origin → the default context's unique id
	warnings []string
}

func watchFrames(t *testing.T, p *page) *frameWatch {
	fw := &frameWatch{contexts: map[string]string{}}
	if err := chromedp.Listen(p.ctx, func(ev any) {
		fw.mu.Lock()
		defer fw.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExecutionContextCreated:
			if strings.Contains(string(ev.Context.AuxData), `"isDefault":true`) {
				fw.contexts[ev.Context.Origin] = ev.Context.UniqueID
			}
		case *runtime.EventExecutionContextDestroyed:
			for o, id := range fw.contexts {
				if id == ev.ExecutionContextUniqueID {
					delete(fw.contexts, o)
				}
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`))
				}
				fw.warnings = append(fw.warnings, strings.Join(parts, " "))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return fw
}

// evalIn evaluates js in the frame of the given origin (waiting for its
// context, and for app.js to define lenetDemo there) into out.
//
// A frame given a new src keeps its old context until the browser says it
// is gone, which on a busy machine can come after the new document is
// asked for: an evaluation in a context that is gone by then is tried
// again in the frame's new one.
func (fw *frameWatch) evalIn(t *testing.T, p *page, origin, js string, out any) {
	t.Helper()
	js = `(async () => { for (let i = 0; i < 500 && !window.lenetDemo; i++) await new Promise((r) => setTimeout(r, 20)); return ` + js + ` })()`
	var raw []byte
	var err error
	for try := 0; ; try++ {
		var id string
		for i := 0; i < 500 && id == ""; i++ {
			fw.mu.Lock()
			id = fw.contexts[origin]
			fw.mu.Unlock()
			if id == "" {
				time.Sleep(20 * time.Millisecond)
			}
		}
		if id == "" {
			t.Fatalf("no frame of %s in the page", origin)
		}
		raw, err = chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise, func(ep *runtime.EvaluateParams) { ep.UniqueContextID = id }))
		if err == nil || try == 20 || !(strings.Contains(err.Error(), "uniqueContextId not found") || strings.Contains(err.Error(), "context was destroyed")) {
			break
		}
		fw.mu.Lock()
		if fw.contexts[origin] == id {
			delete(fw.contexts, origin) // gone: wait for the new one
		}
		fw.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("in the frame: %s: %v", js, err)
	}
	if out != nil {
		if err := jsonUnmarshal(raw, out); err != nil {
			t.Fatalf("in the frame: %s: %v (%s)", js, err, raw)
		}
	}
}

func (fw *frameWatch) warned(part string) bool {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	for _, w := range fw.warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// noPanicIn checks lenetDemo.timings().lastPanic in the frame.
func (fw *frameWatch) noPanicIn(t *testing.T, p *page, origin string) {
	t.Helper()
	var last *string
	fw.evalIn(t, p, origin, `lenetDemo.timings().lastPanic ?? null`, &last)
	if last != nil {
		t.Errorf("the frame recovered from a panic: %s", *last)
	}
}

// Every message both ways, from a page of another origin, through
// embed.js; the frame's height follows its content.
func TestEmbedProtocol(t *testing.T) {
	host, course := hostPage(t, "")
	site := server.URL
	src := site + "/app.html?lang=en&origin=" + host.URL
	p := openAt(t, course, []*httptest.Server{host}, 1200, 900, 1, false, "")
	fw := watchFrames(t, p)
	p.eval(fmt.Sprintf(`document.getElementById('f').src = %q, 0`, src), nil)
	var info struct {
		Version    int
		View, Lang string
	}
	p.eval(fmt.Sprintf(`(async () => {
		const { attach } = await import(%q);
		const frame = document.getElementById('f');
		window.events = [];
		window.demo = attach(frame);
		demo.on('prediction', (p) => events.push('prediction ' + p.label));
		demo.on('resize', (r) => events.push('resize ' + r.height));
		demo.on('ready', (i) => events.push('ready ' + i.lang));
		return demo.ready;
	})()`, site+"/embed.js"), &info)
	if info.Version != 1 || info.View != "net" || info.Lang != "en" {
		t.Errorf("ready: %+v", info)
	}
	// The frame takes the height its content wants at 960 pixels: 640.
	var h float64
	p.eval(`(async () => { for (let i = 0; i < 200; i++) { const h = document.getElementById('f').getBoundingClientRect().height; if (h !== 300) return h; await new Promise((r) => setTimeout(r, 20)); } return 300 })()`, &h)
	if h != 640 {
		t.Errorf("the frame is %v pixels high, want 640", h)
	}
	waitLabel := func(what string, want int) {
		t.Helper()
		var got int
		p.eval(fmt.Sprintf(`(async () => { for (let i = 0; i < 300; i++) { const p = demo.prediction(); if (p && p.label === %d) return p.label; await new Promise((r) => setTimeout(r, 20)); } const p = demo.prediction(); return p ? p.label : -1 })()`, want), &got)
		if got != want {
			t.Errorf("%s: the host page has prediction %d, want %d", what, got, want)
		}
	}
	p.eval(`demo.sample(7)`, nil)
	waitLabel("sample(7)", 7)
	p.eval(`demo.clear()`, nil)
	// A picture as a plain array (MNIST test digit 1, a 2), then as an
	// ImageData drawn on a canvas (black on white, 100×100).
	p.eval(`fetch('`+site+`/test/fixtures/mnist-20.json').then((r) => r.json()).then((f) => {
		window.digits = f.digits.map((d) => ({ label: d.label, pixels: Array.from(atob(d.pixels), (c) => c.charCodeAt(0)) }));
		return demo.image({ width: 28, height: 28, data: digits[1].pixels });
	})`, nil)
	waitLabel("image(a 2 as an array)", 2)
	p.eval(`(() => {
		const c = document.createElement('canvas'); c.width = c.height = 100;
		const ctx = c.getContext('2d'); const img = ctx.createImageData(100, 100);
		for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) {
			const v = 255 - (digits[2].pixels[Math.floor(y * 28 / 100) * 28 + Math.floor(x * 28 / 100)] || 0);
			img.data.set([v, v, v, 255], 4 * (y * 100 + x));
		}
		ctx.putImageData(img, 0, 0);
		return demo.image(c);
	})()`, nil)
	waitLabel("image(a 1 on a canvas)", 1)
	// set: the language and the layer, as the address's lang and layer.
	p.eval(`demo.set({ lang: 'ko', layer: 'C3' })`, nil)
	var st struct {
		Lang  string
		State struct{ Selected string }
	}
	fw.evalIn(t, p, site, `lenetDemo.state()`, &st)
	if st.Lang != "ko" || !strings.HasPrefix(st.State.Selected, "C3[") {
		t.Errorf("after set({lang: 'ko', layer: 'C3'}): lang %q, selected %q", st.Lang, st.State.Selected)
	}
	// A view opened in the frame adds no entry to the host's history: the
	// host's Back leaves the course page, not the frame's last view.
	var before int
	p.eval(`history.length`, &before)
	fw.evalIn(t, p, site, `lenetDemo.show('conv').then(() => lenetDemo.show('net')).then(() => location.search)`, nil)
	var after int
	p.eval(`history.length`, &after)
	if after != before {
		t.Errorf("opening two views in the frame took the host's history from %d to %d entries", before, after)
	}
	// hello: a frame that was ready says so again, in its language now.
	p.eval(`(async () => { events.length = 0; document.getElementById('f').contentWindow.postMessage({ type: 'lenet:hello' }, '`+site+`'); for (let i = 0; i < 100 && !events.includes('ready ko'); i++) await new Promise((r) => setTimeout(r, 20)); return events })()`, nil)
	var evs []string
	p.eval(`events`, &evs)
	if !contains(evs, "ready ko") || !contains(evs, "resize 640") {
		t.Errorf("after lenet:hello the host got %v", evs)
	}
	// Refusals come back as errors.
	var refusals []string
	p.eval(`Promise.all([
		demo.set({ layer: 'C9' }).then(() => 'accepted', (e) => e.message),
		demo.sample(100).then(() => 'accepted', (e) => e.message),
		demo.image({ width: 5000, height: 1, data: new Uint8Array(5000) }).then(() => 'accepted', (e) => e.message),
		demo.image({ width: 8, height: 8, data: new Uint8Array(64) }).then(() => 'accepted', (e) => e.message),
	])`, &refusals)
	for i, want := range []string{"layer takes one of Input, C1", "from 0 to 99", "from 1 to 4096", "blank"} {
		if i >= len(refusals) || !strings.Contains(refusals[i], want) {
			t.Errorf("refusal %d: %q, want %q", i, refusals, want)
		}
	}
	// Bad messages are ignored with a warning, and nothing breaks.
	p.eval(`(() => { const w = document.getElementById('f').contentWindow, o = '`+site+`';
		for (const m of [{ type: 'lenet:sample', index: 'x' }, { type: 'lenet:bogus' }, { type: 'lenet:set' },
			{ type: 'lenet:image', width: 1e9, height: 1e9, data: [] }, { type: 'lenet:image', width: 2, height: 2, data: [1, 2, 3, 'x'] },
			{ type: 'lenet:clear', id: { no: 1 } }, 'lenet:clear', null, 42, { type: 42 }, { nothing: true }]) w.postMessage(m, o);
		return 0 })()`, nil)
	p.eval(`demo.sample(3)`, nil) // the frame still works, in order after the bad ones
	waitLabel("sample(3) after bad messages", 3)
	for _, want := range []string{"lenet:sample refused: index must be", "ignored lenet:bogus: not a command", "lenet:set refused: lenet:set needs lang or layer",
		"lenet:image refused: image: width and height", "lenet:image refused: image: data[3] is not a grey value", "ignored lenet:clear: id must be"} {
		if !fw.warned(want) {
			t.Errorf("no console warning with %q; warnings: %q", want, fw.warnings)
		}
	}
	fw.noPanicIn(t, p, site)
	p.screenshot("embed-protocol")
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ?origin= restricts both ways: a frame told another origin sends the
// host nothing and takes none of its commands; a bad origin= is named on
// the screen.
func TestEmbedOriginFilter(t *testing.T) {
	host, course := hostPage(t, "")
	site := server.URL
	p := openAt(t, course, []*httptest.Server{host}, 1200, 900, 1, false, "")
	fw := watchFrames(t, p)
	p.eval(`window.got = []; addEventListener('message', (e) => got.push(e.data && e.data.type)), 0`, nil)
	p.eval(fmt.Sprintf(`document.getElementById('f').src = %q, 0`, site+"/app.html?lang=en&sample=4&origin=https://course.example"), nil)
	fw.evalIn(t, p, site, `lenetDemo.ready`, nil)
	p.eval(`(() => { const w = document.getElementById('f').contentWindow; w.postMessage({ type: 'lenet:sample', index: 7 }, '*'); w.postMessage({ type: 'lenet:hello' }, '*'); return new Promise((r) => setTimeout(r, 500)) })()`, nil)
	var got []string
	p.eval(`got`, &got)
	if len(got) != 0 {
		t.Errorf("a frame for https://course.example sent %v to %s", got, host.URL)
	}
	var st struct{ State struct{ Sample int } }
	fw.evalIn(t, p, site, `lenetDemo.state()`, &st)
	if st.State.Sample != 4 {
		t.Errorf("a command from another origin was obeyed: sample %d", st.State.Sample)
	}
	if !fw.warned("ignored lenet:sample from " + host.URL) {
		t.Errorf("no warning for a command from another origin: %q", fw.warnings)
	}
	// A value that is not an origin: named in the header, nothing allowed.
	p.eval(fmt.Sprintf(`document.getElementById('f').src = %q, 0`, site+"/app.html?lang=en&origin=course.example/x"), nil)
	time.Sleep(300 * time.Millisecond)
	var notice string
	fw.evalIn(t, p, site, `lenetDemo.ready.then(() => lenetDemo.state()).then((s) => s.notice)`, &notice)
	if !strings.Contains(notice, "origin=course.example/x (an origin") {
		t.Errorf("a bad origin= shows %q", notice)
	}
	fw.noPanicIn(t, p, site)
}

// A wheel and a swipe over the frame, outside the pad, scroll the course
// page; a finger drawing on the pad does not, and draws.
func TestEmbedScrolls(t *testing.T) {
	host, course := hostPage(t, "")
	site := server.URL
	for _, c := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"desktop", 1200, 900, false}, {"phone", 390, 844, true}} {
		t.Run(c.name, func(t *testing.T) {
			p := openAt(t, course, []*httptest.Server{host}, c.w, c.h, 2, c.mobile, "")
			fw := watchFrames(t, p)
			p.eval(fmt.Sprintf(`(async () => {
				const { attach } = await import(%q);
				const f = document.getElementById('f');
				f.src = %q;
				window.demo = attach(f);
				await demo.ready;
				for (let i = 0; i < 100 && f.getBoundingClientRect().height === 300; i++) await new Promise((r) => setTimeout(r, 20));
				f.scrollIntoView({ block: 'start' });
				return 0;
			})()`, site+"/embed.js", site+"/app.html?lang=en"), nil)
			var fr rect
			p.eval(`(() => { const r = document.getElementById('f').getBoundingClientRect(); return { X: r.x, Y: r.y, Width: r.width, Height: r.height } })()`, &fr)
			var pad rect
			fw.evalIn(t, p, site, `(() => { const r = lenetDemo.padRect(); return { X: r.x, Y: r.y, Width: r.width, Height: r.height } })()`, &pad)
			// A point in the frame below and right of the pad.
			ox := fr.X + min(pad.X+pad.Width+40, fr.Width-20)
			oy := fr.Y + min(pad.Y+pad.Height+40, fr.Height-20)
			if c.mobile {
				ox, oy = fr.X+fr.Width/2, fr.Y+min(pad.Y+pad.Height+60, fr.Height-40)
			}
			scrollY := func() float64 {
				var y float64
				p.eval(`scrollY`, &y)
				return y
			}
			y0 := scrollY()
			if !c.mobile {
				p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseWheel, X: ox, Y: oy, DeltaX: 0.01, DeltaY: 300}) // CDP wants both deltas, and drops a zero
					return err
				}))
				// The page scrolls when the compositor gets to it: give a
				// busy machine up to 3 s.
				p.eval(fmt.Sprintf(`(async () => { for (let i = 0; i < 60 && scrollY <= %v; i++) await new Promise((r) => setTimeout(r, 50)); return 0 })()`, y0), nil)
				if y1 := scrollY(); y1 <= y0 {
					t.Errorf("a wheel over the frame at (%.0f, %.0f), outside the pad, left the page at %v (from %v)", ox, oy, y1, y0)
				}
				return
			}
			swipe := func(x, y0, y1 float64) {
				for i := 0; i <= 10; i++ {
					typ := input.DispatchTouchEventTypeTouchMove
					if i == 0 {
						typ = input.DispatchTouchEventTypeTouchStart
					}
					pt := &input.TouchPoint{X: x, Y: y0 + (y1-y0)*float64(i)/10, ID: ptr(1.0)}
					p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{pt}})
						return err
					}))
				}
				p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
					return err
				}))
				p.eval(`new Promise((r) => setTimeout(r, 400))`, nil)
			}
			// A finger drawing a 1 on the pad: no scroll, and a stroke.
			swipe(fr.X+pad.X+pad.Width*0.5, fr.Y+pad.Y+pad.Height*0.15, fr.Y+pad.Y+pad.Height*0.85)
			if y1 := scrollY(); y1 != y0 {
				t.Errorf("drawing on the pad scrolled the page from %v to %v", y0, y1)
			}
			var st struct{ State struct{ Strokes int } }
			fw.evalIn(t, p, site, `lenetDemo.state()`, &st)
			if st.State.Strokes != 1 {
				t.Errorf("a finger on the pad made %d strokes", st.State.Strokes)
			}
			// A swipe up below the pad scrolls the page.
			swipe(ox, oy, oy-200)
			if y1 := scrollY(); y1 <= y0 {
				t.Errorf("a swipe over the frame at (%.0f, %.0f), outside the pad, left the page at %v (from %v)", ox, oy, y1, y0)
			}
			fw.noPanicIn(t, p, site)
			p.screenshot("embed-scroll-" + c.name)
		})
	}
}
