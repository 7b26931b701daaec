package app

import (
	"math"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// menu is the header's list of views: a button that opens a panel with
// every view's title, the current one marked; choosing one switches to it
// inside the page (the page's address follows, see Page.View). From the
// keyboard: Enter opens it, the arrows move, Enter chooses, Escape closes.
type menu struct {
	btn  ui.Button
	open bool
	// swallow: the pointer that closed the menu is still down.
	swallow bool
	hi      int // the row the arrow keys are on
	panel   ui.Rect
	rows    []ui.Rect
	specs   []ui.Spec
}

var txtViews = i18n.Text{En: "Views ▾", Ko: "화면 ▾"}

// layout places the panel under the button, as wide as the longest title.
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
	for _, s := range m.specs {
		w = math.Max(w, ctx.MeasureText(s.Title.In(ctx.Lang), st))
	}
	w = math.Min(w+2*pad, ctx.Screen.W-2*pad)
	x := math.Max(pad, math.Min(m.btn.Rect.Right()-w, ctx.Screen.W-pad-w))
	m.panel = ui.R(x, m.btn.Rect.Bottom()+ctx.Px(4), w, rowH*float64(len(m.specs))).Round()
	m.rows = m.rows[:0]
	for i := range m.specs {
		m.rows = append(m.rows, ui.R(m.panel.X, m.panel.Y+rowH*float64(i), m.panel.W, rowH))
	}
}

// update handles the button and the open panel. It returns the view
// chosen ("" for none) and whether the frame's input was the menu's: the
// view then gets none of it.
func (m *menu) update(ctx *ui.Context, in *ui.Input, current string) (chosen string, took bool) {
	if m.open {
		switch {
		case in.Key("Escape"):
			m.open = false
			return "", true
		case in.Key("ArrowDown"):
			m.hi = (m.hi + 1) % len(m.specs)
			return "", true
		case in.Key("ArrowUp"):
			m.hi = (m.hi + len(m.specs) - 1) % len(m.specs)
			return "", true
		case in.Key("Enter") || in.Key("NumpadEnter"):
			m.open = false
			return m.specs[m.hi].Name, true
		}
		for i, r := range m.rows {
			if in.Hovering(r) {
				m.hi = i
			}
			if in.Clicked(r) {
				m.open = false
				return m.specs[i].Name, true
			}
		}
	}
	if m.btn.Update(ctx, in) {
		m.open = !m.open
		for i, s := range m.specs {
			if s.Name == current {
				m.hi = i
			}
		}
		return "", true
	}
	if m.open && in.Pressed && !m.panel.Contains(in.PressX, in.PressY) {
		// A press elsewhere closes the menu; it, and its release, are
		// not the view's.
		m.open, m.swallow = false, true
	}
	if m.swallow {
		m.swallow = in.Down
		return "", true
	}
	return "", m.open
}

// draw paints the button, and the panel when open.
func (m *menu) draw(ctx *ui.Context, c ui.Canvas, current string) {
	m.btn.Draw(ctx, c)
	if !m.open {
		return
	}
	th := ctx.Theme
	line := math.Max(1, math.Round(ctx.Scale))
	c.FillRect(m.panel.Inset(-line), th.Text)
	c.FillRect(m.panel, th.Panel)
	pad := ctx.Px(th.Pad)
	for i, r := range m.rows {
		st := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
		if m.specs[i].Name == current {
			c.FillRect(r.Round(), th.Accent)
			st.Color, st.Bold = th.AccentText, true
		} else if i == m.hi {
			c.FillRect(r.Round(), th.Bg)
		}
		c.Text(m.specs[i].Title.In(ctx.Lang), r.X+pad, r.CenterY(), st)
	}
}

// state is where the menu's rows are, for tests that click them.
func (m *menu) state() *jsonw.Object {
	var o jsonw.Object
	o.Bool("open", m.open)
	if m.open {
		rows := make([]*jsonw.Object, len(m.rows))
		for i, r := range m.rows {
			rows[i] = new(jsonw.Object).Str("view", m.specs[i].Name).Floats("rect", []float64{r.X, r.Y, r.W, r.H})
		}
		o.Objs("rows", rows)
	}
	return &o
}
