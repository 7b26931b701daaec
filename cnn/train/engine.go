package train

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Engine trains LeNet-5 one mini-batch at a time on the goroutine that
// calls it, as a page's training loop does: in a Web Worker, with one
// thread, stopping between batches to answer messages. Train is the
// command line's loop (epochs, every CPU, a learning-rate schedule fixed in
// advance); an Engine runs for as long as it is asked to, and its batch
// size and learning rate can change between steps.
//
// One image costs lenet's Forward and fastPass's backward pass; nothing is
// allocated per step. For a given seed, source and sequence of calls, the
// weights are the same bit for bit on every run (on one architecture).
//
// Order and augmentation: every epoch visits the source in an order drawn
// from (seed, epoch); example i of epoch k is drawn by the source's sampler
// with a generator seeded by (seed, k, i), as in Train. A batch may end in
// the next epoch.
//
// Optimiser: Adam (β1 0.9, β2 0.999), the step size rising linearly over
// the first Warmup steps to LR and constant after that.
type Engine struct {
	net    *lenet.Net
	src    Source
	sm     Sampler
	cfg    EngineConfig
	opt    *adam
	grad   *lenet.Net
	p      *fastPass
	pcg    rand.PCG
	r      *rand.Rand
	perm   []int
	epoch  int // the epoch perm belongs to, from 1
	pos    int // the next place in perm
	steps  int
	images int64
	skip   int // steps skipped because the loss was not finite

	loss, acc float64 // moving averages over recent images
	avgW      float64 // weight of the averages so far (for their start)
}

// EngineConfig are an Engine's settings. Zero values take the defaults
// noted.
type EngineConfig struct {
	Seed      uint64  // order and augmentation
	BatchSize int     // examples per step, 1 to MaxBatch (default 64)
	LR        float64 // Adam's step size after the warm-up, (0, MaxLR] (default 0.002)
	Warmup    int     // steps of linear warm-up, 0 to 100,000 (default 50); -1 for none
}

// Limits of an Engine's settings.
const (
	MaxBatch = 1024
	MaxLR    = 0.1
)

// Defaults of EngineConfig.
const (
	DefaultBatch  = 64
	DefaultLR     = 0.002
	DefaultWarmup = 50
)

func (c *EngineConfig) check() error {
	if c.BatchSize == 0 {
		c.BatchSize = DefaultBatch
	}
	if c.LR == 0 {
		c.LR = DefaultLR
	}
	switch c.Warmup {
	case 0:
		c.Warmup = DefaultWarmup
	case -1:
		c.Warmup = 0
	}
	if err := checkBatch(c.BatchSize); err != nil {
		return err
	}
	if err := checkLR(c.LR); err != nil {
		return err
	}
	if c.Warmup < 0 || c.Warmup > 100000 {
		return fmt.Errorf("train: warm-up must be -1 (none) or 0 to 100000 steps, got %d", c.Warmup)
	}
	return nil
}

func checkBatch(n int) error {
	if n < 1 || n > MaxBatch {
		return fmt.Errorf("train: batch size must be between 1 and %d, got %d", MaxBatch, n)
	}
	return nil
}

func checkLR(lr float64) error {
	if !(lr > 0 && lr <= MaxLR) {
		return fmt.Errorf("train: learning rate must be above 0 and at most %g, got %g", MaxLR, lr)
	}
	return nil
}

// NewEngine returns an engine that trains net, in place, on src. Its labels
// are checked once here.
func NewEngine(net *lenet.Net, src Source, cfg EngineConfig) (*Engine, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if net == nil || len(net.Params) != lenet.NumParams {
		return nil, fmt.Errorf("train: the engine needs a LeNet-5 made with lenet.New or lenet.FromParams")
	}
	n := src.Len()
	if n == 0 {
		return nil, fmt.Errorf("train: no training examples")
	}
	for i := range n {
		if l := src.Label(i); l < 0 || l >= lenet.NumClasses {
			return nil, fmt.Errorf("train: example %d has label %d, not a digit 0–9", i, l)
		}
	}
	e := &Engine{
		net: net, src: src, sm: src.NewSampler(), cfg: cfg,
		opt: newAdam(lenet.NumParams), grad: lenet.New(), p: new(fastPass),
	}
	e.r = rand.New(&e.pcg)
	return e, nil
}

// Net is the network being trained (the one given to NewEngine).
func (e *Engine) Net() *lenet.Net { return e.net }

// SetBatchSize changes the number of examples of the next steps.
func (e *Engine) SetBatchSize(n int) error {
	if err := checkBatch(n); err != nil {
		return err
	}
	e.cfg.BatchSize = n
	return nil
}

// SetLR changes the step size after the warm-up.
func (e *Engine) SetLR(lr float64) error {
	if err := checkLR(lr); err != nil {
		return err
	}
	e.cfg.LR = lr
	return nil
}

