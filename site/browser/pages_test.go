//go:build browser

package browser

// The site's own pages, index.html and api.html, in English and Korean.
// Each picks its language as app.html does (?lang=en|ko, else the
// browser's language), shows every marked string from its strings table
// (home-strings.js, api-strings.js), keeps the English in its HTML equal to
// the table's, passes the language on to the demo frame and to its links,
// and has a switch that rewrites the address, so a reload keeps the
// choice. Full-page screenshots: index-en, index-ko (and api-en, api-ko,
// api-phone from api_test.go).

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pageStrings names each page's strings module.
var pageStrings = map[string]string{"index.html": "home-strings.js", "api.html": "api-strings.js"}

// openIn opens path in a tab whose browser language is accept (an
// Accept-Language value such as "ko-KR,ko"), as a reader's browser would
// have it.
func openIn(t *testing.T, path, accept string, w, h int64, dpr float64, mobile bool) *page {
	t.Helper()
	p := openWith(t, path, w, h, dpr, mobile, "", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		v, err := cdp.Call(ctx, tg, cdpbrowser.GetVersion, cdp.Empty{})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, tg, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: v.UserAgent, AcceptLanguage: accept})
		return err
	}))
	var got string
	p.eval(`navigator.language`, &got)
	if !strings.HasPrefix(accept, got) {
		t.Fatalf("the browser's language is %q, want the first of %q", got, accept)
	}
	return p
}

// fullScreenshot saves the whole page, not only what the window shows:
// it scrolls a window's height at a time and puts the pictures together
// (Chromium's own capture beyond the window repeats parts of a page taller
// than about 8,000 device pixels).
func (p *page) fullScreenshot(name string) {
	p.t.Helper()
	var m struct{ Height, Window, Width, Dpr float64 }
	p.eval(`({Height: document.documentElement.scrollHeight, Window: innerHeight, Width: innerWidth, Dpr: devicePixelRatio})`, &m)
	px := func(v float64) int { return int(math.Round(v * m.Dpr)) }
	all := image.NewRGBA(image.Rect(0, 0, px(m.Width), px(m.Height)))
	for y := 0.0; y < m.Height; y += m.Window {
		var at float64
		p.eval(fmt.Sprintf(`(async () => { scrollTo(0, %v); for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r)); return scrollY })()`, y), &at)
		buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			p.t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(buf))
		if err != nil {
			p.t.Fatal(err)
		}
		draw.Draw(all, img.Bounds().Add(image.Pt(0, px(at))), img, image.Point{}, draw.Src)
	}
	p.eval(`scrollTo(0, 0), 0`, nil)
	var out bytes.Buffer
	if err := png.Encode(&out, all); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shots, name+".png"), out.Bytes(), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// langReport is what langReport finds on a page.
type langReport struct {
	Lang, Title, Description, Search string
	Count                            int      // strings the page localizes
	Wrong                            []string // keys whose element does not show the table's string in the page's language
	HTMLDiff                         []string // keys whose English in the HTML as served differs from the table's
	Links                            []string // hrefs of the links that carry the language
	Current                          []string // the switch's current language(s)
}

func (p *page) langReport(strs string) langReport {
	p.t.Helper()
	var r langReport
	p.eval(fmt.Sprintf(`(async () => {
		const { STRINGS } = await import('./%s');
		const lang = document.documentElement.lang;
		const norm = (html) => { const t = document.createElement('template'); t.innerHTML = html; return t.innerHTML.replace(/\s+/g, ' ').trim(); };
		const check = (root, l, out) => {
			let n = 0;
			for (const el of root.querySelectorAll('[data-i18n]')) {
				n++;
				const s = STRINGS[el.dataset.i18n];
				if (!s || norm(el.innerHTML) !== norm(s[l])) out.push(el.dataset.i18n);
			}
			for (const el of root.querySelectorAll('[data-i18n-attr]')) {
				for (const pair of el.dataset.i18nAttr.split(/\s+/)) {
					const [attr, key] = pair.split(':');
					n++;
					if (!STRINGS[key] || el.getAttribute(attr) !== STRINGS[key][l]) out.push(key);
				}
			}
			if (root.title !== STRINGS.title[l]) out.push('title');
			if (root.querySelector('meta[name=description]').content !== STRINGS.description[l]) out.push('description');
			return n;
		};
		const wrong = [], htmlDiff = [];
		const count = check(document, lang, wrong);
		const served = new DOMParser().parseFromString(await (await fetch(location.pathname)).text(), 'text/html');
		check(served, 'en', htmlDiff);
		return {
			Lang: lang, Title: document.title, Description: document.querySelector('meta[name=description]').content,
			Search: location.search, Count: count, Wrong: wrong, HTMLDiff: htmlDiff,
			Links: Array.from(document.querySelectorAll('[data-lang-link]'), (a) => a.getAttribute('href')),
			Current: Array.from(document.querySelectorAll('[data-lang-switch] [aria-current]'), (a) => a.dataset.lang),
		};
	})()`, strs), &r)
	return r
}

var hangul = regexp.MustCompile(`\p{Hangul}`)

