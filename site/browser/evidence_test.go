//go:build browser

package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/samples"
)

// whyState is the part of lenetDemo.state() the Why panel fills.
// whyDone waits, for at most 20 s, until the evidence map is finished: it
// is computed a few milliseconds a frame, so on a busy machine it takes
// more frames than on a quiet one.
func (p *page) whyDone() {
	p.t.Helper()
	p.eval(`(async () => {
		for (let i = 0; i < 400; i++) {
			const w = (await lenetDemo.state()).state.why;
			if (!w || !w.shown || w.complete) return 0;
			await new Promise((r) => setTimeout(r, 50));
		}
		return 0;
	})()`, nil)
}

type whyState struct {
	Dpr   float64
	State struct {
		Prediction *int
		Rects      map[string][]float64
		Why        struct {
			On, Shown, Pointed, Complete bool
			Method                       string
			Patch, Target                int
			Progress                     []int
			Scale, FrameMs               float64
		}
	}
}

// The evidence maps while drawing: E shows them, they follow the
// drawing and the score bar pointed at, explain() gives them to scripts,
// and the Go side of a drawing frame with them on is reported.
func TestEvidenceWhileDrawing(t *testing.T) {
	p := open(t, "app.html?lang=en", 1280, 800, 1, false)
	r := p.padRect()
	p.do(chromedp.MouseClickXY(r.X+r.Width+200, r.Y+r.Height+150)) // the focus, without drawing
	// The Go side of the frames of one drawing: their mean, from the
	// totals before and after it.
	var sum0, n0 float64
	frameMs := func() float64 {
		var tm struct{ DrawingFrames, MeanDrawingFrameMs float64 }
		p.eval(`lenetDemo.timings()`, &tm)
		sum, n := tm.MeanDrawingFrameMs*tm.DrawingFrames, tm.DrawingFrames
		defer func() { sum0, n0 = sum, n }()
		return (sum - sum0) / math.Max(1, n-n0)
	}
	frameMs()
	p.mouseDraw(digits[7])
	p.expect(7, false)
	off := frameMs()
	p.eval(`lenetDemo.clear()`, nil)
	p.key("e", "KeyE")
	var st whyState
	p.eval(`lenetDemo.state()`, &st)
	if !st.State.Why.On || st.State.Why.Shown {
		t.Fatalf("after E on a blank pad: %+v", st.State.Why)
	}
	// A 7 drawn with the maps on: the occlusion map of the prediction.
	p.mouseDraw(digits[7])
	p.expect(7, false)
	p.frames(10)
	p.whyDone()
	p.eval(`lenetDemo.state()`, &st)
	w := st.State.Why
	if !w.Shown || w.Method != "occlusion" || w.Target != 7 || w.Pointed || !(w.Scale > 0) {
		t.Fatalf("after drawing a 7 with the maps on: %+v", w)
	}
	if !w.Complete || len(w.Progress) != 2 || w.Progress[0] != w.Progress[1] {
		t.Errorf("the occlusion map was not finished once the drawing rested: %+v", w)
	}
	t.Logf("Go side of a frame while drawing a 7: mean %.2f ms with the maps off, %.2f ms with the occlusion map on", off, frameMs())
	p.screenshot("why-occlusion-7")

	// Point at the score bar of 1: the map is now of 1.
	sc := st.State.Rects["scores"]
	if len(sc) != 4 {
		t.Fatalf("no score bars in %v", st.State.Rects)
	}
	css := func(x, y float64) (float64, float64) { return x / st.Dpr, y / st.Dpr }
	p.do(chromedp.MouseEvent("mouseMoved", 0, 0)) // then over the bar of 1
	x, y := css(sc[0]+sc[2]/2, sc[1]+sc[3]*(1.5/10))
	p.do(chromedp.MouseEvent("mouseMoved", x, y))
	p.frames(10)
	p.eval(`lenetDemo.state()`, &st)
	if w := st.State.Why; !w.Pointed || w.Target != 1 {
		t.Errorf("pointing at the bar of 1: %+v", w)
	}
	p.screenshot("why-occlusion-7-for-1")

	// M: the gradient, while drawing another digit.
	p.key("m", "KeyM")
	p.eval(`lenetDemo.clear()`, nil)
	p.mouseDraw(digits[0])
	p.expect(0, false)
	p.eval(`lenetDemo.state()`, &st)
	if w := st.State.Why; w.Method != "gradient" || !w.Shown {
		t.Errorf("after M and a 0: %+v", w)
	}
	var tm map[string]any
	p.eval(`lenetDemo.timings()`, &tm)
	t.Logf("… while drawing a 0 with the gradient map on: mean %.2f ms; of the last %v drawing frames, maps on: median %.2f ms, max %.2f ms",
		frameMs(), tm["recentDrawingFrames"], tm["medianRecentDrawingFrameMs"], tm["maxDrawingFrameMs"])

	// explain() for scripts: 32×32 maps, mostly on the ink.
	for _, method := range []string{"occlusion", "gradient"} {
		var m struct {
			Width, Height int
			Data          map[string]float64 // a Float32Array arrives as an object
		}
		p.eval(`lenetDemo.explain({method: '`+method+`', target: 0})`, &m)
		if m.Width != 32 || m.Height != 32 || len(m.Data) != 32*32 {
			t.Fatalf("explain %s: %d×%d, %d values", method, m.Width, m.Height, len(m.Data))
		}
		big := 0.0
		for _, v := range m.Data {
			big = math.Max(big, math.Abs(v))
		}
		if !(big > 0) {
			t.Errorf("explain %s: an empty map", method)
		}
	}
	for _, bad := range []string{`{method: 'magic'}`, `{method: 'gradient', target: 10}`, `{method: 'gradient', target: 1.5}`, `null`} {
		var name string
		p.eval(`lenetDemo.explain(`+bad+`).then(() => 'accepted', e => e.name)`, &name)
		if name != "TypeError" && name != "RangeError" {
			t.Errorf("explain(%s): %q", bad, name)
		}
	}
}

