// Package traincore is the logic behind the training worker (wasm/trainer,
// loaded by site/train-worker.js): one training session of LeNet-5 on the
// page's digit pack, run a slice of time at a time so that the worker can
// answer messages between slices. It checks every argument a message can
// carry and describes every failure, needs no syscall/js, and is tested
// natively as well as under GOOS=js.
package traincore

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/canvas/drawn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist/pack"
	"github.com/seecnn/lenet/cnn/train"
)

// Limits on what a message may ask for.
const (
	MaxDataBytes    = 32 << 20 // a digit pack
	MaxWeightsBytes = 1 << 20  // a weights file (a float32 one has 247,000 bytes)
	MaxSteps        = 1000     // batches of one step request
	MaxSliceMillis  = 1000     // training time of one run request
	MaxPredict      = 100      // test digits of one predict request
	MaxNote         = 1024     // bytes of a note added to exported weights
	MaxEvalEvery    = 10000000 // images between evaluations
	MaxSeed         = 1<<53 - 1
)

// Augmentation modes.
const (
	AugmentNone   = "none"   // the digits as they are
	AugmentJitter = "jitter" // half of them slightly turned, scaled, sheared and shifted
	AugmentCanvas = "canvas" // the command line's mix (see Session.SetOptions)
)

// Defaults of a session.
const (
	DefaultAugment   = AugmentJitter
	DefaultEvalEvery = 10000
)

// earlyEvals are the first evaluations, in images seen, before one every
// EvalEvery images: the accuracy climbs fastest at the start.
var earlyEvals = []int64{1000, 2500, 5000}

// Error is a failure caused by the caller (a bad argument, or a request the
// session cannot serve in its state), as opposed to a fault of the program.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// Evaluation is the test digits' result at some point of training.
type Evaluation struct {
	Images    int64   // training images seen when it was made
	Seconds   float64 // training time then
	Correct   int
	Total     int
	Accuracy  float64 // Correct/Total
	Confusion [lenet.NumClasses][lenet.NumClasses]int
}

// Session is one network being trained. Its zero value is not usable;
// call New.
type Session struct {
	data              *pack.File
	trainSet, testSet *train.Set
	skeletons         []*drawn.Skeleton // computed as the canvas mode needs them
	tried             []bool

	net        *lenet.Net
	meta       string // the provenance of given weights
	eng        *train.Engine
	from       string
	seed       uint64
	batch      int
	lr         float64
	augment    string
	evalEvery  int64
	nextEval   int64
	seconds    float64 // training time, evaluations excluded
	evalSecs   float64
	last       *Evaluation
	acts       lenet.Activations
	fineTuned  int // fine-tunings since the last reset
	fineImages int64
}

// New returns a session holding the shipped weights and no digits yet.
func New() (*Session, error) {
	s := &Session{batch: train.DefaultBatch, lr: train.DefaultLR, augment: DefaultAugment, evalEvery: DefaultEvalEvery}
	if err := s.Reset("shipped", 1, nil); err != nil {
		return nil, err
	}
	return s, nil
}

// Load decodes a digit pack (cnn/mnist/pack) and trains on it from now on;
// the network and the counters start again as Reset left them last.
func (s *Session) Load(data []byte) error {
	if len(data) > MaxDataBytes {
		return errorf("the digit pack has %d bytes, more than %d", len(data), MaxDataBytes)
	}
	f, err := pack.Decode(data)
	if err != nil {
		return errorf("%s", strings.TrimPrefix(err.Error(), "pack: "))
	}
	s.data = f
	s.trainSet = &train.Set{Pix: f.Train.Pix, Labels: f.Train.Labels}
	s.testSet = &train.Set{Pix: f.Test.Pix, Labels: f.Test.Labels}
	s.skeletons = make([]*drawn.Skeleton, f.Train.Len())
	s.tried = make([]bool, f.Train.Len())
	return s.Reset(s.from, s.seed, nil)
}

// Loaded reports whether a digit pack is loaded.
func (s *Session) Loaded() bool { return s.data != nil }

