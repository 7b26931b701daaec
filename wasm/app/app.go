// Package app hosts the views. It picks the view from the page's URL
// (?view=…, the demo by default) and the language (?lang=ko|en, else the
// browser's), draws the header (the view's title, the language switch, the
// way back to the demo), lays the view out when the screen or the language
// changes, and routes the page's commands.
//
// It is also the one owner of what the page is told: every frame's Update
// returns a Page with whatever changed — the status line, a new
// prediction, the language, the view (for the page's address), where the
// drawing pad is. The status text of a prediction, "Prediction: 7 (98%)",
// is written here and nowhere else.
//
// Views switch inside the page (the header's way back, the page's
// lenetDemo.show); on large screens, with ?present=1 or the F key, the
// projector layout (present.go) makes every text at least 24 CSS pixels.
//
// It knows nothing of Ebiten or the browser: wasm/web feeds it input and a
// Canvas and hands each Page to the page's script.
package app

import (
	"fmt"
	"math"
	"net/url"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/netview"
	"github.com/seecnn/lenet/wasm/pagelink"
	"github.com/seecnn/lenet/wasm/ui"
)

// DefaultView is the view shown without ?view=, and the one the header's
// back button returns to.
const DefaultView = netview.Name

//go:generate go run gen_params.go

// Params are the URL parameters every view takes: the view and the
// language. Each view's own are in its ui.Spec.
func Params() []ui.Param {
	var views []ui.Option
	for _, s := range ui.Specs() {
		o := ui.Option{Value: s.Name, Meaning: s.Title}
		if s.Name == netview.Name {
			o.Aliases = []string{"demo"} // its name until the program and the view had one name
		}
		views = append(views, o)
	}
	return []ui.Param{
		{Name: "view", Options: views, Default: DefaultView,
			Meaning: i18n.Text{En: "the view to open", Ko: "열 화면"}},
		{Name: "lang", DefaultMeaning: i18n.Text{En: "the browser's language", Ko: "브라우저의 언어"},
			Meaning: i18n.Text{En: "the language (a tag such as ko-KR counts as ko)", Ko: "언어 (ko-KR 같은 태그는 ko로 읽음)"},
			Options: []ui.Option{{Value: "en", Meaning: i18n.Text{En: "English", Ko: "영어"}}, {Value: "ko", Meaning: i18n.Text{En: "Korean", Ko: "한국어"}}},
			Match: func(raw string) (string, bool) {
				l, ok := i18n.ParseLang(raw)
				return l.Code(), ok
			}},
		{Name: "origin", Kind: ui.ParamOrigin,
			Meaning: i18n.Text{
				En: "the course page's origin: the frame takes messages only from it and sends its events only to it",
				Ko: "강의 페이지의 출처(origin): 이 출처에서 온 메시지만 받고, 이벤트도 이 출처로만 보냄"},
			DefaultMeaning: i18n.Text{
				En: "messages from the parent page of any origin; events to the parent, whatever its origin",
				Ko: "어떤 출처의 부모 페이지든 메시지를 받고, 이벤트도 부모 페이지로 보냄"}},
		presentParam,
	}
}

// ParamsJSON is the table of the URL parameters of app.html: the common
// ones and every registered view's, as site/url-params.json holds it.
func ParamsJSON() []byte { return ui.ParamsJSON(Params(), DefaultView) }

// App is the running program.
type App struct {
	Ctx     *ui.Context
	views   map[string]ui.View
	cur     ui.View
	spec    ui.Spec
	notice  i18n.Text // shown in the header, e.g. an unknown view name
	langBtn ui.Button
	backBtn ui.Button
	header  ui.Rect
	title   ui.Rect // where the header's title goes
	body    ui.Rect
	sized   bool
	dpr     float64

	present   presentMode
	projector ui.Theme // the theme of the projector layout, for the current zoom

	page      Page    // what the page has not been told yet
	published uint64  // the current Predictor's prediction version the page has
	announced uint64  // … and the version the status line says
	pad       ui.Rect // the pad's place the page has
	height    float64 // the natural height the page has
}

