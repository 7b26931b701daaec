package trainview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/ui"
)

var (
	txtTitle = i18n.Text{En: "Training: watch LeNet-5 learn", Ko: "학습: LeNet-5가 배우는 과정"}
	txtTabs  = [2]i18n.Text{{En: "Training", Ko: "학습"}, {En: "Inside the network", Ko: "신경망 안"}}
	txtRun   = [5]i18n.Text{{En: "Start", Ko: "시작"}, {En: "Pause", Ko: "일시 정지"}, {En: "One step", Ko: "한 단계"}, {En: "Reset", Ko: "처음부터"},
		{En: "Use in the demo →", Ko: "데모에서 쓰기 →"}}
	txtFrom = [2]i18n.Text{{En: "from random", Ko: "무작위에서"}, {En: "from shipped", Ko: "기본 가중치에서"}}
	// The figures of training, one a row.
	txtRows = [7]i18n.Text{
		{En: "Images seen", Ko: "본 이미지"},
		{En: "Images per second", Ko: "초당 이미지"},
		{En: "Training time", Ko: i18n.Training.In(i18n.Ko) + " 시간"},
		{En: "Loss", Ko: i18n.Loss.In(i18n.Ko)},
		{En: "Accuracy, training", Ko: i18n.Accuracy.In(i18n.Ko) + ", " + i18n.Training.In(i18n.Ko)},
		{En: "Accuracy, test", Ko: i18n.Accuracy.In(i18n.Ko) + ", 테스트"},
		{En: "Next test", Ko: "다음 테스트"},
	}
	txtVals = [...]i18n.Text{
		{En: "%s (epoch %d)", Ko: "%s (" + i18n.Epoch.In(i18n.Ko) + " %d)"},
		{En: "at %s", Ko: "%s개째"},
		{En: ", in ≈%.0f s", Ko: ", 약 %.0f초 뒤"},
		{En: " at %s", Ko: " (%s개째)"},
		{En: "%s images seen · test digits %s", Ko: "본 이미지 %s개 · 테스트 숫자 %s"},
	}
	txtLoading = i18n.Text{En: "Loading the training digits (1.6 MB) and the trainer (1.0 MB)…", Ko: "학습 숫자(1.6 MB)와 학습기(1.0 MB)를 내려받는 중…"}
	txtPlots   = [3]i18n.Text{
		{En: "Accuracy (%): training ━ test ■", Ko: i18n.Accuracy.In(i18n.Ko) + " (%): 학습 ━ 테스트 ■"},
		{En: "Loss (cross-entropy, training)", Ko: i18n.Loss.In(i18n.Ko) + " (교차 엔트로피, 학습)"},
		{En: "images seen", Ko: "본 이미지"},
	}
	txtPlotsShort = [2]i18n.Text{{En: "Accuracy (%)", Ko: i18n.Accuracy.In(i18n.Ko) + " (%)"}, {En: "Loss", Ko: i18n.Loss.In(i18n.Ko)}}
	txtKernels    = [3]i18n.Text{
		{En: "C1 kernels · 6@5×5", Ko: "C1 " + i18n.Kernels.In(i18n.Ko) + " · 6@5×5"},
		{En: "C3 kernels · 16×6@5×5", Ko: "C3 " + i18n.Kernels.In(i18n.Ko) + " · 16×6@5×5"},
		{En: "Test digits, read now (click one)", Ko: "테스트 숫자, 지금의 예측 (누르면 열림)"},
	}
	txtKernelsShort = [3]i18n.Text{{En: "C1", Ko: "C1"}, {En: "C3", Ko: "C3"}, {En: "Test digits", Ko: "테스트 숫자"}}
)

// cells places the controls (start, step, reset, use in the demo, from,
// seed, rate, batch): row, column and columns of the row, in the rows of
// a wide screen, of a narrow one and of a low one (a phone held
// sideways), where "use in the demo" goes beside the tabs (row -1).
var (
	cells = [3][8][3]int8{
		{{0, 0, 3}, {0, 1, 3}, {0, 2, 3}, {5, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}, {4, 0, 1}},
		{{0, 0, 3}, {0, 1, 3}, {0, 2, 3}, {3, 0, 1}, {1, 0, 2}, {1, 1, 2}, {2, 0, 2}, {2, 1, 2}},
		{{0, 0, 3}, {0, 1, 3}, {0, 2, 3}, {-1, 0, 1}, {1, 0, 2}, {1, 1, 2}, {2, 0, 2}, {2, 1, 2}},
	}
	cellRows = [3]int{6, 4, 3}
)

