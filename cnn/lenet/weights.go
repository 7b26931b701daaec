package lenet

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"sync"
	"unicode/utf8"

	"github.com/seecnn/lenet/cnn/internal/msg"
)

// The weights file format, all integers little-endian:
//
//	offset  size  field
//	0       8     magic "LENET5\x00W"
//	8       4     version (1 or 2)
//	12      4     number of tensors T (10)
//	16      4     metadata length L (≤ MaxMeta)
//	(20     4     version 2 only: value type, 2 = IEEE 754 binary16)
//	20|24   L     metadata, UTF-8 text (how the weights were made)
//	        …     for each tensor: rank R (uint32), then R dimensions (uint32)
//	        …     the tensors' values, in order, each (out, in, …):
//	              version 1: float32, 4 bytes each;
//	              version 2: half floats, the low bytes of all of them, then
//	              the high bytes (so that the sign-and-exponent bytes sit
//	              together, which compresses 6 % better)
//	        4     CRC-32 (IEEE) of every byte before it
//
// Version 1 is what training writes (Encode): every bit of float32. Version
// 2 (EncodeHalf) is half the size and is what lenet.wasm embeds; rounding
// the trained weights to half floats changes no test figure (see
// site/docs/training.md).
//
// Decode reads both and checks every field against LeNet-5's shapes, so a
// truncated, corrupted or foreign file is rejected with an error that says
// what is wrong. Values must be finite.
const (
	Magic       = "LENET5\x00W"
	FileVersion = 1 // what Encode writes
	HalfVersion = 2 // what EncodeHalf writes
	MaxMeta     = 4096
)

// MaxFileSize is the length of the longest valid weights file: version 1
// with MaxMeta bytes of metadata. The 4·31 bytes are the shapes' ranks and
// dimensions (TestMaxFileSize checks the sum). A reader may refuse a longer
// file without reading it all.
const MaxFileSize = len(Magic) + 12 + MaxMeta + 4*31 + 4*NumParams + 4

// dtypeHalf is the value type of version 2: IEEE 754 binary16.
const dtypeHalf = 2

// magicQuoted is Magic as Go quotes it (strconv.Quote), written out so that
// the quoting code stays out of lenet.wasm.
const magicQuoted = `"LENET5\x00W"`

// Weights is a decoded weights file.
type Weights struct {
	Net  *Net
	Meta string // provenance, e.g. the command that trained them
	Half bool   // the file held half floats (version 2)
}

// Encode writes n and meta in the weights format, version 1 (float32). It
// refuses what Decode would refuse: a network without NumParams parameters,
// a parameter that is not finite, metadata that is not UTF-8 or longer than
// MaxMeta.
func Encode(w io.Writer, n *Net, meta string) error {
	return encode(w, n, meta, false)
}

// EncodeHalf writes n and meta in the weights format, version 2: every
// parameter rounded to the nearest half float (ties to even). Beside what
// Encode refuses, it refuses a parameter whose magnitude rounds beyond the
// largest half float, 65504.
func EncodeHalf(w io.Writer, n *Net, meta string) error {
	return encode(w, n, meta, true)
}

func encode(w io.Writer, n *Net, meta string, half bool) error {
	if len(meta) > MaxMeta || !utf8.ValidString(meta) {
		return msg.Errorf("lenet: metadata must be valid UTF-8 of at most %d bytes", MaxMeta)
	}
	if n == nil || len(n.Params) != NumParams {
		got := 0
		if n != nil {
			got = len(n.Params)
		}
		return msg.Errorf("lenet: cannot encode %d parameters, LeNet-5 has %d", got, NumParams)
	}
	for i, v := range n.Params {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return msg.Errorf("lenet: cannot encode parameter %d (%s): it is %v", i, paramName(i), v)
		}
	}
	var b []byte
	le := binary.LittleEndian
	b = append(b, Magic...)
	if half {
		b = le.AppendUint32(b, HalfVersion)
	} else {
		b = le.AppendUint32(b, FileVersion)
	}
	b = le.AppendUint32(b, uint32(len(ParamShapes)))
	b = le.AppendUint32(b, uint32(len(meta)))
	if half {
		b = le.AppendUint32(b, dtypeHalf)
	}
	b = append(b, meta...)
	for _, s := range ParamShapes {
		b = le.AppendUint32(b, uint32(len(s)))
		for _, d := range s {
			b = le.AppendUint32(b, uint32(d))
		}
	}
	if half {
		lo, hi := len(b), len(b)+len(n.Params)
		b = append(b, make([]byte, 2*len(n.Params))...)
		for i, v := range n.Params {
			h, ok := halfFromFloat32(v)
			if !ok {
				return msg.Errorf("lenet: cannot encode parameter %d (%s) as a half float: %v is beyond ±65504", i, paramName(i), v)
			}
			b[lo+i], b[hi+i] = byte(h), byte(h>>8)
		}
	} else {
		for _, v := range n.Params {
			b = le.AppendUint32(b, math.Float32bits(v))
		}
	}
	b = le.AppendUint32(b, crcIEEE(b))
	_, err := w.Write(b)
	return err
}

