//go:build browser

package browser

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The training worker in Chromium, through site/browser/pages/train.html: a
// plain page that draws the C1 kernels and the loss on every progress
// message and times its own frames (the training view comes on top of the
// same worker).

func openTrainPage(tb testing.TB) *page {
	tb.Helper()
	p := open(tb, "browser/pages/train.html", 1000, 700, 1, false)
	p.eval(`trainPage.ready`, nil)
	return p
}

// fixtureDrawings is a page expression: the drawings of
// fixtures/unusual-5.json as {inputs: Float32Array, labels}.
const fixtureDrawings = `fetch('../../test/fixtures/unusual-5.json').then(r => r.json()).then(f => {
	const inputs = new Float32Array(f.drawings.length * 1024);
	f.drawings.forEach((d, k) => {
		const b = Uint8Array.from(atob(d.input), c => c.charCodeAt(0));
		inputs.set(new Float32Array(b.buffer), k * 1024);
	});
	return { inputs, labels: f.drawings.map(d => d.label) };
})`

func TestTrainingWorker(t *testing.T) {
	p := openTrainPage(t)

	// From random weights, a bounded number of steps.
	var chance, after struct{ Accuracy float64 }
	p.eval(`trainPage.trainer.reset({from: 'random', seed: 1}).then(() => trainPage.trainer.evaluate())`, &chance)
	p.eval(`(async () => { for (let i = 0; i < 4; i++) await trainPage.trainer.step(25); return trainPage.trainer.evaluate() })()`, &after)
	t.Logf("test digits from random weights: %.1f%% → %.1f%% after 6,400 images", 100*chance.Accuracy, 100*after.Accuracy)
	if chance.Accuracy > 0.3 || after.Accuracy < 0.85 {
		t.Errorf("test accuracy %.3f before, %.3f after 100 steps", chance.Accuracy, after.Accuracy)
	}

	// Fine-tuning the shipped weights on drawings they misread.
	var ft struct {
		Drawings []struct {
			Label         int
			Before, After struct{ Prediction int }
		}
		Before, After struct{ Correct, Total int }
		Done          bool
	}
	p.eval(`(async () => { const d = await `+fixtureDrawings+`; return trainPage.trainer.fineTune({from: 'shipped', labels: d.labels, inputs: d.inputs}) })()`, &ft)
	if !ft.Done || len(ft.Drawings) != 5 {
		t.Fatalf("fine-tuning: done %v, %d drawings", ft.Done, len(ft.Drawings))
	}
	for k, d := range ft.Drawings {
		if d.Before.Prediction == d.Label || d.After.Prediction != d.Label {
			t.Errorf("drawing %d, a %d: read as %d, then %d", k, d.Label, d.Before.Prediction, d.After.Prediction)
		}
	}
	if drop := ft.Before.Correct - ft.After.Correct; drop*1000 > 3*ft.Before.Total {
		t.Errorf("fine-tuning cost %d of %d test digits", drop, ft.Before.Total)
	}

	// The exported weights in lenet.js, in the page: the drawings read as
	// their labels.
	var labels []int
	p.eval(`(async () => {
		const d = await `+fixtureDrawings+`;
		const net = await trainPage.load({weights: await trainPage.trainer.exportWeights()});
		return d.labels.map((_, k) => net.predict({data: d.inputs.subarray(k * 1024, (k + 1) * 1024), width: 32, height: 32}, {preprocess: false, layers: false}).label);
	})()`, &labels)
	for k, d := range ft.Drawings {
		if k >= len(labels) || labels[k] != d.Label {
			t.Errorf("lenet.js with the exported weights reads %v, want the labels", labels)
			break
		}
	}
	// Training in the background: progress messages reach the page until
	// pause.
	var progress struct {
		Count   int
		Running bool
		Images  int
	}
	p.eval(`(async () => {
		await trainPage.trainer.start({from: 'random', seed: 2});
		while (trainPage.progress.length < 3) await new Promise(r => setTimeout(r, 50));
		const s = await trainPage.trainer.pause();
		return {count: trainPage.progress.length, running: s.running, images: s.images};
	})()`, &progress)
	if progress.Count < 3 || progress.Running || progress.Images == 0 {
		t.Errorf("start, three progress messages, pause: %+v", progress)
	}
	p.screenshot("train-page")
}

