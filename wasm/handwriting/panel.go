// Package handwriting is the network view's panel for the student's own
// handwriting and for the network's weights:
//
//   - the current drawing, kept with the digit the student says it is, in
//     the browser's own storage (nothing leaves the machine); the kept
//     drawings listed with thumbnails and the network's reading of each,
//     each removable, all clearable, at most MaxKept;
//   - fine-tuning the demo's network on them, in a training worker (the
//     pagelink.Tune slot: site/train-worker.js's finetune, which mixes the
//     drawings with training digits so that the network does not forget),
//     with each drawing's reading and the test digits' accuracy before and
//     after;
//   - the weights out (a download in the weights format, lenet.Encode) and
//     in (a file chosen or dropped on the page, or a same-origin address
//     given as ?weights=), and back to the shipped weights at any time.
//
// New weights replace ctx.Shared.Net (and increment NetVersion), so every
// view runs them. The panel draws through ui.Canvas and tests natively.
package handwriting

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/ui"
)

// WeightsParam is the network view's ?weights= parameter: a weights file
// of the same site, loaded when the view opens.
var WeightsParam = ui.Param{Name: "weights", Kind: ui.ParamText, Max: MaxAddress, Match: sameSite,
	Meaning: i18n.Text{
		En: "load this weights file (the weights format; a download of the demo or of the training view, or lenet train's output) into the demo",
		Ko: "이 가중치 파일(데모나 학습 화면에서 내려받은 파일, lenet train의 출력)을 데모에 불러옴"},
	Takes:          i18n.Text{En: "the address of a file of this site, such as my.weights", Ko: "이 사이트에 있는 가중치 파일의 주소 (예: my.weights)"},
	DefaultMeaning: i18n.Text{En: "the shipped weights", Ko: "기본 가중치"}}

// TrainView is the training view's URL name (wasm/trainview, which shows
// this package's view inside itself and so cannot be imported here).
const TrainView = "train"

// MaxAddress bounds the length of ?weights=.
const MaxAddress = 300

// sameSite takes a path of this site: no scheme, no host, no backslash or
// control character. (The page checks the origin again before fetching.)
func sameSite(raw string) (string, bool) {
	if raw == "" || strings.HasPrefix(raw, "//") || strings.ContainsAny(raw, "\\") {
		return "", false
	}
	for _, r := range raw {
		if r < ' ' || r == 0x7f {
			return "", false
		}
	}
	if i := strings.IndexAny(raw, ":/?#"); i >= 0 && raw[i] == ':' {
		return "", false // a scheme: http:, data:, javascript: …
	}
	return raw, true
}

// The panel's buttons, in the keyboard's order: the ten digits that keep
// the drawing, then these.
const (
	bClear = 10 + iota
	bTune
	bDown
	bLoad
	bShip
	bTrain
	numButtons
)

// Where the demo's weights come from.
const (
	fromShipped = iota
	fromTuning
	fromFile
	fromElsewhere // another view (the training view's "use in the demo")
)

// Panel is the handwriting panel. Make it with New; the network view lays
// it out, updates and draws it.
type Panel struct {
	kept    []Drawing
	thumbs  []*ui.Bitmap
	reads   []int     // the network's reading of each kept drawing
	readFor [2]uint64 // the NetVersion and the list version reads are of
	listVer uint64

	shipped          *lenet.Net
	src              int    // fromShipped, fromTuning, fromFile, fromElsewhere
	netSet           uint64 // the NetVersion the panel made
	srcName, srcMeta string
	tunes            int // fine-tunings since the shipped weights

	tuneSeq, parSeq, loadSeq uint64
	tuning                   bool
	res                      pagelink.Tuned
	resFor                   uint64 // the list version res is of (0: none)

	msg  int   // what happened last, an index of txtMsg
	args []any // its figures
	bad  bool

	area, title, label, kline, status, wline, grid ui.Rect
	btn                                            []ui.Button // numButtons
	rm                                             []ui.Button // remove the drawing shown i-th
	cell                                           float64
	cols, rows                                     int
	hint, laid                                     bool
}

