package netview

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/pad"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

func testNet(t testing.TB) *lenet.Net {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	return w.Net
}

func newCtx(t testing.TB, q string) *ui.Context {
	p, _ := url.ParseQuery(q)
	return &ui.Context{Lang: i18n.En, Scale: 1, Theme: &ui.Light, Params: p,
		Screen: ui.R(0, 0, 1280, 800), Shared: &ui.Shared{Net: testNet(t)}}
}

func TestReceptiveFields(t *testing.T) {
	cases := []struct {
		u     Unit
		rf    image.Rectangle
		below Region
	}{
		{Unit{lenet.C1, 0, 0, 0}, image.Rect(0, 0, 5, 5), Region{lenet.Input, 0, 1, image.Rect(0, 0, 5, 5)}},
		{Unit{lenet.C1, 5, 27, 27}, image.Rect(27, 27, 32, 32), Region{lenet.Input, 0, 1, image.Rect(27, 27, 32, 32)}},
		{Unit{lenet.S2, 3, 13, 13}, image.Rect(26, 26, 32, 32), Region{lenet.C1, 3, 4, image.Rect(26, 26, 28, 28)}},
		{Unit{lenet.C3, 0, 0, 0}, image.Rect(0, 0, 14, 14), Region{lenet.S2, 0, 6, image.Rect(0, 0, 5, 5)}},
		{Unit{lenet.S4, 2, 4, 4}, image.Rect(16, 16, 32, 32), Region{lenet.C3, 2, 3, image.Rect(8, 8, 10, 10)}},
		{Unit{lenet.C5, 7, 0, 0}, image.Rect(0, 0, 32, 32), Region{lenet.S4, 0, 16, image.Rect(0, 0, 5, 5)}},
		{Unit{lenet.F6, 3, 0, 0}, image.Rect(0, 0, 32, 32), Region{lenet.C5, 0, 120, image.Rect(0, 0, 1, 1)}},
		{Unit{lenet.Output, 9, 0, 0}, image.Rect(0, 0, 32, 32), Region{lenet.F6, 0, 84, image.Rect(0, 0, 1, 1)}},
	}
	for _, c := range cases {
		if got := OnInput(c.u); got != c.rf {
			t.Errorf("OnInput(%v) = %v, want %v", c.u, got, c.rf)
		}
		if got := Below(c.u); got != c.below {
			t.Errorf("Below(%v) = %+v, want %+v", c.u, got, c.below)
		}
	}
}

// ?layer= takes every layer's name in any case, and nothing else.
func TestLayerParameter(t *testing.T) {
	for _, l := range lenet.LayerIDs {
		for _, s := range []string{l.String(), strings.ToLower(l.String()), strings.ToUpper(l.String())} {
			pv := ui.ParseParams(url.Values{"layer": {s}}, params)
			if got, ok := pv.Choice("layer"); !ok || got != l.String() {
				t.Errorf("layer=%s: %q, %v", s, got, ok)
			}
		}
	}
	for _, s := range []string{"C2", "c11", "softmax", "Probs"} {
		if pv := ui.ParseParams(url.Values{"layer": {s}}, params); pv.Has("layer") || len(pv.Notices()) != 1 {
			t.Errorf("layer=%s accepted", s)
		}
	}
}

