package netview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// click presses and releases the mouse at the middle of r and returns
// what the release frame asked the page for.
func click(ctx *ui.Context, v *View, tr *ui.Tracker, r ui.Rect) ui.Requests {
	at := func(ph ui.Phase) ui.PointerEvent {
		return ui.PointerEvent{Phase: ph, Primary: true, X: r.CenterX(), Y: r.CenterY(), Pressure: 0.5}
	}
	frame(ctx, v, tr, at(ui.PointerDown))
	in := &ui.Input{Events: []ui.PointerEvent{at(ui.PointerUp)}}
	tr.Frame(in)
	ctx.Focus.Begin(in)
	v.Update(ctx, in)
	return ctx.TakeRequests()
}

// The Save… menu saves what the keys save, names the layer it will hold,
// and does not draw on the pad under it.
func TestSaveMenu(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	click(ctx, v, &tr, v.save.btn.Rect)
	if !v.save.open {
		t.Fatal("the button did not open the menu")
	}
	if v.save.head != txtNothingToSave.En || !v.save.items[saveLayerPNG].Disabled || !v.save.items[saveCSV].Disabled ||
		!v.save.items[saveJSON].Disabled || v.save.items[saveViewPNG].Disabled {
		t.Errorf("a blank pad: %q, items %+v", v.save.head, v.save.items)
	}
	if r := click(ctx, v, &tr, v.save.items[saveLayerPNG].Rect); len(r.Files) != 0 || !v.save.open {
		t.Errorf("a disabled item saved %+v or closed the menu", r.Files)
	}
	if r := click(ctx, v, &tr, v.save.items[saveViewPNG].Rect); !r.SaveView || v.save.open {
		t.Errorf("the view item: %+v, open %v", r, v.save.open)
	}
	if v.pad.Strokes() != 0 {
		t.Error("clicking the menu over the pad drew on it")
	}
	// A press elsewhere closes it and does what it does there.
	click(ctx, v, &tr, v.save.btn.Rect)
	stroke(ctx, v, &tr, [2]float64{0.1, 0.9}, [2]float64{0.2, 0.95})
	if v.save.open || v.pad.Strokes() != 1 {
		t.Errorf("a stroke outside the menu: open %v, %d strokes", v.save.open, v.pad.Strokes())
	}

	if err := v.LoadSample(ctx, 7); err != nil {
		t.Fatal(err)
	}
	frame(ctx, v, &tr)
	want := map[int]string{saveLayerPNG: "lenet5-Input-1x32x32-sample7.png", saveCSV: "lenet5-Input-1x32x32-sample7.csv", saveJSON: "lenet5-Input-1x32x32-sample7.json"}
	for i, name := range want {
		click(ctx, v, &tr, v.save.btn.Rect)
		if !strings.Contains(v.save.head, "input") || !strings.Contains(v.save.head, "point at") || !strings.HasPrefix(v.save.items[i].Label, "Input ") && i != saveViewPNG || v.save.items[i].Disabled {
			t.Fatalf("no layer pointed at: %q, %+v", v.save.head, v.save.items[i])
		}
		r := click(ctx, v, &tr, v.save.items[i].Rect)
		if len(r.Files) != 1 || r.Files[0].Name != name || v.save.open {
			t.Errorf("item %d saved %+v, open %v", i, r.Files, v.save.open)
		}
	}
	if v.pad.Strokes() != 0 || v.sample != 7 {
		t.Errorf("the menu drew on the sample: %d strokes, sample %d", v.pad.Strokes(), v.sample)
	}

	// Pointing at C3 makes it the layer saved; the label says so.
	ctx.Lang = i18n.Ko
	v.selectLayer(lenet.C3)
	frame(ctx, v, &tr)
	click(ctx, v, &tr, v.save.btn.Rect)
	if v.save.head != "가리킨 층 C3" || v.save.items[saveJSON].Label != "C3 값을 JSON으로 (J)" {
		t.Errorf("C3 in Korean: %q, %q", v.save.head, v.save.items[saveJSON].Label)
	}
	// On a touch screen nothing is pointed at: a layer is tapped.
	touch := newCtx(t, "sample=7")
	touch.Touch = true
	tv := New(touch)
	tv.Layout(touch, ui.R(0, 40, 390, 804))
	var ttr ui.Tracker
	frame(touch, tv, &ttr)
	click(touch, tv, &ttr, tv.save.btn.Rect)
	if !strings.Contains(tv.save.head, "tap a layer") {
		t.Errorf("on a touch screen: %q", tv.save.head)
	}
	if r := click(ctx, v, &tr, v.save.items[saveLayerPNG].Rect); len(r.Files) != 1 || r.Files[0].Name != "lenet5-C3-16x10x10-sample7.png" {
		t.Errorf("C3's picture: %+v", r.Files)
	}
	click(ctx, v, &tr, v.save.btn.Rect)
	keyFrame(ctx, v, &tr, "Escape")
	if v.save.open {
		t.Error("Escape left the menu open")
	}
}