// New makes the panel: it asks the page for the kept drawings and, when
// the address gives ?weights=, for that file.
func New(ctx *ui.Context) *Panel {
	p := &Panel{btn: make([]ui.Button, numButtons)}
	if w, err := lenet.Pretrained(); err == nil {
		p.shipped = w.Net
	}
	p.loadSeq = p.send(ctx, pagelink.Load, StorageKey, nil)
	pv := ui.ParseParams(ctx.Params, []ui.Param{WeightsParam})
	if addr, ok := pv.Choice(WeightsParam.Name); ok {
		p.send(ctx, pagelink.Fetch, addr, nil)
		p.say(mLoading, false, addr)
	}
	return p
}

func (p *Panel) send(ctx *ui.Context, k pagelink.Kind, name string, b []byte) uint64 {
	if ctx.Shared.Link == nil {
		return 0
	}
	return ctx.Shared.Link.Send(pagelink.Request{Slot: pagelink.Page, Kind: k, Name: name, Bytes: b})
}

func (p *Panel) say(m int, bad bool, args ...any) { p.msg, p.bad, p.args = m, bad, args }

// Label is the text of the button (on a phone, of the tab) that opens the
// panel, or closes it.
func (p *Panel) Label(l i18n.Lang, open bool) string {
	if open {
		return txtOpen[0].In(l)
	}
	return fmt.Sprintf(txtOpen[1].In(l), len(p.kept))
}

// Layout places the panel in area, where it shows when open. What does
// not fit gives way in this order: the hint on dropping files, lines of
// the message, rows of thumbnails.
func (p *Panel) Layout(ctx *ui.Context, area ui.Rect) {
	p.area, p.laid = area, true
	l := ctx.Lang
	gap := math.Round(ctx.Px(6))
	r := area.Inset(ctx.Px(ctx.Theme.Pad))
	// Buttons and lines as the theme's type needs them (larger in the
	// projector layout).
	bh := math.Round(ctx.Px(math.Max(32, ctx.Theme.ButtonH)))
	line := math.Round(ctx.Px(math.Max(20, ctx.Theme.FontBody*1.5)))
	rows := 1 + b2i(r.W < 10*ctx.Px(26))
	// A phone held sideways has no room for the title.
	if r.H >= float64(rows+4)*bh+6*line {
		p.title, r = r.CutTop(line + gap)
	} else {
		p.title = ui.Rect{}
	}
	// This drawing is a: 0 … 9, beside the words or under them, in one
	// row or two.
	p.label, r = r.CutTop(line)
	labW := ctx.MeasureText(txtThisIs.In(l), ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}) + gap
	row := p.label
	if rows == 1 && r.W-labW >= 10*ctx.Px(28) {
		r.Y -= line
		r.H += line
		p.label.W, p.label.H = labW, bh
		row.X, row.W = row.X+labW, row.W-labW
	} else {
		row.Y = r.Y
	}
	row.H = float64(rows)*bh + float64(rows-1)*gap
	_, r = r.CutTop(row.H + 2*gap)
	for d := range 10 {
		p.btn[d].Rect = row.Grid(10/rows, rows, math.Round(ctx.Px(3)), d%(10/rows), d/(10/rows)).Round()
		p.btn[d].Label = string(rune('0' + d))
	}
	// Kept drawings: n of MaxKept … Clear all
	p.kline, r = r.CutTop(bh + gap)
	cw := math.Min(ctx.Px(140), p.kline.W*0.4)
	p.btn[bClear].Rect = ui.R(p.kline.Right()-cw, p.kline.Y, cw, bh).Round()
	p.kline.W -= cw + gap
	p.kline.H = bh
	// The thumbnails; fine-tuning and its message; the weights, their
	// buttons and the hint.
	p.cell = math.Round(ctx.Px(62 - 12*float64(b2i(r.W < ctx.Px(500)))))
	// The weights' four buttons in a row, or in two rows of two when a
	// label would shrink in a quarter of the width (and there is room).
	wrows := 1
	for i := bDown; i < numButtons; i++ {
		if ctx.MeasureText(txtButtons[i-bClear].In(l), ui.TextStyle{Size: ctx.Px(ctx.Theme.FontBody)}) > (r.W-3*gap)/4-ctx.Px(8) {
			wrows = 2
		}
	}
	if r.H < 3*bh+4*gap+2*line+p.cell*1.44 {
		wrows = 1 // no room for a second row beside a row of drawings
	}
	fixed := float64(1+wrows)*bh + float64(2+wrows)*gap + line
	msg := 3
	for msg > 1 && fixed+float64(msg+1)*line > r.H-p.cell*1.44 {
		msg--
	}
	p.hint = fixed+float64(msg+1)*line <= r.H-p.cell*1.44
	bottomH := fixed + float64(msg+b2i(p.hint))*line
	p.grid, r = r.CutTop(math.Max(0, r.H-bottomH))
	p.cols = max(1, int((p.grid.W+p.cell*0.12)/(p.cell*1.12)))
	p.rows = int((p.grid.H + p.cell*0.12) / (p.cell * 1.44))
	p.btn[bTune].Rect = ui.R(r.X, r.Y, math.Min(r.W, math.Max(ctx.Px(220), r.W*0.5)), bh).Round()
	p.btn[bTune].Primary = true
	p.status = ui.R(r.X, r.Y+bh+gap, r.W, float64(msg)*line)
	p.wline = ui.R(r.X, p.status.Bottom()+gap, r.W, line)
	for i := range 4 {
		p.btn[bDown+i].Rect = ui.R(r.X, p.wline.Bottom(), r.W, float64(wrows)*bh+float64(wrows-1)*gap).Grid(4/wrows, wrows, gap, i%(4/wrows), i/(4/wrows)).Round()
	}
	for i := bClear; i < numButtons; i++ {
		p.btn[i].Label = txtButtons[i-bClear].In(l)
	}
	p.placeThumbs()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// placeThumbs places the remove buttons of the kept drawings shown.
