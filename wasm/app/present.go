package app

import (
	"image"
	"image/color"
	"math"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// The projector layout: text of at least ui.ProjectorSmall CSS pixels
// (24) and views laid out for the back of a room. It is chosen by
// ?present=1, by the F key, and by itself on a screen of at least
// presentW×presentH CSS pixels (a projector or a large monitor);
// ?present=0 turns it off.
const (
	presentW = 1600
	presentH = 900
)

// presentParam is the URL parameter of the projector layout.
var presentParam = ui.Param{Name: "present",
	Meaning: i18n.Text{
		En: "the projector layout: text of at least 24 CSS pixels, maps as large as the screen allows (the F key switches it)",
		Ko: "프로젝터 화면: 글자는 CSS 24픽셀 이상, 맵은 화면이 허락하는 만큼 크게 (F 키로 켜고 끔)"},
	Options: []ui.Option{
		{Value: "1", Aliases: []string{"on", "true", "yes"}, Meaning: i18n.Text{En: "always", Ko: "항상"}},
		{Value: "0", Aliases: []string{"off", "false", "no"}, Meaning: i18n.Text{En: "never", Ko: "쓰지 않음"}},
	},
	DefaultMeaning: i18n.Text{En: "on screens of at least 1600×900 CSS pixels", Ko: "CSS 1600×900픽셀 이상의 화면에서"},
}

// presentMode is what the page asked for.
type presentMode uint8

const (
	presentAuto presentMode = iota
	presentOn
	presentOff
)

// zoomAndPresent is the zoom of a w×h screen (device pixels, ratio dpr)
// and whether it gets the projector layout. On a large screen everything
// grows, up to 1.6 times, so the back row can read it.
func (m presentMode) zoomAndPresent(w, h, dpr float64) (zoom float64, present bool) {
	cw, ch := w/dpr, h/dpr
	zoom = math.Max(1, math.Min(1.6, math.Min(cw/1280, ch/800)))
	return zoom, m == presentOn || (m == presentAuto && cw >= presentW && ch >= presentH)
}

// TogglePresent switches the projector layout on or off (the F key).
func (a *App) TogglePresent() {
	if a.Ctx.Present {
		a.present = presentOff
	} else {
		a.present = presentOn
	}
	a.rescale()
}

// rescale sets the scale and the theme for the screen and lays out again.
func (a *App) rescale() {
	ctx := a.Ctx
	zoom, present := a.present.zoomAndPresent(ctx.Screen.W, ctx.Screen.H, a.dpr)
	ctx.Present = present
	ctx.Theme = &ui.Light
	if _, own := a.cur.(ui.Projector); present && own {
		a.projector = ui.Light.Projector(zoom)
		ctx.Theme = &a.projector
	} else if present {
		zoom = math.Max(zoom, ui.ProjectorSmall/ui.Light.FontSmall)
	}
	ctx.Scale = a.dpr * zoom
	a.layout()
}

// textStats is a Canvas that draws nothing and notes the smallest text:
// State draws the frame on it, so the page can tell how large the text
// on the screen is (the projector layout's promise).
type textStats struct {
	m        ui.TextMeasurer
	min      float64
	smallest string
	n        int
}

func (t *textStats) FillRect(ui.Rect, color.RGBA)                     {}
func (t *textStats) StrokeRect(ui.Rect, float64, color.RGBA)          {}
func (t *textStats) Line(_, _, _, _, _ float64, _ color.RGBA)         {}
func (t *textStats) FillCircle(_, _, _ float64, _ color.RGBA)         {}
func (t *textStats) Image(*ui.Bitmap, image.Rectangle, ui.Rect, bool) {}
func (t *textStats) MeasureText(s string, st ui.TextStyle) float64    { return t.m.MeasureText(s, st) }
func (t *textStats) Text(s string, _, _ float64, st ui.TextStyle) {
	if s == "" {
		return
	}
	t.n++
	if t.n == 1 || st.Size < t.min {
		t.min, t.smallest = st.Size, s
	}
}

// textState is the smallest text the current frame draws, in CSS
// pixels, and the string drawn at that size.
func (a *App) textState() *jsonw.Object {
	t := &textStats{m: a.Ctx}
	dpr := a.dpr
	if !a.sized {
		return new(jsonw.Object).Null("minCss")
	}
	a.Draw(t)
	var o jsonw.Object
	return o.Float("minCss", math.Round(100*t.min/dpr)/100).Str("smallest", t.smallest).Int("strings", t.n)
}
