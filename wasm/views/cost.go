package views

import (
	"fmt"
	"math"
	"strconv"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// The values the worked example's steppers walk through.
var (
	exampleSides  = []int{8, 16, 28, 32, 64, 128, 224, 256, 512, 1024, 2048, 4096}
	exampleCounts = []int{1, 2, 4, 6, 8, 16, 32, 64, 96, 128, 256, 512, 1024}
)

// costSpec registers the lecture's LeNet-5 table, ?view=cost.
var costSpec = ui.Spec{
	Name:  "cost",
	Title: i18n.Text{En: "What LeNet-5 costs: parameters, connections, multiplications", Ko: "LeNet-5의 비용: 매개변수, 연결, 곱셈"},
	New:   func(ctx *ui.Context) ui.View { return newCostView(ctx) },
}

// costView is the lecture's LeNet-5 table come alive, ?view=cost.
type costView struct {
	rows   []lecture.CostRow
	totals lecture.CostTotals
	sel    int // the row whose note is shown

	ex      lecture.Example
	exRes   lecture.ExampleResult
	exErr   error
	side    ui.Stepper
	chans   ui.Stepper
	kernel  ui.Stepper
	count   ui.Stepper
	same    ui.Toggle
	exLines []ui.Rect

	table, below, exArea ui.Rect
	area                 ui.Rect // what Layout last received
	noteH                float64 // the height the notes under the table need
	rowRects             []ui.Rect
	tableFocused         bool
	lastX, lastY         float64
	lang                 i18n.Lang
}

func newCostView(ctx *ui.Context) *costView {
	v := &costView{ex: lecture.NewExample(), sel: 0, lang: ctx.Lang}
	v.side.Max, v.side.Value = len(exampleSides)-1, indexOf(exampleSides, v.ex.Side)
	v.side.Format = func(i int) string { return fmt.Sprintf("%d×%d", exampleSides[i], exampleSides[i]) }
	v.chans.Min, v.chans.Max, v.chans.Value = 1, 64, v.ex.Channels
	v.kernel.Min, v.kernel.Max, v.kernel.Step, v.kernel.Value = 1, lecture.MaxExampleKernel, 2, v.ex.Kernel
	v.kernel.Format = func(k int) string { return fmt.Sprintf("%d×%d", k, k) }
	v.count.Max, v.count.Value = len(exampleCounts)-1, indexOf(exampleCounts, v.ex.Count)
	v.count.Format = func(i int) string { return strconv.Itoa(exampleCounts[i]) }
	v.same.On = v.ex.Same
	v.recompute(ctx)
	return v
}

func indexOf(xs []int, x int) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return 0
}

func (v *costView) recompute(ctx *ui.Context) {
	v.rows = lecture.CostRows(v.lang)
	v.totals = lecture.Totals()
	v.exRes, v.exErr = v.ex.Compute()
}

func (v *costView) Layout(ctx *ui.Context, area ui.Rect) {
	v.area = area
	v.lang = ctx.Lang
	v.recompute(ctx)
	v.same.Label = ctx.Lang.Pick("“same” padding", "“same” 덧대기(크기 유지)")
	area = area.Inset(ctx.Px(ctx.Theme.Pad))
	lh := ctx.Px(ctx.Theme.FontBody) * 1.9
	v.table, v.below = area.CutTop(lh * float64(len(v.rows)+1))
	v.rowRects = make([]ui.Rect, len(v.rows))
	for i := range v.rows {
		v.rowRects[i] = ui.Rect{X: v.table.X, Y: v.table.Y + lh*float64(i+1), W: v.table.W, H: lh}
	}
	// the note, the totals, then the worked example: its caption and
	// controls (n to a line) stay on the screen, and when it is short the
	// notes give up the room they cannot have
	n := 5
	switch {
	case v.below.W < ctx.Px(560):
		n = 2
	case v.below.W < ctx.Px(760):
		n = 3
	}
	v.noteH = v.notesHeight(ctx)
	example := ctx.Px(26) + float64((5+n-1)/n)*ctx.Px(36) + 3*ctx.Px(ctx.Theme.FontBody)*1.45
	notes := math.Max(0, math.Min(v.noteH, v.below.H-ctx.Px(20)-example))
	_, v.exArea = v.below.CutTop(notes + ctx.Px(20))
	ctrl, _ := v.exArea.CutTop(ctx.Px(30) + ctx.Px(26))
	_, ctrl = ctrl.CutTop(ctx.Px(26))
	w := (ctrl.W - ctx.Px(8)*float64(n-1)) / float64(n)
	v.exLines = v.exLines[:0]
	for i := 0; i < 5; i++ {
		col, line := i%n, i/n
		v.exLines = append(v.exLines, ui.Rect{X: ctrl.X + float64(col)*(w+ctx.Px(8)), Y: ctrl.Y + float64(line)*ctx.Px(36), W: w, H: ctx.Px(30)})
	}
	v.side.Rect, v.chans.Rect, v.kernel.Rect, v.count.Rect, v.same.Rect = v.exLines[0], v.exLines[1], v.exLines[2], v.exLines[3], v.exLines[4]
	l := ctx.Lang
	v.side.Label = l.Pick("image", "영상")
	v.chans.Label = i18n.Channels.In(l)
	v.kernel.Label = i18n.Kernel.In(v.lang)
	v.count.Label = l.Pick("kernels", "커널 수")
}

