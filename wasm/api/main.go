//go:build js && wasm

// Command api is lenet.wasm, the WebAssembly half of the JavaScript API
// (site/lenet.js). It has no Ebiten and no DOM access, so it runs in
// browsers and in Node alike.
//
// The crossing is built for speed: every function is a //go:wasmexport
// function that takes and returns plain numbers. Bulk data never crosses as
// JavaScript values; it lives in Go buffers that never move, whose addresses
// JavaScript reads once (lenet_layout) and views as typed arrays on the
// instance's memory. A predict is then one copy of the image into the
// exchange buffer, one call, and one copy of the results out.
//
// The exchange buffer grows only for a call whose sizes were accepted: when
// a call needs more room than the buffer has, lenet.js first makes the same
// call with dry set, which checks the sizes and reads nothing, and reserves
// the room only if they pass. The buffer never grows past
// apicore.MaxScratchBytes.
//
// Every exported function recovers from panics and reports errors through
// a status (apicore.Status) plus a message in the registers, so no input can
// end the program.
package main

import (
	"unsafe"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/internal/apicore"
	"github.com/seecnn/lenet/wasm/internal/msg"
)

// ABI is the version of the contract between this program and lenet.js; it
// changes whenever the exports or the layout table change.
const ABI = 2

// Register indices (regs[i]), shared with lenet.js.
const (
	regLabel      = 0 // predict: the most probable class
	regErrPtr     = 1 // address and length of the last error message
	regErrLen     = 2
	regScratchPtr = 3 // address and capacity in bytes of the exchange buffer
	regScratchCap = 4
	regResultPtr  = 5 // conv2d, pool2d: address, length and shape of the output
	regResultLen  = 6
	regResultC    = 7
	regResultH    = 8
	regResultW    = 9
	regTextPtr    = 10 // summary, meta: address and length of UTF-8 text
	regTextLen    = 11
	numRegs       = 16
)

var (
	core    *apicore.Core
	initErr error
	regs    [numRegs]int32
	errMsg  []byte
	text    []byte
	// layout: [0] ABI, [1] address of regs, then for each of Input, C1, S2,
	// C3, S4, C5, F6, Output, Probs its address and length in float32s,
	// then the most bytes the exchange buffer holds (MaxScratchBytes) and
	// the length of the longest valid weights file (lenet.MaxFileSize).
	layout [2 + 2*9 + 2]uint32
)

func addr[T any](p *T) uint32 { return uint32(uintptr(unsafe.Pointer(p))) }

func setError(st apicore.Status, msg string) int32 {
	errMsg = []byte(msg)
	regs[regErrLen] = int32(len(errMsg))
	regs[regErrPtr] = 0
	if len(errMsg) > 0 {
		regs[regErrPtr] = int32(addr(&errMsg[0]))
	}
	return int32(st)
}

func finish(st apicore.Status, err error) int32 {
	if err != nil {
		s, msg := apicore.Classify(err)
		return setError(s, msg)
	}
	return int32(st)
}

// recovered turns a panic into an Internal status. Use as
// defer recovered(&status).
func recovered(st *int32) {
	if r := recover(); r != nil {
		*st = setError(apicore.Internal, msg.Sprintf("internal error in lenet.wasm (the instance is still usable): %v", r))
	}
}

func ready() (apicore.Status, error) {
	if core == nil {
		return apicore.Internal, msg.Errorf("lenet.wasm could not start: %v", initErr)
	}
	return apicore.OK, nil
}

func setText(b []byte) {
	text = b // kept here so that it lives until JavaScript has read it
	regs[regTextLen] = int32(len(text))
	regs[regTextPtr] = 0
	if len(text) > 0 {
		regs[regTextPtr] = int32(addr(&text[0]))
	}
}

func publishScratch() {
	b := core.ScratchBytes()
	regs[regScratchCap] = int32(len(b))
	regs[regScratchPtr] = 0
	if len(b) > 0 {
		regs[regScratchPtr] = int32(addr(&b[0]))
	}
}

//go:wasmexport lenet_layout
func exportLayout() (p uint32) {
	layout[0] = ABI
	layout[1] = addr(&regs[0])
	layout[2+2*9] = uint32(apicore.MaxScratchBytes)
	layout[3+2*9] = uint32(lenet.MaxFileSize)
	if core != nil {
		for i, l := range core.Layers() {
			layout[2+2*i] = addr(&l.Data[0])
			layout[3+2*i] = uint32(len(l.Data))
		}
	}
	return addr(&layout[0])
}

//go:wasmexport lenet_status
func exportStatus() (st int32) {
	defer recovered(&st)
	return finish(ready())
}

//go:wasmexport lenet_reserve
func exportReserve(n int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	err := core.Reserve(int(n))
	publishScratch()
	return finish(apicore.OK, err)
}

