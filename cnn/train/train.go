// Package train trains LeNet-5 (package lenet) with mini-batch gradient
// descent: cross-entropy loss, Adam with a linear warm-up and a cosine
// decay, He initialisation, and augmentation that makes the network read
// digits drawn on a canvas (see Augmenter).
//
// Training is deterministic for a given seed: every batch is split into a
// fixed number of shards whatever the number of CPUs, each shard sums its
// gradients in a fixed order, the shards are added in order, and every
// example's random augmentation comes from a generator seeded with the seed,
// the epoch and the example's index. Goroutines take shards as they come,
// so all CPUs are used.
package train

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Config are the settings of a training run. Zero values take the defaults
// noted.
type Config struct {
	Epochs    int     // passes over the source (default 10)
	BatchSize int     // examples per step (default 64)
	Seed      uint64  // initial weights, shuffling and augmentation
	LR        float64 // peak Adam step size (default 0.0015)
	FinalLR   float64 // step size at the end of the cosine decay (default LR/100)
	Warmup    int     // steps of linear warm-up (default 300)
	// Shards is how many parts every batch is split into; it fixes the
	// order of summation, so it is part of what makes a run reproducible
	// (default 8).
	Shards int
	// Workers is the number of goroutines (default: the number of CPUs).
	// It does not change the result.
	Workers int
	// Test, if not nil, is evaluated after every epoch.
	Test Source
	// Progress, if not nil, is called after every batch and at the end of
	// every epoch, from the goroutine that called Train.
	Progress func(Progress)
	// Stop, if not nil, is polled between batches; training ends early
	// (returning the weights so far and ErrStopped) when it returns true.
	Stop func() bool
}

// ErrStopped is returned when Config.Stop ended training early.
var ErrStopped = errors.New("train: stopped")

func (c *Config) defaults() error {
	if c.Epochs == 0 {
		c.Epochs = 10
	}
	if c.BatchSize == 0 {
		c.BatchSize = 64
	}
	if c.LR == 0 {
		c.LR = 0.0015
	}
	if c.FinalLR == 0 {
		c.FinalLR = c.LR / 100
	}
	if c.Warmup == 0 {
		c.Warmup = 300
	}
	if c.Shards == 0 {
		c.Shards = 8
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case c.Epochs < 0 || c.Epochs > 1000:
		return fmt.Errorf("train: epochs must be between 1 and 1000, got %d", c.Epochs)
	case c.BatchSize < 1 || c.BatchSize > 1<<16:
		return fmt.Errorf("train: batch size must be between 1 and 65536, got %d", c.BatchSize)
	case !(c.LR > 0 && c.LR < 1) || !(c.FinalLR > 0 && c.FinalLR <= c.LR):
		return fmt.Errorf("train: learning rates must satisfy 0 < final (%g) ≤ peak (%g) < 1", c.FinalLR, c.LR)
	case c.Warmup < 0:
		return fmt.Errorf("train: warm-up must not be negative, got %d", c.Warmup)
	case c.Shards < 1 || c.Shards > 256:
		return fmt.Errorf("train: shards must be between 1 and 256, got %d", c.Shards)
	case c.Workers < 1:
		return fmt.Errorf("train: workers must be at least 1, got %d", c.Workers)
	}
	return nil
}

// Progress is a snapshot of a training run.
type Progress struct {
	Epoch, Epochs   int // the current epoch, from 1
	Batch, Batches  int // batches done in this epoch, and per epoch
	Loss, Accuracy  float64
	Elapsed, ETA    time.Duration // since the start, and the estimate of what remains
	EpochDone       bool          // the epoch is finished (and the test set evaluated)
	EpochTime       time.Duration // set when EpochDone
	Test            *Eval         // set when EpochDone and a test source was given
	Step, TotalStep int
}

// Result is the outcome of Train.
type Result struct {
	Net        *lenet.Net
	EpochTimes []time.Duration
	Test       *Eval // after the last epoch, if a test source was given
	Elapsed    time.Duration
}

// Init returns LeNet-5 with He-initialised weights (normal, standard
// deviation √(2/fan-in); the output layer √(1/fan-in)) and zero biases.
func Init(seed uint64) *lenet.Net {
	n := lenet.New()
	r := rand.New(rand.NewPCG(seed, 0x1417))
	fill := func(w []float32, fanIn int, gain float64) {
		sd := math.Sqrt(gain / float64(fanIn))
		for i := range w {
			w[i] = float32(r.NormFloat64() * sd)
		}
	}
	fill(n.C1W, 1*5*5, 2)
	fill(n.C3W, 6*5*5, 2)
	fill(n.C5W, 16*5*5, 2)
	fill(n.F6W, 120, 2)
	fill(n.OutW, 84, 1)
	return n
}

type shardStats struct {
	loss    float64
	correct int
}