// Page is what the page must learn after a frame. Each part is set only
// when it changed.
type Page struct {
	// Status is the new text of the role="status" element.
	Status    string
	HasStatus bool
	// Prediction is a new prediction to publish (lenetDemo.prediction()
	// and a message to the parent frame); not OK: the pad is blank.
	Prediction    ui.Prediction
	HasPrediction bool
	// Lang is the interface's language, for the page's own text.
	Lang    i18n.Lang
	HasLang bool
	// Pad is where the drawing pad is, in device pixels; empty when the
	// view has none.
	Pad    ui.Rect
	HasPad bool
	// Height is the height the content wants at the screen's width, in
	// CSS pixels (a host page may size the frame to it).
	Height    float64
	HasHeight bool
	// Requests are what the views asked of the page's services this
	// frame (ctx.Shared.Link): the training workers, files, storage.
	Requests []pagelink.Request
	// View is the name of the view now shown, for the page's address
	// (?view=…): a switch the user made adds a history entry, so the
	// browser's Back returns to the view before.
	View    string
	HasView bool
	// Files are the files the view asked to save (ui.Context.Save), and
	// SaveView asks for the whole screen as a PNG at twice the CSS
	// resolution (ui.Context.SaveView).
	Files    []ui.File
	SaveView bool
	// Again asks for another frame: the view has work to finish.
	Again bool
}

// New starts the program for a page with the given URL parameters and
// browser language (navigator.language); text measures strings as the
// canvas draws them (nil: ui.ApproxText). What the page must know before
// the first frame (the language, a prediction of a sample given in the
// URL) is in TakePage.
func New(params url.Values, browserLang string, net *lenet.Net, text ui.TextMeasurer) *App {
	pv := ui.ParseParams(params, Params())
	lang, _ := i18n.ParseLang(browserLang)
	if code, ok := pv.Choice("lang"); ok {
		lang, _ = i18n.ParseLang(code)
	}
	ctx := &ui.Context{Lang: lang, Scale: 1, Theme: &ui.Light, Params: params, Shared: &ui.Shared{Net: net, Link: new(pagelink.Link)}, Text: text}
	a := &App{Ctx: ctx, views: map[string]ui.View{}}
	a.page.Lang, a.page.HasLang = lang, true
	switch p, _ := pv.Choice("present"); p {
	case "1":
		a.present = presentOn
	case "0":
		a.present = presentOff
	}
	name, ok := pv.Choice("view")
	if !ok {
		name = DefaultView
	}
	a.show(name)
	// A value the view cannot take is named in the header like a view
	// that does not exist ("layer=C9 (one of C1, …)"), whichever
	// parameter it is.
	a.notice = ui.ParseParams(params, append(Params(), a.spec.Params...)).Notice()
	if p, ok := a.cur.(ui.Predictor); ok {
		// A sample given in the URL is predicted before the graphics start.
		if pr := p.Prediction(); pr.OK {
			a.page.Prediction, a.page.HasPrediction = pr, true
			a.status(predictionText(lang, pr))
		}
	}
	a.notePad()
	return a
}

func noView(name string) i18n.Text {
	return i18n.Text{En: fmt.Sprintf("no view %q", name), Ko: fmt.Sprintf("%q 보기가 없습니다", name)}
}

// show makes the named view current, building it the first time.
func (a *App) show(name string) bool {
	spec, ok := ui.Lookup(name)
	if !ok {
		return false
	}
	v, ok := a.views[name]
	if !ok {
		v = spec.New(a.Ctx)
		a.views[name] = v
	}
	a.cur, a.spec = v, spec
	a.page.View, a.page.HasView = name, true
	a.Ctx.Focus.Clear()
	if p, ok := v.(ui.Predictor); ok {
		pr := p.Prediction()
		a.published, a.announced = pr.Version, pr.Version
	}
	if a.sized {
		a.rescale() // the projector layout zooms views without one of their own
	} else {
		a.layout()
	}
	return true
}

