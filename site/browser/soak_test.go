//go:build browser

package browser

// The soak test uses the demo as a class would, for a long time, and checks
// that nothing accumulates and nothing breaks. In one tab that lives for the
// whole run it draws digits as real mouse drags (strokes generated from
// templates of the ten digits, each turned, slanted, scaled and moved at
// random), loads samples, undoes strokes and clears the pad (by key and
// through lenetDemo), moves the pointer over the maps, clicks the buttons,
// tabs and units, walks the widgets with the keyboard, switches the language
// back and forth and resizes the window. Every few minutes it tours every
// registered view (lenetDemo.state().views), each in a tab of its own, as a
// course page's link opens it: it uses the view's controls, switches its
// language both ways with the header's button, resizes it, and goes back to
// the demo with the header's back button and draws there.
//
// For the long-lived tab it reports the JavaScript heap (after a forced
// collection), the WebAssembly memory, the WebGL textures (Ebiten's
// atlases) and the bitmaps and strings Ebiten's canvas caches
// (lenetDemo.timings()) at the start, after the warm-up, at the peak and
// at the end; the intervals between animation
// frames while it works there, and the program's own update times from
// lenetDemo.timings(); console errors and lastPanic. After the warm-up
// neither the JavaScript heap nor the WebAssembly memory may grow by more
// than 5 MB in a long run (20 MB in the short one). The WebGL textures are
// held to a ceiling instead: Ebiten's atlases double when the text cache
// needs room and never shrink, so while the cache fills towards its sweep
// point (wasm/web/text.go) they grow in steps of 4 to 34 MB, as they
// should; what must not happen is more of them, or more bytes than two
// full 4096×4096 atlases and the screen (maxTexBytes), or caches past
// their bounds. open's cleanup fails the test on any console error or
// panic, in the long-lived tab and in every tour's.
//
// LENET_SOAK sets the duration (a Go duration, 30s to 24h): ./build.sh soak
// runs 10 minutes and at least 1,000 drawings (LENET_SOAK_DRAWINGS sets
// another count) (./build.sh soak -duration 20m for another), ./build.sh
// test the short default of 75 seconds. LENET_SOAK_SEED replays a run's
// random choices.

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// soakProbe runs in the long-lived tab before the page's own scripts: it
// keeps the WebAssembly memory of the instance app.js creates, counts the
// WebGL textures alive and their bytes (without keeping them alive), and
// records the intervals between animation frames while window.__soak.rec
// is set.
const soakProbe = `(() => {
  const s = window.__soak = { rec: false, frames: [], mem: null, texLive: 0, texBytes: 0 };
  let last = 0;
  const loop = (t) => { if (s.rec && last) s.frames.push(t - last); last = t; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const f = WebAssembly[name];
    if (typeof f !== 'function') continue;
    WebAssembly[name] = async function (...a) {
      const r = await f.apply(this, a);
      const inst = r && r.instance ? r.instance : r;
      if (inst && inst.exports && inst.exports.mem instanceof WebAssembly.Memory) s.mem = inst.exports.mem;
      return r;
    };
  }
  const P = WebGL2RenderingContext.prototype;
  const info = new WeakMap(); // texture → {bytes, gone}
  const bound = new WeakMap(); // context → texture bound to TEXTURE_2D
  const gone = new FinalizationRegistry((h) => { if (!h.gone) { s.texLive--; s.texBytes -= h.bytes; } });
  const create = P.createTexture, del = P.deleteTexture, bind = P.bindTexture, image = P.texImage2D, storage = P.texStorage2D;
  P.createTexture = function () {
    const t = create.call(this);
    if (t) { const h = { bytes: 0, gone: false }; info.set(t, h); gone.register(t, h, h); s.texLive++; }
    return t;
  };
  P.deleteTexture = function (t) {
    const h = t && info.get(t);
    if (h && !h.gone) { h.gone = true; s.texLive--; s.texBytes -= h.bytes; gone.unregister(h); }
    return del.call(this, t);
  };
  P.bindTexture = function (target, t) { if (target === this.TEXTURE_2D) bound.set(this, t); return bind.call(this, target, t); };
  const sized = (ctx, w, h) => {
    const t = bound.get(ctx), k = t && info.get(t);
    if (k && !k.gone) { s.texBytes += 4 * w * h - k.bytes; k.bytes = 4 * w * h; }
  };
  P.texImage2D = function (...a) { if (a.length >= 9 && a[1] === 0) sized(this, a[3], a[4]); return image.apply(this, a); };
  P.texStorage2D = function (...a) { sized(this, a[3], a[4]); return storage.apply(this, a); };
})()`