// Every explanation adds up to the value the network computed.
func TestExplainMatchesForward(t *testing.T) {
	n := testNet(t)
	var a lenet.Activations
	var pix [784]float32
	if _, err := samples.Float(pix[:], 7); err != nil {
		t.Fatal(err)
	}
	var x [1024]float32
	for y := range 28 {
		copy(x[(y+2)*32+2:], pix[y*28:y*28+28])
	}
	n.Forward(x[:], &a)
	for _, l := range lenet.LayerIDs[lenet.C1:] {
		s := l.Shape()
		vals := l.Values(&a)
		for _, u := range []Unit{{l, 0, 0, 0}, {l, s.C - 1, s.H - 1, s.W - 1}, {l, s.C / 2, s.H / 2, s.W / 3}} {
			e, ok := Explain(n, &a, u, -1, i18n.En)
			if !ok {
				t.Fatalf("Explain(%v) failed", u)
			}
			want := vals[u.Index()]
			if d := math.Abs(float64(e.Value - want)); d > 1e-4*math.Max(1, math.Abs(float64(want))) {
				t.Errorf("%v: explanation gives %v, the network %v", u, e.Value, want)
			}
			if len(e.Lines) == 0 || e.Title == "" {
				t.Errorf("%v: empty explanation", u)
			}
			if l == lenet.Output && e.Prob != a.Probs[u.C] {
				t.Errorf("%v: probability %v, the softmax gives %v", u, e.Prob, a.Probs[u.C])
			}
			ko, _ := Explain(n, &a, u, -1, i18n.Ko)
			if ko.Title == e.Title {
				t.Errorf("%v: Korean title equals English %q", u, e.Title)
			}
		}
	}
	if _, ok := Explain(n, &a, Unit{lenet.C1, 6, 0, 0}, -1, i18n.En); ok {
		t.Error("a unit outside the layer was explained")
	}
	e, _ := Explain(n, &a, Unit{lenet.C1, 2, 10, 10}, -1, i18n.En)
	if e.Side != 5 || len(e.Window) != 25 || len(e.Kernel) != 25 || e.Kernel[0] != n.C1W[2*25] {
		t.Errorf("C1 window/kernel wrong: side %d, kernel[0] %v", e.Side, e.Kernel[0])
	}
	if !strings.Contains(strings.Join(e.Lines, "\n"), "ReLU") {
		t.Errorf("C1 lines lack the activation: %q", e.Lines)
	}
}

// The layout works from a 320-pixel phone to a 1920-pixel projector at
// every device pixel ratio: everything inside the screen, nothing
// overlapping the pad, and every unit findable where it is drawn.
func TestLayoutSizes(t *testing.T) {
	for _, css := range [][2]float64{{320, 568}, {375, 667}, {414, 896}, {568, 320}, {844, 390}, {768, 1024}, {960, 640}, {1024, 600}, {1280, 720}, {1366, 768}, {1920, 1080}} {
		for _, dpr := range []float64{1, 1.5, 2, 3} {
			for tb := tabInput; tb < numTabs; tb++ {
				name := fmt.Sprintf("%gx%g@%g/%s", css[0], css[1], dpr, tabNames[tb])
				area := ui.R(0, 40*dpr, css[0]*dpr, (css[1]-40)*dpr)
				L := computeLayout(area, dpr, tb, &ui.Light, false, false)
				inside := func(what string, r ui.Rect) {
					if r.X < area.X-0.5 || r.Y < area.Y-0.5 || r.Right() > area.Right()+0.5 || r.Bottom() > area.Bottom()+0.5 {
						t.Errorf("%s: %s %v outside %v", name, what, r, area)
					}
				}
				inside("pad", L.Pad)
				if L.Pad.W < 120*dpr || L.Pad.W != L.Pad.H {
					t.Errorf("%s: pad %v too small or not square", name, L.Pad)
				}
				inside("scores", L.Scores)
				for i, b := range L.Buttons {
					inside(fmt.Sprint("button ", i), b)
					if b.H < 30*dpr {
						t.Errorf("%s: button %d is %v high, too small for a finger", name, i, b.H)
					}
				}
				for _, l := range lenet.LayerIDs {
					if !L.Shown[l] {
						continue
					}
					g := &L.Grids[l]
					inside(l.String(), g.Block())
					if overlaps(g.Block(), L.Pad) {
						t.Errorf("%s: %s overlaps the pad", name, l.String())
					}
					s := l.Shape()
					for _, u := range []Unit{{l, 0, 0, 0}, {l, s.C - 1, s.H - 1, s.W - 1}} {
						if s.W == 1 {
							u.Y, u.X = 0, 0
						}
						r := g.UnitRect(u.C, u.Y, u.X)
						c, y, x, ok := g.Hit(r.CenterX(), r.CenterY())
						if !ok || c != u.C || y != u.Y || x != u.X {
							t.Errorf("%s: %v drawn at %v but hit gives %d,%d,%d,%v", name, u, r, c, y, x, ok)
						}
					}
				}
				if !L.Narrow {
					for _, l := range lenet.LayerIDs[lenet.C1:lenet.Output] {
						if !L.Shown[l] {
							t.Errorf("%s: wide layout hides %s", name, l.String())
						}
					}
					// A map of the wide layout is large enough to see what
					// it holds (a landscape phone gets the tabs instead).
					for _, l := range lenet.LayerIDs[lenet.C1:lenet.C5] {
						if g := &L.Grids[l]; g.Cell*float64(g.MapW) < 20*dpr {
							t.Errorf("%s: %s's maps are %v CSS px wide in the wide layout", name, l.String(), g.Cell*float64(g.MapW)/dpr)
						}
					}
					inside("info", L.Info)
					if L.Info.H < 60*dpr {
						t.Errorf("%s: info panel only %v high", name, L.Info.H)
					}
				}
				if !L.Narrow && tb != tabInput {
					break
				}
			}
		}
	}
}

