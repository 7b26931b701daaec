package netview

import (
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// The Save… button: what the keys X, Shift+X, J and Shift+J save, for a
// mouse or a finger. It sits at the right end of the pad's heading and
// opens a small menu under it, over the pad, which says first which layer
// the picture and the values will hold (the one pointed at, or the input),
// then offers the four files. Saving closes the menu; so do Escape, the
// button again, and a press anywhere else.

// The menu's items, in order.
const (
	saveLayerPNG = iota // the layer's maps as a labelled PNG (X)
	saveViewPNG         // the whole view at 2× (Shift+X)
	saveCSV             // the layer's values as CSV (Shift+J)
	saveJSON            // … as JSON (J)
	numSaveItems
)

// saveMenu is the button, the menu and the labels they were made for.
type saveMenu struct {
	btn    ui.Button
	items  [numSaveItems]ui.Button
	open   bool
	padRow bool    // the button is in the pad's heading row
	head   string  // the menu's first line: which layer
	menu   ui.Rect // the menu's panel, the items inside it
	key    saveKey // what the labels and places are for
}

// saveKey is what the labels and the places depend on.
type saveKey struct {
	lang      i18n.Lang
	layer     string
	has, keys bool
	pad, area ui.Rect
}

// saveLayout labels the button and the items and places them, when the
// language, the layer, the drawing, the keyboard or the layout changed.
// Layout and Update call it (through refresh), Draw does not.
func (v *View) saveLayout(ctx *ui.Context) {
	s := &v.save
	L := &v.places
	layer := v.savedLayer()
	k := saveKey{lang: ctx.Lang, layer: layer, has: v.has, keys: !(ctx.Touch || ctx.Present), pad: L.Pad, area: L.Area}
	if k == s.key && s.btn.Label != "" {
		return
	}
	s.key = k
	lang := ctx.Lang
	name := layer
	if layer == lenet.Input.String() {
		name = i18n.Input.In(lang)
	}
	key := func(k string) string {
		if !s.key.keys {
			return ""
		}
		return " (" + k + ")"
	}
	s.btn.Label = txtSave.In(lang)
	first := name // at the start of an item: "Input maps as PNG"
	if first != "" && first[0] >= 'a' && first[0] <= 'z' {
		first = string(first[0]-'a'+'A') + first[1:]
	}
	s.items[saveLayerPNG].Label = subStr(txtSavePNG.In(lang), first) + key("X")
	s.items[saveViewPNG].Label = txtSaveView.In(lang) + key("Shift+X")
	s.items[saveCSV].Label = subStr(txtSaveCSV.In(lang), first) + key("Shift+J")
	s.items[saveJSON].Label = subStr(txtSaveJSON.In(lang), first) + key("J")
	switch {
	case !v.has:
		s.head = txtNothingToSave.In(lang)
	case v.hasSel:
		s.head = subStr(txtSavePointed.In(lang), name)
	case ctx.Touch:
		s.head = subStr(txtSaveInputTap.In(lang), name)
	default:
		s.head = subStr(txtSaveInput.In(lang), name)
	}
	for i := range s.items {
		s.items[i].Disabled = i != saveViewPNG && !v.has
	}

	// The button at the right end of the pad's heading, or of the
	// buttons under the pad where they are wider (the projector's left
	// column); above the scores on a phone, whose heading row is empty
	// there.
	sc := ctx.Scale
	body := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}
	small := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontSmall)}
	head := math.Max(L.Head, L.Caption*1.35)
	right := math.Max(L.Pad.Right(), L.Buttons[numButtons-1].Right())
	if L.Narrow {
		right = L.Scores.Right() // the tabs are to the right of the scores on a phone held sideways
	}
	bw := px(math.Max(64*sc, ctx.MeasureText(s.btn.Label, body)+20*sc))
	bh := px(math.Max(head-4*sc, 22*sc))
	s.btn.Rect = ui.R(right-bw, L.Pad.Y-bh-px(3*sc), bw, bh).Round()
	s.padRow = true
	if g := L.Grids[lenet.C1].Label; L.Present && !g.Empty() {
		// The projector's pad is too narrow for its caption at 24 CSS
		// pixels and the button: the button goes at the right of C1's
		// heading, which leaves room.
		s.btn.Rect = ui.R(g.Right()-bw, g.Y+(g.H-bh)/2, bw, bh).Round()
		right, s.padRow = g.Right(), false
	}
	if L.Pad.Empty() {
		s.btn.Rect = ui.Rect{}
	}

	// The menu under it, as wide as its longest line, over the pad (over
	// the first maps on a projector).
	pad := px(8 * sc)
	gap := px(4 * sc)
	w := ctx.MeasureText(s.head, small)
	for _, it := range s.items {
		w = math.Max(w, ctx.MeasureText(it.Label, body)+16*sc)
	}
	w = px(math.Min(w+2*pad, L.Area.W-px(16*sc)))
	ih := px(math.Max(30*sc, math.Min(ctx.Theme.ButtonH*sc, (L.Pad.H-2*pad-small.Size*1.6)/numSaveItems-gap)))
	h := 2*pad + px(small.Size*1.6) + numSaveItems*(ih+gap)
	x := math.Max(L.Area.X+px(8*sc), right-w)
	s.menu = ui.R(x, s.btn.Rect.Bottom()+gap, w, h).Round()
	y := s.menu.Y + pad + px(small.Size*1.6)
	for i := range s.items {
		s.items[i].Rect = ui.R(s.menu.X+pad, y, s.menu.W-2*pad, ih).Round()
		y += ih + gap
	}
}

