package app

import (
	"math"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// menu is the header's list of views: a button that opens a column of
// buttons, one per view, the current one marked; choosing one switches to
// it inside the page (the page's address follows, see Page.View). The
// open menu's buttons come next in the Tab order; Escape closes it.
type menu struct {
	btn  ui.Button
	open bool
	// swallow: the pointer that closed the menu is still down.
	swallow bool
	panel   ui.Rect
	rows    []ui.Button
	specs   []ui.Spec
}

var txtViews = i18n.Text{En: "Views ▾", Ko: "화면 ▾"}

// layout places the column under the button, as wide as the longest title.
func (m *menu) layout(ctx *ui.Context) {
	m.specs = ui.Specs()
	// The network view first: it is where every lesson starts.
	for i, s := range m.specs {
		if s.Name == DefaultView && i > 0 {
			copy(m.specs[1:i+1], m.specs[:i])
			m.specs[0] = s
		}
	}
	st := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}
	rowH := math.Round(st.Size * 2.2)
	pad := ctx.Px(ctx.Theme.Pad)
	w := 0.0
	m.rows = m.rows[:0]
	for _, s := range m.specs {
		m.rows = append(m.rows, ui.Button{Label: s.Title.In(ctx.Lang)})
		w = math.Max(w, ctx.MeasureText(s.Title.In(ctx.Lang), st))
	}
	w = math.Min(w+3*pad, ctx.Screen.W-2*pad)
	x := math.Max(pad, math.Min(m.btn.Rect.Right()-w, ctx.Screen.W-pad-w))
	m.panel = ui.R(x, m.btn.Rect.Bottom()+ctx.Px(4), w, rowH*float64(len(m.specs))).Round()
	for i := range m.rows {
		m.rows[i].Rect = ui.R(m.panel.X, m.panel.Y+rowH*float64(i), m.panel.W, rowH).Round()
	}
}

// update handles the button and the open menu. It returns the view
// chosen ("" for none) and whether the frame's input was the menu's: the
// view then gets none of it.
func (m *menu) update(ctx *ui.Context, in *ui.Input, current string) (chosen string, took bool) {
	if m.btn.Update(ctx, in) {
		m.open = !m.open
		for i, s := range m.specs {
			if m.open && s.Name == current {
				ctx.Focus.Set(ctx.Focus.Next() + i) // on the current view's button
			}
		}
		return "", true
	}
	if m.open {
		if in.Key("Escape") {
			m.open = false
			return "", true
		}
		for i := range m.rows {
			m.rows[i].Selected = m.specs[i].Name == current
			if m.rows[i].Update(ctx, in) {
				m.open = false
				return m.specs[i].Name, true
			}
		}
		if in.Pressed && !m.panel.Contains(in.PressX, in.PressY) {
			// A press elsewhere closes the menu; it, and its release,
			// are not the view's.
			m.open, m.swallow = false, true
		}
	}
	if m.swallow {
		m.swallow = in.Down
		return "", true
	}
	return "", m.open
}

// draw paints the button, and the open menu over the view.
func (m *menu) draw(ctx *ui.Context, c ui.Canvas) {
	m.btn.Draw(ctx, c)
	if !m.open {
		return
	}
	c.FillRect(m.panel.Inset(-math.Max(1, math.Round(ctx.Scale))), ctx.Theme.Text)
	for i := range m.rows {
		m.rows[i].Draw(ctx, c)
	}
}

// state is where the menu's buttons are, for tests that click them.
func (m *menu) state() *jsonw.Object {
	var o jsonw.Object
	o.Bool("open", m.open)
	if m.open {
		rows := make([]*jsonw.Object, len(m.rows))
		for i, r := range m.rows {
			rows[i] = new(jsonw.Object).Str("view", m.specs[i].Name).Floats("rect", []float64{r.Rect.X, r.Rect.Y, r.Rect.W, r.Rect.H})
		}
		o.Objs("rows", rows)
	}
	return &o
}
