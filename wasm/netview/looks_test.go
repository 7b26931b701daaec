package netview

import (
	"fmt"
	"testing"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// looksDone runs frames until the ranking is finished; an unfinished one
// must ask for another frame.
func looksDone(t *testing.T, ctx *ui.Context, v *View, tr *ui.Tracker) {
	t.Helper()
	for i := 0; ; i++ {
		r := keyFrame(ctx, v, tr)
		done, total := v.looks.ex.Progress()
		if done == total {
			return
		}
		if !r.Again {
			t.Fatalf("the ranking stopped at %d of %d without asking for a frame", done, total)
		}
		if i > 1000 {
			t.Fatal("the ranking was not finished in 1000 frames")
		}
	}
}

// checkLooks compares the strip with evidence.Exciters run at once over
// the samples: the same samples in the same order with the same values,
// each crop the sample's input inside the unit's field, the first the
// drawing's, and the pictures their grey levels.
func checkLooks(t *testing.T, ctx *ui.Context, v *View) {
	t.Helper()
	lk := &v.looks
	want, err := evidence.NewExciters(ctx.Shared.Net, looksSet, looksKeep)
	if err != nil {
		t.Fatal(err)
	}
	if err := want.Run(); err != nil {
		t.Fatal(err)
	}
	eu := exciterUnit(v.sel)
	top, err := want.Top(eu, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lk.top) != len(top) {
		t.Fatalf("%v: %d samples, evidence.Exciters keeps %d", v.sel, len(lk.top), len(top))
	}
	if lk.field != eu.Field() || lk.field != OnInput(v.sel) {
		t.Fatalf("%v: field %v, want %v", v.sel, lk.field, eu.Field())
	}
	var x [lenet.InputLen]float32
	check := func(i int, in []float32, what string) {
		t.Helper()
		crop, err := evidence.Crop(nil, in, lk.field)
		if err != nil {
			t.Fatal(err)
		}
		got := lk.crops[i*lenet.InputLen : i*lenet.InputLen+len(crop)]
		for j := range crop {
			if got[j] != crop[j] {
				t.Fatalf("%v: crop %d (%s) value %d is %v, want %v", v.sel, i, what, j, got[j], crop[j])
			}
		}
		b := ui.NewBitmap(lk.field.Dx(), lk.field.Dy())
		ui.FillGray(b, 0, 0, crop, lk.field.Dx(), lk.field.Dy(), ctx.Theme)
		for y := range lk.field.Dy() {
			row := lk.bmp.Pix[4*(y*lk.bmp.W+i*lenet.InputSide) : 4*(y*lk.bmp.W+i*lenet.InputSide+lk.field.Dx())]
			if string(row) != string(b.Pix[4*y*b.W:4*(y+1)*b.W]) {
				t.Fatalf("%v: picture %d (%s), row %d differs from its crop's grey levels", v.sel, i, what, y)
			}
		}
	}
	check(0, v.acts.Input[:], "the drawing")
	if want := v.sel.Layer.Values(&v.acts)[v.sel.Index()]; lk.own != want || lk.nums[0] != ui.FormatNum(want) {
		t.Errorf("%v: the drawing's value %v (%q), the activations say %v", v.sel, lk.own, lk.nums[0], want)
	}
	for i, e := range top {
		if lk.top[i] != e {
			t.Fatalf("%v: sample %d is %+v, evidence.Exciters says %+v", v.sel, i, lk.top[i], e)
		}
		if lk.nums[i+1] != ui.FormatNum(e.Value) {
			t.Errorf("%v: sample %d is labelled %q for %v", v.sel, i, lk.nums[i+1], e.Value)
		}
		if err := looksSet.Input(e.Image, x[:]); err != nil {
			t.Fatal(err)
		}
		check(i+1, x[:], fmt.Sprint("sample ", e.Image))
	}
}

// The strip of a C3, C5, F6 and Output unit shows what evidence.Exciters
// ranks first for it, cropped to its receptive field; it is ranked once
// per weights, follows the unit and the drawing, and a click on a sample
// puts it on the pad.
func TestLooks(t *testing.T) {
	ctx := newCtx(t, "sample=3&layer=C3")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if !v.looksShown() || v.sel.Layer != lenet.C3 {
		t.Fatalf("no strip for %v at 1280×800 (info %v)", v.sel, v.places.Info)
	}
	looksDone(t, ctx, v, &tr)
	if len(v.looks.top) == 0 {
		t.Fatalf("no sample excites %v, the most active C3 unit of sample 3", v.sel)
	}
	checkLooks(t, ctx, v)
	ex := v.looks.ex
	if !inside(v.looks.at, v.places.Info) || overlaps(v.looks.at, v.infoAt) {
		t.Errorf("the strip %v is not inside the panel %v, or covers the computation %v", v.looks.at, v.places.Info, v.infoAt)
	}
	st := state(t, v)["looks"].(map[string]any)
	if st["complete"] != true || st["unit"] != v.sel.String() || len(st["images"].([]any)) != len(v.looks.top) {
		t.Errorf("state %v", st)
	}

	// Other units of every layer with a strip: no new ranking.
	for _, u := range []Unit{{lenet.C3, 15, 9, 0}, {lenet.C5, 7, 0, 0}, {lenet.F6, 3, 0, 0}, {lenet.Output, 3, 0, 0}} {
		v.sel, v.hasSel = u, true
		keyFrame(ctx, v, &tr)
		if !v.looksShown() {
			t.Errorf("no strip for %v", u)
			continue
		}
		if v.looks.ex != ex {
			t.Errorf("%v: ranked again for the same weights", u)
		}
		checkLooks(t, ctx, v)
	}

	// A click on the first sample puts it on the pad; the drawing's crop
	// follows.
	img := v.looks.top[0].Image
	r := v.looks.thumbs[1]
	frame(ctx, v, &tr, ui.PointerEvent{Phase: ui.PointerDown, Primary: true, X: r.CenterX(), Y: r.CenterY()})
	frame(ctx, v, &tr, ui.PointerEvent{Phase: ui.PointerUp, Primary: true, X: r.CenterX(), Y: r.CenterY()})
	if v.sample != img {
		t.Errorf("a click on sample %d loaded %d", img, v.sample)
	}
	frame(ctx, v, &tr)
	checkLooks(t, ctx, v)

	// New weights: ranked again.
	ctx.Shared.NetVersion++
	keyFrame(ctx, v, &tr)
	if v.looks.ex == ex {
		t.Fatal("the weights changed, the ranking did not start again")
	}
	looksDone(t, ctx, v, &tr)
	checkLooks(t, ctx, v)

	// No strip for the other layers, nor without a unit.
	for _, u := range []Unit{{lenet.C1, 0, 3, 3}, {lenet.S2, 0, 3, 3}, {lenet.S4, 0, 1, 1}} {
		v.sel = u
		keyFrame(ctx, v, &tr)
		if v.looksShown() || v.infoAt != v.places.Info {
			t.Errorf("%v: strip shown %v, computation in %v of %v", u, v.looksShown(), v.infoAt, v.places.Info)
		}
	}
	keyFrame(ctx, v, &tr, "Escape")
	if v.looksShown() {
		t.Error("a strip with no unit pointed at")
	}
}

// Where the strip is shown: at the sizes of TestExplanationFits, for
// every layer with a strip and both languages, the strip, where it is
// shown, is inside the panel, under the computation, with at least
// looksMin samples and legible numbers, and the computation beside it
// keeps its pictures and its grids' numbers and leaves out no more text
// than the note and the receptive field's line (the projector: its body
// text may step down to its small size). On a laptop and a projector it
// is shown for every such layer.
func TestLooksLayouts(t *testing.T) {
	for _, c := range []struct {
		name        string
		w, h, scale float64
		present     bool
		always      bool
	}{
		{"960x640", 960, 640, 1, false, false},
		{"1280x800", 1280, 800, 1, false, true},
		{"1280x800@2", 2560, 1600, 2, false, true},
		{"390x844@3", 1170, 2532, 3, false, false},
		{"projector", 1920, 1080, 1.35, true, true},
	} {
		for _, l := range []lenet.LayerID{lenet.C3, lenet.C5, lenet.F6, lenet.Output} {
			for _, lang := range []i18n.Lang{i18n.En, i18n.Ko} {
				ctx, v := sizedView(t, "sample=4&layer="+l.String(), lang, c.w, c.h, c.scale, c.present)
				var tr ui.Tracker
				frame(ctx, v, &tr)
				frame(ctx, v, &tr)
				lk := &v.looks
				t.Logf("%s %v %v: strip %v, %d thumbnails, computation level %d", c.name, l, lang, v.looksShown(), lk.n, v.info.level)
				if !v.looksShown() {
					if c.always {
						t.Errorf("%s %v %v: no strip (panel %v)", c.name, l, lang, v.places.Info)
					}
					continue
				}
				if !inside(lk.at, v.places.Info) || lk.at.Y < v.infoAt.Bottom() || lk.n < looksMin+1 {
					t.Errorf("%s %v: strip %v with %d thumbnails, panel %v, computation %v", c.name, l, lk.at, lk.n, v.places.Info, v.infoAt)
				}
				for i := range lk.n {
					if !inside(lk.thumbs[i], lk.at) {
						t.Errorf("%s %v: thumbnail %d %v outside the strip %v", c.name, l, i, lk.thumbs[i], lk.at)
					}
				}
				if lk.numSize < ctx.MinText()-0.01 || lk.textSize < ctx.MinText()-0.01 {
					t.Errorf("%s %v: text of %.1f, numbers of %.1f device pixels", c.name, l, lk.textSize, lk.numSize)
				}
				with := v.info
				v.layoutInfo(ctx, v.places.Info, &v.expl)
				alone := v.info
				if !with.fits || !with.pics || with.level > max(2, alone.level) && !c.present || (alone.numSize > 0) != (with.numSize > 0) {
					t.Errorf("%s %v: with the strip the computation fits %v, pictures %v, level %d, numbers %.1f; alone level %d, numbers %.1f",
						c.name, l, with.fits, with.pics, with.level, with.numSize, alone.level, alone.numSize)
				}
			}
		}
	}
}

// inside reports whether a lies inside b (to half a pixel).
func inside(a, b ui.Rect) bool {
	return a.X >= b.X-0.5 && a.Y >= b.Y-0.5 && a.Right() <= b.Right()+0.5 && a.Bottom() <= b.Bottom()+0.5
}
