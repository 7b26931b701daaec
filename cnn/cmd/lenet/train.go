package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/train"
)

func init() {
	commands["train"] = command{"train LeNet-5 on MNIST with canvas-style augmentation and write a weights file",
		func(args []string) error { return runTrain(args, os.Stdout) }}
}

// Bounds of train's flags (the same as train.Config's).
const (
	maxEpochs = 1000
	maxBatch  = 1 << 16
)

func runTrain(args []string, stdout io.Writer) error {
	fs := newFlags("train", "[-epochs N] [-batch N] [-lr X] [-seed S] [-out FILE] [-force] [-mnist DIR] [-plain X] [-jitter X] [-warp X]",
		"Trains LeNet-5 on MNIST's 60,000 training digits with canvas-style augmentation\n"+
			"(plain digits, some jittered; warped digits; digits redrawn as strokes), reports\n"+
			"the accuracy on the 10,000 test digits and on drawings of them after every\n"+
			"epoch, and writes the weights and how they were made to -out. Ctrl-C stops\n"+
			"it without writing anything. The same flags and seed give the same weights.", stdout)
	epochs := fs.Int("epochs", 12, fmt.Sprintf("passes over the 60,000 training digits, 1..%d", maxEpochs))
	seed := fs.Uint64("seed", 1, "random seed: initial weights, order, augmentation (same seed, same weights)")
	out := fs.String("out", "lenet5.weights", "weights `file` to write")
	force := fs.Bool("force", false, "overwrite -out if it exists")
	batch := fs.Int("batch", 64, fmt.Sprintf("examples per step, 1..%d", maxBatch))
	lr := fs.Float64("lr", 0.0015, "peak Adam step size, more than 0 and less than 1")
	plain := fs.Float64("plain", 0.5, "share of plain MNIST digits, 0..1")
	jitter := fs.Float64("jitter", 0.5, "share of the plain digits slightly turned, scaled, sheared and shifted, 0..1")
	warp := fs.Float64("warp", 0.1, "share of warped digits, 0..1 with -plain + -warp at most 1 (the rest are redrawn strokes)")
	dir := fs.String("mnist", "", "`folder` of the MNIST IDX files (default: the GoMNIST module's data)")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("train: unexpected arguments %q", fs.Args())
	}
	// Every value is checked here, before minutes go into loading the
	// digits; train.Config would take 0 for "the default".
	if err := intFlag("train", "epochs", *epochs, 1, maxEpochs, ""); err != nil {
		return err
	}
	if err := intFlag("train", "batch", *batch, 1, maxBatch, ""); err != nil {
		return err
	}
	if !(*lr > 0 && *lr < 1) {
		return usagef("train: -lr %v must be more than 0 and less than 1", *lr)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"plain", *plain}, {"jitter", *jitter}, {"warp", *warp}} {
		if err := floatFlag("train", f.name, f.v, 0, 1); err != nil {
			return err
		}
	}
	if *plain+*warp > 1 {
		return usagef("train: -plain %v and -warp %v add up to more than 1", *plain, *warp)
	}
	if *dir != "" {
		if st, err := os.Stat(*dir); err != nil {
			return fmt.Errorf("train: -mnist: %w", err)
		} else if !st.IsDir() {
			return fmt.Errorf("train: -mnist %s is not a folder", *dir)
		}
	}
	if st, err := os.Stat(*out); err == nil && st.IsDir() {
		return fmt.Errorf("train: -out %s is a folder; name the weights file to write", *out)
	}
	if !*force {
		if _, err := os.Stat(*out); err == nil {
			return fmt.Errorf("train: %s exists; pass -force to overwrite it or -out to choose another file", *out)
		}
	}
	trainSet, testSet, err := loadMNIST(*dir)
	if err != nil {
		return err
	}
	aug := &train.Augmenter{Set: trainSet, Plain: *plain, Jitter: *jitter, Warp: *warp, RedrawSide: redrawSide}
	if *plain+*warp < 1 {
		aug.Redraw = train.Redrawer(train.Skeletons(trainSet))
	}
	if err := aug.Check(); err != nil {
		return err
	}

	var stop atomic.Bool
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		if _, ok := <-sig; ok {
			stop.Store(true)
		}
	}()

	rep := newReporter(stdout)
	cfg := train.Config{
		Epochs: *epochs, BatchSize: *batch, Seed: *seed, LR: *lr,
		Test: testSet, Progress: rep.progress, Stop: stop.Load,
	}
	fmt.Fprintf(stdout, "training LeNet-5: %d epochs of %d digits (%.0f%% plain, %.0f%% warped, %.0f%% redrawn), seed %d, %d CPUs\n",
		*epochs, trainSet.Len(), 100**plain, 100**warp, 100*(1-*plain-*warp), *seed, runtime.GOMAXPROCS(0))
	res, err := train.Train(cfg, aug)
	rep.finish()
	if errors.Is(err, train.ErrStopped) {
		return fmt.Errorf("train: interrupted after %v; nothing written", res.Elapsed.Round(time.Second))
	}
	if err != nil {
		return err
	}
	var per time.Duration
	for _, t := range res.EpochTimes {
		per += t
	}
	per /= time.Duration(len(res.EpochTimes))
	fmt.Fprintf(stdout, "trained in %v (%v per epoch)\n", res.Elapsed.Round(time.Second), per.Round(100*time.Millisecond))
	e := res.Test
	fmt.Fprintf(stdout, "MNIST test accuracy: %.2f%% (%d/%d)\n", 100*e.Accuracy(), e.Correct, e.Total)
	var drawings strings.Builder
	for k, ce := range canvasAccuracy(res.Net, testSet, *seed) {
		fmt.Fprintf(&drawings, "drawings 280×280, brush %g–%g px: %.2f%% (%d/%d)\n",
			brushRanges[k][0], brushRanges[k][1], 100*ce.Accuracy(), ce.Correct, ce.Total)
	}
	fmt.Fprint(stdout, drawings.String())

	cmdline := "go run ./cnn/cmd/lenet train " + strings.Join(args, " ")
	meta := fmt.Sprintf("LeNet-5 trained on MNIST with canvas-style augmentation.\n"+
		"command: %s\nseed: %d\nepochs: %d\nbatch: %d\nlr: %g\nplain: %g\njitter: %g\nwarp: %g\narch: %s/%s\n"+
		"MNIST test accuracy: %.2f%% (%d/%d)\n%straining time: %v\n",
		strings.TrimSpace(cmdline), *seed, *epochs, *batch, *lr, *plain, *jitter, *warp, runtime.GOOS, runtime.GOARCH,
		100*e.Accuracy(), e.Correct, e.Total, drawings.String(), res.Elapsed.Round(time.Second))
	var b bytes.Buffer
	if err := lenet.Encode(&b, res.Net, meta); err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, b.Len())
	return nil
}

