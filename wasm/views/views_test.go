package views

import (
	"encoding/json"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

type harness struct {
	t    *testing.T
	ctx  *ui.Context
	view ui.View
	tr   ui.Tracker
	rec  ui.Recorder
}

func open(t *testing.T, name string, l i18n.Lang, w, h, scale float64, params string) *harness {
	t.Helper()
	q, _ := url.ParseQuery(params)
	ctx := &ui.Context{Lang: l, Scale: scale, Theme: &ui.Light, Screen: ui.R(0, 0, w, h), Params: q, Shared: &ui.Shared{}}
	spec, ok := ui.Lookup(name)
	if !ok {
		t.Fatalf("view %q is not registered", name)
	}
	v := spec.New(ctx)
	v.Layout(ctx, ui.R(0, 40*scale, w, h-40*scale))
	hs := &harness{t: t, ctx: ctx, view: v}
	hs.frame(nil)
	return hs
}

// frame runs one frame with the given keys (and typed characters) and
// pointer events, then draws.
func (h *harness) frame(keys []string, evs ...ui.PointerEvent) {
	in := &ui.Input{Events: evs}
	for _, k := range keys {
		if len(k) == 1 {
			in.Chars = append(in.Chars, rune(k[0]))
			continue
		}
		if k == "Shift+Tab" {
			in.Shift = true
			k = "Tab"
		}
		in.Keys = append(in.Keys, k)
	}
	h.tr.Frame(in)
	h.ctx.Focus.Begin(in)
	h.view.Update(h.ctx, in)
	h.ctx.TakeRequests()
	h.rec.Reset()
	h.view.Draw(h.ctx, &h.rec)
	h.ctx.Frame++
}

// tabTo moves the focus to widget i (counting from 0) from no focus.
func (h *harness) tabTo(i int) {
	h.frame([]string{"Escape"})
	for range i + 1 {
		h.frame([]string{"Tab"})
	}
}

func (h *harness) state() map[string]any {
	h.t.Helper()
	b := h.view.State().Bytes()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		h.t.Fatal(err)
	}
	return m
}

func click(x, y float64) []ui.PointerEvent {
	return []ui.PointerEvent{
		{Phase: ui.PointerDown, Primary: true, X: x, Y: y, Pressure: 0.5},
		{Phase: ui.PointerUp, Primary: true, X: x, Y: y},
	}
}

func hasHangul(ss []string) bool {
	for _, s := range ss {
		for _, r := range s {
			if unicode.Is(unicode.Hangul, r) {
				return true
			}
		}
	}
	return false
}

// Every view opens in both languages, wide and narrow, draws text in its
// language inside the screen, and has a JSON state.
func TestEveryViewOpens(t *testing.T) {
	for _, name := range []string{"conv", "pool", "cost", "rf", "quiz"} {
		for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
			for _, size := range [][3]float64{{1280, 800, 1}, {1440, 900, 2}, {420, 900, 1}, {2560, 1600, 2}} {
				h := open(t, name, l, size[0], size[1], size[2], "seed=7")
				if spec, _ := ui.Lookup(name); spec.Name != name || spec.Title.In(l) == "" {
					t.Errorf("%s: name %q title %q", name, spec.Name, spec.Title.In(l))
				}
				texts := h.rec.Texts()
				if len(texts) < 5 {
					t.Errorf("%s %v: only %d strings drawn", name, l, len(texts))
				}
				if hasHangul(texts) != (l == i18n.Ko) {
					t.Errorf("%s %v: Hangul drawn: %v", name, l, hasHangul(texts))
				}
				for _, op := range h.rec.Ops {
					if op.Kind == "text" && (op.R.X < -1 || op.R.Y < 0 || op.R.Y > size[1]+1) {
						t.Errorf("%s %v %v: text %q at (%v, %v) is off the screen", name, l, size, op.Text, op.R.X, op.R.Y)
						break
					}
				}
				s := h.state()
				if s["view"] != name || s["lang"] != l.Code() {
					t.Errorf("%s: state %v %v", name, s["view"], s["lang"])
				}
			}
		}
	}
}

