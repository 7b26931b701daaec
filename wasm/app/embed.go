package app

import (
	"fmt"
	"math"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// What a page's script, or a course page through its messages, may do
// besides the commands: hand the view a picture, change a parameter; and
// what it learns besides the prediction: the height the content wants.

// Image hands the current view a w×h picture of grey bytes (ui.ImageTaker)
// after checking its size.
func (a *App) Image(w, h int, gray []uint8) error {
	switch {
	case w < 1 || h < 1 || w > ui.MaxImageSide || h > ui.MaxImageSide:
		return fmt.Errorf("image: width and height must be whole numbers from 1 to %d, got %d×%d", ui.MaxImageSide, w, h)
	case w*h > ui.MaxImagePixels:
		return fmt.Errorf("image: %d×%d is %d pixels; at most %d", w, h, w*h, ui.MaxImagePixels)
	case len(gray) != w*h:
		return fmt.Errorf("image: %d grey values for %d×%d (need %d)", len(gray), w, h, w*h)
	}
	t, ok := a.cur.(ui.ImageTaker)
	if !ok {
		return fmt.Errorf("image: the %s view takes no picture", a.spec.Name)
	}
	return t.TakeImage(a.Ctx, w, h, gray)
}

// Set changes a URL parameter while the program runs: the language, or
// one of the current view's (ui.ParamSetter), checked as the address's
// would be.
func (a *App) Set(name, value string) error {
	if r := []rune(value); len(r) > ui.MaxParamLen*4 {
		value = string(r[:ui.MaxParamLen*4]) + "…"
	}
	if name == "lang" {
		l, ok := i18n.ParseLang(value)
		if !ok {
			return fmt.Errorf("set: lang=%s: lang is en or ko", value)
		}
		a.SetLang(l)
		return nil
	}
	for _, p := range a.spec.Params {
		if p.Name != name {
			continue
		}
		v, err := p.Parse(value)
		if err != nil {
			return fmt.Errorf("set: %s=%s: %s takes %s", name, value, name, p.Expect().En)
		}
		s, ok := a.cur.(ui.ParamSetter)
		if !ok {
			break
		}
		return s.SetParam(a.Ctx, name, v)
	}
	return fmt.Errorf("set: the %s view cannot change %q while it runs", a.spec.Name, name)
}

// NaturalHeight is the height, in CSS pixels, the header and the current
// view want at the screen's width: the view's own (ui.Sizer), else a
// default for views that fill any area: two thirds of the width on a wide
// screen (960 → 640, the embed snippet's size), from 480 to 900; on a
// narrow one (under 600), where views stack their parts, 1.85 times the
// width, from 480 to 1100.
func (a *App) NaturalHeight() float64 {
	if !a.sized || a.dpr <= 0 {
		return 0
	}
	w := a.Ctx.Screen.W / a.dpr
	if s, ok := a.cur.(ui.Sizer); ok {
		body := s.NaturalHeight(a.Ctx, a.Ctx.Screen.W) / a.dpr
		return math.Ceil(a.header.H/a.dpr + body)
	}
	if w < 600 {
		return math.Round(math.Max(480, math.Min(1100, w*1.85)))
	}
	return math.Round(math.Max(480, math.Min(900, w*2/3)))
}

// noteHeight tells the page when the natural height changed.
func (a *App) noteHeight() {
	if h := a.NaturalHeight(); h > 0 && h != a.height {
		a.height = h
		a.page.Height, a.page.HasHeight = h, true
	}
}
