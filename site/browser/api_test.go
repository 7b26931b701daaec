//go:build browser

package browser

// api.html, the smallest embedding of lenet.js: it loads under the site's
// Content-Security-Policy with no request to another origin and a clean
// console (checked by open's cleanup), mouse and touch strokes on its plain
// canvas are read as the digits drawn, and Clear empties it again.

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

type apiState struct {
	Status string
	Label  string
	Probs  []float64
	Pad    rect
}

func (p *page) apiState() apiState {
	p.t.Helper()
	var s apiState
	p.eval(`(() => {
		const r = document.getElementById('pad').getBoundingClientRect();
		return {
			Status: document.getElementById('status').textContent,
			Label: document.getElementById('label').textContent,
			Probs: Array.from(document.querySelectorAll('#probs meter'), (m) => m.value),
			Pad: {X: r.x, Y: r.y, Width: r.width, Height: r.height},
		};
	})()`, &s)
	return s
}

func (p *page) apiReady() apiState {
	p.t.Helper()
	p.eval(`new Promise((ok, fail) => {
		const t0 = performance.now();
		const poll = () => {
			const s = document.getElementById('status');
			if (s.textContent.startsWith('Ready')) ok(0);
			else if (s.classList.contains('error') || performance.now() - t0 > 30000) fail(new Error(s.textContent));
			else setTimeout(poll, 50);
		};
		poll();
	})`, nil)
	return p.apiState()
}

func (p *page) apiMouse(r rect, strokes [][][2]float64) {
	at := func(q [2]float64) (float64, float64) { return r.X + q[0]*r.Width, r.Y + q[1]*r.Height }
	for _, s := range strokes {
		x, y := at(s[0])
		p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y),
			chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
		for _, q := range s[1:] {
			x, y = at(q)
			p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft))
		}
		p.do(chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	}
}

func (p *page) apiTouch(r rect, strokes [][][2]float64) {
	touch := func(typ input.DispatchTouchEventType, pts []*input.TouchPoint) {
		p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts})
			return err
		}))
	}
	for _, s := range strokes {
		for i, q := range s {
			typ := input.DispatchTouchEventTypeTouchMove
			if i == 0 {
				typ = input.DispatchTouchEventTypeTouchStart
			}
			touch(typ, []*input.TouchPoint{{X: r.X + q[0]*r.Width, Y: r.Y + q[1]*r.Height, ID: ptr(1.0)}})
		}
		touch(input.DispatchTouchEventTypeTouchEnd, []*input.TouchPoint{})
	}
}

func TestAPIPageTouch(t *testing.T) {
	p := open(t, "api.html", 400, 800, 2, true)
	s := p.apiReady()
	p.apiTouch(s.Pad, digits[1])
	p.frames(3)
	if got := p.apiState(); got.Label != "1" {
		t.Errorf("a finger drew 1: the page shows %q (%v)", got.Label, got.Probs)
	}
	p.screenshot("api-touch-1")
}

func TestAPIPage(t *testing.T) {
	p := open(t, "api.html", 900, 900, 1, false)
	s := p.apiReady()
	if s.Label != "…" || len(s.Probs) != 10 {
		t.Fatalf("before drawing: label %q, %d bars", s.Label, len(s.Probs))
	}
	for _, want := range []int{1, 7, 0} {
		p.apiMouse(s.Pad, digits[want])
		p.frames(3)
		got := p.apiState()
		best := 0
		for i, v := range got.Probs {
			if v > got.Probs[best] {
				best = i
			}
		}
		if got.Label != fmt.Sprint(want) || best != want {
			t.Errorf("drew %d: the page shows %q, largest bar %d (%v)", want, got.Label, best, got.Probs)
		}
		p.screenshot(fmt.Sprintf("api-%d", want))
		p.eval(`document.getElementById('clear').click(), 0`, nil)
		p.frames(3)
		if c := p.apiState(); c.Label != "…" {
			t.Errorf("after Clear the page shows %q", c.Label)
		}
	}
}

