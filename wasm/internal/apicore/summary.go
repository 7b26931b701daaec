package apicore

import (
	"strconv"
	"strings"
	"sync"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// SummaryLayer is one row of the lecture's LeNet-5 table, as summary()
// returns it to JavaScript.
type SummaryLayer struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Operation   string `json:"operation"`
	Input       [3]int `json:"input"`
	Output      [3]int `json:"output"`
	Kernel      int    `json:"kernel"`
	Stride      int    `json:"stride"`
	Padding     int    `json:"padding"`
	Activation  string `json:"activation"`
	Parameters  int64  `json:"parameters"`
	Weights     int64  `json:"weights"`
	Biases      int64  `json:"biases"`
	Formula     string `json:"formula"`
	MACs        int64  `json:"macs"`
	Connections int64  `json:"connections"`
}

// SummaryTotals are the table's totals.
type SummaryTotals struct {
	ConvParameters int64 `json:"convolutionParameters"`
	FCParameters   int64 `json:"fullyConnectedParameters"`
	Parameters     int64 `json:"parameters"`
	Weights        int64 `json:"weights"`
	Biases         int64 `json:"biases"`
	MACs           int64 `json:"macs"`
	Connections    int64 `json:"connections"`
}

// Summary is the whole table plus its text form (what `lenet summary`
// prints).
type Summary struct {
	Layers []SummaryLayer `json:"layers"`
	Totals SummaryTotals  `json:"totals"`
	Text   string         `json:"text"`
}

func shape3(s cnn.Shape) [3]int { return [3]int{s.C, s.H, s.W} }

// MakeSummary builds the table from lenet.Layers.
func MakeSummary() Summary {
	var s Summary
	for _, l := range lenet.Layers {
		act := l.Act.String()
		switch {
		case l.Kind == lenet.Pool:
			act = "none"
		case l.Name == "Output":
			act = "softmax"
		}
		s.Layers = append(s.Layers, SummaryLayer{
			Name: l.Name, Kind: l.Kind.String(), Operation: l.Operation(),
			Input: shape3(l.In), Output: shape3(l.Out),
			Kernel: l.Kernel, Stride: l.Stride, Padding: l.Padding, Activation: act,
			Parameters: l.Cost.Params(), Weights: l.Cost.Weights, Biases: l.Cost.Biases,
			Formula: l.Formula, MACs: l.Cost.MACs, Connections: l.Cost.Connections,
		})
	}
	conv, fc, all := lenet.Totals(lenet.Conv), lenet.Totals(lenet.FullyConnected), lenet.Totals(-1)
	s.Totals = SummaryTotals{
		ConvParameters: conv.Params(), FCParameters: fc.Params(), Parameters: all.Params(),
		Weights: all.Weights, Biases: all.Biases, MACs: all.MACs, Connections: all.Connections,
	}
	var b strings.Builder
	_ = lenet.WriteSummary(&b)
	s.Text = b.String()
	return s
}

// The JSON is written by hand: encoding/json would add about 100 kB to
// lenet.wasm on the wire for this one table.
var summaryJSON = sync.OnceValue(func() []byte { return MakeSummary().AppendJSON(nil) })

// SummaryJSON is MakeSummary as JSON, built once.
func SummaryJSON() []byte { return summaryJSON() }

// AppendJSON appends s as a JSON object, with the field names of the json
// tags.
func (s Summary) AppendJSON(b []byte) []byte {
	b = append(b, `{"layers":[`...)
	for i, l := range s.Layers {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = jsonStr(b, "name", l.Name, false)
		b = jsonStr(b, "kind", l.Kind, true)
		b = jsonStr(b, "operation", l.Operation, true)
		b = jsonShape(b, "input", l.Input)
		b = jsonShape(b, "output", l.Output)
		b = jsonInt(b, "kernel", int64(l.Kernel))
		b = jsonInt(b, "stride", int64(l.Stride))
		b = jsonInt(b, "padding", int64(l.Padding))
		b = jsonStr(b, "activation", l.Activation, true)
		b = jsonInt(b, "parameters", l.Parameters)
		b = jsonInt(b, "weights", l.Weights)
		b = jsonInt(b, "biases", l.Biases)
		b = jsonStr(b, "formula", l.Formula, true)
		b = jsonInt(b, "macs", l.MACs)
		b = jsonInt(b, "connections", l.Connections)
		b = append(b, '}')
	}
	t := s.Totals
	b = append(b, `],"totals":{"convolutionParameters":`...)
	b = strconv.AppendInt(b, t.ConvParameters, 10)
	b = jsonInt(b, "fullyConnectedParameters", t.FCParameters)
	b = jsonInt(b, "parameters", t.Parameters)
	b = jsonInt(b, "weights", t.Weights)
	b = jsonInt(b, "biases", t.Biases)
	b = jsonInt(b, "macs", t.MACs)
	b = jsonInt(b, "connections", t.Connections)
	b = append(b, '}')
	b = jsonStr(b, "text", s.Text, true)
	return append(b, '}')
}

func jsonKey(b []byte, k string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = appendJSONString(b, k)
	return append(b, ':')
}

func jsonInt(b []byte, k string, v int64) []byte {
	return strconv.AppendInt(jsonKey(b, k, true), v, 10)
}

func jsonStr(b []byte, k, v string, comma bool) []byte {
	return appendJSONString(jsonKey(b, k, comma), v)
}

func jsonShape(b []byte, k string, s [3]int) []byte {
	b = append(jsonKey(b, k, true), '[')
	for i, d := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d), 10)
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, everything else as UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
