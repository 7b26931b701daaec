// Package ui is the framework of the demo's screens ("views"): the View
// contract, its optional parts and the registry, the URL parameter
// tables, the Context every view receives, input, drawing through the
// Canvas interface, shared widgets (Button, Toggle, Stepper, Slider,
// NumberCell, Choice, panels and tooltips) and the diverging colour map
// with its legend.
//
// Nothing here imports Ebiten or syscall/js, so views and widgets test
// natively: drive them with an Input (or a Tracker fed with PointerEvents)
// and draw on a Recorder.
//
// # Where things belong
//
//   - A view (a screen, app.html?view=NAME): a type that implements View,
//     in its own package, registered with a Spec; see "Adding a view".
//     The lecture views are in wasm/views, with their state and
//     arithmetic in wasm/lecture; the network view is wasm/netview.
//   - A URL parameter: a Param in the view's Spec.Params (the view and the
//     language, common to all, are wasm/app's Params); the view reads it
//     with ParseParams. go generate ./wasm/app rewrites the table pages
//     and documents read, site/url-params.json.
//   - A layer picture in the network view: LeNet-5's layers are
//     lenet.LayerIDs (cnn/lenet/layers.go); where the view draws each is a
//     row of the pictures table in wasm/netview/layout.go.
//   - A string: English and Korean, an i18n.Text (or lang.Pick inline)
//     beside the code that shows it. A term of the lecture (컨볼루션, 보폭,
//     특징 맵 …): a Term of the glossary, wasm/i18n/glossary.go, spelled as
//     the lecture spells it, shown with i18n.Stride.In(lang).
//   - Whatever the page must learn — the status line, a prediction, the
//     language, the pad's place — leaves through wasm/app (its Page): a
//     view asks with ctx.Announce, or implements Predictor or PadOwner.
//   - Ebiten and the browser: wasm/web only.
//
// # Adding a view
//
//  1. Write a type that implements View (view.go), in its own package.
//     Layout receives the area below the header whenever the size, the
//     device pixel ratio or the language changes, and can measure text
//     (ctx.MeasureText); Update runs once per frame with the user's input;
//     Draw paints the area from the view's state and changes nothing
//     (every frame the screen is cleared to Theme.Bg before); State
//     returns the snapshot the page exposes as window.lenetDemo.state().
//
//  2. Implement the optional contracts that apply: Predictor (the view
//     classifies a drawing; the program publishes and announces it),
//     PadOwner, InferenceTimer, Commander. The program checks each with
//     the two-value type assertion.
//
//  3. Declare the view's URL parameters as Params and register a Spec
//     from an init function:
//
//     func init() { ui.Register(ui.Spec{Name: "conv", Title: title, Params: params, New: newConv}) }
//
//  4. Import the package for its side effect in wasm/demo/main.go (and in
//     wasm/app's tests and generator, which list every view), then run go
//     generate ./wasm/app.
//
// The tests in wasm/app then open the view in both languages at several
// sizes, use every header control on it, check that Draw changes nothing,
// and hold its parameter table to what it does.
//
// Sizes: all coordinates are device pixels. Design in CSS pixels and
// convert with ctx.Px (the Theme's sizes are CSS pixels), so the view is
// crisp on high-DPI screens and usable from 320 to 1920 CSS pixels wide.
// Widgets: keep them in the view, set their Rect in Layout, call Update in
// Update (in the same order every frame: the order is the keyboard Tab
// order) and Draw in Draw. The network input the user drew or loaded is
// ctx.Shared.Input (see Shared).
package ui

import (
	"math"
	"net/url"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/pagelink"
)

