package export

import (
	"math"
	"strconv"
)

// CSV writes l's values as comma-separated text, one value a line after a
// header line:
//
//	source,layer,channel,row,column,value
//	sample 7,C3,0,0,0,0.7315
//
// channel, row and column count from 0 (C5, F6 and Output have row and
// column 0 and the unit's number as channel); value is written with the
// fewest digits that read back to the same float32 (NaN, +Inf and -Inf as
// such). Lines end in \n.
func CSV(l Layer) ([]byte, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	s := l.Shape
	prefix := l.Source + "," + l.Name + ","
	b := make([]byte, 0, 40+len(l.Values)*(len(prefix)+20))
	b = append(b, "source,layer,channel,row,column,value\n"...)
	for i, v := range l.Values {
		b = append(b, prefix...)
		for _, n := range [3]int{i / (s.H * s.W), i / s.W % s.H, i % s.W} {
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, ',')
		}
		b = append(appendValue(b, v, false), '\n')
	}
	return b, nil
}

// JSON writes l as one JSON object:
//
//	{"network": "LeNet-5", "layer": "C3", "source": "sample 7",
//	 "shape": [16, 10, 10], "order": "channel, row, column",
//	 "values": [0.7315, …]}
//
// shape is [channels, rows, columns]; values holds them all in that
// order, the value of channel c at row y, column x at (c·rows + y)·columns
// + x, each with the fewest digits that read back to the same float32; a
// value that is not finite (JSON has no NaN or infinity) is null.
func JSON(l Layer) ([]byte, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	s := l.Shape
	b := make([]byte, 0, 160+len(l.Values)*12)
	b = append(b, `{"network": "LeNet-5", "layer": `...)
	b = strconv.AppendQuote(b, l.Name)
	b = append(b, `, "source": `...)
	b = strconv.AppendQuote(b, l.Source)
	b = append(b, `, "shape": [`+strconv.Itoa(s.C)+", "+strconv.Itoa(s.H)+", "+strconv.Itoa(s.W)+
		`], "order": "channel, row, column", "values": [`...)
	for i, v := range l.Values {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendValue(b, v, true)
	}
	b = append(b, "]}\n"...)
	return b, nil
}

// appendValue writes v with the fewest digits that read back to the same
// float32; NaN, +Inf and -Inf as such, or, for JSON, as null.
func appendValue(b []byte, v float32, json bool) []byte {
	if json && (math.IsNaN(float64(v)) || math.IsInf(float64(v), 0)) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, float64(v), 'g', -1, 32)
}