// Keyboard order of the convolution playground: source 0, preset 1,
// size 2, operation 3, padding 4, stride 5, bias 6, the kernel cells, then
// the output map.
// Keyboard order of the convolution playground: operation 0, preset 1,
// size 2, padding 3, stride 4, bias 5, picture 6, the kernel cells, then
// the output map.
func TestConvKeyboard(t *testing.T) {
	h := open(t, "conv", i18n.En, 1280, 800, 1, "")
	h.tabTo(1)
	h.frame([]string{"ArrowRight"})
	h.frame([]string{"ArrowRight"}) // horizontal → vertical → Sobel x
	s := h.state()
	if s["preset"] != "Sobel x" {
		t.Fatalf("preset %v", s["preset"])
	}
	corr := s["out"].([]any)
	h.tabTo(0)
	h.frame([]string{"ArrowRight"})
	s = h.state()
	if s["mode"] != "convolution" {
		t.Fatalf("mode %v", s["mode"])
	}
	if equalAny(corr, s["out"].([]any)) {
		t.Error("Sobel x: convolution gives the same map as correlation")
	}
	if !h.rec.HasText("turned 180°") {
		t.Error("the flipped kernel is not shown")
	}
	// box blur: the same either way
	h.tabTo(1)
	h.frame([]string{"ArrowRight"})
	h.frame([]string{"ArrowRight"}) // Sobel y, box blur
	conv := h.state()
	if conv["preset"] != "box blur" {
		t.Fatalf("preset %v", conv["preset"])
	}
	h.tabTo(0)
	h.frame([]string{"ArrowLeft"})
	corrBlur := h.state()
	if corrBlur["mode"] != "correlation" || !equalAny(conv["out"].([]any), corrBlur["out"].([]any)) {
		t.Error("box blur: correlation and convolution differ")
	}
	// stride 2 on the 12×12 test image does not tile: explained, not hidden
	h.tabTo(4)
	h.frame([]string{"ArrowRight"})
	s = h.state()
	if s["stride"].(float64) != 2 || s["tiles"] != false || !strings.Contains(s["explanation"].(string), "does not tile") || !h.rec.HasText("does not tile") {
		t.Errorf("stride 2: %v %v", s["tiles"], s["explanation"])
	}
	// padding "same" keeps 12×12 at stride 1
	h.frame([]string{"ArrowLeft"})
	h.tabTo(3)
	h.frame([]string{"ArrowLeft"}) // 0 → same (wraps)
	s = h.state()
	if s["same"] != true || s["outH"].(float64) != 12 {
		t.Errorf("same padding: %v %v", s["same"], s["outH"])
	}
	// the output map: arrows move the explained value
	h.tabTo(7 + 9)
	p0 := h.state()["point"].([]any)
	h.frame([]string{"ArrowDown"})
	h.frame([]string{"ArrowRight"})
	s = h.state()
	p := s["point"].([]any)
	if s["outputFocused"] != true || p[0].(float64) != p0[0].(float64)+1 || p[1].(float64) != p0[1].(float64)+1 || !strings.Contains(s["expression"].(string), "=") {
		t.Errorf("point %v, focused %v, %v", p, s["outputFocused"], s["expression"])
	}
	// editing a kernel cell makes the kernel custom
	h.tabTo(7 + 4)
	h.frame([]string{"ArrowUp"})
	s = h.state()
	if s["preset"] != "custom" {
		t.Errorf("after editing a cell: preset %v", s["preset"])
	}
	// drawing source without a drawing is refused with a message
	h.tabTo(6)
	h.frame([]string{"ArrowLeft"})
	s = h.state()
	if s["source"] != "test image 12×12" || s["message"] == "" {
		t.Errorf("drawing without a drawing: %v %q", s["source"], s["message"])
	}
}

