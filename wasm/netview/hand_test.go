package netview

import (
	"bytes"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// New weights (ctx.Shared.Net replaced, NetVersion changed) show at the
// next frame: C1's kernels, and the drawing read again.
func TestNewWeights(t *testing.T) {
	ctx := newCtx(t, "sample=7")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if v.Prediction().Label != 7 {
		t.Fatal("sample 7 not read as a 7")
	}
	kv, n := v.kernelBmp.Version, v.Inferences
	other := lenet.New() // all weights zero: every class equally likely
	ctx.Shared.Net = other
	ctx.Shared.NetVersion++
	frame(ctx, v, &tr)
	if v.kernelBmp.Version == kv || v.Inferences != n+1 || v.acts.Probs[7] != 0.1 {
		t.Errorf("after new weights: kernels %v→%v, inferences %d→%d, p(7) %v", kv, v.kernelBmp.Version, n, v.Inferences, v.acts.Probs[7])
	}
}

// LoadPicture puts any picture on the pad, read like a sample.
func TestLoadPicture(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var pix [784]float32
	if _, err := samples.Float(pix[:], 3); err != nil {
		t.Fatal(err)
	}
	if err := v.LoadPicture(pix[:], 28, 28); err != nil {
		t.Fatal(err)
	}
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if p := v.Prediction(); !p.OK || p.Label != 3 {
		t.Errorf("the picture of a 3 read as %+v", p)
	}
	if err := v.LoadPicture(pix[:5], 28, 28); err == nil {
		t.Error("5 pixels taken as 28×28")
	}
}

// The handwriting panel: the view the program opens has it, behind a
// button (wide) or the last tab (narrow); a view made with New has not.
// A file the page delivers opens it.
func TestHandPanel(t *testing.T) {
	ctx := newCtx(t, "")
	ctx.Shared.Link = new(pagelink.Link)
	if v := New(ctx); v.hand != nil {
		t.Fatal("New made a panel")
	}
	v := newWithPanel(ctx).(*View)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	if v.places.HandBtn.Empty() || v.handOpen() || v.places.Info.Bottom() > v.places.HandBtn.Y {
		t.Fatalf("button %v, info %v", v.places.HandBtn, v.places.Info)
	}
	var tr ui.Tracker
	b := v.places.HandBtn
	frame(ctx, v, &tr, ui.PointerEvent{Phase: ui.PointerDown, Primary: true, X: b.CenterX(), Y: b.CenterY()},
		ui.PointerEvent{Phase: ui.PointerUp, Primary: true, X: b.CenterX(), Y: b.CenterY()})
	if !v.handOpen() {
		t.Fatal("the button did not open the panel")
	}
	// Pointing over the open panel selects no unit under it.
	m := v.places.Hand
	frame(ctx, v, &tr, ui.PointerEvent{Phase: ui.PointerMove, Primary: true, X: m.X + 20, Y: m.Y + 30})
	if v.hasSel {
		t.Errorf("pointing at the panel selected %v", v.sel)
	}
	var rec ui.Recorder
	v.Draw(ctx, &rec)
	if !rec.HasText("Your handwriting") || rec.HasText("C3 · ") {
		t.Error("the open panel is not drawn over the layers")
	}

	// On a phone: the last tab; a weights file arriving opens it.
	p := newCtx(t, "")
	p.Shared.Link = new(pagelink.Link)
	p.Screen = ui.R(0, 0, 390*3, 844*3)
	p.Scale = 3
	w := newWithPanel(p).(*View)
	w.Layout(p, ui.R(0, 120, 390*3, 844*3-120))
	if !w.places.Narrow || len(w.tabs.Options) != int(numTabs) || w.tabs.Options[tabHand] != "✎" {
		t.Fatalf("tabs %v", w.tabs.Options)
	}
	var file bytes.Buffer
	if err := lenet.Encode(&file, lenet.New(), "zeros"); err != nil {
		t.Fatal(err)
	}
	p.Shared.Link.Deliver(pagelink.Event{Slot: pagelink.Page, Kind: pagelink.File, Name: "zeros.weights", Bytes: file.Bytes()})
	frame(p, w, &tr)
	if w.tab != tabHand || !w.handOpen() || w.places.Hand.Empty() || p.Shared.NetVersion != 1 {
		t.Errorf("after a file: tab %d, open %v, hand %v, version %d", w.tab, w.handOpen(), w.places.Hand, p.Shared.NetVersion)
	}
}
