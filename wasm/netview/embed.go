package netview

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// What a page's script or a course page may do to the view while it runs:
// put a picture on the pad, choose a layer or a sample.

// TakeImage puts a picture on the pad (ui.ImageTaker): w×h grey bytes in
// either polarity, read through the canvas preprocessing (cnn/canvas) to
// the centred 28×28 digit, which goes on the pad as a sample does; the pad
// is then read like any drawing. A picture with no ink leaves the pad as
// it was.
func (v *View) TakeImage(ctx *ui.Context, w, h int, gray []uint8) error {
	if err := v.img.SetGray8(w, h, gray); err != nil {
		return err
	}
	if err := canvas.PreprocessInto(&v.imgRes, v.img); err != nil {
		if errors.Is(err, canvas.ErrEmpty) {
			return errors.New("image: no digit: the picture is blank")
		}
		return err
	}
	if err := v.pad.SetPicture(v.imgRes.Digit[:], canvas.DigitSide, canvas.DigitSide, 0.04); err != nil {
		return err
	}
	v.sample, v.drawing = -1, false
	v.paramErr = i18n.Text{}
	return nil
}

// SetParam changes the layer pointed at, or loads a sample
// (ui.ParamSetter), as the URL's layer and sample do.
func (v *View) SetParam(ctx *ui.Context, name, value string) error {
	switch name {
	case "layer":
		l, ok := lenet.LayerNamed(value)
		if !ok {
			return fmt.Errorf("no layer %q", value)
		}
		v.selectLayer(l)
		if v.has {
			v.pickBest()
			v.refresh(ctx)
		}
		v.Layout(ctx, v.area)
		return nil
	case "sample":
		i, err := strconv.Atoi(value)
		if err != nil {
			return err
		}
		return v.LoadSample(ctx, i)
	}
	return fmt.Errorf("the %s view cannot change %q", Name, name)
}

// selectLayer points at layer l (its tab on a phone), at its most active
// unit once there is a drawing.
func (v *View) selectLayer(l lenet.LayerID) {
	v.tab = tabOf(l)
	s := l.Shape()
	v.sel, v.hasSel = Unit{Layer: l, Y: s.H / 2, X: s.W / 2}, true
	v.pickMax = true
}

// pickBest moves the selection to the most active unit of its layer.
func (v *View) pickBest() {
	v.pickMax = false
	vals := v.sel.Layer.Values(&v.acts)
	best := 0
	for i, x := range vals {
		if x > vals[best] {
			best = i
		}
	}
	s := v.sel.Layer.Shape()
	v.sel = Unit{Layer: v.sel.Layer, C: best / (s.H * s.W), Y: best / s.W % s.H, X: best % s.W}
}