// labels sets the widgets' texts.
func (v *View) labels(ctx *ui.Context) {
	l := ctx.Lang
	v.run[0].Label, v.run[0].Primary = txtRun[b2i(v.st.Is(pagelink.Running))].In(l), true
	if v.lang == l {
		return
	}
	v.lang = l
	v.run[1].Label, v.run[2].Label, v.run[3].Label = txtRun[2].In(l), txtRun[3].In(l), txtRun[4].In(l)
	v.from.Options = []string{txtFrom[0].In(l), txtFrom[1].In(l)}
	v.tabs.Options = []string{txtTabs[0].In(l), txtTabs[1].In(l)}
	v.seed.Label, v.rate.Label, v.batch.Label = l.Pick("seed", "시드"), i18n.LearningRate.In(l), i18n.BatchSize.In(l)
}

// Layout places the view: the tabs, then on a wide screen the controls
// and figures on the left, the curves in the middle, the kernels and the
// test digits on the right; on a narrow one all of them in one column.
func (v *View) Layout(ctx *ui.Context, area ui.Rect) {
	v.area = area
	v.lang = 255
	v.labels(ctx)
	gap := math.Round(px(ctx, 10))
	bh := math.Round(px(ctx, 32))
	lh := math.Round(px(ctx, 19))
	a := area.Inset(gap)
	P := places{narrow: a.W < px(ctx, 740), digit: v.p.digit}
	P.top, a = a.CutTop(bh + gap)
	v.tabs.Rect = ui.R(a.X, P.top.Y, math.Min(px(ctx, 320), a.W), bh).Round()
	if v.tab == 1 {
		v.p = P
		v.inNet(ctx, func() { v.inside.Layout(ctx, ui.R(area.X, a.Y, area.W, area.Bottom()-a.Y)) })
		return
	}
	// Wide: three columns. Narrow: one column, or two on a phone held
	// sideways, or on any screen too low for the wide layout's controls
	// and figures (the controls and figures, then the rest).
	left, mid, right := a, a, a
	side := P.narrow && a.W > a.H*1.2
	if !P.narrow && a.H < float64(cellRows[0])*(bh+gap/2)+10*lh {
		P.narrow, side = true, true
	}
	nw := b2i(P.narrow)
	if !P.narrow || side {
		w := math.Min(px(ctx, 290), a.W*0.27)
		if side {
			w = math.Min(px(ctx, 420), a.W*0.55)
		}
		left, mid = a.CutLeft(w)
		_, mid = mid.CutLeft(2 * gap)
	}
	if !P.narrow {
		mid, right = mid.CutLeft(mid.W - math.Min(px(ctx, 330), mid.W*0.38))
		mid.W -= 2 * gap
	}
	// The controls: each in its row and column.
	cl := nw + b2i(side)
	ctl, left := left.CutTop(float64(cellRows[cl]) * (bh + gap/2))
	for i, r := range [8]*ui.Rect{&v.run[0].Rect, &v.run[1].Rect, &v.run[2].Rect, &v.run[3].Rect, &v.from.Rect, &v.seed.Rect, &v.rate.Rect, &v.batch.Rect} {
		c := cells[cl][i]
		if c[0] < 0 {
			x := v.tabs.Rect.Right() + gap
			*r = ui.R(x, v.tabs.Rect.Y, math.Min(px(ctx, 200), P.top.Right()-x), bh).Round()
			continue
		}
		*r = ctl.Grid(int(c[2]), cellRows[cl], gap/2, int(c[1]), int(c[0])).Round()
	}
	// The figures in two columns when narrow, if "name: value" fits twice
	// across at the smallest size or one column would not fit.
	P.cols = 1
	if P.narrow {
		st := ui.TextStyle{Size: ctx.MinText()}
		w := 0.0
		for i := range txtRows {
			w = math.Max(w, ctx.MeasureText(txtRows[i].In(ctx.Lang)+": 100.00 %", st))
		}
		if 2*w+px(ctx, 12) <= left.W || left.H < 8*lh+2*gap {
			P.cols = 2
		}
	}
	P.nums, left = left.CutTop(math.Ceil(7/float64(P.cols)) * lh)
	P.bar = ui.R(left.X, left.Y+gap/2, left.W, math.Round(px(ctx, 6)))
	// On a low screen the kernels go under the figures when there is
	// room.
	head := px(ctx, 20)
	free := left.Bottom() - (P.bar.Bottom() + 2*lh + gap)
	inLeft := side && free >= head+2*35
	if P.narrow {
		if !side {
			mid = ui.R(a.X, P.bar.Bottom()+lh+gap, a.W, a.Bottom()-P.bar.Bottom()-lh-gap)
		}
		// Under the curves, a row of ten test digits and, unless they
		// are on the left, C1's and C3's kernels side by side, as large
		// as the width allows; the curves take the rest, at least half.
		need := 2*head + gap + math.Floor((mid.W-4.5*gap)/10)
		if !inLeft {
			kw := mid.W / 2
			need += head + gap + math.Max(5*math.Floor(math.Min(kw/36, px(ctx, 9))), 35*math.Max(1, math.Floor(kw/95)))
		}
		mid, right = mid.CutTop(math.Max(mid.H*0.5, mid.H-need))
		_, right = right.CutTop(gap)
	}
	P.acc, P.loss = mid.CutTop(math.Round(mid.H * 0.58))
	_, P.loss = P.loss.CutTop(gap)
	if side {
		// No room for two curves: the accuracies only.
		P.acc, P.loss = mid, ui.Rect{}
	}
	// The kernels, then the test digits.
	P.kcol = right
	if inLeft {
		P.kcol = ui.R(left.X, left.Bottom()-free, left.W, free)
	}
	kr := P.kcol
	kw := kr.W / float64(1+nw) // narrow: C1 and C3 side by side
	k := math.Max(1, math.Floor(math.Min(kw/36, px(ctx, 9))))
	P.k1 = ui.R(kr.X, kr.Y+head, 35*k, 5*k)
	if P.narrow {
		h := kr.H - head // the kernels' height: all of the left's room, or what the digits leave
		if !inLeft {
			h -= 2*head + gap + math.Floor((kr.W-4.5*gap)/10)
		}
		k = math.Max(1, math.Floor(math.Min(kw/95, h/35)))
		P.k3 = ui.R(kr.X+kw, P.k1.Y, 95*k, 35*k)
	} else {
		k = math.Max(1, math.Floor(math.Min(kw/95, (right.H-head*4-P.k1.H)/2/35)))
		P.k3 = ui.R(kr.X, P.k1.Bottom()+gap+head, 95*k, 35*k)
	}
	P.dg = ui.R(right.X, right.Y+head, right.W, 0)
	if !inLeft {
		P.dg.Y = math.Max(P.k3.Bottom(), P.k1.Bottom()) + gap + head
	}
	P.dg.H = right.Bottom() - P.dg.Y
	cols := 5 + 5*nw
	cell := math.Max(0, math.Floor(math.Min((P.dg.W-float64(cols-1)*gap/2)/float64(cols), P.dg.H/float64(10/cols)-head)))
	for i := range P.digit {
		P.digit[i] = ui.R(P.dg.X+float64(i%cols)*(cell+gap/2), P.dg.Y+float64(i/cols)*(cell+head), cell, cell)
	}
	v.p = P
}

