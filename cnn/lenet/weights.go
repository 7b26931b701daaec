package lenet

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"sync"
	"unicode/utf8"

	"github.com/seecnn/lenet/internal/msg"
)

// The weights file format, version 1, all integers little-endian:
//
//	offset  size  field
//	0       8     magic "LENET5\x00W"
//	8       4     version (1)
//	12      4     number of tensors T (10)
//	16      4     metadata length L (≤ MaxMeta)
//	20      L     metadata, UTF-8 text (how the weights were made)
//	        …     for each tensor: rank R (uint32), then R dimensions (uint32)
//	        …     the tensors' float32 values, in order, each (out, in, …)
//	        4     CRC-32 (IEEE) of every byte before it
//
// Decode checks every field against LeNet-5's shapes, so a truncated,
// corrupted or foreign file is rejected with an error that says what is
// wrong. Values must be finite.
const (
	Magic       = "LENET5\x00W"
	FileVersion = 1
	MaxMeta     = 4096
)

// Weights is a decoded weights file.
type Weights struct {
	Net  *Net
	Meta string // provenance, e.g. the command that trained them
}

// Encode writes n and meta in the weights format. It refuses what Decode
// would refuse: a network without NumParams parameters, a parameter that is
// not finite, metadata that is not UTF-8 or longer than MaxMeta.
func Encode(w io.Writer, n *Net, meta string) error {
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
	var b bytes.Buffer
	b.WriteString(Magic)
	u32 := func(v int) { b.Write(binary.LittleEndian.AppendUint32(nil, uint32(v))) }
	u32(FileVersion)
	u32(len(ParamShapes))
	u32(len(meta))
	b.WriteString(meta)
	for _, s := range ParamShapes {
		u32(len(s))
		for _, d := range s {
			u32(d)
		}
	}
	buf := make([]byte, 4*len(n.Params))
	for i, v := range n.Params {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	b.Write(buf)
	u32(int(crc32.ChecksumIEEE(b.Bytes())))
	_, err := w.Write(b.Bytes())
	return err
}

// ErrFormat is wrapped by every error Decode returns.
var ErrFormat = errors.New("lenet: not a valid LeNet-5 weights file")

func formatErr(f string, args ...any) error {
	return msg.Errorf("%w: "+f, append([]any{ErrFormat}, args...)...)
}

// Decode reads a weights file. It never panics, whatever data holds.
func Decode(data []byte) (*Weights, error) {
	const head = len(Magic) + 12
	if len(data) < head+4 {
		return nil, formatErr("%d bytes is too short for the header", len(data))
	}
	if string(data[:len(Magic)]) != Magic {
		return nil, formatErr("it does not start with the magic %q", Magic)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	le := binary.LittleEndian
	p := len(Magic)
	if v := le.Uint32(data[p:]); v != FileVersion {
		return nil, formatErr("version %d, this program reads version %d", v, FileVersion)
	}
	if t := le.Uint32(data[p+4:]); int(t) != len(ParamShapes) {
		return nil, formatErr("it holds %d tensors, LeNet-5 has %d", t, len(ParamShapes))
	}
	ml := le.Uint32(data[p+8:])
	if ml > MaxMeta {
		return nil, formatErr("metadata length %d exceeds %d", ml, MaxMeta)
	}
	p = head
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
	if want := p + 4*NumParams; len(body) != want {
		if len(body) < want {
			return nil, formatErr("truncated: %d bytes of parameters, expected %d", len(body)-p, 4*NumParams)
		}
		return nil, formatErr("%d unexpected bytes after the parameters", len(body)-want)
	}
	if c := crc32.ChecksumIEEE(body); c != sum {
		return nil, formatErr("checksum mismatch (stored %08x, computed %08x): the file is corrupted", sum, c)
	}
	params := make([]float32, NumParams)
	for i := range params {
		v := math.Float32frombits(le.Uint32(body[p+4*i:]))
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, formatErr("parameter %d (%s) is %v", i, paramName(i), v)
		}
		params[i] = v
	}
	n, _ := FromParams(params)
	return &Weights{Net: n, Meta: meta}, nil
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

//go:embed lenet5.weights
var shipped []byte

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