// TestAPIInBrowser drives lenet.js directly in the page: a canvas, an
// OffscreenCanvas and their ImageData give the same prediction, a WebGL
// canvas and bad arguments throw the documented errors, and the per-call
// cost of predict in Chromium is logged.
func TestAPIInBrowser(t *testing.T) {
	p := open(t, "api.html", 900, 900, 1, false)
	p.apiReady()
	var got struct {
		Same       bool
		Labels     []int
		Empty      bool
		WebGL      string
		Bad        []string
		FastUs     float64
		TraceUs    float64
		CanvasUs   float64
		ProbsIsF32 bool
	}
	p.eval(`(async () => {
		const { load } = await import('./lenet.js');
		const net = await load();
		const draw = (ctx) => {
			ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 200, 200);
			ctx.strokeStyle = '#000'; ctx.lineWidth = 16; ctx.lineCap = 'round';
			ctx.beginPath(); ctx.moveTo(100, 30); ctx.lineTo(96, 170); ctx.stroke();
		};
		const c = document.createElement('canvas'); c.width = c.height = 200; draw(c.getContext('2d'));
		const oc = new OffscreenCanvas(200, 200); draw(oc.getContext('2d'));
		const rs = [net.predict(c), net.predict(oc), net.predict(c.getContext('2d').getImageData(0, 0, 200, 200)),
			net.predict(oc.getContext('2d').getImageData(0, 0, 200, 200))];
		const same = rs.every((r) => r.probs.every((v, i) => v === rs[0].probs[i]) && r.input.every((v, i) => v === rs[0].input[i]));
		const blank = new OffscreenCanvas(50, 50);
		blank.getContext('2d');
		const gl = document.createElement('canvas'); gl.getContext('webgl2');
		let webgl = 'no error';
		try { net.predict(gl); } catch (e) { webgl = e.constructor.name; }
		const bad = [];
		for (const call of [() => net.predict(null), () => net.predict({ data: [1], width: 1, height: 1 }),
			() => net.predict(c, { preprocess: false }), () => net.conv2d({}, {}), () => net.pool2d({ data: new Float32Array(25), height: 5, width: 5 })]) {
			try { call(); bad.push('no error'); } catch (e) { bad.push(e.constructor.name); }
		}
		const x = rs[0].input;
		const time = (opts) => {
			for (let i = 0; i < 50; i++) net.predict({ data: x, width: 32, height: 32 }, opts);
			const n = 300, t0 = performance.now();
			for (let i = 0; i < n; i++) net.predict({ data: x, width: 32, height: 32 }, opts);
			return (performance.now() - t0) * 1000 / n;
		};
		const t0 = performance.now();
		for (let i = 0; i < 100; i++) net.predict(c);
		const canvasUs = (performance.now() - t0) * 10;
		return { Same: same, Labels: rs.map((r) => r.label), Empty: net.predict(blank).empty, WebGL: webgl, Bad: bad,
			FastUs: time({ preprocess: false, layers: false }), TraceUs: time({ preprocess: false, layers: true }), CanvasUs: canvasUs,
			ProbsIsF32: rs[0].probs instanceof Float32Array && rs[0].probs.length === 10 };
	})()`, &got)
	if !got.Same || !got.ProbsIsF32 {
		t.Errorf("a canvas, an OffscreenCanvas and their ImageData disagree (labels %v)", got.Labels)
	}
	if !got.Empty {
		t.Error("a blank OffscreenCanvas is not reported empty")
	}
	if got.WebGL != "TypeError" {
		t.Errorf("a WebGL canvas gave %s, want TypeError", got.WebGL)
	}
	want := []string{"TypeError", "TypeError", "RangeError", "TypeError", "RangeError"}
	if fmt.Sprint(got.Bad) != fmt.Sprint(want) {
		t.Errorf("bad calls threw %v, want %v", got.Bad, want)
	}
	t.Logf("Chromium: predict 32×32 %.0f µs without layers, %.0f µs with layers; 200×200 canvas with layers %.0f µs", got.FastUs, got.TraceUs, got.CanvasUs)
}
