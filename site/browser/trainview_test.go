//go:build browser

package browser

// The training view, app.html?view=train: it downloads the training
// worker and the digits when it opens (and only then), trains from random
// weights with its own Start and Pause buttons until the test digits were
// scored after 5,000 images, shows what the worker reports, agrees with
// window.lenetDemo.train, and hands out weights that lenet.js reads.

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// trainState is the training view's lenetDemo.state().state.
type trainState struct {
	Tab, Points, Tests int
	Running            bool
	From               string
	Digits             []int
	Status             []*float64
	Rects              []float64 // start, step, reset, the tabs, the first test digit
	Error              string
	Inside             *struct{ Label *int }
}

func (p *page) trainState() trainState {
	p.t.Helper()
	var s struct{ State trainState }
	p.eval(`lenetDemo.state()`, &s)
	return s.State
}

// clickRect clicks the middle of [x, y, w, h] (device pixels; dpr 1).
func (p *page) clickRect(r []float64) {
	p.t.Helper()
	p.do(chromedp.MouseClickXY(r[0]+r[2]/2, r[1]+r[3]/2))
	p.frames(2)
}

// waitState polls lenetDemo.state() until the JavaScript condition on s
// (the view's state) holds, for at most 60 s.
func (p *page) waitState(cond string) {
	p.t.Helper()
	var ok bool
	p.eval(`(async () => { for (let i = 0; i < 600; i++) { const s = (await lenetDemo.state()).state; if (`+cond+`) return true; await new Promise(r => setTimeout(r, 100)); } return false })()`, &ok)
	if !ok {
		p.t.Fatalf("waited 60 s for %s; state: %s", cond, p.stateJSON())
	}
}

// The files only the training needs.
var trainingFiles = []string{"train-worker.js", "train.wasm", "mnist-subset.bin"}

func TestTrainView(t *testing.T) {
	served.reset()
	p := open(t, "app.html?view=train&lang=en", 1280, 800, 1, false)
	// Opening the view starts the worker: it starts again from random
	// weights, and the test digits are scored and read.
	p.waitState(`s.tests > 0 && (s.digits || []).length === 20 && s.status[2] === 0`)
	var paths []string
	for path := range served.all() {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, f := range trainingFiles {
		if n, _ := served.of(f); n != 1 {
			t.Errorf("%s was requested %d times when the view opened", f, n)
		}
	}
	t.Logf("opening the training view fetches %s; the files, as they are and with gzip -9: %s", strings.Join(paths, ", "), gzipSizes(t, paths))

	s := p.trainState()
	if s.From != "random" || s.Running || s.Status[9] != nil {
		t.Fatalf("before training: %+v", s)
	}
	// Start with the view's button; pause with it once the test digits
	// were scored after 5,000 images: a bounded number of steps.
	p.clickRect(s.Rects[0:4])
	p.eval(`trainFrames = []; (function f(last) { requestAnimationFrame((now) => { trainFrames.push(now - last); if (trainFrames.length < 100000) f(now); }); })(performance.now()); 0`, nil)
	// Wait on the worker's status: asking the program would make it repaint.
	p.eval(`(async () => { for (let i = 0; i < 600 && !((await lenetDemo.train.status()).testImages >= 5000); i++) await new Promise(r => setTimeout(r, 100)); return 0 })()`, nil)
	var frames []float64
	p.eval(`trainFrames`, &frames)
	p.clickRect(s.Rects[0:4])
	p.waitState(`!s.running`)
	t.Logf("frames while the view trained: %v", stats(frames))
	s = p.trainState()
	acc := *s.Status[9]
	t.Logf("after %.0f images (%.0f steps of 64): test digits %.1f %%, %d points on the curves, %d evaluations", *s.Status[2], *s.Status[3], 100*acc, s.Points, s.Tests)
	if acc < 0.6 || s.Points < 3 || s.Tests < 4 || *s.Status[3] > 1000 {
		t.Errorf("after training: %+v", s)
	}
	right := 0
	for i := 0; i+1 < len(s.Digits); i += 2 {
		if s.Digits[i] == s.Digits[i+1] {
			right++
		}
	}
	if right < 5 {
		t.Errorf("%d of the ten test digits read right", right)
	}
	// window.lenetDemo.train tells the same, and its weights read in
	// lenet.js as the view reads the digits.
	var st struct {
		Running      bool
		Images       float64
		TestAccuracy float64
	}
	p.eval(`lenetDemo.train.status()`, &st)
	if st.Running || st.Images != *s.Status[2] || st.TestAccuracy != acc {
		t.Errorf("lenetDemo.train.status() %+v, the view %v images", st, *s.Status[2])
	}
	var meta string
	p.eval(`(async () => {
		const w = await lenetDemo.train.exportWeights();
		if (!(w instanceof Uint8Array) || String.fromCharCode(...w.subarray(0, 6)) !== 'LENET5') return 'not a weights file';
		const { load } = await import('./lenet.js');
		return (await load({ weights: w })).weights.meta;
	})()`, &meta)
	if !strings.Contains(meta, "from: random weights, seed 1") {
		t.Errorf("exported weights: %q", meta)
	}
	p.screenshot("view-train-en")

	// A test digit clicked: the network view inside, with the digit and the
	// weights being trained.
	p.clickRect(s.Rects[16:20])
	p.waitState(`s.tab === 1 && s.inside && s.inside.label !== null && s.inside.inferences > 1`)
	s = p.trainState()
	if s.Inside == nil || s.Inside.Label == nil || *s.Inside.Label != s.Digits[1] {
		t.Errorf("inside: %+v, the first test digit read as %d", s.Inside, s.Digits[1])
	}
	p.screenshot("view-train-inside-en")
	var lang []float64
	p.eval(`lenetDemo.state().then(s => s.header.lang)`, &lang)
	p.clickRect(lang)
	tabs := s.Rects[12:16]
	p.clickRect([]float64{tabs[0], tabs[1], tabs[2] / 2, tabs[3]}) // the first tab, in Korean
	p.frames(4)
	p.screenshot("view-train-ko")
}

// gzipSizes says what a compressing host sends of each file.
func gzipSizes(t *testing.T, files []string) string {
	var out []string
	raw, gz := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			t.Fatal(err)
		}
		pr, pw := io.Pipe()
		go func() {
			z, _ := gzip.NewWriterLevel(pw, gzip.BestCompression)
			z.Write(b)
			z.Close()
			pw.Close()
		}()
		n, _ := io.Copy(io.Discard, pr)
		out = append(out, fmt.Sprintf("%s %d → %d", f, len(b), n))
		raw += len(b)
		gz += int(n)
	}
	return fmt.Sprintf("%s; in all %d → %d bytes", strings.Join(out, ", "), raw, gz)
}

