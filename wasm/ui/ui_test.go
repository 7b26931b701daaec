package ui

import (
	"encoding/json"
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func newCtx() *Context {
	return &Context{Lang: i18n.En, Scale: 2, Theme: &Light, Screen: R(0, 0, 800, 600), Shared: &Shared{}}
}

// frame runs one frame of widgets on the given events and keys.
func frame(ctx *Context, tr *Tracker, keys []string, evs ...PointerEvent) *Input {
	in := &Input{Events: evs, Keys: keys}
	tr.Frame(in)
	ctx.Focus.Begin(in)
	return in
}

func click(x, y float64) []PointerEvent {
	return []PointerEvent{
		{Phase: PointerDown, Primary: true, X: x, Y: y, Pressure: 0.5},
		{Phase: PointerUp, Primary: true, X: x, Y: y},
	}
}

func TestRect(t *testing.T) {
	r := R(10, 20, 100, 50)
	if !r.Contains(10, 20) || r.Contains(110, 20) || r.Contains(10, 70) || !r.Contains(109.9, 69.9) {
		t.Error("Contains: the right and bottom edges are outside, the left and top inside")
	}
	top, rest := r.CutTop(15)
	if top != R(10, 20, 100, 15) || rest != R(10, 35, 100, 35) {
		t.Errorf("CutTop = %v, %v", top, rest)
	}
	if _, rest := r.CutLeft(500); rest.W != 0 {
		t.Errorf("CutLeft beyond the width leaves %v", rest)
	}
	if g := r.Grid(2, 1, 10, 1, 0); g != R(65, 20, 45, 50) {
		t.Errorf("Grid = %v", g)
	}
	if in := r.Inset(60); in.W != 0 || in.H != 0 {
		t.Errorf("Inset past the size = %v", in)
	}
	if rr := R(0.4, 0.6, 10.2, 9.8).Round(); rr != R(0, 1, 11, 9) {
		t.Errorf("Round = %v", rr)
	}
}

func TestDiverging(t *testing.T) {
	th := &Light
	cases := []struct {
		v, scale float32
		want     string
	}{
		{0, 1, "zero"}, {1, 1, "pos"}, {5, 1, "pos"}, {-1, 1, "neg"}, {-9, 1, "neg"},
		{1, 0, "zero"}, {-1, -1, "zero"},
	}
	for _, c := range cases {
		got := Diverging(c.v, c.scale, th)
		want := map[string]any{"zero": th.Zero, "pos": th.Pos, "neg": th.Neg}[c.want]
		if got != want {
			t.Errorf("Diverging(%v, %v) = %v, want %s %v", c.v, c.scale, got, c.want, want)
		}
	}
	half := Diverging(0.5, 1, th)
	if half == th.Zero || half == th.Pos || half.R < half.B {
		t.Errorf("Diverging(0.5) = %v: should be between white and red", half)
	}
	neg := Diverging(-0.5, 1, th)
	if neg.B < neg.R {
		t.Errorf("Diverging(-0.5) = %v: negative values must look blue", neg)
	}
}

func TestFillDiverging(t *testing.T) {
	b := NewBitmap(4, 3)
	FillDiverging(b, 1, 1, []float32{-2, 0, 2, 1, 1, 1}, 3, 2, 2, &Light)
	if b.At(1, 1) != Light.Neg || b.At(2, 1) != Light.Zero || b.At(3, 1) != Light.Pos {
		t.Errorf("first row: %v %v %v", b.At(1, 1), b.At(2, 1), b.At(3, 1))
	}
	if b.At(0, 0).A != 0 || b.At(0, 1).A != 0 {
		t.Error("pixels outside the map changed")
	}
	if got := MaxAbs([]float32{1, -3, 2}); got != 3 {
		t.Errorf("MaxAbs = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("a map larger than the bitmap must panic")
		}
	}()
	FillDiverging(b, 2, 0, make([]float32, 9), 3, 3, 1, &Light)
}

func TestFillDivergingAllocs(t *testing.T) {
	b := NewBitmap(28, 28)
	src := make([]float32, 784)
	if n := testing.AllocsPerRun(10, func() { FillDiverging(b, 0, 0, src, 28, 28, 1, &Light) }); n != 0 {
		t.Errorf("FillDiverging allocates %v times", n)
	}
}

func TestFormatNum(t *testing.T) {
	for v, want := range map[float32]string{0: "0", 0.1234: "0.12", -1.25: "-1.25", 12.34: "12.3", 456.7: "457", 0.00002: "≈0"} {
		if got := FormatNum(v); got != want {
			t.Errorf("FormatNum(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestButtonClickAndKeyboard(t *testing.T) {
	ctx := newCtx()
	var tr Tracker
	a := &Button{Rect: R(0, 0, 100, 40), Label: "A"}
	b := &Button{Rect: R(0, 50, 100, 40), Label: "B"}
	run := func(in *Input) (bool, bool) { return a.Update(ctx, in), b.Update(ctx, in) }

	if ca, cb := run(frame(ctx, &tr, nil, click(10, 60)...)); ca || !cb {
		t.Fatalf("click on B: a=%v b=%v", ca, cb)
	}
	// Pressing in A and releasing in B is not a click.
	if ca, cb := run(frame(ctx, &tr, nil, PointerEvent{Phase: PointerDown, Primary: true, X: 5, Y: 5},
		PointerEvent{Phase: PointerUp, Primary: true, X: 5, Y: 60})); ca || cb {
		t.Fatalf("drag from A to B clicked: a=%v b=%v", ca, cb)
	}
	// The click focused B (index 1); Tab wraps to A, Enter activates it.
	run(frame(ctx, &tr, []string{"Tab"}))
	if ca, cb := run(frame(ctx, &tr, []string{"Enter"})); !ca || cb {
		t.Fatalf("Tab then Enter: a=%v b=%v", ca, cb)
	}
	run(frame(ctx, &tr, []string{"Escape"}))
	if ca, cb := run(frame(ctx, &tr, []string{"Space"})); ca || cb {
		t.Fatal("Space without focus activated a button")
	}
	b.Disabled = true
	if _, cb := run(frame(ctx, &tr, nil, click(10, 60)...)); cb {
		t.Fatal("a disabled button clicked")
	}
	var rec Recorder
	a.Draw(ctx, &rec)
	if !rec.HasText("A") {
		t.Error("the label was not drawn")
	}
}

func TestStepperAndToggle(t *testing.T) {
	ctx := newCtx()
	var tr Tracker
	s := &Stepper{Rect: R(0, 0, 150, 30), Label: "stride", Value: 1, Min: 1, Max: 3}
	tg := &Toggle{Rect: R(0, 40, 150, 30), Label: "flip"}
	step := func(in *Input) bool { c := s.Update(ctx, in); tg.Update(ctx, in); return c }
	if !step(frame(ctx, &tr, nil, click(140, 10)...)) || s.Value != 2 {
		t.Fatalf("+ → %d", s.Value)
	}
	step(frame(ctx, &tr, []string{"ArrowRight"}))
	step(frame(ctx, &tr, []string{"ArrowRight"}))
	if s.Value != 3 {
		t.Fatalf("arrows past the maximum: %d", s.Value)
	}
	if step(frame(ctx, &tr, nil, click(5, 10)...)); s.Value != 2 {
		t.Fatalf("− → %d", s.Value)
	}
	if s.Text() != "stride 2" {
		t.Errorf("Text = %q", s.Text())
	}
	step(frame(ctx, &tr, nil, click(20, 50)...))
	if !tg.On {
		t.Fatal("click did not switch the toggle on")
	}
}

// The number cell behaves like a text field: a click selects the
// content, typing replaces it, Enter and Tab commit, Escape cancels, a
// refused entry says what is allowed.
func TestNumberCell(t *testing.T) {
	ctx := newCtx()
	var tr Tracker
	n := &NumberCell{Rect: R(0, 0, 60, 30), Value: -1, Min: -10, Max: 10, Step: 0.5}
	other := &NumberCell{Rect: R(100, 0, 60, 30), Value: 3}
	upd := func(in *Input) bool { a := n.Update(ctx, in); other.Update(ctx, in); return a }
	typed := func(s string, keys ...string) *Input {
		in := frame(ctx, &tr, keys)
		in.Chars = []rune(s)
		return in
	}
	upd(frame(ctx, &tr, nil, click(10, 10)...))
	if !n.Editing() || n.Typed() != "-1" {
		t.Fatalf("a click should start editing with the value: editing %v, %q", n.Editing(), n.Typed())
	}
	upd(typed("2"))
	if n.Typed() != "2" {
		t.Fatalf("typing 2 into a selected -1 gives %q, want 2", n.Typed())
	}
	if !upd(frame(ctx, &tr, []string{"Enter"})) || n.Value != 2 || n.Editing() || !n.Committed {
		t.Fatalf("Enter: value %v, editing %v, committed %v", n.Value, n.Editing(), n.Committed)
	}
	upd(frame(ctx, &tr, []string{"ArrowUp"}))
	if n.Value != 2.5 {
		t.Fatalf("ArrowUp: %v", n.Value)
	}
	// Enter starts editing again; Backspace clears the selection; Tab
	// commits and moves on.
	upd(frame(ctx, &tr, []string{"Enter"}))
	upd(frame(ctx, &tr, []string{"Backspace"}))
	upd(typed("-0.5x"))
	if n.Typed() != "-0.5" {
		t.Fatalf("typed %q", n.Typed())
	}
	if !upd(frame(ctx, &tr, []string{"Tab"})) || n.Value != -0.5 || n.Editing() {
		t.Fatalf("Tab: value %v, editing %v", n.Value, n.Editing())
	}
	// Escape restores the value and keeps the focus.
	upd(frame(ctx, &tr, nil, click(10, 10)...))
	upd(typed("7"))
	if upd(frame(ctx, &tr, []string{"Escape"})) || n.Value != -0.5 || n.Editing() || !ctx.Focus.Focused() {
		t.Fatalf("Escape: value %v, editing %v, focused %v", n.Value, n.Editing(), ctx.Focus.Focused())
	}
	// Out of range: refused, with what is allowed.
	upd(frame(ctx, &tr, []string{"Enter"}))
	upd(typed("-12"))
	upd(frame(ctx, &tr, []string{"Enter"}))
	if n.Value != -0.5 || !n.Refused() || !strings.Contains(n.Problem(i18n.En), "from -10 to 10") || n.Problem(i18n.Ko) == "" {
		t.Fatalf("-12 accepted: %v, problem %q", n.Value, n.Problem(i18n.En))
	}
	// Typing again clears the complaint; a click elsewhere commits.
	upd(frame(ctx, &tr, nil, click(10, 10)...))
	if n.Refused() {
		t.Error("the complaint stays while typing anew")
	}
	upd(typed("4"))
	upd(frame(ctx, &tr, nil, click(300, 300)...))
	if n.Value != 4 || n.Editing() {
		t.Fatalf("a click elsewhere: value %v, editing %v", n.Value, n.Editing())
	}
	// A whole-number cell with its own reader: blank until answered.
	q := &NumberCell{Rect: R(0, 50, 100, 30), Whole: true, Blank: true, Placeholder: "answer",
		Allowed: i18n.Text{En: "a whole number", Ko: "정수"},
		Parse: func(s string) (float64, bool) {
			v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
			return v, err == nil
		}}
	ctx.Focus.Clear()
	q.Update(ctx, frame(ctx, &tr, nil, click(10, 60)...))
	in := typed("2,416")
	q.Update(ctx, in)
	q.Update(ctx, frame(ctx, &tr, []string{"Enter"}))
	if q.Value != 2416 || q.Blank || !q.Committed {
		t.Fatalf("2,416: %v blank %v", q.Value, q.Blank)
	}
	q.Update(ctx, frame(ctx, &tr, []string{"Enter"}))
	q.Update(ctx, typed("2.5"))
	q.Update(ctx, frame(ctx, &tr, []string{"Enter"}))
	if q.Value != 2416 || !strings.Contains(q.Problem(i18n.En), "whole number") {
		t.Fatalf("2.5 in a whole-number cell: %v, %q", q.Value, q.Problem(i18n.En))
	}
}

func TestSliderDrag(t *testing.T) {
	ctx := newCtx()
	var tr Tracker
	s := &Slider{Rect: R(100, 0, 200, 20), Min: 0, Max: 10}
	s.Update(ctx, frame(ctx, &tr, nil, PointerEvent{Phase: PointerDown, Primary: true, X: 150, Y: 10}))
	s.Update(ctx, frame(ctx, &tr, nil, PointerEvent{Phase: PointerMove, Primary: true, X: 250, Y: 90}))
	if s.Value != 7.5 {
		t.Fatalf("drag to 3/4: %v", s.Value)
	}
	s.Update(ctx, frame(ctx, &tr, nil, PointerEvent{Phase: PointerMove, Primary: true, X: 999, Y: 90}))
	if s.Value != 10 {
		t.Fatalf("drag past the end: %v", s.Value)
	}
}

func TestWrapText(t *testing.T) {
	var rec Recorder
	st := TextStyle{Size: 10} // 5.5 px per rune
	lines := WrapText(&rec, "the kernel slides over the image", 60, st)
	for _, l := range lines {
		if rec.MeasureText(l, st) > 60 {
			t.Errorf("line %q too wide", l)
		}
	}
	if strings.Join(lines, " ") != "the kernel slides over the image" {
		t.Errorf("wrapping lost words: %q", lines)
	}
	long := WrapText(&rec, "수용장과커널의선형결합입니다", 30, st)
	if len(long) < 3 || strings.Join(long, "") != "수용장과커널의선형결합입니다" {
		t.Errorf("a long word must be split: %q", long)
	}
}

type fakeView struct{ name string }

func (f *fakeView) Layout(*Context, Rect)   {}
func (f *fakeView) Update(*Context, *Input) {}
func (f *fakeView) Draw(*Context, Canvas)   {}
func (f *fakeView) State() *jsonw.Object    { return new(jsonw.Object).Str("name", f.name) }

func TestRegistry(t *testing.T) {
	spec := Spec{Name: "fake-test", Title: i18n.Text{En: "Fake", Ko: "가짜"}, New: func(*Context) View { return &fakeView{"fake-test"} }}
	Register(spec)
	s, ok := Lookup("fake-test")
	if !ok || s.Name != "fake-test" || s.Title.In(i18n.Ko) != "가짜" {
		t.Fatal("registered view not found")
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("unknown view found")
	}
	if b := s.New(newCtx()).State().Bytes(); !json.Valid(b) || !strings.Contains(string(b), "fake-test") {
		t.Errorf("state %s", b)
	}
	found := false
	for _, n := range ViewNames() {
		found = found || n == "fake-test"
	}
	if !found {
		t.Error("ViewNames lacks the view")
	}
	for _, bad := range []Spec{spec, {Title: spec.Title, New: spec.New}, {Name: "x", New: spec.New}, {Name: "y", Title: spec.Title}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%+v) did not panic", bad.Name)
				}
			}()
			Register(bad)
		}()
	}
}

