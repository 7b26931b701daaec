package netview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// Explanation is how one unit's value was computed, in numbers the demo
// shows: the lecture's "linear combination of the receptive field and the
// kernel", then the bias and the activation.
type Explanation struct {
	Unit  Unit
	Title string
	Lines []string

	// For convolutions, the window and kernel of channel Ch of the layer
	// below (Side×Side each); for pooling, the window only. Nil otherwise.
	Window, Kernel []float32
	Side, Ch       int
	// Terms are the per-channel (or per-input, largest first) contributions.
	Terms []Term

	Sum, Bias, Z, Value float32 // Σ, b, z = Σ + b, the layer's value (after the activation)
	// Prob is the softmax probability of an Output unit, whose Value is
	// its score z (Output holds the scores before softmax).
	Prob float32
}

// Term is one contribution to a weighted sum.
type Term struct {
	Label string
	V     float32
}

// Explain computes the explanation of u from the network and its
// activations. ok is false for an invalid unit.
func Explain(n *lenet.Net, a *lenet.Activations, u Unit, lang i18n.Lang) (e Explanation, ok bool) {
	if !u.Valid() {
		return e, false
	}
	e.Unit = u
	f := ui.FormatNum
	name := u.Layer.String()
	shape := u.Layer.Shape()
	where := fmt.Sprintf("(%d, %d)", u.Y, u.X)
	if shape.H == 1 && shape.W == 1 {
		where = ""
	}
	ly, _ := lenet.LayerOf(u.Layer)
	below := u.Layer - 1
	switch u.Layer.Kind() {
	case lenet.InputImage:
		e.Value = a.Input[u.Index()]
		e.Title = fmt.Sprintf("%s %s", i18n.Input.In(lang), where)
		e.Lines = []string{fmt.Sprintf("%s = %s", txtPixelValue.In(lang), f(e.Value))}
		return e, true
	case lenet.Conv:
		// Σ over the channels ch of the layer below and the kernel's rows
		// i and columns j of in[ch, Y·s+i, X·s+j] · w[C, ch, i, j].
		in := below.Values(a)
		w, b, _ := n.LayerWeights(u.Layer)
		bs := below.Shape()
		k, st := ly.Kernel, ly.Stride
		e.Side = k
		best := float32(-1)
		for ch := range bs.C {
			var s float32
			for i := range k {
				for j := range k {
					s += in[(ch*bs.H+u.Y*st+i)*bs.W+u.X*st+j] * w[((u.C*bs.C+ch)*k+i)*k+j]
				}
			}
			e.Sum += s
			e.Terms = append(e.Terms, Term{fmt.Sprintf("%s[%d]", below.String(), ch), s})
			if abs(s) > best {
				best, e.Ch = abs(s), ch
			}
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
		e.Z = e.Sum + e.Bias
		e.Value = ly.Act.Apply(e.Z)
		e.Title = fmt.Sprintf("%s %s · %s %d %s", name, i18n.Convolution.In(lang), i18n.FeatureMap.In(lang), u.C, where)
		if bs.C == 1 {
			e.Lines = append(e.Lines, fmt.Sprintf("Σ %s ⊙ %s = %s", i18n.Window.In(lang), i18n.Kernel.In(lang), f(e.Sum)))
		} else {
			e.Lines = append(e.Lines, fmt.Sprintf("%s: %s", fmt.Sprintf(txtSumOfChans.In(lang), bs.C), termsText(e.Terms, 4)),
				fmt.Sprintf("= %s", f(e.Sum)),
				fmt.Sprintf(txtShownChannel.In(lang), e.Ch))
		}
	case lenet.Pool:
		// The largest of in[C, Y·s+i, X·s+j] over the window's i and j.
		in := below.Values(a)
		bs := below.Shape()
		k, st := ly.Kernel, ly.Stride
		e.Side, e.Ch = k, u.C
		e.Window = make([]float32, k*k)
		m := float32(math.Inf(-1))
		for i := range k {
			for j := range k {
				v := in[(u.C*bs.H+u.Y*st+i)*bs.W+u.X*st+j]
				e.Window[i*k+j] = v
				m = max(m, v)
			}
		}
		vals := make([]string, len(e.Window))
		for i, v := range e.Window {
			vals[i] = f(v)
		}
		e.Value, e.Z, e.Sum = m, m, m
		e.Title = fmt.Sprintf("%s %s · %s %d %s", name, i18n.MaxPooling.In(lang), i18n.FeatureMap.In(lang), u.C, where)
		e.Lines = []string{
			fmt.Sprintf("%s: max(%s) = %s", fmt.Sprintf(txtMaxOf.In(lang), k, k), strings.Join(vals, ", "), f(m)),
			txtPoolNoParams.In(lang),
		}
		return e, true
	case lenet.FullyConnected:
		// Σ over the inputs j of x[j] · w[C, j].
		in := below.Values(a)
		w, b, _ := n.LayerWeights(u.Layer)
		nIn := len(in)
		for j := range nIn {
			t := in[j] * w[u.C*nIn+j]
			e.Sum += t
			if t != 0 {
				e.Terms = append(e.Terms, Term{fmt.Sprintf("w%d·x%d", j, j), t})
			}
		}
		sort.SliceStable(e.Terms, func(i, j int) bool { return abs(e.Terms[i].V) > abs(e.Terms[j].V) })
		e.Bias = b[u.C]
		e.Z = e.Sum + e.Bias
		e.Value = ly.Act.Apply(e.Z)
		e.Title = fmt.Sprintf("%s %s · %s %d", name, i18n.FullyConnected.In(lang), i18n.Unit.In(lang), u.C)
		e.Lines = []string{fmt.Sprintf("Σ w·x (%d %s): %s", nIn, i18n.Input.In(lang), termsText(e.Terms, 3)),
			fmt.Sprintf("= %s", f(e.Sum))}
		if u.Layer == lenet.Output {
			// The scores go through softmax: the probabilities.
			e.Prob = a.Probs[u.C]
			e.Lines = append(e.Lines,
				fmt.Sprintf("z = Σ + b = %s + %s = %s", f(e.Sum), f(e.Bias), f(e.Z)),
				fmt.Sprintf("%s: p(%d) = e^z / Σe^z = %s (%.1f%%)", i18n.Softmax.In(lang), u.C, f(e.Prob), 100*e.Prob))
			return e, true
		}
	}
	e.Lines = append(e.Lines,
		fmt.Sprintf("z = Σ + %s = %s + %s = %s", i18n.Bias.In(lang), f(e.Sum), f(e.Bias), f(e.Z)),
		fmt.Sprintf("%s: ReLU(z) = max(0, z) = %s", i18n.Activation.In(lang), f(e.Value)))
	return e, true
}

// termsText writes the largest few terms by magnitude: "a + b + … (n more)".
func termsText(ts []Term, k int) string {
	sorted := append([]Term(nil), ts...)
	sort.SliceStable(sorted, func(i, j int) bool { return abs(sorted[i].V) > abs(sorted[j].V) })
	var parts []string
	for i, t := range sorted {
		if i == k {
			parts = append(parts, fmt.Sprintf("… (+%d)", len(sorted)-k))
			break
		}
		parts = append(parts, ui.FormatNum(t.V))
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.ReplaceAll(strings.Join(parts, " + "), "+ -", "− ")
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