// The button and the menu fit the screen on a phone, a laptop and a
// projector, without keys on a touch screen, every label in its item.
func TestSaveMenuFits(t *testing.T) {
	for _, c := range []struct {
		w, h, scale    float64
		touch, present bool
	}{{960, 640, 1, false, false}, {1280, 800, 2, false, false}, {390, 844, 3, true, false}, {1920, 1080, 1, false, true}, {320, 568, 2, true, false}, {844, 390, 3, true, false}} {
		for _, lang := range []i18n.Lang{i18n.En, i18n.Ko} {
			name := fmt.Sprintf("%gx%g/%s", c.w, c.h, lang.Code())
			ctx := newCtx(t, "sample=3&layer=F6")
			ctx.Lang, ctx.Scale, ctx.Touch, ctx.Present = lang, c.scale, c.touch, c.present
			ctx.Screen = ui.R(0, 0, c.w*c.scale, c.h*c.scale)
			v := New(ctx)
			area := ui.R(0, 40*c.scale, c.w*c.scale, (c.h-40)*c.scale)
			v.Layout(ctx, area)
			var tr ui.Tracker
			frame(ctx, v, &tr)
			click(ctx, v, &tr, v.save.btn.Rect)
			s := &v.save
			if !s.open {
				t.Fatalf("%s: the menu did not open", name)
			}
			inside := func(what string, r, in ui.Rect) {
				if r.Empty() || r.X < in.X-0.5 || r.Y < in.Y-0.5 || r.Right() > in.Right()+0.5 || r.Bottom() > in.Bottom()+0.5 {
					t.Errorf("%s: %s %v outside %v", name, what, r, in)
				}
			}
			inside("button", s.btn.Rect, area)
			inside("menu", s.menu, area)
			if overlaps(s.btn.Rect, v.places.Tabs) || overlaps(s.btn.Rect, v.places.Scores) || overlaps(s.btn.Rect, v.places.Buttons[0]) {
				t.Errorf("%s: the button %v covers the tabs, the scores or the buttons", name, s.btn.Rect)
			}
			if g := v.places.Grids[lenet.C1].Label; c.present && g.X+ctx.MeasureText(v.heading(lang, lenet.C1), ui.TextStyle{Size: v.places.Caption}) > s.btn.Rect.X {
				t.Errorf("%s: the button %v covers C1's heading %v", name, s.btn.Rect, g)
			}
			if overlaps(s.btn.Rect, v.places.Pad) {
				t.Errorf("%s: the button %v covers the pad %v", name, s.btn.Rect, v.places.Pad)
			}
			st := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}
			for i, it := range s.items {
				inside(fmt.Sprint("item ", i), it.Rect, s.menu)
				if it.Rect.H < 30*c.scale {
					t.Errorf("%s: item %d is %v high", name, i, it.Rect.H)
				}
				if w := ctx.MeasureText(it.Label, st); w > it.Rect.W {
					t.Errorf("%s: %q is %v wide in an item of %v", name, it.Label, w, it.Rect.W)
				}
				if strings.Contains(it.Label, "(") != !(c.touch || c.present) {
					t.Errorf("%s: %q (touch %v)", name, it.Label, c.touch)
				}
			}
			if !strings.Contains(s.head, "F6") {
				t.Errorf("%s: %q", name, s.head)
			}
			v.Draw(ctx, &ui.Recorder{})
		}
	}
}