// Reset starts again from new weights: "random" (He initialisation from
// seed), "shipped" (the trained weights inside the program) or "weights"
// (a weights file, lenet.Encode's format). seed also orders and augments
// the training digits. The counters, the evaluations and the optimiser's
// state start from zero; the options stay.
func (s *Session) Reset(from string, seed uint64, weights []byte) error {
	if seed > MaxSeed {
		return errorf("seed %d is beyond %d", seed, uint64(MaxSeed))
	}
	var net *lenet.Net
	meta := ""
	switch from {
	case "random":
		net = train.Init(seed)
	case "shipped":
		w, err := lenet.Pretrained()
		if err != nil {
			return err
		}
		net, meta = w.Net.Clone(), w.Meta
	case "weights":
		if len(weights) > MaxWeightsBytes {
			return errorf("the weights file has %d bytes, more than %d", len(weights), MaxWeightsBytes)
		}
		w, err := lenet.Decode(weights)
		if err != nil {
			return errorf("the weights are not usable: %s", strings.TrimPrefix(err.Error(), "lenet: "))
		}
		net, meta = w.Net, w.Meta
	default:
		return errorf("from must be \"random\", \"shipped\" or \"weights\", got %q", from)
	}
	s.net, s.meta, s.from, s.seed = net, meta, from, seed
	s.eng = nil
	if s.data != nil {
		eng, err := train.NewEngine(net, s.source(), train.EngineConfig{Seed: seed, BatchSize: s.batch, LR: s.lr})
		if err != nil {
			return err
		}
		s.eng = eng
	}
	s.seconds, s.evalSecs, s.last = 0, 0, nil
	s.nextEval = earlyEvals[0]
	s.fineTuned, s.fineImages = 0, 0
	return nil
}

// source is the training digits as the augmentation mode draws them.
func (s *Session) source() train.Source {
	switch s.augment {
	case AugmentNone:
		return s.trainSet
	case AugmentCanvas:
		redraw := train.Redrawer(s.skeletons)
		return &train.Augmenter{Set: s.trainSet, Plain: 0.5, Jitter: 0.5, Warp: 0.1, RedrawSide: 84,
			Redraw: func(dst canvas.Image, i int, r *rand.Rand) error {
				if i >= 0 && i < len(s.tried) && !s.tried[i] {
					s.tried[i] = true
					s.skeletons[i], _ = drawn.NewSkeleton(train.Side, train.Side, s.trainSet.Digit(i))
				}
				return redraw(dst, i, r)
			}}
	}
	return &train.Augmenter{Set: s.trainSet, Plain: 1, Jitter: 0.5}
}

func (s *Session) needData() error {
	if s.data == nil {
		return errorf("no digits loaded yet: the digit pack has not arrived")
	}
	return nil
}

// Options are the settings a caller may change between slices; zero values
// (and "") leave a setting as it is.
type Options struct {
	LR        float64 // Adam's step size after the warm-up, (0, 0.1]
	BatchSize int     // 1 to 1024
	// Augment is "none" (the digits as they are), "jitter" (half of them
	// slightly turned, scaled, sheared and shifted: the default) or
	// "canvas" (what the command line trains on: half plain, half of
	// those jittered, a tenth warped on a small canvas, the rest redrawn
	// with a round brush, both through the canvas preprocessing).
	Augment   string
	EvalEvery int64 // images between evaluations of the test digits, 100 to 10,000,000
}