// soakMemory is what the soak measures in the long-lived tab.
type soakMemory struct {
	Heap     float64 // JavaScript heap in use after a collection, bytes
	GoHeap   float64 // the Go heap's live objects after a collection (lenetDemo.memory())
	Wasm     float64 // the program's WebAssembly memory, bytes (it never shrinks)
	TexLive  float64 // WebGL textures alive
	TexBytes float64 // their bytes (4 a texel)
	Bitmaps  float64 // images Ebiten's canvas caches (lenetDemo.timings().cachedBitmaps)
	Texts    float64 // rendered strings it caches (cachedTexts)
}

func (m soakMemory) String() string {
	return fmt.Sprintf("JS heap %.1f MB, Go heap %.1f MB, wasm memory %.1f MB, WebGL textures %.0f holding %.1f MB, Ebiten cache %.0f bitmaps and %.0f strings",
		m.Heap/1e6, m.GoHeap/1e6, m.Wasm/1e6, m.TexLive, m.TexBytes/1e6, m.Bitmaps, m.Texts)
}

func (m soakMemory) max(o soakMemory) soakMemory {
	return soakMemory{max(m.Heap, o.Heap), max(m.GoHeap, o.GoHeap), max(m.Wasm, o.Wasm), max(m.TexLive, o.TexLive), max(m.TexBytes, o.TexBytes),
		max(m.Bitmaps, o.Bitmaps), max(m.Texts, o.Texts)}
}

