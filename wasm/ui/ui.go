// Package ui is the framework of the demo's screens ("views"): the View
// interface and its registry, the Context every view receives, input,
// drawing through the Canvas interface, shared widgets (Button, Toggle,
// Stepper, Slider, NumberCell, Choice, panels and tooltips), the diverging
// colour map with its legend, and the English/Korean strings.
//
// Nothing here imports Ebiten or syscall/js, so views and widgets test
// natively: drive them with an Input (or a Tracker fed with PointerEvents)
// and draw on a Recorder.
//
// # Adding a view
//
// A view is one screen of the program, selected by the page's URL:
// app.html?view=NAME. To add one:
//
//  1. Write a type that implements View, in its own package (e.g.
//     wasm/views). Layout receives the area below the header whenever the
//     size, the device pixel ratio or the language changes; Update runs
//     once per frame with the user's input; Draw paints the area (every
//     frame, the screen is cleared to Theme.Bg before); State returns a
//     JSON-encodable snapshot that the page exposes as
//     window.lenetDemo.state() for browser tests.
//
//  2. Register a constructor from an init function:
//
//     func init() { ui.Register("conv", func(ctx *ui.Context) ui.View { return newConv(ctx) }) }
//
//  3. Import the package for its side effect in wasm/demo/main.go.
//
// Sizes: all coordinates are device pixels. Design in CSS pixels and
// convert with ctx.Px (the Theme's sizes are CSS pixels), so the view is
// crisp on high-DPI screens and usable from 320 to 1920 CSS pixels wide.
// Text: ctx.Lang.T(key) for shared terms (see i18n.go; add your own with
// AddStrings or Lang.Pick). Widgets: keep them in the view, set their Rect
// in Layout, call Update in Update (in the same order every frame: the
// order is the keyboard Tab order) and Draw in Draw. The network input the
// user drew or loaded is ctx.Shared.Input (see Shared).
package ui

import (
	"fmt"
	"math"
	"net/url"
	"sort"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
)

// View is one screen of the program.
type View interface {
	// Name is the view's URL name (?view=NAME).
	Name() string
	// Title is the view's heading in language l.
	Title(l i18n.Lang) string
	// Layout places the view's content in area (device pixels).
	Layout(ctx *Context, area Rect)
	// Update handles one frame of input.
	Update(ctx *Context, in *Input)
	// Draw paints the view.
	Draw(ctx *Context, c Canvas)
	// State is a snapshot of what the view shows, as JSON, for tests.
	State() *jsonw.Object
}

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

	next      string
	hasNext   bool
	langFlip  bool
	announce  string
	announced bool
}

// Shared is the state the views share: the drawing and the network.
type Shared struct {
	// Input is the 32×32 image (ink ≈ 1 on 0) the network saw last: the
	// user's drawing after preprocessing, or a loaded sample. HasInput is
	// false while the pad is blank. InputVersion changes with Input.
	Input        [lenet.InputLen]float32
	HasInput     bool
	InputVersion uint64
	// Net is the shipped LeNet-5.
	Net *lenet.Net
	// The demo's latest prediction: the class Label and the softmax
	// Probs, valid when HasPrediction; PredictionVersion changes with it.
	Label             int
	Probs             [lenet.NumClasses]float32
	HasPrediction     bool
	PredictionVersion uint64
}

// Commander is implemented by views that obey commands from the page's
// script (window.lenetDemo): "clear", "undo", "sample" with a sample
// number. An unknown command or a bad argument returns an error that the
// page turns into a JavaScript Error.
type Commander interface {
	Command(ctx *Context, name string, arg int) error
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

// Narrow reports whether the screen is narrower than css CSS pixels.
func (c *Context) Narrow(css float64) bool { return c.Screen.W < c.Px(css) }

// SwitchTo asks the program to show the named view after this frame
// ("" is the demo).
func (c *Context) SwitchTo(name string) { c.next, c.hasNext = name, true }

// ToggleLang asks the program to switch between English and Korean.
func (c *Context) ToggleLang() { c.langFlip = true }

// Announce sets the text of the page's status element (role="status",
// aria-live), read out by screen readers.
func (c *Context) Announce(s string) { c.announce, c.announced = s, true }

// TakeRequests returns and clears what the view asked for this frame; the
// program calls it after Update.
func (c *Context) TakeRequests() (view string, switchView, flipLang bool, announce string, hasAnnounce bool) {
	view, switchView, flipLang, announce, hasAnnounce = c.next, c.hasNext, c.langFlip, c.announce, c.announced
	c.next, c.hasNext, c.langFlip, c.announce, c.announced = "", false, false, "", false
	return
}

var registry = map[string]func(*Context) View{}

// Register adds a view constructor under its URL name. It panics if the
// name is empty or taken: two views cannot share a URL.
func Register(name string, make func(*Context) View) {
	if name == "" || make == nil {
		panic("ui: Register needs a name and a constructor")
	}
	if _, dup := registry[name]; dup {
		panic(fmt.Sprintf("ui: view %q registered twice", name))
	}
	registry[name] = make
}

// NewView builds the named view; ok is false for an unknown name.
func NewView(name string, ctx *Context) (v View, ok bool) {
	mk, ok := registry[name]
	if !ok {
		return nil, false
	}
	return mk(ctx), true
}

// ViewNames lists the registered views, sorted.
func ViewNames() []string {
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// FormatNum writes v with about three significant digits, as the demo
// shows numbers: 0.123, −1.25, 12.3, 456, 0.
func FormatNum(v float32) string {
	a := math.Abs(float64(v))
	switch {
	case v != v:
		return "NaN"
	case a == 0:
		return "0"
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 0.001:
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.1e", v)
}

// NoPredictionText is the status while the pad is blank.
var NoPredictionText = i18n.Text{En: "Draw a digit", Ko: "숫자를 그려 보세요"}

// PredictionText is the status of a prediction: "Prediction: 7 (98%)".
func PredictionText(l i18n.Lang, label int, probs *[lenet.NumClasses]float32) string {
	return fmt.Sprintf(l.Pick("Prediction: %d (%d%%)", "예측: %d (%d%%)"), label, int(math.Round(100*float64(probs[label]))))
}