// exportPNG: a layer's feature maps as a labelled PNG, and the whole view
// at twice its CSS size.
func TestExportPNG(t *testing.T) {
	p := open(t, "app.html?lang=ko&sample=7", 1280, 800, 1, false)
	p.expect(7, true)
	get := func(layer string) image.Image {
		t.Helper()
		var b64 string
		p.eval(`lenetDemo.exportPNG('`+layer+`').then(b => { let s = ''; for (const c of b) s += String.fromCharCode(c); return btoa(s) })`, &b64)
		raw, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("exportPNG(%s): %v", layer, err)
		}
		if err := os.WriteFile(filepath.Join(shots, "export-"+layer+".png"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := get("C3")
	b := m.Bounds()
	// 16 maps of 10×10 at ×11, 8 to a row, with the title, the legend and
	// the labels: about 1000×400.
	if b.Dx() < 900 || b.Dx() > 1200 || b.Dy() < 300 || b.Dy() > 600 {
		t.Errorf("the C3 picture is %v", b)
	}
	// The maps are in it: many pixels of the red and blue ends, and
	// text (the labels the browser drew) in the title's band.
	var red, blue, dark int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := m.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > 150 && g < 120 && bl < 120:
				red++
			case bl > 150 && r < 120:
				blue++
			case r < 80 && g < 80 && bl < 80 && y < 50:
				dark++
			}
		}
	}
	if red < 500 || blue < 100 || dark < 100 {
		t.Errorf("the C3 picture has %d red, %d blue pixels and %d of dark text in the title", red, blue, dark)
	}
	v := get("view")
	var size struct{ W, H float64 }
	p.eval(`(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return {w: r.width, h: r.height} })()`, &size)
	if v.Bounds().Dx() != int(math.Round(2*size.W)) || v.Bounds().Dy() != int(math.Round(2*size.H)) {
		t.Errorf("the view's picture is %v for a canvas of %v×%v CSS pixels", v.Bounds(), size.W, size.H)
	}
	var name string
	p.eval(`lenetDemo.exportPNG('C9').then(() => 'accepted', e => e.message)`, &name)
	if name == "accepted" {
		t.Error("exportPNG('C9') was accepted")
	}

	// What a C3 unit looks for: pointing at one shows the samples that
	// excite it most; a click on the first puts it on the pad.
	var st looksState
	p.eval(`lenetDemo.state()`, &st)
	c3 := st.State.Rects["C3"]
	if len(c3) != 4 {
		t.Fatalf("no C3 maps in %v", st.State.Rects)
	}
	// Map 5, row 4, column 6 of 16 maps of 10×10, as many to a row as the
	// block is wide for.
	p.do(chromedp.MouseEvent("mouseMoved", (c3[0]+c3[2]*(5.65/16))/st.Dpr, (c3[1]+c3[3]*0.45)/st.Dpr))
	p.frames(4)
	st = p.looksDone("C3")
	checkLooks(t, st)
	t.Logf("the samples ranked for %s in %d frames, the Go side of the ranking at most %.2f ms a frame",
		st.State.Looks.Unit, st.State.Looks.Frames, st.State.Looks.MaxFrameMs)
	p.screenshot("looks-c3-ko")
	first, r := st.State.Looks.Images[0], st.State.Rects["looksFirst"]
	if len(r) != 4 {
		t.Fatalf("no first sample in %v", st.State.Rects)
	}
	p.do(chromedp.MouseClickXY((r[0]+r[2]/2)/st.Dpr, (r[1]+r[3]/2)/st.Dpr))
	p.frames(4)
	var sample struct{ State struct{ Sample int } }
	p.eval(`lenetDemo.state()`, &sample)
	if sample.State.Sample != first {
		t.Errorf("a click on sample %d in the strip loaded %d", first, sample.State.Sample)
	}
}