// soakDuration is LENET_SOAK (a Go duration), or 75 s.
func soakDuration(t *testing.T) time.Duration {
	v := os.Getenv("LENET_SOAK")
	if v == "" {
		return 75 * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 30*time.Second || d > 24*time.Hour {
		t.Fatalf("LENET_SOAK=%q: want a duration from 30s to 24h, such as 10m", v)
	}
	return d
}

type soakSize struct {
	w, h int64
	dpr  float64
}

// soakSizes are the windows the soak resizes to: laptops, a small window,
// a tall narrow one and a small high-density one. (Chromium draws them in
// software here, so the sizes stay moderate; the projector comes in the
// warm-up.)
var soakSizes = []soakSize{{1280, 800, 1}, {1024, 768, 1}, {800, 600, 1}, {600, 900, 1}, {640, 480, 2}, {1366, 768, 1}}

var projector = soakSize{1920, 1080, 1}

// longDrawings is how many drawings a long run makes at least, unless
// LENET_SOAK_DRAWINGS says otherwise: it goes on past its duration until
// it has drawn them.
const longDrawings = 1000

// The soak's ceilings: the WebAssembly memory (64 MiB), two full
// 4096×4096 RGBA atlases and a 1920×1080 screen, and the bounds of
// wasm/web's bitmap and text caches (maxBitmaps in canvas.go, maxTexts in
// text.go).
const (
	maxWasmBytes     = 64 << 20
	maxTexBytes      = 2*4096*4096*4 + 1920*1080*4
	maxCachedBitmaps = 256
	maxCachedTexts   = 4000
)

func TestSoak(t *testing.T) {
	dur := soakDuration(t)
	long := dur >= 5*time.Minute
	bound, warm, least, tourEvery := 20e6, 10*time.Second, 20*time.Second, time.Duration(0)
	if long {
		bound, warm, least, tourEvery = 5e6, 2*time.Minute, time.Minute, 3*time.Minute
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("LENET_SOAK_SEED"); v != "" {
		if _, err := fmt.Sscan(v, &seed); err != nil {
			t.Fatalf("LENET_SOAK_SEED=%q: %v", v, err)
		}
	}
	minDrawings := 0
	if long {
		minDrawings = longDrawings
	}
	if v := os.Getenv("LENET_SOAK_DRAWINGS"); v != "" {
		if _, err := fmt.Sscan(v, &minDrawings); err != nil || minDrawings < 0 || minDrawings > 1e6 {
			t.Fatalf("LENET_SOAK_DRAWINGS=%q: a count from 0 to 1000000", v)
		}
	}
	t.Logf("soak: %v and at least %d drawings, growth bound %.0f MB after a warm-up of a tour and %v of work, seed %d (LENET_SOAK_SEED replays it)",
		dur, minDrawings, bound/1e6, warm, seed)

	// The tabs live as long as the soak needs, unless the page stops
	// answering (see watch).
	saved := pageTimeout
	pageTimeout = 24 * time.Hour // a stuck page is caught by watch, not by this
	defer func() { pageTimeout = saved }()
	p := openWith(t, "app.html?lang=en", 1280, 800, 1, false, soakProbe)
	p.eval(`lenetDemo.ready`, nil)
	st := &soakStats{rng: rand.New(rand.NewPCG(seed, 1))}
	s := &soaker{t: t, p: p, soakStats: st}
	st.cur.Store(p)
	s.alive()
	ctx, cancel := context.WithCancel(p.ctx)
	defer cancel()
	orig := p.ctx
	p.ctx = ctx
	defer func() { p.ctx = orig }() // for open's cleanup
	stopWatch := make(chan struct{})
	defer close(stopWatch)
	go s.watch(stopWatch, cancel)
	s.focus()
	t0 := time.Now()
	start := s.measure()
	t.Logf("start: %v", start)
	var vs struct {
		View  string
		Views []string
	}
	p.eval(`lenetDemo.state()`, &vs)
	st.demo = vs.View // the view app.html shows without ?view=
	st.full = long
	var views []string
	for _, v := range vs.Views {
		if v != st.demo {
			views = append(views, v)
		}
	}
	if len(views) == 0 {
		t.Fatalf("lenetDemo.state().views lists no view besides the demo (%q): %v", st.demo, vs.Views)
	}

	// Warm-up: a tour of every view, every window size, then some work.
	s.tour(views)
	p.eval(`window.__soak.rec = true`, nil)
	for _, sz := range append([]soakSize{projector}, soakSizes...) {
		s.resize(sz)
		s.drawDigit(st.rng.IntN(10))
	}
	for w0 := time.Now(); time.Since(w0) < warm; {
		s.step()
	}
	warmed := s.measure()
	t.Logf("after the warm-up (%v, %d drawings): %v", time.Since(t0).Round(time.Second), st.drawings, warmed)

	// The soak itself: to the end of the duration, and at least 20 s (a
	// minute in a long run) after the warm-up.
	peak, tw, lastTour := warmed, time.Now(), time.Now()
	for n := 0; time.Since(t0) < dur || time.Since(tw) < least || st.drawings < minDrawings; n++ {
		if tourEvery > 0 && time.Since(lastTour) > tourEvery && dur-time.Since(t0) > time.Minute {
			s.tour(views)
			lastTour = time.Now()
		}
		s.step()
		if n%150 == 149 {
			peak = peak.max(s.measure())
			s.checkPanic()
		}
	}
	p.eval(`window.__soak.rec = false`, nil)
	// End on the size the warm-up ended with, on an empty pad, so that the
	// two compare on equal terms.
	s.resize(soakSizes[len(soakSizes)-1])
	p.eval(`lenetDemo.clear()`, nil)
	p.frames(10)
	end := s.measure()
	peak = peak.max(end)
	p.screenshot("soak-end")
	s.checkPanic()

	var frames struct{ N, Median, P95, Max float64 }
	p.eval(`(() => { const f = window.__soak.frames.slice().sort((a, b) => a - b); const q = (x) => f.length ? f[Math.min(f.length - 1, Math.floor(x * f.length))] : 0;
		return { n: f.length, median: q(0.5), p95: q(0.95), max: f.length ? f[f.length - 1] : 0 } })()`, &frames)
	var tm struct{ MaxDrawingFrameMs, MeanDrawingFrameMs, MedianRecentDrawingFrameMs, DrawingFrames float64 }
	p.eval(`lenetDemo.timings()`, &tm)
	p.mu.Lock()
	errs := len(p.bad)
	p.mu.Unlock()

	t.Logf("end (%v after the warm-up): %v", time.Since(tw).Round(time.Second), end)
	t.Logf("peak after the warm-up: %v", peak)
	t.Logf("growth after the warm-up: JS heap %+.2f MB, Go heap %+.2f MB, wasm memory %+.2f MB, WebGL textures %+.0f (%+.2f MB), Ebiten cache %+.0f bitmaps and %+.0f strings",
		(end.Heap-warmed.Heap)/1e6, (end.GoHeap-warmed.GoHeap)/1e6, (end.Wasm-warmed.Wasm)/1e6, end.TexLive-warmed.TexLive, (end.TexBytes-warmed.TexBytes)/1e6,
		end.Bitmaps-warmed.Bitmaps, end.Texts-warmed.Texts)
	t.Logf("work in %v: %d drawings (%d of %d checked read as the digit last drawn; drawings pile up between clears), %d samples, %d clears, %d undos, %d language switches, %d resizes, %d hovers, %d clicks, %d keyboard walks (%d of the clicks and walks opened another view, and the demo was opened again), %d tours of %d views (%s)",
		time.Since(t0).Round(time.Second), st.drawings, st.readRight, st.checked, st.samples, st.clears, st.undos, st.langs, st.resizes, st.hovers, st.clicks, st.walks, st.leaves, st.tours, len(views), strings.Join(views, ", "))
	t.Logf("frames while working in the long-lived tab: %.0f animation frames, interval median %.1f ms, 95th percentile %.1f ms, max %.1f ms; the program's update while drawing: median %.2f ms (recent frames), mean %.2f ms, max %.2f ms over %.0f frames",
		frames.N, frames.Median, frames.P95, frames.Max, tm.MedianRecentDrawingFrameMs, tm.MeanDrawingFrameMs, tm.MaxDrawingFrameMs, tm.DrawingFrames)
	t.Logf("console errors in the long-lived tab: %d (every tour's tab is checked at its end); lastPanic: none", errs)

	for _, g := range []struct {
		what string
		d    float64
	}{{"the JavaScript heap", end.Heap - warmed.Heap}, {"the Go heap", end.GoHeap - warmed.GoHeap}} {
		if g.d > bound {
			t.Errorf("%s grew by %.1f MB after the warm-up (bound %.0f MB)", g.what, g.d/1e6, bound/1e6)
		}
	}
	// The WebAssembly memory is the Go heap's high-water mark: it has a
	// ceiling, not a bound on its growth.
	if peak.Wasm > maxWasmBytes {
		t.Errorf("the WebAssembly memory reached %.1f MB (ceiling %.0f MB)", peak.Wasm/1e6, maxWasmBytes/1e6)
	}
	if peak.TexBytes > maxTexBytes {
		t.Errorf("the WebGL textures reached %.1f MB (ceiling %.0f MB)", peak.TexBytes/1e6, maxTexBytes/1e6)
	}
	if peak.TexLive > warmed.TexLive+2 {
		t.Errorf("the WebGL textures went from %.0f after the warm-up to %.0f", warmed.TexLive, peak.TexLive)
	}
	if peak.Bitmaps > maxCachedBitmaps || peak.Texts > maxCachedTexts {
		t.Errorf("Ebiten's canvas caches held %.0f bitmaps and %.0f strings (bounds %d and %d)", peak.Bitmaps, peak.Texts, maxCachedBitmaps, maxCachedTexts)
	}
	if st.drawings < max(10, minDrawings) || st.tours == 0 {
		t.Errorf("the soak did too little: %d drawings, %d tours", st.drawings, st.tours)
	}
	if end.Wasm == 0 {
		t.Error("the probe found no WebAssembly memory")
	}
	// Console errors and lastPanic also fail the test in open's cleanup.
}

// soakStats is what the soak's hands share: the random choices, the
// counts, when the page last answered and the last actions.
type soakStats struct {
	demo string // the demo's view name
	full bool   // tours use every control (the long run), or a few (the short one)
	rng  *rand.Rand
	beat atomic.Int64         // time of the last answer from a page, UnixNano
	cur  atomic.Pointer[page] // the tab being worked in, for the report of a stuck page
	mu   sync.Mutex
	did  []string // the last actions, for the report of a stuck page

	drawings, checked, readRight, samples, clears, undos, langs, resizes, hovers, clicks, walks, tours int
	leaves                                                                                             int // times the demo's page was taken to another view
}

// soaker is the soak's hand on one tab.
type soaker struct {
	t *testing.T
	p *page
	*soakStats
}

// doing notes an action for the report of a stuck page.
func (s *soaker) doing(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.did = append(s.did, time.Now().Format("15:04:05.0")+" "+fmt.Sprintf(format, args...))
	if len(s.did) > 20 {
		s.did = s.did[1:]
	}
}

// alive notes that a page answered.
func (s *soaker) alive() { s.beat.Store(time.Now().UnixNano()) }

// watch fails the test when no page has answered for two minutes (a
// frame, a key, an input event): the program is stuck. Before it cancels
// the long-lived tab's calls it reports the last actions and which of the
// browser's processes use the CPU, which tells a loop from a wait.
func (s *soaker) watch(stop <-chan struct{}, cancel context.CancelFunc) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		idle := time.Since(time.Unix(0, s.beat.Load()))
		if idle < 2*time.Minute {
			continue
		}
		s.mu.Lock()
		did := strings.Join(s.did, "; ")
		s.mu.Unlock()
		s.t.Errorf("no page has answered for %v; the browser's processes: %s; the last actions: %s; the tab worked in: %s",
			idle.Round(time.Second), processCPU(), did, s.diagnose())
		cancel()
		return
	}
}

