package views

import (
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// openRF opens the receptive-field view with the shipped network.
func openRF(t *testing.T, l i18n.Lang, w, h, scale float64, params string) (*harness, *rfView) {
	t.Helper()
	wts, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(params)
	ctx := &ui.Context{Lang: l, Scale: scale, Theme: &ui.Light, Screen: ui.R(0, 0, w, h), Params: q, Shared: &ui.Shared{Net: wts.Net}}
	v := newRFView(ctx)
	v.Layout(ctx, ui.R(0, 40*scale, w, h-40*scale))
	hs := &harness{t: t, ctx: ctx, view: v}
	hs.frame(nil)
	return hs, v
}

// wantEvidence is the map and its share worked out apart from the view:
// the network on the view's input, the gradient of the answer's score,
// times the input for "input".
func wantEvidence(t *testing.T, v *rfView, net *lenet.Net, method string) (target int, share float64) {
	t.Helper()
	in := v.rf.Input()
	var a lenet.Activations
	net.Forward(in.Pix, &a)
	m := make([]float32, lenet.InputLen)
	var g evidence.Gradient
	if err := g.Compute(net, in.Pix, a.Label(), evidence.Logit, m); err != nil {
		t.Fatal(err)
	}
	if method == "input" {
		_ = evidence.TimesInput(m, m, in.Pix)
	}
	steps := v.rf.Steps()
	share, _ = lecture.FieldShare(lecture.Grid{W: 32, H: 32, Pix: m}, steps[len(steps)-1].Span)
	return a.Label(), share
}

func TestRFEvidence(t *testing.T) {
	h, v := openRF(t, i18n.En, 1280, 800, 1, "evidence=input")
	net := h.ctx.Shared.Net
	ev := h.state()["evidence"].(map[string]any)
	target, share := wantEvidence(t, v, net, "input")
	if ev["shown"] != true || ev["method"] != "input" || int(ev["target"].(float64)) != target || math.Abs(ev["share"].(float64)-share) > 1e-9 {
		t.Fatalf("?evidence=input: %v, want target %d share %v", ev, target, share)
	}
	if share <= 0 || share >= 1 {
		t.Errorf("the sample's share inside C3 (5, 5)'s field is %v", share)
	}
	pct := strings.Split(ev["text"].(string), " % of the positive evidence lies inside this unit's 14×14 receptive field (")
	if len(pct) != 2 || !h.rec.HasText("% of the positive evidence") {
		t.Errorf("text %q", ev["text"])
	}
	// Another unit: the share follows its field.
	h.tabTo(1)
	h.frame([]string{"ArrowLeft"})
	h.frame([]string{"ArrowLeft"})
	h.frame([]string{"ArrowUp"})
	_, share = wantEvidence(t, v, net, "input")
	if ev := h.state()["evidence"].(map[string]any); math.Abs(ev["share"].(float64)-share) > 1e-9 || v.rf.X != 3 || v.rf.Y != 4 {
		t.Errorf("unit (%d, %d): %v, want share %v", v.rf.Y, v.rf.X, ev["share"], share)
	}
	// The choice: off, then the gradient.
	c := v.ev.choice.Rect
	h.frame(nil, click(c.X+c.W/6, c.CenterY())...)
	if ev := h.state()["evidence"].(map[string]any); ev["shown"] != false || ev["text"] != "" || h.rec.HasText("positive evidence") {
		t.Errorf("off: %v", ev)
	}
	h.frame(nil, click(c.CenterX(), c.CenterY())...)
	_, share = wantEvidence(t, v, net, "gradient")
	if ev := h.state()["evidence"].(map[string]any); ev["method"] != "gradient" || math.Abs(ev["share"].(float64)-share) > 1e-9 ||
		!strings.Contains(v.ev.how, "where more ink would raise it") {
		t.Errorf("gradient: %v, want share %v", ev, share)
	}
	// Without a network there is nothing to show, and it says so.
	q, _ := url.ParseQuery("evidence=gradient")
	ctx := &ui.Context{Lang: i18n.Ko, Scale: 1, Theme: &ui.Light, Screen: ui.R(0, 0, 1280, 800), Params: q, Shared: &ui.Shared{}}
	nv := newRFView(ctx)
	nv.Layout(ctx, ui.R(0, 40, 1280, 760))
	if nv.ev.ok || !strings.Contains(nv.ev.text, "네트워크가 없습니다") {
		t.Errorf("no network: %v %q", nv.ev.ok, nv.ev.text)
	}
}

// On a phone the choice takes a line of its own, and the map, its colour
// scale and the layers' maps do not overlap; on a laptop and a projector
// the choice is beside the layer's.
func TestRFEvidenceLayout(t *testing.T) {
	for _, c := range []struct{ w, h, scale float64 }{{390, 844, 3}, {960, 640, 1}, {1280, 800, 2}, {1920, 1080, 1}, {320, 568, 2}} {
		for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
			h, v := openRF(t, l, c.w*c.scale, c.h*c.scale, c.scale, "evidence=gradient&layer=S4")
			name := l.Code() + " " + ui.FormatNum(float32(c.w))
			screen := h.ctx.Screen
			e := &v.ev
			for _, r := range []ui.Rect{e.choice.Rect, e.legend, e.shown.rect} {
				if r.Empty() || r.X < 0 || r.Right() > screen.Right()+0.5 || r.Bottom() > screen.Bottom()+0.5 {
					t.Errorf("%s: %v outside %v", name, r, screen)
				}
			}
			if overlaps(e.choice.Rect, v.layer.Rect) || overlaps(e.legend, e.shown.rect) {
				t.Errorf("%s: the choice %v, the layer's %v, the legend %v, the map %v", name, e.choice.Rect, v.layer.Rect, e.legend, e.shown.rect)
			}
			for i := range v.maps {
				if overlaps(v.maps[i].rect, e.legend) || overlaps(v.maps[i].rect, e.shown.rect) {
					t.Errorf("%s: map %d %v overlaps the evidence %v or its scale %v", name, i, v.maps[i].rect, e.shown.rect, e.legend)
				}
			}
			if narrow := c.w < 760; narrow != (e.choice.Rect.Y > v.layer.Rect.Y) {
				t.Errorf("%s: the choice at %v, the layer's at %v", name, e.choice.Rect, v.layer.Rect)
			}
			// (At 320×568 the view has no room for any text under its
			// maps, with the evidence or without.)
			if !e.ok || c.w >= 390 && !h.rec.HasText(e.text[:20]) {
				t.Errorf("%s: the map's text is not drawn: %q", name, e.text)
			}
		}
	}
}

func overlaps(a, b ui.Rect) bool {
	return a.X < b.Right() && b.X < a.Right() && a.Y < b.Bottom() && b.Y < a.Bottom()
}
