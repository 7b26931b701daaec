package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/train"
)

// miniMNIST writes the first nTrain and nTest MNIST test digits as the four
// original file names in a temporary folder.
func miniMNIST(t *testing.T, nTrain, nTest int) string {
	t.Helper()
	m, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(images, labels string, from, n int) {
		sz := m.Size()
		im := &mnist.Images{Count: n, Rows: m.Rows, Cols: m.Cols, Pix: m.Pix[from*sz : (from+n)*sz]}
		if err := mnist.WriteFile(filepath.Join(dir, images), func(w io.Writer, zip bool) error { return mnist.WriteImages(w, im, zip) }); err != nil {
			t.Fatal(err)
		}
		if err := mnist.WriteFile(filepath.Join(dir, labels), func(w io.Writer, zip bool) error {
			return mnist.WriteLabels(w, m.Labels[from:from+n], zip)
		}); err != nil {
			t.Fatal(err)
		}
	}
	write(mnist.TrainImages, mnist.TrainLabels, 0, nTrain)
	write(mnist.TestImages, mnist.TestLabels, nTrain, nTest)
	return dir
}

func TestTrainCommand(t *testing.T) {
	dir := miniMNIST(t, 96, 24)
	out := filepath.Join(t.TempDir(), "mini.weights")
	args := []string{"-epochs", "1", "-seed", "5", "-batch", "16", "-mnist", dir, "-out", out}
	if err := runTrain(args, io.Discard); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	w, err := lenet.Decode(data)
	if err != nil {
		t.Fatalf("the written weights do not decode: %v", err)
	}
	for _, want := range []string{"command: go run ./cnn/cmd/lenet train -epochs 1 -seed 5", "seed: 5", "MNIST test accuracy:", "brush 14–28 px"} {
		if !strings.Contains(w.Meta, want) {
			t.Errorf("metadata lacks %q:\n%s", want, w.Meta)
		}
	}
	// The file exists now: without -force it is kept.
	if err := runTrain(args, io.Discard); err == nil || !strings.Contains(err.Error(), "-force") {
		t.Errorf("a second run over %s: %v, want a refusal that mentions -force", out, err)
	}
	if err := runTrain([]string{"-epochs", "0"}, io.Discard); err == nil {
		t.Error("-epochs 0 was accepted")
	}
	if err := runTrain([]string{"-epochs", "1", "extra"}, io.Discard); err == nil {
		t.Error("an extra argument was accepted")
	}
	if err := runTrain([]string{"-mnist", t.TempDir(), "-out", filepath.Join(t.TempDir(), "x")}, io.Discard); err == nil {
		t.Error("a folder without MNIST files was accepted")
	}
}

func TestReporter(t *testing.T) {
	var b bytes.Buffer
	r := &reporter{w: &b}
	p := train.Progress{Epoch: 2, Epochs: 5, Batch: 10, Batches: 100, Loss: 0.25, Accuracy: 0.9, Elapsed: time.Minute, ETA: 2 * time.Minute}
	r.progress(p) // plain output: the first line comes at once (last is zero)
	if got := b.String(); !strings.HasPrefix(got, "epoch 2/5 batch 10/100: loss 0.2500, train 90.00%") || strings.Contains(got, "\r") {
		t.Errorf("plain progress line %q", got)
	}
	b.Reset()
	r.progress(p) // too soon for another line
	if b.Len() != 0 {
		t.Errorf("a second line straight away: %q", b.String())
	}
	tty := &reporter{w: &b, tty: true}
	b.Reset()
	tty.progress(p)
	if got := b.String(); !strings.HasPrefix(got, "\repoch 2/5 [===") || !strings.Contains(got, "ETA 2m0s") {
		t.Errorf("terminal bar %q", got)
	}
	b.Reset()
	e := train.Eval{Correct: 97, Total: 100}
	p.EpochDone, p.Test, p.EpochTime = true, &e, 30*time.Second
	tty.progress(p)
	if got := b.String(); !strings.HasPrefix(got, "\r\033[K") || !strings.Contains(got, "test 97.00% (97/100)") {
		t.Errorf("end of epoch on a terminal %q", got)
	}
}
