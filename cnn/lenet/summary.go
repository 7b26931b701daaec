package lenet

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/seecnn/lenet/cnn"
)

// Operation describes a layer in the lecture's words, e.g.
// "6 kernels 1×5×5, stride 1, no padding".
func (l Layer) Operation() string {
	switch l.Kind {
	case Conv:
		pad := "no padding"
		if l.Padding > 0 {
			pad = fmt.Sprintf("padding %d", l.Padding)
		}
		return fmt.Sprintf("%d kernels %d×%d×%d, stride %d, %s, %v", l.Out.C, l.In.C, l.Kernel, l.Kernel, l.Stride, pad, l.Act)
	case Pool:
		return fmt.Sprintf("max pooling %d×%d, stride %d", l.Kernel, l.Kernel, l.Stride)
	case FullyConnected:
		if l.Act == cnn.Identity {
			return fmt.Sprintf("fully connected %d → %d, softmax", l.In.Len(), l.Out.Len())
		}
		return fmt.Sprintf("fully connected %d → %d, %v", l.In.Len(), l.Out.Len(), l.Act)
	}
	return l.Kind.String()
}

// WriteSummary prints the lecture's LeNet-5 table: every layer's operation,
// shapes, parameters with their formula, multiply-accumulates and
// connections, then the totals.
func WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\toperation\tinput → output\tparameters\tformula\tMACs\tconnections\t")
	for _, l := range Layers {
		fmt.Fprintf(tw, "%s\t%s\t%v → %v\t%s\t%s\t%s\t%s\t\n", l.Name, l.Operation(), l.In, l.Out,
			Thousands(l.Cost.Params()), l.Formula, Thousands(l.Cost.MACs), Thousands(l.Cost.Connections))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	conv, fc, all := Totals(Conv), Totals(FullyConnected), Totals(-1)
	var b strings.Builder
	fmt.Fprintf(&b, "\nconvolution layers:      %s parameters (%s)\n", Thousands(conv.Params()), paramTerms(Conv))
	fmt.Fprintf(&b, "fully connected layers:  %s parameters (%s)\n", Thousands(fc.Params()), paramTerms(FullyConnected))
	fmt.Fprintf(&b, "total:                   %s parameters (%s weights + %s biases)\n", Thousands(all.Params()), Thousands(all.Weights), Thousands(all.Biases))
	fmt.Fprintf(&b, "multiply-accumulates:    %s per forward pass\n", Thousands(all.MACs))
	fmt.Fprintf(&b, "connections:             %s\n", Thousands(all.Connections))
	_, err := io.WriteString(w, b.String())
	return err
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