// reporter shows training progress: a bar redrawn in place on a terminal,
// plain lines (a few per epoch) otherwise.
type reporter struct {
	w    io.Writer
	tty  bool
	last time.Time
	line bool // a bar is on screen
}

func newReporter(w io.Writer) *reporter {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil {
			tty = st.Mode()&os.ModeCharDevice != 0
		}
	}
	return &reporter{w: w, tty: tty}
}

func (r *reporter) progress(p train.Progress) {
	now := time.Now()
	if p.EpochDone {
		r.clear()
		test := ""
		if p.Test != nil {
			test = fmt.Sprintf(", test %.2f%% (%d/%d)", 100*p.Test.Accuracy(), p.Test.Correct, p.Test.Total)
		}
		fmt.Fprintf(r.w, "epoch %d/%d: loss %.4f, train %.2f%%%s, %v, ETA %v\n",
			p.Epoch, p.Epochs, p.Loss, 100*p.Accuracy, test, p.EpochTime.Round(100*time.Millisecond), p.ETA.Round(time.Second))
		r.last = now
		return
	}
	if r.tty {
		if now.Sub(r.last) < 200*time.Millisecond {
			return
		}
		const width = 30
		done := width * p.Batch / p.Batches
		fmt.Fprintf(r.w, "\repoch %d/%d [%s%s] %d/%d loss %.4f acc %.2f%% ETA %v  ",
			p.Epoch, p.Epochs, strings.Repeat("=", done), strings.Repeat(" ", width-done),
			p.Batch, p.Batches, p.Loss, 100*p.Accuracy, p.ETA.Round(time.Second))
		r.line = true
		r.last = now
		return
	}
	if now.Sub(r.last) < 15*time.Second {
		return
	}
	fmt.Fprintf(r.w, "epoch %d/%d batch %d/%d: loss %.4f, train %.2f%%, elapsed %v, ETA %v\n",
		p.Epoch, p.Epochs, p.Batch, p.Batches, p.Loss, 100*p.Accuracy, p.Elapsed.Round(time.Second), p.ETA.Round(time.Second))
	r.last = now
}

func (r *reporter) clear() {
	if r.line {
		fmt.Fprint(r.w, "\r\033[K")
		r.line = false
	}
}

func (r *reporter) finish() { r.clear() }

// loadMNIST reads the training and test sets from dir, or from the GoMNIST
// module's data if dir is empty.
func loadMNIST(dir string) (trainSet, testSet *train.Set, err error) {
	load := func(images, labels string) (*train.Set, error) {
		var s *mnist.Set
		var err error
		if dir == "" {
			if images == mnist.TrainImages {
				s, err = mnist.LoadTrain()
			} else {
				s, err = mnist.LoadTest()
			}
		} else {
			s, err = mnist.Load(filepath.Join(dir, images), filepath.Join(dir, labels))
		}
		if err != nil {
			return nil, err
		}
		if s.Rows != train.Side || s.Cols != train.Side {
			return nil, fmt.Errorf("train: %s holds %d×%d images; training needs MNIST's %d×%d", images, s.Cols, s.Rows, train.Side, train.Side)
		}
		t := &train.Set{Pix: s.Pix, Labels: s.Labels}
		return t, t.Check()
	}
	if trainSet, err = load(mnist.TrainImages, mnist.TrainLabels); err != nil {
		return nil, nil, err
	}
	if testSet, err = load(mnist.TestImages, mnist.TestLabels); err != nil {
		return nil, nil, err
	}
	return trainSet, testSet, nil
}

// redrawSide is the canvas the training strokes are redrawn on: small, so
// that redrawing is cheap, large enough for the thinnest strokes.
const redrawSide = 84

// brushRanges are the canvas-style test sets reported after training:
// brushes of these diameters on a 280×280 canvas.
var brushRanges = [][2]float64{{6, 8}, {14, 28}, {30, 40}}

// canvasAccuracy evaluates net on drawings of the test digits for every
// brush range.
func canvasAccuracy(net *lenet.Net, test *train.Set, seed uint64) []train.Eval {
	sk := train.Skeletons(test)
	var out []train.Eval
	for _, br := range brushRanges {
		d := &train.Drawings{Set: test, Skeletons: sk, Width: 280, Height: 280, BrushMin: br[0], BrushMax: br[1]}
		out = append(out, train.Evaluate(net, d, seed))
	}
	return out
}
