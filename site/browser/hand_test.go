//go:build browser

package browser

// The handwriting panel of the network view: five deliberately unusual
// drawings (site/test/fixtures/unusual-5.json, which the shipped weights
// misread) drawn on the pad, kept with their digits, fine-tuned on until
// the network reads them; the fine-tuned weights downloaded and read back
// by lenet.js, by the command line and by the demo (?weights=); the kept
// drawings still there after a reload. Nothing of the training is
// downloaded before the student fine-tunes.

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// unusual reads the fixture: each drawing's 32×32 input and its digit.
func unusual(t *testing.T) (inputs [][]float32, labels []int) {
	b, err := os.ReadFile(filepath.Join("..", "test", "fixtures", "unusual-5.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Drawings []struct {
			Label int
			Input string
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Drawings {
		raw, err := base64.StdEncoding.DecodeString(d.Input)
		if err != nil || len(raw) != 4096 {
			t.Fatalf("fixture drawing: %v, %d bytes", err, len(raw))
		}
		x := make([]float32, 1024)
		for i := range x {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
		inputs, labels = append(inputs, x), append(labels, d.Label)
	}
	return inputs, labels
}

// strokesOf turns a 32×32 picture into strokes a hand could draw: along
// every other row, one stroke over each run of ink, in pad coordinates.
func strokesOf(x []float32) [][][2]float64 {
	var strokes [][][2]float64
	at := func(px float64) float64 { return 0.1 + 0.8*px/32 }
	for y := 0; y < 32; y += 2 {
		for i := 0; i < 32; {
			if x[y*32+i] < 0.5 {
				i++
				continue
			}
			j := i
			for j < 32 && x[y*32+j] >= 0.5 {
				j++
			}
			strokes = append(strokes, line(at(float64(i)+0.5), at(float64(y)+0.5), at(float64(j)-0.5), at(float64(y)+0.5), 2))
			i = j
		}
	}
	return strokes
}

// scriptDraw draws the strokes with pointer events that the page's script
// dispatches on the canvas: the path a mouse's events take from there on,
// all in one go.
func (p *page) scriptDraw(strokes [][][2]float64) {
	p.t.Helper()
	b, _ := json.Marshal(strokes)
	p.eval(`((strokes) => {
		const c = document.querySelector('canvas');
		const r = lenetDemo.padRect();
		const ev = (type, q) => c.dispatchEvent(new PointerEvent(type, {bubbles: true, pointerId: 7, pointerType: 'mouse', isPrimary: true,
			buttons: type === 'pointerup' ? 0 : 1, pressure: 0.5, clientX: r.x + q[0] * r.width, clientY: r.y + q[1] * r.height}));
		for (const s of strokes) {
			ev('pointerdown', s[0]);
			for (const q of s.slice(1)) ev('pointermove', q);
			ev('pointerup', s[s.length - 1]);
		}
		return 0;
	})(`+string(b)+`)`, nil)
}

// handState is the network view's state with its panel.
type handState struct {
	HandOpen bool
	Rects    map[string][]float64
	Hand     struct {
		Kept, Reads, Before, After []int
		Tuning                     bool
		Weights                    int
		Message                    string
		Bad                        bool
		Test                       []float64
		Rects                      []float64 // keep 0 … 9, clear, fine-tune, download, load, shipped, then the remove buttons
	}
}

func (p *page) hand() handState {
	p.t.Helper()
	var s struct{ State handState }
	p.eval(`lenetDemo.state()`, &s)
	return s.State
}

// button is the panel's i-th button, as [x, y, w, h].
func (s handState) button(i int) []float64 { return s.Hand.Rects[4*i : 4*i+4] }

const (
	handClear = 10 + iota
	handTune
	handDownload
	handLoad
	handShipped
)

func TestHandwriting(t *testing.T) {
	inputs, labels := unusual(t)
	served.reset()
	p := openWith(t, "app.html?lang=en", 1280, 800, 1, false, "localStorage.clear()")
	p.eval(`lenetDemo.ready.then(() => 0)`, nil)
	s := p.hand()
	p.clickRect(s.Rects["handButton"])
	if s = p.hand(); !s.HandOpen || len(s.Hand.Kept) != 0 {
		t.Fatalf("the panel: %+v", s)
	}
	// Draw each, keep it with its digit.
	var before []int
	for i, x := range inputs {
		p.eval(`lenetDemo.clear()`, nil)
		p.scriptDraw(strokesOf(x))
		p.frames(3)
		before = append(before, p.prediction().Label)
		p.clickRect(s.button(labels[i]))
	}
	s = p.hand()
	misread := 0
	for i := range labels {
		if before[i] != labels[i] {
			misread++
		}
	}
	t.Logf("the shipped weights read the five drawings as %v; they are %v", before, labels)
	if fmt.Sprint(s.Hand.Kept) != fmt.Sprint(labels) || fmt.Sprint(s.Hand.Reads) != fmt.Sprint(before) || misread < 3 {
		t.Fatalf("kept %v read %v (drawn: read %v)", s.Hand.Kept, s.Hand.Reads, before)
	}
	p.noTrainingDownloads()
	p.screenshot("hand-kept-en")

	// Fine-tune: the drawings read as their digits, the test digits keep
	// their accuracy.
	p.clickRect(s.button(handTune))
	p.waitState(`s.hand.tuning === false && s.hand.before`)
	s = p.hand()
	tb, ta := 100*s.Hand.Test[0], 100*s.Hand.Test[1]
	t.Logf("fine-tuning: read %v before, %v after; test digits %.2f %% → %.2f %% (%v); %s", s.Hand.Before, s.Hand.After, tb, ta, s.Hand.Test[2], s.Hand.Message)
	if fmt.Sprint(s.Hand.After) != fmt.Sprint(labels) || fmt.Sprint(s.Hand.Reads) != fmt.Sprint(labels) || tb-ta > 0.3 || s.Hand.Weights != 1 {
		t.Errorf("after fine-tuning: %+v", s.Hand)
	}
	if n, _ := served.of("train.wasm"); n != 1 {
		t.Errorf("train.wasm requested %d times for fine-tuning", n)
	}
	p.screenshot("hand-fine-tuned-en")

	// Download the weights: lenet.js and the command line read the kept
	// drawings as their digits with them.
	file := p.download(s.button(handDownload))
	var reads []int
	p.eval(fmt.Sprintf(`(async () => {
		const { load } = await import('./lenet.js');
		const net = await load({ weights: Uint8Array.from(atob(%q), (c) => c.charCodeAt(0)) });
		const kept = Uint8Array.from(atob(localStorage.getItem('lenet5.handwriting')), (c) => c.charCodeAt(0));
		const out = [];
		for (let k = 0; k < kept[9]; k++) {
			const x = Float32Array.from(kept.subarray(11 + k * 1025, 11 + k * 1025 + 1024), (v) => v / 255);
			out.push(net.predict({ data: x, width: 32, height: 32 }, { preprocess: false, layers: false }).label);
		}
		return out;
	})()`, base64.StdEncoding.EncodeToString(file)), &reads)
	if fmt.Sprint(reads) != fmt.Sprint(labels) {
		t.Errorf("lenet.js with the downloaded weights reads %v", reads)
	}
	var stored string
	p.eval(`localStorage.getItem('lenet5.handwriting')`, &stored)
	cliEval(t, file, stored, labels)

	// Put the file on the site; a page that loads it with ?weights= reads
	// the drawings kept in this browser right.
	name := "hand-test.weights"
	if err := os.WriteFile(filepath.Join(shots, name), file, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(shots, name))
	q := open(t, "app.html?lang=en&weights=screenshots/"+name, 1280, 800, 1, false)
	q.waitState(`s.hand.weights === 2`)
	if s := q.hand(); fmt.Sprint(s.Hand.Kept) != fmt.Sprint(labels) || fmt.Sprint(s.Hand.Reads) != fmt.Sprint(labels) || !s.HandOpen {
		t.Errorf("?weights=: %+v", s.Hand)
	}
	q.screenshot("hand-weights-address-en")
	// Back to the shipped weights: the misreadings are back.
	q.clickRect(q.hand().button(handShipped))
	if s := q.hand(); fmt.Sprint(s.Hand.Reads) != fmt.Sprint(before) || s.Hand.Weights != 0 {
		t.Errorf("after the shipped weights: %+v", s.Hand)
	}
	// A file chosen with "Load a file…": one that is not weights is
	// refused with the reason, the weights file is taken.
	q.clickRect(q.hand().button(handLoad))
	for _, f := range []struct {
		path    string
		weights int
		says    string
	}{
		{filepath.Join("..", "app.css"), 0, "app.css is not a LeNet-5 weights file"},
		{filepath.Join(shots, name), 2, "Loaded hand-test.weights"},
	} {
		abs, _ := filepath.Abs(f.path)
		q.do(chromedp.SetUploadFiles(chromedp.ID("weights-file"), []string{abs}))
		q.waitState(fmt.Sprintf(`s.hand.message.includes(%q)`, f.says))
		if s := q.hand(); s.Hand.Weights != f.weights {
			t.Errorf("%s chosen: %+v", f.path, s.Hand)
		}
	}
	// What the browser stored, spoilt: ignored, with a notice, in Korean.
	r := openWith(t, "app.html?lang=ko", 1280, 800, 1, false, "localStorage.setItem('lenet5.handwriting', 'spoilt!')")
	r.eval(`lenetDemo.ready.then(() => 0)`, nil)
	r.clickRect(r.hand().Rects["handButton"])
	r.waitState(`s.hand.bad`)
	if s := r.hand(); len(s.Hand.Kept) != 0 || !strings.Contains(s.Hand.Message, "was ignored") {
		t.Errorf("spoilt storage: %+v", s.Hand)
	}
	r.screenshot("hand-spoilt-storage-ko")
}

// download clicks the button and returns the file the browser saved.
func (p *page) download(button []float64) []byte {
	p.t.Helper()
	_, b := p.downloadNamed(button)
	return b
}

// downloadNamed clicks the button and returns the name and the bytes of
// the file the browser saved.
func (p *page) downloadNamed(button []float64) (string, []byte) {
	p.t.Helper()
	dir := p.t.TempDir()
	if err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, cdpbrowser.SetDownloadBehavior,
			cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	})); err != nil {
		p.t.Fatal(err)
	}
	p.clickRect(button)
	for range 200 {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					p.t.Fatal(err)
				}
				p.t.Logf("downloaded %s, %d bytes", e.Name(), len(b))
				return e.Name(), b
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatal("no file downloaded in 10 s")
	return "", nil
}