func overlaps(a, b ui.Rect) bool {
	return a.X < b.Right() && b.X < a.Right() && a.Y < b.Bottom() && b.Y < a.Bottom()
}

// frame feeds one frame of pointer events to the view.
func frame(ctx *ui.Context, v *View, tr *ui.Tracker, evs ...ui.PointerEvent) *ui.Input {
	in := &ui.Input{Events: evs}
	tr.Frame(in)
	ctx.Focus.Begin(in)
	v.Update(ctx, in)
	ctx.TakeRequests()
	return in
}

// stroke drags the mouse through pad points (0..1 of the pad's side).
func stroke(ctx *ui.Context, v *View, tr *ui.Tracker, pts ...[2]float64) {
	r := v.PadRect()
	at := func(p [2]float64, ph ui.Phase) ui.PointerEvent {
		return ui.PointerEvent{Phase: ph, Primary: true, X: r.X + p[0]*r.W, Y: r.Y + p[1]*r.H, Pressure: 0.5}
	}
	frame(ctx, v, tr, at(pts[0], ui.PointerDown))
	for _, p := range pts[1:] {
		frame(ctx, v, tr, at(p, ui.PointerMove))
	}
	frame(ctx, v, tr, at(pts[len(pts)-1], ui.PointerUp))
}

func TestDrawPredictUndoClear(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if p := v.Prediction(); p.OK || ctx.Shared.HasInput {
		t.Fatal("a blank pad has a prediction")
	}
	stroke(ctx, v, &tr, [2]float64{0.5, 0.15}, [2]float64{0.5, 0.85})
	p := v.Prediction()
	if !p.OK || !p.Settled || !ctx.Shared.HasInput {
		t.Fatal("no settled prediction after a stroke")
	}
	var sum float32
	for _, p := range p.Probs {
		sum += p
	}
	if math.Abs(float64(sum-1)) > 1e-4 {
		t.Errorf("probabilities sum to %v", sum)
	}
	// The network saw a vertical bar: the input's middle column is inked.
	if ctx.Shared.Input[16*32+16] < 0.5 {
		t.Errorf("input centre %v", ctx.Shared.Input[16*32+16])
	}
	n := v.Inferences
	frame(ctx, v, &tr)
	if v.Inferences != n {
		t.Error("inference ran although the drawing did not change")
	}
	if err := v.Command(ctx, "undo", 0); err != nil {
		t.Fatal(err)
	}
	frame(ctx, v, &tr)
	if q := v.Prediction(); q.OK || q.Version == p.Version {
		t.Errorf("prediction left after undoing the only stroke: %+v", q)
	}
	if err := v.Command(ctx, "nope", 0); err == nil {
		t.Error("unknown command accepted")
	}
}