// Train learns LeNet-5's weights from src.
func Train(cfg Config, src Source) (*Result, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	N := src.Len()
	if N == 0 {
		return nil, fmt.Errorf("train: no training examples")
	}
	for i := range N {
		if l := src.Label(i); l < 0 || l >= lenet.NumClasses {
			return nil, fmt.Errorf("train: example %d has label %d, not a digit 0–9", i, l)
		}
	}
	start := time.Now()
	net := Init(cfg.Seed)
	batches := (N + cfg.BatchSize - 1) / cfg.BatchSize
	total := batches * cfg.Epochs
	opt := newAdam(lenet.NumParams)

	grads := make([]*lenet.Net, cfg.Shards)
	for i := range grads {
		grads[i] = lenet.New()
	}
	stats := make([]shardStats, cfg.Shards)
	workers := min(cfg.Workers, cfg.Shards)
	samplers := make([]Sampler, workers)
	passes := make([]*pass, workers)
	for w := range workers {
		samplers[w] = src.NewSampler()
		passes[w] = new(pass)
	}

	res := &Result{Net: net}
	step := 0
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		epochStart := time.Now()
		perm := rand.New(rand.NewPCG(cfg.Seed, 0xE90C<<32|uint64(epoch))).Perm(N)
		var lossSum float64
		var correct, seen int
		for b := range batches {
			if cfg.Stop != nil && cfg.Stop() {
				res.Elapsed = time.Since(start)
				return res, ErrStopped
			}
			idx := perm[b*cfg.BatchSize : min((b+1)*cfg.BatchSize, N)]
			var next atomic.Int32
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var pcg rand.PCG
					r := rand.New(&pcg)
					p, sm := passes[w], samplers[w]
					for {
						k := int(next.Add(1)) - 1
						if k >= cfg.Shards {
							return
						}
						g := grads[k]
						clear(g.Params)
						st := shardStats{}
						for _, i := range idx[k*len(idx)/cfg.Shards : (k+1)*len(idx)/cfg.Shards] {
							pcg.Seed(cfg.Seed, mix(uint64(epoch)<<32|uint64(i)))
							sm.Input(p.x[:], i, r)
							label := src.Label(i)
							if p.forward(net) == label {
								st.correct++
							}
							st.loss += float64(p.backward(net, g, label))
						}
						stats[k] = st
					}
				}()
			}
			wg.Wait()
			sum := grads[0].Params
			for k := 1; k < cfg.Shards; k++ {
				for j, v := range grads[k].Params[:len(sum)] {
					sum[j] += v
				}
			}
			for k := range stats {
				lossSum += stats[k].loss
				correct += stats[k].correct
			}
			seen += len(idx)
			opt.step(net.Params, sum, float32(1/float64(len(idx))), lr(cfg, step, total))
			step++
			if cfg.Progress != nil {
				el := time.Since(start)
				cfg.Progress(Progress{
					Epoch: epoch, Epochs: cfg.Epochs, Batch: b + 1, Batches: batches,
					Loss: lossSum / float64(seen), Accuracy: float64(correct) / float64(seen),
					Elapsed: el, ETA: time.Duration(float64(el) / float64(step) * float64(total-step)),
					Step: step, TotalStep: total,
				})
			}
		}
		et := time.Since(epochStart)
		res.EpochTimes = append(res.EpochTimes, et)
		if cfg.Test != nil {
			e := Evaluate(net, cfg.Test, cfg.Seed)
			res.Test = &e
		}
		if cfg.Progress != nil {
			el := time.Since(start)
			cfg.Progress(Progress{
				Epoch: epoch, Epochs: cfg.Epochs, Batch: batches, Batches: batches,
				Loss: lossSum / float64(seen), Accuracy: float64(correct) / float64(seen),
				Elapsed: el, ETA: time.Duration(float64(el) / float64(step) * float64(total-step)),
				EpochDone: true, EpochTime: et, Test: res.Test, Step: step, TotalStep: total,
			})
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// lr is the step size at step t of total: linear warm-up to cfg.LR, then a
// cosine decay to cfg.FinalLR.
func lr(cfg Config, t, total int) float32 {
	if t < cfg.Warmup {
		return float32(cfg.LR * float64(t+1) / float64(cfg.Warmup))
	}
	span := max(1, total-cfg.Warmup)
	f := float64(t-cfg.Warmup) / float64(span)
	return float32(cfg.FinalLR + (cfg.LR-cfg.FinalLR)*0.5*(1+math.Cos(math.Pi*f)))
}

// adam is the Adam optimiser (Kingma and Ba, 2015) with β1 = 0.9,
// β2 = 0.999, ε = 1e-8.
type adam struct {
	m, v   []float32
	b1, b2 float64 // β1^t, β2^t
}

func newAdam(n int) *adam {
	return &adam{m: make([]float32, n), v: make([]float32, n), b1: 1, b2: 1}
}

// step moves p against the gradient g·scale with step size lr.
func (a *adam) step(p, g []float32, scale, lr float32) {
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	a.b1 *= beta1
	a.b2 *= beta2
	// Bias correction folded into the step size and ε.
	c1 := float32(1 / (1 - a.b1))
	sc2 := float32(math.Sqrt(1 - a.b2))
	m, v := a.m[:len(p)], a.v[:len(p)]
	g = g[:len(p)]
	for i := range p {
		gi := g[i] * scale
		m[i] = beta1*m[i] + (1-beta1)*gi
		v[i] = beta2*v[i] + (1-beta2)*gi*gi
		p[i] -= lr * (m[i] * c1) / (float32(math.Sqrt(float64(v[i])))/sc2 + eps)
	}
}
