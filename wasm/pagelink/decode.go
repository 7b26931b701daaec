package pagelink

import (
	"math"

	"github.com/seecnn/lenet/cnn/lenet"
)

// WorkerStatus is a training worker's status (site/train-worker.js's status
// object) as NumStatus numbers, in the order of the constants below:
// booleans are 0 or 1, "from" is 0 (random), 1 (shipped) or 2 (weights),
// and a figure the worker does not have yet (a loss before the first
// step, a test accuracy before the first evaluation, the time to the next
// evaluation while paused) is NaN. Run is the page's count of the times
// the training view's worker started again (a reset, a start from given
// weights, a fine-tuning). Every event that carries a status (the
// answers to Start, Pause, Step, Reset, Set, Status and FineTune, and
// Progress) has it at the start of its Nums.
type WorkerStatus [NumStatus]float64

// The status's numbers.
const (
	Running = iota
	Loaded
	Images
	Steps
	Epoch
	Seconds
	ImagesPerSecond
	Loss
	TrainAccuracy
	TestAccuracy
	TestImages // images seen at the last evaluation
	LearningRate
	CurrentLearningRate // lower during the warm-up
	BatchSize
	EvalEvery
	NextEvaluation // images
	SecondsToNextEvaluation
	From
	Seed
	FineTunings
	Run // the training view's worker: times it started again (0 for the others)
	NumStatus
)

// Status decodes the status e carries; ok is false when it carries none.
// A number that is not finite, or negative, becomes NaN.
func (e *Event) Status() (s WorkerStatus, ok bool) {
	if e.Err != "" || e.Slot == Page || len(e.Nums) < NumStatus {
		return s, false
	}
	switch e.Kind {
	case Start, Pause, Step, Reset, Set, Status, FineTune, Progress:
	default:
		return s, false
	}
	for i := range s {
		v := e.Nums[i]
		if math.IsInf(v, 0) || v < 0 {
			v = math.NaN()
		}
		s[i] = v
	}
	return s, true
}

// Is reports whether the boolean number i is true.
func (s *WorkerStatus) Is(i int) bool { return s[i] == 1 }

// Count is the number i as a whole number (0 when it is not one).
func (s *WorkerStatus) Count(i int) int64 {
	if v := s[i]; v >= 0 && v < 1<<53 {
		return int64(v)
	}
	return 0
}

// FromName is where the weights started: "random", "shipped" or
// "weights" ("" when unknown).
func (s *WorkerStatus) FromName() string {
	switch s[From] {
	case 0:
		return "random"
	case 1:
		return "shipped"
	case 2:
		return "weights"
	}
	return ""
}

// KernelFloats is the count of Floats of a Kernels answer and of a
// Progress event: C1's weights (6×1×5×5), C1's biases (6), C3's weights
// (16×6×5×5) and C3's biases (16), in that order.
const KernelFloats = 150 + 6 + 2400 + 16

// Kernels returns C1's and C3's weights from the kernels e carries
// (slices of e.Floats), as lenet.Net holds them.
func (e *Event) Kernels() (c1, c3 []float32, ok bool) {
	if e.Err != "" || (e.Kind != Kernels && e.Kind != Progress) || len(e.Floats) != KernelFloats || !allFinite(e.Floats) {
		return nil, nil, false
	}
	return e.Floats[:150], e.Floats[156 : 156+2400], true
}

func allFinite(x []float32) bool {
	for _, v := range x {
		if v-v != 0 {
			return false
		}
	}
	return true
}

// Params returns the parameters of a Params answer: lenet.NumParams finite
// values in the order of lenet.ParamShapes (e.Floats itself).
func (e *Event) Params() ([]float32, bool) {
	if e.Err != "" || e.Kind != Params || len(e.Floats) != lenet.NumParams || !allFinite(e.Floats) {
		return nil, false
	}
	return e.Floats, true
}