// notes are the selected row's note and the totals, in the view's
// language.
func (v *costView) notes() []string {
	r := v.rows[v.sel]
	return append([]string{r.Name + ": " + r.Note}, v.totals.Text(v.lang)...)
}

// notesHeight is the height the notes under the table take at the
// table's width, with a line to spare: they wrap differently with the
// width, the language and the selected row.
func (v *costView) notesHeight(ctx *ui.Context) float64 {
	paras := v.notes()
	body := ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}
	bold := body
	bold.Bold = true
	return textHeight(ctx, paras[:1], v.below.W, bold) + textHeight(ctx, paras[1:], v.below.W, body) + body.Size*1.45
}

func (v *costView) Update(ctx *ui.Context, in *ui.Input) {
	sel := v.sel
	defer func() {
		// Another row's note may need more room or less.
		if v.sel != sel && v.notesHeight(ctx) != v.noteH {
			v.Layout(ctx, v.area)
		}
	}()
	// The table: Tab to it and use the arrows, or point at a row.
	idx, f := ctx.Focus.Take()
	v.tableFocused = f
	if in.Hover && (in.X != v.lastX || in.Y != v.lastY) {
		for i, r := range v.rowRects {
			if r.Contains(in.X, in.Y) {
				v.sel = i
			}
		}
	}
	v.lastX, v.lastY = in.X, in.Y
	for i, r := range v.rowRects {
		if in.Clicked(r) {
			v.sel = i
			ctx.Focus.Set(idx)
		}
	}
	if f {
		if in.Key("ArrowUp") && v.sel > 0 {
			v.sel--
		}
		if in.Key("ArrowDown") && v.sel < len(v.rows)-1 {
			v.sel++
		}
	}
	changed := false
	if v.side.Update(ctx, in) {
		v.ex.Side = exampleSides[v.side.Value]
		changed = true
	}
	if v.chans.Update(ctx, in) {
		v.ex.Channels = v.chans.Value
		changed = true
	}
	if v.kernel.Update(ctx, in) {
		v.ex.Kernel = v.kernel.Value
		changed = true
	}
	if v.count.Update(ctx, in) {
		v.ex.Count = exampleCounts[v.count.Value]
		changed = true
	}
	if v.same.Update(ctx, in) {
		v.ex.Same = v.same.On
		changed = true
	}
	if changed {
		v.exRes, v.exErr = v.ex.Compute()
		if v.exErr == nil {
			ctx.Announce(v.exRes.Formula)
		}
	}
}

