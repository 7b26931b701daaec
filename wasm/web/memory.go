//go:build js && wasm

package web

import (
	"runtime"
	"syscall/js"
)

// memoryReport collects the garbage and says what the Go heap holds
// (goHeapBytes: the objects still alive) and what it has taken from the
// WebAssembly memory (goHeapSysBytes), for lenetDemo.memory(). A leak
// shows in the first; the WebAssembly memory, which never shrinks, is the
// high-water mark of the second.
func memoryReport() js.Value {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	o := js.Global().Get("Object").New()
	o.Set("goHeapBytes", float64(m.HeapAlloc))
	o.Set("goHeapSysBytes", float64(m.HeapSys))
	return o
}