// ErrFormat is wrapped by every error Decode returns.
var ErrFormat = errors.New("lenet: not a valid LeNet-5 weights file")

// formatErr is an error that wraps ErrFormat, with ErrFormat's message
// and then f formatted with args.
func formatErr(f string, args ...any) error {
	return msg.Wrap(ErrFormat, ErrFormat.Error()+": "+msg.Sprintf(f, args...))
}

// Decode reads a weights file of either version. It never panics, whatever
// data holds.
func Decode(data []byte) (*Weights, error) {
	const head = len(Magic) + 12
	if len(data) < head+4 {
		return nil, formatErr("%d bytes is too short for the header", len(data))
	}
	if string(data[:len(Magic)]) != Magic {
		return nil, formatErr("it does not start with the magic %s", magicQuoted)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	le := binary.LittleEndian
	p := len(Magic)
	v := le.Uint32(data[p:])
	if v != FileVersion && v != HalfVersion {
		return nil, formatErr("version %d, this program reads versions %d and %d", v, FileVersion, HalfVersion)
	}
	half := v == HalfVersion
	if t := le.Uint32(data[p+4:]); int(t) != len(ParamShapes) {
		return nil, formatErr("it holds %d tensors, LeNet-5 has %d", t, len(ParamShapes))
	}
	ml := le.Uint32(data[p+8:])
	if ml > MaxMeta {
		return nil, formatErr("metadata length %d exceeds %d", ml, MaxMeta)
	}
	p = head
	if half {
		if len(body) < p+4 {
			return nil, formatErr("%d bytes is too short for the header", len(data))
		}
		if dt := le.Uint32(body[p:]); dt != dtypeHalf {
			return nil, formatErr("value type %d in version 2, which has only %d (half floats)", dt, dtypeHalf)
		}
		p += 4
	}
	if len(body) < p+int(ml) {
		return nil, formatErr("truncated in the metadata (%d bytes)", len(data))
	}
	meta := string(body[p : p+int(ml)])
	if !utf8.ValidString(meta) {
		return nil, formatErr("metadata is not UTF-8")
	}
	p += int(ml)
	for i, s := range ParamShapes {
		if len(body) < p+4 {
			return nil, formatErr("truncated in the shape of %s", ParamNames[i])
		}
		r := le.Uint32(body[p:])
		p += 4
		if int(r) != len(s) {
			return nil, formatErr("%s has rank %d, expected %d (shape %v)", ParamNames[i], r, len(s), s)
		}
		if len(body) < p+4*len(s) {
			return nil, formatErr("truncated in the shape of %s", ParamNames[i])
		}
		got := make([]int, len(s))
		for j := range s {
			got[j] = int(le.Uint32(body[p:]))
			p += 4
		}
		for j := range s {
			if got[j] != s[j] {
				return nil, formatErr("%s has shape %v, expected %v", ParamNames[i], got, s)
			}
		}
	}
	size := 4
	if half {
		size = 2
	}
	if want := p + size*NumParams; len(body) != want {
		if len(body) < want {
			return nil, formatErr("truncated: %d bytes of parameters, expected %d", len(body)-p, size*NumParams)
		}
		return nil, formatErr("%d unexpected bytes after the parameters", len(body)-want)
	}
	if c := crcIEEE(body); c != sum {
		return nil, formatErr("checksum mismatch (stored %08x, computed %08x): the file is corrupted", sum, c)
	}
	params := make([]float32, NumParams)
	for i := range params {
		var v float32
		if half {
			v = halfToFloat32(uint16(body[p+i]) | uint16(body[p+NumParams+i])<<8)
		} else {
			v = math.Float32frombits(le.Uint32(body[p+4*i:]))
		}
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, formatErr("parameter %d (%s) is %v", i, paramName(i), v)
		}
		params[i] = v
	}
	n, _ := FromParams(params)
	return &Weights{Net: n, Meta: meta, Half: half}, nil
}

// paramName names the tensor that holds parameter i of Net.Params.
func paramName(i int) string {
	for j, s := range ParamShapes {
		size := 1
		for _, d := range s {
			size *= d
		}
		if i < size {
			return ParamNames[j]
		}
		i -= size
	}
	return "out of range"
}

//go:generate go run gen_shipped.go

// shipped is lenet5.weights, compiled in from shipped.go.
var shipped = []byte(shippedFile)

var (
	pretrainedOnce sync.Once
	pretrained     *Weights
	pretrainedErr  error
)

// Pretrained returns the trained weights shipped inside the program, decoded
// once. Callers must not modify the returned network; Clone it first.
func Pretrained() (*Weights, error) {
	pretrainedOnce.Do(func() { pretrained, pretrainedErr = Decode(shipped) })
	return pretrained, pretrainedErr
}

// ShippedWeights returns the raw bytes of the shipped weights file.
func ShippedWeights() []byte { return shipped }