func TestSamples(t *testing.T) {
	ctx := newCtx(t, "sample=3&layer=c3")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	st := state(t, v)
	if st["sample"] != 3.0 || st["label"] == nil || st["selected"] == nil || !strings.HasPrefix(st["selected"].(string), "C3[") {
		t.Fatalf("state %v", st)
	}
	// ?layer= points at the layer's most active unit.
	var most float32
	for _, x := range v.acts.C3 {
		most = max(most, x)
	}
	if got := v.acts.C3[v.sel.Index()]; got != most {
		t.Errorf("selected %v with %v, the largest C3 value is %v", v.sel, got, most)
	}
	for _, bad := range []int{-1, 100, 1 << 40} {
		if err := v.Command(ctx, "sample", bad); err == nil {
			t.Errorf("sample %d accepted", bad)
		}
	}
	// Keys: a digit loads a sample of that digit.
	in := &ui.Input{Keys: []string{"Digit4"}}
	tr.Frame(in)
	ctx.Focus.Begin(in)
	v.Update(ctx, in)
	if samples.Label(v.sample) != 4 {
		t.Errorf("Digit4 loaded sample %d (a %d)", v.sample, samples.Label(v.sample))
	}
	// Drawing over the sample makes it a drawing.
	stroke(ctx, v, &tr, [2]float64{0.1, 0.1}, [2]float64{0.2, 0.2})
	if v.sample != -1 || v.pad.Strokes() != 1 {
		t.Errorf("after drawing over a sample: sample %d strokes %d", v.sample, v.pad.Strokes())
	}
}

func TestDrawText(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.En, i18n.Ko} {
		ctx := newCtx(t, "sample=0")
		ctx.Lang = lang
		v := New(ctx)
		v.Layout(ctx, ui.R(0, 40, 1280, 760))
		var tr ui.Tracker
		frame(ctx, v, &tr)
		// Point at a C1 unit.
		g := &v.places.Grids[lenet.C1]
		r := g.UnitRect(1, 12, 12)
		frame(ctx, v, &tr, ui.PointerEvent{Phase: ui.PointerMove, Primary: true, X: r.CenterX(), Y: r.CenterY()})
		var rec ui.Recorder
		v.Draw(ctx, &rec)
		want := []string{"C1 · convolution · 6@28×28", "S4 · max pooling · 16@5×5", "C5 · convolution · 120 units", "F6 · fully connected · 84 units", "ReLU", "%"}
		if lang == i18n.Ko {
			want = []string{"C1 · 컨볼루션 · 6@28×28", "S2 · 최대 풀링", "특징 맵", "수용장", "커널", "ReLU"}
		}
		for _, w := range want {
			if !rec.HasText(w) {
				t.Errorf("%v: %q not drawn; texts: %q", lang, w, rec.Texts())
			}
		}
		if st := state(t, v); st["selected"] != "C1[1](12,12)" {
			t.Errorf("selected %v", st["selected"])
		}
	}
}

func TestInferAllocatesNothing(t *testing.T) {
	ctx := newCtx(t, "sample=5")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	v.infer(ctx)
	v.pad.Begin(pointAt(100, 100), false)
	i := 0.0
	n := testing.AllocsPerRun(20, func() {
		i++
		v.pad.Move(pointAt(100+i, 100+2*i))
		v.infer(ctx)
	})
	if n > 0 {
		t.Errorf("a drawing frame allocates %v times", n)
	}
}

// BenchmarkDrawingFrame is the Go side of one frame while drawing: pointer
// samples into the pad, preprocessing, the forward pass, and the feature
// map pixels.
func BenchmarkDrawingFrame(b *testing.B) { benchDrawing(b, "") }

