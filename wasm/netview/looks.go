package netview

import (
	"image"
	"math"
	"time"

	"github.com/seecnn/lenet/cnn/evidence"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

// What a unit looks for: under the computation of a unit of C3, C5, F6 or
// Output, a strip shows the drawing and the shipped MNIST samples that
// give the unit its largest values, each cropped to the unit's receptive
// field (14×14 pixels of the 32×32 input for C3, the whole input beyond),
// each with the unit's value on it: the lecture's receptive field, and
// what a unit in it responds to, made concrete.
//
// The ranking is evidence.Exciters over the 100 samples, run once per set
// of weights (again when the handwriting fine-tune changes them), and only
// once a unit that has a strip is pointed at: a few images a frame, within
// looksBudget, the strip showing the ranking so far. The strip takes the
// bottom of the computation's panel only where the computation keeps its
// grids, their numbers and its text there (see layoutExplanation); where it
// does not, the strip is left out. A click on a sample puts it on the pad.

// looksKeep is the number of samples kept per unit, and shown when the
// strip is wide enough; looksMin is the fewest a strip shows.
const (
	looksKeep = 8
	looksMin  = 4
)

// looksBudget is the time a frame gives the ranking.
const looksBudget = 2 * time.Millisecond

// looksSet is the samples as evidence.Exciters reads them.
var looksSet = func() evidence.Digits28 {
	d, _ := samples.Digits()
	return evidence.Digits28(d)
}()

// looksRoom is what the decision whether the strip fits was made for.
type looksRoom struct {
	layer lenet.LayerID
	r     ui.Rect
	lang  i18n.Lang
}

// looksKey is what the strip's pictures and texts were filled for.
type looksKey struct {
	unit       Unit
	pred, netV uint64
	done       int
	lang       i18n.Lang
	theme      *ui.Theme
	filled     bool
}

// looks is the strip's state.
type looks struct {
	ex   *evidence.Exciters
	net  *lenet.Net
	netV uint64
	err  error // the ranking stopped (cannot happen with the shipped samples)
	// spent is the time the ranking took in the last frame, peak the
	// most it took in a frame, frames the frames it took.
	spent, peak time.Duration
	frames      int

	// Whether the strip fits under the computation, decided for room;
	// whether the computation alone had its grids' numbers; the least
	// and the most text it may leave out beside the strip (levels of
	// layoutInfo).
	room        looksRoom
	fits, nums0 bool
	least, most int

	// Where the strip is (empty: not shown) and its parts, from
	// looksLayout.
	at       ui.Rect
	thumbs   [looksKeep + 1]ui.Rect // the drawing's crop first
	n        int                    // thumbnails shown, the drawing's included
	textSize float64
	numSize  float64

	// What it shows, from looksFill: of is what it was filled for, ofTop
	// what the samples' crops and numbers were (of less the drawing and
	// the language, which do not change them).
	of    looksKey
	ofTop looksKey
	top   []evidence.Exciter
	field image.Rectangle
	own   float32
	crops [(looksKeep + 1) * lenet.InputLen]float32 // crop i from i·InputLen, field.Dx()×field.Dy() values
	x     [lenet.InputLen]float32
	bmp   *ui.Bitmap // crop i at (i·32, 0)
	head  []string   // the lines of the heading
	sub   []string   // … and of how the samples are shown
	nums  [looksKeep + 1]string
	none  string // no sample makes the unit positive
}

// looksUnit reports whether u has a strip.
func looksUnit(u Unit) bool {
	switch u.Layer {
	case lenet.C3, lenet.C5, lenet.F6, lenet.Output:
		return true
	}
	return false
}

// exciterUnit is u as evidence names it: its layer's index in
// lenet.Layers, which has no input.
func exciterUnit(u Unit) evidence.Unit {
	return evidence.Unit{Layer: int(u.Layer) - 1, C: u.C, Y: u.Y, X: u.X}
}

// looksShown reports whether the strip is on screen.
func (v *View) looksShown() bool {
	_, ok := v.explanation()
	return ok && looksUnit(v.sel) && !v.looks.at.Empty()
}

// layoutExplanation lays the selected unit's computation out in the
// computation's panel r, with the strip under it where both fit. Whether
// they do is decided once for a layer, a panel and a language, against
// the computation alone: with the strip it must keep its lines, its
// pictures and its grids' numbers. It may lose the lecture's note, the
// line that says where the receptive field is (the strip's caption gives
// its size, and the 32×32 input outlines it) and, for C3, the row of
// every channel's window (whose terms its sum still writes out); in the
// projector layout, whose small text is still its legible size, its body
// text may step down to that size too. With a later drawing the strip
// stays while that still holds.
func (v *View) layoutExplanation(ctx *ui.Context, r ui.Rect) {
	lk := &v.looks
	lk.at = ui.Rect{}
	room := looksRoom{v.sel.Layer, r, ctx.Lang}
	if looksUnit(v.sel) && (lk.room != room || lk.fits) {
		h, ok := v.looksLayout(ctx, r)
		gap := math.Round(ctx.Px(6))
		info := ui.R(r.X, r.Y, r.W, r.H-h-gap)
		p := &v.info
		keeps := func() bool { // what the computation alone had, it keeps
			return info.H > 0 && p.fits && p.pics && (p.numSize > 0 || !lk.nums0) && p.level <= lk.most
		}
		if lk.room != room {
			// The least text left out that keeps the grids' numbers.
			lk.room, lk.fits = room, false
			if ok && info.H > 0 {
				v.layoutInfo(ctx, r, &v.expl)
				lk.nums0 = p.numSize > 0
				lk.most = max(2, p.level)
				if ctx.Present {
					lk.most = infoLevels - 1 // the small text is the projector's size
				}
				for lk.least = p.level; lk.least <= lk.most && !lk.fits; lk.least++ {
					v.layoutInfoFrom(ctx, info, &v.expl, lk.least)
					lk.fits = keeps()
				}
				lk.least--
			}
		} else {
			v.layoutInfoFrom(ctx, info, &v.expl, lk.least)
			lk.fits = ok && keeps()
		}
		if lk.fits {
			v.infoAt = info
			v.looksPlace(ui.R(r.X, r.Bottom()-h, r.W, h))
			return
		}
	}
	v.infoAt = r
	v.layoutInfo(ctx, r, &v.expl)
}

// looksLayout works out the strip's sizes for the width of r: as many
// thumbnails as fit with their numbers at a legible size (at least
// looksMin samples), and the height it needs. ok is false when even
// looksMin do not fit.
func (v *View) looksLayout(ctx *ui.Context, r ui.Rect) (h float64, ok bool) {
	lk := &v.looks
	th := ctx.Theme
	pad := math.Round(ctx.Px(th.Pad))
	inner := r.W - 2*pad
	gap, sep := math.Round(ctx.Px(4)), math.Round(ctx.Px(12))
	lk.textSize = ctx.Px(th.FontSmall)
	maxSide := ctx.Px(56)
	if ctx.Present {
		maxSide = ctx.Px(th.FontSmall) * 3.2
	}
	for n := looksKeep + 1; n > looksMin; n-- {
		side := math.Floor(math.Min(maxSide, (inner-sep-float64(n-2)*gap)/float64(n)))
		num := ui.FitText(ctx, "-0.00", lk.textSize, side+gap)
		if side < ctx.Px(22) || num < ctx.MinText()-0.01 {
			continue
		}
		lk.n, lk.numSize = n, num
		v.looksTexts(ctx, inner)
		lh := lk.textSize * 1.3
		lines := v.looksHeadLines(ctx, inner) + len(lk.sub)
		h = pad + float64(lines)*lh + gap + side + num*1.5 + pad/2
		// The thumbnails, from the strip's top (looksPlace moves them
		// there).
		x, y := r.X+pad, pad+float64(lines)*lh+gap
		for i := range n {
			lk.thumbs[i] = ui.R(x, y, side, side).Round()
			x += side + gap
			if i == 0 {
				x += sep - gap
			}
		}
		return h, true
	}
	return 0, false
}

// looksPlace puts the strip laid out by looksLayout at a.
func (v *View) looksPlace(a ui.Rect) {
	lk := &v.looks
	for i := range lk.n {
		lk.thumbs[i].Y += a.Y
		lk.thumbs[i] = lk.thumbs[i].Round()
	}
	lk.at = a.Round()
}

// looksHeadLines is the most lines the heading can take, while the
// ranking runs and after.
func (v *View) looksHeadLines(ctx *ui.Context, w float64) int {
	st := ui.TextStyle{Size: v.looks.textSize, Bold: true}
	n := 0
	for _, done := range []int{samples.Count, samples.Count - 1} {
		n = max(n, len(ui.WrapText(ctx, v.looksHead(ctx.Lang, done), w, st)))
	}
	return n
}

// looksHead is the strip's heading: the drawing's value and what the
// samples are, done of them ranked.
func (v *View) looksHead(lang i18n.Lang, done int) string {
	own := ui.FormatNum(v.looks.own)
	if done < samples.Count {
		return sub(subStr(txtLooksRanking.In(lang), own), done, samples.Count)
	}
	return subStr(txtLooksHead.In(lang), own)
}

// looksSub says how the samples are shown.
func (v *View) looksSub(lang i18n.Lang) string {
	f := exciterUnit(v.sel).Field()
	s := sub(txtLooksCropped.In(lang), f.Dy(), f.Dx())
	if f.Dx() == lenet.InputSide && f.Dy() == lenet.InputSide {
		s = txtLooksWhole.In(lang)
	}
	if v.sel.Layer == lenet.Output {
		s += txtLooksScores.In(lang)
	}
	return s
}

// looksTexts wraps the heading to width w.
func (v *View) looksTexts(ctx *ui.Context, w float64) {
	lk := &v.looks
	lk.own = v.sel.Layer.Values(&v.acts)[v.sel.Index()]
	done := 0
	if lk.ex != nil {
		done, _ = lk.ex.Progress()
	}
	lk.head = ui.WrapText(ctx, v.looksHead(ctx.Lang, done), w, ui.TextStyle{Size: lk.textSize, Bold: true})
	lk.sub = ui.WrapText(ctx, v.looksSub(ctx.Lang), w, ui.TextStyle{Size: lk.textSize})
}

// looksStep runs the ranking within the frame's budget while the strip
// is shown, starting it again when the weights changed; an unfinished
// ranking asks for another frame.
func (v *View) looksStep(ctx *ui.Context) {
	lk := &v.looks
	lk.spent = 0
	// (Not looksShown: the computation is worked out again after this,
	// when the weights have just changed.)
	if !v.hasSel || !v.has || !looksUnit(v.sel) || lk.at.Empty() || lk.err != nil {
		return
	}
	t0 := time.Now()
	net := ctx.Shared.Net
	if lk.ex == nil || lk.net != net || lk.netV != ctx.Shared.NetVersion {
		lk.ex, lk.err = evidence.NewExciters(net, looksSet, looksKeep)
		lk.net, lk.netV, lk.peak, lk.frames = net, ctx.Shared.NetVersion, 0, 0
		if lk.err != nil {
			return
		}
	}
	if done, total := lk.ex.Progress(); done >= total {
		return
	}
	for {
		fin, err := lk.ex.Step(1)
		if err != nil {
			lk.err = err
			return
		}
		if fin {
			break
		}
		if time.Since(t0) >= looksBudget {
			ctx.Again()
			break
		}
	}
	lk.spent = time.Since(t0)
	lk.peak, lk.frames = max(lk.peak, lk.spent), lk.frames+1
}

// looksFill brings the strip's pictures, numbers and texts up to date
// with the unit, the drawing, the ranking and the language.
func (v *View) looksFill(ctx *ui.Context) {
	lk := &v.looks
	if !v.looksShown() || lk.ex == nil {
		return
	}
	done, _ := lk.ex.Progress()
	k := looksKey{unit: v.sel, pred: v.predVersion, netV: lk.netV, done: done, lang: ctx.Lang, theme: ctx.Theme, filled: true}
	if k == lk.of {
		return
	}
	lk.of = k
	top := k
	top.pred, top.lang = 0, 0
	eu := exciterUnit(v.sel)
	lk.field = eu.Field()
	fw, fh := lk.field.Dx(), lk.field.Dy()
	if lk.bmp == nil {
		lk.bmp = ui.NewBitmap((looksKeep+1)*lenet.InputSide, lenet.InputSide)
	}
	fill := func(i int, x []float32) {
		c, err := evidence.Crop(lk.crops[i*lenet.InputLen:i*lenet.InputLen], x, lk.field)
		if err == nil {
			ui.FillGray(lk.bmp, i*lenet.InputSide, 0, c, fw, fh, ctx.Theme)
		}
	}
	fill(0, v.acts.Input[:])
	if top != lk.ofTop {
		// The samples change with the unit, the weights, the ranking and
		// the theme only, not with every stroke.
		lk.ofTop = top
		lk.top, _ = lk.ex.Top(eu, lk.top[:0])
		for i, e := range lk.top {
			if looksSet.Input(e.Image, lk.x[:]) == nil {
				fill(i+1, lk.x[:])
			}
			lk.nums[i+1] = ui.FormatNum(e.Value)
		}
	}
	lk.bmp.Touch()
	v.looksTexts(ctx, lk.at.W-2*math.Round(ctx.Px(ctx.Theme.Pad)))
	lk.nums[0] = ui.FormatNum(lk.own)
	lk.none = ""
	if len(lk.top) == 0 && done > 0 {
		lk.none = sub(txtLooksNone.In(ctx.Lang), done)
	}
}

// looksUpdate puts a sample clicked in the strip on the pad.
func (v *View) looksUpdate(ctx *ui.Context, in *ui.Input) {
	lk := &v.looks
	if !v.looksShown() {
		return
	}
	for i := 1; i < lk.n && i-1 < len(lk.top); i++ {
		if in.Clicked(lk.thumbs[i]) {
			_ = v.LoadSample(ctx, lk.top[i-1].Image)
			return
		}
	}
}

// looksDraw draws the strip.
func (v *View) looksDraw(ctx *ui.Context, c ui.Canvas) {
	lk := &v.looks
	if !v.looksShown() || !lk.of.filled || lk.of.unit != v.sel {
		return
	}
	th := ctx.Theme
	r := lk.at
	pad := math.Round(ctx.Px(th.Pad))
	line := math.Max(1, math.Round(ctx.Scale))
	c.FillRect(r, th.Panel)
	c.StrokeRect(r, line, th.Line)
	st := ui.TextStyle{Size: lk.textSize, Color: th.Text, Bold: true}
	lh := lk.textSize * 1.3
	y := r.Y + pad + lh/2
	for _, s := range lk.head {
		c.Text(s, r.X+pad, y, st)
		y += lh
	}
	st.Color, st.Bold = th.Muted, false
	for _, s := range lk.sub {
		c.Text(s, r.X+pad, y, st)
		y += lh
	}
	num := ui.TextStyle{Size: lk.numSize, Color: th.Text, Align: ui.AlignCenter, Mono: true}
	src := func(i int) image.Rectangle {
		return image.Rect(i*lenet.InputSide, 0, i*lenet.InputSide+lk.field.Dx(), lk.field.Dy())
	}
	for i := range lk.n {
		t := lk.thumbs[i]
		if i > len(lk.top) {
			break
		}
		c.Image(lk.bmp, src(i), t, false)
		col := th.Line
		if i == 0 {
			col = th.Focus
		}
		c.StrokeRect(t.Inset(-line), math.Max(line, math.Round(ctx.Px(1.5))), col)
		c.Text(lk.nums[i], t.CenterX(), t.Bottom()+lk.numSize*0.8, num)
	}
	if lk.none != "" && lk.n > 1 {
		t := lk.thumbs[1]
		for i, s := range ui.WrapText(c, lk.none, r.Right()-pad-t.X, st) {
			c.Text(s, t.X, t.Y+lh*(0.5+float64(i)), st)
		}
	}
}

// looksState is the strip's part of the view's state.
func (v *View) looksState() *jsonw.Object {
	lk := &v.looks
	var o jsonw.Object
	o.Bool("shown", v.looksShown())
	if lk.err != nil {
		o.Str("error", lk.err.Error())
	}
	if !v.looksShown() || !lk.of.filled {
		return &o
	}
	done, total := lk.ex.Progress()
	images := make([]int, len(lk.top))
	labels := make([]int, len(lk.top))
	values := make([]float64, len(lk.top))
	for i, e := range lk.top {
		images[i], labels[i], values[i] = e.Image, samples.Label(e.Image), float64(e.Value)
	}
	f := lk.field
	o.Str("unit", v.sel.String()).Ints("progress", []int{done, total}).Bool("complete", done == total).
		Ints("images", images).Ints("labels", labels).Floats("values", values).Int("shownSamples", min(lk.n-1, len(lk.top))).
		Float("drawing", float64(lk.own)).Ints("field", []int{f.Min.X, f.Min.Y, f.Max.X, f.Max.Y}).
		Strs("text", append(append([]string(nil), lk.head...), lk.sub...)).
		Float("frameMs", float64(lk.spent.Microseconds())/1000).Float("maxFrameMs", float64(lk.peak.Microseconds())/1000).
		Int("frames", lk.frames)
	return &o
}

// The strip's strings.
var (
	txtLooksHead    = i18n.Text{En: "Yours: %s · samples that excite it most", Ko: "내 그림: %s · 이 유닛을 가장 크게 활성화하는 예제"}
	txtLooksCropped = i18n.Text{En: "cropped to its %d×%d receptive field", Ko: "%d×%d 수용장만큼 자름"}
	txtLooksWhole   = i18n.Text{En: "its receptive field is the whole input", Ko: "수용장은 입력 전체"}
	txtLooksScores  = i18n.Text{En: "; scores before softmax", Ko: "; 소프트맥스 전 점수"}
	txtLooksRanking = i18n.Text{En: "Yours: %s · ranking samples: %d/%d", Ko: "내 그림: %s · 예제 순위 매기는 중: %d/%d"}
	txtLooksNone    = i18n.Text{En: "none of the %d samples ranked makes this unit positive", Ko: "순위를 매긴 예제 %d개 중 이 유닛을 양수로 만드는 것이 없음"}
)
