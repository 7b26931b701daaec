//go:build js && wasm

package web

import (
	"errors"
	"math"
	"strconv"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/ui"
)

// Files for the user's disk and pictures the page encodes. The program
// lays a picture out as RGBA pixels and labels (ui.Picture); the page
// (site/app.js) draws the labels with the browser's fonts, encodes the
// PNG and saves the file:
//
//	picture(width, height, pix, labels) → Promise of the PNG's bytes
//	                   (a Uint8Array); pix a Uint8Array of width·height·4
//	                   bytes, labels a JSON string {"font": family,
//	                   "labels": [{"t", "x", "y", "s", "c", "b", "a"}]}
//	save(name, type, content) the browser's download of content (a
//	                   Uint8Array, or a Promise of one) as the file name

// picture hands p to the page to encode; it returns the page's Promise.
func (b *bridge) picture(p *ui.Picture) js.Value {
	pix := b.u8.New(len(p.Pix))
	js.CopyBytesToJS(pix, p.Pix)
	var o jsonw.Object
	ls := make([]*jsonw.Object, len(p.Labels))
	for i, l := range p.Labels {
		c := l.Color
		ls[i] = new(jsonw.Object).Str("t", l.Text).Float("x", l.X).Float("y", l.Y).Float("s", l.Size).
			Str("c", "rgb("+strconv.Itoa(int(c.R))+","+strconv.Itoa(int(c.G))+","+strconv.Itoa(int(c.B))+")").
			Bool("b", l.Bold).Int("a", int(l.Align))
	}
	o.Str("font", fontFamily).Objs("labels", ls)
	return b.v.Call("picture", p.Width, p.Height, pix, o.String())
}

// save hands the page a file to save.
func (b *bridge) save(f ui.File) {
	if f.Picture != nil {
		if !f.Picture.Check() {
			return // cannot happen: the views lay out pictures within the limits
		}
		b.v.Call("save", f.Name, f.Type, b.picture(f.Picture))
		return
	}
	content := b.u8.New(len(f.Bytes))
	js.CopyBytesToJS(content, f.Bytes)
	b.v.Call("save", f.Name, f.Type, content)
}

// explainResult is lenetDemo.explain's answer: {width, height, data}, data
// a Float32Array.
func (b *bridge) explainResult(w, h int, data []float32) js.Value {
	buf := make([]byte, 4*len(data))
	for i, v := range data {
		u := math.Float32bits(v)
		buf[4*i], buf[4*i+1], buf[4*i+2], buf[4*i+3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
	}
	u8 := b.u8.New(len(buf))
	js.CopyBytesToJS(u8, buf)
	f32 := js.Global().Get("Float32Array").New(u8.Get("buffer"))
	return js.ValueOf(map[string]any{"width": w, "height": h, "data": f32})
}

// viewName names a picture of the whole screen: the view, and its size
// in CSS pixels at 2×: lenet5-net-view-1280x800@2x.png.
func viewName(view string, w, h int) string {
	return "lenet5-" + view + "-view-" + strconv.Itoa(w/2) + "x" + strconv.Itoa(h/2) + "@2x.png"
}

// captureView draws the app again at twice the CSS resolution into a
// picture of its own, then lays the screen out as it was.
func (g *Game) captureView() (ui.File, error) {
	dpr := ebiten.Monitor().DeviceScaleFactor()
	if !(dpr > 0) {
		dpr = 1
	}
	w, h := int(math.Round(2*g.screenW/dpr)), int(math.Round(2*g.screenH/dpr))
	if w < 1 || h < 1 || w > ui.MaxPictureSide || h > ui.MaxPictureSide || w*h > ui.MaxPicturePixels {
		return ui.File{}, errors.New("exportPNG: the screen is too large to save at 2×: " + strconv.Itoa(w) + "×" + strconv.Itoa(h) + " pixels")
	}
	img := ebiten.NewImage(w, h)
	defer img.Deallocate()
	g.app.Resize(float64(w), float64(h), 2)
	g.canvas.dst = img
	g.app.Draw(g.canvas)
	g.app.Resize(g.screenW, g.screenH, dpr)
	g.dirty = true
	p := &ui.Picture{Width: w, Height: h, Pix: make([]byte, 4*w*h)}
	img.ReadPixels(p.Pix)
	for i := 3; i < len(p.Pix); i += 4 {
		p.Pix[i] = 255 // the screen is opaque
	}
	return ui.File{Name: viewName(g.app.ViewName(), w, h), Type: "image/png", Picture: p}, nil
}

// views are the requests for a picture of the screen, answered after the
// next Draw: a download (the view asked) or a script's Promise.
type viewRequest struct {
	download        bool
	resolve, reject js.Value
}

// answerViews draws the pictures of the screen asked for. Should that
// panic, the scripts waiting are told, and the panic goes on to be
// recorded (Game.survive).
func (g *Game) answerViews() {
	reqs := g.viewReqs
	if len(reqs) == 0 {
		return
	}
	g.viewReqs = nil
	done := 0
	defer func() {
		if r := recover(); r != nil {
			for _, q := range reqs[done:] {
				if !q.download {
					q.reject.Invoke(js.Global().Get("Error").New("internal error in exportPNG: " + panicText(r)))
				}
			}
			panic(r)
		}
	}()
	f, err := g.captureView()
	for _, r := range reqs {
		switch {
		case err != nil && r.download:
			g.br.status(err.Error())
		case err != nil:
			r.reject.Invoke(js.Global().Get("Error").New(err.Error()))
		case r.download:
			g.br.save(f)
		default:
			r.resolve.Invoke(g.br.picture(f.Picture))
		}
		done++
	}
	wake()
}
