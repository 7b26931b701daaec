package netview

import (
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/ui"
)

// keyFrame runs a frame in which the keys were pressed, and returns what
// the view asked the program for.
func keyFrame(ctx *ui.Context, v *View, tr *ui.Tracker, keys ...string) ui.Requests {
	in := &ui.Input{Keys: keys}
	tr.Frame(in)
	ctx.Focus.Begin(in)
	v.Update(ctx, in)
	return ctx.TakeRequests()
}

// The maps follow the drawing, the method, the patch and the class
// pointed at, and the occlusion map, refined over frames, ends as the one
// evidence.Occlusion makes at once.
func TestWhyMaps(t *testing.T) {
	ctx := newCtx(t, "sample=7")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	if v.whyShown() || v.places.Why.Empty() {
		t.Fatalf("the maps are shown before E, or there is no Why button: %v", v.places.Why)
	}
	keyFrame(ctx, v, &tr, "KeyE")
	if !v.whyShown() || v.why.method != whyOcclusion || v.why.patch != defaultPatch {
		t.Fatalf("after E: shown %v, method %v, patch %d", v.whyShown(), v.why.method, v.why.patch)
	}
	label := v.acts.Label()
	if tg, pointed := v.whyTarget(); tg != label || pointed {
		t.Errorf("the map is of %d (pointed %v), the prediction is %d", tg, pointed, label)
	}
	// Frames until the map is done: it asks for them.
	for i := 0; !v.why.complete; i++ {
		if r := keyFrame(ctx, v, &tr); !r.Again && !v.why.complete {
			t.Fatal("an unfinished map did not ask for another frame")
		}
		if i > 100 {
			t.Fatal("the occlusion map was not finished in 100 frames")
		}
	}
	var want evidence.Occlusion
	wantMap := make([]float32, lenet.InputLen)
	if err := want.Start(ctx.Shared.Net, v.acts.Input[:], label, evidence.Options{Patch: defaultPatch, Stride: 1, Score: evidence.Logit}); err != nil {
		t.Fatal(err)
	}
	want.Run()
	_ = want.Map(wantMap)
	for i, x := range wantMap {
		if v.why.m[i] != x {
			t.Fatalf("pixel %d of the map: %v, evidence.Occlusion says %v", i, v.why.m[i], x)
		}
	}
	if share, area, _ := evidence.InkShare(v.why.m[:], v.acts.Input[:], 1); share < 0.75 || share < 2*area {
		t.Errorf("%.2f of the evidence for %d on %.2f of the input", share, label, area)
	}
	// The overlay on the pad: opaque nowhere, coloured where the map is.
	coloured := 0
	for i := 3; i < len(v.why.padBmp.Pix); i += 4 {
		if a := v.why.padBmp.Pix[i]; a > 0 {
			coloured++
			if a > 192 {
				t.Fatalf("the overlay hides the drawing: alpha %d", a)
			}
		}
	}
	if coloured < 100 {
		t.Errorf("%d pixels of the pad show the map", coloured)
	}

	// Pointing at the bar of 3 makes it the map's class.
	r := v.scoreRow(3)
	in := &ui.Input{Events: []ui.PointerEvent{{Phase: ui.PointerMove, Type: ui.Mouse, Primary: true, X: r.CenterX(), Y: r.CenterY()}}}
	tr.Frame(in)
	v.Update(ctx, in)
	ctx.TakeRequests()
	if tg, pointed := v.whyTarget(); tg != 3 || !pointed || v.why.of.target != 3 {
		t.Errorf("pointing at the bar of 3: the map is of %d (pointed %v, made for %d)", tg, pointed, v.why.of.target)
	}
	// M: the gradient, then gradient × input; [ and ] stay within 2–8.
	keyFrame(ctx, v, &tr, "KeyM")
	if v.why.method != whyGradient || !v.why.complete {
		t.Errorf("after M: method %v, complete %v", v.why.method, v.why.complete)
	}
	grad := v.why.m
	keyFrame(ctx, v, &tr, "KeyM")
	for i, g := range grad {
		if want := g * v.acts.Input[i]; v.why.m[i] != want {
			t.Fatalf("gradient × input at %d: %v, want %v", i, v.why.m[i], want)
		}
	}
	for range 10 {
		keyFrame(ctx, v, &tr, "BracketRight")
	}
	if v.why.patch != maxPatch {
		t.Errorf("patch %d after ten ]", v.why.patch)
	}
	keyFrame(ctx, v, &tr, "KeyE")
	if v.whyShown() {
		t.Error("E did not hide the maps")
	}
}

// While the student draws, a frame computes only the occlusion map's
// first, coarse round.
func TestWhyWhileDrawing(t *testing.T) {
	ctx := newCtx(t, "why=occlusion")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	r := v.PadRect()
	at := func(x, y float64, ph ui.Phase) ui.PointerEvent {
		return ui.PointerEvent{Phase: ph, Primary: true, X: r.X + x*r.W, Y: r.Y + y*r.H, Pressure: 0.5}
	}
	frame(ctx, v, &tr, at(0.5, 0.15, ui.PointerDown))
	for i := 1; i <= 8; i++ {
		frame(ctx, v, &tr, at(0.5, 0.15+0.09*float64(i), ui.PointerMove))
		// The coarse round done, and of the rest only patches over
		// background, which cost nothing.
		done, total, evaluated := v.why.occ.Progress()
		if !v.whyShown() || done < v.why.coarse || done >= total || evaluated > v.why.coarse {
			t.Fatalf("while drawing: shown %v, %d of %d positions (%d evaluated), coarse round %d", v.whyShown(), done, total, evaluated, v.why.coarse)
		}
	}
	frame(ctx, v, &tr, at(0.5, 0.9, ui.PointerUp))
	for range 100 {
		if v.why.complete {
			break
		}
		frame(ctx, v, &tr)
	}
	if !v.why.complete {
		t.Error("the map was not finished after the stroke")
	}
}

