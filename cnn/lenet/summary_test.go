package lenet

import (
	"errors"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
)

// lectureFigures are the numbers the lecture's LeNet-5 table and its
// derived figures hold, as the summary must print them.
var lectureFigures = []string{
	"156", "2,416", "48,120", "10,164", "850",
	"(1·5·5+1)·6 = 156", "(6·5·5+1)·16 = 2,416", "(16·5·5+1)·120 = 48,120", "(120+1)·84 = 10,164", "(84+1)·10 = 850",
	"1×32×32 → 6×28×28", "6×28×28 → 6×14×14", "6×14×14 → 16×10×10", "16×10×10 → 16×5×5", "16×5×5 → 120×1×1",
	"117,600", "240,000", "48,000", "10,080", "840", "122,304",
	"50,692", "11,014", "61,706", "416,520",
	"(156 + 2,416 + 48,120)", "(10,164 + 850)",
}

func TestWriteSummary(t *testing.T) {
	var b strings.Builder
	if err := WriteSummary(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, f := range lectureFigures {
		if !strings.Contains(out, f) {
			t.Errorf("the summary lacks %q:\n%s", f, out)
		}
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	// A header, seven layers, a blank line and five totals.
	if len(lines) != 1+7+1+5 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for i, l := range Layers {
		if f := strings.Fields(lines[1+i]); len(f) == 0 || f[0] != l.Name {
			t.Errorf("line %d is %q, want layer %s", 2+i, lines[1+i], l.Name)
		}
	}
	for _, want := range []string{
		"convolution layers:      50,692 parameters (156 + 2,416 + 48,120)",
		"fully connected layers:  11,014 parameters (10,164 + 850)",
		"total:                   61,706 parameters (61,470 weights + 236 biases)",
		"multiply-accumulates:    416,520 per forward pass",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("the summary lacks the line %q", want)
		}
	}
}

func TestParamTermsFollowLayers(t *testing.T) {
	// The totals lines are computed from Layers, not written by hand.
	if got := paramTerms(Conv); got != "156 + 2,416 + 48,120" {
		t.Errorf("paramTerms(Conv) = %q", got)
	}
	if got := paramTerms(FullyConnected); got != "10,164 + 850" {
		t.Errorf("paramTerms(FullyConnected) = %q", got)
	}
	if got := paramTerms(Pool); got != "0 + 0" {
		t.Errorf("paramTerms(Pool) = %q", got)
	}
}

type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("broken pipe")
	}
	w.n--
	return len(p), nil
}

func TestWriteSummaryReportsWriteErrors(t *testing.T) {
	for _, n := range []int{0, 1} {
		if err := WriteSummary(&failAfter{n: n}); err == nil {
			t.Errorf("a writer failing after %d writes: no error", n)
		}
	}
}

func TestOperationWording(t *testing.T) {
	for _, tc := range []struct {
		l    Layer
		want string
	}{
		{Layer{Kind: Conv, In: cnn.Shape{C: 3, H: 32, W: 32}, Out: cnn.Shape{C: 8, H: 32, W: 32}, Kernel: 3, Stride: 1, Padding: 1, Act: cnn.Tanh},
			"8 kernels 3×3×3, stride 1, padding 1, tanh"},
		{Layer{Kind: Pool, Kernel: 3, Stride: 3}, "max pooling 3×3, stride 3"},
		{Layer{Kind: FullyConnected, In: cnn.Shape{C: 400, H: 1, W: 1}, Out: cnn.Shape{C: 120, H: 1, W: 1}, Act: cnn.Sigmoid},
			"fully connected 400 → 120, sigmoid"},
		{Layer{Kind: 9}, "Kind(9)"},
	} {
		if got := tc.l.Operation(); got != tc.want {
			t.Errorf("Operation() = %q, want %q", got, tc.want)
		}
	}
}