func (p *Panel) placeThumbs() {
	p.rm = p.rm[:0]
	for i := range min(len(p.kept), p.cols*p.rows) {
		t := p.thumb(i)
		s := math.Round(t.W * 0.3)
		p.rm = append(p.rm, ui.Button{Rect: ui.R(t.Right()-s, t.Y, s, s), Label: "×"})
	}
}

// first is the index of the first kept drawing on screen: the latest ones
// are shown when not all fit.
func (p *Panel) first() int { return max(0, len(p.kept)-p.cols*p.rows) }

// thumb is where the i-th drawing on screen is.
func (p *Panel) thumb(i int) ui.Rect {
	return ui.R(p.grid.X+float64(i%p.cols)*p.cell*1.12, p.grid.Y+float64(i/p.cols)*p.cell*1.44, p.cell, p.cell).Round()
}

// off reports whether button i is disabled now.
func (p *Panel) off(ctx *ui.Context, i int) bool {
	switch i {
	case bClear:
		return len(p.kept) == 0
	case bTune:
		return len(p.kept) == 0 || p.tuning
	case bShip:
		return p.src == fromShipped || p.tuning
	case bDown, bLoad, bTrain:
		return false
	}
	return !ctx.Shared.HasInput || len(p.kept) >= MaxKept
}

