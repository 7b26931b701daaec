package ui

import (
	"fmt"
	"sort"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
)

// View is one screen of the program. Every view has these four methods;
// what else it can do it says by implementing the optional contracts
// below (Predictor, PadOwner, InferenceTimer, Commander), which the
// program checks with the two-value type assertion, v, ok := view.(ui.X).
type View interface {
	// Layout places the view's content in area (device pixels). It runs
	// when the view opens and whenever the size, the device pixel ratio
	// or the language changes; ctx measures text (ctx.MeasureText), so
	// everything whose place depends on a string's width is decided here.
	Layout(ctx *Context, area Rect)
	// Update handles one frame: the user's input, the page's commands'
	// effects, whatever changed since the last frame.
	Update(ctx *Context, in *Input)
	// Draw paints the view from its state and changes nothing: calling
	// it twice draws the same and leaves State the same.
	Draw(ctx *Context, c Canvas)
	// State is a snapshot of what the view shows, as JSON, which the
	// page exposes as lenetDemo.state().state for tests.
	State() *jsonw.Object
}

// Spec is what a view registers: its URL name (app.html?view=NAME), its
// title (the header shows it), the URL parameters it reads (see Param)
// and its constructor. Name, Title and Params are data: the table of URL
// parameters is made from them without building a view.
type Spec struct {
	Name   string
	Title  i18n.Text
	Params []Param
	New    func(ctx *Context) View
}

// Predictor is a view that classifies a drawing. The program publishes
// each new prediction to the page (lenetDemo.prediction(), a message to
// the parent frame) and announces it in the status line once it is
// settled; the view never builds that text itself.
type Predictor interface {
	Prediction() Prediction
}

// Prediction is a Predictor's latest result.
type Prediction struct {
	// OK is false while there is nothing to classify (a blank pad);
	// Label and Probs (the softmax, summing to 1) are then meaningless.
	OK    bool
	Label int
	Probs [lenet.NumClasses]float32
	// Version changes whenever the prediction does (blank included).
	Version uint64
	// Settled is false while the user is in the middle of a stroke: the
	// prediction is published on every change but announced only when
	// settled.
	Settled bool
}

// PadOwner is a view with a drawing pad; PadRect is where it is, in
// device pixels (the page exposes it as lenetDemo.padRect()).
type PadOwner interface {
	PadRect() Rect
}

// InferenceTimer is a view that runs the network and reports how many
// inferences it ran and how long the last one took (for
// lenetDemo.timings()).
type InferenceTimer interface {
	InferenceTiming() (count int, last time.Duration)
}

// Commander is a view that obeys commands from the page's script
// (window.lenetDemo): "clear", "undo", "sample" with a sample number,
// "bench" with a count. An unknown command or a bad argument returns an
// error that the page turns into a JavaScript Error.
type Commander interface {
	Command(ctx *Context, name string, arg int) error
}

// ImageTaker is a view that takes a picture from the page's script
// (lenetDemo.image, the host page's lenet:image message): w×h grey bytes,
// rows top to bottom, 0 black to 255 white, either polarity, which the
// view reads through the same canvas preprocessing as a drawing. The
// program checks the size against MaxImageSide and MaxImagePixels before
// the view sees it; a picture the view cannot use (a blank one) is an
// error.
type ImageTaker interface {
	TakeImage(ctx *Context, w, h int, gray []uint8) error
}

// The largest picture the page may hand a view: a side, and all the
// pixels (what the program keeps for it, four bytes a pixel).
const (
	MaxImageSide   = 4096
	MaxImagePixels = 1 << 20
)

// ParamSetter is a view that changes one of its URL parameters while it
// runs (lenetDemo.set, the host page's lenet:set message), as if the
// address had said so from the start. The program has checked value with
// the parameter's Parse: it is canonical.
type ParamSetter interface {
	SetParam(ctx *Context, name, value string) error
}

// Sizer is a view that knows the height its content wants at a width (both
// in device pixels), for a host page that sizes its frame to the content
// (the lenet:resize message). A view without it gets the program's
// default, which suits a view that fills whatever area it has.
type Sizer interface {
	NaturalHeight(ctx *Context, width float64) float64
}

// Projector is a view with a projector layout of its own (see
// Context.Present): it gets the larger text of Theme.Projector at the
// screen's usual zoom and arranges itself for it. A view without one is
// zoomed as a whole in the projector layout, until its smallest text
// (Theme.FontSmall) is ProjectorSmall CSS pixels.
type Projector interface {
	ProjectorLayout()
}

var registry = map[string]Spec{}

// Register adds a view. It panics if the name is empty or taken (two
// views cannot share a URL), or if there is no constructor or title. (The
// parameters are checked by the tests, with CheckParams, rather than in
// the program: the check would cost the download more than it saves.)
func Register(s Spec) {
	if s.Name == "" || s.New == nil || s.Title.En == "" || s.Title.Ko == "" {
		panic("ui: Register needs a name, a title in both languages and a constructor")
	}
	if _, dup := registry[s.Name]; dup {
		panic(fmt.Sprintf("ui: view %q registered twice", s.Name))
	}
	registry[s.Name] = s
}

// Lookup returns the view registered under name.
func Lookup(name string) (Spec, bool) {
	s, ok := registry[name]
	return s, ok
}

// Specs lists the registered views, sorted by name.
func Specs() []Spec {
	out := make([]Spec, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ViewNames lists the registered views' names, sorted.
func ViewNames() []string {
	specs := Specs()
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.Name
	}
	return out
}