// checkLang checks that the page is in want, wholly.
func (p *page) checkLang(path, want string) langReport {
	p.t.Helper()
	r := p.langReport(pageStrings[path])
	if r.Lang != want {
		p.t.Errorf("%s: <html lang=%q>, want %q", path, r.Lang, want)
	}
	if r.Count < 20 {
		p.t.Errorf("%s: only %d strings are localized", path, r.Count)
	}
	if len(r.Wrong) > 0 {
		p.t.Errorf("%s in %s: these strings are not the table's: %v", path, want, r.Wrong)
	}
	if len(r.HTMLDiff) > 0 {
		p.t.Errorf("%s: the English in the HTML differs from %s for %v", path, pageStrings[path], r.HTMLDiff)
	}
	if hangul.MatchString(r.Title) != (want == "ko") || hangul.MatchString(r.Description) != (want == "ko") {
		p.t.Errorf("%s in %s: title %q, description %q", path, want, r.Title, r.Description)
	}
	for _, l := range r.Links {
		if !strings.Contains(l, "lang="+want) {
			p.t.Errorf("%s: the link %q does not carry lang=%s", path, l, want)
		}
	}
	if fmt.Sprint(r.Current) != "["+want+"]" {
		p.t.Errorf("%s: the switch marks %v as current, want %s", path, r.Current, want)
	}
	return r
}

// demoLang waits until the home page's demo frame is ready and returns
// the frame's address and its document's language.
func (p *page) demoLang() (src, lang string) {
	p.t.Helper()
	var r struct{ Src, Lang string }
	p.eval(`(async () => {
		const f = document.getElementById('demo');
		for (let i = 0; i < 1500; i++) {
			const w = f.contentWindow;
			if (w && w.lenetDemo && w.location.href !== 'about:blank') {
				await w.lenetDemo.ready;
				await new Promise((r) => requestAnimationFrame(r));
				return { Src: w.location.href, Lang: w.document.documentElement.lang };
			}
			await new Promise((r) => setTimeout(r, 20));
		}
		return { Src: 'no demo', Lang: '' };
	})()`, &r)
	return r.Src, r.Lang
}

// apiRan waits until api.html has run every example once.
func (p *page) apiRan() {
	p.t.Helper()
	p.eval(`new Promise((ok, fail) => {
		const t0 = performance.now();
		const poll = () => {
			if (document.body.dataset.ran === 'all') ok(0);
			else if (performance.now() - t0 > 30000) fail(new Error('the examples did not all run: ' + document.getElementById('status').textContent));
			else setTimeout(poll, 50);
		};
		poll();
	})`, nil)
}

func TestPagesLanguage(t *testing.T) {
	for _, c := range []struct {
		name, path, accept, want, shot string
	}{
		{"index-by-query", "index.html?lang=ko", "en-US", "ko", "index-ko"},
		{"index-by-browser", "index.html", "ko-KR,ko", "ko", ""},
		{"index-query-wins", "index.html?lang=en", "ko-KR,ko", "en", "index-en"},
		{"api-by-query", "api.html?lang=ko-KR", "en-US", "ko", ""},
		{"api-by-browser", "api.html", "ko-KR,ko", "ko", ""},
		{"api-english", "api.html?lang=xx", "en-GB", "en", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := openIn(t, c.path, c.accept, 1280, 900, 1, false)
			page := c.path[:strings.IndexByte(c.path+"?", '?')]
			if page == "api.html" {
				p.apiRan()
			} else {
				src, lang := p.demoLang()
				if !strings.Contains(src, "lang="+c.want) || lang != c.want {
					t.Errorf("the demo frame is %s in %q, want lang=%s", src, lang, c.want)
				}
			}
			p.checkLang(page, c.want)
			if c.shot != "" {
				p.fullScreenshot(c.shot)
			}
		})
	}
}

// The switch rewrites the address without a history entry, re-renders the
// page (and, on the home page, the demo) in the other language, and a
// reload keeps it.
func TestPagesLanguageSwitch(t *testing.T) {
	for _, c := range []struct{ path, from, to string }{
		{"index.html", "en", "ko"},
		{"api.html", "ko", "en"},
	} {
		t.Run(c.path, func(t *testing.T) {
			accept := map[string]string{"en": "en-US", "ko": "ko-KR"}[c.from]
			p := openIn(t, c.path+"#top", accept, 1000, 800, 1, false)
			wait := func() {
				if c.path == "api.html" {
					p.apiRan()
				} else if src, lang := p.demoLang(); lang != p.langReport(pageStrings[c.path]).Lang {
					t.Errorf("the demo frame (%s) is in %q", src, lang)
				}
			}
			wait()
			p.checkLang(c.path, c.from)
			var before int
			p.eval(`history.length`, &before)
			var r rect
			p.eval(fmt.Sprintf(`(() => { const b = document.querySelector('[data-lang-switch] [data-lang=%q]').getBoundingClientRect(); return {X: b.x, Y: b.y, Width: b.width, Height: b.height} })()`, c.to), &r)
			p.do(chromedp.MouseClickXY(r.X+r.Width/2, r.Y+r.Height/2))
			p.frames(2)
			got := p.checkLang(c.path, c.to)
			if got.Search != "?lang="+c.to {
				t.Errorf("after the switch the address has %q", got.Search)
			}
			var after int
			var hash string
			p.eval(`history.length`, &after)
			p.eval(`location.hash`, &hash)
			if after != before || hash != "#top" {
				t.Errorf("the switch changed the history (%d → %d entries) or the fragment (%q)", before, after, hash)
			}
			if c.path == "index.html" {
				src, lang := p.demoLang()
				if !strings.Contains(src, "lang="+c.to) || lang != c.to {
					t.Errorf("after the switch the demo frame is %s in %q", src, lang)
				}
				p.eval(`history.length`, &after)
				if after != before {
					t.Errorf("reloading the demo frame in the other language added %d history entries", after-before)
				}
			} else {
				var st struct{ Status, Th string }
				p.eval(`({Status: document.getElementById('status').textContent, Th: document.querySelector('#summary th').textContent})`, &st)
				if !strings.HasPrefix(st.Status, "Ready: LeNet-5, 61,706 parameters") || st.Th != "layer" {
					t.Errorf("the results were not shown again in English: %+v", st)
				}
			}
			p.do(chromedp.Reload())
			wait()
			p.checkLang(c.path, c.to)
		})
	}
}
