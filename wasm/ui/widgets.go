package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seecnn/lenet/wasm/i18n"
)

// Focus is the keyboard focus among a view's widgets. Each focusable
// widget calls Take once per frame in a fixed order; Tab and Shift+Tab
// move the focus along that order, Escape drops it, and clicking a widget
// focuses it.
type Focus struct {
	cur   int // index of the focused widget, -1 for none
	n     int // widgets seen this frame
	count int // widgets seen last frame
	init  bool
}

// Begin starts a frame; the program calls it before the view's Update.
func (f *Focus) Begin(in *Input) {
	if !f.init {
		f.cur, f.init = -1, true
	}
	f.count, f.n = f.n, 0
	if f.count == 0 {
		f.cur = -1
		return
	}
	switch {
	case in.Key("Tab") && in.Shift:
		if f.cur <= 0 {
			f.cur = f.count - 1
		} else {
			f.cur--
		}
	case in.Key("Tab"):
		f.cur = (f.cur + 1) % f.count
	case in.Key("Escape"):
		f.cur = -1
	}
	if f.cur >= f.count {
		f.cur = f.count - 1
	}
}

// Take registers the next focusable widget and reports its index and
// whether it has the focus.
func (f *Focus) Take() (index int, focused bool) {
	i := f.n
	f.n++
	return i, f.init && i == f.cur
}

// Next is the index the next Take will return: a view that must focus a
// widget before it updates it (a text field ready for typing) asks here.
func (f *Focus) Next() int { return f.n }

// Set focuses the widget with the given index.
func (f *Focus) Set(i int) { f.cur, f.init = i, true }

// Clear drops the focus.
func (f *Focus) Clear() { f.cur, f.init = -1, true }

// Focused reports whether some widget has the focus.
func (f *Focus) Focused() bool { return f.init && f.cur >= 0 }

func activated(in *Input, focused bool) bool {
	return focused && (in.Key("Enter") || in.Key("Space") || in.Key("NumpadEnter"))
}

// Button is a push button.
type Button struct {
	Rect     Rect
	Label    string
	Disabled bool
	Primary  bool // drawn in the accent colour
	Selected bool // drawn pressed (e.g. the current choice)

	hover, focused, down bool
}

// Update reports whether the button was clicked or activated from the
// keyboard this frame.
func (b *Button) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	b.focused = f
	b.hover = in.Hovering(b.Rect)
	b.down = in.Holding(b.Rect) && in.Hovering(b.Rect)
	if b.Disabled {
		return false
	}
	if in.Clicked(b.Rect) {
		ctx.Focus.Set(idx)
		return true
	}
	return activated(in, f)
}

// Draw paints the button.
func (b *Button) Draw(ctx *Context, c Canvas) {
	th := ctx.Theme
	bg, fg, border := th.Panel, th.Text, th.Line
	switch {
	case b.Disabled:
		fg = th.Line
	case b.Primary || b.Selected:
		bg, fg, border = th.Accent, th.AccentText, th.Accent
	}
	if b.hover && !b.Disabled {
		bg = lerp(bg, th.Accent, 0.15)
		if b.Primary || b.Selected {
			bg = lerp(th.Accent, th.Text, 0.2)
		}
	}
	if b.down {
		bg = lerp(bg, th.Text, 0.15)
	}
	r := b.Rect.Round()
	c.FillRect(r, bg)
	c.StrokeRect(r, math.Max(1, math.Round(ctx.Scale)), border)
	drawFocus(ctx, c, r, b.focused)
	size := FitText(c, b.Label, ctx.Px(th.FontBody), r.W-ctx.Px(8))
	c.Text(b.Label, r.CenterX(), r.CenterY(), TextStyle{Size: size, Color: fg, Align: AlignCenter, Bold: b.Primary})
}

func drawFocus(ctx *Context, c Canvas, r Rect, focused bool) {
	if focused {
		w := math.Max(2, math.Round(2*ctx.Scale))
		c.StrokeRect(r.Inset(-w-1), w, ctx.Theme.Focus)
	}
}

// FitText returns the largest size ≤ size at which s fits in width w
// (down to 60 % of size).
func FitText(c TextMeasurer, s string, size, w float64) float64 {
	if w <= 0 {
		return size
	}
	m := c.MeasureText(s, TextStyle{Size: size})
	if m <= w {
		return size
	}
	return math.Max(size*0.6, size*w/m)
}

