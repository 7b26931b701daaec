// Package app hosts the views: it picks the view from the page's URL
// (?view=…, the demo by default) and the language (?lang=ko|en, else the
// browser's), draws the header (title, language switch, back to the demo),
// lays the view out when the screen changes, and routes the page's
// commands. It knows nothing of Ebiten or the browser: the glue in
// wasm/demo feeds it input and a Canvas.
package app

import (
	"fmt"
	"math"
	"net/url"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/netview"
	"github.com/seecnn/lenet/wasm/ui"
)

// App is the running program.
type App struct {
	Ctx     *ui.Context
	views   map[string]ui.View
	cur     ui.View
	notice  string // shown in the header, e.g. an unknown view name
	langBtn ui.Button
	backBtn ui.Button
	header  ui.Rect
	body    ui.Rect
	sized   bool
	dpr     float64
}

// New starts the program for a page with the given URL parameters and
// browser language (navigator.language).
func New(params url.Values, browserLang string, net *lenet.Net) *App {
	lang, ok := i18n.ParseLang(params.Get("lang"))
	if !ok {
		lang, _ = i18n.ParseLang(browserLang)
	}
	ctx := &ui.Context{Lang: lang, Scale: 1, Theme: &ui.Light, Params: params, Shared: &ui.Shared{Net: net}}
	a := &App{Ctx: ctx, views: map[string]ui.View{}}
	name := params.Get("view")
	if name == "" {
		name = netview.Name
	}
	if !a.show(name) {
		a.notice = lang.Pick(fmt.Sprintf("no view %q", name), fmt.Sprintf("%q 보기가 없습니다", name))
		a.show(netview.Name)
	}
	return a
}

func (a *App) show(name string) bool {
	v, ok := a.views[name]
	if !ok {
		v, ok = ui.NewView(name, a.Ctx)
		if !ok {
			return false
		}
		a.views[name] = v
	}
	a.cur = v
	a.Ctx.Focus.Clear()
	a.layout()
	return true
}

// View is the current view.
func (a *App) View() ui.View { return a.cur }

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
	// On a large screen (a projector) everything grows, up to 1.6 times,
	// so the back row can read it.
	zoom := math.Max(1, math.Min(1.6, math.Min(w/scale/1280, h/scale/800)))
	a.Ctx.Scale = scale * zoom
	a.layout()
}

func (a *App) layout() {
	if !a.sized {
		return
	}
	ctx := a.Ctx
	hh := math.Round(ctx.Px(40))
	a.header, a.body = ctx.Screen.CutTop(hh)
	bw := math.Round(ctx.Px(86))
	gap := math.Round(ctx.Px(8))
	a.langBtn.Rect = ui.R(a.header.Right()-bw-gap, a.header.Y+gap/1.5, bw, hh-gap*1.3).Round()
	a.backBtn.Rect = ui.R(a.langBtn.Rect.X-math.Round(ctx.Px(120))-gap, a.langBtn.Rect.Y, math.Round(ctx.Px(120)), a.langBtn.Rect.H).Round()
	a.cur.Layout(ctx, a.body)
}

// Update runs one frame and returns the text for the page's status
// element when it changes.
func (a *App) Update(in *ui.Input) (status string, changed bool) {
	ctx := a.Ctx
	ctx.Frame++
	ctx.Focus.Begin(in)
	a.langBtn.Label = txtLanguage.In(ctx.Lang)
	if a.langBtn.Update(ctx, in) {
		ctx.ToggleLang()
	}
	if a.cur.Name() != netview.Name {
		a.backBtn.Label = "← " + txtBack.In(ctx.Lang)
		if a.backBtn.Update(ctx, in) {
			ctx.SwitchTo(netview.Name)
		}
	}
	a.cur.Update(ctx, in)
	view, sw, flip, ann, has := ctx.TakeRequests()
	if flip {
		a.SetLang(ctx.Lang.Other())
		if p := a.cur.(interface {
			Prediction() (int, [10]float32, bool)
		}); p != nil {
			if l, probs, ok := p.Prediction(); ok {
				ann, has = ui.PredictionText(ctx.Lang, l, &probs), true
			} else {
				ann, has = ui.NoPredictionText.In(ctx.Lang), true
			}
		}
	}
	if sw {
		if view == "" {
			view = netview.Name
		}
		if !a.show(view) {
			a.notice = fmt.Sprintf("no view %q", view)
		}
	}
	return ann, has
}

// SetLang switches the language and lays the view out again (strings
// change width).
func (a *App) SetLang(l i18n.Lang) {
	if !l.Valid() {
		return
	}
	a.Ctx.Lang = l
	a.layout()
}

// Draw paints the header and the view.
func (a *App) Draw(c ui.Canvas) {
	ctx := a.Ctx
	th := ctx.Theme
	c.FillRect(ctx.Screen, th.Bg)
	c.FillRect(a.header, th.Panel)
	c.Line(a.header.X, a.header.Bottom()-0.5, a.header.Right(), a.header.Bottom()-0.5, math.Max(1, math.Round(ctx.Scale)), th.Line)
	title := a.cur.Title(ctx.Lang)
	if a.notice != "" {
		title += " — " + a.notice
	}
	right := a.langBtn.Rect.X
	if a.cur.Name() != netview.Name {
		right = a.backBtn.Rect.X
	}
	st := ui.TextStyle{Size: ctx.Px(th.FontTitle), Color: th.Text, Bold: true}
	maxW := right - a.header.X - ctx.Px(20)
	if w := c.MeasureText(title, st); w > maxW && w > 0 {
		st.Size = math.Max(ctx.Px(10), st.Size*maxW/w)
	}
	c.Text(title, a.header.X+ctx.Px(12), a.header.CenterY(), st)
	a.langBtn.Label = txtLanguage.In(ctx.Lang)
	a.langBtn.Draw(ctx, c)
	if a.cur.Name() != netview.Name {
		a.backBtn.Draw(ctx, c)
	}
	a.cur.Draw(ctx, c)
}

// Command runs a page command ("clear", "undo", "sample") on the current
// view.
func (a *App) Command(name string, arg int) error {
	if name == "lang" {
		a.SetLang(i18n.Lang(arg))
		return nil
	}
	cm, ok := a.cur.(ui.Commander)
	if !ok {
		return fmt.Errorf("the %s view takes no commands", a.cur.Name())
	}
	return cm.Command(a.Ctx, name, arg)
}

// State is the snapshot the page exposes as lenetDemo.state().
func (a *App) State() *jsonw.Object {
	var o jsonw.Object
	return o.Str("view", a.cur.Name()).Str("lang", a.Ctx.Lang.Code()).Strs("views", ui.ViewNames()).Str("notice", a.notice).
		Obj("state", a.cur.State()).Float("scale", a.Ctx.Scale).Float("dpr", a.dpr).Float("width", a.Ctx.Screen.W).
		Float("height", a.Ctx.Screen.H)
}

// The header's strings.
var (
	txtLanguage = i18n.Text{En: "한국어", Ko: "English"} // the language the button switches to
	txtBack     = i18n.Text{En: "Back to the demo", Ko: "데모로 돌아가기"}
)