func (v *costView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := ctx.Lang
	head := []string{i18n.Layer.In(l), l.Pick("operation", "연산"), l.Pick("input → output", "입력 → 출력"),
		i18n.Parameters.In(l), l.Pick("weights + biases", "가중치 + 바이어스"), i18n.Connections.In(l), i18n.MultiplyAdds.In(l)}
	cells := [][]string{head}
	for _, r := range v.rows {
		cells = append(cells, []string{r.Name, r.Operation, fmt.Sprintf("%v → %v", r.In, r.Out), r.Formula, r.BiasNote,
			lenet.Thousands(r.Connections), lenet.Thousands(r.MACs)})
	}
	size := ctx.Px(th.FontBody)
	gap := ctx.Px(14)
	widths := make([]float64, len(head))
	measure := func(size float64) float64 {
		total := 0.0
		for j := range head {
			widths[j] = 0
			for _, row := range cells {
				widths[j] = math.Max(widths[j], c.MeasureText(row[j], ui.TextStyle{Size: size, Bold: true}))
			}
			total += widths[j] + gap
		}
		return total
	}
	// Narrower screens leave out columns, the operation first (the "+1"
	// of the biases is the point of the table), then the shapes and the
	// weights + biases, then the connections; the selected row's note
	// below still says it all.
	drops := [][]int{{0, 2, 3, 4, 5, 6}, {0, 3, 5, 6}, {0, 3, 6}}
	full := cells
	for _, keep := range append([][]int{nil}, drops...) {
		if keep != nil {
			cells = make([][]string, len(full))
			for i, row := range full {
				for _, j := range keep {
					cells[i] = append(cells[i], row[j])
				}
			}
			head = cells[0]
			widths = widths[:len(head)]
			size = ctx.Px(th.FontBody)
		}
		t := measure(size)
		if t <= v.table.W {
			break
		}
		lo := 0.8
		if len(head) == 3 {
			lo = 0.6 // nothing left to drop
		}
		size = math.Max(size*lo, size*v.table.W/t)
		if measure(size) <= v.table.W {
			break
		}
	}
	numeric := len(head) - 2 // the last two columns are right-aligned numbers
	lh := v.rowRects[0].H
	c.FillRect(ui.Rect{X: v.table.X, Y: v.table.Y, W: v.table.W, H: lh}.Round(), th.Panel)
	for i, r := range v.rowRects {
		bg := th.Panel
		if i == v.sel {
			bg = ui.Diverging(-0.18, 1, th)
		}
		c.FillRect(r.Round(), bg)
		c.Line(r.X, r.Bottom(), r.Right(), r.Bottom(), 1, th.Line)
	}
	for i, row := range cells {
		x := v.table.X + ctx.Px(6)
		y := v.table.Y + lh*(float64(i)+0.5)
		for j, s := range row {
			st := ui.TextStyle{Size: size, Color: th.Text, Bold: i == 0 || j == 0, Mono: j >= numeric}
			if j >= numeric {
				st.Align = ui.AlignRight
				c.Text(s, x+widths[j], y, st)
			} else {
				c.Text(s, x, y, st)
			}
			x += widths[j] + gap
		}
	}
	c.StrokeRect(v.table.Round(), 1, th.Line)
	if v.tableFocused {
		focusRing(ctx, c, v.table)
	}

	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	paras := v.notes()
	noteArea := ui.Rect{X: v.below.X, Y: v.below.Y + ctx.Px(8), W: v.below.W, H: v.exArea.Y - v.below.Y - ctx.Px(8)}
	y := textLines(ctx, c, noteArea, paras[:1], ui.TextStyle{Size: body.Size, Color: th.Accent, Bold: true})
	textLines(ctx, c, ui.Rect{X: noteArea.X, Y: y, W: noteArea.W, H: noteArea.Bottom() - y}, paras[1:], body)

	label(ctx, c, l.Pick("The lecture's example, with sizes you can change (stride 1):", "강의의 예 — 크기를 바꿔 보세요 (보폭 1):"),
		v.exArea.X, v.exArea.Y+ctx.Px(13), true)
	v.side.Draw(ctx, c)
	v.chans.Draw(ctx, c)
	v.kernel.Draw(ctx, c)
	v.count.Draw(ctx, c)
	v.same.Draw(ctx, c)
	last := v.exLines[len(v.exLines)-1]
	textY := last.Bottom() + ctx.Px(10)
	var lines []string
	if v.exErr != nil {
		lines = []string{l.Pick("“same” padding needs an odd kernel; ", "“same” 덧대기는 홀수 크기 커널이 필요합니다; ") + v.exErr.Error()}
	} else {
		lines = v.exRes.Text(v.lang, v.ex)
	}
	if s, err := lecture.PartialExample(v.lang, 10, 3); err == nil {
		lines = append(lines, s)
	}
	lines = append(lines, lecture.SharingExample(v.lang))
	rest := func() ui.Rect { return ui.Rect{X: v.exArea.X, Y: textY, W: v.exArea.W, H: ctx.Screen.Bottom() - textY} }
	textY = textLines(ctx, c, rest(), lines[:1], body)
	if v.exErr == nil && len(lines) > 2 {
		textY = textLines(ctx, c, rest(), lines[1:2], ui.TextStyle{Size: body.Size * 1.15, Color: th.Text, Bold: true, Mono: true})
		lines = lines[2:]
	} else {
		lines = lines[1:]
	}
	textLines(ctx, c, rest(), lines, body)
}

// textHeight is the height textLines takes for paras at width w.
func textHeight(c ui.TextMeasurer, paras []string, w float64, st ui.TextStyle) float64 {
	n := 0
	for _, p := range paras {
		n += len(ui.WrapText(c, p, w, st))
	}
	return float64(n) * st.Size * 1.45
}

// State is what the page exposes for tests.
func (v *costView) State() *jsonw.Object {
	rows := make([]*jsonw.Object, len(v.rows))
	for i, r := range v.rows {
		rows[i] = new(jsonw.Object).Str("name", r.Name).Int64("params", r.Params()).Int64("weights", r.Weights).Int64("biases", r.Biases).
			Str("formula", r.Formula).Int64("connections", r.Connections).Int64("macs", r.MACs).Int64("fullEdges", r.FullEdges)
	}
	var ex jsonw.Object
	ex.Int("side", v.ex.Side).Int("channels", v.ex.Channels).Int("kernel", v.ex.Kernel).Int("count", v.ex.Count).Bool("same", v.ex.Same)
	if v.exErr != nil {
		ex.Int("perKernel", 0).Int("allMACs", 0).Str("formula", "").Str("error", v.exErr.Error())
	} else {
		ex.Int64("perKernel", v.exRes.PerKernel).Int64("allMACs", v.exRes.All.MACs).Str("formula", v.exRes.Formula)
	}
	var o jsonw.Object
	return o.Str("view", "cost").Str("lang", v.lang.Code()).Objs("rows", rows).Str("selected", v.rows[v.sel].Name).
		Str("note", v.rows[v.sel].Note).Int64("convParams", v.totals.Conv.Params()).Int64("fcParams", v.totals.FC.Params()).
		Int64("totalParams", v.totals.All.Params()).Int64("totalMACs", v.totals.All.MACs).Obj("example", &ex).
		Str("sharing", lecture.SharingExample(v.lang))
}