// px is css CSS pixels of the view's layout in device pixels: larger in
// the projector layout, in proportion to its type.
func px(ctx *ui.Context, css float64) float64 {
	return ctx.Px(css * ctx.Theme.FontBody / ui.Light.FontBody)
}

// boldFit is the largest size ≤ size at which bold t fits in w (FitText
// for bold text, without its floor).
func boldFit(c ui.TextMeasurer, t string, size, w float64) float64 {
	if m := c.MeasureText(t, ui.TextStyle{Size: size, Bold: true}); m > w && m > 0 {
		return size * w / m
	}
	return size
}

// ProjectorLayout says the view lays itself out for the projector
// layout's type (px), so that the network view on its second tab gets the
// projector layout of its own.
func (v *View) ProjectorLayout() {}

// Draw paints the view.
func (v *View) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := ctx.Lang
	P := &v.p
	s := &v.st
	v.tabs.Draw(ctx, c)
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	// fit is the size at which t fits in w, from size down to the
	// smallest the view may draw; no smaller.
	minText := ctx.MinText()
	fit := func(t string, size, w float64) float64 { return math.Max(minText, ui.FitText(c, t, size, w)) }
	boldFit := func(t string, size, w float64) float64 { return boldFit(c, t, size, w) }
	// The summary beside the tabs, where it fits.
	sum := fmt.Sprintf(txtVals[4].In(l), lenet.Thousands(s.Count(pagelink.Images)), pct(s[pagelink.TestAccuracy], 1))
	x := math.Max(v.tabs.Rect.Right(), v.run[3].Rect.Right()*float64(b2i(v.run[3].Rect.Y == v.tabs.Rect.Y))) + px(ctx, 16)
	if size := boldFit(sum, body.Size, P.top.Right()-x); size >= minText {
		c.Text(sum, x, v.tabs.Rect.CenterY(), ui.TextStyle{Size: size, Color: th.Text, Bold: true})
	}
	if v.tab == 1 {
		v.inNet(ctx, func() { v.inside.Draw(ctx, c) })
		return
	}
	for _, w := range v.widgets() {
		w.Draw(ctx, c)
	}

	// The figures.
	next := fmt.Sprintf(txtVals[1].In(l), lenet.Thousands(s.Count(pagelink.NextEvaluation)))
	if t := s[pagelink.SecondsToNextEvaluation]; t == t {
		next += fmt.Sprintf(txtVals[2].In(l), math.Ceil(t))
	}
	test := pct(s[pagelink.TestAccuracy], 2)
	if s[pagelink.TestAccuracy] >= 0 {
		test += fmt.Sprintf(txtVals[3].In(l), lenet.Thousands(s.Count(pagelink.TestImages)))
	}
	vals := [7]string{fmt.Sprintf(txtVals[0].In(l), lenet.Thousands(s.Count(pagelink.Images)), s.Count(pagelink.Epoch)),
		fixed(s[pagelink.ImagesPerSecond], "%.0f"), fixed(s[pagelink.Seconds], "%.1f s"), fixed(s[pagelink.Loss], "%.3f"),
		pct(s[pagelink.TrainAccuracy], 1), test, next}
	// … and without what is in brackets or after the number, where the
	// whole does not fit.
	short := vals
	short[0], short[5] = lenet.Thousands(s.Count(pagelink.Images)), pct(s[pagelink.TestAccuracy], 2)
	cols := P.cols
	lh := math.Round(px(ctx, 19))
	w := P.nums.W / float64(cols)
	muted := ui.TextStyle{Size: body.Size, Color: th.Muted}
	// One column: the names, then the values after the longest name.
	nameW := 0.0
	for i := range vals {
		nameW = math.Max(nameW, c.MeasureText(txtRows[i].In(l), muted))
	}
	nameW = math.Min(nameW+px(ctx, 8), w*0.6)
	for i, val := range vals {
		x, y := P.nums.X+float64(i%cols)*w, P.nums.Y+float64(i/cols)*lh+lh/2
		name := txtRows[i].In(l)
		if cols == 2 {
			t := name + ": " + val
			if ui.FitText(c, t, body.Size, w-px(ctx, 6)) < minText {
				t = name + ": " + short[i]
			}
			// Smaller than the smallest size rather than over the next
			// column, on a screen too small for the rest.
			c.Text(t, x, y, ui.TextStyle{Size: ui.FitText(c, t, body.Size, w-px(ctx, 6)), Color: th.Text})
			continue
		}
		c.Text(name, x, y, ui.TextStyle{Size: fit(name, body.Size, nameW-px(ctx, 6)), Color: th.Muted})
		if ui.FitText(c, val, body.Size, w-nameW) < minText {
			val = short[i]
		}
		c.Text(val, x+nameW, y, ui.TextStyle{Size: fit(val, body.Size, w-nameW), Color: th.Text, Mono: true})
	}
	// The progress to the next evaluation.
	b := P.bar
	c.FillRect(b, th.Line)
	if e, n, ti := s[pagelink.EvalEvery], s[pagelink.NextEvaluation], s[pagelink.TestImages]; n > 0 && e > 0 {
		if !(ti >= 0) {
			ti = 0
		}
		last := n - math.Min(e, n-ti)
		if t := (s[pagelink.Images] - last) / math.Max(1, n-last); t > 0 {
			c.FillRect(ui.R(b.X, b.Y, b.W*math.Min(1, t), b.H), th.Accent)
		}
	}
	msg := v.err
	if !v.has && msg == "" {
		msg = txtLoading.In(l)
	}
	muted.Color = th.Pos
	if !v.has && v.err == "" {
		muted.Color = th.Muted
	}
	y := b.Bottom() + lh
	stop := v.area.Bottom() // the lines there is room for
	if P.kcol.X == P.nums.X {
		stop = P.kcol.Y
	}
	for _, line := range ui.WrapText(c, msg, P.nums.W*float64(cols), muted) {
		if msg != "" && y+lh/2 <= stop {
			c.Text(line, P.nums.X, y, muted)
		}
		y += lh
	}
	v.plot(ctx, c, P.acc, 0)
	if !P.loss.Empty() {
		v.plot(ctx, c, P.loss, 1)
	}

	// The kernels and the test digits.
	head := ui.TextStyle{Size: body.Size, Color: th.Text, Bold: true}
	for i, r := range [3]ui.Rect{P.k1, P.k3, P.dg} {
		t := txtKernels[i].In(l)
		w := P.dg.W
		if i < 2 {
			w = P.kcol.Right() - r.X
		}
		if P.narrow && i == 0 {
			w = P.k3.X - r.X - px(ctx, 8)
		}
		if boldFit(t, head.Size, w) < minText {
			t = txtKernelsShort[i].In(l)
		}
		c.Text(t, r.X, r.Y-px(ctx, 10), ui.TextStyle{Size: math.Max(minText, boldFit(t, head.Size, w)), Color: th.Text, Bold: true})
	}
	c.Image(v.c1, v.c1.Bounds(), P.k1, false)
	c.Image(v.c3, v.c3.Bounds(), P.k3, false)
	st := ui.TextStyle{Size: ctx.Px(th.FontSmall), Align: ui.AlignCenter, Mono: true}
	for i, d := range v.got {
		r := P.digit[i]
		if r.W < 8 {
			break
		}
		c.Image(v.digits, image.Rect(i*28, 0, i*28+28, 28), r, false)
		st.Color = th.Winner
		if d.Prediction != d.Label {
			st.Color = th.Pos
		}
		t := fmt.Sprintf("→%d %.0f%%", d.Prediction, 100*d.Prob)
		if ui.FitText(c, t, ctx.Px(th.FontSmall), r.W+px(ctx, 4)) < minText {
			t = t[:len("→0")]
		}
		st.Size = fit(t, ctx.Px(th.FontSmall), r.W+px(ctx, 4))
		c.Text(t, r.CenterX(), r.Bottom()+px(ctx, 9), st)
	}
}