// A 1 with a long flag, which the network reads as a 7: the map of the
// 7 (?why=occlusion shows it from the start, in Korean), then of the 1
// its bar is pointed at.
func TestEvidenceMisread(t *testing.T) {
	p := open(t, "app.html?lang=ko&why=occlusion", 1280, 800, 1, false)
	p.mouseDraw([][][2]float64{{{0.3, 0.35}, {0.55, 0.15}, {0.55, 0.5}, {0.55, 0.85}}})
	p.expect(7, true)
	p.frames(10)
	p.whyDone()
	var st whyState
	p.eval(`lenetDemo.state()`, &st)
	if w := st.State.Why; !w.Shown || w.Target != 7 || !w.Complete {
		t.Errorf("the misread 1: %+v", w)
	}
	p.screenshot("why-misread-1-as-7-ko")
	sc := st.State.Rects["scores"]
	p.do(chromedp.MouseEvent("mouseMoved", (sc[0]+sc[2]/2)/st.Dpr, (sc[1]+sc[3]*(1.5/10))/st.Dpr))
	p.frames(10)
	p.eval(`lenetDemo.state()`, &st)
	if w := st.State.Why; w.Target != 1 || !w.Pointed {
		t.Errorf("pointing at the bar of 1: %+v", w)
	}
	p.screenshot("why-misread-1-as-7-for-1-ko")
}

// looksState is the strip of "what a unit looks for" in lenetDemo.state().
type looksState struct {
	Dpr   float64
	State struct {
		Selected string
		Rects    map[string][]float64
		Looks    struct {
			Shown, Complete  bool
			Unit, Error      string
			Progress, Images []int
			Labels, Field    []int
			Values           []float64
			ShownSamples     int
			Drawing          float64
			MaxFrameMs       float64
			Frames           int
			Text             []string
		}
	}
}