// diagnose says what the page of the tab being worked in knows when the
// program stops answering: whether the program still runs frames (its frame
// count a second apart), its last panic, the commands waiting for it,
// the loader's message and whether the page is visible.
func (s *soaker) diagnose() string {
	const probe = `JSON.stringify((() => { const t = lenetDemo.timings(); return { frames: t.frames, lastFrameMs: t.lastFrameMs, lastPanic: t.lastPanic || '',
		waiting: globalThis.lenetBridge ? lenetBridge.commands.length : -1, loader: document.getElementById('loader')?.innerText || '',
		visibility: document.visibilityState, focused: document.hasFocus(), active: document.activeElement?.tagName || '' } })())`
	var out []string
	for i := range 2 {
		if i > 0 {
			time.Sleep(time.Second)
		}
		p := s.cur.Load()
		if p == nil {
			p = s.p
		}
		ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](probe))
		cancel()
		if err != nil {
			return fmt.Sprintf("unreadable (%v)", err)
		}
		out = append(out, v)
	}
	return strings.Join(out, ", a second later ")
}

// processCPU lists this test's descendant processes (Chromium's) with the
// share of a CPU each used over two seconds.
func processCPU() string {
	type proc struct {
		ppid int
		kind string
		cpu  float64
	}
	read := func() map[int]proc {
		ps := map[int]proc{}
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			var pid int
			if _, err := fmt.Sscan(e.Name(), &pid); err != nil {
				continue
			}
			b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
			if err != nil {
				continue
			}
			f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
			if len(f) < 13 {
				continue
			}
			var ppid int
			var ut, st float64
			fmt.Sscan(f[1], &ppid)
			fmt.Sscan(f[11], &ut)
			fmt.Sscan(f[12], &st)
			kind := "browser"
			if c, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil {
				if i := strings.Index(string(c), "--type="); i >= 0 {
					kind = strings.FieldsFunc(string(c)[i+7:], func(r rune) bool { return r == 0 || r == ' ' })[0]
				}
			}
			ps[pid] = proc{ppid, kind, ut + st}
		}
		return ps
	}
	a := read()
	time.Sleep(2 * time.Second)
	b := read()
	mine := map[int]bool{os.Getpid(): true}
	for changed := true; changed; {
		changed = false
		for pid, p := range a {
			if !mine[pid] && mine[p.ppid] {
				mine[pid], changed = true, true
			}
		}
	}
	var out []string
	for pid, p := range a {
		if q, ok := b[pid]; ok && mine[pid] && pid != os.Getpid() {
			out = append(out, fmt.Sprintf("%s %d: %.0f%%", p.kind, pid, (q.cpu-p.cpu)/2))
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// focus gives the program's canvas the keyboard, as a click on the page
// would.
func (s *soaker) focus() {
	s.p.eval(`document.querySelector('canvas').focus(), 0`, nil)
}

func (s *soaker) measure() soakMemory {
	s.t.Helper()
	p := s.p
	var m soakMemory
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for range 2 {
			if _, err := cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
				return err
			}
		}
		h, err := cdp.Call(ctx, t, runtime.GetHeapUsage, cdp.Empty{})
		m.Heap = h.UsedSize
		return err
	}))
	var pm struct{ GoHeap, Wasm, TexLive, TexBytes, Bitmaps, Texts float64 }
	p.eval(`(async () => { const s = window.__soak, t = lenetDemo.timings(), m = await lenetDemo.memory();
		return { goHeap: m.goHeapBytes, wasm: s.mem ? s.mem.buffer.byteLength : 0, texLive: s.texLive, texBytes: s.texBytes, bitmaps: t.cachedBitmaps, texts: t.cachedTexts } })()`, &pm)
	m.GoHeap, m.Wasm, m.TexLive, m.TexBytes, m.Bitmaps, m.Texts = pm.GoHeap, pm.Wasm, pm.TexLive, pm.TexBytes, pm.Bitmaps, pm.Texts
	s.alive()
	return m
}

