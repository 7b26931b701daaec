package app_test

import (
	"image"
	"image/color"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/ui"
)

// nullCanvas draws nothing: what a frame costs the program itself, without
// the browser's drawing.
type nullCanvas struct{ ui.ApproxText }

func (nullCanvas) FillRect(ui.Rect, color.RGBA)                     {}
func (nullCanvas) StrokeRect(ui.Rect, float64, color.RGBA)          {}
func (nullCanvas) Line(_, _, _, _, _ float64, _ color.RGBA)         {}
func (nullCanvas) FillCircle(_, _, _ float64, _ color.RGBA)         {}
func (nullCanvas) Text(string, float64, float64, ui.TextStyle)      {}
func (nullCanvas) Image(*ui.Bitmap, image.Rectangle, ui.Rect, bool) {}

// BenchmarkFrame is the Go side of one whole frame of the program, Update
// then Draw, as the page runs it (at 1280×800): drawing a digit on the
// network view (the pad, the preprocessing, the forward pass, every map,
// the layout of the computation), pointing at C3's units, and the
// training view taking a worker's report. It is what building the views
// without inlining costs (site/docs/performance.md): ./build.sh bench
// frames runs it in Node with and without.
func BenchmarkFrame(b *testing.B) {
	w, err := lenet.Pretrained()
	if err != nil {
		b.Fatal(err)
	}
	start := func(b *testing.B, query string) *app.App {
		q, _ := url.ParseQuery(query)
		a := app.New(q, "en", w.Net, nil)
		a.Resize(1280, 800, 1)
		a.Update(&ui.Input{})
		a.Draw(nullCanvas{})
		return a
	}
	// Drawing on the pad, with the evidence maps off and on: the maps'
	// cost is each run's ratio to the first.
	for _, c := range []struct{ name, query string }{
		{"net/drawing", "lang=en"},
		{"net/drawing/why=occlusion", "lang=en&why=occlusion"},
		{"net/drawing/why=gradient", "lang=en&why=gradient"},
		{"net/drawing/why=gradient,layer=F6", "lang=en&why=gradient&layer=F6"},
	} {
		b.Run(c.name, func(b *testing.B) {
			a := start(b, c.query)
			var tr ui.Tracker
			// The pad's middle, from the app's layout: the left column.
			at := func(i int, ph ui.Phase) ui.PointerEvent {
				t := float64(i%240) * 0.03
				return ui.PointerEvent{Phase: ph, Primary: true, X: 150 + 90*math.Sin(t), Y: 230 - 90*math.Cos(t*0.7)}
			}
			evs := make([]ui.PointerEvent, 0, 4)
			in := &ui.Input{}
			for i := 0; b.Loop(); i++ {
				evs = evs[:0]
				if i%240 == 0 {
					evs = append(evs, at(i, ui.PointerUp), at(i, ui.PointerDown))
				} else {
					for k := range 4 {
						evs = append(evs, at(i*4+k, ui.PointerMove))
					}
				}
				in.Events = evs
				tr.Frame(in)
				a.Update(in)
				a.Draw(nullCanvas{})
			}
			st := string(a.State().Bytes())
			if !strings.Contains(st, `"inferences":`) || strings.Contains(st, `"inferences":0,`) {
				b.Fatalf("no inference while drawing: %.300s", st)
			}
			if strings.Contains(c.query, "why=") && !strings.Contains(st, `"shown":true`) {
				b.Fatalf("no evidence map while drawing: %.300s", st)
			}
		})
	}
	b.Run("net/pointing", func(b *testing.B) {
		a := start(b, "lang=en&sample=7&layer=C3")
		var tr ui.Tracker
		in := &ui.Input{}
		evs := make([]ui.PointerEvent, 1)
		for i := 0; b.Loop(); i++ {
			// Across the middle column, where the maps are.
			evs[0] = ui.PointerEvent{Phase: ui.PointerMove, Type: ui.Mouse, Primary: true, X: 420 + float64(i%300), Y: 120 + float64(i%200)}
			in.Events = evs
			tr.Frame(in)
			a.Update(in)
			a.Draw(nullCanvas{})
		}
		if st := string(a.State().Bytes()); !strings.Contains(st, `"info":{`) {
			b.Fatalf("no unit's computation while pointing: %.300s", st)
		}
	})
	b.Run("train/report", func(b *testing.B) {
		a := start(b, "lang=en&view=train")
		st := make([]float64, pagelink.NumStatus)
		kernels := make([]float32, pagelink.KernelFloats)
		in := &ui.Input{}
		for i := 0; b.Loop(); i++ {
			for k := range st {
				st[k] = math.NaN()
			}
			n := float64(64 * (i + 1))
			st[pagelink.Loaded], st[pagelink.Running], st[pagelink.Images], st[pagelink.Steps] = 1, 1, n, n/64
			st[pagelink.From], st[pagelink.Seed], st[pagelink.Run] = 0, 1, 0
			st[pagelink.LearningRate], st[pagelink.BatchSize], st[pagelink.EvalEvery], st[pagelink.NextEvaluation] = 0.002, 64, 10000, 10000
			st[pagelink.Loss], st[pagelink.TrainAccuracy] = 2.3/(1+n/1000), 1-0.9/(1+n/1000)
			kernels[i%len(kernels)] = float32(i%7) * 0.01
			a.Ctx.Shared.Link.Deliver(pagelink.Event{Slot: pagelink.Train, Kind: pagelink.Progress, Nums: st, Floats: kernels})
			a.Update(in)
			a.Draw(nullCanvas{})
			a.Ctx.Shared.Link.TakeRequests()
		}
		if st := string(a.State().Bytes()); strings.Contains(st, `"points":0,`) {
			b.Fatalf("the reports did not reach the curves: %.300s", st)
		}
	})
}