// cliEval runs lenet eval -weights on the kept drawings (their 28×28
// middle, as an IDX pair) and checks that it reads them all right.
func cliEval(t *testing.T, file []byte, stored string, labels []int) {
	kept, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	images := []byte{0, 0, 8, 3, 0, 0, 0, byte(len(labels)), 0, 0, 0, 28, 0, 0, 0, 28}
	idxLabels := []byte{0, 0, 8, 1, 0, 0, 0, byte(len(labels))}
	for k := range labels {
		d := kept[10+k*1025:]
		for y := 2; y < 30; y++ {
			images = append(images, d[1+y*32+2:1+y*32+30]...)
		}
		idxLabels = append(idxLabels, d[0])
	}
	for name, b := range map[string][]byte{"w": file, "images": images, "labels": idxLabels} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "./cnn/cmd/lenet", "eval", "-weights", filepath.Join(dir, "w"),
		"-images", filepath.Join(dir, "images"), "-labels", filepath.Join(dir, "labels"))
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("lenet eval: %v\n%s", err, out)
	}
	if m := regexp.MustCompile(`accuracy: [0-9.]+% \((\d+)/(\d+)\)`).FindSubmatch(out); m == nil || string(m[1]) != fmt.Sprint(len(labels)) {
		t.Errorf("lenet eval with the downloaded weights:\n%s", out)
	}
}
