//go:build js && wasm

package web

import (
	"encoding/binary"
	"math"
	"syscall/js"

	"github.com/seecnn/lenet/wasm/ui"
)

// bridge is the page's side of the program: globalThis.lenetBridge,
// defined by site/app.js. Every exchange is a call from Go, so no Go
// callback can block the page:
//
//	drain()            → Uint8Array of pointer samples since the last
//	                     call, 8 float64 each: phase, type, id, primary,
//	                     x, y (device pixels in the canvas), pressure, time
//	commands           array of {name, arg, resolve, reject} from lenetDemo;
//	                   "set" has text (the parameter) and value, "image"
//	                   width, height and data (a Uint8Array of grey bytes),
//	                   "view" str (the view's name)
//	statsBytes         96 bytes: 12 float64 frame timings and cache sizes are copied into
//	probsBytes         80 bytes: the 10 class probabilities as float64
//	prediction(label)  a new prediction (label -1: none)
//	status(text)       the role="status" element's text
//	padRect(x, y, w, h) the pad in device pixels (zero size: the view has none)
//	resize(height)     the content's natural height, CSS pixels
//	wake               set by Go: the page calls it when it handed the
//	                   program something (see idle.go)
//	view(name)         the view now shown, for the page's address
//	ready(info)        the first frame is drawn
//	mark(name)         a step of the start-up, for lenetDemo.timings()
//	fail(message)      the program cannot run
type bridge struct {
	v        js.Value
	u8       js.Value
	buf      []byte
	img      []byte // the last picture's grey bytes
	probsBuf [80]byte
	statsBuf [8 * numStats]byte
}

const recFloats = 8

func newBridge() (*bridge, bool) {
	v := js.Global().Get("lenetBridge")
	if v.Type() != js.TypeObject {
		return nil, false
	}
	return &bridge{v: v, u8: js.Global().Get("Uint8Array"), buf: make([]byte, 0, 64*1024)}, true
}

// pointers appends the samples since the last frame to evs.
func (b *bridge) pointers(evs []ui.PointerEvent) []ui.PointerEvent {
	arr := b.v.Call("drain")
	n := arr.Length()
	if n == 0 {
		return evs
	}
	if cap(b.buf) < n {
		b.buf = make([]byte, n)
	}
	buf := b.buf[:n]
	js.CopyBytesToGo(buf, arr)
	f := func(i int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(buf[8*i:])) }
	for r := 0; (r+1)*recFloats*8 <= n; r++ {
		o := r * recFloats
		evs = append(evs, ui.PointerEvent{
			Phase:    ui.Phase(int(f(o))),
			Type:     ui.PointerType(int(f(o + 1))),
			ID:       int(f(o + 2)),
			Primary:  f(o+3) != 0,
			X:        f(o + 4),
			Y:        f(o + 5),
			Pressure: f(o + 6),
			Time:     f(o + 7),
		})
	}
	return evs
}

type command struct {
	name            string
	arg             int
	text, value     string // "set": the parameter and its value; "view": text is the view's name
	width, height   int    // "image": the picture's size …
	data            []byte // … and its grey bytes
	err             string // the command could not be read
	resolve, reject js.Value
}

// commands takes the queued commands from lenetDemo.
func (b *bridge) commands(out []command) []command {
	q := b.v.Get("commands")
	n := q.Length()
	if n == 0 {
		return out
	}
	for i := range n {
		c := q.Index(i)
		arg := 0
		if a := c.Get("arg"); a.Type() == js.TypeNumber {
			f := a.Float()
			if f == math.Trunc(f) && math.Abs(f) < 1<<31 {
				arg = int(f)
			} else {
				arg = -1 << 31 // not an integer: let the view reject it
			}
		}
		cmd := command{name: c.Get("name").String(), arg: arg, resolve: c.Get("resolve"), reject: c.Get("reject")}
		switch cmd.name {
		case "set":
			cmd.text, cmd.value = shortString(c.Get("text")), shortString(c.Get("value"))
		case "view", "explain", "export":
			cmd.text = shortString(c.Get("str"))
		case "image":
			cmd.width, cmd.height = intOf(c.Get("width")), intOf(c.Get("height"))
			cmd.data, cmd.err = b.imageBytes(c.Get("data"), cmd.width, cmd.height)
		}
		out = append(out, cmd)
	}
	q.Set("length", 0)
	return out
}

// maxText bounds a string read from a command.
const maxText = 256

// shortString reads a string of at most maxText bytes ("" for anything
// else). (lenetDemo.set passes at most 64 characters; Value.Length
// panics on a string.)
func shortString(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	if s := v.String(); len(s) <= maxText {
		return s
	}
	return ""
}

// intOf reads a whole number from 0 to 2³⁰, or -1.
func intOf(v js.Value) int { return wholeNumber(v, 1<<30) }

// wholeNumber reads a whole number from 0 to max, or -1.
func wholeNumber(v js.Value, max float64) int {
	if v.Type() != js.TypeNumber {
		return -1
	}
	f := v.Float()
	if f != math.Trunc(f) || f < 0 || f > max {
		return -1
	}
	return int(f)
}

// imageBytes copies a picture's grey bytes out of data, a Uint8Array of
// exactly w·h bytes, into a buffer kept for the next picture; the size is
// checked before anything is copied.
func (b *bridge) imageBytes(data js.Value, w, h int) ([]byte, string) {
	if w < 1 || h < 1 || w > ui.MaxImageSide || h > ui.MaxImageSide || w*h > ui.MaxImagePixels {
		return nil, "" // App.Image says what is wrong with the size
	}
	if !data.InstanceOf(b.u8) || data.Length() != w*h {
		return nil, "image: data must be a Uint8Array of width·height grey bytes"
	}
	if cap(b.img) < w*h {
		b.img = make([]byte, w*h)
	}
	buf := b.img[:w*h]
	js.CopyBytesToGo(buf, data)
	return buf, ""
}

func (b *bridge) resize(height float64) { b.v.Call("resize", height) }

func (b *bridge) prediction(label int, probs *[10]float32) {
	for i, p := range probs {
		binary.LittleEndian.PutUint64(b.probsBuf[8*i:], math.Float64bits(float64(p)))
	}
	js.CopyBytesToJS(b.v.Get("probsBytes"), b.probsBuf[:])
	b.v.Call("prediction", label)
}

// numStats is the number of figures in statsBytes (see site/app.js's
// timings()).
const numStats = 12

func (b *bridge) stats(vals [numStats]float64) {
	for i, v := range vals {
		binary.LittleEndian.PutUint64(b.statsBuf[8*i:], math.Float64bits(v))
	}
	js.CopyBytesToJS(b.v.Get("statsBytes"), b.statsBuf[:])
}

func (b *bridge) status(s string) { b.v.Call("status", s) }

func (b *bridge) padRect(r ui.Rect) { b.v.Call("padRect", r.X, r.Y, r.W, r.H) }

func (b *bridge) view(name string) { b.v.Call("view", name) }

func (b *bridge) ready(info map[string]any) { b.v.Call("ready", info) }

func (b *bridge) lang(code string) { b.v.Call("lang", code) }

// note records a start-up figure for lenetDemo.timings().
func (b *bridge) note(name string, v float64) { b.v.Call("note", name, v) }

// noteString records a text for lenetDemo.timings().
func (b *bridge) noteString(name, v string) { b.v.Call("note", name, v) }

// mark records the page's clock at a step of the start-up.
func (b *bridge) mark(name string) { b.v.Call("mark", name) }