// Toggle is an on/off switch with a label.
type Toggle struct {
	Rect  Rect
	Label string
	On    bool

	hover, focused bool
}

// Update flips the toggle on a click or Enter/Space and reports a change.
func (t *Toggle) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	t.focused, t.hover = f, in.Hovering(t.Rect)
	if in.Clicked(t.Rect) {
		ctx.Focus.Set(idx)
		t.On = !t.On
		return true
	}
	if activated(in, f) {
		t.On = !t.On
		return true
	}
	return false
}

// Draw paints a check box and the label.
func (t *Toggle) Draw(ctx *Context, c Canvas) {
	th := ctx.Theme
	r := t.Rect.Round()
	box := math.Round(math.Min(r.H*0.6, ctx.Px(18)))
	b := Rect{r.X + ctx.Px(4), math.Round(r.CenterY() - box/2), box, box}
	bg := th.Panel
	if t.On {
		bg = th.Accent
	}
	c.FillRect(b, bg)
	c.StrokeRect(b, math.Max(1, math.Round(ctx.Scale)), th.Accent)
	if t.On {
		w := math.Max(2, ctx.Px(2))
		c.Line(b.X+box*0.22, b.Y+box*0.52, b.X+box*0.42, b.Y+box*0.72, w, th.AccentText)
		c.Line(b.X+box*0.42, b.Y+box*0.72, b.X+box*0.8, b.Y+box*0.3, w, th.AccentText)
	}
	col := th.Text
	if t.hover {
		col = th.Accent
	}
	x := b.Right() + ctx.Px(6)
	size := FitText(c, t.Label, ctx.Px(th.FontBody), r.Right()-x)
	c.Text(t.Label, x, r.CenterY(), TextStyle{Size: size, Color: col})
	drawFocus(ctx, c, r, t.focused)
}

// Stepper edits an integer with − and + buttons, the arrow keys or −/=
// when focused.
type Stepper struct {
	Rect            Rect
	Label           string
	Value, Min, Max int
	Step            int                // 0 means 1
	Format          func(v int) string // how the value is shown; nil: the number
	minus, plus     Button
	focused         bool
}

// buttons places the − and + buttons in r.
func (s *Stepper) buttons() (minus, plus Rect) {
	bw := math.Min(s.Rect.H*1.1, s.Rect.W/3)
	return Rect{s.Rect.X, s.Rect.Y, bw, s.Rect.H}, Rect{s.Rect.Right() - bw, s.Rect.Y, bw, s.Rect.H}
}

// Update reports whether the value changed.
func (s *Stepper) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	s.focused = f
	step := s.Step
	if step == 0 {
		step = 1
	}
	s.minus.Rect, s.plus.Rect = s.buttons()
	s.minus.Label, s.plus.Label = "−", "+"
	old := s.Value
	s.minus.Disabled, s.plus.Disabled = s.Value <= s.Min, s.Value >= s.Max
	s.minus.hover, s.plus.hover = in.Hovering(s.minus.Rect), in.Hovering(s.plus.Rect)
	if !s.minus.Disabled && in.Clicked(s.minus.Rect) {
		s.Value -= step
		ctx.Focus.Set(idx)
	}
	if !s.plus.Disabled && in.Clicked(s.plus.Rect) {
		s.Value += step
		ctx.Focus.Set(idx)
	}
	if f {
		if in.Key("ArrowLeft") || in.Key("ArrowDown") || in.Key("Minus") || in.Key("NumpadSubtract") {
			s.Value -= step
		}
		if in.Key("ArrowRight") || in.Key("ArrowUp") || in.Key("Equal") || in.Key("NumpadAdd") {
			s.Value += step
		}
	}
	s.Value = max(s.Min, min(s.Max, s.Value))
	return s.Value != old
}

// Text is the shown value with its label.
func (s *Stepper) Text() string {
	if s.Label == "" {
		return s.valueText()
	}
	return s.Label + " " + s.valueText()
}

// valueText is the value as the stepper shows it.
func (s *Stepper) valueText() string {
	if s.Format != nil {
		return s.Format(s.Value)
	}
	return strconv.Itoa(s.Value)
}

