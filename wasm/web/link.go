//go:build js && wasm

package web

import (
	"encoding/binary"
	"math"
	"syscall/js"

	"github.com/seecnn/lenet/wasm/pagelink"
)

// The views' requests to the page's services and their answers
// (wasm/pagelink), through two functions of lenetBridge that site/app.js
// defines and site/train-bridge.js serves:
//
//	linkSend(request)  one request {slot, seq, type, from, seed, count,
//	                   learningRate, batchSize, indices, labels, inputs
//	                   (Float32Array), bytes (Uint8Array), name}
//	linkDrain()        the answers since the last call: an array of
//	                   {slot, seq, kind, message, nums (Float64Array),
//	                   floats (Float32Array), bytes (Uint8Array), name}

// linkSend hands the frame's requests to the page.
func (b *bridge) linkSend(reqs []pagelink.Request) {
	for _, r := range reqs {
		o := js.Global().Get("Object").New()
		o.Set("slot", int(r.Slot))
		o.Set("seq", float64(r.Seq))
		o.Set("type", r.Kind.String())
		if r.From != "" {
			o.Set("from", r.From)
			o.Set("seed", r.Seed)
		}
		if r.Count > 0 {
			o.Set("count", r.Count)
		}
		if r.LearningRate > 0 {
			o.Set("learningRate", r.LearningRate)
		}
		if r.BatchSize > 0 {
			o.Set("batchSize", r.BatchSize)
		}
		if r.Indices != nil {
			o.Set("indices", ints(r.Indices))
		}
		if r.Labels != nil {
			o.Set("labels", ints(r.Labels))
		}
		if r.Inputs != nil {
			o.Set("inputs", float32Array(r.Inputs))
		}
		if r.Bytes != nil {
			u8 := b.u8.New(len(r.Bytes))
			js.CopyBytesToJS(u8, r.Bytes)
			o.Set("bytes", u8)
		}
		if r.Name != "" {
			o.Set("name", r.Name)
		}
		b.v.Call("linkSend", o)
	}
}

func ints(x []int) js.Value {
	a := make([]any, len(x))
	for i, v := range x {
		a[i] = v
	}
	return js.ValueOf(a)
}

func float32Array(x []float32) js.Value {
	buf := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	u8 := js.Global().Get("Uint8Array").New(len(buf))
	js.CopyBytesToJS(u8, buf)
	return js.Global().Get("Float32Array").New(u8.Get("buffer"))
}

// linkDrain delivers the page's answers to the views and returns how
// many there were.
func (b *bridge) linkDrain(l *pagelink.Link) int {
	arr := b.v.Call("linkDrain")
	if arr.Type() != js.TypeObject {
		return 0
	}
	n := arr.Length()
	for i := range n {
		v := arr.Index(i)
		e := pagelink.Event{
			Slot: pagelink.Slot(wholeNumber(v.Get("slot"), 1<<53)),
			Seq:  uint64(wholeNumber(v.Get("seq"), 1<<53)),
			Kind: pagelink.KindNamed(jsString(v.Get("kind"), 40)),
			Name: jsString(v.Get("name"), 300),
		}
		if m := v.Get("message"); m.Type() == js.TypeString {
			e.Err = jsString(m, 1000)
			if e.Err == "" {
				e.Err = "?"
			}
		}
		e.Nums = b.float64s(v.Get("nums"))
		e.Floats = b.float32s(v.Get("floats"))
		e.Bytes = b.bytes(v.Get("bytes"), pagelink.MaxBytes)
		l.Deliver(e)
	}
	return n
}

func jsString(v js.Value, max int) string {
	if v.Type() != js.TypeString {
		return ""
	}
	s := v.String()
	if len(s) > max {
		s = s[:max]
	}
	return s
}

// bytes copies a typed array's bytes (at most max, else none).
func (b *bridge) bytes(v js.Value, max int) []byte {
	if v.Type() != js.TypeObject || !js.Global().Get("ArrayBuffer").Call("isView", v).Bool() {
		return nil
	}
	n := v.Get("byteLength").Int()
	if n > max {
		return nil
	}
	out := make([]byte, n)
	if n > 0 {
		js.CopyBytesToGo(out, b.u8.New(v.Get("buffer"), v.Get("byteOffset"), n))
	}
	return out
}

func (b *bridge) float64s(v js.Value) []float64 {
	if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Float64Array")) {
		return nil
	}
	raw := b.bytes(v, 8*pagelink.MaxNums)
	out := make([]float64, len(raw)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return out
}

func (b *bridge) float32s(v js.Value) []float32 {
	if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Float32Array")) {
		return nil
	}
	raw := b.bytes(v, 4*pagelink.MaxFloats)
	out := make([]float32, len(raw)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out
}