// looksDone waits, for at most 20 s, until the strip's ranking of the
// samples is finished, and returns the state; it fails the test when no
// strip is shown for a unit of layer.
func (p *page) looksDone(layer string) looksState {
	p.t.Helper()
	var st looksState
	p.eval(`(async () => {
		for (let i = 0; i < 400; i++) {
			const s = await lenetDemo.state();
			const l = s.state.looks;
			if (!l || !l.shown || l.complete) return s;
			await new Promise((r) => setTimeout(r, 50));
		}
		return lenetDemo.state();
	})()`, &st)
	l := st.State.Looks
	if !l.Shown || !l.Complete || len(l.Unit) < 2 || l.Unit[:2] != layer || l.Error != "" {
		p.t.Fatalf("no finished strip for a %s unit: %+v (selected %s)", layer, l, st.State.Selected)
	}
	return st
}

// checkLooks compares the strip with evidence.Exciters run here over the
// shipped samples with the shipped weights: the same samples, in order,
// with the same values (to float32 rounding), and the unit's field.
func checkLooks(t *testing.T, st looksState) {
	t.Helper()
	l := st.State.Looks
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	d, err := samples.Digits()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := evidence.NewExciters(w.Net, evidence.Digits28(d), 8)
	if err != nil {
		t.Fatal(err)
	}
	if err := ex.Run(); err != nil {
		t.Fatal(err)
	}
	var u evidence.Unit
	var name string
	if n, _ := fmt.Sscanf(l.Unit, "%2s[%d](%d,%d)", &name, &u.C, &u.Y, &u.X); n < 2 {
		t.Fatalf("unit %q", l.Unit)
	}
	id, ok := lenet.LayerNamed(name)
	if !ok {
		t.Fatalf("unit %q", l.Unit)
	}
	u.Layer = int(id) - 1
	top, err := ex.Top(u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != len(l.Images) || len(top) != len(l.Values) || len(top) == 0 || l.ShownSamples < 4 {
		t.Fatalf("%s: the page shows %d of %v %v, evidence.Exciters keeps %v", l.Unit, l.ShownSamples, l.Images, l.Values, top)
	}
	for i, e := range top {
		if l.Images[i] != e.Image || math.Abs(l.Values[i]-float64(e.Value)) > 1e-4*math.Max(1, math.Abs(float64(e.Value))) {
			t.Errorf("%s: sample %d is #%d (%v), evidence.Exciters says #%d (%v)", l.Unit, i, l.Images[i], l.Values[i], e.Image, e.Value)
		}
	}
	f := u.Field()
	if len(l.Field) != 4 || l.Field[0] != f.Min.X || l.Field[1] != f.Min.Y || l.Field[2] != f.Max.X || l.Field[3] != f.Max.Y {
		t.Errorf("%s: field %v, want %v", l.Unit, l.Field, f)
	}
	lr, info := st.State.Rects["looks"], st.State.Rects["info"]
	if len(lr) != 4 || len(info) != 4 || lr[1] < info[1] || lr[1]+lr[3] > info[1]+info[3]+1 {
		t.Errorf("the strip %v is not inside the computation's panel %v", lr, info)
	}
}

// saveState is the Save… menu's part of lenetDemo.state().
type saveState struct {
	Dpr   float64
	State struct {
		Save struct {
			Open      bool
			Layer     string
			Head      string
			Items     []string
			ItemRects []float64
			Button    []float64
		}
	}
}

func (p *page) saveMenu() saveState {
	p.t.Helper()
	var s saveState
	p.eval(`lenetDemo.state()`, &s)
	return s
}

// The Save… button's menu saves what the keys save, as files named for
// what they hold; on a phone it opens under a finger, without keys.
func TestExportButtons(t *testing.T) {
	p := open(t, "app.html?sample=7&layer=C3", 1280, 800, 1, false)
	p.expect(7, false)
	s := p.saveMenu()
	p.clickRect(s.State.Save.Button)
	s = p.saveMenu()
	if m := s.State.Save; !m.Open || m.Layer != "C3" || m.Head != "Layer C3, the one pointed at" || m.Items[0] != "C3 maps as PNG (X)" {
		t.Fatalf("the menu: %+v", m)
	}
	p.screenshot("export-menu-en")
	want := []string{"lenet5-C3-16x10x10-sample7.png", "", "lenet5-C3-16x10x10-sample7.csv", "lenet5-C3-16x10x10-sample7.json"}
	for i, name := range want {
		if i > 0 {
			p.clickRect(s.State.Save.Button)
		}
		got, b := p.downloadNamed(s.State.Save.ItemRects[4*i : 4*i+4])
		switch {
		case i == 1:
			m, err := png.Decode(bytes.NewReader(b))
			if err != nil || m.Bounds().Dx() != 2560 || !strings.HasSuffix(got, ".png") {
				t.Errorf("the view: %s, %v", got, err)
			}
		case got != name:
			t.Errorf("item %d saved %s, want %s", i, got, name)
		case i == 0:
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s: %v", got, err)
			}
		case i == 2 && !bytes.HasPrefix(b, []byte("source,layer,channel,row,column,value\nsample 7,C3,")):
			t.Errorf("%s: %.60q", got, b)
		case i == 3 && !bytes.Contains(b, []byte(`"layer": "C3"`)):
			t.Errorf("%s: %.60q", got, b)
		}
		if p.saveMenu().State.Save.Open {
			t.Errorf("item %d left the menu open", i)
		}
	}
	if p.prediction().Label != 7 {
		t.Error("saving changed the drawing")
	}

	ph := open(t, "app.html?sample=3&lang=ko", 390, 844, 3, true)
	ph.expect(3, true)
	s = ph.saveMenu()
	b := s.State.Save.Button
	ph.tap((b[0]+b[2]/2)/s.Dpr, (b[1]+b[3]/2)/s.Dpr)
	s = ph.saveMenu()
	if m := s.State.Save; !m.Open || m.Layer != "Input" || !strings.Contains(m.Head, "입력") {
		t.Fatalf("the phone's menu: %+v", m)
	}
	for _, it := range s.State.Save.Items {
		if strings.Contains(it, "(") {
			t.Errorf("a key on a touch screen: %q", it)
		}
	}
	ph.screenshot("export-menu-phone-ko")

	// A small laptop and a projector: the menu open, to look at.
	for _, c := range []struct {
		path, name string
		w, h       int64
	}{{"app.html?sample=2&layer=S2&lang=ko", "export-menu-960-ko", 960, 640}, {"app.html?sample=2&present=1", "export-menu-projector-en", 1920, 1080}} {
		q := open(t, c.path, c.w, c.h, 1, false)
		q.frames(3)
		q.clickRect(q.saveMenu().State.Save.Button)
		if !q.saveMenu().State.Save.Open {
			t.Errorf("%s: the menu did not open", c.name)
		}
		q.screenshot(c.name)
	}
}

// tap touches the screen at (x, y) CSS pixels and lifts the finger.
func (p *page) tap(x, y float64) {
	p.t.Helper()
	pt := &input.TouchPoint{X: x, Y: y, RadiusX: ptr(2.0), RadiusY: ptr(2.0), Force: ptr(0.8), ID: ptr(1.0)}
	for _, typ := range []input.DispatchTouchEventType{input.DispatchTouchEventTypeTouchStart, input.DispatchTouchEventTypeTouchEnd} {
		pts := []*input.TouchPoint{pt}
		if typ == input.DispatchTouchEventTypeTouchEnd {
			pts = []*input.TouchPoint{}
		}
		p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts})
			return err
		}))
	}
	p.frames(3)
}