// Draw paints the stepper.
func (s *Stepper) Draw(ctx *Context, c Canvas) {
	th := ctx.Theme
	r := s.Rect.Round()
	c.FillRect(r, th.Panel)
	c.StrokeRect(r, math.Max(1, math.Round(ctx.Scale)), th.Line)
	// Copies placed from Rect and Value: a Draw right after a new layout
	// is right before the next Update.
	minus, plus := s.minus, s.plus
	minus.Rect, plus.Rect = s.buttons()
	minus.Label, plus.Label = "−", "+"
	minus.Disabled, plus.Disabled = s.Value <= s.Min, s.Value >= s.Max
	minus.Draw(ctx, c)
	plus.Draw(ctx, c)
	mid := Rect{minus.Rect.Right(), r.Y, plus.Rect.X - minus.Rect.Right(), r.H}
	w, body, small := mid.W-ctx.Px(4), ctx.Px(th.FontBody), ctx.Px(th.FontSmall)
	st := TextStyle{Size: body, Color: th.Text, Align: AlignCenter, Mono: true}
	if t := s.Text(); s.Label == "" || c.MeasureText(t, st) <= w || r.H < 2.6*small {
		st.Size = FitText(c, t, body, w)
		c.Text(t, mid.CenterX(), mid.CenterY(), st)
	} else {
		// Too narrow for one line: the label over the value, at the
		// small size, rather than one line shrunk past reading.
		v := s.valueText()
		st.Size = FitText(c, s.Label, small, w)
		c.Text(s.Label, mid.CenterX(), mid.CenterY()-small*0.62, st)
		st.Size = FitText(c, v, small, w)
		c.Text(v, mid.CenterX(), mid.CenterY()+small*0.62, st)
	}
	drawFocus(ctx, c, r, s.focused)
}

// Slider picks a number in [Min, Max] by dragging or with the arrow keys.
type Slider struct {
	Rect                 Rect
	Value, Min, Max, Key float64 // Key is the arrow-key step (0: a 20th of the range)
	focused, hover, drag bool
}

// Update reports whether the value changed.
func (s *Slider) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	s.focused, s.hover = f, in.Hovering(s.Rect)
	old := s.Value
	if in.PressedIn(s.Rect) && in.Capture() {
		s.drag = true
		ctx.Focus.Set(idx)
	}
	if !in.Down {
		s.drag = false
	}
	if s.drag && s.Rect.W > 0 {
		t := clamp((in.X-s.Rect.X)/s.Rect.W, 0, 1)
		s.Value = s.Min + t*(s.Max-s.Min)
	}
	step := s.Key
	if step == 0 {
		step = (s.Max - s.Min) / 20
	}
	if f {
		if in.Key("ArrowLeft") || in.Key("ArrowDown") {
			s.Value -= step
		}
		if in.Key("ArrowRight") || in.Key("ArrowUp") {
			s.Value += step
		}
	}
	s.Value = clamp(s.Value, s.Min, s.Max)
	return s.Value != old
}

// Draw paints the track and the knob.
func (s *Slider) Draw(ctx *Context, c Canvas) {
	th := ctx.Theme
	r := s.Rect
	t := 0.0
	if s.Max > s.Min {
		t = (s.Value - s.Min) / (s.Max - s.Min)
	}
	h := math.Max(2, ctx.Px(4))
	track := Rect{r.X, math.Round(r.CenterY() - h/2), r.W, h}
	c.FillRect(track, th.Line)
	c.FillRect(Rect{track.X, track.Y, track.W * t, track.H}, th.Accent)
	rad := math.Min(r.H/2, ctx.Px(8))
	knob := th.Accent
	if s.hover || s.drag {
		knob = lerp(th.Accent, th.Text, 0.25)
	}
	c.FillCircle(r.X+r.W*t, r.CenterY(), rad, knob)
	drawFocus(ctx, c, r.Round(), s.focused)
}

// Choice is a row of buttons of which one is selected (a segmented
// control).
type Choice struct {
	Rect    Rect
	Options []string
	Index   int
	buttons []Button
	focused bool
}

// Update reports whether the selection changed. When focused, the arrow
// keys move the selection.
func (ch *Choice) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	ch.focused = f
	if len(ch.buttons) != len(ch.Options) {
		ch.buttons = make([]Button, len(ch.Options))
	}
	old := ch.Index
	n := len(ch.Options)
	for i := range ch.buttons {
		b := &ch.buttons[i]
		b.Rect = ch.Rect.Grid(n, 1, 0, i, 0)
		b.Label = ch.Options[i]
		b.Selected = i == ch.Index
		b.hover = in.Hovering(b.Rect)
		if in.Clicked(b.Rect) {
			ch.Index = i
			ctx.Focus.Set(idx)
		}
	}
	if f && n > 0 {
		if in.Key("ArrowLeft") || in.Key("ArrowUp") {
			ch.Index = (ch.Index + n - 1) % n
		}
		if in.Key("ArrowRight") || in.Key("ArrowDown") {
			ch.Index = (ch.Index + 1) % n
		}
	}
	return ch.Index != old
}

