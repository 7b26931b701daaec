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
