package train

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/seecnn/lenet/cnn/lenet"
)

// Side is the side of the digits a Set holds, as in MNIST.
const Side = 28

// Set is a labelled set of Side×Side grey digits as MNIST stores them: Pix
// holds len(Labels) images of 784 bytes one after the other, each
// row-major, 0 for the background and 255 for full ink.
type Set struct {
	Pix    []uint8
	Labels []uint8
}

// Len is the number of digits.
func (s *Set) Len() int { return len(s.Labels) }

// Check reports a set whose sizes disagree or whose labels are not digits.
func (s *Set) Check() error {
	if len(s.Labels) == 0 {
		return fmt.Errorf("train: the set is empty")
	}
	if len(s.Pix) != len(s.Labels)*Side*Side {
		return fmt.Errorf("train: %d bytes of pixels for %d labels; need %d (%d×%d each)",
			len(s.Pix), len(s.Labels), len(s.Labels)*Side*Side, Side, Side)
	}
	for i, l := range s.Labels {
		if l >= lenet.NumClasses {
			return fmt.Errorf("train: label %d of digit %d is not a digit 0–9", l, i)
		}
	}
	return nil
}

// Digit returns digit i's Side×Side pixels.
func (s *Set) Digit(i int) []uint8 { return s.Pix[i*Side*Side : (i+1)*Side*Side] }

// Label is digit i's class.
func (s *Set) Label(i int) int { return int(s.Labels[i]) }

// PlainInput writes digit i as the network reads an MNIST digit: the 28×28
// image padded by 2 on every side to 32×32, each byte divided by 255.
func (s *Set) PlainInput(dst []float32, i int) {
	clear(dst[:lenet.InputLen])
	const pad = (lenet.InputSide - Side) / 2
	src := s.Digit(i)
	for y := range Side {
		row := dst[(y+pad)*lenet.InputSide+pad : (y+pad)*lenet.InputSide+pad+Side]
		for x, v := range src[y*Side : (y+1)*Side] {
			row[x] = float32(v) * (1.0 / 255)
		}
	}
}

// NewSampler makes s a Source of its plain, unaugmented digits.
func (s *Set) NewSampler() Sampler { return plainSampler{s} }

type plainSampler struct{ s *Set }

func (p plainSampler) Input(dst []float32, i int, _ *rand.Rand) { p.s.PlainInput(dst, i) }

// Source is what the trainer learns from: Len labelled examples whose 32×32
// inputs samplers produce.
type Source interface {
	Len() int
	Label(i int) int
	// NewSampler returns a sampler for one goroutine; samplers may keep
	// scratch buffers but their output must depend only on (i, r).
	NewSampler() Sampler
}

// Sampler writes example i's 32×32 input into dst, drawing any random
// choices from r.
type Sampler interface {
	Input(dst []float32, i int, r *rand.Rand)
}

// Eval is the result of classifying a set.
type Eval struct {
	Correct, Total int
	// Confusion[t][p] counts digits of class t classified as p.
	Confusion [lenet.NumClasses][lenet.NumClasses]int
}

// Accuracy is Correct/Total, 0 for an empty set.
func (e Eval) Accuracy() float64 {
	if e.Total == 0 {
		return 0
	}
	return float64(e.Correct) / float64(e.Total)
}

// Evaluate classifies every example of src with net, on as many goroutines
// as there are CPUs, each input drawn with a random generator seeded from
// seed and the example's index.
func Evaluate(net *lenet.Net, src Source, seed uint64) Eval {
	n := src.Len()
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	parts := make([]Eval, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sm := src.NewSampler()
			var pcg rand.PCG
			r := rand.New(&pcg)
			acts := new(lenet.Activations)
			x := make([]float32, lenet.InputLen)
			e := &parts[w]
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				pcg.Seed(seed, mix(uint64(i)))
				sm.Input(x, i, r)
				p := net.Forward(x, acts)
				t := src.Label(i)
				e.Confusion[t][p]++
				e.Total++
				if p == t {
					e.Correct++
				}
			}
		}()
	}
	wg.Wait()
	var e Eval
	for _, p := range parts {
		e.Correct += p.Correct
		e.Total += p.Total
		for t := range p.Confusion {
			for q := range p.Confusion[t] {
				e.Confusion[t][q] += p.Confusion[t][q]
			}
		}
	}
	return e
}

// mix is SplitMix64's finaliser: nearby inputs give unrelated outputs, so
// per-example generators seeded with consecutive indices are independent.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