// SetSource changes what the next steps learn from: the same examples
// (the same number, in the same epoch order) drawn another way, such as
// with other augmentation. Its labels are checked as NewEngine checks them.
func (e *Engine) SetSource(src Source) error {
	if src.Len() != e.src.Len() {
		return fmt.Errorf("train: the new source has %d examples, the engine's %d", src.Len(), e.src.Len())
	}
	for i := range src.Len() {
		if l := src.Label(i); l < 0 || l >= lenet.NumClasses {
			return fmt.Errorf("train: example %d has label %d, not a digit 0–9", i, l)
		}
	}
	e.src, e.sm = src, src.NewSampler()
	return nil
}

// Config returns the current settings.
func (e *Engine) Config() EngineConfig { return e.cfg }

// next returns the index of the next example and the epoch it belongs to.
func (e *Engine) next() (int, int) {
	if e.perm == nil || e.pos == len(e.perm) {
		e.epoch++
		e.perm = rand.New(rand.NewPCG(e.cfg.Seed, 0xE90C<<32|uint64(e.epoch))).Perm(e.src.Len())
		e.pos = 0
	}
	i := e.perm[e.pos]
	e.pos++
	return i, e.epoch
}

// Batch is what one step saw.
type Batch struct {
	Size    int
	Loss    float64 // mean cross-entropy over the batch, before the update
	Correct int     // examples classified right, before the update
	// Skipped is set when the loss was not finite (a learning rate far
	// too high): the weights were left as they were.
	Skipped bool
}

// Step trains on one mini-batch.
func (e *Engine) Step() Batch {
	clear(e.grad.Params)
	b := Batch{Size: e.cfg.BatchSize}
	for range b.Size {
		i, ep := e.next()
		e.pcg.Seed(e.cfg.Seed, mix(uint64(ep)<<32|uint64(i)))
		e.sm.Input(e.p.x.Input[:], i, e.r)
		label := e.src.Label(i)
		if e.p.forward(e.net) == label {
			b.Correct++
		}
		b.Loss += float64(e.p.backward(e.net, e.grad, label))
	}
	b.Loss /= float64(b.Size)
	e.images += int64(b.Size)
	if math.IsNaN(b.Loss) || math.IsInf(b.Loss, 0) {
		b.Skipped = true
		e.skip++
		return b
	}
	e.opt.step(e.net.Params, e.grad.Params, float32(1/float64(b.Size)), float32(e.stepSize()))
	e.steps++
	// Moving averages over about the last 1,000 images.
	w := min(1, float64(b.Size)/1000)
	e.avgW = e.avgW*(1-w) + w
	e.loss = e.loss*(1-w) + w*b.Loss
	e.acc = e.acc*(1-w) + w*float64(b.Correct)/float64(b.Size)
	return b
}

// stepSize is the learning rate of the next step.
func (e *Engine) stepSize() float64 {
	if e.steps < e.cfg.Warmup {
		return e.cfg.LR * float64(e.steps+1) / float64(e.cfg.Warmup)
	}
	return e.cfg.LR
}

// EngineStats describes an engine's progress.
type EngineStats struct {
	Steps   int   // updates made
	Skipped int   // steps whose loss was not finite (weights unchanged)
	Images  int64 // examples seen, skipped steps included
	Epoch   int   // the epoch of the last example, from 1 (0 before any)
	// Loss and Accuracy are moving averages over about the last 1,000
	// training examples, measured as each batch was seen (before its
	// update); 0 before the first step.
	Loss, Accuracy float64
	LR             float64 // the step size of the next step
}

// Stats reports the engine's progress.
func (e *Engine) Stats() EngineStats {
	s := EngineStats{Steps: e.steps, Skipped: e.skip, Images: e.images, Epoch: e.epoch, LR: e.stepSize()}
	if e.avgW > 0 {
		s.Loss, s.Accuracy = e.loss/e.avgW, e.acc/e.avgW
	}
	return s
}

// EvaluateSerial is Evaluate on the calling goroutine alone, for a
// program with one thread; it draws every input as Evaluate does, so the
// two agree. acts is working memory (nil to allocate one).
func EvaluateSerial(net *lenet.Net, src Source, seed uint64, acts *lenet.Activations) Eval {
	if acts == nil {
		acts = new(lenet.Activations)
	}
	sm := src.NewSampler()
	var pcg rand.PCG
	r := rand.New(&pcg)
	var e Eval
	for i := range src.Len() {
		pcg.Seed(seed, mix(uint64(i)))
		sm.Input(acts.Input[:], i, r)
		p := net.Forward(acts.Input[:], acts)
		t := src.Label(i)
		e.Confusion[t][p]++
		e.Total++
		if p == t {
			e.Correct++
		}
	}
	return e
}