// BenchmarkDrawingFrameWhy is the same with the evidence maps on (compare
// it with BenchmarkDrawingFrame of the same run).
func BenchmarkDrawingFrameWhy(b *testing.B) {
	for _, m := range []string{"occlusion", "gradient", "input"} {
		b.Run(m, func(b *testing.B) { benchDrawing(b, "why="+m) })
	}
}

func benchDrawing(b *testing.B, q string) {
	ctx := newCtx(b, q)
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	r := v.PadRect()
	at := func(i int, ph ui.Phase) ui.PointerEvent {
		a := float64(i%200) * 0.03
		return ui.PointerEvent{Phase: ph, Primary: true, X: r.X + r.W*(0.5+0.3*math.Sin(a)), Y: r.Y + r.H*(0.5-0.35*math.Cos(a*0.7))}
	}
	evs := make([]ui.PointerEvent, 4)
	in := &ui.Input{}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%200 == 0 {
			v.Clear()
			evs = append(evs[:0], at(i, ui.PointerDown))
		} else {
			evs = evs[:0]
			for k := range 4 {
				evs = append(evs, at(i*4+k, ui.PointerMove))
			}
		}
		in.Events = evs
		tr.Frame(in)
		ctx.Focus.Begin(in)
		v.Update(ctx, in)
		ctx.TakeRequests()
	}
}

func pointAt(x, y float64) padPoint { return padPoint{X: x, Y: y} }

type padPoint = pad.Point

// BenchmarkFrameParts splits a drawing frame into its parts.
func BenchmarkFrameParts(b *testing.B) {
	ctx := newCtx(b, "sample=8")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	v.infer(ctx)
	b.Run("preprocess", func(b *testing.B) {
		for b.Loop() {
			_ = canvas.PreprocessInto(&v.res, canvas.Image{Width: HalfSide, Height: HalfSide, Pix: v.half})
		}
	})
	b.Run("forward", func(b *testing.B) {
		for b.Loop() {
			ctx.Shared.Net.Forward(v.res.Input[:], &v.acts)
		}
	})
	b.Run("maps", func(b *testing.B) {
		for b.Loop() {
			for _, l := range lenet.LayerIDs {
				vals := l.Values(&v.acts)
				s := l.Shape()
				if l == lenet.Input {
					ui.FillGray(v.maps[l], 0, 0, vals, 32, 32, ctx.Theme)
					continue
				}
				sc := ui.MaxAbs(vals)
				for c := range s.C {
					ui.FillDiverging(v.maps[l], c*s.W, 0, vals[c*s.H*s.W:(c+1)*s.H*s.W], s.W, s.H, sc, ctx.Theme)
				}
			}
		}
	})
	b.Run("shrink", func(b *testing.B) {
		for b.Loop() {
			v.shrink(pad.Box{X0: 40, Y0: 40, X1: 240, Y1: 240})
		}
	})
}

// On a phone only the shown tab's maps are coloured; the others are
// coloured when their tab opens.
func TestHiddenMapsFilledWhenShown(t *testing.T) {
	ctx := newCtx(t, "")
	ctx.Scale = 2
	v := New(ctx)
	area := ui.R(0, 80, 640, 1056)
	v.Layout(ctx, area)
	if !v.places.Narrow || v.places.Shown[lenet.C3] {
		t.Fatal("expected the narrow layout on the input tab")
	}
	if err := v.LoadSample(ctx, 3); err != nil {
		t.Fatal(err)
	}
	v.infer(ctx)
	if !v.stale[lenet.C3] || v.stale[lenet.Input] {
		t.Fatalf("stale C3 %v, input %v", v.stale[lenet.C3], v.stale[lenet.Input])
	}
	before := v.maps[lenet.C3].Version
	v.tab = tabC3
	v.Layout(ctx, area)
	if v.stale[lenet.C3] || v.maps[lenet.C3].Version == before {
		t.Error("opening the C3 tab did not colour its maps")
	}
	// The colours are those of the activations.
	want := ui.NewBitmap(v.maps[lenet.C3].W, v.maps[lenet.C3].H)
	s := lenet.C3.Shape()
	for c := range s.C {
		ui.FillDiverging(want, c*s.W, 0, v.acts.C3[c*100:(c+1)*100], 10, 10, ui.MaxAbs(v.acts.C3[:]), ctx.Theme)
	}
	for i := range want.Pix {
		if want.Pix[i] != v.maps[lenet.C3].Pix[i] {
			t.Fatal("C3 map colours differ from its activations")
		}
	}
}