// Explain answers scripts, and says what is wrong.
func TestExplain(t *testing.T) {
	ctx := newCtx(t, "")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	if _, _, _, err := v.Explain(ctx, "gradient", -1); err == nil || !strings.Contains(err.Error(), "nothing is drawn") {
		t.Errorf("explain on a blank pad: %v", err)
	}
	if err := v.LoadSample(ctx, 3); err != nil {
		t.Fatal(err)
	}
	var tr ui.Tracker
	frame(ctx, v, &tr)
	for _, bad := range []struct {
		m string
		t int
	}{{"magic", -1}, {"gradient", 10}, {"occlusion", -2}} {
		if _, _, _, err := v.Explain(ctx, bad.m, bad.t); err == nil {
			t.Errorf("explain(%q, %d) accepted", bad.m, bad.t)
		}
	}
	w, h, g, err := v.Explain(ctx, "gradient", 5)
	if err != nil || w != 32 || h != 32 || len(g) != lenet.InputLen {
		t.Fatalf("explain gradient: %d×%d, %d values, %v", w, h, len(g), err)
	}
	var want [lenet.InputLen]float32
	var gr evidence.Gradient
	if err := gr.Compute(ctx.Shared.Net, v.acts.Input[:], 5, evidence.Logit, want[:]); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Fatalf("gradient pixel %d: %v, want %v", i, g[i], want[i])
		}
	}
	if _, _, o, err := v.Explain(ctx, "occlusion", -1); err != nil || ui.MaxAbs(o) == 0 {
		t.Errorf("explain occlusion: %v, largest |value| %v", err, ui.MaxAbs(o))
	}
}

// X saves the layer pointed at as a picture, J its values as JSON,
// Shift+J as CSV, Shift+X the view; the evidence map exports too.
func TestSave(t *testing.T) {
	ctx := newCtx(t, "sample=7&layer=C3")
	v := New(ctx)
	v.Layout(ctx, ui.R(0, 40, 1280, 760))
	var tr ui.Tracker
	frame(ctx, v, &tr)
	r := keyFrame(ctx, v, &tr, "KeyX")
	if len(r.Files) != 1 || r.Files[0].Name != "lenet5-C3-16x10x10-sample7.png" || !r.Files[0].Picture.Check() {
		t.Fatalf("X saved %+v", r.Files)
	}
	p := r.Files[0].Picture
	found := false
	for _, l := range p.Labels {
		found = found || strings.Contains(l.Text, "MNIST test digit #7")
	}
	if !found {
		t.Errorf("no caption in %v", p.Labels)
	}
	r = keyFrame(ctx, v, &tr, "KeyJ")
	if len(r.Files) != 1 || r.Files[0].Type != "application/json" || !strings.Contains(string(r.Files[0].Bytes), `"layer": "C3"`) {
		t.Errorf("J saved %+v", r.Files)
	}
	in := &ui.Input{Keys: []string{"KeyJ"}, Shift: true}
	v.Update(ctx, in)
	if r := ctx.TakeRequests(); len(r.Files) != 1 || !strings.HasPrefix(string(r.Files[0].Bytes), "source,layer,channel,row,column,value\nsample 7,C3,0,0,0,") {
		t.Errorf("Shift+J saved %+v", r.Files)
	}
	in = &ui.Input{Keys: []string{"KeyX"}, Shift: true}
	v.Update(ctx, in)
	if r := ctx.TakeRequests(); !r.SaveView || len(r.Files) != 0 {
		t.Errorf("Shift+X: %+v", r)
	}
	if _, err := v.ExportPicture(ctx, evidenceLayer); err == nil {
		t.Error("the evidence map exported while hidden")
	}
	keyFrame(ctx, v, &tr, "KeyE")
	for !v.why.complete {
		keyFrame(ctx, v, &tr)
	}
	f, err := v.ExportPicture(ctx, evidenceLayer)
	if err != nil || !f.Picture.Check() || !strings.HasPrefix(f.Name, "lenet5-Evidence-1x32x32-sample7-occlusion-for-") {
		t.Errorf("the evidence map: %q, %v", f.Name, err)
	}
	if _, err := v.ExportPicture(ctx, "C9"); err == nil {
		t.Error("C9 exported")
	}
}

func TestSub(t *testing.T) {
	for _, c := range []struct {
		s    string
		ns   []int
		want string
	}{{"%d×%d", []int{4, 5}, "4×5"}, {"for %d", []int{3, 9}, "for 3"}, {"no number", []int{1}, "no number"}, {"%d%", []int{50}, "50%"}} {
		if got := sub(c.s, c.ns...); got != c.want {
			t.Errorf("sub(%q, %v) = %q, want %q", c.s, c.ns, got, c.want)
		}
	}
}
