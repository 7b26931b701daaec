package ui

import (
	"image/color"
	"math"
)

// Theme is the palette and the type sizes, in CSS pixels (multiply by
// Context.Scale for device pixels).
type Theme struct {
	Bg, Panel, Line, Text, Muted, Accent, AccentText, Focus, Winner color.RGBA
	Neg, Zero, Pos                                                  color.RGBA // the diverging colour map
	Ink, Paper                                                      color.RGBA // the drawing pad
	FontSmall, FontBody, FontTitle, FontBig                         float64
	Gap, Pad, ButtonH                                               float64

	lut *luts // colour tables, built on first use
}

// Light is the default theme: high contrast for a projector.
var Light = Theme{
	Bg:         color.RGBA{0xf6, 0xf7, 0xf9, 0xff},
	Panel:      color.RGBA{0xff, 0xff, 0xff, 0xff},
	Line:       color.RGBA{0xc9, 0xcf, 0xd6, 0xff},
	Text:       color.RGBA{0x1a, 0x1f, 0x26, 0xff},
	Muted:      color.RGBA{0x5b, 0x64, 0x70, 0xff},
	Accent:     color.RGBA{0x1f, 0x5f, 0xbf, 0xff},
	AccentText: color.RGBA{0xff, 0xff, 0xff, 0xff},
	Focus:      color.RGBA{0xe0, 0x8a, 0x00, 0xff},
	Winner:     color.RGBA{0x1e, 0x8c, 0x45, 0xff},
	Neg:        color.RGBA{0x21, 0x66, 0xac, 0xff},
	Zero:       color.RGBA{0xf7, 0xf7, 0xf7, 0xff},
	Pos:        color.RGBA{0xb2, 0x18, 0x2b, 0xff},
	Ink:        color.RGBA{0x10, 0x10, 0x10, 0xff},
	Paper:      color.RGBA{0xff, 0xff, 0xff, 0xff},
	FontSmall:  11,
	FontBody:   13,
	FontTitle:  16,
	FontBig:    28,
	Gap:        8,
	Pad:        10,
	ButtonH:    32,
}

// The projector layout's text sizes, in CSS pixels on the screen (after
// the program's zoom): read from the back of a lecture hall.
const (
	ProjectorSmall = 24
	ProjectorBody  = 26
	ProjectorTitle = 30
	ProjectorBig   = 48
)

// Projector is t for the projector layout of a screen the program zooms
// by zoom (device pixels per CSS pixel = device pixel ratio × zoom): the
// same palette and spacing, and text of at least ProjectorSmall CSS
// pixels whatever the zoom.
func (t *Theme) Projector(zoom float64) Theme {
	p := *t
	if !(zoom > 0) {
		zoom = 1
	}
	p.FontSmall = math.Max(t.FontSmall, ProjectorSmall/zoom)
	p.FontBody = math.Max(t.FontBody, ProjectorBody/zoom)
	p.FontTitle = math.Max(t.FontTitle, ProjectorTitle/zoom)
	p.FontBig = math.Max(t.FontBig, ProjectorBig/zoom)
	p.ButtonH = math.Max(t.ButtonH, p.FontBody*1.8)
	return p
}
