//go:build js && wasm

// Command trainer is train.wasm, the WebAssembly half of the page's
// training worker (site/train-worker.js): LeNet-5 trained with the fast
// single-threaded Engine of cnn/train on the page's digit pack, with no
// Ebiten and no DOM, so it runs in a Web Worker and in Node alike.
//
// It registers one object, globalThis.lenetTrainer, whose functions the
// worker script calls synchronously; each returns a plain JavaScript value
// or an object {error: message}, never throws, and recovers from panics,
// so no message can end the program. The logic and every check are in
// wasm/internal/traincore; this file only converts values. The worker
// script documents the message protocol built on these functions.
package main

import (
	"fmt"
	"math"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/train"
	"github.com/seecnn/lenet/wasm/internal/traincore"
)

// Version is the version of the functions' contract with
// site/train-worker.js.
const Version = 1

var session *traincore.Session

// argError is a JavaScript value of the wrong kind.
type argError struct{ msg string }

func (e *argError) Error() string { return e.msg }

func argErr(format string, args ...any) error { return &argError{fmt.Sprintf(format, args...)} }

func errorValue(err error) js.Value {
	return js.ValueOf(map[string]any{"error": err.Error()})
}

// export wraps f: a panic or an error becomes {error: message}.
func export(name string, f func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				result = errorValue(fmt.Errorf("internal error in train.wasm's %s (the trainer is still usable): %v", name, r))
			}
		}()
		v, err := f(args)
		if err != nil {
			return errorValue(err)
		}
		return v
	})
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func isMissing(v js.Value) bool { return v.IsUndefined() || v.IsNull() }

// bytesArg copies a Uint8Array (or an ArrayBuffer, or any typed array's
// bytes) of at most max bytes.
func bytesArg(v js.Value, name string, max int) ([]byte, error) {
	u8 := js.Global().Get("Uint8Array")
	switch {
	case v.InstanceOf(js.Global().Get("ArrayBuffer")):
		v = u8.New(v)
	case v.Type() == js.TypeObject && js.Global().Get("ArrayBuffer").Call("isView", v).Bool():
		v = u8.New(v.Get("buffer"), v.Get("byteOffset"), v.Get("byteLength"))
	default:
		return nil, argErr("%s must be a Uint8Array or an ArrayBuffer", name)
	}
	n := v.Get("length").Int()
	if n > max {
		return nil, argErr("%s has %d bytes, more than %d", name, n, max)
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, v)
	return b, nil
}

// float32sArg copies a Float32Array of at most max values.
func float32sArg(v js.Value, name string, max int) ([]float32, error) {
	if !v.InstanceOf(js.Global().Get("Float32Array")) {
		return nil, argErr("%s must be a Float32Array", name)
	}
	n := v.Get("length").Int()
	if n > max {
		return nil, argErr("%s has %d values, more than %d", name, n, max)
	}
	out := make([]float32, n)
	if n > 0 {
		b := unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), 4*n)
		js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(v.Get("buffer"), v.Get("byteOffset"), 4*n))
	}
	return out, nil
}

// float32s returns a new Float32Array holding x.
func float32s(x []float32) js.Value {
	u8 := js.Global().Get("Uint8Array").New(4 * len(x))
	if len(x) > 0 {
		js.CopyBytesToJS(u8, unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 4*len(x)))
	}
	return js.Global().Get("Float32Array").New(u8.Get("buffer"))
}

func uint8s(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// intArg reads a whole number from lo to hi, or def when missing.
func intArg(v js.Value, name string, lo, hi, def int) (int, error) {
	if isMissing(v) {
		return def, nil
	}
	if v.Type() != js.TypeNumber {
		return 0, argErr("%s must be a number", name)
	}
	f := v.Float()
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		return 0, argErr("%s must be a whole number from %d to %d, got %v", name, lo, hi, f)
	}
	return int(f), nil
}

// numberArg reads a finite number, or 0 when missing.
func numberArg(v js.Value, name string) (float64, error) {
	if isMissing(v) {
		return 0, nil
	}
	if v.Type() != js.TypeNumber || math.IsNaN(v.Float()) || math.IsInf(v.Float(), 0) {
		return 0, argErr("%s must be a finite number", name)
	}
	return v.Float(), nil
}

