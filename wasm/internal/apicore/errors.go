// Package apicore is the logic behind the JavaScript API (wasm/api): it
// checks every argument a page can pass, runs LeNet-5, the canvas
// preprocessing, convolution and pooling on buffers that the JavaScript side
// fills, and describes every failure together with the JavaScript error
// class it must become. It needs no syscall/js, so it is tested natively as
// well as under GOOS=js.
package apicore

import "github.com/seecnn/lenet/wasm/internal/msg"

// Status is what an exported call returns to JavaScript. The values are part
// of the contract with site/lenet.js.
type Status int32

const (
	OK         Status = 0 // done
	Empty      Status = 1 // predict: the canvas is blank, the network did not run
	TypeError  Status = 2 // a JavaScript TypeError: wrong kind of value
	RangeError Status = 3 // a JavaScript RangeError: right kind, wrong size or value
	Internal   Status = 4 // a plain Error: a fault of the program, not of the caller
)

// Error is an error with the JavaScript class it becomes.
type Error struct {
	Status Status
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

func typeErr(format string, args ...any) error {
	return &Error{Status: TypeError, Msg: msg.Sprintf(format, args...)}
}

func rangeErr(format string, args ...any) error {
	return &Error{Status: RangeError, Msg: msg.Sprintf(format, args...)}
}

// Classify returns the status an error maps to and its message. A nil error
// is OK; errors that are not *Error are Internal.
func Classify(err error) (Status, string) {
	if err == nil {
		return OK, ""
	}
	if e, ok := err.(*Error); ok {
		return e.Status, e.Msg
	}
	return Internal, err.Error()
}