func TestContextRequests(t *testing.T) {
	ctx := newCtx()
	ctx.SwitchTo("conv")
	ctx.ToggleLang()
	ctx.Announce("hi")
	ctx.Save(File{Name: "a.csv"})
	ctx.Again()
	if r := ctx.TakeRequests(); !reflect.DeepEqual(r, Requests{View: "conv", SwitchView: true, ToggleLang: true, Announce: "hi", HasAnnounce: true, Files: []File{{Name: "a.csv"}}, Again: true}) {
		t.Fatalf("requests %+v", r)
	}
	if r := ctx.TakeRequests(); !reflect.DeepEqual(r, Requests{}) {
		t.Fatal("requests not cleared")
	}
	if ctx.Px(10) != 20 || ctx.PxRound(0.2) != 1 {
		t.Error("Px")
	}
}

// A Draw right after a new layout or language, before the next Update,
// draws the widgets where they now are, with their new labels.
func TestWidgetsDrawAfterLayout(t *testing.T) {
	ctx := newCtx()
	var tr Tracker
	ch := &Choice{Rect: R(0, 0, 200, 30), Options: []string{"cross-correlation", "convolution"}}
	st := &Stepper{Rect: R(0, 40, 150, 30), Value: 1, Min: 1, Max: 3}
	in := frame(ctx, &tr, nil)
	ch.Update(ctx, in)
	st.Update(ctx, in)
	// The language changes and the layout moves them; no Update yet.
	ch.Options = []string{"교차상관", "컨볼루션"}
	ch.Rect = R(100, 200, 400, 40)
	st.Rect = R(100, 300, 300, 40)
	st.Value = 3
	var rec Recorder
	ch.Draw(ctx, &rec)
	st.Draw(ctx, &rec)
	var drawn []string
	for _, op := range rec.Ops {
		if op.Kind == "text" {
			drawn = append(drawn, op.Text)
			if op.R.Y < 200 {
				t.Errorf("%q drawn at y=%v, where the widget was", op.Text, op.R.Y)
			}
		}
	}
	if !rec.HasText("교차상관") || !rec.HasText("컨볼루션") || rec.HasText("convolution") {
		t.Errorf("the choice draws %q", drawn)
	}
	for _, op := range rec.Ops {
		if op.Kind == "text" && op.Text == "+" && op.Color != ctx.Theme.Line {
			t.Error("the + of a stepper at its maximum is not drawn disabled")
		}
	}
}