// Draw paints the options, placed and labelled from Rect and Options (a
// Draw right after a new layout or language comes before the next
// Update).
func (ch *Choice) Draw(ctx *Context, c Canvas) {
	n := len(ch.Options)
	for i := range n {
		var b Button // a copy: Draw changes nothing
		if i < len(ch.buttons) {
			b = ch.buttons[i]
		}
		b.Rect = ch.Rect.Grid(n, 1, 0, i, 0)
		b.Label = ch.Options[i]
		b.Selected = i == ch.Index
		b.Draw(ctx, c)
	}
	drawFocus(ctx, c, ch.Rect.Round(), ch.focused)
}

// NumberCell is the one widget for typing a number, and it behaves like a
// text field: a click (or Enter when it has the focus) selects its
// content, so that typing replaces it; Enter or Tab commits, and so does
// clicking elsewhere; Escape restores the value; ArrowUp and ArrowDown add
// or subtract Step. A typed text that is not an allowed number is
// refused: the cell keeps its value, frames itself red and Problem says
// what is allowed, until the next edit.
type NumberCell struct {
	Rect     Rect
	Value    float64
	Min, Max float64 // the accepted range (both 0: any finite number)
	Step     float64
	Whole    bool       // only whole numbers
	Fill     color.RGBA // background; zero: the panel colour
	// Blank shows Placeholder instead of Value (an answer not typed
	// yet); a commit of an empty text keeps it blank.
	Blank       bool
	Placeholder string
	// Parse reads the typed text (nil: a decimal number, as strconv
	// reads it); Allowed says what it accepts (empty: made from Whole,
	// Min and Max).
	Parse   func(s string) (float64, bool)
	Allowed i18n.Text

	// Committed is set by the Update in which an entry was taken, even
	// one equal to the old value (a quiz checks the answer then).
	Committed bool

	editing, selected bool
	buf               []rune
	focused, hover    bool
	refused           bool
}

// MaxTyped bounds the text typed into a NumberCell.
const MaxTyped = 24

// Editing reports whether the user is typing into the cell.
func (n *NumberCell) Editing() bool { return n.editing }

// Focused reports whether the cell has the keyboard focus.
func (n *NumberCell) Focused() bool { return n.focused }

// Refused reports whether the last entry was refused.
func (n *NumberCell) Refused() bool { return n.refused }

// Typed is the text being typed ("" when not editing).
func (n *NumberCell) Typed() string {
	if !n.editing {
		return ""
	}
	return string(n.buf)
}

// Problem says what the cell allows, in language l, after a refused
// entry ("" otherwise).
func (n *NumberCell) Problem(l i18n.Lang) string {
	if !n.refused {
		return ""
	}
	a := n.Allowed
	if a.En == "" {
		lo, hi := i18n.Num(float32(n.Min)), i18n.Num(float32(n.Max))
		a = i18n.Text{En: "a number from " + lo + " to " + hi, Ko: lo + "부터 " + hi + "까지의 수"}
	}
	return l.Pick("Not taken: type ", "받지 않았습니다. 입력할 수 있는 값: ") + a.In(l)
}