func (s *soaker) checkPanic() {
	s.t.Helper()
	var panicked string
	s.p.eval(`String(lenetDemo.timings().lastPanic || '')`, &panicked)
	if panicked != "" {
		s.t.Fatalf("the program recovered from a panic: %s", panicked)
	}
}

// step does one thing a class would do, chosen at random.
func (s *soaker) step() {
	s.alive()
	p := s.p
	switch r := s.rng.IntN(100); {
	case r < 45:
		if s.rng.IntN(10) < 7 {
			s.clear()
		}
		s.drawDigit(s.rng.IntN(10))
	case r < 58:
		s.sample()
	case r < 63:
		s.undos++
		s.doing("undo")
		if s.rng.IntN(2) == 0 {
			p.key("u", "KeyU")
		} else {
			p.eval(`lenetDemo.undo()`, nil)
		}
	case r < 70:
		s.langs++
		s.doing("key L")
		p.key("l", "KeyL")
	case r < 74:
		s.resize(soakSizes[s.rng.IntN(len(soakSizes))])
	case r < 84:
		s.hover()
	case r < 92:
		s.click()
	default:
		s.walk()
	}
}

func (s *soaker) clear() {
	s.clears++
	s.doing("clear")
	if s.rng.IntN(2) == 0 {
		s.p.key("c", "KeyC")
	} else {
		s.p.eval(`lenetDemo.clear()`, nil)
	}
}

func (s *soaker) sample() {
	s.samples++
	s.doing("sample")
	p := s.p
	switch s.rng.IntN(4) {
	case 0:
		p.key("s", "KeyS")
	case 1:
		p.key("p", "KeyP")
	case 2:
		d := s.rng.IntN(10)
		p.key(fmt.Sprint(d), fmt.Sprintf("Digit%d", d))
	default:
		p.eval(fmt.Sprintf(`lenetDemo.loadSample(%d)`, s.rng.IntN(100)), nil)
	}
}

