package export

import (
	"image"
	"image/color"
	"strconv"

	"github.com/seecnn/lenet/wasm/ui"
)

// Options are the settings of a picture.
type Options struct {
	// Theme gives the colours; nil means ui.Light, the demo's.
	Theme *ui.Theme
	// Scale is the colour scale: values of ±Scale take the full colours
	// (red positive, blue negative, white 0). 0 means the layer's largest
	// |value|, as the demo scales each layer.
	Scale float32
}

// Picture is a layer drawn as a PNG, and where its parts are.
type Picture struct {
	PNG           []byte
	Width, Height int
	// Zoom is the side, in pixels, of the square one value takes.
	Zoom int
	// Maps[c] is where channel c is drawn (inside its frame): Shape.W·Zoom
	// by Shape.H·Zoom pixels, the value at row y, column x in the square
	// at (x·Zoom, y·Zoom) from its corner.
	Maps []image.Rectangle
	// Scale is the colour scale used, Legend where its bar is: −Scale at
	// the left edge, 0 in the middle, +Scale at the right edge.
	Scale  float32
	Legend image.Rectangle
	// Title and Caption are the picture's two lines of text.
	Title, Caption string
}

// Layout, in pixels.
const (
	margin     = 16
	titleScale = 3 // font pixel size of the title
	textScale  = 2 // of the caption, labels and legend
	mapSide    = 112
	mapCols    = 8
	cellSide   = 28 // a unit of C5, F6 or Output
	cellCols   = 12
	gap        = 12
	legendW    = 288
	legendH    = 16
)

// PNG draws l: a title ("LeNet-5  C3  16×10×10"), a caption (l.Source,
// if any), every channel's map in a grid with its number — or, for a layer
// of N×1×1, every unit as a square, numbered — in the demo's diverging
// colours, and a legend bar from −Scale through 0 to +Scale with its
// numbers. Maps are zoomed to about 112 pixels a side (C1 ×4, S2 ×8, C3
// ×11, S4 ×22), 8 to a row.
func PNG(l Layer, o Options) (*Picture, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	th := o.Theme
	if th == nil {
		th = &ui.Light
	}
	p := &Picture{Scale: o.Scale}
	if !(p.Scale > 0) {
		p.Scale = ui.MaxAbs(l.Values)
	}
	s := l.Shape
	p.Title = "LeNet-5  " + l.Name + "  " + s.String()
	p.Caption = l.Source
	vector := s.H == 1 && s.W == 1
	// Where everything goes.
	y := margin
	titleY := y
	y += lineH * titleScale
	captionY := y
	if p.Caption != "" {
		y += lineH * textScale
	}
	y += gap / 2
	labelH := glyphH * textScale
	var gridW int
	p.Maps = make([]image.Rectangle, s.C)
	if vector {
		p.Zoom = cellSide
		// Up to 12 units in one row, each numbered below; more in rows
		// of 12, each row numbered at its left.
		cols := min(s.C, cellCols)
		rowLabel, pitch := 0, cellSide+gap/2+4+labelH
		if s.C > cellCols {
			rowLabel, pitch = textWidth(strconv.Itoa(s.C-1), textScale)+gap, cellSide+gap/2
		}
		for c := range s.C {
			x0 := margin + rowLabel + (c%cols)*(cellSide+gap/2)
			y0 := y + (c/cols)*pitch
			p.Maps[c] = image.Rect(x0, y0, x0+cellSide, y0+cellSide)
		}
		gridW = rowLabel + cols*(cellSide+gap/2) - gap/2
		y += ((s.C+cols-1)/cols)*pitch - gap/2
	} else {
		p.Zoom = max(1, mapSide/max(s.H, s.W))
		w, h := s.W*p.Zoom, s.H*p.Zoom
		cols := min(s.C, mapCols)
		for c := range s.C {
			x0 := margin + 1 + (c%cols)*(w+2+gap)
			y0 := y + labelH + 4 + 1 + (c/cols)*(h+2+gap+labelH+4)
			p.Maps[c] = image.Rect(x0, y0, x0+w, y0+h)
		}
		gridW = cols*(w+2+gap) - gap
		y += ((s.C+cols-1)/cols)*(h+2+gap+labelH+4) - gap
	}
	y += gap + gap/2
	p.Legend = image.Rect(margin+1, y+1, margin+1+legendW, y+1+legendH)
	y += legendH + 2 + 4 + labelH
	p.Width = 2*margin + max(textWidth(p.Title, titleScale), textWidth(p.Caption, textScale), gridW, legendW+2)
	p.Height = y + margin

	// Drawing.
	m := image.NewRGBA(image.Rect(0, 0, p.Width, p.Height))
	fill(m, m.Rect, th.Panel)
	drawText(m, margin, titleY, p.Title, titleScale, th.Text)
	drawText(m, margin, captionY, p.Caption, textScale, th.Muted)
	n := s.H * s.W
	for c, r := range p.Maps {
		frame(m, r.Inset(-1), th.Line)
		for i, v := range l.Values[c*n : (c+1)*n] {
			x0, y0 := r.Min.X+(i%s.W)*p.Zoom, r.Min.Y+(i/s.W)*p.Zoom
			fill(m, image.Rect(x0, y0, x0+p.Zoom, y0+p.Zoom), ui.Diverging(v, p.Scale, th))
		}
		label := strconv.Itoa(c)
		switch {
		case !vector:
			drawText(m, r.Min.X-1, r.Min.Y-1-4-labelH, label, textScale, th.Muted)
		case s.C <= cellCols:
			drawText(m, r.Min.X+(cellSide-textWidth(label, textScale))/2, r.Max.Y+4, label, textScale, th.Muted)
		case c%cellCols == 0:
			drawText(m, margin, r.Min.Y+(cellSide-labelH)/2, label, textScale, th.Muted)
		}
	}
	lg := p.Legend
	for x := lg.Min.X; x < lg.Max.X; x++ {
		t := (float32(x-lg.Min.X)+0.5)/float32(lg.Dx())*2 - 1
		fill(m, image.Rect(x, lg.Min.Y, x+1, lg.Max.Y), ui.Diverging(t, 1, th))
	}
	frame(m, lg.Inset(-1), th.Line)
	ty := lg.Max.Y + 1 + 4
	lo, hi := ui.FormatNum(-p.Scale), "+"+ui.FormatNum(p.Scale)
	if p.Scale == 0 {
		lo, hi = "0", "0"
	}
	drawText(m, lg.Min.X-1, ty, lo, textScale, th.Muted)
	drawText(m, lg.Min.X+(lg.Dx()-textWidth("0", textScale))/2, ty, "0", textScale, th.Muted)
	drawText(m, lg.Max.X+1-textWidth(hi, textScale), ty, hi, textScale, th.Muted)

	b, err := encodePNG(m)
	if err != nil {
		return nil, err
	}
	p.PNG = b
	return p, nil
}

// frame draws r's one-pixel outline.
func frame(m *image.RGBA, r image.Rectangle, c color.RGBA) {
	fill(m, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	fill(m, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	fill(m, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	fill(m, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}
