package netview

import (
	"math"

	"github.com/seecnn/lenet/wasm/ui"
)

// grid places the maps of one layer (or the C1 kernels): map c of
// MapW×MapH units sits at column c%Cols, row c/Cols, every unit Cell device
// pixels square, maps Gap pixels apart. A strip of single units (C5, F6)
// is a grid of 1×1 maps with no gap.
type grid struct {
	Layer      Layer
	N          int // maps
	MapW, MapH int
	Cols       int
	Cell, Gap  float64
	X, Y       float64 // top-left of the first map
	Label      ui.Rect // the heading line above the maps
}

func (g *grid) rows() int { return (g.N + g.Cols - 1) / g.Cols }

// width and height of the maps' block.
func (g *grid) width() float64 {
	return float64(g.Cols)*float64(g.MapW)*g.Cell + float64(g.Cols-1)*g.Gap
}
func (g *grid) height() float64 {
	r := g.rows()
	return float64(r)*float64(g.MapH)*g.Cell + float64(r-1)*g.Gap
}

// Block is the maps' bounding rectangle.
func (g *grid) Block() ui.Rect { return ui.R(g.X, g.Y, g.width(), g.height()) }

// MapRect is where map c is drawn.
func (g *grid) MapRect(c int) ui.Rect {
	col, row := c%g.Cols, c/g.Cols
	return ui.R(g.X+float64(col)*(float64(g.MapW)*g.Cell+g.Gap), g.Y+float64(row)*(float64(g.MapH)*g.Cell+g.Gap),
		float64(g.MapW)*g.Cell, float64(g.MapH)*g.Cell)
}

// Hit finds the unit under (x, y).
func (g *grid) Hit(x, y float64) (c, uy, ux int, ok bool) {
	if g.N == 0 || g.Cell <= 0 || !g.Block().Contains(x, y) {
		return 0, 0, 0, false
	}
	sx := float64(g.MapW)*g.Cell + g.Gap
	sy := float64(g.MapH)*g.Cell + g.Gap
	col := int((x - g.X) / sx)
	row := int((y - g.Y) / sy)
	c = row*g.Cols + col
	if c >= g.N {
		return 0, 0, 0, false
	}
	r := g.MapRect(c)
	if !r.Contains(x, y) {
		return 0, 0, 0, false // in a gap
	}
	return c, int((y - r.Y) / g.Cell), int((x - r.X) / g.Cell), true
}

// UnitRect is where unit (y, x) of map c is drawn.
func (g *grid) UnitRect(c, y, x int) ui.Rect {
	r := g.MapRect(c)
	return ui.R(r.X+float64(x)*g.Cell, r.Y+float64(y)*g.Cell, g.Cell, g.Cell)
}

// tab is what the narrow layout shows under its tabs.
type tab int

const (
	tabInput tab = iota
	tabC1
	tabS2
	tabC3
	tabS4
	tabDense
	tabKernels
	numTabs
)

var tabNames = [numTabs]string{"32×32", "C1", "S2", "C3", "S4", "C5·F6", "K"}

// tabOf is the tab that shows layer l.
func tabOf(l Layer) tab {
	switch l {
	case LC1:
		return tabC1
	case LS2:
		return tabS2
	case LC3:
		return tabC3
	case LS4:
		return tabS4
	case LC5, LF6, LOut:
		return tabDense
	}
	return tabInput
}

// layout is where everything goes, in device pixels.
type layout struct {
	Narrow                                bool
	Area                                  ui.Rect
	Pad                                   ui.Rect
	Buttons                               [numButtons]ui.Rect
	Digit                                 ui.Rect // the 28×28 crop-scale-centre step
	Grids                                 [numLayers]grid
	Kernels                               grid    // C1's learned kernels
	Scores                                ui.Rect // the ten class bars
	Legend                                ui.Rect // colour scale
	Info                                  ui.Rect // the computation of the selected unit
	Tabs                                  ui.Rect // narrow only
	Shown                                 [numLayers]bool
	KernelsShown, DigitShown, LegendShown bool
	Caption                               float64 // heading font size
}

const (
	btnClear = iota
	btnUndo
	btnSample
	btnBrush
	numButtons
)

// computeLayout lays the demo out in area, with s device pixels per CSS
// pixel. Below 760 CSS pixels of width (phones, narrow iframes) the layers
// go under tabs; otherwise everything is on one screen.
func computeLayout(area ui.Rect, s float64, t tab) layout {
	var L layout
	L.Area = area
	L.Caption = math.Round(13 * s)
	if area.W < 760*s {
		L.Narrow = true
		narrowLayout(&L, area, s, t)
	} else {
		wideLayout(&L, area, s)
	}
	return L
}