// SetOptions changes the settings; on error nothing changes.
func (s *Session) SetOptions(o Options) error {
	if o.LR != 0 && !(o.LR > 0 && o.LR <= train.MaxLR) {
		return errorf("learningRate must be above 0 and at most %g, got %g", train.MaxLR, o.LR)
	}
	if o.BatchSize != 0 && (o.BatchSize < 1 || o.BatchSize > train.MaxBatch) {
		return errorf("batchSize must be a whole number from 1 to %d, got %d", train.MaxBatch, o.BatchSize)
	}
	switch o.Augment {
	case "", AugmentNone, AugmentJitter, AugmentCanvas:
	default:
		return errorf("augment must be %q, %q or %q, got %q", AugmentNone, AugmentJitter, AugmentCanvas, o.Augment)
	}
	if o.EvalEvery != 0 && (o.EvalEvery < 100 || o.EvalEvery > MaxEvalEvery) {
		return errorf("evalEvery must be from 100 to %d images, got %d", MaxEvalEvery, o.EvalEvery)
	}
	if o.LR != 0 {
		s.lr = o.LR
		if s.eng != nil {
			_ = s.eng.SetLR(o.LR)
		}
	}
	if o.BatchSize != 0 {
		s.batch = o.BatchSize
		if s.eng != nil {
			_ = s.eng.SetBatchSize(o.BatchSize)
		}
	}
	if o.Augment != "" && o.Augment != s.augment {
		s.augment = o.Augment
		if s.eng != nil {
			if err := s.eng.SetSource(s.source()); err != nil {
				return err
			}
		}
	}
	if o.EvalEvery != 0 {
		s.evalEvery = o.EvalEvery
		if s.eng != nil {
			s.nextEval = s.nextEvalAfter(s.eng.Stats().Images)
		}
	}
	return nil
}

// nextEvalAfter is the first evaluation point beyond images.
func (s *Session) nextEvalAfter(images int64) int64 {
	for _, e := range earlyEvals {
		if e > images && e < s.evalEvery {
			return e
		}
	}
	return (images/s.evalEvery + 1) * s.evalEvery
}

// Progress is what a slice of training did.
type Progress struct {
	Steps       int
	Images      int64
	Evaluations []Evaluation // those that fell in the slice, in order
}

// Run trains for about budget (at least one step, at most MaxSliceMillis),
// evaluating the test digits whenever the images seen pass the next
// evaluation point.
func (s *Session) Run(budget time.Duration) (Progress, error) {
	if err := s.needData(); err != nil {
		return Progress{}, err
	}
	if budget < 0 || budget > MaxSliceMillis*time.Millisecond {
		return Progress{}, errorf("a slice of training must last 0 to %d ms, got %v", MaxSliceMillis, budget)
	}
	return s.train(budget, MaxSteps*100)
}

// Step trains on n batches (1 to MaxSteps), evaluating as Run does.
func (s *Session) Step(n int) (Progress, error) {
	if err := s.needData(); err != nil {
		return Progress{}, err
	}
	if n < 1 || n > MaxSteps {
		return Progress{}, errorf("steps must be a whole number from 1 to %d, got %d", MaxSteps, n)
	}
	return s.train(math.MaxInt64, n)
}

func (s *Session) train(budget time.Duration, maxSteps int) (Progress, error) {
	var p Progress
	start := time.Now()
	before := s.eng.Stats().Images
	for p.Steps < maxSteps {
		t0 := time.Now()
		s.eng.Step()
		s.seconds += time.Since(t0).Seconds()
		p.Steps++
		if img := s.eng.Stats().Images; img >= s.nextEval {
			p.Evaluations = append(p.Evaluations, s.Evaluate())
			s.nextEval = s.nextEvalAfter(img)
		}
		if time.Since(start) >= budget {
			break
		}
	}
	p.Images = s.eng.Stats().Images - before
	return p, nil
}

// Evaluate classifies the test digits with the current weights and keeps
// the result as the latest evaluation.
func (s *Session) Evaluate() Evaluation {
	t0 := time.Now()
	e := train.EvaluateSerial(s.net, s.testSet, 0, &s.acts)
	s.evalSecs += time.Since(t0).Seconds()
	ev := Evaluation{Correct: e.Correct, Total: e.Total, Accuracy: e.Accuracy(), Confusion: e.Confusion, Seconds: s.seconds}
	if s.eng != nil {
		ev.Images = s.eng.Stats().Images
	}
	s.last = &ev
	return ev
}

