package views

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// A course page can open a view in a given state through the URL, e.g.
//
//	app.html?view=conv&kernel=sobelx&mode=convolution&pad=same&stride=2
//	app.html?view=pool&mode=avg&window=3&stride=3&map=digit
//	app.html?view=rf&layer=S4&y=2&x=3
//	app.html?view=quiz&seed=42
//
// A value the view cannot take is ignored and named in the view's message
// line, so a typo in a course page shows instead of silently doing nothing.

var presetParams = map[string]lecture.Preset{
	"hedge": lecture.PresetHorizontalEdge, "vedge": lecture.PresetVerticalEdge,
	"sobelx": lecture.PresetSobelX, "sobely": lecture.PresetSobelY,
	"blur": lecture.PresetBoxBlur, "sharpen": lecture.PresetSharpen, "identity": lecture.PresetIdentity,
}

// params reads the named URL parameters that are present; set returns an
// error for a value it refuses.
type params struct {
	ctx     *ui.Context
	ignored []string
}

func (p *params) each(names []string, set func(name, value string) error) {
	if p.ctx.Params == nil {
		return
	}
	for _, n := range names {
		v := strings.TrimSpace(p.ctx.Params.Get(n))
		if v == "" {
			continue
		}
		if err := set(n, strings.ToLower(v)); err != nil {
			p.ignored = append(p.ignored, fmt.Sprintf("%s=%s (%v)", n, truncate(v, 20), err))
		}
	}
}

func (p *params) message() string {
	if len(p.ignored) == 0 {
		return ""
	}
	return p.ctx.Lang.Pick("Ignored from the address: ", "주소에서 무시한 값: ") + strings.Join(p.ignored, "; ")
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func oneOf(l i18n.Lang, opts ...string) error {
	return fmt.Errorf("%s %s", l.Pick("use one of", "가능한 값:"), strings.Join(opts, ", "))
}

func intIn(l i18n.Lang, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s %d–%d", l.Pick("a whole number in", "정수 범위"), lo, hi)
	}
	return n, nil
}

// convParams sets the playground from source, kernel, size, mode, pad,
// stride and bias.
func convParams(ctx *ui.Context, c *lecture.Conv) string {
	p := &params{ctx: ctx}
	l := ctx.Lang
	p.each([]string{"source", "size", "kernel", "mode", "pad", "stride", "bias"}, func(name, v string) error {
		switch name {
		case "source":
			switch v {
			case "test":
				return c.SetSource(lecture.SourceTest)
			case "digit":
				return c.SetSource(lecture.SourceDigit)
			case "drawing":
				if err := c.SetSource(lecture.SourceDrawing); err != nil {
					return fmt.Errorf("%s", l.Pick("nothing drawn yet", "아직 그린 숫자가 없음"))
				}
				return nil
			}
			return oneOf(l, "test", "digit", "drawing")
		case "size":
			n, err := intIn(l, v, 3, 5)
			if err != nil || (n != 3 && n != 5) {
				return oneOf(l, "3", "5")
			}
			return c.SetSize(n)
		case "kernel":
			pr, ok := presetParams[v]
			if !ok {
				return oneOf(l, "hedge", "vedge", "sobelx", "sobely", "blur", "sharpen", "identity")
			}
			c.SetPreset(pr)
		case "mode":
			switch v {
			case "correlation", "corr":
				c.Mode = cnn.Correlation
			case "convolution", "conv":
				c.Mode = cnn.Convolution
			default:
				return oneOf(l, "correlation", "convolution")
			}
		case "pad":
			if v == "same" {
				return c.SetPad(lecture.PadSame)
			}
			n, err := intIn(l, v, 0, 2)
			if err != nil {
				return oneOf(l, "0", "1", "2", "same")
			}
			return c.SetPad(n)
		case "stride":
			n, err := intIn(l, v, 1, lecture.MaxStride)
			if err != nil {
				return err
			}
			return c.SetStride(n)
		case "bias":
			f, err := strconv.ParseFloat(v, 32)
			if err != nil || f < -lecture.MaxBias || f > lecture.MaxBias || f*2 != float64(int(f*2)) {
				return fmt.Errorf("%s %d…%d", l.Pick("a multiple of 0.5 in", "0.5의 배수, 범위"), -lecture.MaxBias, lecture.MaxBias)
			}
			return c.SetBias(float32(f))
		}
		return nil
	})
	return p.message()
}

// poolParams sets the pooling view from map, mode, window and stride.
func poolParams(ctx *ui.Context, pl *lecture.Pool) string {
	p := &params{ctx: ctx}
	l := ctx.Lang
	p.each([]string{"map", "mode", "window", "stride"}, func(name, v string) error {
		switch name {
		case "map":
			switch v {
			case "small":
				return pl.SetSource(lecture.PoolSmall)
			case "digit":
				return pl.SetSource(lecture.PoolDigit)
			case "drawing":
				if err := pl.SetSource(lecture.PoolDrawing); err != nil {
					return fmt.Errorf("%s", l.Pick("nothing drawn yet", "아직 그린 숫자가 없음"))
				}
				return nil
			}
			return oneOf(l, "small", "digit", "drawing")
		case "mode":
			switch v {
			case "max":
				return pl.SetMode(cnn.MaxPool)
			case "avg", "average", "mean":
				return pl.SetMode(cnn.AvgPool)
			}
			return oneOf(l, "max", "avg")
		case "window":
			n, err := intIn(l, v, 1, lecture.MaxPoolWindow)
			if err != nil {
				return err
			}
			return pl.SetSize(n)
		case "stride":
			n, err := intIn(l, v, 1, lecture.MaxPoolWindow)
			if err != nil {
				return err
			}
			return pl.SetStride(n)
		}
		return nil
	})
	return p.message()
}

// rfParams sets the receptive-field view from layer, y and x.
func rfParams(ctx *ui.Context, r *lecture.RF) string {
	p := &params{ctx: ctx}
	l := ctx.Lang
	y, x := r.Y, r.X
	p.each([]string{"layer", "y", "x"}, func(name, v string) error {
		switch name {
		case "layer":
			for i, ly := range lecture.RFLayers() {
				if strings.EqualFold(ly.Name, v) {
					return r.SetLayer(i)
				}
			}
			return oneOf(l, "C1", "S2", "C3", "S4", "C5")
		case "y", "x":
			n, err := intIn(l, v, 0, 31)
			if err != nil {
				return err
			}
			if name == "y" {
				y = n
			} else {
				x = n
			}
		}
		return nil
	})
	r.SetUnit(y, x)
	return p.message()
}