func stringArg(v js.Value, name string) (string, error) {
	if isMissing(v) {
		return "", nil
	}
	if v.Type() != js.TypeString {
		return "", argErr("%s must be a string", name)
	}
	return v.String(), nil
}

// object reads an options object (undefined counts as empty).
func object(v js.Value, name string) (js.Value, error) {
	if isMissing(v) {
		return js.Global().Get("Object").New(), nil
	}
	if v.Type() != js.TypeObject {
		return js.Value{}, argErr("%s must be an object", name)
	}
	return v, nil
}

func evaluation(e *traincore.Evaluation) any {
	if e == nil {
		return nil
	}
	conf := make([]any, lenet.NumClasses)
	for t := range e.Confusion {
		row := make([]any, lenet.NumClasses)
		for p, c := range e.Confusion[t] {
			row[p] = c
		}
		conf[t] = row
	}
	return map[string]any{
		"images": float64(e.Images), "seconds": e.Seconds, "correct": e.Correct, "total": e.Total,
		"accuracy": e.Accuracy, "confusion": conf,
	}
}

func progress(p traincore.Progress) any {
	evals := make([]any, len(p.Evaluations))
	for i := range p.Evaluations {
		evals[i] = evaluation(&p.Evaluations[i])
	}
	return map[string]any{"steps": p.Steps, "images": float64(p.Images), "evaluations": evals}
}

func status() any {
	st := session.Status()
	var loss, acc, test, testImages any
	if st.Steps > 0 {
		loss, acc = st.Loss, st.TrainAccuracy
	}
	if st.Last != nil {
		test, testImages = st.Last.Accuracy, float64(st.Last.Images)
	}
	return map[string]any{
		"loaded": st.Loaded, "trainDigits": st.TrainDigits, "testDigits": st.TestDigits,
		"from": st.From, "seed": float64(st.Seed),
		"steps": st.Steps, "skippedSteps": st.Skipped, "epoch": st.Epoch, "images": float64(st.Images),
		"seconds": st.Seconds, "evalSeconds": st.EvalSeconds, "imagesPerSecond": st.ImagesPerSecond,
		"loss": loss, "trainAccuracy": acc, "testAccuracy": test, "testImages": testImages,
		"learningRate": st.TargetLR, "currentLearningRate": st.LR, "batchSize": st.BatchSize,
		"augment": st.Augment, "evalEvery": float64(st.EvalEvery), "nextEvaluation": float64(st.NextEval),
		"fineTunings": st.FineTunings, "fineTuneImages": float64(st.FineTuneImages),
		"meta": st.Meta, "lastEvaluation": evaluation(st.Last),
	}
}

func prediction(p train.Prediction) map[string]any {
	return map[string]any{"prediction": p.Label, "probs": float32s(p.Probs[:])}
}