// Update handles the frame's input and reports whether Value changed.
func (n *NumberCell) Update(ctx *Context, in *Input) bool {
	idx, f := ctx.Focus.Take()
	n.focused, n.hover = f, in.Hovering(n.Rect)
	n.Committed = false
	old := n.Value
	switch {
	case n.editing && in.Key("Escape"):
		// Focus.Begin dropped the focus already; the cell keeps it, and
		// its value.
		n.editing = false
		ctx.Focus.Set(idx)
		return false
	case in.Clicked(n.Rect):
		ctx.Focus.Set(idx)
		n.focused = true
		n.startEdit()
		return false
	case n.editing && (!f || (in.Pressed && !n.Rect.Contains(in.PressX, in.PressY))):
		// Tab moved the focus on, or a press elsewhere: take what was typed.
		n.commit()
		return n.Value != old
	case !f:
		return false
	}
	enter := in.Key("Enter") || in.Key("NumpadEnter")
	if !n.editing {
		switch {
		case enter && len(in.Chars) == 0:
			n.startEdit()
			return false
		case in.Key("ArrowUp"):
			n.set(n.Value + n.step())
		case in.Key("ArrowDown"):
			n.set(n.Value - n.step())
		case len(in.Chars) > 0:
			n.startEdit()
		}
	}
	if n.editing {
		for _, r := range in.Chars {
			if !strings.ContainsRune("0123456789.,-+eE", r) {
				continue
			}
			if n.selected {
				n.buf, n.selected = n.buf[:0], false
			}
			if len(n.buf) < MaxTyped {
				n.buf = append(n.buf, r)
			}
		}
		switch {
		case in.Key("Backspace") && n.selected:
			n.buf, n.selected = n.buf[:0], false
		case in.Key("Backspace") && len(n.buf) > 0:
			n.buf = n.buf[:len(n.buf)-1]
		case in.Key("ArrowLeft") || in.Key("ArrowRight") || in.Key("End"):
			n.selected = false // the caret goes to the end of the text
		case enter:
			n.commit()
		}
	}
	return n.Value != old
}

func (n *NumberCell) step() float64 {
	if n.Step == 0 {
		return 1
	}
	return n.Step
}

// startEdit starts typing with the current text selected.
func (n *NumberCell) startEdit() {
	n.editing, n.selected, n.refused = true, true, false
	n.buf = n.buf[:0]
	if !n.Blank {
		n.buf = append(n.buf, []rune(FormatNum(float32(n.Value)))...)
		if n.buf[0] == '≈' {
			n.buf = append(n.buf[:0], []rune(strconv.FormatFloat(n.Value, 'g', 3, 64))...)
		}
	}
}

// set takes v if it is allowed, and reports whether it was.
func (n *NumberCell) set(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) || (n.Whole && v != math.Trunc(v)) ||
		((n.Min != 0 || n.Max != 0) && (v < n.Min || v > n.Max)) {
		n.refused = true
		return false
	}
	n.Value, n.Blank, n.refused, n.Committed = v, false, false, true
	return true
}

// commit ends the typing and takes the text if it is an allowed number;
// otherwise the value stays and the cell says what is allowed.
func (n *NumberCell) commit() {
	n.editing, n.selected = false, false
	s := strings.TrimSpace(string(n.buf))
	if s == "" {
		if !n.Blank {
			n.refused = true
		}
		return
	}
	var v float64
	ok := false
	if n.Parse != nil {
		v, ok = n.Parse(s)
	} else {
		var err error
		v, err = strconv.ParseFloat(s, 64)
		ok = err == nil
	}
	if !ok {
		n.refused = true
		return
	}
	n.set(v)
}

// Draw paints the cell: the value, the typed text with a caret (on a
// highlight while it is all selected), a red frame after a refused entry.
func (n *NumberCell) Draw(ctx *Context, c Canvas) {
	th := ctx.Theme
	r := n.Rect.Round()
	bg := n.Fill
	if bg.A == 0 {
		bg = th.Panel
	}
	c.FillRect(r, bg)
	border := th.Line
	if n.refused {
		border = th.Pos
	} else if n.hover || n.editing {
		border = th.Accent
	}
	lw := math.Max(1, math.Round(ctx.Scale))
	if n.refused || n.editing {
		lw *= 2
	}
	c.StrokeRect(r, lw, border)
	st := TextStyle{Size: math.Min(ctx.Px(th.FontBody), r.H*0.6), Color: th.Text, Align: AlignCenter, Mono: true}
	text := FormatNum(float32(n.Value))
	switch {
	case n.editing:
		text = string(n.buf)
	case n.Blank:
		text, st.Color, st.Mono = n.Placeholder, th.Muted, false
	}
	st.Size = FitText(c, text+"|", st.Size, r.W-ctx.Px(6))
	if n.editing {
		w := c.MeasureText(text, st)
		x := r.CenterX() - w/2
		if n.selected && len(n.buf) > 0 {
			c.FillRect(R(x-ctx.Px(1), r.CenterY()-st.Size*0.65, w+ctx.Px(2), st.Size*1.3), lerp(th.Panel, th.Accent, 0.3))
		}
		c.Line(x+w+ctx.Px(1), r.CenterY()-st.Size*0.6, x+w+ctx.Px(1), r.CenterY()+st.Size*0.6, math.Max(1, ctx.Px(1.5)), th.Text)
	}
	c.Text(text, r.CenterX(), r.CenterY(), st)
	drawFocus(ctx, c, r, n.focused)
}

