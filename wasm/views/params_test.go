package views

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/wasm/lecture"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// Whatever a course page puts in the address, every view opens, draws and
// reports its state.
func FuzzViewParams(f *testing.F) {
	for _, s := range []string{"kernel=sobelx&mode=conv&pad=same", "stride=3&source=digit&bias=-2.5&size=5",
		"mode=avg&window=4&stride=1&map=digit", "layer=C5&y=0&x=0", "seed=18446744073709551615", "bias=NaN&stride=1e9&y=-1",
		"kernel=%00&pad=-1&window=99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		vals, err := url.ParseQuery(q)
		if err != nil {
			return
		}
		for _, name := range []string{"conv", "pool", "rf", "quiz", "cost"} {
			ctx := &ui.Context{Lang: i18n.Ko, Scale: 1, Theme: &ui.Light, Screen: ui.R(0, 0, 900, 700), Params: vals, Shared: &ui.Shared{}}
			spec, _ := ui.Lookup(name)
			v := spec.New(ctx)
			v.Layout(ctx, ui.R(0, 40, 900, 660))
			in := &ui.Input{}
			v.Update(ctx, in)
			v.Draw(ctx, &ui.Recorder{})
			if b := v.State().Bytes(); !json.Valid(b) {
				t.Fatalf("%s?%s: the state is not JSON: %s", name, q, b)
			}
		}
	})
}

// The options of each choice are listed in the order of the values the
// view gives them (optionIndex).
func TestOptionOrder(t *testing.T) {
	check := func(ps []ui.Param, name string, want map[string]int) {
		t.Helper()
		for v, i := range want {
			if got := optionIndex(ps, name, v); got != i {
				t.Errorf("%s=%s: option %d, stands for %d", name, v, got, i)
			}
		}
		for _, p := range ps {
			if p.Name == name && len(p.Options) != len(want) {
				t.Errorf("%s has %d options, %d checked", name, len(p.Options), len(want))
			}
		}
	}
	check(convParams, "source", map[string]int{"test": int(lecture.SourceTest), "digit": int(lecture.SourceDigit), "drawing": int(lecture.SourceDrawing)})
	check(convParams, "size", map[string]int{"3": 0, "5": 1})
	check(convParams, "mode", map[string]int{"correlation": int(cnn.Correlation), "convolution": int(cnn.Convolution)})
	check(convParams, "pad", map[string]int{"0": 0, "1": 1, "2": 2, "same": lecture.PadSame})
	kernels := map[string]int{}
	for i, p := range presetParams {
		kernels[p.name] = i
		if p.preset.Name(i18n.En) == "" {
			t.Errorf("kernel %s has no name", p.name)
		}
	}
	check(convParams, "kernel", kernels)
	check(poolParams, "map", map[string]int{"small": int(lecture.PoolSmall), "digit": int(lecture.PoolDigit), "drawing": int(lecture.PoolDrawing)})
	check(poolParams, "mode", map[string]int{"max": int(cnn.MaxPool), "avg": int(cnn.AvgPool)})
	layers := map[string]int{}
	for i, l := range lecture.RFLayers() {
		layers[l.Name] = i
	}
	check(rfParams, "layer", layers)
	// ?evidence= names the methods after rfOff, in their order.
	check(rfParams, "evidence", map[string]int{rfEvidenceNames[rfGradient]: rfGradient - 1, rfEvidenceNames[rfGradInput]: rfGradInput - 1})
	for _, ps := range [][]ui.Param{convParams, poolParams, rfParams, quizParams} {
		if err := ui.CheckParams(ps); err != nil {
			t.Error(err)
		}
	}
}
