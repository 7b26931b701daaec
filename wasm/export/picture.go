package export

import (
	"image"
	"image/color"
	"math"
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
	// Title is the first line; "" means "LeNet-5 · <layer> · <shape>"
	// (e.g. "LeNet-5 · C3 · 16×10×10").
	Title string
	// Caption is the second line, "" for none: what the network read,
	// in the reader's language ("MNIST test digit #7").
	Caption string
	// ScaleName names the colour scale under the legend bar, "" for
	// none ("colour scale", "색 척도").
	ScaleName string
	// Text measures the labels as the page will draw them, so that the
	// picture is wide enough for them; nil means ui.ApproxText.
	Text ui.TextMeasurer
}

// Picture is a layer laid out as a picture, and where its parts are. Its
// pixels and labels (Picture.Picture) are what the page encodes as a PNG.
type Picture struct {
	ui.Picture
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
	// Title and Caption are the picture's first two lines.
	Title, Caption string
}

// Layout, in pixels, and the labels' sizes.
const (
	margin    = 16
	mapSide   = 112 // a map's larger side, about
	mapCols   = 8
	cellSide  = 28 // a unit of C5, F6 or Output
	cellCols  = 12
	gap       = 12
	legendW   = 288
	legendH   = 16
	titleSize = 22
	textSize  = 14
	titleH    = 32 // the title's line
	textH     = 22 // a line of the caption, a map's number
)