func pct(v float64, prec int) string {
	if !(v >= 0) {
		return "–"
	}
	return fmt.Sprintf("%.*f %%", prec, 100*v)
}

func fixed(v float64, f string) string {
	if !(v >= 0) {
		return "–"
	}
	return fmt.Sprintf(f, v)
}

// plot draws the accuracies (which 0) or the loss (1) over the images
// seen.
func (v *View) plot(ctx *ui.Context, c ui.Canvas, r ui.Rect, which int) {
	th := ctx.Theme
	l := ctx.Lang
	small := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted, Align: ui.AlignRight}
	head := px(ctx, 20)
	title := txtPlots[which].In(l)
	if boldFit(c, title, ctx.Px(th.FontBody), r.W) < ctx.MinText() {
		title = txtPlotsShort[which].In(l)
	}
	c.Text(title, r.X, r.Y+head/2, ui.TextStyle{Size: math.Max(ctx.MinText(), boldFit(c, title, ctx.Px(th.FontBody), r.W)), Color: th.Text, Bold: true})
	// Under the plot, two lines: the axis's numbers, and what it counts.
	sl := math.Round(small.Size * 1.15)
	p := ui.R(r.X+px(ctx, 36), r.Y+head+px(ctx, 4), r.W-px(ctx, 42), r.H-head-px(ctx, 4)-2*sl)
	if p.W < 20 || p.H < 20 {
		return
	}
	c.FillRect(p, th.Panel)
	lw := math.Max(1, math.Round(ctx.Scale))
	// x: the images seen, to a round number; y: 0 to 100 %, or to the
	// largest loss.
	xmax := float32(1000)
	if n := len(v.pts); n > 0 {
		xmax = max(xmax, v.pts[n-1].x)
	}
	if n := len(v.tests); n > 0 {
		xmax = max(xmax, v.tests[n-1].x)
	}
	step := float32(math.Pow(10, math.Floor(math.Log10(float64(xmax)/2))))
	// At most 8 steps, and none narrower than four digits of the axis.
	most := float32(max(1, min(8, int(p.W/(small.Size*2.6)))))
	for xmax/step > most {
		step *= 2
	}
	xmax = float32(math.Ceil(float64(xmax/step))) * step
	ymax := float32(1)
	if which == 1 {
		ymax = float32(math.Ceil(float64(v.maxLoss)*2) / 2)
	}
	X := func(x float32) float64 { return p.X + float64(x/xmax)*p.W }
	Y := func(y float32) float64 { return p.Bottom() - float64(min(y, ymax)/ymax)*p.H }
	// Everything is rectangles, which the canvas draws in one batch (an
	// antialiased line costs a software renderer far more).
	// Five steps up the y axis, or, when they would crowd, two, or one.
	steps := 5
	for steps > 1 && p.H < float64(steps)*small.Size*1.4 {
		steps = 1 + b2i(steps == 5)
	}
	for i := range steps + 1 {
		y := ymax * float32(i) / float32(steps)
		c.FillRect(ui.R(p.X, math.Round(Y(y)), p.W, lw), th.Bg)
		lab := strconv.FormatFloat(math.Round(float64(y)*100)/100, 'f', -1, 64)
		if which == 0 {
			lab = strconv.Itoa(int(100 * y))
		}
		c.Text(lab, p.X-px(ctx, 4), Y(y), small)
	}
	small.Align = ui.AlignCenter
	for x := float32(0); x <= xmax; x += step {
		c.FillRect(ui.R(math.Round(X(x)), p.Y, lw, p.H), th.Bg)
		c.Text(kilo(x), X(x), p.Bottom()+sl/2, small)
	}
	w := math.Round(math.Max(2, px(ctx, 2)))
	// A line from one point to the next is a run of boxes w wide, each as
	// high as the line climbs in it.
	line := func(x0, y0, x1, y1 float32, col color.RGBA) {
		n := max(1, int((X(x1)-X(x0))/w))
		for j := range n {
			f0, f1 := float32(j)/float32(n), float32(j+1)/float32(n)
			ya, yb := Y(y0+(y1-y0)*f0), Y(y0+(y1-y0)*f1)
			xa := X(x0 + (x1-x0)*f0)
			c.FillRect(ui.R(xa-w/2, math.Min(ya, yb)-w/2, X(x0+(x1-x0)*f1)-xa+w, math.Abs(yb-ya)+w), col)
		}
	}
	for i := 1; i < len(v.pts); i++ {
		a, b := v.pts[i-1], v.pts[i]
		if which == 0 {
			line(a.x, a.acc, b.x, b.acc, th.Accent)
		} else {
			line(a.x, a.loss, b.x, b.loss, th.Pos)
		}
	}
	for i := 1; i < len(v.tests) && which == 0; i++ {
		a, b := v.tests[i-1], v.tests[i]
		line(a.x, a.acc, b.x, b.acc, th.Winner)
	}
	for _, t := range v.tests {
		if which == 0 {
			c.FillRect(ui.R(X(t.x)-2*w, Y(t.acc)-2*w, 4*w, 4*w), th.Winner)
		}
	}
	c.StrokeRect(p, lw, th.Line)
	small.Align = ui.AlignRight
	c.Text(txtPlots[2].In(l), p.Right(), p.Bottom()+sl*1.5, small)
}

// kilo writes a count of images for an axis: 500, 10k, 1.5M.
func kilo(x float32) string {
	unit := ""
	for _, u := range [2]string{"k", "M"} {
		if x >= 1000 {
			x, unit = x/1000, u
		}
	}
	return strconv.FormatFloat(float64(x), 'g', 3, 32) + unit
}