func (s *soaker) resize(sz soakSize) {
	s.resizes++
	s.doing("resize %v", sz)
	s.p.do(chromedp.EmulateViewport(sz.w, sz.h, chromedp.EmulateScale(sz.dpr)))
	s.frames(3, "after a resize")
}

// drawDigit drags the mouse along a generated drawing of digit d and,
// every few drawings, checks that the demo predicts something.
func (s *soaker) drawDigit(d int) {
	s.drawings++
	s.doing("draw %d", d)
	s.p.mouseDraw(digitStrokes(s.rng, d))
	s.alive()
	if s.drawings%5 == 0 {
		s.frames(4, "after drawing")
		pr := s.p.prediction()
		if pr == nil {
			s.t.Fatalf("drawing %d (a %d) gives no prediction; state %s", s.drawings, d, s.p.stateJSON())
		}
		s.checked++
		if pr.Label == d {
			s.readRight++
		}
	}
}

func (s *soaker) viewport() (w, h float64) {
	s.p.eval(`innerWidth`, &w)
	s.p.eval(`innerHeight`, &h)
	return w, h
}

// hover moves the mouse, no button pressed, across the canvas: over the
// maps it points at units and shows their receptive fields.
func (s *soaker) hover() {
	s.hovers++
	vw, vh := s.viewport()
	x, y := s.rng.Float64()*vw, s.rng.Float64()*vh
	s.doing("hover from %.0f,%.0f", x, y)
	for range 8 {
		x = math.Max(1, math.Min(vw-1, x+(s.rng.Float64()-0.5)*vw/5))
		y = math.Max(1, math.Min(vh-1, y+(s.rng.Float64()-0.5)*vh/5))
		s.p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y))
	}
	s.frames(1, "after hovering")
}

// click clicks somewhere outside the pad: buttons, tabs, units of the maps
// (which pins them) or empty space.
func (s *soaker) click() {
	s.clicks++
	vw, vh := s.viewport()
	r := s.p.padRect()
	for range 20 {
		x, y := s.rng.Float64()*vw, s.rng.Float64()*vh
		if x >= r.X-5 && x <= r.X+r.Width+5 && y >= r.Y-5 && y <= r.Y+r.Height+5 {
			continue
		}
		s.doing("click %.0f,%.0f", x, y)
		s.p.do(chromedp.MouseClickXY(x, y))
		s.frames(2, "after a click")
		break
	}
	s.stayOnDemo()
}

// keys presses the keys one after the other, each held for two frames
// (the program reads the keyboard once a frame), and waits a frame after
// the last.
func (s *soaker) keys(ks ...string) {
	s.t.Helper()
	s.doing("keys %q", ks)
	for _, k := range ks {
		for _, r := range k {
			for _, ev := range kb.Encode(r) {
				if ev.Type == kb.KeyUp {
					s.frames(2, fmt.Sprintf("pressing %q", k))
				}
				s.p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *ev)
					return err
				}))
			}
		}
	}
	s.frames(1, fmt.Sprintf("after pressing %q", ks))
}

// frames waits n animation frames, and fails the test if the page draws
// none for a minute: the program is stuck.
func (s *soaker) frames(n int, doing string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.p.ctx, time.Minute)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](fmt.Sprintf(`(async () => { for (let i = 0; i < %d; i++) await new Promise(r => requestAnimationFrame(r)); return 0 })()`, n), chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("the page drew no frame for a minute %s (%v); the browser's processes: %s", doing, err, processCPU())
	}
	s.alive()
}

// tab moves the keyboard focus to the n-th widget (1 is the first).
func (s *soaker) tab(n int) {
	s.keys(kb.Escape)
	for range n {
		s.keys(kb.Tab)
	}
}

// walk moves the keyboard focus through the widgets and presses a key on
// one of them.
func (s *soaker) walk() {
	s.walks++
	s.tab(1 + s.rng.IntN(8))
	s.keys([]string{kb.Enter, " ", kb.ArrowLeft, kb.ArrowRight, kb.ArrowUp, kb.ArrowDown}[s.rng.IntN(6)], kb.Escape)
	s.stayOnDemo()
}

// stayOnDemo brings the demo's page back to the demo when a click or a
// key took it to another view (the handwriting panel's way to the
// training view), as the header's back button would, and gives its canvas
// the keyboard again.
func (s *soaker) stayOnDemo() {
	var st struct{ View string }
	s.p.eval(`lenetDemo.state()`, &st)
	if st.View != s.demo {
		s.leaves++
		s.doing("back to the demo from the %q view", st.View)
		s.p.eval(fmt.Sprintf(`lenetDemo.show(%q).then(() => lenetDemo.state())`, s.demo), &st)
		if st.View != s.demo {
			s.t.Fatalf("the demo's page shows the %q view after going back to the demo", st.View)
		}
		s.frames(2, "after going back to the demo")
	}
	s.focus()
}