// A stepper too narrow for its label and value on one line draws them on
// two, at the small size, instead of shrinking one line past reading.
func TestStepperTwoLines(t *testing.T) {
	ctx := newCtx()
	th := ctx.Theme
	for _, c := range []struct {
		w     float64
		lines []string
	}{{300, []string{"learning rate 0.002"}}, {170, []string{"learning rate", "0.002"}}} {
		s := &Stepper{Rect: R(0, 0, ctx.Px(c.w), ctx.Px(36)), Label: "learning rate", Value: 2, Min: 1, Max: 5,
			Format: func(v int) string { return "0.00" + strconv.Itoa(v) }}
		var rec Recorder
		s.Draw(ctx, &rec)
		var got []string
		for _, o := range rec.Ops {
			if o.Kind != "text" || o.Text == "−" || o.Text == "+" {
				continue
			}
			got = append(got, o.Text)
			if o.R.H < 0.95*ctx.Px(min(th.FontSmall, th.FontBody)) || o.R.W > ctx.Px(c.w-2*36*1.1) {
				t.Errorf("width %v: %q drawn %v px wide at %v px", c.w, o.Text, o.R.W, o.R.H)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.lines) {
			t.Errorf("width %v: drew %q, want %q", c.w, got, c.lines)
		}
	}
}

// A panel shorter than its text draws whole lines only, the last with
// "…"; one tall enough draws every line as it is.
func TestPanelWholeLines(t *testing.T) {
	ctx := newCtx()
	lines := []string{"one", "two", "three", "four", "five"}
	lh := ctx.Px(ctx.Theme.FontBody) * 1.4
	pad := ctx.Px(ctx.Theme.Pad)
	for _, c := range []struct {
		h    float64
		want string
	}{{2*pad + 6*lh, "[title one two three four five]"}, {2*pad + 3.2*lh, "[title one two …]"}} {
		var rec Recorder
		r := R(0, 0, 400, c.h)
		Panel(ctx, &rec, r, "title", lines)
		var got []string
		for _, o := range rec.Ops {
			if o.Kind == "text" {
				got = append(got, o.Text)
				if o.R.Y+o.R.H*0.6 > r.Bottom() {
					t.Errorf("height %v: %q drawn at %v, past the bottom %v", c.h, o.Text, o.R.Y, r.Bottom())
				}
			}
		}
		if s := fmt.Sprint(strings.Fields(strings.Join(got, " "))); s != c.want {
			t.Errorf("height %v: drew %v, want %v", c.h, s, c.want)
		}
	}
}

// wrapTextSlow is WrapText line by line: each line tried whole, word by
// word. It is the oracle of TestWrapTextOracle.
func wrapTextSlow(c TextMeasurer, s string, w float64, st TextStyle) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if c.MeasureText(try, st) <= w || line == "" && len([]rune(word)) == 1 {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = word
			for c.MeasureText(line, st) > w && len([]rune(line)) > 1 {
				rs := []rune(line)
				k := len(rs) - 1
				for k > 1 && c.MeasureText(string(rs[:k]), st) > w {
					k--
				}
				lines = append(lines, string(rs[:k]))
				line = string(rs[k:])
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// With a measure that adds up, WrapText wraps exactly as trying each line
// whole does: random texts of short and long words, spaces, new lines,
// Hangul, at widths from one rune to many words.
func TestWrapTextOracle(t *testing.T) {
	var rec Recorder
	st := TextStyle{Size: 10}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "w·x", "−0.983", "(+2)", "수용장", "convolution", "수용장과커널의선형결합입니다", "3.32", "=", " ", "  ", "\n", "Σ", "ReLU(z)"}
	for n := range 2000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		s, w := b.String(), float64(1+rng.IntN(200))
		got, want := WrapText(&rec, s, w, st), wrapTextSlow(&rec, s, w, st)
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("case %d: WrapText(%q, %v) = %q, want %q", n, s, w, got, want)
		}
	}
}

// DarkenByInk scales each colour by 1 − d·ink, ink clamped to 0..1, and
// leaves alpha and the pixels beyond the map as they are.
func TestDarkenByInk(t *testing.T) {
	b := NewBitmap(3, 2)
	for i := range b.Pix {
		b.Pix[i] = 200
	}
	DarkenByInk(b, []float32{0, 1, 2, -1}, 2, 2, 0.5)
	var got []byte
	for i := 0; i < len(b.Pix); i += 4 {
		got = append(got, b.Pix[i])
		if b.Pix[i+3] != 200 {
			t.Errorf("pixel %d: alpha %d", i/4, b.Pix[i+3])
		}
	}
	if want := []byte{200, 100, 200, 100, 200, 200}; string(got) != string(want) {
		t.Errorf("red channel %v, want %v", got, want)
	}
}