// Update takes the page's answers, keeps the readings of the kept
// drawings up to date with the network and, when open, handles the
// panel's buttons. It returns true when something arrived that the
// student should see (a file loaded or refused, fine-tuning ended): the
// view then opens the panel.
func (p *Panel) Update(ctx *ui.Context, in *ui.Input, open bool) (show bool) {
	if l := ctx.Shared.Link; l != nil {
		for _, e := range l.Events(pagelink.Page) {
			show = p.pageEvent(ctx, e) || show
		}
		for _, e := range l.Events(pagelink.Tune) {
			show = p.tuneEvent(ctx, e) || show
		}
	}
	if open && p.laid {
		for i := range p.btn {
			b := &p.btn[i]
			b.Disabled = p.off(ctx, i)
			if b.Update(ctx, in) {
				p.press(ctx, i)
			}
		}
		for i := range p.rm {
			if p.rm[i].Update(ctx, in) {
				k := p.first() + i
				p.setKept(ctx, append(p.kept[:k:k], p.kept[k+1:]...), true)
				p.say(mRemoved, false)
				break
			}
		}
	}
	p.read(ctx)
	return show
}

// press does what button i does.
func (p *Panel) press(ctx *ui.Context, i int) {
	sh := ctx.Shared
	switch i {
	case bClear:
		p.setKept(ctx, nil, true)
		p.say(mCleared, false)
	case bTune:
		p.fineTune(ctx)
	case bDown:
		p.download(ctx)
	case bLoad:
		p.send(ctx, pagelink.PickFile, "", nil)
	case bShip:
		p.setNet(ctx, p.shipped, fromShipped, "", "")
		p.tunes = 0
		p.say(mShipped, false)
	case bTrain:
		ctx.SwitchTo(TrainView)
	default:
		k := append(p.kept[:len(p.kept):len(p.kept)], FromInput(&sh.Input, i))
		p.setKept(ctx, k, true)
		p.say(mKept, false, i, len(k), MaxKept)
	}
}

// setKept replaces the list (storing it when save is set).
func (p *Panel) setKept(ctx *ui.Context, ds []Drawing, save bool) {
	p.kept = ds
	p.listVer++
	p.thumbs = p.thumbs[:0]
	var x [lenet.InputLen]float32
	for i := range ds {
		b := ui.NewBitmap(lenet.InputSide, lenet.InputSide)
		ds[i].Input(x[:])
		ui.FillGray(b, 0, 0, x[:], lenet.InputSide, lenet.InputSide, ctx.Theme)
		p.thumbs = append(p.thumbs, b)
	}
	p.placeThumbs()
	if save {
		p.send(ctx, pagelink.Save, StorageKey, Encode(ds))
	}
}

// read runs the network on the kept drawings when it or they changed.
func (p *Panel) read(ctx *ui.Context) {
	sh := ctx.Shared
	if p.readFor == [2]uint64{sh.NetVersion, p.listVer} && len(p.reads) == len(p.kept) {
		return
	}
	p.readFor = [2]uint64{sh.NetVersion, p.listVer}
	if sh.NetVersion != p.netSet {
		p.src, p.netSet, p.srcMeta = fromElsewhere, sh.NetVersion, ""
	}
	p.reads = p.reads[:0]
	var x [lenet.InputLen]float32
	var a lenet.Activations
	for i := range p.kept {
		p.kept[i].Input(x[:])
		p.reads = append(p.reads, sh.Net.Forward(x[:], &a))
	}
}

// right counts the drawings read as their digit by labels.
func (p *Panel) right(reads []int) int {
	n := 0
	for i, r := range reads {
		n += b2i(i < len(p.kept) && r == p.kept[i].Label)
	}
	return n
}

// fineTune sends the demo's weights and the kept drawings to the worker,
// then asks for the weights it made.
func (p *Panel) fineTune(ctx *ui.Context) {
	var w bytes.Buffer
	lenet.Encode(&w, ctx.Shared.Net, "the demo's weights")
	r := pagelink.Request{Slot: pagelink.Tune, Kind: pagelink.FineTune, From: "weights", Seed: 1, Bytes: w.Bytes(),
		Inputs: make([]float32, len(p.kept)*lenet.InputLen)}
	for i := range p.kept {
		r.Labels = append(r.Labels, p.kept[i].Label)
		p.kept[i].Input(r.Inputs[i*lenet.InputLen:])
	}
	if l := ctx.Shared.Link; l != nil {
		p.tuneSeq = l.Send(r)
		p.parSeq = l.Send(pagelink.Request{Slot: pagelink.Tune, Kind: pagelink.Params})
	}
	p.tuning, p.resFor = p.parSeq != 0, 0
	p.say(mTuning, false)
}