func TestBadURLParameters(t *testing.T) {
	for q, want := range map[string]string{"sample=999": "sample=999 (a whole number from 0 to 99)", "sample=x": "sample=x (a whole number",
		"sample=1e99": "sample=1e99 (a whole number from 0 to 99)", "layer=C9": "layer=C9 (one of Input, C1, S2, C3, S4, C5, F6, Output)"} {
		ctx := newCtx(t, q)
		v := New(ctx)
		v.Layout(ctx, ui.R(0, 40, 1280, 760))
		var rec ui.Recorder
		v.Draw(ctx, &rec)
		if !rec.HasText(want) {
			t.Errorf("?%s: %q not shown", q, want)
		}
		if st := state(t, v); !strings.Contains(st["error"].(string), want) {
			t.Errorf("?%s: state error %q", q, st["error"])
		}
		for _, s := range rec.Texts() {
			if strings.Contains(s, "strconv") || strings.Contains(s, "parsing") {
				t.Errorf("?%s: a raw error is shown: %q", q, s)
			}
		}
	}
}

// state decodes the view's snapshot.
func state(t *testing.T, v *View) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(v.State().Bytes(), &m); err != nil {
		t.Fatalf("state %s: %v", v.State().Bytes(), err)
	}
	return m
}

// A prediction changes version on every new result and is settled only
// when no stroke is under way.
func TestPredictionVersions(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	p0 := v.Prediction()
	if p0.OK || !p0.Settled {
		t.Fatalf("blank pad: %+v", p0)
	}
	r := v.PadRect()
	at := func(x, y float64, ph ui.Phase) ui.PointerEvent {
		return ui.PointerEvent{Phase: ph, Primary: true, X: r.X + x*r.W, Y: r.Y + y*r.H, Pressure: 0.5}
	}
	frame(ctx, v, &tr, at(0.5, 0.2, ui.PointerDown))
	frame(ctx, v, &tr, at(0.5, 0.5, ui.PointerMove))
	p1 := v.Prediction()
	if !p1.OK || p1.Settled || p1.Version == p0.Version {
		t.Fatalf("during a stroke: %+v", p1)
	}
	frame(ctx, v, &tr, at(0.5, 0.8, ui.PointerMove))
	p2 := v.Prediction()
	if p2.Version == p1.Version || p2.Settled {
		t.Fatalf("the stroke goes on: %+v", p2)
	}
	frame(ctx, v, &tr, at(0.5, 0.8, ui.PointerUp))
	if p3 := v.Prediction(); !p3.Settled || !p3.OK {
		t.Fatalf("after the stroke: %+v", p3)
	}
	frame(ctx, v, &tr) // nothing changes: the same version
	p4 := v.Prediction()
	frame(ctx, v, &tr)
	if v.Prediction().Version != p4.Version {
		t.Error("the version changed without a new prediction")
	}
	v.Clear()
	frame(ctx, v, &tr)
	if p5 := v.Prediction(); p5.OK || p5.Version == p4.Version || !p5.Settled {
		t.Errorf("after clearing: %+v", p5)
	}
}

func TestTabNames(t *testing.T) {
	if got := fmt.Sprint(tabNames); got != "[32×32 C1 S2 C3 S4 C5·F6 K ✎]" {
		t.Errorf("tabs %s", got)
	}
}