// Show switches to the named view ("" or an alias such as "demo" too),
// as the header's menu does: the page's script calls it for its own links
// and for the browser's Back button.
func (a *App) Show(name string) error {
	if name == "" {
		name = DefaultView
	}
	if name == "demo" {
		name = DefaultView // the network view's name before it had one
	}
	if !a.show(name) {
		if r := []rune(name); len(r) > ui.MaxParamLen {
			name = string(r[:ui.MaxParamLen]) + "…"
		}
		return fmt.Errorf("no view %q; the views are %v", name, ui.ViewNames())
	}
	a.notice = i18n.Text{}
	a.announceView()
	return nil
}

// SetTouch says whether the screen is a touch screen (the browser reports
// no hovering pointer); the first pointer event after it decides anew.
func (a *App) SetTouch(on bool) {
	if a.Ctx.Touch != on {
		a.Ctx.Touch = on
		a.layout()
	}
}

// View is the current view; ViewName its URL name.
func (a *App) View() ui.View    { return a.cur }
func (a *App) ViewName() string { return a.spec.Name }

// Resize tells the app the screen's size in device pixels and the device
// pixel ratio.
func (a *App) Resize(w, h, scale float64) {
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 1
	}
	if a.sized && a.Ctx.Screen.W == w && a.Ctx.Screen.H == h && a.dpr == scale {
		return
	}
	a.dpr = scale
	a.sized = true
	a.Ctx.Screen = ui.R(0, 0, w, h)
	a.rescale()
}

// hasBack reports whether the header offers the way back to the default
// view.
func (a *App) hasBack() bool { return a.spec.Name != DefaultView }

// layout places the header — the title, then from the right the language
// switch and the way back — and lays the view out below.
// A button is as wide as its label; on a narrow screen the way back is
// only an arrow.
func (a *App) layout() {
	ctx := a.Ctx
	th := ctx.Theme
	a.langBtn.Label = txtLanguage.In(ctx.Lang)
	a.backBtn.Label = "← " + txtBack.In(ctx.Lang)
	if !a.sized {
		return
	}
	hh := math.Round(math.Max(ctx.Px(40), ctx.Px(th.FontTitle)*1.7))
	a.header, a.body = ctx.Screen.CutTop(hh)
	gap := math.Round(ctx.Px(8))
	bh := math.Round(hh - gap*1.3)
	st := ui.TextStyle{Size: ctx.Px(th.FontBody)}
	width := func(label string) float64 { return math.Round(ctx.MeasureText(label, st) + ctx.Px(20)) }
	if a.hasBack() && ctx.Screen.W < ctx.Px(600) {
		a.backBtn.Label = "←"
	}
	x := a.header.Right() - gap
	place := func(b *ui.Button) {
		w := width(b.Label)
		x -= w
		b.Rect = ui.R(x, a.header.Y+math.Round((hh-bh)/2), w, bh).Round()
		x -= gap
	}
	place(&a.langBtn)
	if a.hasBack() {
		place(&a.backBtn)
	}
	a.title = ui.R(a.header.X+ctx.Px(12), a.header.Y, math.Max(0, x-a.header.X-ctx.Px(12)), hh)
	a.cur.Layout(ctx, a.body)
	a.notePad()
	a.noteHeight()
}