// saveUpdate runs the button and, when it is open, the menu.
func (v *View) saveUpdate(ctx *ui.Context, in *ui.Input) {
	s := &v.save
	if s.btn.Rect.Empty() {
		s.open = false
		return
	}
	was := s.open
	if s.btn.Update(ctx, in) {
		s.open = !s.open
	}
	s.btn.Selected = s.open
	if !was {
		return
	}
	for i := range s.items {
		if s.items[i].Update(ctx, in) {
			s.open = false
			if err := v.saveAs(ctx, i); err != nil {
				ctx.Announce(err.Error())
			}
			return
		}
	}
	in.Clicked(s.menu) // a click on the panel between the items is the menu's
	if in.Key("Escape") || in.Pressed && !s.menu.Contains(in.PressX, in.PressY) && !s.btn.Rect.Contains(in.PressX, in.PressY) {
		s.open = false
	}
	s.btn.Selected = s.open
}

// saveCovers reports whether the open menu is over (x, y): the pad and
// the units under it do not take that pointer.
func (v *View) saveCovers(x, y float64) bool { return v.save.open && v.save.menu.Contains(x, y) }

// saveAs saves item i of the menu, as its key would.
func (v *View) saveAs(ctx *ui.Context, i int) error {
	switch i {
	case saveViewPNG:
		ctx.SaveView()
	case saveLayerPNG:
		f, err := v.ExportPicture(ctx, v.savedLayer())
		if err != nil {
			return err
		}
		ctx.Save(f)
	case saveCSV, saveJSON:
		return v.saveValues(ctx, v.savedLayer(), i == saveJSON)
	}
	return nil
}

// saveDraw draws the button and, over everything, the open menu.
func (v *View) saveDraw(ctx *ui.Context, c ui.Canvas) {
	s := &v.save
	if s.btn.Rect.Empty() {
		return
	}
	s.btn.Draw(ctx, c)
	if !s.open {
		return
	}
	th := ctx.Theme
	c.FillRect(s.menu, th.Panel)
	c.StrokeRect(s.menu, math.Max(1, math.Round(ctx.Scale)), th.Text)
	pad := px(8 * ctx.Scale)
	st := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted}
	st.Size = ui.FitText(c, s.head, st.Size, s.menu.W-2*pad)
	c.Text(s.head, s.menu.X+pad, s.menu.Y+pad+ctx.Px(th.FontSmall)*0.7, st)
	for i := range s.items {
		s.items[i].Draw(ctx, c)
	}
}

// saveState is the menu's part of the view's state.
func (v *View) saveState() *jsonw.Object {
	s := &v.save
	labels := make([]string, numSaveItems)
	var rects [numSaveItems * 4]float64
	var disabled []int
	for i, it := range s.items {
		labels[i] = it.Label
		copy(rects[4*i:], []float64{it.Rect.X, it.Rect.Y, it.Rect.W, it.Rect.H})
		if it.Disabled {
			disabled = append(disabled, i)
		}
	}
	var o jsonw.Object
	return o.Bool("open", s.open).Str("layer", v.savedLayer()).Str("head", s.head).Strs("items", labels).
		Floats("itemRects", rects[:]).Ints("disabled", disabled).
		Floats("button", []float64{s.btn.Rect.X, s.btn.Rect.Y, s.btn.Rect.W, s.btn.Rect.H})
}

// The menu's strings.
var (
	txtSave         = i18n.Text{En: "Save…", Ko: "저장…"}
	txtSavePNG      = i18n.Text{En: "%s maps as PNG", Ko: "%s 맵을 PNG로"}
	txtSaveView     = i18n.Text{En: "Whole view as PNG, 2×", Ko: "화면 전체를 2배 크기 PNG로"}
	txtSaveCSV      = i18n.Text{En: "%s values as CSV", Ko: "%s 값을 CSV로"}
	txtSaveJSON     = i18n.Text{En: "%s values as JSON", Ko: "%s 값을 JSON으로"}
	txtSavePointed  = i18n.Text{En: "Layer %s, the one pointed at", Ko: "가리킨 층 %s"}
	txtSaveInput    = i18n.Text{En: "Layer: %s (point at a layer to save it instead)", Ko: "층: %s (다른 층은 그 층을 가리킨 뒤 저장)"}
	txtSaveInputTap = i18n.Text{En: "Layer: %s (tap a layer to save it instead)", Ko: "층: %s (다른 층은 그 층을 누른 뒤 저장)"}
)