// frameStats summarises frame intervals in ms.
type frameStats struct {
	n                   int
	p50, p95, p99, max  float64
	fps                 float64
	over33, over50Share float64
}

func stats(fs []float64) frameStats {
	if len(fs) < 2 {
		return frameStats{}
	}
	fs = append([]float64(nil), fs[1:]...) // the first interval starts before the run
	var sum float64
	var over33, over50 int
	for _, f := range fs {
		sum += f
		if f > 1000.0/30 {
			over33++
		}
		if f > 50 {
			over50++
		}
	}
	sort.Float64s(fs)
	q := func(p float64) float64 { return fs[min(len(fs)-1, int(p*float64(len(fs))))] }
	return frameStats{n: len(fs), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: fs[len(fs)-1], fps: 1000 * float64(len(fs)) / sum,
		over33: float64(over33) / float64(len(fs)), over50Share: float64(over50) / float64(len(fs))}
}

func (s frameStats) String() string {
	return fmt.Sprintf("%d frames, %.1f fps; interval p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f; %.1f%% over 33.3 ms, %.1f%% over 50 ms",
		s.n, s.fps, s.p50, s.p95, s.p99, s.max, 100*s.over33, 100*s.over50Share)
}

type curvePoint struct {
	Wall, Seconds, Accuracy float64
	Images                  int64
}

type curveRun struct {
	Points  []curvePoint
	Reached *curvePoint
	Frames  []float64
	Status  struct{ ImagesPerSecond, Seconds, EvalSeconds float64 }
}

// BenchmarkTraining measures the training worker in headless Chromium (one
// run, whatever b.N): the images per second of steps at batch sizes 16, 64
// and 256 (plain digits), and at 64 against TensorFlow.js in the same
// browser (when LENET_TFJS is set, see tfjsInChromium); the accuracy-vs-time curve from random weights
// (seed 1, the defaults: batch 64, jitter) until the test digits reach 97 %
// and 10 s more, or 60 s, with the page's frame times meanwhile; and the
// same curve with the command line's canvas augmentation. Run it with
//
//	./build.sh bench train        (or: go test -tags browser -run '^$' -bench Training -benchtime 1x ./site/browser/)
func BenchmarkTraining(b *testing.B) {
	p := openTrainPage(b)
	var ours float64
	for _, bs := range []int{16, 64, 256} {
		var r struct{ ImagesPerSecond, Inside float64 }
		p.eval(fmt.Sprintf(`trainPage.throughput(%d, 5)`, bs), &r)
		b.Logf("batch %3d: %6.0f images/s (%6.0f inside the worker's steps)", bs, r.ImagesPerSecond, r.Inside)
		if bs == 64 {
			ours = r.ImagesPerSecond
			b.ReportMetric(r.ImagesPerSecond, "images/s")
		}
	}
	p.eval(`trainPage.framesReset(); new Promise(r => setTimeout(r, 3000))`, nil)
	var idle []float64
	p.eval(`trainPage.frames()`, &idle)
	b.Logf("frames with the worker idle: %v", stats(idle))
	if best := tfjsInChromium(b, 64, 5); best > 0 {
		b.Logf("batch 64 in Chromium: the worker trains %.1f times as many images per second as the fastest TensorFlow.js that ran", ours/best)
		b.ReportMetric(ours/best, "×tfjs")
	}

	for _, aug := range []string{"jitter", "canvas"} {
		// Each curve in a tab of its own (a tab's requests must end within
		// 90 s): at most 60 s of training, or 10 s past 97 %.
		p := openTrainPage(b)
		start := time.Now()
		var c curveRun
		p.eval(fmt.Sprintf(`trainPage.curve({seed: 1, target: 0.97, seconds: 60, after: 10, augment: %q})`, aug), &c)
		var tab strings.Builder
		for _, pt := range c.Points {
			fmt.Fprintf(&tab, "\n  %6.1f s  %6.1f s training  %8d images  %6.2f %%", pt.Wall, pt.Seconds, pt.Images, 100*pt.Accuracy)
		}
		b.Logf("augmentation %s, from random weights (seed 1), batch 64 (%.0f s of wall time): wall time, training time, images, test digits%s", aug, time.Since(start).Seconds(), tab.String())
		if c.Reached != nil {
			b.Logf("augmentation %s: 97 %% reached after %.1f s (%.1f s of training, %d images)", aug, c.Reached.Wall, c.Reached.Seconds, c.Reached.Images)
			if aug == "jitter" {
				b.ReportMetric(c.Reached.Wall, "s-to-97%")
			}
		} else {
			b.Logf("augmentation %s: 97 %% not reached in 60 s", aug)
			if aug == "jitter" {
				b.ReportMetric(math.Inf(1), "s-to-97%")
			}
		}
		b.Logf("augmentation %s: %.0f images/s over the run; evaluations took %.1f s", aug, c.Status.ImagesPerSecond, c.Status.EvalSeconds)
		st := stats(c.Frames)
		b.Logf("frames while training (%s): %v", aug, st)
		if aug == "jitter" {
			b.ReportMetric(st.fps, "fps")
			b.ReportMetric(st.p95, "p95-frame-ms")
			p.screenshot("train-page-bench")
		}
	}
}

