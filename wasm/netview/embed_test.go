package netview

import (
	"strings"
	"testing"

	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// A picture from the page is read like a drawing: an MNIST digit as
// white-on-black bytes, the same digit enlarged as black ink on white,
// both read as their label; a blank picture is an error and changes
// nothing.
func TestTakeImage(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	for _, i := range []int{0, 17, 42} {
		g, err := samples.Gray(i)
		if err != nil {
			t.Fatal(err)
		}
		// White on black, 28×28, as MNIST keeps it.
		if err := v.TakeImage(ctx, 28, 28, g); err != nil {
			t.Fatal(err)
		}
		frame(ctx, v, &tr)
		if p := v.Prediction(); !p.OK || p.Label != samples.Label(i) {
			t.Errorf("sample %d as a picture: %+v, want %d", i, p, samples.Label(i))
		}
		// Black on white, three times as large and off centre.
		const w, h = 120, 100
		big := make([]uint8, w*h)
		for k := range big {
			big[k] = 255
		}
		for y := range 84 {
			for x := range 84 {
				big[(y+10)*w+x+30] = 255 - g[(y/3)*28+x/3]
			}
		}
		if err := v.TakeImage(ctx, w, h, big); err != nil {
			t.Fatal(err)
		}
		frame(ctx, v, &tr)
		if p := v.Prediction(); !p.OK || p.Label != samples.Label(i) {
			t.Errorf("sample %d enlarged, black on white: %+v, want %d", i, p, samples.Label(i))
		}
		if v.sample != -1 {
			t.Errorf("a picture counts as sample %d", v.sample)
		}
	}
	before := v.Prediction()
	blank := make([]uint8, 64*64)
	if err := v.TakeImage(ctx, 64, 64, blank); err == nil || !strings.Contains(err.Error(), "blank") {
		t.Errorf("a blank picture: %v", err)
	}
	if err := v.TakeImage(ctx, 10, 10, make([]uint8, 99)); err == nil {
		t.Error("99 bytes for 10×10 accepted")
	}
	frame(ctx, v, &tr)
	if after := v.Prediction(); after.Label != before.Label || after.Version != before.Version {
		t.Errorf("a refused picture changed the prediction: %+v → %+v", before, after)
	}
}

func TestSetParam(t *testing.T) {
	ctx := newCtx(t, "sample=3")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if err := v.SetParam(ctx, "layer", "C3"); err != nil {
		t.Fatal(err)
	}
	st := state(t, v)
	if s, _ := st["selected"].(string); !strings.HasPrefix(s, "C3[") {
		t.Fatalf("after layer=C3: selected %v", st["selected"])
	}
	var most float32
	for _, x := range v.acts.C3 {
		most = max(most, x)
	}
	if got := v.acts.C3[v.sel.Index()]; got != most {
		t.Errorf("layer=C3 selected %v with %v, the largest C3 value is %v", v.sel, got, most)
	}
	if err := v.SetParam(ctx, "sample", "7"); err != nil || v.sample != 7 {
		t.Errorf("sample=7: %v, sample %d", err, v.sample)
	}
	for _, bad := range [][2]string{{"layer", "C9"}, {"sample", "x"}, {"brush", "1"}} {
		if err := v.SetParam(ctx, bad[0], bad[1]); err == nil {
			t.Errorf("%s=%s accepted", bad[0], bad[1])
		}
	}
}