// Context is what every view may read and the few things it may ask for.
type Context struct {
	Lang   i18n.Lang
	Scale  float64 // device pixels per CSS pixel (more on a large screen: a projector zooms in)
	Theme  *Theme
	Screen Rect       // the whole canvas, device pixels
	Params url.Values // the page's URL parameters
	Shared *Shared
	Focus  Focus // keyboard focus among the widgets of the current view
	Frame  uint64
	// Text measures strings as the canvas will draw them (nil: ApproxText),
	// so that Layout can place what depends on a string's width.
	Text TextMeasurer
	// Touch is true on a touch screen (the browser reports no hovering
	// pointer, or a finger touched the canvas): views leave out keyboard
	// hints and hover help.
	Touch bool
	// Present is true in the projector layout: a theme whose text is at
	// least 24 CSS pixels, and views laid out for the back of a room.
	Present bool

	req Requests
}

// Shared is the state the views share: the drawing and the network.
type Shared struct {
	// Input is the 32×32 image (ink ≈ 1 on 0) the network saw last: the
	// user's drawing after preprocessing, or a loaded sample. HasInput is
	// false while the pad is blank. InputVersion changes with Input.
	Input        [lenet.InputLen]float32
	HasInput     bool
	InputVersion uint64
	// Net is the LeNet-5 the views run: the shipped one, unless the
	// student loaded or fine-tuned other weights. It is replaced, never
	// changed in place (the shipped network is shared), and whoever
	// replaces it increments NetVersion.
	Net        *lenet.Net
	NetVersion uint64
	// Link carries requests to the page's services (the training
	// workers, files, storage) and brings their answers back; nil where
	// there is no page (a view inside another view).
	Link *pagelink.Link
}

// Requests are what a view asked the program for during a frame.
type Requests struct {
	SwitchView  bool   // show the view named View ("" is the default view)
	View        string //
	ToggleLang  bool   // switch between English and Korean
	Announce    string // the status line's new text, when HasAnnounce
	HasAnnounce bool
	Files       []File // files to save (Save)
	SaveView    bool   // save the screen as a PNG (SaveView)
	Again       bool   // run another frame (Again)
}

// MeasureText returns the width of s as the canvas will draw it: ctx is a
// TextMeasurer, for WrapText and FitText in Layout.
func (c *Context) MeasureText(s string, st TextStyle) float64 {
	if c.Text == nil {
		return ApproxText{}.MeasureText(s, st)
	}
	return c.Text.MeasureText(s, st)
}

// Px converts CSS pixels to device pixels.
func (c *Context) Px(css float64) float64 { return css * c.Scale }

// PxRound converts CSS pixels to whole device pixels (at least 1 for a
// positive size).
func (c *Context) PxRound(css float64) float64 {
	v := math.Round(css * c.Scale)
	if v < 1 && css > 0 {
		v = 1
	}
	return v
}

// MinText is the smallest text a view may draw, in device pixels: 10 CSS
// pixels, or the theme's small size in the projector layout. A number
// that would be smaller is left out rather than drawn illegibly.
func (c *Context) MinText() float64 {
	if c.Present {
		return c.Px(c.Theme.FontSmall)
	}
	return c.Px(10)
}

// Narrow reports whether the screen is narrower than css CSS pixels.
func (c *Context) Narrow(css float64) bool { return c.Screen.W < c.Px(css) }

// SwitchTo asks the program to show the named view after this frame
// ("" is the default view).
func (c *Context) SwitchTo(name string) { c.req.View, c.req.SwitchView = name, true }

// ToggleLang asks the program to switch between English and Korean.
func (c *Context) ToggleLang() { c.req.ToggleLang = true }

// Announce sets the text of the page's status element (role="status",
// aria-live), read out by screen readers. A view announces what changed
// in it (an output size, a verdict); a prediction is announced by the
// program (see Predictor).
func (c *Context) Announce(s string) { c.req.Announce, c.req.HasAnnounce = s, true }

// TakeRequests returns and clears what the view asked for this frame; the
// program calls it after Update.
func (c *Context) TakeRequests() Requests {
	r := c.req
	c.req = Requests{}
	return r
}

// FormatNum writes v as the programs show every number, in sentences and
// grids alike: i18n.Num (0.31, -1.25, 12.3, 457, ≈0).
func FormatNum(v float32) string { return i18n.Num(v) }