func px(v float64) float64 { return math.Round(v) }

func buttonsRow(L *layout, r ui.Rect, gap float64) {
	for i := range numButtons {
		L.Buttons[i] = r.Grid(numButtons, 1, gap, i, 0).Round()
	}
}

func wideLayout(L *layout, a ui.Rect, s float64) {
	gap := px(12 * s)
	a = a.Inset(gap)
	head := px(20 * s) // one heading line
	btnH := px(34 * s)

	// Left: the pad, the buttons, the pipeline.
	lw := math.Max(240*s, math.Min(a.W*0.3, 420*s))
	pipeH := 2*head + 2*gap + 32*math.Max(2, math.Floor(lw/3/32)) // the 28 and 32 thumbnails, two-line captions
	side := math.Min(lw, a.H-btnH-pipeH-2*gap-head)
	side = px(math.Max(side, 160*s))
	left, rest := a.CutLeft(side)
	_, rest = rest.CutLeft(gap)
	L.Pad = ui.R(left.X, left.Y+head, side, side)
	buttonsRow(L, ui.R(left.X, L.Pad.Bottom()+gap, side, btnH), px(6*s))
	k := math.Max(1, math.Floor((side-gap)/(28+32)))
	k = math.Min(k, math.Max(1, math.Floor((left.Bottom()-L.Buttons[0].Bottom()-2*gap-2*head)/32)))
	y := L.Buttons[0].Bottom() + gap + 2*head
	L.Digit = ui.R(left.X, y, 28*k, 28*k)
	L.DigitShown = true
	in := &L.Grids[LInput]
	*in = grid{Layer: LInput, N: 1, MapW: 32, MapH: 32, Cols: 1, Cell: k, X: L.Digit.Right() + gap, Y: y}
	in.Label = ui.R(in.X, y-2*head, 32*k, 2*head)
	L.Shown[LInput] = true

	// Right: scores, legend, kernels, the computation.
	rw := px(math.Max(220*s, math.Min(a.W*0.25, 360*s)))
	mid, right := rest.CutLeft(rest.W - rw)
	mid.W -= gap
	row := px(math.Min(24*s, (right.H*0.4-head)/10))
	L.Scores = ui.R(right.X, right.Y+head, right.W, 10*row)
	L.Legend = ui.R(right.X, L.Scores.Bottom()+gap, right.W, px(30*s))
	L.LegendShown = true
	kc := math.Max(1, math.Floor((right.W-5*px(6*s))/(6*5)))
	kc = math.Min(kc, px(10*s))
	L.Kernels = grid{Layer: LC1, N: 6, MapW: 5, MapH: 5, Cols: 6, Cell: kc, Gap: px(6 * s),
		X: right.X, Y: L.Legend.Bottom() + gap + head}
	L.Kernels.Label = ui.R(right.X, L.Kernels.Y-head, right.W, head)
	L.KernelsShown = true
	iy := L.Kernels.Y + L.Kernels.height() + gap
	L.Info = ui.R(right.X, iy, right.W, right.Bottom()-iy)

	// Middle: the layers, each as large as fits.
	layers := []Layer{LC1, LS2, LC3, LS4, LC5, LF6}
	cols := map[Layer]int{LC1: 6, LS2: 6, LC3: 16, LS4: 16, LC5: 60, LF6: 42}
	if mid.W < 560*s {
		cols[LC3], cols[LS4] = 8, 8
	}
	mgap := px(6 * s)
	fit := func(scale float64) float64 {
		h := 0.0
		for _, l := range layers {
			sh := l.Shape()
			g := &L.Grids[l]
			*g = grid{Layer: l, N: sh.C, MapW: sh.W, MapH: sh.H, Cols: cols[l], Gap: mgap}
			if sh.W == 1 {
				g.Gap = 0
			}
			avail := mid.W - float64(g.Cols-1)*g.Gap
			c := math.Floor(avail / float64(g.Cols*g.MapW) * scale)
			if sh.W == 1 {
				c = math.Min(c, px(16*s))
			}
			g.Cell = math.Max(1, c)
			h += head + g.height() + gap
		}
		return h
	}
	scale := 1.0
	for i := 0; i < 40 && fit(scale) > mid.H; i++ {
		scale *= 0.93
	}
	y = mid.Y
	for _, l := range layers {
		g := &L.Grids[l]
		g.Label = ui.R(mid.X, y, mid.W, head)
		g.X, g.Y = mid.X, y+head
		y = g.Y + g.height() + gap
		L.Shown[l] = true
	}
}