// tour opens every view in a tab of its own, as a course page's link
// does: it switches the language both ways with the header's button, walks
// the view's widgets pressing keys on them, resizes the window, moves and
// clicks the mouse, goes back to the demo with the header's back button and
// draws there. Each tab is closed, and checked for console errors and a
// panic, at the end of its subtest.
func (s *soaker) tour(views []string) {
	s.tours++
	s.p.eval(`window.__soak.rec = false`, nil)
	for _, name := range views {
		lang := []string{"en", "ko"}[s.rng.IntN(2)]
		s.t.Run(fmt.Sprintf("tour%d-%s-%s", s.tours, name, lang), func(t *testing.T) {
			t0 := time.Now()
			s.doing("open %s in %s", name, lang)
			v := &soaker{t: t, p: viewsOpen(t, "view="+name+"&lang="+lang).page, soakStats: s.soakStats}
			v.alive()
			s.cur.Store(v.p)
			defer s.cur.Store(s.p)
			var hs struct {
				View, Lang string
				Dpr        float64
				Header     struct{ Lang, Back []float64 }
			}
			state := func() (view, lang string) {
				v.p.eval(`lenetDemo.state()`, &hs)
				return hs.View, hs.Lang
			}
			// click clicks the middle of a control of the header.
			click := func(what string, r []float64) {
				if len(r) != 4 || hs.Dpr <= 0 {
					t.Fatalf("the %s view's header has no %s button: %+v", name, what, hs.Header)
				}
				s.doing("click the header's %s button", what)
				v.p.do(chromedp.MouseClickXY((r[0]+r[2]/2)/hs.Dpr, (r[1]+r[3]/2)/hs.Dpr))
				v.frames(3, "after a click on the header")
			}
			// The header's language button: clicked, then from the
			// keyboard (it is the first control). The short run only
			// clicks it, and skips the widgets and the mouse.
			for i := range 1 + btoi(v.full) {
				_, before := state()
				if i == 0 {
					click("language", hs.Header.Lang)
				} else {
					v.tab(1)
					v.keys(kb.Enter)
				}
				if view, after := state(); view != name || after == before {
					t.Errorf("switch %d: the header's language button left the %s view in %s (now %s in %s)", i+1, name, before, after, view)
				}
				v.langs++
			}
			// The view's widgets one after the other, each with a key a
			// student would press on it (past the last one the Tab order
			// reaches the header's back button: the walk ends there).
			v.tab(viewsFirst)
			for range 1 + 2*btoi(v.full) {
				v.keys([]string{kb.ArrowRight, kb.ArrowLeft, kb.ArrowDown, kb.ArrowUp, " ", "3"}[v.rng.IntN(6)], kb.Tab)
				if view, _ := state(); view != name {
					break
				}
			}
			v.resize(soakSizes[v.rng.IntN(len(soakSizes))])
			if view, _ := state(); view == name && v.full {
				v.keys(kb.Escape, "1", "2", kb.Enter) // a quiz answer; a number elsewhere
				// The mouse: moves and clicks below the header.
				vw, vh := v.viewport()
				for k := range 6 {
					x, y := v.rng.Float64()*vw, 60+v.rng.Float64()*(vh-60)
					v.p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y))
					if k%3 == 2 {
						v.p.do(chromedp.MouseClickXY(x, y))
					}
				}
				v.frames(2, "after the mouse")
			}
			if v.tours == 1 {
				v.p.screenshot(fmt.Sprintf("soak-%s-%s", name, lang))
			}
			// Back to the demo with the header's back button, and draw
			// there.
			if view, _ := state(); view == name {
				click("back", hs.Header.Back)
			}
			if view, _ := state(); view != v.demo {
				t.Fatalf("the back button of the %s view shows %q", name, view)
			}
			v.focus()
			v.drawDigit(v.rng.IntN(10))
			t.Logf("%s in %s: %v", name, lang, time.Since(t0).Round(100*time.Millisecond))
		})
	}
	s.alive()
	s.p.eval(`window.__soak.rec = true`, nil)
	s.focus()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// digitStrokes returns a drawing of digit d in pad coordinates (0..1):