// Pointing at the output map explains the value under the pointer.
func TestConvPointing(t *testing.T) {
	h := open(t, "conv", i18n.Ko, 1280, 800, 1, "")
	// it starts on the strongest response: the top edge of the rectangle
	if p := h.state()["point"].([]any); p[0].(float64) != 0 || p[1].(float64) != 2 {
		t.Errorf("first point %v", p)
	}
	v := h.view.(*convView)
	r := v.out.cellRect(3, 4)
	h.frame(nil, ui.PointerEvent{Phase: ui.PointerMove, Primary: true, X: r.CenterX(), Y: r.CenterY()})
	s := h.state()
	p := s["point"].([]any)
	if p[0].(float64) != 3 || p[1].(float64) != 4 {
		t.Errorf("hover: point %v", p)
	}
	if !h.rec.HasText("행 3, 열 4") {
		t.Error("the Korean explanation of the pointed value is not drawn")
	}
	// the drawing becomes a source once there is one
	h.ctx.Shared.HasInput = true
	h.ctx.Shared.Input[16*32+16] = 1
	h.ctx.Shared.InputVersion++
	h.tabTo(6)
	h.frame([]string{"ArrowLeft"})
	if s := h.state(); s["source"] != "your drawing" || s["inH"].(float64) != 28 {
		t.Errorf("drawing source: %v %v", s["source"], s["inH"])
	}
}

func equalAny(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i].(float64)-b[i].(float64)) > 1e-5 {
			return false
		}
	}
	return true
}

func TestPoolKeyboard(t *testing.T) {
	h := open(t, "pool", i18n.En, 1280, 800, 1, "")
	s := h.state()
	if s["outH"].(float64) != 4 || len(s["winners"].([]any)) != 16 || !strings.HasPrefix(s["expression"].(string), "max(") {
		t.Fatalf("start: %v", s)
	}
	h.tabTo(1)
	h.frame([]string{"ArrowRight"})
	s = h.state()
	if s["mode"] != "average" || s["winners"] != nil || !strings.Contains(s["expression"].(string), ")/4 = ") {
		t.Errorf("average: %v %v", s["mode"], s["expression"])
	}
	// a click on the second feature map
	b := h.view.(*poolView).source.Rect.Grid(3, 1, 0, 1, 0)
	h.frame(nil, click(b.CenterX(), b.CenterY())...)
	if s := h.state(); s["inH"].(float64) != 28 || s["source"] != "edge map of the sample digit" {
		t.Errorf("click on the digit map: %v %v", s["inH"], s["source"])
	}
	h.frame(nil, click(h.view.(*poolView).source.Rect.X+2, b.CenterY())...)
	h.tabTo(2)
	h.frame([]string{"Equal"}) // window 3, stride 2: 8 − 3 = 5 does not tile
	s = h.state()
	if s["size"].(float64) != 3 || s["tiles"] != false || !strings.Contains(s["explanation"].(string), "does not tile") {
		t.Errorf("3×3 stride 2: %v %v", s["tiles"], s["explanation"])
	}
}

func TestCostView(t *testing.T) {
	h := open(t, "cost", i18n.En, 1280, 800, 1, "")
	s := h.state()
	want := map[string]float64{"C1": 156, "C3": 2416, "C5": 48120, "F6": 10164, "Output": 850}
	for _, r := range s["rows"].([]any) {
		row := r.(map[string]any)
		if w, ok := want[row["name"].(string)]; ok && row["params"].(float64) != w {
			t.Errorf("%v: %v parameters, want %v", row["name"], row["params"], w)
		}
		if row["name"] == "C1" && row["connections"].(float64) != 122304 {
			t.Errorf("C1 connections %v", row["connections"])
		}
	}
	if s["totalParams"].(float64) != 61706 || s["totalMACs"].(float64) != 416520 || s["convParams"].(float64) != 50692 || s["fcParams"].(float64) != 11014 {
		t.Errorf("totals %v %v", s["totalParams"], s["totalMACs"])
	}
	ex := s["example"].(map[string]any)
	if ex["perKernel"].(float64) != 7077888 || !h.rec.HasText("7,077,888") || !h.rec.HasText("(1·5·5+1)·6 = 156") || !h.rec.HasText("122,304") {
		t.Errorf("example %v", ex)
	}
	for _, s := range []string{"416,520", "61,706", "150 weights + 6 biases"} {
		if !h.rec.HasText(s) {
			t.Errorf("%q is not drawn", s)
		}
	}
	// the table: arrows choose the row whose note is shown
	h.tabTo(0)
	h.frame([]string{"ArrowDown"})
	h.frame([]string{"ArrowDown"})
	if s := h.state(); s["selected"] != "C3" || !strings.Contains(s["note"].(string), "2,416 parameters") {
		t.Errorf("selected %v: %v", s["selected"], s["note"])
	}
	// the example: 64 kernels (count stepper is widget 4)
	h.tabTo(4)
	for range 7 {
		h.frame([]string{"ArrowRight"})
	}
	s = h.state()
	ex = s["example"].(map[string]any)
	if ex["count"].(float64) != 64 || ex["allMACs"].(float64) != 64*7077888 {
		t.Errorf("64 kernels: %v", ex)
	}
	// an even kernel with "same" padding is explained
	h.tabTo(3)
	h.frame(nil)
	v := h.view.(*costView)
	v.ex.Kernel = 4
	v.exRes, v.exErr = v.ex.Compute()
	h.frame(nil)
	if s := h.state(); s["example"].(map[string]any)["error"] == nil || !h.rec.HasText("odd kernel") {
		t.Errorf("even kernel: %v", s["example"])
	}
}

