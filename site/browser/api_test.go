//go:build browser

package browser

// api.html, the runnable guide to lenet.js: it loads under the site's
// Content-Security-Policy with no request to another origin and a clean
// console (checked by open's cleanup), every example runs and shows what
// lenet.js computes, the code it shows is the code in api.js, mouse and
// touch strokes on its plain canvas are read as the digits drawn, and
// Clear empties it again.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		const pad = document.getElementById('pad');
		const b = pad.getBoundingClientRect();
		if (b.top < 0 || b.bottom > innerHeight) pad.scrollIntoView({ block: 'center' });
		const r = pad.getBoundingClientRect();
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
			if (s.dataset.state === 'ready') ok(0);
			else if (s.dataset.state === 'error' || performance.now() - t0 > 30000) fail(new Error(s.textContent));
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

// On a phone the guide fits the width and a finger draws on its pad.
func TestAPIPageTouch(t *testing.T) {
	p := open(t, "api.html?lang=en", 390, 844, 2, true)
	s := p.apiReady()
	p.apiRan()
	p.apiTouch(s.Pad, digits[1])
	p.frames(3)
	if got := p.apiState(); got.Label != "1" {
		t.Errorf("a finger drew 1: the page shows %q (%v)", got.Label, got.Probs)
	}
	var wide []string
	p.eval(`Array.from(document.querySelectorAll('body *'), (el) => [el, el.getBoundingClientRect()])
		.filter(([el, r]) => r.width > 0 && r.right > innerWidth + 0.5 && !el.closest('.scroll, pre'))
		.map(([el, r]) => (el.id || el.className || el.tagName) + ' ' + Math.round(r.right))`, &wide)
	var sw, iw float64
	p.eval(`document.documentElement.scrollWidth`, &sw)
	p.eval(`innerWidth`, &iw)
	if sw > iw || len(wide) > 0 {
		t.Errorf("the page is %v px wide on a %v px phone; too wide: %v", sw, iw, wide)
	}
	p.screenshot("api-touch-1")
	p.fullScreenshot("api-phone")
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

// apiGuide is what api.html's examples show.
type apiGuide struct {
	States             map[string]string // example → ok, error or running
	Code               map[string]string // example → the code the page shows
	SetupHTML, SetupJS string
	Status             string
	Draw, Raw          string // the labels shown
	Names, Shapes      string
	LayersEmpty        bool // the layers say the pad is empty
	Corr, Conv         string
	Sums               []string
	ConvCaptions       []string
	Max, Avg           string
	Parameters         string
	Head, Ops, APIOps  []string
	Thrown             string
	Empty, EmptyLabel  string
}

func (p *page) apiGuide() apiGuide {
	p.t.Helper()
	var g apiGuide
	p.eval(`(async () => {
		const q = (s) => document.querySelector(s);
		const out = (name) => q('section[data-example="' + name + '"] .out');
		const all = Array.from(document.querySelectorAll('section.example'));
		const { load } = await import('./lenet.js');
		const api = (await load()).summary();
		return {
			States: Object.fromEntries(all.map((s) => [s.dataset.example, s.dataset.state || ''])),
			Code: Object.fromEntries(all.map((s) => [s.dataset.example, s.querySelector('.snippet code').textContent])),
			SetupHTML: q('#setup-html').textContent, SetupJS: q('#setup-js').textContent,
			Status: q('#status').textContent,
			Draw: out('draw').dataset.label, Raw: out('raw').dataset.label,
			Names: out('layers').dataset.names, Shapes: out('layers').dataset.shapes,
			LayersEmpty: out('layers').querySelector('.note') !== null,
			Corr: out('conv2d').dataset.corr, Conv: out('conv2d').dataset.conv,
			Sums: Array.from(out('conv2d').querySelectorAll('.sum'), (e) => e.textContent),
			ConvCaptions: Array.from(out('conv2d').querySelectorAll('caption'), (e) => e.textContent),
			Max: out('pool2d').dataset.max, Avg: out('pool2d').dataset.avg,
			Parameters: out('summary').dataset.parameters,
			Head: Array.from(out('summary').querySelectorAll('thead th'), (e) => e.textContent),
			Ops: Array.from(out('summary').querySelectorAll('td.op'), (e) => e.textContent),
			APIOps: api.layers.map((l) => l.operation),
			Thrown: out('errors').dataset.thrown,
			Empty: out('empty').dataset.empty, EmptyLabel: out('empty').dataset.label,
		};
	})()`, &g)
	return g
}

// checkGuide checks every example's result against what lenet.js must
// compute (the numbers worked out by hand in site/test/ops.test.mjs).
func checkGuide(t *testing.T, g apiGuide, padEmpty bool) {
	t.Helper()
	examples := []string{"load", "draw", "raw", "layers", "conv2d", "pool2d", "summary", "errors", "empty"}
	for _, name := range examples {
		if g.States[name] != "ok" {
			t.Errorf("example %s: state %q", name, g.States[name])
		}
	}
	if len(g.States) != len(examples) {
		t.Errorf("the page has examples %v, want %v", g.States, examples)
	}
	wantDraw := "-1"
	if !padEmpty {
		wantDraw = "7"
	}
	for _, c := range []struct{ what, got, want string }{
		{"draw's label", g.Draw, wantDraw},
		{"the 32×32 bar's label", g.Raw, "1"},
		{"layer names", g.Names, "C1 S2 C3 S4 C5 F6 Output"},
		{"layer shapes", g.Shapes, "6×28×28 6×14×14 16×10×10 16×5×5 120×1×1 84×1×1 10×1×1"},
		{"correlation", g.Corr, "[37, 47, 67, 77]"},
		{"convolution", g.Conv, "[23, 33, 53, 63]"},
		{"max pooling", g.Max, "[6, 5, 7, 9]"},
		{"average pooling", g.Avg, "[3.5, 2, 2.5, 6]"},
		{"summary's parameters", g.Parameters, "61706"},
		{"errors thrown", g.Thrown, "TypeError RangeError RangeError RangeError"},
		{"the blank canvas's empty", g.Empty, "true"},
		{"the blank canvas's label", g.EmptyLabel, "-1"},
	} {
		if c.got != c.want {
			t.Errorf("%s: the page shows %q, want %q", c.what, c.got, c.want)
		}
	}
	if g.LayersEmpty != padEmpty {
		t.Errorf("the layers say the pad is empty: %v, want %v", g.LayersEmpty, padEmpty)
	}
	if len(g.Sums) != 2 || !strings.HasSuffix(g.Sums[0], "1·1 + 2·2 + 4·3 + 5·4 = 37") || !strings.HasSuffix(g.Sums[1], "1·4 + 2·3 + 4·2 + 5·1 = 23") {
		t.Errorf("the worked sums are %q", g.Sums)
	}
}

func TestAPIGuide(t *testing.T) {
	p := open(t, "api.html?lang=en", 1100, 900, 1, false)
	p.apiRan()
	g := p.apiGuide()
	checkGuide(t, g, true)
	if !strings.HasPrefix(g.Status, "Ready: LeNet-5, 61,706 parameters") {
		t.Errorf("status %q", g.Status)
	}
	if fmt.Sprint(g.Ops) != fmt.Sprint(g.APIOps) {
		t.Errorf("the summary table's operations %q differ from summary()'s %q", g.Ops, g.APIOps)
	}

	// The code shown is api.js's own text, and none of it evaluates text.
	src, err := os.ReadFile(filepath.Join("..", "api.js"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join("..", "api.html"))
	if err != nil {
		t.Fatal(err)
	}
	lines := trimmedLines(string(src))
	for name, code := range g.Code {
		want := trimmedLines(code)
		if len(want) < 1 || !containsRun(lines, want) {
			t.Errorf("example %s shows code that is not in api.js:\n%s", name, code)
		}
		if strings.Contains(code, "eval") || strings.Contains(code, "Function(") {
			t.Errorf("example %s evaluates text:\n%s", name, code)
		}
	}
	if !containsRun(lines, []string{g.SetupJS}) || !strings.Contains(string(html), g.SetupHTML) {
		t.Errorf("the set-up lines %q and %q are not api.js's and api.html's", g.SetupJS, g.SetupHTML)
	}

	// Run runs each example again.
	p.eval(`(async () => {
		for (const s of document.querySelectorAll('section.example')) {
			const out = s.querySelector('.out');
			out.replaceChildren();
			for (const k of Object.keys(out.dataset)) delete out.dataset[k];
			s.dataset.state = '';
			s.querySelector('.run').click();
			for (let i = 0; i < 200 && s.dataset.state !== 'ok' && s.dataset.state !== 'error'; i++) await new Promise((r) => setTimeout(r, 10));
		}
		return 0;
	})()`, nil)
	checkGuide(t, p.apiGuide(), true)

	// A digit drawn on the pad: the prediction and the layers follow it.
	s := p.apiState()
	p.apiMouse(s.Pad, digits[7])
	p.frames(3)
	checkGuide(t, p.apiGuide(), false)
	p.fullScreenshot("api-en")
}

func TestAPIGuideKorean(t *testing.T) {
	p := open(t, "api.html?lang=ko", 1100, 900, 1, false)
	p.apiRan()
	s := p.apiState()
	p.apiMouse(s.Pad, digits[7])
	p.frames(3)
	g := p.apiGuide()
	checkGuide(t, g, false)
	if !strings.HasPrefix(g.Status, "준비 완료: LeNet-5, 매개변수 61,706개") {
		t.Errorf("status %q", g.Status)
	}
	if fmt.Sprint(g.Head) != "[층 연산 입력 → 출력 매개변수]" || len(g.Ops) != 7 || g.Ops[0] != "1×5×5 커널 6개(보폭 1, 덧대기 안 함), ReLU" || g.Ops[5] != "완전연결 120 → 84, ReLU" {
		t.Errorf("the summary in Korean: %q %q", g.Head, g.Ops)
	}
	if len(g.ConvCaptions) < 5 || g.ConvCaptions[3] != "교차상관 2×2" || g.ConvCaptions[4] != "컨볼루션 2×2" {
		t.Errorf("conv2d's captions in Korean: %q", g.ConvCaptions)
	}
	p.fullScreenshot("api-ko")
}

// trimmedLines splits s into lines without their indentation, leaving out
// blank ones.
func trimmedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// containsRun reports whether want occurs in lines as consecutive lines.
func containsRun(lines, want []string) bool {
	for i := 0; i+len(want) <= len(lines); i++ {
		if slices.Equal(lines[i:i+len(want)], want) {
			return true
		}
	}
	return false
}