// the template's strokes, turned by up to ±14°, slanted, scaled to 55–90 %
// of the pad and placed anywhere it fits, with a little tremor.
func digitStrokes(rng *rand.Rand, d int) [][][2]float64 {
	tpl := digitTemplates[d]
	scale := 0.55 + 0.35*rng.Float64()
	rot := (rng.Float64() - 0.5) * 0.5
	slant := (rng.Float64() - 0.5) * 0.4
	cos, sin := math.Cos(rot), math.Sin(rot)
	var out [][][2]float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, st := range tpl {
		var pts [][2]float64
		for i := 1; i < len(st); i++ {
			n := max(1, int(math.Hypot(st[i][0]-st[i-1][0], st[i][1]-st[i-1][1])*6))
			for k := 0; k < n; k++ {
				if i > 1 && k == 0 {
					continue
				}
				f := float64(k) / float64(n)
				pts = append(pts, [2]float64{st[i-1][0] + (st[i][0]-st[i-1][0])*f, st[i-1][1] + (st[i][1]-st[i-1][1])*f})
			}
		}
		pts = append(pts, st[len(st)-1])
		for i, q := range pts {
			x, y := q[0]-0.5, q[1]-0.5
			x += slant * -y
			x, y = x*cos-y*sin, x*sin+y*cos
			x += (rng.Float64() - 0.5) * 0.006
			y += (rng.Float64() - 0.5) * 0.006
			pts[i] = [2]float64{x * scale, y * scale}
			minX, maxX = math.Min(minX, pts[i][0]), math.Max(maxX, pts[i][0])
			minY, maxY = math.Min(minY, pts[i][1]), math.Max(maxY, pts[i][1])
		}
		out = append(out, pts)
	}
	// Place the drawing anywhere inside the pad's 4 %–96 %.
	ox := 0.04 - minX + rng.Float64()*math.Max(0, 0.92-(maxX-minX))
	oy := 0.04 - minY + rng.Float64()*math.Max(0, 0.92-(maxY-minY))
	for _, st := range out {
		for i := range st {
			st[i][0] += ox
			st[i][1] += oy
		}
	}
	return out
}

// arc returns points of an ellipse arc around (cx, cy) from angle a0 to a1
// (radians, 0 at the top, clockwise).
func arc(cx, cy, rx, ry, a0, a1 float64, n int) [][2]float64 {
	var pts [][2]float64
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		pts = append(pts, [2]float64{cx + rx*math.Sin(a), cy - ry*math.Cos(a)})
	}
	return pts
}

func cat(parts ...[][2]float64) [][2]float64 {
	var out [][2]float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// digitTemplates are the ten digits as a hand draws them, strokes of
// points in a unit square.
var digitTemplates = [10][][][2]float64{
	{arc(0.5, 0.5, 0.3, 0.42, 0, 2*math.Pi+0.3, 24)},
	{{{0.38, 0.22}, {0.54, 0.08}, {0.54, 0.92}}},
	{cat(arc(0.5, 0.3, 0.28, 0.22, -1.3, 2.0, 12), [][2]float64{{0.2, 0.9}, {0.82, 0.9}})},
	{cat(arc(0.48, 0.28, 0.26, 0.2, -1.4, 3.0, 12), arc(0.48, 0.7, 0.3, 0.22, 0.2, 4.3, 12))},
	{{{0.62, 0.08}, {0.18, 0.64}, {0.84, 0.64}}, {{0.64, 0.35}, {0.64, 0.92}}},
	{cat([][2]float64{{0.78, 0.1}, {0.3, 0.1}, {0.26, 0.46}}, arc(0.5, 0.66, 0.3, 0.26, -1.0, 3.7, 14))},
	{cat(arc(0.55, 0.45, 0.3, 0.4, 0.6, -1.6, 8), arc(0.5, 0.7, 0.26, 0.22, 4.7, 10.9, 16))},
	{{{0.18, 0.12}, {0.82, 0.12}, {0.42, 0.92}}},
	{cat(arc(0.5, 0.29, 0.22, 0.2, math.Pi, -math.Pi, 16), arc(0.5, 0.7, 0.28, 0.22, 0, 2*math.Pi, 16))},
	{cat(arc(0.48, 0.3, 0.26, 0.22, 1.6, 1.6+2*math.Pi, 16), [][2]float64{{0.74, 0.35}, {0.7, 0.92}})},
}

// Arguments of the page API that make no sense are refused with a
// RangeError before they reach the program.
func TestPageAPIArguments(t *testing.T) {
	p := open(t, "app.html?lang=en", 800, 600, 1, false)
	for _, call := range []string{"bench(NaN)", "bench(1.5)", "bench(0)", "bench(1e9)", "bench('3')", "loadSample(NaN)", "loadSample(-1)", "loadSample('7')"} {
		var got string
		p.eval(`lenetDemo.`+call+`.then(() => 'resolved', e => e.name + ': ' + e.message)`, &got)
		if !strings.HasPrefix(got, "RangeError: ") {
			t.Errorf("lenetDemo.%s: %s", call, got)
		}
	}
	var ms float64
	p.eval(`lenetDemo.bench(3)`, &ms)
	if !(ms >= 0) {
		t.Errorf("bench(3) = %v", ms)
	}
}