func (p *Panel) tuneEvent(ctx *ui.Context, e pagelink.Event) bool {
	switch {
	case e.Kind == pagelink.Failure || e.Err != "":
		if !p.tuning {
			return false
		}
		p.tuning = false
		p.say(mTuneFailed, true, e.Err)
	case e.Seq == p.tuneSeq:
		if r, ok := e.Tuned(); ok && len(r.Was) == len(p.kept) {
			p.res, p.resFor = r, p.listVer
		}
		return false
	case e.Seq == p.parSeq:
		p.tuning = false
		params, ok := e.Params()
		if !ok {
			p.say(mTuneFailed, true, "?")
			break
		}
		n, _ := lenet.FromParams(append([]float32(nil), params...))
		p.tunes++
		p.setNet(ctx, n, fromTuning, "", "")
		if r := &p.res; p.resFor == p.listVer {
			p.say(mTuned, false, p.right(r.Was), len(r.Was), p.right(r.Now), len(r.Was), 100*r.Before.Accuracy, 100*r.After.Accuracy, r.After.Total, r.Steps, r.Seconds)
		}
	default:
		return false
	}
	return true
}

func (p *Panel) pageEvent(ctx *ui.Context, e pagelink.Event) bool {
	switch e.Kind {
	case pagelink.Load:
		ds, err := Decode(e.Bytes)
		switch {
		case e.Seq != p.loadSeq:
		case e.Err != "":
			p.say(mNoStorage, true, e.Err)
		case err != nil:
			p.say(mBadStorage, true)
		default:
			p.setKept(ctx, ds, false)
		}
		return false
	case pagelink.File:
		if e.Err != "" {
			p.say(mNotLoaded, true, e.Err)
			return true
		}
		w, err := lenet.Decode(e.Bytes)
		if err != nil {
			p.say(mNotWeights, true, e.Name, err.Error())
			return true
		}
		p.setNet(ctx, w.Net, fromFile, e.Name, w.Meta)
		first, _, _ := strings.Cut(w.Meta, "\n")
		p.say(mLoaded, false, e.Name, first)
		return true
	}
	if e.Err != "" { // a download, the file chooser, storing
		p.say(mError, true, e.Err)
		return true
	}
	return false
}

// setNet makes n the demo's network.
func (p *Panel) setNet(ctx *ui.Context, n *lenet.Net, src int, name, meta string) {
	if n == nil {
		return
	}
	ctx.Shared.Net = n
	ctx.Shared.NetVersion++
	p.netSet = ctx.Shared.NetVersion
	p.src, p.srcName, p.srcMeta = src, name, meta
}

// download saves the demo's weights as a file, with a note of where they
// come from.
func (p *Panel) download(ctx *ui.Context) {
	name := [4]string{"lenet5-shipped.weights", "lenet5-fine-tuned.weights", "lenet5-loaded.weights", "lenet5-trained.weights"}[p.src]
	meta := fmt.Sprintf(txtMeta[p.src], p.srcArgs()...) + p.srcMeta
	for len(meta) > lenet.MaxMeta || !utf8.ValidString(meta) {
		meta = meta[:min(len(meta)-1, lenet.MaxMeta)]
	}
	var b bytes.Buffer
	lenet.Encode(&b, ctx.Shared.Net, meta)
	p.send(ctx, pagelink.Download, name, b.Bytes())
	p.say(mSaved, false, name, b.Len())
}