func narrowLayout(L *layout, a ui.Rect, s float64, t tab) {
	gap := px(8 * s)
	a = a.Inset(gap)
	head := px(18 * s)
	btnH := px(34 * s)
	scoresW := px(92 * s)
	var body ui.Rect
	if a.W > a.H*1.25 {
		// Landscape phone: pad and scores on the left, the layer on the right.
		side := px(math.Max(px(110*s), math.Min(a.H-head-btnH-gap, (a.W-scoresW-2*gap)*0.55)))
		L.Pad = ui.R(a.X, a.Y+head, side, side)
		L.Scores = ui.R(L.Pad.Right()+gap, L.Pad.Y, scoresW, side)
		buttonsRow(L, ui.R(a.X, L.Pad.Bottom()+gap, side+gap+scoresW, btnH), px(6*s))
		rx := L.Scores.Right() + gap
		L.Tabs = ui.R(rx, a.Y, a.Right()-rx, px(32*s))
		body = ui.R(rx, L.Tabs.Bottom()+gap, L.Tabs.W, a.Bottom()-L.Tabs.Bottom()-gap)
		L.Info = ui.R(a.X, a.Y, rx-gap-a.X, a.H)
	} else {
		side := px(math.Min(a.W-scoresW-gap, a.H*0.4))
		side = math.Max(side, px(110*s))
		L.Pad = ui.R(a.X, a.Y+head, side, side)
		L.Scores = ui.R(L.Pad.Right()+gap, L.Pad.Y, a.Right()-L.Pad.Right()-gap, side)
		buttonsRow(L, ui.R(a.X, L.Pad.Bottom()+gap, a.W, btnH), px(6*s))
		L.Tabs = ui.R(a.X, L.Buttons[0].Bottom()+gap, a.W, px(32*s))
		body = ui.R(a.X, L.Tabs.Bottom()+gap, a.W, a.Bottom()-L.Tabs.Bottom()-gap)
		L.Info = ui.R(a.X, a.Y, a.W, L.Buttons[0].Bottom()-a.Y) // an overlay on the pad
	}
	L.Legend = ui.R(body.X, body.Bottom()-px(28*s), math.Min(body.W, px(220*s)), px(28*s))
	L.LegendShown = true
	body.H -= L.Legend.H + gap

	place := func(g *grid, l Layer, n, mw, mh, cols int, top float64, h float64) float64 {
		*g = grid{Layer: l, N: n, MapW: mw, MapH: mh, Cols: cols, Gap: px(4 * s)}
		if mw == 1 {
			g.Gap = 0
		}
		rows := (n + cols - 1) / cols
		cw := math.Floor((body.W - float64(cols-1)*g.Gap) / float64(cols*mw))
		ch := math.Floor((h - head - float64(rows-1)*g.Gap) / float64(rows*mh))
		g.Cell = math.Max(1, math.Min(cw, ch))
		if mw == 1 {
			g.Cell = math.Min(g.Cell, px(14*s))
		}
		g.Label = ui.R(body.X, top, body.W, head)
		g.X, g.Y = body.X, top+head
		return g.Y + g.height() + gap
	}
	switch t {
	case tabInput:
		k := math.Max(1, math.Floor(math.Min((body.W-gap)/60, (body.H-2*head)/32)))
		L.Digit = ui.R(body.X, body.Y+2*head, 28*k, 28*k)
		L.DigitShown = true
		g := &L.Grids[LInput]
		*g = grid{Layer: LInput, N: 1, MapW: 32, MapH: 32, Cols: 1, Cell: k, X: L.Digit.Right() + gap, Y: body.Y + 2*head}
		g.Label = ui.R(g.X, body.Y, 32*k, 2*head)
		L.Shown[LInput] = true
	case tabC1, tabS2, tabC3, tabS4:
		l := []Layer{LC1, LS2, LC3, LS4}[t-tabC1]
		sh := l.Shape()
		// The number of columns that makes the maps largest.
		best, bestCell := 1, -1.0
		for cols := 1; cols <= sh.C; cols++ {
			if sh.C%cols != 0 {
				continue
			}
			var g grid
			place(&g, l, sh.C, sh.W, sh.H, cols, body.Y, body.H)
			if g.height() <= body.H-head && g.Cell > bestCell {
				best, bestCell = cols, g.Cell
			}
		}
		place(&L.Grids[l], l, sh.C, sh.W, sh.H, best, body.Y, body.H)
		L.Shown[l] = true
	case tabDense:
		y := place(&L.Grids[LC5], LC5, 120, 1, 1, 20, body.Y, (body.H-gap)*6/12)
		place(&L.Grids[LF6], LF6, 84, 1, 1, 14, y, body.Bottom()-y)
		L.Shown[LC5], L.Shown[LF6] = true, true
	case tabKernels:
		place(&L.Kernels, LC1, 6, 5, 5, 3, body.Y, body.H)
		L.KernelsShown = true
	}
}
