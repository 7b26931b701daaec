// Package wasmasm writes Go's WebAssembly assembly, line by line, for the
// generators of the project's kernels (cnn/lenet/internal/wasmgen and
// cnn/train/internal/wasmgen). It holds only the helpers both use; each
// generator's comments say why its loops are in assembly.
//
// Registers are Go's: R0…R15 hold int64 values (pointers and counters),
// F0…F15 float32 values. Addresses are wrapped to 32 bits before a load or
// a store, and float loads and stores take a constant byte offset, which
// is what makes hand-written loads cheaper than the compiler's.
package wasmasm

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Asm accumulates lines of Go's WebAssembly assembly.
type Asm struct {
	b      bytes.Buffer
	indent int
}

// Bytes returns everything written so far.
func (a *Asm) Bytes() []byte { return a.b.Bytes() }

// Raw writes s as it is, without indentation or a newline.
func (a *Asm) Raw(s string) { a.b.WriteString(s) }

// Op writes one instruction (or directive), indented to the current depth.
func (a *Asm) Op(format string, args ...any) {
	for range a.indent {
		a.b.WriteByte('\t')
	}
	fmt.Fprintf(&a.b, format, args...)
	a.b.WriteByte('\n')
}

// Begin starts the function text with its Go declaration as a comment;
// End closes it.
func (a *Asm) Begin(decl, text string) {
	a.Op("// %s", decl)
	a.Op("%s", text)
	a.indent++
}

// End returns from the function begun with Begin and closes its text.
func (a *Asm) End() {
	a.Op("RET")
	a.indent--
	a.b.WriteString("\n")
}

// Push pushes each of xs: a register (F0…) or a float constant.
func (a *Asm) Push(xs ...string) {
	for _, x := range xs {
		if x[0] == 'F' {
			a.Op("Get %s", x)
		} else {
			a.Op("F32Const $(%s)", F32(Parse(x)))
		}
	}
}

// Open starts a Block, Loop or If; Close ends it.
func (a *Asm) Open(kind string) { a.Op("%s", kind); a.indent++ }

// Close ends the Block, Loop or If opened last.
func (a *Asm) Close() { a.indent--; a.Op("End") }

// AddConst adds c to the pointer (or counter) in register r.
func (a *Asm) AddConst(r string, c int) {
	a.Op("Get %s", r)
	a.Op("I64Const $%d", c)
	a.Op("I64Add")
	a.Op("Set %s", r)
}

// LoadF32 pushes the float32 at byte offset off from the address in r.
func (a *Asm) LoadF32(r string, off int) {
	a.Op("Get %s", r)
	a.Op("I32WrapI64")
	a.Op("F32Load $%d", off)
}

// StoreF32 stores register f at byte offset off from the address in r.
func (a *Asm) StoreF32(r string, off int, f string) {
	a.Op("Get %s", r)
	a.Op("I32WrapI64")
	a.Op("Get %s", f)
	a.Op("F32Store $%d", off)
}

// Mac adds w·v to the accumulator acc: acc = acc + w*v, the operation
// and order of Go's acc += w * v.
func (a *Asm) Mac(acc, w, v string) {
	a.Op("Get %s", acc)
	a.Op("Get %s", w)
	a.Op("Get %s", v)
	a.Op("F32Mul")
	a.Op("F32Add")
	a.Op("Set %s", acc)
}

// CountDown decrements counter r and branches back to the enclosing Loop
// while it is not zero.
func (a *Asm) CountDown(r string) {
	a.Op("Get %s", r)
	a.Op("I64Const $1")
	a.Op("I64Sub")
	a.Op("Tee %s", r)
	a.Op("I64Eqz")
	a.Op("I32Eqz")
	a.Op("BrIf $0")
}

// F32 formats a float32 constant for F32Const so that it reads back to
// exactly the same float32 (and as a float: the assembler takes 4 for an
// integer).
func F32(x float32) string {
	s := strconv.FormatFloat(float64(x), 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// Parse reads a float constant written in a generator.
func Parse(s string) float32 {
	x, err := strconv.ParseFloat(s, 32)
	if err != nil {
		panic(err)
	}
	return float32(x)
}