// srcArgs are the figures of the weights' source: the fine-tunings, or
// the file's name.
func (p *Panel) srcArgs() []any {
	return [4][]any{nil, {p.tunes}, {p.srcName}, nil}[p.src]
}

// Draw paints the panel over its area.
func (p *Panel) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	l := ctx.Lang
	lw := math.Max(1, math.Round(ctx.Scale))
	c.FillRect(p.area.Round(), th.Panel)
	c.StrokeRect(p.area.Round(), lw, th.Line)
	body := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Text}
	small := ui.TextStyle{Size: ctx.Px(th.FontSmall), Color: th.Muted, Align: ui.AlignRight}
	// fit is the size at which s fits in w, no smaller than the smallest
	// text the program draws.
	fit := func(s string, size, w float64) float64 { return math.Max(ctx.MinText(), ui.FitText(c, s, size, w)) }
	if !p.title.Empty() {
		title := ui.TextStyle{Size: ctx.Px(th.FontTitle), Color: th.Text, Bold: true}
		c.Text(txtTitle.In(l), p.title.X, p.title.CenterY(), title)
		// The promise beside the title, on one line or two.
		w := p.title.W - c.MeasureText(txtTitle.In(l), title) - ctx.Px(12)
		promise := txtPrivate.In(l)
		if ui.FitText(c, promise, small.Size, w) >= ctx.MinText() {
			c.Text(promise, p.title.Right(), p.title.CenterY(), ui.TextStyle{Size: fit(promise, small.Size, w), Color: th.Muted, Align: ui.AlignRight})
		} else if lines := ui.WrapText(c, promise, w, small); len(lines) == 2 {
			for i, s := range lines {
				c.Text(s, p.title.Right(), p.title.CenterY()+small.Size*(1.15*float64(i)-0.575), small)
			}
		}
	}
	c.Text(txtThisIs.In(l), p.label.X, p.label.CenterY(), body)
	for i := range p.btn {
		b := p.btn[i] // a copy: Draw changes nothing
		b.Disabled = p.off(ctx, i)
		b.Draw(ctx, c)
	}
	kept := fmt.Sprintf(txtKept.In(l), len(p.kept), MaxKept, p.right(p.reads))
	c.Text(kept, p.kline.X, p.kline.CenterY(), ui.TextStyle{Size: fit(kept, body.Size, p.kline.W), Color: th.Text})
	// The message, in the lines there are.
	st := body
	if p.bad {
		st.Color = th.Pos
	}
	lh := st.Size * 1.3
	y := p.status.Y + lh/2
	for _, s := range ui.WrapText(c, fmt.Sprintf(txtMsg[p.msg].In(l), p.args...), p.status.W, st) {
		if y < p.status.Bottom() {
			c.Text(s, p.status.X, y, st)
		}
		y += lh
	}
	ws := fmt.Sprintf(txtWeights[p.src].In(l), p.srcArgs()...)
	c.Text(ws, p.wline.X, p.wline.CenterY(), ui.TextStyle{Size: fit(ws, body.Size, p.wline.W), Color: th.Text, Bold: true})
	if p.hint {
		small.Align = ui.AlignLeft
		c.Text(txtDrop.In(l), p.wline.X, p.btn[numButtons-1].Rect.Bottom()+small.Size, small)
	}
	// The kept drawings: the digit in the corner, the reading under it
	// (before → after a fine-tuning on this list), green when right.
	if len(p.kept) == 0 {
		for i, s := range ui.WrapText(c, txtNothing.In(l), p.grid.W, body) {
			if y := p.grid.Y + lh*(float64(i)+0.5); y+lh/2 <= p.grid.Bottom() {
				c.Text(s, p.grid.X, y, ui.TextStyle{Size: body.Size, Color: th.Muted})
			}
		}
	}
	size := math.Round(math.Max(ctx.MinText(), math.Min(body.Size, p.cell*0.26)))
	first := p.first()
	for i := range p.rm {
		k := first + i
		r := p.thumb(i)
		c.Image(p.thumbs[k], p.thumbs[k].Bounds(), r, false)
		c.StrokeRect(r.Inset(-lw), lw, th.Line)
		label := p.kept[k].Label
		c.Text(string(rune('0'+label)), r.X+size*0.4, r.Y+size*0.7, ui.TextStyle{Size: size, Color: th.Accent, Bold: true})
		p.rm[i].Draw(ctx, c)
		if k < len(p.reads) {
			now := p.reads[k]
			rs := ui.TextStyle{Size: size, Color: th.Winner, Align: ui.AlignCenter, Mono: true}
			if now != label {
				rs.Color = th.Pos
			}
			txt := "→ " + string(rune('0'+now))
			if p.resFor == p.listVer {
				txt = string(rune('0'+p.res.Was[k])) + " " + txt
			}
			c.Text(txt, r.CenterX(), r.Bottom()+size*0.9, rs)
		}
	}
}