// WrapText splits s into lines no wider than w at size st.Size, breaking
// at spaces (and anywhere in a word longer than a line).
//
// A line's width is taken as the sum of its words' widths and a space's
// width between each two: every word is measured once, not every line
// tried, which matters where measuring calls into the browser and the
// words (numbers of a computation) change every frame. With a measure
// that adds up (ApproxText) it is exactly the line-by-line wrapping of
// wrapTextSlow in the tests.
func WrapText(c TextMeasurer, s string, w float64, st TextStyle) []string {
	var lines []string
	space := -1.0
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		first, width := 0, 0.0 // the line so far: words[first:i], its width
		for i, word := range words {
			ww := c.MeasureText(word, st)
			if i == first {
				width = ww
				if ww <= w || utf8.RuneCountInString(word) == 1 {
					continue
				}
			} else {
				if space < 0 {
					space = c.MeasureText(" ", st)
				}
				if width+space+ww <= w {
					width += space + ww
					continue
				}
				lines = append(lines, strings.Join(words[first:i], " "))
				first, width = i, ww
			}
			// A word longer than a line: as many runes as fit a line,
			// then the rest on the next.
			line := word
			for c.MeasureText(line, st) > w && utf8.RuneCountInString(line) > 1 {
				rs := []rune(line)
				k := len(rs) - 1
				for k > 1 && c.MeasureText(string(rs[:k]), st) > w {
					k--
				}
				lines = append(lines, string(rs[:k]))
				line = string(rs[k:])
			}
			words[i] = line
			width = c.MeasureText(line, st)
		}
		lines = append(lines, strings.Join(words[first:], " "))
	}
	return lines
}

// Panel draws a framed box with an optional title and wrapped lines of
// text inside r, and returns the height it used.
func Panel(ctx *Context, c Canvas, r Rect, title string, lines []string) float64 {
	th := ctx.Theme
	pad := ctx.Px(th.Pad)
	body := TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	head := TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text, Bold: true}
	lh := body.Size * 1.4
	var all []string
	for _, l := range lines {
		all = append(all, WrapText(c, l, r.W-2*pad, body)...)
	}
	h := 2*pad + float64(len(all))*lh
	if title != "" {
		h += lh
	}
	box := Rect{r.X, r.Y, r.W, math.Min(h, math.Max(r.H, lh+2*pad))}
	c.FillRect(box.Round(), th.Panel)
	c.StrokeRect(box.Round(), math.Max(1, math.Round(ctx.Scale)), th.Line)
	y := box.Y + pad + lh/2
	if title != "" {
		c.Text(title, box.X+pad, y, head)
		y += lh
	}
	// Whole lines only; the last one that fits says with "…" that the
	// panel holds more than it shows.
	fits := func(y float64) bool { return y+body.Size*0.6 <= box.Bottom() }
	for i, l := range all {
		if !fits(y) {
			break
		}
		if i+1 < len(all) && !fits(y+lh) {
			l += " …"
		}
		c.Text(l, box.X+pad, y, body)
		y += lh
	}
	return box.H
}

// Tooltip draws lines in a box next to the point (x, y), kept inside
// ctx.Screen.
func Tooltip(ctx *Context, c Canvas, x, y float64, lines []string) {
	th := ctx.Theme
	st := TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Text}
	pad := ctx.Px(6)
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, c.MeasureText(l, st))
	}
	lh := st.Size * 1.35
	box := Rect{x + ctx.Px(12), y + ctx.Px(12), w + 2*pad, float64(len(lines))*lh + 2*pad}
	if box.Right() > ctx.Screen.Right() {
		box.X = x - ctx.Px(12) - box.W
	}
	if box.Bottom() > ctx.Screen.Bottom() {
		box.Y = y - ctx.Px(12) - box.H
	}
	box.X = math.Max(ctx.Screen.X, box.X)
	box.Y = math.Max(ctx.Screen.Y, box.Y)
	box = box.Round()
	c.FillRect(box, th.Panel)
	c.StrokeRect(box, math.Max(1, math.Round(ctx.Scale)), th.Text)
	for i, l := range lines {
		c.Text(l, box.X+pad, box.Y+pad+lh*(float64(i)+0.5), st)
	}
}