func main() {
	var initErr error
	session, initErr = traincore.New()
	api := map[string]any{"version": Version}
	fns := map[string]func(args []js.Value) (any, error){
		"load": func(args []js.Value) (any, error) {
			b, err := bytesArg(arg(args, 0), "the digit pack", traincore.MaxDataBytes)
			if err != nil {
				return nil, err
			}
			if err := session.Load(b); err != nil {
				return nil, err
			}
			return status(), nil
		},
		"reset": func(args []js.Value) (any, error) {
			from, err := stringArg(arg(args, 0), "from")
			if err != nil {
				return nil, err
			}
			seed, err := intArg(arg(args, 1), "seed", 0, traincore.MaxSeed, 1)
			if err != nil {
				return nil, err
			}
			var w []byte
			if from == "weights" {
				if w, err = bytesArg(arg(args, 2), "weights", traincore.MaxWeightsBytes); err != nil {
					return nil, err
				}
			}
			if err := session.Reset(from, uint64(seed), w); err != nil {
				return nil, err
			}
			return status(), nil
		},
		"setOptions": func(args []js.Value) (any, error) {
			o, err := object(arg(args, 0), "the options")
			if err != nil {
				return nil, err
			}
			var opt traincore.Options
			if opt.LR, err = numberArg(o.Get("learningRate"), "learningRate"); err != nil {
				return nil, err
			}
			if !isMissing(o.Get("learningRate")) && opt.LR == 0 {
				return nil, argErr("learningRate must be above 0")
			}
			if opt.BatchSize, err = intArg(o.Get("batchSize"), "batchSize", 1, train.MaxBatch, 0); err != nil {
				return nil, err
			}
			if opt.Augment, err = stringArg(o.Get("augment"), "augment"); err != nil {
				return nil, err
			}
			ev, err := intArg(o.Get("evalEvery"), "evalEvery", 100, traincore.MaxEvalEvery, 0)
			if err != nil {
				return nil, err
			}
			opt.EvalEvery = int64(ev)
			if err := session.SetOptions(opt); err != nil {
				return nil, err
			}
			return status(), nil
		},
		"run": func(args []js.Value) (any, error) {
			ms, err := intArg(arg(args, 0), "the slice", 0, traincore.MaxSliceMillis, 50)
			if err != nil {
				return nil, err
			}
			p, err := session.Run(time.Duration(ms) * time.Millisecond)
			if err != nil {
				return nil, err
			}
			return progress(p), nil
		},
		"step": func(args []js.Value) (any, error) {
			n, err := intArg(arg(args, 0), "count", 1, traincore.MaxSteps, 1)
			if err != nil {
				return nil, err
			}
			p, err := session.Step(n)
			if err != nil {
				return nil, err
			}
			return progress(p), nil
		},
		"status": func([]js.Value) (any, error) { return status(), nil },
		"evaluate": func([]js.Value) (any, error) {
			if !session.Loaded() {
				return nil, argErr("no digits loaded yet: the digit pack has not arrived")
			}
			e := session.Evaluate()
			return evaluation(&e), nil
		},
		"predict": func(args []js.Value) (any, error) {
			v := arg(args, 0)
			var idx []int
			if !isMissing(v) {
				if !js.Global().Get("Array").Call("isArray", v).Bool() {
					return nil, argErr("indices must be an array of whole numbers")
				}
				n := v.Length()
				if n > traincore.MaxPredict {
					return nil, argErr("at most %d test digits can be asked at once, got %d", traincore.MaxPredict, n)
				}
				for i := range n {
					k, err := intArg(v.Index(i), fmt.Sprintf("indices[%d]", i), 0, traincore.MaxSeed, 0)
					if err != nil {
						return nil, err
					}
					idx = append(idx, k)
				}
			}
			ds, err := session.Predict(idx)
			if err != nil {
				return nil, err
			}
			out := make([]any, len(ds))
			for i, d := range ds {
				m := prediction(d.Prediction)
				m["index"], m["label"], m["pixels"] = d.Index, d.Label, uint8s(d.Pixels)
				out[i] = m
			}
			return out, nil
		},
		"kernels": func([]js.Value) (any, error) {
			c1w, c1b, c3w, c3b := session.Kernels()
			return map[string]any{"c1": float32s(c1w), "c1Bias": float32s(c1b), "c3": float32s(c3w), "c3Bias": float32s(c3b)}, nil
		},
		"params": func([]js.Value) (any, error) { return float32s(session.Net().Params), nil },
		"exportWeights": func(args []js.Value) (any, error) {
			note, err := stringArg(arg(args, 0), "note")
			if err != nil {
				return nil, err
			}
			b, err := session.Export(note)
			if err != nil {
				return nil, err
			}
			return uint8s(b), nil
		},
		"fineTune": func(args []js.Value) (any, error) { return fineTune(args) },
	}
	for name, f := range fns {
		api[name] = export(name, f)
	}
	if initErr != nil {
		api["startError"] = initErr.Error()
	}
	js.Global().Set("lenetTrainer", js.ValueOf(api))
	select {}
}

