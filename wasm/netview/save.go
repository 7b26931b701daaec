package netview

import (
	"errors"
	"strconv"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/wasm/export"
	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/ui"
)

// Saving for slides and notes: the layer pointed at (or the input, when
// none is) as a labelled PNG (X), its values as JSON (J) or CSV (Shift+J),
// the whole screen at twice the CSS resolution (Shift+X); the page's
// lenetDemo.exportPNG(layer) takes any layer's picture, or the evidence
// map's ("Evidence").

// evidenceLayer names the evidence map as an exported layer.
const evidenceLayer = "Evidence"

// saveKeys saves what the keys ask for.
func (v *View) saveKeys(ctx *ui.Context, in *ui.Input) {
	for _, k := range in.Keys {
		var err error
		switch {
		case k == "KeyX" && in.Shift:
			err = v.saveAs(ctx, saveViewPNG)
		case k == "KeyX":
			err = v.saveAs(ctx, saveLayerPNG)
		case k == "KeyJ" && in.Shift:
			err = v.saveAs(ctx, saveCSV)
		case k == "KeyJ":
			err = v.saveAs(ctx, saveJSON)
		}
		if err != nil {
			ctx.Announce(err.Error())
		}
	}
}

// savedLayer is the layer X and J save: the one pointed at, or the input.
func (v *View) savedLayer() string {
	if v.hasSel {
		return v.sel.Layer.String()
	}
	return lenet.Input.String()
}

// layer is the named layer of the current drawing as export takes it:
// a layer of lenet.LayerIDs, "Probs" or "Evidence" (the map the Why panel
// shows, which must be on).
func (v *View) layer(ctx *ui.Context, name string) (export.Layer, error) {
	if !v.has {
		return export.Layer{}, errors.New(txtNothingToSave.In(ctx.Lang))
	}
	src := "drawing"
	if v.sample >= 0 {
		src = "sample " + strconv.Itoa(v.sample)
	}
	if name == evidenceLayer {
		if !v.whyShown() {
			return export.Layer{}, errors.New(txtNoEvidence.In(ctx.Lang))
		}
		t, _ := v.whyTarget()
		l := export.Layer{Name: evidenceLayer, Shape: cnn.Shape{C: 1, H: lenet.InputSide, W: lenet.InputSide}, Values: v.why.m[:],
			Source: src + "-" + whyNames[v.why.method] + "-for-" + strconv.Itoa(t)}
		return l, l.Check()
	}
	return export.FromActivations(&v.acts, name, src)
}

// ExportPicture is the named layer's feature maps as a PNG for the page
// to encode (ui.Exporter), captioned in the reader's language.
func (v *View) ExportPicture(ctx *ui.Context, name string) (ui.File, error) {
	l, err := v.layer(ctx, name)
	if err != nil {
		return ui.File{}, err
	}
	lang := ctx.Lang
	caption := txtDrawing.In(lang)
	if v.sample >= 0 {
		caption = txtSampleN.In(lang) + strconv.Itoa(v.sample)
	}
	caption += " · " + txtPredictedAs.In(lang) + strconv.Itoa(v.acts.Label())
	title := ""
	if name == evidenceLayer {
		t, _ := v.whyTarget()
		title = "LeNet-5 · " + v.why.methods.Options[v.why.method] + " · " + txtFor.In(lang) + strconv.Itoa(t)
	}
	p, err := export.Draw(l, export.Options{Theme: ctx.Theme, Title: title, Caption: caption, ScaleName: txtScale.In(lang), Text: ctx})
	if err != nil {
		return ui.File{}, err
	}
	return ui.File{Name: export.FileName(l, "png"), Type: "image/png", Picture: &p.Picture}, nil
}

// saveValues asks the page to save the named layer's values as JSON or CSV.
func (v *View) saveValues(ctx *ui.Context, name string, json bool) error {
	l, err := v.layer(ctx, name)
	if err != nil {
		return err
	}
	f := ui.File{Name: export.FileName(l, "csv"), Type: "text/csv"}
	if json {
		f.Name, f.Type = export.FileName(l, "json"), "application/json"
		f.Bytes, err = export.JSON(l)
	} else {
		f.Bytes, err = export.CSV(l)
	}
	if err == nil {
		ctx.Save(f)
	}
	return err
}

// The strings of saving.
var (
	txtNothingToSave = i18n.Text{En: "Nothing to save: draw a digit or load a sample first", Ko: "저장할 것이 없습니다: 먼저 숫자를 그리거나 예제를 불러오세요"}
	txtNoEvidence    = i18n.Text{En: "No evidence map: show it first (Why? or the E key)", Ko: "근거 맵이 없습니다: 먼저 보이세요 (왜? 단추나 E 키)"}
	txtDrawing       = i18n.Text{En: "a drawing", Ko: "그린 숫자"}
	txtSampleN       = i18n.Text{En: "MNIST test digit #", Ko: "MNIST 테스트 숫자 #"}
	txtPredictedAs   = i18n.Text{En: "predicted ", Ko: "예측 "}
	txtFor           = i18n.Text{En: "for ", Ko: "클래스 "}
)