// Update runs one frame and returns what the page must learn.
func (a *App) Update(in *ui.Input) Page {
	ctx := a.Ctx
	ctx.Frame++
	if len(in.Events) > 0 {
		// The last pointer says whether this is a touch screen: a finger or
		// a pen has no keyboard at hand, a mouse has.
		if touch := in.Events[len(in.Events)-1].Type != ui.Mouse; touch != ctx.Touch {
			a.SetTouch(touch)
		}
	}
	if in.Key("KeyF") && !in.Ctrl {
		a.TogglePresent()
	}
	ctx.Focus.Begin(in)
	if a.langBtn.Update(ctx, in) {
		ctx.ToggleLang()
	}
	if a.hasBack() && a.backBtn.Update(ctx, in) {
		ctx.SwitchTo(DefaultView)
	}
	a.cur.Update(ctx, in)
	req := ctx.TakeRequests()
	if req.HasAnnounce {
		a.status(req.Announce)
	}
	a.page.Files = append(a.page.Files, req.Files...)
	a.page.SaveView = a.page.SaveView || req.SaveView
	a.page.Again = a.page.Again || req.Again
	if p, ok := a.cur.(ui.Predictor); ok {
		pr := p.Prediction()
		if pr.Version != a.published {
			a.published = pr.Version
			a.page.Prediction, a.page.HasPrediction = pr, true
		}
		if pr.Settled && pr.Version != a.announced {
			a.announced = pr.Version
			a.status(predictionText(ctx.Lang, pr))
		}
	}
	if req.ToggleLang {
		a.SetLang(ctx.Lang.Other())
	}
	if req.SwitchView {
		name := req.View
		if name == "" {
			name = DefaultView
		}
		if a.show(name) {
			a.notice = i18n.Text{}
			a.announceView()
		} else {
			a.notice = noView(name)
		}
	}
	a.notePad()
	a.page.Requests = ctx.Shared.Link.TakeRequests()
	return a.TakePage()
}

// TakePage returns what the page has not been told yet and forgets it.
func (a *App) TakePage() Page {
	p := a.page
	a.page = Page{}
	return p
}

func (a *App) status(s string) { a.page.Status, a.page.HasStatus = s, true }

// announceView says in the status line what the current view shows, in
// the current language: its prediction, or its title.
func (a *App) announceView() {
	if p, ok := a.cur.(ui.Predictor); ok {
		pr := p.Prediction()
		a.announced = pr.Version
		a.status(predictionText(a.Ctx.Lang, pr))
		return
	}
	a.status(a.spec.Title.In(a.Ctx.Lang))
}

// notePad tells the page when the pad moved, appeared or went away.
func (a *App) notePad() {
	var r ui.Rect
	if p, ok := a.cur.(ui.PadOwner); ok {
		r = p.PadRect()
	}
	if r != a.pad {
		a.pad = r
		a.page.Pad, a.page.HasPad = r, true
	}
}

// SetLang switches the language, lays the view out again (strings change
// width) and says the view's state in the new language.
func (a *App) SetLang(l i18n.Lang) {
	if !l.Valid() || l == a.Ctx.Lang {
		return
	}
	a.Ctx.Lang = l
	a.page.Lang, a.page.HasLang = l, true
	a.layout()
	a.announceView()
}

// Draw paints the header and the view.
func (a *App) Draw(c ui.Canvas) {
	ctx := a.Ctx
	th := ctx.Theme
	c.FillRect(ctx.Screen, th.Bg)
	c.FillRect(a.header, th.Panel)
	c.Line(a.header.X, a.header.Bottom()-0.5, a.header.Right(), a.header.Bottom()-0.5, math.Max(1, math.Round(ctx.Scale)), th.Line)
	title := a.spec.Title.In(ctx.Lang)
	if n := a.notice.In(ctx.Lang); n != "" {
		title += " — " + n
	}
	st := ui.TextStyle{Size: ctx.Px(th.FontTitle), Color: th.Text, Bold: true}
	if w := c.MeasureText(title, st); w > a.title.W && w > 0 {
		st.Size = st.Size * a.title.W / w
	}
	if st.Size >= ctx.Px(9) {
		c.Text(title, a.title.X, a.title.CenterY(), st)
	}
	a.langBtn.Draw(ctx, c)
	if a.hasBack() {
		a.backBtn.Draw(ctx, c)
	}
	a.cur.Draw(ctx, c)
}