// A sum too long to write names its largest terms, what each is, and how
// many it leaves out; terms that are 0 are not counted.
func TestLargestTerms(t *testing.T) {
	ts := []Term{{"a", 0.5}, {"b", -2}, {"c", 0}, {"d", 1}, {"e", -0.1}, {"f", 3}}
	if got, want := largest(ts, i18n.En), "3 (f) − 2 (b) + 1 (d) and 2 more terms"; got != want {
		t.Errorf("largest = %q, want %q", got, want)
	}
	if got := largest(ts[:2], i18n.En); got != "-2 (b) + 0.5 (a)" {
		t.Errorf("two terms: %q", got)
	}
	if got := largest([]Term{{"z", 0}}, i18n.En); got != "0" {
		t.Errorf("all zero: %q", got)
	}
}

// Every layer's computation fits its panel — at the embed's default
// 960×640, on a laptop, on a phone and in the projector layout — without
// unexplained notation, with the grids' numbers at a legible size or not
// at all.
func TestExplanationFits(t *testing.T) {
	for _, c := range []struct {
		name        string
		w, h, scale float64
		present     bool
	}{
		{"960x640", 960, 640, 1, false},
		{"1280x800@2", 2560, 1600, 2, false},
		{"390x844@3", 1170, 2532, 3, false},
		{"projector", 1920, 1080, 1.35, true},
	} {
		for _, l := range lenet.LayerIDs[lenet.C1:] {
			for _, lang := range []i18n.Lang{i18n.En, i18n.Ko} {
				ctx, v := sizedView(t, "sample=4&layer="+l.String(), lang, c.w, c.h, c.scale, c.present)
				var tr ui.Tracker
				frame(ctx, v, &tr)
				e, ok := v.explanation()
				if !ok {
					t.Fatalf("%s %v: nothing selected", c.name, l)
				}
				p := &v.info
				if !p.fits {
					t.Errorf("%s %v %v: the computation does not fit (level %d)", c.name, l, lang, p.level)
				}
				if p.numSize != 0 && p.numSize < ctx.MinText() {
					t.Errorf("%s %v: grid numbers of %.1f device pixels", c.name, l, p.numSize)
				}
				all := e.Title + strings.Join(e.Lines, " ") + e.Note
				for _, bad := range []string{"⊙", "e-0", "e+0", "(+"} {
					if strings.Contains(all, bad) {
						t.Errorf("%s %v: %q in %q", c.name, l, bad, all)
					}
				}
			}
		}
	}
}

// A caption "name: what it is" too long for its lines keeps its name at
// full size rather than shrinking the whole.
func TestCaptionKeepsItsName(t *testing.T) {
	st := ui.TextStyle{Size: 22}
	for _, c := range []struct {
		w    float64
		want string
	}{{600, "[28×28: crop, scale, centre]"}, {200, "[28×28: crop, scale, centre]"}, {90, "[28×28]"}} {
		var rec ui.Recorder
		caption2(&rec, "28×28: crop, scale, centre", 0, 100, c.w, 60, st)
		var got []string
		for _, o := range rec.Ops {
			got = append(got, o.Text)
			if o.R.H != st.Size && c.w >= 90 {
				t.Errorf("width %v: %q drawn at %v px, want %v", c.w, o.Text, o.R.H, st.Size)
			}
		}
		if s := fmt.Sprint(strings.Fields(strings.Join(got, " "))); s != c.want {
			t.Errorf("width %v: drew %v, want %v", c.w, s, c.want)
		}
	}
}

// sizedView is a view of query in lang on a screen of w×h device pixels
// at scale (the projector's theme if present), laid out under a 40-pixel
// header.
func sizedView(t *testing.T, query string, lang i18n.Lang, w, h, scale float64, present bool) (*ui.Context, *View) {
	t.Helper()
	ctx := newCtx(t, query)
	ctx.Lang, ctx.Scale, ctx.Present = lang, scale, present
	ctx.Screen = ui.R(0, 0, w, h)
	if present {
		th := ui.Light.Projector(scale)
		ctx.Theme = &th
	}
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40*scale, w, h-40*scale))
	return ctx, v
}
