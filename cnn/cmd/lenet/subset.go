package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/mnist/pack"
)

func init() {
	commands["subset"] = command{
		"write the MNIST subset the page trains on (a digit pack, see cnn/mnist/pack)",
		func(args []string) error { return runSubset(args, os.Stdout) },
	}
}

// Default sizes of the page's subset: enough training digits to pass 97 %
// on the test digits within a minute of training in the browser, a test
// subset large enough to show a 0.3-point change, and the whole file well
// under 2 MB (about 1.55 MB; see the README's Training in the page).
const (
	subsetTrain = 15000
	subsetTest  = 2000
)

func runSubset(args []string, stdout io.Writer) error {
	fs := newFlags("subset", "-out FILE [-train N] [-test M] [-force]",
		"Writes a digit pack: the first N digits of MNIST's training set and M digits\n"+
			"spread evenly over its test set, rounded to 16 grey levels and compressed.\n"+
			"./build.sh writes site/mnist-subset.bin with it for the page's training.", stdout)
	nTrain := fs.Int("train", subsetTrain, "training digits: the first N of MNIST's training set")
	nTest := fs.Int("test", subsetTest, "test digits, spread evenly over MNIST's test set")
	out := fs.String("out", "", "the pack `file` to write")
	force := fs.Bool("force", false, "overwrite -out if it exists")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if err := intFlag("subset", "train", *nTrain, 1, 60000, "MNIST has 60,000 training digits"); err != nil {
		return err
	}
	if err := intFlag("subset", "test", *nTest, 1, 10000, "MNIST has 10,000 test digits"); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("subset: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return usagef("subset: -out FILE is required")
	}
	if !*force {
		if _, err := os.Stat(*out); err == nil {
			return fmt.Errorf("subset: %s exists; pass -force to overwrite it", *out)
		}
	}
	f, err := subsetFile(*nTrain, *nTest)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := pack.Encode(&b, f); err != nil {
		return fmt.Errorf("subset: %w", err)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("subset: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d training and %d test digits, %d bytes\n", *out, f.Train.Len(), f.Test.Len(), b.Len())
	return nil
}

// subsetFile picks the pack's digits from the MNIST files.
func subsetFile(nTrain, nTest int) (*pack.File, error) {
	train, err := mnist.LoadTrain()
	if err != nil {
		return nil, err
	}
	test, err := mnist.LoadTest()
	if err != nil {
		return nil, err
	}
	for _, s := range []*mnist.Set{train, test} {
		if s.Rows != pack.Side || s.Cols != pack.Side {
			return nil, fmt.Errorf("subset: MNIST images of %d×%d, expected %d×%d", s.Cols, s.Rows, pack.Side, pack.Side)
		}
	}
	f, err := pack.Subset(&pack.Part{Pix: train.Pix, Labels: train.Labels}, &pack.Part{Pix: test.Pix, Labels: test.Labels}, nTrain, nTest)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	return f, nil
}