// Score is the test digits' result at some point of training.
type Score struct {
	Images   float64 // training images seen when it was made
	Correct  int
	Total    int
	Accuracy float64
}

// NumScore is the count of numbers of a Score: images, seconds (of
// training), correct, total, accuracy.
const NumScore = 5

func (e *Event) score(at int) (Score, bool) {
	if at+NumScore > len(e.Nums) {
		return Score{}, false
	}
	n := e.Nums[at:]
	s := Score{Images: n[0], Correct: int(n[2]), Total: int(n[3]), Accuracy: n[4]}
	ok := n[0] >= 0 && n[0] < 1<<53 && n[2] >= 0 && n[3] >= n[2] && n[3] < 1<<31 && n[4] >= 0 && n[4] <= 1
	return s, ok
}

// Evaluation decodes an Evaluation event or an Evaluate answer.
func (e *Event) Evaluation() (Score, bool) {
	if e.Err != "" || (e.Kind != Evaluation && e.Kind != Evaluate) || len(e.Nums) != NumScore {
		return Score{}, false
	}
	return e.score(0)
}

// Digit is a test digit with the worker's reading of it.
type Digit struct {
	Label, Prediction int
	Prob              float64 // the probability of the prediction
	Pixels            []byte  // 28×28, 0 paper to 255 ink
}

// DigitNums is the count of numbers per digit of a Predict answer: its
// index among the test digits, its label, the prediction and the ten
// probabilities; the answer's Bytes hold the digits' 784 pixels one after
// the other.
const DigitNums = 3 + lenet.NumClasses

// Digits decodes a Predict answer.
func (e *Event) Digits() ([]Digit, bool) {
	n := len(e.Nums) / DigitNums
	if e.Err != "" || e.Kind != Predict || n == 0 || n > 100 || len(e.Nums) != n*DigitNums || len(e.Bytes) != n*784 {
		return nil, false
	}
	out := make([]Digit, n)
	for i := range out {
		v := e.Nums[i*DigitNums:]
		l, p := v[1], v[2]
		if !(l >= 0 && l <= 9 && p >= 0 && p <= 9 && l == math.Trunc(l) && p == math.Trunc(p)) {
			return nil, false
		}
		out[i] = Digit{Label: int(l), Prediction: int(p), Prob: v[3+int(p)], Pixels: e.Bytes[i*784 : (i+1)*784]}
	}
	return out, true
}

// Tuned is what fine-tuning did: the test digits' score before and after,
// and each drawing's reading before and after.
type Tuned struct {
	Done          bool // every drawing reached the confidence asked for
	Steps         int
	Seconds       float64
	Before, After Score
	Was, Now      []int // predictions
}

// A FineTune answer's Nums: a status (NumStatus numbers), then done,
// steps, seconds, the Score before and the Score after, then for each
// drawing its label, its prediction and the label's probability before,
// and the same two after.
const (
	tuneHead = NumStatus + 3 + 2*NumScore
	tuneItem = 5
)

// Tuned decodes a FineTune answer.
func (e *Event) Tuned() (r Tuned, ok bool) {
	n := (len(e.Nums) - tuneHead) / tuneItem
	if _, ok := e.Status(); !ok || e.Kind != FineTune || n < 1 || n > 64 || len(e.Nums) != tuneHead+n*tuneItem {
		return r, false
	}
	h := e.Nums[NumStatus:]
	r.Done, r.Steps, r.Seconds = h[0] == 1, int(h[1]), h[2]
	var ok1, ok2 bool
	r.Before, ok1 = e.score(NumStatus + 3)
	r.After, ok2 = e.score(NumStatus + 3 + NumScore)
	for i := range n {
		v := e.Nums[tuneHead+i*tuneItem:]
		if !(v[1] >= 0 && v[1] <= 9 && v[3] >= 0 && v[3] <= 9) {
			return Tuned{}, false
		}
		r.Was = append(r.Was, int(v[1]))
		r.Now = append(r.Now, int(v[3]))
	}
	return r, ok1 && ok2
}