// Command runs a page command: "lang" with 0 (English) or 1 (Korean), or
// one the current view obeys (ui.Commander: "clear", "undo", "sample").
func (a *App) Command(name string, arg int) error {
	if name == "lang" {
		l := i18n.Lang(arg)
		if arg < 0 || !l.Valid() {
			return fmt.Errorf("lang needs 0 (English) or 1 (Korean), got %d", arg)
		}
		a.SetLang(l)
		return nil
	}
	cm, ok := a.cur.(ui.Commander)
	if !ok {
		return fmt.Errorf("the %s view takes no commands", a.spec.Name)
	}
	return cm.Command(a.Ctx, name, arg)
}

// Explain is lenetDemo.explain: the current view's map of the evidence
// for class target (-1: its prediction) by method (ui.Explainer).
func (a *App) Explain(method string, target int) (w, h int, data []float32, err error) {
	e, ok := a.cur.(ui.Explainer)
	if !ok {
		return 0, 0, nil, fmt.Errorf("explain: the %s view explains no prediction; the network view does (lenetDemo.show(\"net\"))", a.spec.Name)
	}
	return e.Explain(a.Ctx, method, target)
}

// ExportPicture is lenetDemo.exportPNG for a layer: the current view's
// picture of it (ui.Exporter).
func (a *App) ExportPicture(layer string) (ui.File, error) {
	e, ok := a.cur.(ui.Exporter)
	if !ok {
		return ui.File{}, fmt.Errorf("exportPNG: the %s view has no layers to export; the network view does (lenetDemo.show(\"net\")), and \"view\" is the whole screen", a.spec.Name)
	}
	return e.ExportPicture(a.Ctx, layer)
}

// State is the snapshot the page exposes as lenetDemo.state().
func (a *App) State() *jsonw.Object {
	var o jsonw.Object
	return o.Str("view", a.spec.Name).Str("lang", a.Ctx.Lang.Code()).Strs("views", ui.ViewNames()).
		Str("notice", a.notice.In(a.Ctx.Lang)).Obj("state", a.cur.State()).Float("scale", a.Ctx.Scale).
		Float("dpr", a.dpr).Float("width", a.Ctx.Screen.W).Float("height", a.Ctx.Screen.H).
		Bool("present", a.Ctx.Present).Bool("touch", a.Ctx.Touch).Floats("fonts", a.fonts()).
		Obj("header", a.headerState()).Obj("text", a.textState())
}

// fonts are the theme's small, body, title and big sizes in CSS pixels.
func (a *App) fonts() []float64 {
	th, k := a.Ctx.Theme, a.Ctx.Scale/max(a.dpr, 1e-9)
	return []float64{th.FontSmall * k, th.FontBody * k, th.FontTitle * k, th.FontBig * k}
}

// headerState is where the header's controls are, [x, y, w, h] in device
// pixels, for tests that click them.
func (a *App) headerState() *jsonw.Object {
	var o jsonw.Object
	r := a.langBtn.Rect
	o.Floats("lang", []float64{r.X, r.Y, r.W, r.H})
	if a.hasBack() {
		r = a.backBtn.Rect
		o.Floats("back", []float64{r.X, r.Y, r.W, r.H})
	}
	return &o
}

// predictionText is the status line of a prediction, "Prediction: 7
// (98%)", or "Draw a digit" while there is none.
func predictionText(l i18n.Lang, p ui.Prediction) string {
	if !p.OK || p.Label < 0 || p.Label >= len(p.Probs) {
		return txtNoPrediction.In(l)
	}
	return fmt.Sprintf(txtPrediction.In(l), p.Label, int(math.Round(100*float64(p.Probs[p.Label]))))
}

// The header's and the status line's strings.
var (
	txtLanguage     = i18n.Text{En: "한국어", Ko: "English"} // the language the button switches to
	txtBack         = i18n.Text{En: "Back to the demo", Ko: "데모로 돌아가기"}
	txtPrediction   = i18n.Text{En: "Prediction: %d (%d%%)", Ko: "예측: %d (%d%%)"}
	txtNoPrediction = i18n.Text{En: "Draw a digit", Ko: "숫자를 그려 보세요"}
)