func TestRFView(t *testing.T) {
	h := open(t, "rf", i18n.En, 1280, 800, 1, "")
	s := h.state()
	side := s["side"].([]any)
	if s["layer"] != "C3" || side[0].(float64) != 14 {
		t.Fatalf("start: %v %v", s["layer"], side)
	}
	h.tabTo(0)
	h.frame([]string{"ArrowRight"}) // S4
	s = h.state()
	if s["layer"] != "S4" || s["side"].([]any)[0].(float64) != 16 {
		t.Errorf("S4: %v", s["side"])
	}
	h.frame([]string{"ArrowRight"}) // C5
	s = h.state()
	if s["layer"] != "C5" || s["side"].([]any)[0].(float64) != 32 || !h.rec.HasText("32×32 receptive field") {
		t.Errorf("C5: %v", s["side"])
	}
	h.frame([]string{"ArrowLeft"})
	h.frame([]string{"ArrowLeft"}) // C3
	h.tabTo(1)
	h.frame([]string{"ArrowRight"})
	s = h.state()
	u := s["unit"].([]any)
	reg := s["region"].(map[string]any)
	// back at C3 the unit is (0, 0) from C5; one step right: input columns 2–15
	if u[0].(float64) != 0 || u[1].(float64) != 1 || reg["X0"].(float64) != 2 || reg["X1"].(float64) != 15 || reg["Y1"].(float64) != 13 || s["mapFocused"] != true {
		t.Errorf("unit %v region %v", u, reg)
	}
}

func TestQuizView(t *testing.T) {
	h := open(t, "quiz", i18n.Ko, 1280, 800, 1, "seed=7")
	h.frame(nil)
	s := h.state()
	if s["seed"].(float64) != 7 || s["number"].(float64) != 1 || s["answerFocused"] != true {
		t.Fatalf("start %v", s)
	}
	want := lecture.NewQuiz(7).Q.Answer
	h.frame([]string{"Enter"}) // nothing typed: an error, not an answer
	if s := h.state(); s["tried"].(float64) != 0 || s["error"] == "" {
		t.Errorf("empty answer: %v", s)
	}
	var keys []string
	for _, r := range strconv.FormatInt(want, 10) {
		keys = append(keys, string(r))
	}
	h.frame(keys)
	h.frame([]string{"Enter"})
	s = h.state()
	if s["answered"] != true || s["right"] != true || s["correct"].(float64) != 1 || !strings.HasPrefix(s["feedback"].(string), "정답") {
		t.Errorf("right answer: %v", s)
	}
	h.frame([]string{"Enter"}) // next
	// Two wrong tries: a hint after the first, the answer after the second.
	h.frame([]string{"9", "9", "9", "9", "9", "9", "9"})
	h.frame([]string{"Enter"})
	s = h.state()
	if s["number"].(float64) != 2 || s["answered"] != false || s["tries"].(float64) != 1 || !strings.Contains(s["feedback"].(string), "한 번 더") {
		t.Errorf("a first wrong try: %v", s)
	}
	h.frame([]string{"8", "Enter"})
	s = h.state()
	if s["answered"] != true || s["right"] != false || s["tried"].(float64) != 2 || !strings.Contains(s["feedback"].(string), "답은") {
		t.Errorf("a second wrong try: %v", s)
	}
}