//go:wasmexport lenet_predict
func exportPredict(format, w, h, n, preprocess, dry int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	if dry != 0 {
		return finish(apicore.OK, apicore.CheckPredict(apicore.Format(format), int(w), int(h), int(n), preprocess != 0))
	}
	s, err := core.Predict(apicore.Format(format), int(w), int(h), int(n), preprocess != 0)
	regs[regLabel] = -1
	if err == nil && s == apicore.OK {
		regs[regLabel] = int32(core.Label())
	}
	return finish(s, err)
}

// lenet_explain leaves the evidence map of the last predict in the result
// registers: method 1 occlusion, 2 gradient; target -1 for the predicted
// class.
//
//go:wasmexport lenet_explain
func exportExplain(method, target int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	err := core.Explain(apicore.Method(method), int(target))
	if err == nil {
		publishResult()
	}
	return finish(apicore.OK, err)
}

//go:wasmexport lenet_set_weights
func exportSetWeights(n int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	b := core.ScratchBytes()
	if n < 0 || int(n) > len(b) {
		return setError(apicore.Internal, "load: the weights were not copied into the exchange buffer")
	}
	return finish(apicore.OK, core.SetWeights(b[:n]))
}

//go:wasmexport lenet_meta
func exportMeta() (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	setText([]byte(core.Meta))
	return int32(apicore.OK)
}

//go:wasmexport lenet_summary
func exportSummary() (st int32) {
	defer recovered(&st)
	setText(apicore.SummaryJSON())
	return int32(apicore.OK)
}

func publishResult() {
	r := core.Result
	regs[regResultLen] = int32(len(r))
	regs[regResultPtr] = 0
	if len(r) > 0 {
		regs[regResultPtr] = int32(addr(&r[0]))
	}
	regs[regResultC] = int32(core.ResultShape.C)
	regs[regResultH] = int32(core.ResultShape.H)
	regs[regResultW] = int32(core.ResultShape.W)
}

//go:wasmexport lenet_conv2d
func exportConv2D(c, h, w, n, kc, kh, kw, padding, same, stride, mode, bias, dry int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	a := apicore.ConvArgs{
		C: int(c), H: int(h), W: int(w),
		N: int(n), KC: int(kc), KH: int(kh), KW: int(kw),
		Padding: int(padding), Same: same != 0, Stride: int(stride), Mode: int(mode), Bias: bias != 0,
	}
	if dry != 0 {
		return finish(apicore.OK, apicore.CheckConv2D(a))
	}
	err := core.Conv2D(a)
	if err == nil {
		publishResult()
	}
	return finish(apicore.OK, err)
}

//go:wasmexport lenet_pool2d
func exportPool2D(c, h, w, size, stride, mode, dry int32) (st int32) {
	defer recovered(&st)
	if s, err := ready(); err != nil {
		return finish(s, err)
	}
	a := apicore.PoolArgs{C: int(c), H: int(h), W: int(w), Size: int(size), Stride: int(stride), Mode: int(mode)}
	if dry != 0 {
		return finish(apicore.OK, apicore.CheckPool2D(a))
	}
	err := core.Pool2D(a)
	if err == nil {
		publishResult()
	}
	return finish(apicore.OK, err)
}

// lenet_debug_panic panics inside an exported function, so that the tests
// can check that the boundary recovers and the instance stays usable.
//
//go:wasmexport lenet_debug_panic
func exportDebugPanic() (st int32) {
	defer recovered(&st)
	var table []int
	return int32(table[len(errMsg)+1])
}

// lenet_debug_exit ends the Go program the way a fault the boundary could
// not catch would (an unrecovered panic: exit code 2), so that the tests can
// check that later calls throw a clear Error. os.Exit or syscall.Exit would
// end it more quietly, but their start-up code (syscall's reaches for Node's
// fs module through syscall/js) adds about 32 KB to the compressed
// lenet.wasm, for a function that only the tests call.
//
//go:wasmexport lenet_debug_exit
func exportDebugExit() { panic("lenet.wasm: stopped on purpose by lenet_debug_exit") }

// The exported functions are called from JavaScript only; listing them here
// keeps tools that do not know //go:wasmexport from reporting them unused.
var _ = []any{exportLayout, exportStatus, exportReserve, exportPredict, exportSetWeights, exportMeta,
	exportSummary, exportConv2D, exportPool2D, exportDebugPanic, exportDebugExit, exportExplain}

func main() {
	core, initErr = apicore.New()
	if core != nil {
		if err := core.Reserve(64 << 10); err == nil {
			publishScratch()
		}
	}
	// Keep the program alive: JavaScript calls the exported functions
	// while main waits here.
	select {}
}