// A lecture view does not download what training needs (the network view
// is checked in TestHandwriting).
func TestNoTrainingDownloads(t *testing.T) {
	served.reset()
	p := open(t, "app.html?view=conv&lang=en", 1280, 800, 1, false)
	p.frames(10)
	p.noTrainingDownloads()
}

func (p *page) noTrainingDownloads() {
	p.t.Helper()
	for _, f := range trainingFiles {
		if n, _ := served.of(f); n != 0 {
			p.t.Errorf("%s requested %s", p.url, f)
		}
	}
}

// BenchmarkTrainingView measures the training view itself (one run,
// whatever b.N): from random weights (seed 1, the defaults), started with
// its button, until the test digits reach 97 % and 10 s more, or 60 s:
// the accuracy against time and images, and the page's frame intervals
// while it trains, beside the same view's idle frames in the same run.
// The screenshot is site/screenshots/train-view-bench.png. Run it with
//
//	./build.sh bench train        (or: go test -tags browser -run '^$' -bench TrainingView -benchtime 1x ./site/browser/)
func BenchmarkTrainingView(b *testing.B) {
	p := open(b, "app.html?view=train&lang=en", 1280, 800, 1, false)
	p.waitState(`s.tests > 0 && (s.digits || []).length === 20 && s.status[2] === 0`)
	record := `trainFrames = []; (function f(last) { requestAnimationFrame((now) => { trainFrames.push(now - last); if (trainFrames.length < 100000) f(now); }); })(performance.now()); 0`
	p.eval(record, nil)
	p.eval(`new Promise(r => setTimeout(r, 3000)).then(() => 0)`, nil)
	var idle []float64
	p.eval(`trainFrames`, &idle)
	s := p.trainState()
	p.eval(record, nil)
	p.clickRect(s.Rects[0:4])
	var run struct {
		Points  []struct{ Wall, Images, Accuracy float64 }
		Reached *float64
	}
	p.eval(`(async () => {
		const t0 = performance.now(), points = [];
		let last = -1, reached = null, stop = t0 + 60000;
		while (performance.now() < stop) {
			await new Promise(r => setTimeout(r, 100));
			// The worker's status, not the view's state: asking the program
			// would wake it and make it repaint.
			const st = await lenetDemo.train.status();
			if (st.testImages !== null && st.testImages !== last) {
				last = st.testImages;
				points.push({ wall: (performance.now() - t0) / 1000, images: st.testImages, accuracy: st.testAccuracy });
				if (st.testAccuracy >= 0.97 && reached === null) {
					reached = (performance.now() - t0) / 1000;
					stop = Math.min(stop, performance.now() + 10000);
				}
			}
		}
		return { points, reached };
	})()`, &run)
	var frames []float64
	p.eval(`trainFrames`, &frames)
	p.clickRect(s.Rects[0:4])
	p.waitState(`!s.running`)
	var tab strings.Builder
	for _, pt := range run.Points {
		fmt.Fprintf(&tab, "\n  %6.1f s  %8.0f images  %6.2f %%", pt.Wall, pt.Images, 100*pt.Accuracy)
	}
	b.Logf("the training view from random weights (seed 1, batch 64): wall time, images, test digits%s", tab.String())
	if run.Reached != nil {
		b.Logf("97 %% of the test digits after %.1f s", *run.Reached)
		b.ReportMetric(*run.Reached, "s-to-97%")
	} else {
		b.Log("97 % not reached in 60 s")
	}
	st := stats(frames)
	b.Logf("frames while the view trains: %v", st)
	b.Logf("frames of the same view, idle, before: %v", stats(idle))
	b.ReportMetric(st.fps, "fps")
	b.ReportMetric(st.p95, "p95-frame-ms")
	p.frames(3)
	p.screenshot("train-view-bench")
}
