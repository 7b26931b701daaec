package views

import (
	"encoding/json"
	"net/url"
	"testing"

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
