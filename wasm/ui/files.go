package ui

import "image/color"

// Files a view hands the page to save, and pictures the page encodes.
//
// A picture is laid out here, in Go, as RGBA pixels, and its text as
// Labels: the page draws the labels with the browser's fonts (Hangul
// included) over the pixels and encodes the PNG itself, so the program
// carries neither a PNG encoder nor a font.

// File is a file for the user's disk: a view asks for it with
// Context.Save, the program hands it to the page, the page saves it.
type File struct {
	// Name says what the file holds: lenet5-C3-16x10x10-sample7.png.
	Name string
	// Type is the MIME type: "image/png", "text/csv" or "application/json".
	Type string
	// Bytes is the content; nil for a picture, which the page encodes.
	Bytes []byte
	// Picture is the content of an image/png file.
	Picture *Picture
}

// Picture is an image the page encodes as a PNG: Pix holds Width×Height
// opaque RGBA pixels, rows top to bottom (the pixel at (x, y) starts at
// Pix[(y*Width+x)*4]), and the page draws each of Labels over them.
type Picture struct {
	Width, Height int
	Pix           []byte
	Labels        []Label
}

// Label is one line of text on a Picture: its anchor at (X, Y) as
// TextStyle says (Y is the middle of the line, X its left edge, centre
// or right edge by Align), Size in pixels.
type Label struct {
	Text  string
	X, Y  float64
	Size  float64
	Color color.RGBA
	Bold  bool
	Align Align
}

// The largest picture a view may hand the page: a side, and all the
// pixels (64 MB of RGBA).
const (
	MaxPictureSide   = 8192
	MaxPicturePixels = 1 << 24
)

// Check reports whether p is a picture the page can take: its size within
// the limits and its pixels filling it.
func (p *Picture) Check() bool {
	return p != nil && p.Width > 0 && p.Height > 0 && p.Width <= MaxPictureSide && p.Height <= MaxPictureSide &&
		p.Width*p.Height <= MaxPicturePixels && len(p.Pix) == 4*p.Width*p.Height
}

// Save asks the program to hand f to the page, which saves it on the
// user's disk (the browser's download).
func (c *Context) Save(f File) { c.req.Files = append(c.req.Files, f) }

// SaveView asks the program to save the whole screen as a PNG at twice
// the CSS resolution (the page's window.lenetDemo.exportPNG("view") does
// the same).
func (c *Context) SaveView() { c.req.SaveView = true }

// Again asks for another frame after this one, although the user did
// nothing: the view has work to finish over several frames (a map being
// refined). Without it, frames run only when something happens.
func (c *Context) Again() { c.req.Again = true }

// Explainer is a view that can say why it classified its drawing as it
// did (window.lenetDemo.explain): a map over the network's 32×32 input
// of the evidence for class target (-1: the predicted class), by method
// "occlusion" or "gradient". An error says what is wrong (nothing drawn,
// an unknown method or class).
type Explainer interface {
	Explain(ctx *Context, method string, target int) (w, h int, data []float32, err error)
}

// Exporter is a view whose layers can be saved as pictures
// (window.lenetDemo.exportPNG): layer is one of lenet.LayerIDs' names.
type Exporter interface {
	ExportPicture(ctx *Context, layer string) (File, error)
}