// tfjsInChromium times TensorFlow.js training the same LeNet-5 in
// Chromium's main thread (site/browser/pages/tfjs-train.html), each backend in
// its own tab, when LENET_TFJS names a folder whose node_modules hold
// TensorFlow.js (./build.sh bench train sets it to the peers' copy), and
// returns the most images per second of those that ran (0 if none).
func tfjsInChromium(b *testing.B, batch, seconds int) (best float64) {
	dir := os.Getenv("LENET_TFJS")
	if dir == "" {
		b.Log("LENET_TFJS is not set: TensorFlow.js is not timed in Chromium")
		return 0
	}
	mux := http.NewServeMux()
	mux.Handle("/tfjs/", http.StripPrefix("/tfjs/", http.FileServer(http.Dir(filepath.Join(dir, "node_modules", "@tensorflow")))))
	mux.Handle("/", http.FileServer(http.Dir("..")))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, backend := range []string{"cpu", "wasm", "wasm-filter"} {
		ctx, cancel := chromedp.NewContext(browser)
		ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
		var r struct {
			ImagesPerSecond, Loss float64
			Error                 string
			SIMD                  *bool
		}
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/browser/pages/tfjs-train.html"))
		if err == nil {
			var raw []byte
			raw, err = chromedp.Run(ctx, chromedp.Evaluate[[]byte](fmt.Sprintf(`tfjsBench.run(%q, %d, %d)`, backend, batch, seconds), chromedp.EvalAwaitPromise))
			if err == nil {
				err = jsonUnmarshal(raw, &r)
			}
		}
		cancelT()
		cancel()
		switch {
		case err != nil:
			b.Logf("TensorFlow.js %s in Chromium: %v", backend, err)
		case r.Error != "":
			b.Logf("TensorFlow.js %s in Chromium, batch %d: did not run: %s", backend, batch, r.Error)
		default:
			b.Logf("TensorFlow.js %s in Chromium, batch %d: %6.0f images/s (loss %.3f, SIMD %v)", backend, batch, r.ImagesPerSecond, r.Loss, r.SIMD != nil && *r.SIMD)
			best = max(best, r.ImagesPerSecond)
		}
	}
	return best
}
