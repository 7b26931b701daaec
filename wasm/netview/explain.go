package netview

import (
	"fmt"
	"math"
	"strings"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// Explanation is how one unit's value was computed, in the numbers the
// demo shows: the lecture's "linear combination of the receptive field
// and the kernel", then the bias and the activation. Every number in it
// is written with ui.FormatNum, so the sentences and the grids beside
// them show a value alike; every part of a sum is named (a channel, a
// unit), and a sum too long to write out says how many terms it leaves
// out.
type Explanation struct {
	Unit  Unit
	Title string // the layer, what it does, which unit: "C3 convolution · feature map 15 · row 3, column 4"
	Sub   string // its receptive field on the input
	// Lines are the computation: the weighted sum (or the maximum), the
	// bias, the activation or the softmax.
	Lines []string
	Note  string // how the lecture says it; dropped first when space is short

	// For a convolution, the window and the kernel of channel Ch of the
	// layer below (Side×Side each); for a pooling, the window only. Nil
	// otherwise (and for C5, whose window is the whole of S4).
	Window, Kernel []float32
	Side, Ch       int
	// Terms are the contributions to the weighted sum: one per channel of
	// the layer below for a convolution, one per input for the fully
	// connected layers (and C5), in the order of the layer below.
	Terms []Term
	// Weights and Inputs are, for C5, F6 and Output, every weight w and
	// every input x of the unit (w·x are the Terms): the pictures of
	// which inputs pushed the unit up or down.
	Weights, Inputs []float32

	Sum, Bias, Z, Value float32 // Σ, b, z = Σ + b, the layer's value (after the activation)
	// Prob is the softmax probability of an Output unit, whose Value is
	// its score z (Output holds the scores before softmax).
	Prob float32
}

// Term is one contribution to a weighted sum and what it is.
type Term struct {
	Label string
	V     float32
}

// maxTerms is how many terms a sum writes out before "and n more terms".
const maxTerms = 3

// Explain computes the explanation of u from the network and its
// activations. ch chooses the channel whose window and kernel are shown
// with their numbers (for C3); -1 chooses the one with the largest term.
// ok is false for an invalid unit.
func Explain(n *lenet.Net, a *lenet.Activations, u Unit, ch int, lang i18n.Lang) (e Explanation, ok bool) {
	if !u.Valid() {
		return e, false
	}
	e.Unit = u
	f := ui.FormatNum
	name := u.Layer.String()
	shape := u.Layer.Shape()
	ly, _ := lenet.LayerOf(u.Layer)
	below := u.Layer - 1
	where := fmt.Sprintf(txtRowCol.In(lang), u.Y, u.X)
	e.Title = fmt.Sprintf("%s %s · %s %d · %s", name, kindText(u.Layer, lang), i18n.FeatureMap.In(lang), u.C, where)
	if shape.H == 1 && shape.W == 1 {
		e.Title = fmt.Sprintf("%s %s · %s %d", name, kindText(u.Layer, lang), i18n.Unit.In(lang), u.C)
	}
	rf := OnInput(u)
	e.Sub = fmt.Sprintf(txtRFOnInput.In(lang), rf.Dy(), rf.Dx(), rf.Min.Y, rf.Max.Y-1, rf.Min.X, rf.Max.X-1)
	if rf.Dx() == lenet.InputSide && rf.Dy() == lenet.InputSide {
		e.Sub = txtRFWhole.In(lang)
	}
	switch {
	case u.Layer.Kind() == lenet.InputImage:
		e.Value = a.Input[u.Index()]
		e.Title = fmt.Sprintf("%s · %s", i18n.Input.In(lang), where)
		e.Sub = ""
		e.Lines = []string{fmt.Sprintf(txtPixelValue.In(lang), f(e.Value))}
		return e, true

	case u.Layer.Kind() == lenet.Pool:
		// The largest of in[C, Y·s+i, X·s+j] over the window's i and j.
		in := below.Values(a)
		bs := below.Shape()
		k, st := ly.Kernel, ly.Stride
		e.Side, e.Ch = k, u.C
		e.Window = make([]float32, k*k)
		m := float32(math.Inf(-1))
		vals := make([]string, 0, k*k)
		for i := range k {
			for j := range k {
				v := in[(u.C*bs.H+u.Y*st+i)*bs.W+u.X*st+j]
				e.Window[i*k+j] = v
				m = max(m, v)
				vals = append(vals, f(v))
			}
		}
		e.Value, e.Z, e.Sum = m, m, m
		e.Lines = []string{fmt.Sprintf(txtMaxOf.In(lang), k, k, strings.Join(vals, ", "), f(m))}
		e.Note = fmt.Sprintf(txtPoolNoParams.In(lang), k, k, st)
		return e, true

	case u.Layer == lenet.C1 || u.Layer == lenet.C3:
		// Σ over the channels ch of the layer below and the kernel's rows
		// i and columns j of in[ch, Y·s+i, X·s+j] · w[C, ch, i, j].
		in := below.Values(a)
		w, b, _ := n.LayerWeights(u.Layer)
		bs := below.Shape()
		k, st := ly.Kernel, ly.Stride
		e.Side = k
		best := float32(-1)
		for c := range bs.C {
			var s float32
			for i := range k {
				for j := range k {
					s += in[(c*bs.H+u.Y*st+i)*bs.W+u.X*st+j] * w[((u.C*bs.C+c)*k+i)*k+j]
				}
			}
			e.Sum += s
			e.Terms = append(e.Terms, Term{fmt.Sprintf("%s %d", i18n.FeatureMap.In(lang), c), s})
			if abs(s) > best {
				best, e.Ch = abs(s), c
			}
		}
		if ch >= 0 && ch < bs.C {
			e.Ch = ch
		}
		e.Window = make([]float32, k*k)
		e.Kernel = make([]float32, k*k)
		for i := range k {
			for j := range k {
				e.Window[i*k+j] = in[(e.Ch*bs.H+u.Y*st+i)*bs.W+u.X*st+j]
				e.Kernel[i*k+j] = w[((u.C*bs.C+e.Ch)*k+i)*k+j]
			}
		}
		e.Bias = b[u.C]
		if bs.C == 1 {
			e.Lines = []string{fmt.Sprintf(txtConvSum.In(lang), k*k, f(e.Sum))}
		} else {
			parts := make([]string, len(e.Terms))
			for i, t := range e.Terms {
				parts[i] = f(t.V)
			}
			e.Lines = []string{fmt.Sprintf(txtConvSumChans.In(lang), bs.C, below.String(), joinSum(parts), f(e.Sum))}
		}
		e.Note = txtLinearComb.In(lang)

	default:
		// C5, F6 and Output: Σ over the inputs j of x[j] · w[C, j]
		// (C5's kernel covers the whole of S4, so it is one too).
		e.Inputs = below.Values(a)
		w, b, _ := n.LayerWeights(u.Layer)
		nIn := len(e.Inputs)
		e.Weights = w[u.C*nIn : (u.C+1)*nIn]
		bs := below.Shape()
		zeros := 0
		for j, x := range e.Inputs {
			t := x * e.Weights[j]
			e.Sum += t
			e.Terms = append(e.Terms, Term{inputName(below, bs, j, lang), t})
			if x == 0 {
				zeros++
			}
		}
		e.Bias = b[u.C]
		what := fmt.Sprintf(txtUnitsOf.In(lang), nIn, below.String())
		if bs.H > 1 {
			what = fmt.Sprintf(txtValuesOf.In(lang), nIn, below.String(), bs.C, bs.H, bs.W)
		}
		e.Lines = []string{fmt.Sprintf(txtDenseSum.In(lang), what, largest(e.Terms, lang), f(e.Sum))}
		if zeros > 0 {
			e.Lines[0] += fmt.Sprintf(txtZeros.In(lang), zeros)
		}
		e.Note = txtPushed.In(lang)
	}
	e.Z = e.Sum + e.Bias
	if u.Layer == lenet.Output {
		// The scores go through softmax: the probabilities.
		e.Value = e.Z
		e.Prob = a.Probs[u.C]
		e.Title = fmt.Sprintf(txtScoreOf.In(lang), u.C)
		e.Lines = append(e.Lines,
			fmt.Sprintf(txtScore.In(lang), f(e.Sum), f(e.Bias), f(e.Z)),
			fmt.Sprintf(txtSoftmax.In(lang), u.C, percent(e.Prob)))
		return e, true
	}
	e.Value = ly.Act.Apply(e.Z)
	e.Lines = append(e.Lines,
		fmt.Sprintf("z = Σ + %s = %s + %s = %s", i18n.Bias.In(lang), f(e.Sum), f(e.Bias), f(e.Z)),
		fmt.Sprintf("%s: ReLU(z) = max(0, z) = %s", i18n.Activation.In(lang), f(e.Value)))
	return e, true
}

// inputName names input j of a fully connected unit: a unit of C5 or F6,
// or a value of S4 by its map, row and column.
func inputName(l lenet.LayerID, s cnn.Shape, j int, lang i18n.Lang) string {
	if s.H == 1 && s.W == 1 {
		return fmt.Sprintf("%s %d", i18n.Unit.In(lang), j)
	}
	return fmt.Sprintf("%s %d, "+txtRowCol.In(lang), i18n.FeatureMap.In(lang), j/(s.H*s.W), j/s.W%s.H, j%s.W)
}

// largest writes the largest terms by magnitude with what each is, and
// how many it leaves out: "1.99 (unit 17) + 1.15 (unit 3) − 0.9 (unit 88)
// and 84 more terms". Terms that are 0 are not counted.
func largest(ts []Term, lang i18n.Lang) string {
	var top [maxTerms]int // the largest terms' indices, largest first
	n, nz := 0, 0
	for i, t := range ts {
		if t.V == 0 {
			continue
		}
		nz++
		j := min(n, maxTerms-1)
		if n == maxTerms && abs(t.V) <= abs(ts[top[j]].V) {
			continue
		}
		for ; j > 0 && abs(t.V) > abs(ts[top[j-1]].V); j-- {
			top[j] = top[j-1]
		}
		top[j], n = i, min(n+1, maxTerms)
	}
	if n == 0 {
		return "0"
	}
	parts := make([]string, n)
	for i, k := range top[:n] {
		parts[i] = fmt.Sprintf("%s (%s)", ui.FormatNum(ts[k].V), ts[k].Label)
	}
	s := joinSum(parts)
	if more := nz - n; more > 0 {
		s += fmt.Sprintf(txtMoreTerms.In(lang), more)
	}
	return s
}

// joinSum writes terms as a sum: "1.37 + 1.22 − 0.01".
func joinSum(parts []string) string {
	s := strings.Join(parts, " + ")
	return strings.ReplaceAll(s, "+ -", "− ")
}

// percent writes a probability as a percentage with one decimal, or
// "< 0.1 %" for one too small to show.
func percent(p float32) string {
	if p > 0 && p < 0.0005 {
		return "< 0.1%"
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
