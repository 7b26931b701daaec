package app_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"net/url"
	"reflect"
	"sort"
	"testing"
	"unsafe"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/app"
	"github.com/seecnn/lenet/wasm/ui"
)

// Draw only draws: on every registered view, in both languages and at
// sizes from a phone to a projector, after the user pointed and clicked
// about, drawing twice draws the same and leaves the state as it was.
func TestDrawOnlyDraws(t *testing.T) {
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	sizes := [][3]float64{{1280, 800, 1}, {390 * 3, 844 * 3, 3}, {568 * 2, 320 * 2, 2}, {2560, 1440, 2}, {1920, 1080, 1}} // the last, the projector layout
	for _, name := range ui.ViewNames() {
		for _, lang := range []string{"en", "ko"} {
			for _, sz := range sizes {
				t.Run(fmt.Sprintf("%s/%s/%gx%g@%g", name, lang, sz[0], sz[1], sz[2]), func(t *testing.T) {
					q := url.Values{"view": {name}, "lang": {lang}, "seed": {"4"}, "sample": {"8"}, "layer": {"C3"}}
					d := &driver{t: t, a: app.New(q, "en", w.Net, nil)}
					d.a.Resize(sz[0], sz[1], sz[2])
					d.frame("the first frame", &ui.Input{})
					// Point at a few places and click one: a unit, a cell,
					// a row gets selected, a control may change.
					for _, p := range [][2]float64{{0.5, 0.5}, {0.3, 0.7}, {0.75, 0.35}} {
						x, y := sz[0]*p[0], sz[1]*p[1]
						d.frame("pointing", &ui.Input{Events: []ui.PointerEvent{{Phase: ui.PointerMove, Primary: true, X: x, Y: y}}})
					}
					d.frame("clicking", clickAt([]float64{sz[0] * 0.6, sz[1] * 0.6, 1, 1}))
					d.frame("Tab", &ui.Input{Keys: []string{"Tab"}})

					drawTwice(t, d.a, "after a few frames")
					// Right after a new layout, before any Update.
					d.a.Resize(sz[0]*0.8, sz[1], sz[2])
					drawTwice(t, d.a, "after a resize")
				})
			}
		}
	}
}

// drawTwice draws a twice and checks that nothing changed: not the state
// the page sees, not any field of the program and its views, and not what
// was drawn.
func drawTwice(t *testing.T, a *app.App, when string) {
	t.Helper()
	before, hash := a.State().Bytes(), deepHash(a)
	var first, second ui.Recorder
	a.Draw(&first)
	mid, midHash := a.State().Bytes(), deepHash(a)
	a.Draw(&second)
	if !bytes.Equal(before, mid) || !bytes.Equal(mid, a.State().Bytes()) {
		t.Errorf("%s: Draw changed the state:\nbefore %s\nafter  %s", when, before, mid)
	}
	if hash != midHash || midHash != deepHash(a) {
		t.Errorf("%s: Draw changed a field of the program or of a view", when)
	}
	if len(first.Ops) < 10 || !reflect.DeepEqual(first.Ops, second.Ops) {
		t.Errorf("%s: two Draws drew differently (%d and %d calls)", when, len(first.Ops), len(second.Ops))
	}
}

// deepHash hashes every value reachable from v: fields (unexported ones
// too), pointers, slices, maps (in key order), interfaces. Functions count
// only as nil or not.
func deepHash(v any) uint64 {
	h := fnv.New64a()
	seen := map[uintptr]bool{}
	var buf [8]byte
	num := func(u uint64) {
		binary.LittleEndian.PutUint64(buf[:], u)
		h.Write(buf[:])
	}
	var walk func(r reflect.Value)
	walk = func(r reflect.Value) {
		switch r.Kind() {
		case reflect.Bool:
			if r.Bool() {
				num(1)
			} else {
				num(0)
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			num(uint64(r.Int()))
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			num(r.Uint())
		case reflect.Float32, reflect.Float64:
			num(math.Float64bits(r.Float()))
		case reflect.String:
			h.Write([]byte(r.String()))
			num(uint64(r.Len()))
		case reflect.Pointer:
			if r.IsNil() {
				num(0)
				return
			}
			if seen[r.Pointer()] {
				num(2)
				return
			}
			seen[r.Pointer()] = true
			walk(r.Elem())
		case reflect.Interface:
			if r.IsNil() {
				num(0)
				return
			}
			h.Write([]byte(r.Elem().Type().String()))
			walk(r.Elem())
		case reflect.Struct:
			for i := range r.NumField() {
				walk(r.Field(i))
			}
		case reflect.Slice, reflect.Array:
			num(uint64(r.Len()))
			if b, ok := rawBytes(r); ok {
				h.Write(b)
				return
			}
			for i := range r.Len() {
				walk(r.Index(i))
			}
		case reflect.Map:
			keys := r.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
			num(uint64(len(keys)))
			for _, k := range keys {
				walk(k)
				walk(r.MapIndex(k))
			}
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			num(uint64(r.Pointer()))
		}
	}
	walk(reflect.ValueOf(v))
	return h.Sum64()
}

// rawBytes is the memory of a slice or an addressable array of plain
// numbers, to hash it at once rather than value by value.
func rawBytes(r reflect.Value) ([]byte, bool) {
	switch r.Type().Elem().Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
	default:
		return nil, false
	}
	n := r.Len() * int(r.Type().Elem().Size())
	if n == 0 {
		return nil, true
	}
	switch {
	case r.Kind() == reflect.Slice:
		return unsafe.Slice((*byte)(r.UnsafePointer()), n), true
	case r.CanAddr():
		return unsafe.Slice((*byte)(unsafe.Pointer(r.UnsafeAddr())), n), true
	}
	return nil, false
}
