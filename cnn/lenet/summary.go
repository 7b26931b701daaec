package lenet

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/internal/msg"
)

// Operation describes a layer in the lecture's words, e.g.
// "6 kernels 1×5×5, stride 1, no padding".
func (l Layer) Operation() string {
	switch l.Kind {
	case Conv:
		pad := "no padding"
		if l.Padding > 0 {
			pad = msg.Sprintf("padding %d", l.Padding)
		}
		return msg.Sprintf("%d kernels %d×%d×%d, stride %d, %s, %v", l.Out.C, l.In.C, l.Kernel, l.Kernel, l.Stride, pad, l.Act)
	case Pool:
		return msg.Sprintf("max pooling %d×%d, stride %d", l.Kernel, l.Kernel, l.Stride)
	case FullyConnected:
		if l.Act == cnn.Identity {
			return msg.Sprintf("fully connected %d → %d, softmax", l.In.Len(), l.Out.Len())
		}
		return msg.Sprintf("fully connected %d → %d, %v", l.In.Len(), l.Out.Len(), l.Act)
	}
	return l.Kind.String()
}

// WriteSummary prints the lecture's LeNet-5 table: every layer's operation,
// shapes, parameters with their formula, multiply-accumulates and
// connections, then the totals.
func WriteSummary(w io.Writer) error {
	rows := [][]string{{"layer", "operation", "input → output", "parameters", "formula", "MACs", "connections"}}
	for _, l := range Layers {
		rows = append(rows, []string{l.Name, l.Operation(), l.In.String() + " → " + l.Out.String(),
			Thousands(l.Cost.Params()), l.Formula, Thousands(l.Cost.MACs), Thousands(l.Cost.Connections)})
	}
	if _, err := io.WriteString(w, alignRight(rows, 2)); err != nil {
		return err
	}
	conv, fc, all := Totals(Conv), Totals(FullyConnected), Totals(-1)
	var b strings.Builder
	b.WriteString(msg.Sprintf("\nconvolution layers:      %s parameters (%s)\n", Thousands(conv.Params()), paramTerms(Conv)))
	b.WriteString(msg.Sprintf("fully connected layers:  %s parameters (%s)\n", Thousands(fc.Params()), paramTerms(FullyConnected)))
	b.WriteString(msg.Sprintf("total:                   %s parameters (%s weights + %s biases)\n", Thousands(all.Params()), Thousands(all.Weights), Thousands(all.Biases)))
	b.WriteString(msg.Sprintf("multiply-accumulates:    %s per forward pass\n", Thousands(all.MACs)))
	b.WriteString(msg.Sprintf("connections:             %s\n", Thousands(all.Connections)))
	_, err := io.WriteString(w, b.String())
	return err
}

// alignRight lays rows out as a table whose columns are right-aligned, each
// as wide as its widest cell (in runes) plus gap spaces on the left, the
// layout of text/tabwriter with AlignRight (which is not used because it
// links fmt into lenet.wasm).
func alignRight(rows [][]string, gap int) string {
	var widths []int
	for _, r := range rows {
		for j, c := range r {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for j, c := range r {
			for range widths[j] + gap - utf8.RuneCountInString(c) {
				b.WriteByte(' ')
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// paramTerms writes the parameter counts of the layers of one kind as a
// sum, "156 + 2,416 + 48,120", in the order of the network.
func paramTerms(kind Kind) string {
	var terms []string
	for _, l := range Layers {
		if l.Kind == kind {
			terms = append(terms, Thousands(l.Cost.Params()))
		}
	}
	return strings.Join(terms, " + ")
}