// State is the panel's snapshot for tests: the kept drawings and their
// readings, the last fine-tuning, and where the buttons are.
func (p *Panel) State() *jsonw.Object {
	var o jsonw.Object
	var labels []int
	for _, d := range p.kept {
		labels = append(labels, d.Label)
	}
	var rects []float64
	for _, b := range append(p.btn, p.rm...) {
		rects = append(rects, b.Rect.X, b.Rect.Y, b.Rect.W, b.Rect.H)
	}
	o.Ints("kept", labels).Ints("reads", p.reads).Bool("tuning", p.tuning).Int("weights", p.src).
		Str("message", fmt.Sprintf(txtMsg[p.msg].En, p.args...)).Bool("bad", p.bad).
		Floats("rects", rects) // the buttons (0 … 9 keep, clear, fine-tune, download, load, shipped, training), then each shown drawing's remove button: [x, y, w, h] each
	if p.resFor == p.listVer {
		r := &p.res
		o.Ints("before", r.Was).Ints("after", r.Now).Floats("test", []float64{r.Before.Accuracy, r.After.Accuracy, float64(r.After.Total)})
	}
	return &o
}

// The panel's texts.
var (
	txtTitle   = i18n.Text{En: "Your handwriting", Ko: "내 손글씨"}
	txtPrivate = i18n.Text{En: "Kept in this browser only; nothing is sent anywhere.", Ko: "이 브라우저에만 보관하며 어디에도 보내지 않습니다."}
	txtThisIs  = i18n.Text{En: "This drawing is a", Ko: "이 그림의 숫자"}
	txtOpen    = [2]i18n.Text{{En: "Close: your handwriting", Ko: "닫기: 내 손글씨"}, {En: "Your handwriting (%d), weights…", Ko: "내 손글씨 (%d개), 가중치…"}}
	txtButtons = [numButtons - bClear]i18n.Text{{En: "Clear all", Ko: "모두 지우기"}, {En: "Fine-tune on these", Ko: "이 그림들로 " + i18n.FineTuning.In(i18n.Ko)},
		{En: "Download", Ko: "내려받기"}, {En: "Load a file…", Ko: "파일 불러오기…"}, {En: "Shipped weights", Ko: "기본 가중치로"},
		{En: "Watch it learn →", Ko: "학습 과정 보기 →"}}
	txtKept    = i18n.Text{En: "Kept drawings: %d of %d · read right: %d", Ko: "보관한 그림: %d/%d개 · 맞게 읽음: %d개"}
	txtNothing = i18n.Text{En: "Nothing kept yet: draw a digit on the pad, then press its number above.", Ko: "아직 보관한 그림이 없습니다. 패드에 숫자를 그린 뒤 위에서 그 숫자를 누르세요."}
	txtDrop    = i18n.Text{En: "Or drop a weights file anywhere on the page.", Ko: "가중치 파일을 페이지에 끌어다 놓아도 됩니다."}
	txtWeights = [4]i18n.Text{
		{En: "Weights: the shipped ones", Ko: "가중치: 기본값"},
		{En: "Weights: fine-tuned %d× on your drawings", Ko: "가중치: 내 그림으로 %d번 " + i18n.FineTuning.In(i18n.Ko) + "함"},
		{En: "Weights: from the file %s", Ko: "가중치: 파일 %s에서 불러옴"},
		{En: "Weights: trained in the training view", Ko: "가중치: 학습 화면에서 학습함"},
	}
	txtMeta = [4]string{
		"LeNet-5 weights saved by the demo: the shipped weights.\n",
		"LeNet-5 weights saved by the demo: fine-tuned %d times on the student's drawings.\n",
		"LeNet-5 weights saved by the demo, as loaded from %s:\n",
		"LeNet-5 weights saved by the demo: trained in the page's training view.\n",
	}
)

