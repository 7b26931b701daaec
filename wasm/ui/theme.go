package ui

import "image/color"

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
