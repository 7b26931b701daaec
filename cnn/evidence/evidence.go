// Package evidence answers "why did LeNet-5 say 8?" with maps over the
// 32×32 input that show which pixels pushed the network towards a class,
// and with the digits of a set that excite a unit most:
//
//   - Occlusion: how much a class's score drops when a square patch of
//     the drawing is covered, for every position of the patch; computed
//     incrementally (only what a patch can change) and progressively (a
//     coarse map first), so that it keeps up with a student drawing.
//   - Gradient: the derivative of a class's score with respect to every
//     input pixel, by one forward and one backward pass; TimesInput turns
//     it into gradient × input.
//   - InkShare: how much of a map's positive evidence lies on the ink.
//   - Exciters: for every unit of C3, C5, F6 and Output, the images of a
//     set that give it the largest values, to be shown cropped to the
//     unit's receptive field (lenet.InputField).
//
// Maps are 32×32, row-major, in the input's coordinates: the value for
// input pixel (y, x) is at index y*32 + x. The score of a class is its
// probability after softmax or its logit (the Output layer's value before
// softmax), as Score says.
//
// The package allocates its working memory once per Occlusion, Gradient
// or Exciters value and nothing per map. None of its types is safe for
// concurrent use; use one value per goroutine.
//
// What it costs, in forward passes of the same digits (go test -bench,
// which reports it as forwards/op; under WebAssembly in Node, where a
// forward pass takes 70–80 µs, natively about a third less for the
// patches):
//
//	Occlusion.Start                         3
//	each patch over ink                     0.4
//	a map, patch 4, stride 2 (75 of 169)   34    (covering and re-running: 175)
//	a map, patch 4, stride 1 (300 of 625) 134
//	Gradient.Compute                        4    (Backward alone: 2.9)
//	Exciters, per image                     1.4
//
// So a frame that can give the map 3 ms, about 38 forward passes, runs
// Start and some 85 patches: a whole map of a digit at patch 4, stride 2
// fits in one frame; at stride 1 it takes about four, its first round
// (patch 4 at stride 4, about 25 patches over the ink) showing in the
// first.
package evidence

import (
	"errors"
	"math"
	"strconv"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Score is the number a map explains.
type Score uint8

const (
	// Probability is the class's softmax probability, 0 … 1.
	Probability Score = iota
	// Logit is the class's score before softmax, the Output layer's value:
	// unbounded, and not squashed when the network is already sure.
	Logit
)

func (s Score) String() string {
	switch s {
	case Probability:
		return "probability"
	case Logit:
		return "logit"
	}
	return "Score(" + strconv.Itoa(int(s)) + ")"
}

// Side and Len are the size of every map: the network's 32×32 input.
const (
	Side = lenet.InputSide
	Len  = lenet.InputLen
)

// Digit is the part of the input where a digit can be: the 28×28 square
// inside the 2-pixel border that pads MNIST's digits (and the canvas's) to
// 32×32. Occlusion patches are placed inside it.
const (
	DigitMin  = 2  // first row and column of the digit square
	DigitSide = 28 // its side
)

// errGot is an error that ends with the number the caller got.
func errGot(msg string, got int) error { return errors.New(msg + strconv.Itoa(got)) }

// checkInput reports whether x can be explained: 1,024 finite values.
func checkInput(x []float32) error {
	if len(x) != Len {
		return errGot("evidence: the input must be 32×32 = 1024 values, got ", len(x))
	}
	for i, v := range x {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return errGot("evidence: the input holds a value that is not a finite number (NaN or ±Inf) at pixel y·32+x = ", i)
		}
	}
	return nil
}

func checkTarget(target int) error {
	if target < 0 || target >= lenet.NumClasses {
		return errGot("evidence: the class must be a digit 0–9, got ", target)
	}
	return nil
}

func checkScore(s Score) error {
	if s != Probability && s != Logit {
		return errGot("evidence: the score is Probability (0) or Logit (1), got ", int(s))
	}
	return nil
}

// The geometry of LeNet-5's poolings, for package cnn's operations.
var (
	gS2 = mustPool(cnn.Shape{C: 6, H: 28, W: 28})
	gS4 = mustPool(cnn.Shape{C: 16, H: 10, W: 10})
)

func mustPool(in cnn.Shape) cnn.Geometry {
	g, err := cnn.PoolGeometry(in, cnn.PoolOptions{Size: 2, Stride: 2, Mode: cnn.MaxPool})
	if err != nil {
		panic("evidence: " + err.Error())
	}
	return g
}

// Sizes of LeNet-5's layers.
const (
	c1Len = 6 * 28 * 28
	s2Len = 6 * 14 * 14
	c3Len = 16 * 10 * 10
	s4Len = 16 * 5 * 5
	c5Len = 120
	f6Len = 84
)

// scoreOf is the score of class t given the ten logits.
func scoreOf(z *[lenet.NumClasses]float32, t int, s Score) float32 {
	if s == Logit {
		return z[t]
	}
	var p [lenet.NumClasses]float32
	cnn.Softmax(p[:], z[:])
	return p[t]
}