// Draw lays l out as a picture: a title ("LeNet-5 · C3 · 16×10×10"), a
// caption (Options.Caption), every channel's map in a grid with its
// number — or, for a layer of N×1×1, every unit as a square, numbered —
// in the demo's diverging colours, and a legend bar from −Scale through 0
// to +Scale with its numbers. Maps are zoomed to about 112 pixels a side
// (C1 ×4, S2 ×8, C3 ×11, S4 ×22), 8 to a row; units are 28 pixels, 12 to
// a row. The pixels are opaque; the text is in Labels, for the page to
// draw.
func Draw(l Layer, o Options) (*Picture, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	th := o.Theme
	if th == nil {
		th = &ui.Light
	}
	var tm ui.TextMeasurer = ui.ApproxText{}
	if o.Text != nil {
		tm = o.Text
	}
	p := &Picture{Scale: o.Scale, Title: o.Title, Caption: o.Caption}
	if !(p.Scale > 0) || math.IsInf(float64(p.Scale), 0) {
		p.Scale = ui.MaxAbs(l.Values)
	}
	s := l.Shape
	if p.Title == "" {
		p.Title = "LeNet-5 · " + l.Name + " · " + s.String()
	}
	width := func(text string, size float64, bold bool) int {
		return int(math.Ceil(tm.MeasureText(text, ui.TextStyle{Size: size, Bold: bold})))
	}
	label := func(text string, x, y int, size float64, c color.RGBA, bold bool, a ui.Align) {
		p.Labels = append(p.Labels, ui.Label{Text: text, X: float64(x), Y: float64(y), Size: size, Color: c, Bold: bold, Align: a})
	}
	vector := s.H == 1 && s.W == 1

	// Where everything goes.
	y := margin
	label(p.Title, margin, y+titleH/2, titleSize, th.Text, true, ui.AlignLeft)
	y += titleH
	if p.Caption != "" {
		label(p.Caption, margin, y+textH/2, textSize, th.Muted, false, ui.AlignLeft)
		y += textH
	}
	y += gap / 2
	var gridW int
	p.Maps = make([]image.Rectangle, s.C)
	if vector {
		p.Zoom = cellSide
		// Up to 12 units in one row, each numbered below; more in rows
		// of 12, each row numbered at its left.
		cols := min(s.C, cellCols)
		rowLabel, pitch := 0, cellSide+gap/2+textH
		if s.C > cellCols {
			rowLabel, pitch = width(strconv.Itoa(s.C-1), textSize, false)+gap, cellSide+gap/2
		}
		for c := range s.C {
			x0 := margin + rowLabel + (c%cols)*(cellSide+gap/2)
			y0 := y + (c/cols)*pitch
			p.Maps[c] = image.Rect(x0, y0, x0+cellSide, y0+cellSide)
			switch {
			case s.C <= cellCols:
				label(strconv.Itoa(c), x0+cellSide/2, y0+cellSide+textH/2, textSize, th.Muted, false, ui.AlignCenter)
			case c%cellCols == 0:
				label(strconv.Itoa(c), margin, y0+cellSide/2, textSize, th.Muted, false, ui.AlignLeft)
			}
		}
		gridW = rowLabel + cols*(cellSide+gap/2) - gap/2
		y += ((s.C+cols-1)/cols)*pitch - gap/2
	} else {
		p.Zoom = max(1, mapSide/max(s.H, s.W))
		w, h := s.W*p.Zoom, s.H*p.Zoom
		cols := min(s.C, mapCols)
		for c := range s.C {
			x0 := margin + 1 + (c%cols)*(w+2+gap)
			y0 := y + textH + 1 + (c/cols)*(h+2+gap+textH)
			p.Maps[c] = image.Rect(x0, y0, x0+w, y0+h)
			if s.C > 1 {
				label(strconv.Itoa(c), x0-1, y0-1-textH/2, textSize, th.Muted, false, ui.AlignLeft)
			}
		}
		gridW = cols*(w+2+gap) - gap
		y += ((s.C+cols-1)/cols)*(h+2+gap+textH) - gap
	}
	y += gap + gap/2
	p.Legend = image.Rect(margin+1, y+1, margin+1+legendW, y+1+legendH)
	lg := p.Legend
	ty := lg.Max.Y + 1 + textH/2
	lo, hi := ui.FormatNum(-p.Scale), "+"+ui.FormatNum(p.Scale)
	if p.Scale == 0 {
		lo, hi = "0", "0"
	}
	label(lo, lg.Min.X-1, ty, textSize, th.Muted, false, ui.AlignLeft)
	label("0", (lg.Min.X+lg.Max.X)/2, ty, textSize, th.Muted, false, ui.AlignCenter)
	label(hi, lg.Max.X+1, ty, textSize, th.Muted, false, ui.AlignRight)
	textW := 0
	if o.ScaleName != "" {
		label(o.ScaleName, lg.Max.X+1+gap, (lg.Min.Y+lg.Max.Y)/2, textSize, th.Muted, false, ui.AlignLeft)
		textW = legendW + 2 + gap + width(o.ScaleName, textSize, false)
	}
	y = lg.Max.Y + 1 + textH
	p.Width = 2*margin + max(width(p.Title, titleSize, true), width(p.Caption, textSize, false), gridW, legendW+2, textW)
	p.Height = y + margin

	// The pixels.
	m := image.NewRGBA(image.Rect(0, 0, p.Width, p.Height))
	fill(m, m.Rect, th.Panel)
	n := s.H * s.W
	for c, r := range p.Maps {
		frame(m, r.Inset(-1), th.Line)
		for i, v := range l.Values[c*n : (c+1)*n] {
			x0, y0 := r.Min.X+(i%s.W)*p.Zoom, r.Min.Y+(i/s.W)*p.Zoom
			fill(m, image.Rect(x0, y0, x0+p.Zoom, y0+p.Zoom), ui.Diverging(v, p.Scale, th))
		}
	}
	for x := lg.Min.X; x < lg.Max.X; x++ {
		t := (float32(x-lg.Min.X)+0.5)/float32(lg.Dx())*2 - 1
		fill(m, image.Rect(x, lg.Min.Y, x+1, lg.Max.Y), ui.Diverging(t, 1, th))
	}
	frame(m, lg.Inset(-1), th.Line)
	p.Pix = m.Pix
	return p, nil
}

// fill paints r in c.
func fill(m *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(m.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := m.Pix[y*m.Stride+4*r.Min.X : y*m.Stride+4*r.Max.X]
		for i := 0; i < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
		}
	}
}

// frame draws r's one-pixel outline.
func frame(m *image.RGBA, r image.Rectangle, c color.RGBA) {
	fill(m, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	fill(m, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	fill(m, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	fill(m, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}
