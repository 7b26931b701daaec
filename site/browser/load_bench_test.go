//go:build browser

package browser

// How fast the demo starts and how little it costs when nobody touches it,
// measured, not asserted (./build.sh bench load):
//
//   - BenchmarkLoad opens app.html?sample=7 in a fresh Chromium (cold: empty
//     caches) and again in a new tab of the same browser (warm: a second
//     visit), a few rounds, and prints the median of each step from the
//     navigation: demo.wasm downloaded, compiled and instantiated, Go's main
//     started, the first prediction, the first frame drawn;
//   - BenchmarkCoursePage opens a course page on another origin with three
//     frames (the convolution view in Korean, the pooling view, the demo
//     with a sample) and prints how long until all three are ready, how
//     many times demo.wasm was downloaded, the frames' JavaScript heaps and
//     WebAssembly memories, and the CPU the browser burns over 10 s while
//     nobody touches one frame or the three.
//
// The site served is LENET_DIST when set (the folder ./build.sh dist
// writes, DIR/site), else site/ as ./build.sh build leaves it, both through
// site/serve's handler; LENET_ROUNDS sets the rounds (default 5).

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/seecnn/lenet/site/serve/static"
)

// benchSite serves the site the benchmarks measure and counts the requests
// for demo.wasm.
type benchSite struct {
	srv       *httptest.Server
	dir       string
	wasmGets  atomic.Int64
	wasmBytes atomic.Int64
}

func newBenchSite(tb testing.TB) *benchSite {
	tb.Helper()
	dir := os.Getenv("LENET_DIST")
	if dir == "" {
		dir = ".."
		tb.Log("LENET_DIST is not set: measuring site/ as ./build.sh build left it (run ./build.sh bench load to measure the deployable build)")
	}
	h, err := static.New(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	s := &benchSite{dir: dir}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/demo.wasm") {
			s.wasmGets.Add(1)
			cw := &countWriter{ResponseWriter: w}
			h.ServeHTTP(cw, r)
			s.wasmBytes.Add(cw.n)
			return
		}
		h.ServeHTTP(w, r)
	}))
	tb.Cleanup(s.srv.Close)
	return s
}

type countWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// freshBrowser starts a Chromium of its own with an empty profile: nothing
// cached. It returns the browser's context and its process id.
func freshBrowser(tb testing.TB) (context.Context, int) {
	tb.Helper()
	dir := tb.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(dir)...)
	tb.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatal(err)
	}
	pid := 0
	if p := chromedp.FromContext(ctx).Browser.Process(); p != nil {
		pid = p.Pid
	}
	return ctx, pid
}

// loadTimes are the steps of one start of app.html, in ms from the
// navigation.
type loadTimes struct {
	Requested, Downloaded, Instantiated, GoMain, Prediction, Frame float64
	Transfer                                                       float64 // bytes of demo.wasm over the network (0: from the cache)
}

// startUp waits in a tab for app.html's first frame and first prediction
// and reads the steps' times.
const startUp = `(async () => {
  for (let i = 0; i < 3000; i++) {
    const d = window.lenetDemo;
    const t = d && d.timings();
    if (t && t.navigationToReadyMs !== null && t.navigationToFirstPredictionMs !== null) {
      const r = performance.getEntriesByType('resource').find((e) => /demo\.wasm/.test(e.name));
      return {
        Requested: r ? r.startTime : -1, Downloaded: r ? r.responseEnd : -1, Transfer: r ? r.transferSize : -1,
        Instantiated: t.navigationToInstantiatedMs, GoMain: t.navigationTo_goMainMs,
        Prediction: t.navigationToFirstPredictionMs, Frame: t.navigationToReadyMs,
      };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no first frame and prediction within 15 s');
})()`

// loadOnce opens url in a new tab of browser, reads the start's steps,
// and keeps the tab open for linger (the browser writes the compiled
// module to its cache once the program has run a while).
func loadOnce(tb testing.TB, browser context.Context, url string, linger time.Duration) loadTimes {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url)); err != nil {
		tb.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](startUp, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatal(err)
	}
	var lt loadTimes
	if err := jsonUnmarshal(raw, &lt); err != nil {
		tb.Fatal(err)
	}
	time.Sleep(linger)
	return lt
}

