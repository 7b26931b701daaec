package netview

import (
	"math"

	"github.com/seecnn/lenet/wasm/handwriting"
	"github.com/seecnn/lenet/wasm/ui"
)

// What the view shares with the handwriting panel (wasm/handwriting) and
// with views that show it inside themselves (the training view):
//
//   - the panel, which the view made from its Spec has and a view made
//     with New has not: on a wide screen it opens over the middle column
//     from a button at the foot of the right column (in the projector
//     layout, under the colour scale: computeLayout leaves it room); on a
//     phone it is the last tab, ✎;
//   - new weights: when ctx.Shared.NetVersion changes (the panel
//     fine-tuned or loaded weights; the training view trained its own),
//     the view shows C1's new kernels and reads the drawing again;
//   - LoadPicture, a picture on the pad (a test digit of the training
//     view).

// newWithPanel is the view the program opens: New with the panel.
func newWithPanel(ctx *ui.Context) ui.View {
	v := New(ctx)
	v.hand = handwriting.New(ctx)
	return v
}

// handLayout carves the panel's button out of the right column (wide,
// unless computeLayout placed it) and lays the panel out where it shows.
func (v *View) handLayout(ctx *ui.Context) {
	L := &v.places
	if v.hand == nil {
		L.Hand = ui.Rect{}
		return
	}
	if !L.Narrow && L.HandBtn.Empty() {
		h := math.Round(ctx.Px(math.Max(34, ctx.Theme.ButtonH)))
		L.HandBtn = ui.R(L.Info.X, L.Info.Bottom()-h, L.Info.W, h).Round()
		L.Info.H = math.Max(0, L.Info.H-h-math.Round(ctx.Px(8)))
	}
	v.handBtn.Rect = L.HandBtn
	v.handBtn.Label = v.hand.Label(ctx.Lang, v.handShown)
	v.hand.Layout(ctx, L.Hand)
}

// handOpen reports whether the panel is on screen.
func (v *View) handOpen() bool {
	if v.hand == nil {
		return false
	}
	if v.places.Narrow {
		return v.tab == tabHand
	}
	return v.handShown
}

// handUpdate runs the panel's frame; it opens the panel when the panel
// has news for the student.
func (v *View) handUpdate(ctx *ui.Context, in *ui.Input) {
	if v.hand == nil {
		return
	}
	if !v.places.Narrow && v.handBtn.Update(ctx, in) {
		v.handShown = !v.handShown
	}
	if v.hand.Update(ctx, in, v.handOpen()) && !v.handOpen() {
		v.handShown = true
		if v.places.Narrow {
			v.tab = tabHand
			v.Layout(ctx, v.area)
		}
	}
	v.handBtn.Label = v.hand.Label(ctx.Lang, v.handShown)
}

// syncNet brings the view up to date with the network's weights.
func (v *View) syncNet(ctx *ui.Context) {
	if v.netVersion == ctx.Shared.NetVersion {
		return
	}
	v.netVersion = ctx.Shared.NetVersion
	v.fillKernels(ctx)
	v.explSet = false
	if v.has {
		v.stale = [len(v.stale)]bool{}
		v.infer(ctx)
	}
}

// fillKernels colours C1's kernels.
func (v *View) fillKernels(ctx *ui.Context) {
	w := ctx.Shared.Net.C1W
	v.kernelScale = ui.MaxAbs(w)
	for c := range 6 {
		ui.FillDiverging(v.kernelBmp, c*5, 0, w[c*25:c*25+25], 5, 5, v.kernelScale, ctx.Theme)
	}
	v.kernelBmp.Touch()
}

// LoadPicture puts a w×h picture (0 paper to 1 ink, row-major) on the pad,
// to be read like a drawing, as LoadSample does with the demo's samples.
func (v *View) LoadPicture(pix []float32, w, h int) error {
	if err := v.pad.SetPicture(pix, w, h, 0.04); err != nil {
		return err
	}
	v.sample, v.drawing = -1, false
	return nil
}