// The messages, txtMsg[Panel.msg] formatted with Panel.args.
const (
	mNone = iota
	mLoading
	mKept
	mCleared
	mRemoved
	mShipped
	mSaved
	mTuning
	mTuned
	mTuneFailed
	mNoStorage
	mBadStorage
	mNotLoaded
	mNotWeights
	mLoaded
	mError
)

var txtMsg = [...]i18n.Text{
	mNone:    {},
	mLoading: {En: "Loading the weights %s…", Ko: "가중치 %s 불러오는 중…"},
	mKept:    {En: "Kept as a %d (%d of %d), in this browser only.", Ko: "%d(으)로 보관했습니다 (%d/%d개). 이 브라우저에만 저장됩니다."},
	mCleared: {En: "Every kept drawing was removed from this browser.", Ko: "보관한 그림을 이 브라우저에서 모두 지웠습니다."},
	mRemoved: {En: "Removed.", Ko: "지웠습니다."},
	mShipped: {En: "Back to the shipped weights.", Ko: "기본 가중치로 돌아왔습니다."},
	mSaved:   {En: "Saved as %s (%d bytes).", Ko: "%s(으)로 저장했습니다 (%d바이트)."},
	mTuning: {En: "Fine-tuning on your drawings mixed with training digits… (the first time, the page downloads the digits and the trainer, about 2.6 MB)",
		Ko: "그린 숫자를 학습 숫자와 섞어 " + i18n.FineTuning.In(i18n.Ko) + " 중… (처음에는 숫자 묶음과 학습기를 내려받습니다, 약 2.6 MB)"},
	mTuned: {En: "Read right: %d of %d before, %d of %d after. Test digits: %.2f %% before, %.2f %% after (%d digits). %d steps, %.1f s.",
		Ko: "맞게 읽은 그림: 전 %d/%d개, 후 %d/%d개. 테스트 숫자: 전 %.2f %%, 후 %.2f %% (%d개). %d단계, %.1f초."},
	mTuneFailed: {En: "Fine-tuning failed: %s", Ko: i18n.FineTuning.In(i18n.Ko) + " 실패: %s"},
	mNoStorage: {En: "This browser keeps nothing for the page (%s): kept drawings last until the page closes.",
		Ko: "이 브라우저는 페이지의 데이터를 저장하지 않습니다 (%s): 보관한 그림은 페이지를 닫을 때까지만 남습니다."},
	mBadStorage: {En: "What this browser stored for the page is not kept drawings: it was ignored.", Ko: "이 브라우저에 저장된 내용은 보관한 그림이 아니어서 무시했습니다."},
	mNotLoaded:  {En: "The weights were not loaded: %s", Ko: "가중치를 불러오지 못했습니다: %s"},
	mNotWeights: {En: "%s is not a LeNet-5 weights file: %s", Ko: "%s은(는) LeNet-5 가중치 파일이 아닙니다: %s"},
	mLoaded:     {En: "Loaded %s. %s", Ko: "%s을(를) 불러왔습니다. %s"},
	mError:      {En: "The browser did not do it: %s", Ko: "브라우저가 처리하지 못했습니다: %s"},
}
