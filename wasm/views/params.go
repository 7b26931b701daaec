package views

import (
	"strconv"

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
// Each view's parameters are declared below, once: the view reads them
// with ui.ParseParams, and site/url-params.json is written from the same
// tables (go generate ./wasm/app). A value a view cannot take is ignored
// and named in the view's message line, so a typo in a course page shows
// instead of silently doing nothing.

// both is a label of the lecture package in the two languages.
func both(f func(i18n.Lang) string) i18n.Text { return i18n.Text{En: f(i18n.En), Ko: f(i18n.Ko)} }

// presetParams are the kernel= values, in the order of the presets.
var presetParams = []struct {
	name   string
	preset lecture.Preset
}{
	{"hedge", lecture.PresetHorizontalEdge}, {"vedge", lecture.PresetVerticalEdge},
	{"sobelx", lecture.PresetSobelX}, {"sobely", lecture.PresetSobelY},
	{"blur", lecture.PresetBoxBlur}, {"sharpen", lecture.PresetSharpen}, {"identity", lecture.PresetIdentity},
}

// optionIndex is the place of value among the options of the parameter
// name: the options are listed in the order of the values they stand for
// (the lecture's Source, Preset, cnn.Mode…), which TestOptionOrder checks.
func optionIndex(ps []ui.Param, name, value string) int {
	for _, p := range ps {
		if p.Name == name {
			for i, o := range p.Options {
				if o.Value == value {
					return i
				}
			}
		}
	}
	return 0
}

var txtNothingDrawn = i18n.Text{En: "nothing drawn yet", Ko: "아직 그린 숫자가 없음"}

var convParams = func() []ui.Param {
	kernels := make([]ui.Option, len(presetParams))
	for i, p := range presetParams {
		kernels[i] = ui.Option{Value: p.name, Meaning: both(p.preset.Name)}
	}
	return []ui.Param{
		{Name: "source", Default: "test", Meaning: i18n.Text{En: "the picture the kernel slides over", Ko: "커널이 지나가는 입력 영상"},
			Options: []ui.Option{
				{Value: "test", Meaning: both(lecture.SourceTest.Name)},
				{Value: "digit", Meaning: both(lecture.SourceDigit.Name)},
				{Value: "drawing", Meaning: i18n.Text{En: "the digit drawn in the demo (once there is one)", Ko: "데모에서 그린 숫자 (그린 뒤에만)"}},
			}},
		{Name: "size", Default: "3", Meaning: i18n.Text{En: "the kernel's side", Ko: "커널의 한 변의 크기"},
			Options: []ui.Option{{Value: "3", Meaning: i18n.Text{En: "3×3", Ko: "3×3"}}, {Value: "5", Meaning: i18n.Text{En: "5×5", Ko: "5×5"}}}},
		{Name: "kernel", Default: "hedge", Meaning: i18n.Text{En: "the kernel, a preset", Ko: "커널 (미리 정한 것)"}, Options: kernels},
		{Name: "mode", Default: "correlation", Meaning: i18n.Text{En: "the operation", Ko: "연산"},
			Options: []ui.Option{
				{Value: "correlation", Aliases: []string{"corr"}, Meaning: i18n.Correlation.Text()},
				{Value: "convolution", Aliases: []string{"conv"}, Meaning: i18n.Text{En: "convolution: the kernel turned 180°", Ko: "컨볼루션: 180° 뒤집은 커널"}},
			}},
		{Name: "pad", Default: "0", Meaning: i18n.Text{En: "zeros added around the picture", Ko: "입력 둘레에 덧대는 0"},
			Options: []ui.Option{{Value: "0"}, {Value: "1"}, {Value: "2"},
				{Value: "same", Meaning: i18n.Text{En: "as much as keeps the size", Ko: "크기를 유지하는 만큼"}}}},
		{Name: "stride", Kind: ui.ParamInt, Min: 1, Max: lecture.MaxStride, Default: "1", Meaning: i18n.Stride.Text()},
		{Name: "bias", Kind: ui.ParamNumber, Min: -lecture.MaxBias, Max: lecture.MaxBias, Step: 0.5, Default: "0", Meaning: i18n.Bias.Text()},
	}
}()

// applyConvParams sets the playground from its URL parameters and returns
// the notice of those it could not take.
func applyConvParams(ctx *ui.Context, c *lecture.Conv) i18n.Text {
	pv := ui.ParseParams(ctx.Params, convParams)
	if v, ok := pv.Choice("source"); ok {
		if err := c.SetSource(lecture.Source(optionIndex(convParams, "source", v))); err != nil {
			pv.Refuse("source", v, txtNothingDrawn)
		}
	}
	if v, ok := pv.Choice("size"); ok {
		_ = c.SetSize(3 + 2*optionIndex(convParams, "size", v))
	}
	if v, ok := pv.Choice("kernel"); ok {
		c.SetPreset(presetParams[optionIndex(convParams, "kernel", v)].preset)
	}
	if v, ok := pv.Choice("mode"); ok {
		c.Mode = cnn.Mode(optionIndex(convParams, "mode", v)) // correlation, convolution
	}
	if v, ok := pv.Choice("pad"); ok {
		_ = c.SetPad(optionIndex(convParams, "pad", v)) // 0, 1, 2, lecture.PadSame
	}
	if n, ok := pv.Int("stride"); ok {
		_ = c.SetStride(int(n))
	}
	if f, ok := pv.Number("bias"); ok {
		_ = c.SetBias(float32(f))
	}
	return pv.Notice()
}

var poolParams = []ui.Param{
	{Name: "map", Default: "small", Meaning: i18n.Text{En: "the feature map that is pooled", Ko: "풀링할 특징 맵"},
		Options: []ui.Option{
			{Value: "small", Meaning: both(lecture.PoolSmall.Name)},
			{Value: "digit", Meaning: both(lecture.PoolDigit.Name)},
			{Value: "drawing", Meaning: i18n.Text{En: "the edge map of the digit drawn in the demo (once there is one)", Ko: "데모에서 그린 숫자의 엣지 특징 맵 (그린 뒤에만)"}},
		}},
	{Name: "mode", Default: "max", Meaning: i18n.Pooling.Text(),
		Options: []ui.Option{
			{Value: "max", Meaning: i18n.MaxPooling.Text()},
			{Value: "avg", Aliases: []string{"average", "mean"}, Meaning: i18n.AvgPooling.Text()},
		}},
	{Name: "window", Kind: ui.ParamInt, Min: 1, Max: lecture.MaxPoolWindow, Default: "2", Meaning: i18n.Text{En: "the window's side", Ko: "창의 한 변의 크기"}},
	{Name: "stride", Kind: ui.ParamInt, Min: 1, Max: lecture.MaxPoolWindow, Default: "2", Meaning: i18n.Stride.Text()},
}

// applyPoolParams sets the pooling view from its URL parameters.
func applyPoolParams(ctx *ui.Context, pl *lecture.Pool) i18n.Text {
	pv := ui.ParseParams(ctx.Params, poolParams)
	if v, ok := pv.Choice("map"); ok {
		if err := pl.SetSource(lecture.PoolSource(optionIndex(poolParams, "map", v))); err != nil {
			pv.Refuse("map", v, txtNothingDrawn)
		}
	}
	if v, ok := pv.Choice("mode"); ok {
		_ = pl.SetMode(cnn.PoolMode(optionIndex(poolParams, "mode", v))) // max, avg
	}
	if n, ok := pv.Int("window"); ok {
		_ = pl.SetSize(int(n))
	}
	if n, ok := pv.Int("stride"); ok {
		_ = pl.SetStride(int(n))
	}
	return pv.Notice()
}

var rfParams = func() []ui.Param {
	var layers []ui.Option
	for _, l := range lecture.RFLayers() {
		layers = append(layers, ui.Option{Value: l.Name})
	}
	start := lecture.NewRF()
	return []ui.Param{
		{Name: "layer", Default: start.Name(), Options: layers,
			Meaning: i18n.Text{En: "the layer of the unit whose receptive field is shown", Ko: "수용장을 볼 유닛의 층"}},
		{Name: "y", Kind: ui.ParamInt, Min: 0, Max: 31, Default: strconv.Itoa(start.Y),
			Meaning: i18n.Text{En: "the unit's row (kept inside the layer's map)", Ko: "유닛의 행 (층의 맵 안으로 맞춤)"}},
		{Name: "x", Kind: ui.ParamInt, Min: 0, Max: 31, Default: strconv.Itoa(start.X),
			Meaning: i18n.Text{En: "the unit's column (kept inside the layer's map)", Ko: "유닛의 열 (층의 맵 안으로 맞춤)"}},
		{Name: "evidence",
			Options: []ui.Option{
				{Value: rfEvidenceNames[rfGradient], Meaning: i18n.Text{En: "the gradient of the score: where more ink would raise it", Ko: "점수의 기울기: 어디에 잉크를 더하면 점수가 오르는지"}},
				{Value: rfEvidenceNames[rfGradInput], Meaning: i18n.Text{En: "gradient × input: what each pixel's ink adds to the score", Ko: "기울기 × 입력: 각 화소의 잉크가 점수에 더하는 양"}},
			},
			Meaning: i18n.Text{
				En: "draw over the input the evidence for the network's answer, and say how much of it lies inside the unit's receptive field",
				Ko: "입력 위에 네트워크가 답한 클래스의 근거를 그리고, 그중 얼마가 유닛의 수용장 안에 있는지 알려 줌"},
			DefaultMeaning: i18n.Text{En: "the input alone (the evidence buttons show it)", Ko: "입력만 보임 (근거 단추로 보임)"}},
	}
}()

// applyRFParams sets the receptive-field view from its URL parameters;
// it returns what it could not take and the evidence shown (rfOff, or
// the method ?evidence= names).
func applyRFParams(ctx *ui.Context, r *lecture.RF) (i18n.Text, int) {
	pv := ui.ParseParams(ctx.Params, rfParams)
	ev := rfOff
	if v, ok := pv.Choice("evidence"); ok {
		ev = optionIndex(rfParams, "evidence", v) + 1 // the options are the methods after rfOff
	}
	if v, ok := pv.Choice("layer"); ok {
		_ = r.SetLayer(optionIndex(rfParams, "layer", v)) // the order of lecture.RFLayers
	}
	y, x := r.Y, r.X
	if n, ok := pv.Int("y"); ok {
		y = int(n)
	}
	if n, ok := pv.Int("x"); ok {
		x = int(n)
	}
	r.SetUnit(y, x)
	return pv.Notice(), ev
}

var quizParams = []ui.Param{
	{Name: "seed", Kind: ui.ParamInt, Min: 0, Max: 1<<53 - 1, // the largest whole number a page's script holds exactly
		Meaning:        i18n.Text{En: "the series of questions: the same number gives the whole class the same questions", Ko: "문제 묶음: 같은 번호면 모두 같은 문제를 받습니다"},
		DefaultMeaning: i18n.Text{En: "a new series, numbered from the clock", Ko: "시계로 정한 새 문제 묶음"}},
}