func rounds() int {
	n, err := strconv.Atoi(os.Getenv("LENET_ROUNDS"))
	if err != nil || n < 1 {
		return 5
	}
	return n
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// BenchmarkLoad: navigation → first prediction of app.html?sample=7, cold
// and warm. Run it with
//
//	./build.sh bench load      (or: LENET_DIST=dist/site go test -tags browser -run '^$' -bench Load -benchtime 1x ./site/browser/)
func BenchmarkLoad(b *testing.B) {
	site := newBenchSite(b)
	url := site.srv.URL + "/app.html?sample=7"
	var cold, warm []loadTimes
	for r := 0; r < rounds(); r++ {
		br, _ := freshBrowser(b)
		cold = append(cold, loadOnce(b, br, url, 5*time.Second))
		warm = append(warm, loadOnce(b, br, url, 0))
		logf(b, "round %d: cold %+v; warm %+v (load %s)", r+1, cold[len(cold)-1], warm[len(warm)-1], loadAvg())
	}
	col := func(ls []loadTimes, f func(loadTimes) float64) float64 {
		v := make([]float64, len(ls))
		for i, l := range ls {
			v[i] = f(l)
		}
		return median(v)
	}
	var tab strings.Builder
	fmt.Fprintf(&tab, "\nmedian of %d rounds, ms from the navigation (%s):\n", len(cold), site.dir)
	fmt.Fprintf(&tab, "| step | cold | warm |\n| --- | ---: | ---: |\n")
	for _, s := range []struct {
		name string
		f    func(loadTimes) float64
	}{
		{"demo.wasm requested", func(l loadTimes) float64 { return l.Requested }},
		{"demo.wasm downloaded", func(l loadTimes) float64 { return l.Downloaded }},
		{"compiled and instantiated", func(l loadTimes) float64 { return l.Instantiated }},
		{"Go's main started", func(l loadTimes) float64 { return l.GoMain }},
		{"first prediction", func(l loadTimes) float64 { return l.Prediction }},
		{"first frame drawn", func(l loadTimes) float64 { return l.Frame }},
		{"(request → instantiated)", func(l loadTimes) float64 { return l.Instantiated - l.Requested }},
		{"(instantiated → Go's main)", func(l loadTimes) float64 { return l.GoMain - l.Instantiated }},
		{"(Go's main → first prediction)", func(l loadTimes) float64 { return l.Prediction - l.GoMain }},
		{"demo.wasm bytes over the network", func(l loadTimes) float64 { return l.Transfer }},
	} {
		fmt.Fprintf(&tab, "| %s | %.0f | %.0f |\n", s.name, col(cold, s.f), col(warm, s.f))
	}
	fmt.Print(tab.String())
	b.ReportMetric(col(cold, func(l loadTimes) float64 { return l.Prediction }), "cold-ms")
	b.ReportMetric(col(warm, func(l loadTimes) float64 { return l.Prediction }), "warm-ms")
}

// coursePage is a course page with the given frames, on another origin
// than the site.
func coursePage(site string, frames ...string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><meta charset=utf-8><title>A course page</title><body><h1>Convolutional networks</h1>\n")
	for i, f := range frames {
		fmt.Fprintf(&b, "<p>Part %d</p><iframe id=f%d src=\"%s/%s\" width=960 height=640 title=\"LeNet-5\"></iframe>\n", i+1, i, site, f)
	}
	return b.String()
}

// frameTargets waits until n frames of the page run the demo and returns
// a context for each, attached to the frame's own target (the frames are
// of another origin: Chromium runs them in a process of their own).
func frameTargets(tb testing.TB, ctx context.Context, n int) []context.Context {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ts, err := chromedp.Targets(ctx)
		if err != nil {
			tb.Fatal(err)
		}
		var out []context.Context
		for _, t := range ts {
			if t.Type == "iframe" && strings.Contains(t.URL, "app.html") {
				fc, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(t.TargetID))
				tb.Cleanup(cancel)
				out = append(out, fc)
			}
		}
		if len(out) >= n {
			return out
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d frames of app.html, want %d", len(out), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// frameFigures are one frame's figures once it is ready.
type frameFigures struct {
	Ready, Prediction float64 // ms from the frame's own navigation
	Since             float64 // ms from the course page's navigation to ready
	WasmMemory        float64 // bytes of the Go program's memory (0: not reported)
	Heap              float64 // JavaScript heap in use, bytes
	View              string
}

const frameReady = `(async () => {
  for (let i = 0; i < 6000; i++) {
    const d = window.lenetDemo;
    const t = d && d.timings();
    if (t && t.navigationToReadyMs !== null) {
      return { Ready: t.navigationToReadyMs, Prediction: t.navigationToFirstPredictionMs ?? -1,
               Since: performance.timeOrigin + t.navigationToReadyMs, WasmMemory: t.wasmMemoryBytes || 0,
               View: (await d.state()).view };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('not ready within 30 s');
})()`

// BenchmarkCoursePage: one course page, three frames. Run it with
//
//	./build.sh bench load
func BenchmarkCoursePage(b *testing.B) {
	site := newBenchSite(b)
	pages := map[string]string{
		"/one.html":   coursePage(site.srv.URL, "app.html?sample=7"),
		"/three.html": coursePage(site.srv.URL, "app.html?view=conv&lang=ko", "app.html?view=pool", "app.html?sample=7"),
		// The same page with a static frame: what an idle browser costs
		// anyway.
		"/static.html": coursePage(site.srv.URL, "docs/index.html"),
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, p)
	}))
	defer host.Close()
	// 127.0.0.1 and localhost are different sites: the frames run in a
	// process of their own, as on a real course page.
	hostURL := strings.Replace(host.URL, "127.0.0.1", "localhost", 1)

	for _, c := range []struct {
		page   string
		frames int
	}{{"/three.html", 3}, {"/one.html", 1}, {"/static.html", 0}} {
		br, pid := freshBrowser(b)
		site.wasmGets.Store(0)
		site.wasmBytes.Store(0)
		ctx, cancel := chromedp.NewContext(br)
		ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 2200), chromedp.Navigate(hostURL+c.page)); err != nil {
			b.Fatal(err)
		}
		start, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.timeOrigin`))
		if err != nil {
			b.Fatal(err)
		}
		var figs []frameFigures
		all := 0.0
		var targets []context.Context
		if c.frames > 0 {
			targets = frameTargets(b, ctx, c.frames)
		}
		for _, fc := range targets {
			raw, err := chromedp.Run(fc, chromedp.Evaluate[[]byte](frameReady, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatal(err)
			}
			var f frameFigures
			if err := jsonUnmarshal(raw, &f); err != nil {
				b.Fatal(err)
			}
			f.Since -= start
			all = max(all, f.Since)
			hu, err := chromedp.Run(fc, chromedp.Action[*cdpruntime.GetHeapUsageResult](func(ctx context.Context, t *chromedp.Target) (*cdpruntime.GetHeapUsageResult, error) {
				r, err := cdp.Call(ctx, t, cdpruntime.GetHeapUsage, cdp.Empty{})
				return &r, err
			}))
			if err != nil {
				b.Fatal(err)
			}
			f.Heap = hu.UsedSize
			figs = append(figs, f)
		}
		for _, f := range figs {
			logf(b, "%s, frame %s: ready %.0f ms after the course page's navigation (%.0f ms after its own; first prediction %.0f ms), JS heap %.1f MB, Go memory %.1f MB",
				c.page, f.View, f.Since, f.Ready, f.Prediction, f.Heap/1e6, f.WasmMemory/1e6)
		}
		logf(b, "%s: all %d frames ready %.0f ms after the navigation; demo.wasm requested %d times, %.2f MB sent", c.page, c.frames, all, site.wasmGets.Load(), float64(site.wasmBytes.Load())/1e6)
		time.Sleep(3 * time.Second) // the frames settle
		cpu := cpuShare(b, pid, 10*time.Second)
		logf(b, "%s: idle, nobody touching it: Chromium used %.1f %% of one core over 10 s (load %s)", c.page, 100*cpu, loadAvg())
		b.ReportMetric(100*cpu, fmt.Sprintf("idle-cpu-%%-%d-frames", c.frames))
		if c.frames == 3 {
			b.ReportMetric(all, "three-frames-ms")
		}
		cancelT()
		cancel()
	}
}

// cpuShare is the CPU time the browser's processes (pid and every process
// under it) use over d, as a share of one core, from /proc.
func cpuShare(tb testing.TB, pid int, d time.Duration) float64 {
	tb.Helper()
	if pid == 0 {
		tb.Fatal("no browser process to measure")
	}
	t0, c0 := time.Now(), treeTicks(pid)
	time.Sleep(d)
	t1, c1 := time.Now(), treeTicks(pid)
	const hz = 100 // USER_HZ on Linux
	return float64(c1-c0) / hz / t1.Sub(t0).Seconds()
}

// treeTicks sums utime and stime of pid and its descendants.
func treeTicks(pid int) int64 {
	type proc struct {
		ppid  int
		ticks int64
	}
	procs := map[int]proc{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		id, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:]) // state ppid … utime (12) stime (13)
		if len(f) < 14 {
			continue
		}
		pp, _ := strconv.Atoi(f[1])
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		procs[id] = proc{pp, u + st}
	}
	var sum int64
	for id, p := range procs {
		for q, ok := id, true; ok; {
			if q == pid {
				sum += p.ticks
				break
			}
			var pq proc
			pq, ok = procs[q]
			if q == pq.ppid {
				break
			}
			q = pq.ppid
		}
	}
	return sum
}

// logf prints a benchmark's figures whole (a benchmark's log is cut short).
func logf(tb testing.TB, format string, args ...any) {
	tb.Helper()
	fmt.Printf(format+"\n", args...)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