// A course page sets a view's state through the address; what cannot be
// done is named, not ignored in silence.
func TestURLParameters(t *testing.T) {
	h := open(t, "conv", i18n.En, 1280, 800, 1, "kernel=sobelx&mode=convolution&pad=same&stride=2&bias=0.5&size=5&source=digit")
	s := h.state()
	if s["preset"] != "Sobel x" || s["mode"] != "convolution" || s["same"] != true || s["padding"].(float64) != 2 ||
		s["stride"].(float64) != 2 || s["bias"].(float64) != 0.5 || s["size"].(float64) != 5 || s["inH"].(float64) != 28 || s["message"] != "" {
		t.Errorf("conv from the address: %v", s)
	}
	h = open(t, "conv", i18n.Ko, 1280, 800, 1, "kernel=gauss&stride=9&source=drawing&bias=x")
	s = h.state()
	msg := s["message"].(string)
	for _, w := range []string{"주소에서 무시한 값", "kernel=gauss", "stride=9", "source=drawing", "bias=x"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
	if s["preset"] != "horizontal edge" || s["stride"].(float64) != 1 {
		t.Errorf("bad values changed the state: %v %v", s["preset"], s["stride"])
	}
	h.frame([]string{"Tab"})
	if h.state()["message"] != "" {
		t.Error("the message stays after the student acts")
	}
	h = open(t, "pool", i18n.En, 1280, 800, 1, "mode=avg&window=3&stride=3&map=digit")
	if s := h.state(); s["mode"] != "average" || s["size"].(float64) != 3 || s["stride"].(float64) != 3 || s["inH"].(float64) != 28 {
		t.Errorf("pool from the address: %v", s)
	}
	h = open(t, "pool", i18n.En, 1280, 800, 1, "mode=median&window=0")
	if s := h.state(); !strings.Contains(s["message"].(string), "mode=median") || !strings.Contains(s["message"].(string), "window=0") {
		t.Errorf("pool message %q", s["message"])
	}
	h = open(t, "rf", i18n.En, 1280, 800, 1, "layer=s4&y=2&x=3")
	if s := h.state(); s["layer"] != "S4" || s["unit"].([]any)[0].(float64) != 2 || s["unit"].([]any)[1].(float64) != 3 {
		t.Errorf("rf from the address: %v", s)
	}
	h = open(t, "quiz", i18n.Ko, 1280, 800, 1, "seed=-3")
	if s := h.state(); !strings.Contains(s["message"].(string), "seed=-3 (0부터") || !h.rec.HasText("seed=-3") {
		t.Errorf("quiz message: %v", s["message"])
	}
	h.frame([]string{"1", "Enter"})
	if s := h.state(); s["message"] != "" {
		t.Errorf("the quiz's notice stays after an answer: %v", s["message"])
	}
	h = open(t, "rf", i18n.En, 1280, 800, 1, "layer=F6&y=40")
	if s := h.state(); s["layer"] != "C3" || !strings.Contains(s["message"].(string), "layer=F6") || !strings.Contains(s["message"].(string), "y=40") {
		t.Errorf("rf message: %v", s)
	}
}

// On a phone the notes under the cost table wrap onto more lines: the
// worked example moves down to make room instead of being drawn over.
func TestCostNarrowNoOverlap(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.En, i18n.Ko} {
		h := open(t, "cost", l, 780, 1688, 2, "")
		h.frame(nil)
		h.frame(nil)
		var totals, caption float64
		for _, op := range h.rec.Ops {
			if op.Kind != "text" {
				continue
			}
			if strings.Contains(op.Text, "416,520") {
				totals = op.R.Y
			}
			if strings.Contains(op.Text, "(stride 1)") || strings.Contains(op.Text, "(보폭 1)") {
				caption = op.R.Y
			}
		}
		if totals == 0 || caption == 0 || totals+h.ctx.Px(13) > caption {
			t.Errorf("%v: totals at y=%v, the example's caption at y=%v", l, totals, caption)
		}
	}
}