// Status describes the session.
type Status struct {
	Loaded                  bool // a digit pack is loaded
	TrainDigits, TestDigits int
	From                    string
	Seed                    uint64
	Steps, Skipped, Epoch   int
	Images                  int64
	Seconds                 float64 // training time, evaluations excluded
	EvalSeconds             float64 // time spent evaluating
	ImagesPerSecond         float64 // Images/Seconds (0 before the first step)
	Loss, TrainAccuracy     float64 // moving averages over about the last 1,000 training images
	LR                      float64 // the step size of the next step (lower during the warm-up)
	TargetLR                float64 // the step size after the warm-up
	BatchSize               int
	Augment                 string
	EvalEvery               int64
	NextEval                int64       // images at which the next evaluation falls
	Last                    *Evaluation // the latest evaluation, nil before the first
	FineTunings             int         // fine-tunings since the last reset
	FineTuneImages          int64       // images they trained on
	Meta                    string      // provenance of the starting weights, for "shipped" and "weights"
}

// Status returns the session's state.
func (s *Session) Status() Status {
	st := Status{
		Loaded: s.data != nil, From: s.from, Seed: s.seed, Seconds: s.seconds, EvalSeconds: s.evalSecs,
		LR: s.lr, TargetLR: s.lr, BatchSize: s.batch, Augment: s.augment, EvalEvery: s.evalEvery,
		NextEval: s.nextEval, Last: s.last, FineTunings: s.fineTuned, FineTuneImages: s.fineImages, Meta: s.meta,
	}
	if s.data != nil {
		st.TrainDigits, st.TestDigits = s.data.Train.Len(), s.data.Test.Len()
	}
	if s.eng != nil {
		es := s.eng.Stats()
		st.Steps, st.Skipped, st.Epoch, st.Images = es.Steps, es.Skipped, es.Epoch, es.Images
		st.Loss, st.TrainAccuracy, st.LR = es.Loss, es.Accuracy, es.LR
		if s.seconds > 0 {
			st.ImagesPerSecond = float64(es.Images) / s.seconds
		}
	}
	return st
}

// Net is the network being trained. Callers must not keep it across a
// Reset or change it.
func (s *Session) Net() *lenet.Net { return s.net }

// Kernels returns copies of C1's weights (6×1×5×5) and biases and C3's
// (16×6×5×5) and biases.
func (s *Session) Kernels() (c1w, c1b, c3w, c3b []float32) {
	cp := func(x []float32) []float32 { return append([]float32(nil), x...) }
	return cp(s.net.C1W), cp(s.net.C1B), cp(s.net.C3W), cp(s.net.C3B)
}

// TestDigit is one test digit and what the network reads in it.
type TestDigit struct {
	Index  int     // in the pack's test digits
	Label  int     // the true digit
	Pixels []uint8 // 28×28, 0 background … 255 ink
	train.Prediction
}

