package handwriting

import (
	"bytes"
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

func shipped(t testing.TB) *lenet.Net {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	return w.Net
}

func newCtx(t testing.TB, query string) *ui.Context {
	q, _ := url.ParseQuery(query)
	return &ui.Context{Lang: i18n.En, Scale: 1, Theme: &ui.Light, Params: q, Screen: ui.R(0, 0, 1280, 800),
		Shared: &ui.Shared{Net: shipped(t), Link: new(pagelink.Link)}}
}

// sample puts MNIST sample i, padded to 32×32, in the shared input, as
// the network view does with a drawing.
func sample(t *testing.T, ctx *ui.Context, i int) {
	var pix [784]float32
	if _, err := samples.Float(pix[:], i); err != nil {
		t.Fatal(err)
	}
	clear(ctx.Shared.Input[:])
	for y := range 28 {
		copy(ctx.Shared.Input[(y+2)*32+2:], pix[y*28:y*28+28])
	}
	ctx.Shared.HasInput = true
}

type rig struct {
	t   *testing.T
	ctx *ui.Context
	p   *Panel
	tr  ui.Tracker
}

func newRig(t *testing.T, query string) *rig {
	r := &rig{t: t, ctx: newCtx(t, query)}
	r.p = New(r.ctx)
	r.p.Layout(r.ctx, ui.R(400, 50, 540, 740))
	return r
}

// frame runs one frame of the open panel with the given pointer events.
func (r *rig) frame(evs ...ui.PointerEvent) bool {
	in := &ui.Input{Events: evs}
	r.tr.Frame(in)
	r.ctx.Focus.Begin(in)
	return r.p.Update(r.ctx, in, true)
}

func (r *rig) click(b ui.Rect) {
	r.frame(ui.PointerEvent{Phase: ui.PointerDown, Primary: true, X: b.CenterX(), Y: b.CenterY()},
		ui.PointerEvent{Phase: ui.PointerUp, Primary: true, X: b.CenterX(), Y: b.CenterY()})
}

// requests are the requests sent since the last call.
func (r *rig) requests() []pagelink.Request { return r.ctx.Shared.Link.TakeRequests() }

func (r *rig) state() (s struct {
	Kept, Reads, Before, After []int
	Tuning                     bool
	Weights                    int
	Message                    string
	Bad                        bool
	Test                       []float64
}) {
	if err := json.Unmarshal(r.p.State().Bytes(), &s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

func TestStoreRoundTrip(t *testing.T) {
	var x [lenet.InputLen]float32
	for i := range x {
		x[i] = float32(i%300) / 255
	}
	x[0], x[1] = -1, 7
	ds := []Drawing{FromInput(&x, 3), {Label: 9}}
	if ds[0].Pix[0] != 0 || ds[0].Pix[1] != 255 || ds[0].Pix[2] != 2 || ds[0].Pix[299] != 255 {
		t.Errorf("rounding: %v", ds[0].Pix[:4])
	}
	b := Encode(ds)
	if len(b) != storeHead+2*storeItem {
		t.Fatalf("%d bytes", len(b))
	}
	got, err := Decode(b)
	if err != nil || !reflect.DeepEqual(got, ds) {
		t.Fatalf("%v %v", err, got)
	}
	if d, err := Decode(nil); err != nil || d != nil {
		t.Error("nothing stored is not no drawings")
	}
	var y [lenet.InputLen]float32
	got[0].Input(y[:])
	if y[2] != 2.0/255 || y[1] != 1 {
		t.Errorf("input %v", y[:3])
	}
	if n := len(Encode(make([]Drawing, MaxKept+5))); n != storeHead+MaxKept*storeItem {
		t.Errorf("%d bytes for more than MaxKept", n)
	}
}

func TestStoreRejects(t *testing.T) {
	good := Encode([]Drawing{{Label: 4}})
	for name, b := range map[string][]byte{
		"short":     good[:5],
		"magic":     append([]byte("LENET5\x00W"), good[8:]...),
		"version":   append(append([]byte{}, good[:8]...), append([]byte{2}, good[9:]...)...),
		"count":     append(append([]byte{}, good[:9]...), append([]byte{2}, good[10:]...)...),
		"truncated": good[:len(good)-1],
		"longer":    append(append([]byte{}, good...), 0),
		"label":     append(append([]byte{}, good[:10]...), append([]byte{10}, good[11:]...)...),
		"too many":  append(append([]byte{}, good[:9]...), byte(MaxKept+1)),
		"text":      []byte(`[{"label":4}]`),
	} {
		if _, err := Decode(b); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode([]Drawing{{Label: 1}, {Label: 2}}))
	f.Add([]byte(storeMagic + "\x01\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := Decode(b)
		if err != nil {
			return
		}
		if len(ds) > 0 && !bytes.Equal(Encode(ds), b) {
			t.Error("decoded drawings encode differently")
		}
	})
}

func TestSameSite(t *testing.T) {
	for _, ok := range []string{"my.weights", "w/a b.weights", "../x.weights", "/site/x.weights", "x.weights?v=2#a:b"} {
		if _, good := sameSite(ok); !good {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "//evil.example/x", "http://x/y", "https:x", "javascript:alert(1)", "data:,x", "a\\b", "a\nb", "a\x00"} {
		if _, good := sameSite(bad); good {
			t.Errorf("%q taken", bad)
		}
	}
}

// Keeping, listing, removing, clearing: each change is stored, and the
// stored drawings come back with the panel.
func TestKeepRemoveClear(t *testing.T) {
	r := newRig(t, "")
	reqs := r.requests()
	if len(reqs) != 1 || reqs[0].Kind != pagelink.Load || reqs[0].Name != StorageKey {
		t.Fatalf("New asks %+v", reqs)
	}
	r.frame()
	r.click(r.p.btn[7].Rect)
	if s := r.state(); len(s.Kept) != 0 {
		t.Fatal("kept a blank pad")
	}
	for i, d := range []int{7, 3, 3} {
		sample(t, r.ctx, d+10*i)
		r.click(r.p.btn[d].Rect)
	}
	s := r.state()
	if !reflect.DeepEqual(s.Kept, []int{7, 3, 3}) || !reflect.DeepEqual(s.Reads, []int{7, 3, 3}) || !strings.Contains(s.Message, "Kept as a 3 (3 of 40)") {
		t.Fatalf("after keeping: %+v", s)
	}
	saves := r.requests()
	if len(saves) != 3 || saves[2].Kind != pagelink.Save {
		t.Fatalf("saves: %+v", saves)
	}
	stored, err := Decode(saves[2].Bytes)
	if err != nil || len(stored) != 3 || stored[0].Label != 7 {
		t.Fatalf("stored %v, %v", stored, err)
	}
	r.click(r.p.rm[1].Rect)
	if s := r.state(); !reflect.DeepEqual(s.Kept, []int{7, 3}) {
		t.Errorf("after removing the second: %v", s.Kept)
	}
	r.click(r.p.btn[bClear].Rect)
	if s := r.state(); len(s.Kept) != 0 || len(r.requests()) != 2 {
		t.Errorf("after clearing: %v", s.Kept)
	}

	// A new panel reads what was stored; bad stored data is ignored, with
	// a notice.
	q := newRig(t, "")
	q.ctx.Shared.Link.Deliver(pagelink.Event{Slot: pagelink.Page, Seq: q.p.loadSeq, Kind: pagelink.Load, Bytes: saves[2].Bytes})
	q.frame()
	if s := q.state(); len(s.Kept) != 3 || s.Bad {
		t.Errorf("reading the store: %+v", s)
	}
	b := newRig(t, "")
	b.ctx.Shared.Link.Deliver(pagelink.Event{Slot: pagelink.Page, Seq: b.p.loadSeq, Kind: pagelink.Load, Bytes: []byte("garbage!")})
	b.frame()
	if s := b.state(); len(s.Kept) != 0 || !s.Bad || !strings.Contains(s.Message, "was ignored") {
		t.Errorf("bad stored data: %+v", s)
	}
}

// Fine-tuning sends the demo's weights and the drawings, and the weights
// that come back become the demo's network.
func TestFineTune(t *testing.T) {
	r := newRig(t, "")
	for _, d := range []int{1, 6} {
		sample(t, r.ctx, d)
		r.click(r.p.btn[d].Rect)
	}
	r.requests()
	r.click(r.p.btn[bTune].Rect)
	reqs := r.requests()
	if len(reqs) != 2 || reqs[0].Kind != pagelink.FineTune || reqs[0].Slot != pagelink.Tune || reqs[1].Kind != pagelink.Params {
		t.Fatalf("fine-tuning sends %+v", reqs)
	}
	ft := reqs[0]
	if w, err := lenet.Decode(ft.Bytes); err != nil || ft.From != "weights" || w.Net.Params[5] != r.ctx.Shared.Net.Params[5] {
		t.Errorf("the weights sent: %v", err)
	}
	if !reflect.DeepEqual(ft.Labels, []int{1, 6}) || len(ft.Inputs) != 2*lenet.InputLen || ft.Inputs[32*16+16] != r.p.kept[0].inputAt(32*16+16) {
		t.Errorf("the drawings sent: %v, %d inputs", ft.Labels, len(ft.Inputs))
	}
	if s := r.state(); !s.Tuning || !r.p.off(r.ctx, bTune) {
		t.Error("not tuning")
	}
	nums := make([]float64, pagelink.NumStatus)
	nums = append(nums, 1, 12, 1.5, 0, 0, 1990, 2000, 0.995, 0, 0, 1988, 2000, 0.994, 1, 7, 0.1, 1, 0.9, 6, 6, 0.9, 6, 0.95)
	link := r.ctx.Shared.Link
	link.Deliver(pagelink.Event{Slot: pagelink.Tune, Seq: reqs[0].Seq, Kind: pagelink.FineTune, Nums: nums})
	params := append([]float32(nil), r.ctx.Shared.Net.Params...)
	params[0] += 0.5
	link.Deliver(pagelink.Event{Slot: pagelink.Tune, Seq: reqs[1].Seq, Kind: pagelink.Params, Floats: params})
	before := r.ctx.Shared.Net
	if !r.frame() {
		t.Error("the result did not ask to be shown")
	}
	s := r.state()
	if r.ctx.Shared.Net == before || r.ctx.Shared.Net.Params[0] != params[0] || r.ctx.Shared.NetVersion == 0 || s.Weights != fromTuning || s.Tuning {
		t.Errorf("the demo's network was not replaced: %+v", s)
	}
	if !reflect.DeepEqual(s.Before, []int{7, 6}) || !reflect.DeepEqual(s.After, []int{1, 6}) || len(s.Test) != 3 || s.Test[1] != 0.994 {
		t.Errorf("before/after: %+v", s)
	}
	if !strings.Contains(s.Message, "Test digits: 99.50 % before, 99.40 % after (2000 digits)") || !strings.Contains(s.Message, "Read right: 1 of 2 before") {
		t.Errorf("message %q", s.Message)
	}
	// Back to the shipped weights.
	r.click(r.p.btn[bShip].Rect)
	if r.ctx.Shared.Net != shipped(t) || r.state().Weights != fromShipped {
		t.Error("the shipped weights did not come back")
	}
	// A failed fine-tuning says why.
	r.click(r.p.btn[bTune].Rect)
	reqs = r.requests()
	link.Deliver(pagelink.Event{Slot: pagelink.Tune, Seq: reqs[0].Seq, Kind: pagelink.FineTune, Err: "the digit pack did not load"})
	r.frame()
	if s := r.state(); s.Tuning || !s.Bad || !strings.Contains(s.Message, "the digit pack did not load") {
		t.Errorf("failure: %+v", s)
	}
}

func (d *Drawing) inputAt(i int) float32 { return float32(d.Pix[i]) / 255 }

// Weights in (a file, an address) and out (a download).
func TestWeightsInAndOut(t *testing.T) {
	r := newRig(t, "weights=trained/my.weights")
	reqs := r.requests()
	if len(reqs) != 2 || reqs[1].Kind != pagelink.Fetch || reqs[1].Name != "trained/my.weights" {
		t.Fatalf("?weights= asks %+v", reqs)
	}
	n := shipped(t).Clone()
	n.Params[3] = 0.25
	var file bytes.Buffer
	if err := lenet.Encode(&file, n, "made by a test\nsecond line"); err != nil {
		t.Fatal(err)
	}
	link := r.ctx.Shared.Link
	link.Deliver(pagelink.Event{Slot: pagelink.Page, Seq: reqs[1].Seq, Kind: pagelink.File, Name: "my.weights", Bytes: file.Bytes()})
	if !r.frame() || r.ctx.Shared.Net.Params[3] != 0.25 {
		t.Fatal("the file's weights are not the demo's")
	}
	if s := r.state(); s.Weights != fromFile || s.Message != "Loaded my.weights. made by a test" {
		t.Errorf("%+v", s)
	}
	r.click(r.p.btn[bDown].Rect)
	reqs = r.requests()
	if len(reqs) != 1 || reqs[0].Kind != pagelink.Download || reqs[0].Name != "lenet5-loaded.weights" {
		t.Fatalf("download: %+v", reqs)
	}
	w, err := lenet.Decode(reqs[0].Bytes)
	if err != nil || w.Net.Params[3] != 0.25 || !strings.Contains(w.Meta, "as loaded from my.weights") || !strings.Contains(w.Meta, "second line") {
		t.Errorf("downloaded %v: %q", err, w.Meta)
	}
	// A file that is not weights, or that did not arrive, changes nothing.
	for _, e := range []pagelink.Event{{Name: "x.png", Bytes: []byte("\x89PNG")}, {Name: "big", Err: "big has 2,000,000 bytes"}} {
		e.Slot, e.Kind = pagelink.Page, pagelink.File
		link.Deliver(e)
		r.frame()
		if s := r.state(); !s.Bad || r.ctx.Shared.Net.Params[3] != 0.25 {
			t.Errorf("%s: %+v", e.Name, s)
		}
	}
	r.click(r.p.btn[bLoad].Rect)
	if reqs := r.requests(); len(reqs) != 1 || reqs[0].Kind != pagelink.PickFile {
		t.Errorf("load: %+v", reqs)
	}
	// Weights another view put in the demo.
	r.ctx.Shared.Net = shipped(t).Clone()
	r.ctx.Shared.NetVersion++
	r.frame()
	if r.state().Weights != fromElsewhere {
		t.Error("weights from elsewhere not noticed")
	}
	r.ctx.TakeRequests()
	r.click(r.p.btn[bTrain].Rect)
	if q := r.ctx.TakeRequests(); !q.SwitchView || q.View != TrainView {
		t.Errorf("the training button asks %+v", q)
	}
	if q := newRig(t, "weights=https://evil.example/x"); len(q.requests()) != 1 {
		t.Error("an address of another site was fetched")
	}
}

// Draw only draws, in both languages and in a phone's area.
func TestDrawOnlyDraws(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
		for _, area := range []ui.Rect{ui.R(400, 50, 540, 740), ui.R(10, 500, 370, 330), ui.R(360, 80, 200, 264)} {
			r := newRig(t, "")
			r.ctx.Lang = l
			r.p.Layout(r.ctx, area)
			for i := range 12 {
				sample(t, r.ctx, i)
				r.click(r.p.btn[i%10].Rect)
			}
			before := r.p.State().String()
			var a, b ui.Recorder
			r.p.Draw(r.ctx, &a)
			r.p.Draw(r.ctx, &b)
			if !reflect.DeepEqual(a.Ops, b.Ops) || r.p.State().String() != before || len(a.Ops) < 20 {
				t.Errorf("%v %v: Draw changed something (%d ops)", l, area, len(a.Ops))
			}
			for _, o := range a.Ops {
				if o.Kind == "text" && o.Text != "" && (o.R.X < area.X-1 || o.R.Y > area.Bottom()+1) {
					t.Errorf("%v %v: %q drawn outside at %v", l, area, o.Text, o.R)
				}
			}
		}
	}
}
