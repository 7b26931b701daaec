package netview

import (
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// grid places the maps of one layer (or the C1 kernels): map c of
// MapW×MapH units sits at column c%Cols, row c/Cols, every unit Cell device
// pixels square, maps Gap pixels apart. A strip of single units (C5, F6)
// is a grid of 1×1 maps with no gap.
type grid struct {
	Layer      lenet.LayerID
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

// The pictures of the layers. Each layer of lenet.LayerIDs has a row in
// pictures, which says where the demo draws it; a tab of the phone
// layout has a row in tabs. Showing a new layer is adding a row to each
// (the maps are coloured, drawn, pointed at and explained from
// lenet.LayerIDs).
type picture struct {
	// cols is the number of maps per row in the middle column of the wide
	// layout, crampedCols the same when that column is narrower than 560
	// CSS pixels; 0 for the layers drawn elsewhere (the input beside the
	// 28×28 step, Output as the score bars).
	cols, crampedCols int
	// tab is the phone layout's tab that shows the layer; tabCols is the
	// number of units per row of a strip that shares its tab (0: a layer
	// alone on its tab takes the number of columns that makes its maps
	// largest).
	tab     tab
	tabCols int
}

var pictures = [lenet.NumLayerIDs]picture{
	lenet.Input:  {tab: tabInput},
	lenet.C1:     {cols: 6, crampedCols: 6, tab: tabC1},
	lenet.S2:     {cols: 6, crampedCols: 6, tab: tabS2},
	lenet.C3:     {cols: 16, crampedCols: 8, tab: tabC3},
	lenet.S4:     {cols: 16, crampedCols: 8, tab: tabS4},
	lenet.C5:     {cols: 60, crampedCols: 60, tab: tabDense, tabCols: 20},
	lenet.F6:     {cols: 42, crampedCols: 42, tab: tabDense, tabCols: 14},
	lenet.Output: {tab: tabDense},
}

// tab is what the phone layout shows under its tabs.
type tab int

const (
	tabInput   tab = iota // the 28×28 step and the input
	tabC1                 // one layer each
	tabS2                 //
	tabC3                 //
	tabS4                 //
	tabDense              // C5 and F6, strips of units
	tabKernels            // C1's learned kernels
	tabHand               // the handwriting panel (hand.go); always the last
	numTabs
)

// tabLabel is what tab t says in language l: the names of the layers it
// shows, or what it shows.
func tabLabel(t tab, l i18n.Lang) string {
	switch t {
	case tabInput:
		return i18n.Input.In(l)
	case tabKernels:
		return i18n.Kernels.In(l)
	}
	return tabNames[t]
}

// tabNames name the tabs in the view's state: the names of the layers
// each shows.
var tabNames = func() (names [numTabs]string) {
	names[tabInput], names[tabKernels], names[tabHand] = "32×32", "K", "✎"
	for _, l := range lenet.LayerIDs {
		if t := pictures[l].tab; pictures[l].cols > 0 {
			if names[t] != "" {
				names[t] += "·"
			}
			names[t] += l.String()
		}
	}
	return names
}()

// tabOf is the tab that shows layer l.
func tabOf(l lenet.LayerID) tab {
	if !l.Valid() {
		return tabInput
	}
	return pictures[l].tab
}

// layout is where everything goes, in device pixels.
type layout struct {
	Narrow                                bool
	Present                               bool // the projector layout
	Area                                  ui.Rect
	Pad                                   ui.Rect
	Buttons                               [numButtons]ui.Rect
	Digit                                 ui.Rect // the 28×28 crop-scale-centre step
	Grids                                 [lenet.NumLayerIDs]grid
	Kernels                               grid      // C1's learned kernels
	Scores                                ui.Rect   // the ten class bars
	ScoreCols                             int       // the bars in one column, or two (0–4, 5–9)
	Legend                                ui.Rect   // colour scale
	Info                                  ui.Rect   // the computation of the selected unit
	Tabs                                  ui.Rect   // narrow only
	Hand, HandBtn                         ui.Rect   // the handwriting panel, its button (hand.go)
	hasHand                               bool      // the view has the panel
	Why                                   ui.Rect   // the Why panel (why.go), cut from the top of Info
	WhyAt                                 whyPlaces // its parts
	Shown                                 [lenet.NumLayerIDs]bool
	KernelsShown, DigitShown, LegendShown bool
	Caption                               float64 // heading font size
	Head                                  float64 // one heading line
	// Columns are the wide layout's three columns (pad, maps, scores and
	// computation) and Used how far down each is filled, for the
	// projector layout's promise that no column is left a quarter empty.
	Columns, Used [3]ui.Rect
}

const (
	btnClear = iota
	btnUndo
	btnSample
	btnBrush
	numButtons
)

// computeLayout lays the demo out in area, with s device pixels per CSS
// pixel and the theme's type sizes. Below 760 CSS pixels of width (phones,
// narrow iframes) or 480 of height (a phone held sideways, a short
// iframe) the layers go under tabs; otherwise everything is on one
// screen. present is the projector layout: two columns of score bars
// under a large prediction, the colour scale beside the maps, a wide
// computation panel.
func computeLayout(area ui.Rect, s float64, t tab, th *ui.Theme, present, hand bool) layout {
	var L layout
	L.Area = area
	L.Present = present
	L.hasHand = hand
	L.Caption = math.Round(th.FontBody * s)
	L.Head = math.Round(L.Caption * 1.55)
	if area.W < 760*s || area.H < 480*s {
		L.Narrow = true
		narrowLayout(&L, area, s, t, th)
	} else {
		wideLayout(&L, area, s, th)
	}
	return L
}

func px(v float64) float64 { return math.Round(v) }

func buttonsRow(L *layout, r ui.Rect, gap float64) {
	for i := range numButtons {
		L.Buttons[i] = r.Grid(numButtons, 1, gap, i, 0).Round()
	}
}

// mapGrid is the grid of layer l's maps, cols per row, gap apart (strips
// of 1×1 units have no gap), not yet placed or sized.
func mapGrid(l lenet.LayerID, cols int, gap float64) grid {
	sh := l.Shape()
	g := grid{Layer: l, N: sh.C, MapW: sh.W, MapH: sh.H, Cols: cols, Gap: gap}
	if sh.W == 1 {
		g.Gap = 0
	}
	return g
}

// inputBeside places the 28×28 step (k device pixels per pixel) at (x, y)
// and the network's 32×32 input to its right, under a two-line heading
// that may reach to right where the input is small.
func inputBeside(L *layout, x, y, k, gap, head, right float64) {
	L.Digit = ui.R(x, y, 28*k, 28*k)
	L.DigitShown = true
	g := &L.Grids[lenet.Input]
	*g = grid{Layer: lenet.Input, N: 1, MapW: 32, MapH: 32, Cols: 1, Cell: k, X: L.Digit.Right() + gap, Y: y}
	g.Label = ui.R(g.X, y-2*head, math.Max(32*k, right-g.X), 2*head)
	L.Shown[lenet.Input] = true
}

// wideLayout: on the left the pad, its buttons and the preprocessing; on
// the right the scores and the computation of the selected unit; in the
// middle every layer with pictures[l].cols > 0, each as large as fits,
// then the colour scale and C1's kernels where there is room.
func wideLayout(L *layout, a ui.Rect, s float64, th *ui.Theme) {
	gap := px(12 * s)
	a = a.Inset(gap)
	head := L.Head
	btnH := px(math.Max(34*s, th.ButtonH*s))

	// Left: the pad, the buttons, the pipeline (and in the projector
	// layout, between them, the prediction and the scores).
	lw := math.Max(240*s, math.Min(a.W*0.3, 420*s))
	rw := px(math.Max(220*s, math.Min(a.W*0.25, 360*s)))
	small := th.FontSmall * s
	scoresH := 0.0
	if L.Present {
		// The right column is the computation's alone, wide enough for
		// grids with numbers of 24 CSS pixels.
		lw = math.Max(240*s, math.Min(a.W*0.25, 480*s))
		rw = px(math.Max(rw, math.Min(a.W*0.38, 760*s)))
		L.ScoreCols = 2
		scoresH = px(th.FontBig*s*1.3) + 5*px(small*1.5) + gap + btnH
	}
	// The 28 and 32 thumbnails under two-line captions; in the
	// projector layout the 32×32 input alone, its caption beside it.
	pipeH := 2*head + 2*gap + 32*math.Max(2, math.Floor(lw/3/32))
	if L.Present {
		pipeH = gap + 32*math.Floor(lw/2/32)
	}
	side := math.Min(lw, a.H-btnH-pipeH-scoresH-2*gap-head)
	side = px(math.Max(side, 160*s))
	left, rest := a.CutLeft(math.Max(side, lw*0.9))
	_, rest = rest.CutLeft(gap)
	L.Pad = ui.R(left.X, left.Y+head, side, side)
	buttonsRow(L, ui.R(left.X, L.Pad.Bottom()+gap, side, btnH), px(6*s))
	y := L.Buttons[0].Bottom() + gap
	if L.Present {
		// Two rows of two buttons: their labels at the projector's size.
		r := ui.R(left.X, L.Pad.Bottom()+gap, left.W, 2*btnH+px(6*s))
		for i := range numButtons {
			L.Buttons[i] = r.Grid(2, 2, px(6*s), i%2, i/2).Round()
		}
		y = r.Bottom() + gap
		top := px(th.FontBig * s * 1.3) // the prediction
		L.Scores = ui.R(left.X, y+top, left.W, scoresH-top-gap)
		y = L.Scores.Bottom() + gap
		k := math.Max(1, math.Floor(math.Min(left.W/2, left.Bottom()-y)/32))
		g := &L.Grids[lenet.Input]
		*g = grid{Layer: lenet.Input, N: 1, MapW: 32, MapH: 32, Cols: 1, Cell: k, X: left.X, Y: y}
		g.Label = ui.R(g.X+32*k+gap, y, left.W-32*k-gap, 32*k)
		L.Shown[lenet.Input] = true
	} else {
		k := math.Max(1, math.Floor((left.W-gap)/(28+32)))
		k = math.Min(k, math.Max(1, math.Floor((left.Bottom()-y-gap-2*head)/32)))
		inputBeside(L, left.X, y+2*head, k, gap, head, left.Right())
	}
	L.Columns[0] = left
	L.Used[0] = ui.R(left.X, left.Y, left.W, L.Grids[lenet.Input].Block().Bottom()-left.Y)

	// Right: the scores, then the computation.
	mid, right := rest.CutLeft(rest.W - rw)
	mid.W -= gap
	L.Columns[1], L.Columns[2] = mid, right
	iy := right.Y
	if !L.Present {
		L.ScoreCols = 1
		row := px(math.Max(small*1.4, math.Min(24*s, (right.H*0.4-head)/10)))
		L.Scores = ui.R(right.X, right.Y+head, right.W, 10*row)
		iy = L.Scores.Bottom() + gap
	}
	L.Info = ui.R(right.X, iy, right.W, right.Bottom()-iy)
	L.Hand = mid
	L.Used[2] = right

	// Middle: the layers, each as large as fits: the cells shrink by 7 %
	// until the column holds them all.
	var layers []lenet.LayerID
	for _, l := range lenet.LayerIDs {
		if pictures[l].cols > 0 {
			layers = append(layers, l)
		}
	}
	mgap := px(6 * s)
	legendH := px(math.Max(30*s, small*2.6))
	// In the projector layout, the handwriting panel's button goes under
	// the colour scale: the computation needs all of the right column.
	handH := 0.0
	if L.Present && L.hasHand {
		handH = gap + btnH
	}
	fit := func(scale float64) float64 {
		h := head + legendH + handH // the colour scale (and the button) under the maps
		for _, l := range layers {
			cols := pictures[l].cols
			if mid.W < 560*s {
				cols = pictures[l].crampedCols
			}
			g := &L.Grids[l]
			*g = mapGrid(l, cols, mgap)
			avail := mid.W - float64(g.Cols-1)*g.Gap
			c := math.Floor(avail / float64(g.Cols*g.MapW) * scale)
			if g.MapW == 1 {
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
	// Under the maps: the colour scale, and C1's learned kernels beside
	// it when they fit.
	lgW := math.Min(mid.W, px(260*s))
	if L.Present {
		lgW = math.Min(mid.W, px(420*s))
	}
	L.Legend = ui.R(mid.X, y+head*0.2, lgW, legendH)
	L.LegendShown = true
	kx := L.Legend.Right() + 2*gap
	kc := math.Floor(math.Min((mid.Right()-kx-5*mgap)/30, (mid.Bottom()-y-head)/5))
	kc = math.Min(kc, px(10*s))
	if kc >= math.Max(3, 3*s) && !L.Present {
		L.Kernels = grid{Layer: lenet.C1, N: 6, MapW: 5, MapH: 5, Cols: 6, Cell: kc, Gap: mgap, X: kx, Y: y + head}
		L.Kernels.Label = ui.R(kx, y, mid.Right()-kx, head)
		L.KernelsShown = true
	}
	bottom := L.Legend.Bottom()
	if L.KernelsShown {
		bottom = math.Max(bottom, L.Kernels.Y+L.Kernels.height())
	}
	if handH > 0 {
		L.HandBtn = ui.R(mid.X, L.Legend.Bottom()+gap, lgW, btnH).Round()
		bottom = L.HandBtn.Bottom()
	}
	L.Used[1] = ui.R(mid.X, mid.Y, mid.W, bottom-mid.Y)
}

// narrowLayout: the pad with the scores beside it and the buttons under
// it, then the tabs, the pictures of the chosen tab and, under them, the
// computation of the unit last tapped (beside the pad on a landscape
// phone): nothing covers the pad, and the screen is used to its bottom.
func narrowLayout(L *layout, a ui.Rect, s float64, t tab, th *ui.Theme) {
	gap := px(8 * s)
	a = a.Inset(gap)
	head := px(L.Caption * 1.35)
	L.Head = head
	btnH := px(math.Max(34*s, th.ButtonH*s))
	scoresW := px(math.Max(130*s, a.W*0.34))
	L.ScoreCols = 1
	var body ui.Rect
	if a.W > a.H*1.25 {
		// Landscape phone: pad and scores on the left, the layer and the
		// computation on the right.
		scoresW = px(110 * s)
		side := px(math.Max(px(110*s), math.Min(a.H-head-btnH-gap, (a.W-scoresW-2*gap)*0.5)))
		L.Pad = ui.R(a.X, a.Y+head, side, side)
		L.Scores = ui.R(L.Pad.Right()+gap, L.Pad.Y, scoresW, side)
		buttonsRow(L, ui.R(a.X, L.Pad.Bottom()+gap, side+gap+scoresW, btnH), px(6*s))
		rx := L.Scores.Right() + gap
		L.Tabs = ui.R(rx, a.Y, a.Right()-rx, px(32*s))
		body = ui.R(rx, L.Tabs.Bottom()+gap, L.Tabs.W, a.Bottom()-L.Tabs.Bottom()-gap)
	} else {
		// The pad as large as leaves the tabs' pictures and the
		// computation room below.
		side := px(math.Min(a.W-scoresW-gap, (a.H-head-btnH-px(32*s)-3*gap)*0.45))
		side = math.Max(side, px(110*s))
		L.Pad = ui.R(a.X, a.Y+head, side, side)
		L.Scores = ui.R(L.Pad.Right()+gap, L.Pad.Y, a.Right()-L.Pad.Right()-gap, side)
		buttonsRow(L, ui.R(a.X, L.Pad.Bottom()+gap, a.W, btnH), px(6*s))
		L.Tabs = ui.R(a.X, L.Buttons[0].Bottom()+gap, a.W, px(32*s))
		body = ui.R(a.X, L.Tabs.Bottom()+gap, a.W, a.Bottom()-L.Tabs.Bottom()-gap)
	}
	if t == tabHand {
		L.Hand = body
		return
	}
	legendH := px(math.Max(28*s, th.FontSmall*s*2.6))
	L.Legend = ui.R(body.X, body.Bottom()-legendH, math.Min(body.W, px(220*s)), legendH)
	L.LegendShown = true
	body.H -= legendH + gap
	// The pictures take at most half the body; the computation the rest.
	maxH := px(body.H * 0.5)

	// place sizes g, cols per row, to fit body's width and height h, and
	// puts its heading at top; it returns the y below it.
	place := func(g *grid, cols int, top, h float64) float64 {
		g.Cols = cols
		rows := (g.N + cols - 1) / cols
		cw := math.Floor((body.W - float64(cols-1)*g.Gap) / float64(cols*g.MapW))
		ch := math.Floor((h - head - float64(rows-1)*g.Gap) / float64(rows*g.MapH))
		g.Cell = math.Max(1, math.Min(cw, ch))
		if g.MapW == 1 {
			g.Cell = math.Min(g.Cell, px(14*s))
		}
		g.Label = ui.R(body.X, top, body.W, head)
		g.X, g.Y = body.X, top+head
		return g.Y + g.height() + gap
	}
	var bottom float64
	switch t {
	case tabInput:
		k := math.Max(1, math.Floor(math.Min((body.W-gap)/60, (maxH-2*head)/32)))
		inputBeside(L, body.X, body.Y+2*head, k, gap, head, body.Right())
		bottom = L.Grids[lenet.Input].Block().Bottom() + gap
	case tabKernels:
		L.Kernels = grid{Layer: lenet.C1, N: 6, MapW: 5, MapH: 5, Gap: px(4 * s)}
		bottom = place(&L.Kernels, 6, body.Y, maxH)
		if L.Kernels.Cell*5*2 < maxH-head {
			bottom = place(&L.Kernels, 3, body.Y, maxH)
		}
		L.KernelsShown = true
	default:
		var layers []lenet.LayerID // the layers the tab shows as grids
		rows := 0
		for _, l := range lenet.LayerIDs {
			if pictures[l].tab == t && (pictures[l].cols > 0) {
				layers = append(layers, l)
				if c := pictures[l].tabCols; c > 0 {
					rows += (l.Shape().C + c - 1) / c
				}
			}
		}
		if len(layers) == 1 && pictures[layers[0]].tabCols == 0 {
			// One layer: the number of columns that makes its maps largest.
			l := layers[0]
			best, bestCell := 1, -1.0
			for cols := 1; cols <= l.Shape().C; cols++ {
				if l.Shape().C%cols != 0 {
					continue
				}
				g := mapGrid(l, cols, px(4*s))
				place(&g, cols, body.Y, maxH)
				if g.height() <= maxH-head && g.Cell > bestCell {
					best, bestCell = cols, g.Cell
				}
			}
			L.Grids[l] = mapGrid(l, best, px(4*s))
			bottom = place(&L.Grids[l], best, body.Y, maxH)
			L.Shown[l] = true
			break
		}
		// Strips of units: the height shared by their rows.
		y := body.Y
		avail := maxH - float64(len(layers))*head - gap*float64(len(layers)-1)
		for _, l := range layers {
			c := pictures[l].tabCols
			h := head + avail*float64((l.Shape().C+c-1)/c)/float64(rows)
			L.Grids[l] = mapGrid(l, c, px(4*s))
			y = place(&L.Grids[l], c, y, h)
			L.Shown[l] = true
		}
		bottom = y
	}
	L.Info = ui.R(body.X, bottom, body.W, body.Bottom()-bottom)
}