// Predict reads the test digits at the given indices (at most MaxPredict);
// with none, the first test digit of each class, in the order 0 to 9.
func (s *Session) Predict(indices []int) ([]TestDigit, error) {
	if err := s.needData(); err != nil {
		return nil, err
	}
	if len(indices) > MaxPredict {
		return nil, errorf("at most %d test digits can be asked at once, got %d", MaxPredict, len(indices))
	}
	n := s.testSet.Len()
	if len(indices) == 0 {
		first := [lenet.NumClasses]int{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
		for i := n - 1; i >= 0; i-- {
			first[s.testSet.Label(i)] = i
		}
		for _, i := range first {
			if i >= 0 {
				indices = append(indices, i)
			}
		}
	}
	out := make([]TestDigit, len(indices))
	x := make([]float32, lenet.InputLen)
	for k, i := range indices {
		if i < 0 || i >= n {
			return nil, errorf("test digit %d does not exist: there are %d (0 to %d)", i, n, n-1)
		}
		s.testSet.PlainInput(x, i)
		out[k] = TestDigit{Index: i, Label: s.testSet.Label(i), Pixels: append([]uint8(nil), s.testSet.Digit(i)...),
			Prediction: train.Predict(s.net, x, &s.acts)}
	}
	return out, nil
}

// Export writes the current weights as a weights file (lenet.Encode's
// float32 format), with metadata on how they were made and the caller's
// note (at most MaxNote bytes of UTF-8).
func (s *Session) Export(note string) ([]byte, error) {
	if len(note) > MaxNote || !utf8.ValidString(note) {
		return nil, errorf("the note must be UTF-8 text of at most %d bytes", MaxNote)
	}
	var m strings.Builder
	m.WriteString("LeNet-5 trained in the browser (the page's training worker).\n")
	switch s.from {
	case "random":
		fmt.Fprintf(&m, "from: random weights, seed %d\n", s.seed)
	case "shipped":
		m.WriteString("from: the shipped weights\n")
	default:
		m.WriteString("from: a weights file\n")
	}
	st := s.Status()
	fmt.Fprintf(&m, "images: %d (%d steps, batch %d, learning rate %g, augmentation %s)\n", st.Images, st.Steps, st.BatchSize, st.TargetLR, st.Augment)
	if st.FineTunings > 0 {
		fmt.Fprintf(&m, "fine-tuned: %d times on the student's drawings (%d images)\n", st.FineTunings, st.FineTuneImages)
	}
	if e := s.last; e != nil {
		fmt.Fprintf(&m, "test digits: %.2f%% (%d/%d) at %d images\n", 100*e.Accuracy, e.Correct, e.Total, e.Images)
	}
	if note != "" {
		m.WriteString("note: " + note + "\n")
	}
	var b bytes.Buffer
	if err := lenet.Encode(&b, s.net, m.String()); err != nil {
		return nil, errorf("the weights cannot be written: %s", strings.TrimPrefix(err.Error(), "lenet: "))
	}
	return b.Bytes(), nil
}

// FineTuneResult is what a fine-tuning did, with the test digits' accuracy
// before and after.
type FineTuneResult struct {
	train.FineTuneResult
	Before, After Evaluation
	Seconds       float64
}

// FineTune teaches the current network the drawings (train.FineTune, with
// the training digits as replay), evaluating the test digits before and
// after.
func (s *Session) FineTune(ds []train.Drawing, cfg train.FineTuneConfig) (*FineTuneResult, error) {
	if err := s.needData(); err != nil {
		return nil, err
	}
	if err := train.CheckDrawings(ds); err != nil {
		return nil, errorf("%s", strings.TrimPrefix(err.Error(), "train: "))
	}
	t0 := time.Now()
	before := s.Evaluate()
	replay := &train.Augmenter{Set: s.trainSet, Plain: 1, Jitter: 0.5}
	r, err := train.FineTune(s.net, ds, replay, cfg)
	if err != nil {
		return nil, errorf("%s", strings.TrimPrefix(err.Error(), "train: "))
	}
	after := s.Evaluate()
	s.fineTuned++
	s.fineImages += int64(r.Images)
	return &FineTuneResult{FineTuneResult: *r, Before: before, After: after, Seconds: time.Since(t0).Seconds()}, nil
}

// Drawing turns an image, as a page's canvas holds it, into a drawing:
// grey bytes (w·h) or RGBA bytes (w·h·4), preprocessed as the demo
// preprocesses a drawing. A blank image is an error.
func Drawing(w, h int, data []uint8, label int) (train.Drawing, error) {
	if w < 1 || h < 1 || w > canvas.MaxSide || h > canvas.MaxSide {
		return train.Drawing{}, errorf("a drawing must be 1 to %d pixels on each side, got %d×%d", canvas.MaxSide, w, h)
	}
	var img canvas.Image
	var err error
	switch len(data) {
	case w * h:
		img, err = canvas.FromGray8(w, h, data)
	case 4 * w * h:
		img, err = canvas.FromRGBA8(w, h, data)
	default:
		return train.Drawing{}, errorf("a %d×%d drawing needs %d grey or %d RGBA bytes, got %d", w, h, w*h, 4*w*h, len(data))
	}
	if err != nil {
		return train.Drawing{}, errorf("%s", err)
	}
	r, err := canvas.Preprocess(img)
	if err != nil {
		return train.Drawing{}, errorf("%s", strings.TrimPrefix(err.Error(), "canvas: "))
	}
	return train.Drawing{Input: append([]float32(nil), r.Input[:]...), Label: label}, nil
}