// fineTune(drawings, config): drawings is {inputs: Float32Array of n·1024
// values 0…1, labels} or {images: [{data, width, height}], labels}, labels
// an array of digits; config holds seed, copies, replay, learningRate,
// confidence, hold and maxSteps, all optional.
func fineTune(args []js.Value) (any, error) {
	d, err := object(arg(args, 0), "the drawings")
	if err != nil {
		return nil, err
	}
	lv := d.Get("labels")
	if isMissing(lv) || !js.Global().Get("Array").Call("isArray", lv).Bool() && !lv.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, argErr("labels must be an array of digits 0 to 9")
	}
	n := lv.Length()
	if n < 1 || n > train.MaxDrawings {
		return nil, argErr("fine-tuning takes 1 to %d drawings, got %d labels", train.MaxDrawings, n)
	}
	labels := make([]int, n)
	for i := range n {
		if isMissing(lv.Index(i)) {
			return nil, argErr("labels[%d] is missing", i)
		}
		if labels[i], err = intArg(lv.Index(i), fmt.Sprintf("labels[%d]", i), 0, 9, 0); err != nil {
			return nil, err
		}
	}
	ds := make([]train.Drawing, n)
	inputs, images := d.Get("inputs"), d.Get("images")
	switch {
	case !isMissing(inputs) && isMissing(images):
		x, err := float32sArg(inputs, "inputs", train.MaxDrawings*lenet.InputLen)
		if err != nil {
			return nil, err
		}
		if len(x) != n*lenet.InputLen {
			return nil, argErr("inputs must hold %d values (%d drawings of 32×32), got %d", n*lenet.InputLen, n, len(x))
		}
		for i := range ds {
			ds[i] = train.Drawing{Input: x[i*lenet.InputLen : (i+1)*lenet.InputLen], Label: labels[i]}
		}
	case isMissing(inputs) && !isMissing(images):
		if !js.Global().Get("Array").Call("isArray", images).Bool() || images.Length() != n {
			return nil, argErr("images must be an array of %d images, one per label", n)
		}
		for i := range ds {
			im := images.Index(i)
			if im.Type() != js.TypeObject {
				return nil, argErr("images[%d] must be an object {data, width, height}", i)
			}
			if isMissing(im.Get("width")) || isMissing(im.Get("height")) {
				return nil, argErr("images[%d] needs a width and a height", i)
			}
			w, err := intArg(im.Get("width"), fmt.Sprintf("images[%d].width", i), 1, canvas.MaxSide, 0)
			if err != nil {
				return nil, err
			}
			h, err := intArg(im.Get("height"), fmt.Sprintf("images[%d].height", i), 1, canvas.MaxSide, 0)
			if err != nil {
				return nil, err
			}
			data, err := bytesArg(im.Get("data"), fmt.Sprintf("images[%d].data", i), 4*w*h)
			if err != nil {
				return nil, err
			}
			if ds[i], err = traincore.Drawing(w, h, data, labels[i]); err != nil {
				return nil, fmt.Errorf("images[%d]: %w", i, err)
			}
		}
	default:
		return nil, argErr("give the drawings as inputs (32×32 floats) or as images, one of the two")
	}
	c, err := object(arg(args, 1), "the fine-tuning options")
	if err != nil {
		return nil, err
	}
	var cfg train.FineTuneConfig
	seed, err := intArg(c.Get("seed"), "seed", 0, traincore.MaxSeed, 1)
	if err != nil {
		return nil, err
	}
	cfg.Seed = uint64(seed)
	if cfg.Copies, err = intArg(c.Get("copies"), "copies", 1, 16, 0); err != nil {
		return nil, err
	}
	if cfg.Replay, err = intArg(c.Get("replay"), "replay", 1, train.MaxBatch, 0); err != nil {
		return nil, err
	}
	if cfg.MaxSteps, err = intArg(c.Get("maxSteps"), "maxSteps", 1, 5000, 0); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		dst  *float64
	}{{"learningRate", &cfg.LR}, {"confidence", &cfg.Confidence}, {"hold", &cfg.Hold}} {
		if *f.dst, err = numberArg(c.Get(f.name), f.name); err != nil {
			return nil, err
		}
		if !isMissing(c.Get(f.name)) && *f.dst <= 0 {
			return nil, argErr("%s must be above 0", f.name)
		}
	}
	r, err := session.FineTune(ds, cfg)
	if err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range out {
		b, a := prediction(r.FineTuneResult.Before[i]), prediction(r.FineTuneResult.After[i])
		out[i] = map[string]any{"label": labels[i], "before": b, "after": a}
	}
	return map[string]any{
		"drawings": out, "steps": r.Steps, "images": r.Images, "done": r.Done, "share": float64(r.Share),
		"seconds": r.Seconds, "before": evaluation(&r.Before), "after": evaluation(&r.After),
	}, nil
}
