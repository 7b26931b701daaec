package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/mnist/pack"
	"github.com/seecnn/lenet/cnn/train"
)

// The subset command writes a pack whose digits are MNIST's, rounded to 16
// levels, and the rounding costs the shipped network nothing measurable on
// the test digits.
func TestSubset(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.bin")
	var msg bytes.Buffer
	if err := runSubset([]string{"-train", "300", "-test", "1000", "-out", out}, &msg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.String(), "300 training and 1000 test digits") {
		t.Errorf("output %q", msg.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pack.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	trainSet, err := mnist.LoadTrain()
	if err != nil {
		t.Fatal(err)
	}
	testSet, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	same := func(got, want []uint8) bool {
		for i := range want {
			if got[i] != pack.Level(pack.Quantize(want[i])) {
				return false
			}
		}
		return len(got) == len(want)
	}
	if f.Train.Len() != 300 || !bytes.Equal(f.Train.Labels, trainSet.Labels[:300]) || !same(f.Train.Pix, trainSet.Pix[:300*784]) {
		t.Error("the training digits are not MNIST's first 300")
	}
	orig := &train.Set{Pix: make([]uint8, 0, 1000*784), Labels: make([]uint8, 0, 1000)}
	for i := range 1000 {
		j := i * 10
		orig.Pix = append(orig.Pix, testSet.Pix[j*784:(j+1)*784]...)
		orig.Labels = append(orig.Labels, testSet.Labels[j])
	}
	if !bytes.Equal(f.Test.Labels, orig.Labels) || !same(f.Test.Pix, orig.Pix) {
		t.Error("the test digits are not every tenth of MNIST's test set")
	}
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	a := train.Evaluate(w.Net, orig, 0)
	q := train.Evaluate(w.Net, &train.Set{Pix: f.Test.Pix, Labels: f.Test.Labels}, 0)
	t.Logf("shipped weights on the 1,000 test digits: %.1f%%, rounded to 16 levels %.1f%%", 100*a.Accuracy(), 100*q.Accuracy())
	if d := a.Correct - q.Correct; d > 2 || d < -2 {
		t.Errorf("rounding to 16 levels changed %d results (%d → %d of 1000)", d, a.Correct, q.Correct)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-out", out}, "exists; pass -force"},
		{[]string{}, "-out FILE is required"},
		{[]string{"-train", "0", "-out", out, "-force"}, "-train 0 is not in 1..60000"},
		{[]string{"-test", "10001", "-out", out, "-force"}, "-test 10001 is not in 1..10000"},
		{[]string{"-out", out, "extra"}, "unexpected argument"},
	} {
		if err := runSubset(tc.args, new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one with %q", tc.args, err, tc.want)
		}
	}
}
