//go:build !js

// drawset and the default eval read the MNIST files, found with the go
// command, which a program compiled to WebAssembly cannot run.

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/mnist"
)

func TestDrawset(t *testing.T) {
	dir := t.TempDir()
	run := func(prefix string, seed string) ([]byte, []byte) {
		t.Helper()
		var b bytes.Buffer
		if err := runDrawset([]string{"-n", "30", "-size", "64", "-brush", "3-6", "-seed", seed, "-out", filepath.Join(dir, prefix)}, &b); err != nil {
			t.Fatal(err)
		}
		img, err := os.ReadFile(filepath.Join(dir, prefix+"-images-idx3-ubyte.gz"))
		if err != nil {
			t.Fatal(err)
		}
		lab, err := os.ReadFile(filepath.Join(dir, prefix+"-labels-idx1-ubyte.gz"))
		if err != nil {
			t.Fatal(err)
		}
		return img, lab
	}
	a, la := run("a", "9")
	b, _ := run("b", "9")
	c, _ := run("c", "10")
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different drawings")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same drawings")
	}
	s, err := mnist.Load(filepath.Join(dir, "a-images-idx3-ubyte.gz"), filepath.Join(dir, "a-labels-idx1-ubyte.gz"))
	if err != nil {
		t.Fatal(err)
	}
	test, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 30 || s.Rows != 64 || s.Cols != 64 || !bytes.Equal(s.Labels, test.Labels[:30]) {
		t.Errorf("drawset wrote %d×%d×%d with labels %v", s.Count, s.Rows, s.Cols, la)
	}
	// Every drawing has ink and a background.
	for i := range s.Count {
		var lo, hi uint8 = 255, 0
		for _, v := range s.At(i) {
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo != 0 || hi != 255 {
			t.Errorf("drawing %d spans %d..%d", i, lo, hi)
		}
	}
	// eval reads it through the canvas preprocessing.
	var out bytes.Buffer
	if err := runEval([]string{"-images", filepath.Join(dir, "a-images-idx3-ubyte.gz"), "-labels", filepath.Join(dir, "a-labels-idx1-ubyte.gz")}, &out); err != nil {
		t.Fatal(err)
	}
	if _, total := parseAccuracy(t, out.String()); total != 30 || !strings.Contains(out.String(), "canvas preprocessing") {
		t.Errorf("eval of the drawings:\n%s", out.String())
	}
}

func TestDrawsetErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{}, "-out PREFIX is required"},
		{[]string{"-out", out, "-brush", "thick"}, "MIN-MAX"},
		{[]string{"-out", out, "-brush", "8-4"}, "0 < MIN ≤ MAX"},
		{[]string{"-out", out, "-brush", "0"}, "0 < MIN ≤ MAX"},
		{[]string{"-out", out, "-size", "64", "-brush", "40"}, "too wide"},
		{[]string{"-out", out, "-size", "0"}, "not in 8..8192"},
		{[]string{"-out", out, "-n", "0"}, "not in 1..10000"},
		{[]string{"-out", out, "-n", "10001"}, "not in 1..10000"},
		{[]string{"-out", "/nonexistent/dir/x", "-n", "1"}, "no such file"},
	}
	for _, c := range cases {
		err := runDrawset(c.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("drawset %v: %v, want an error saying %q", c.args, err, c.want)
		}
	}
}

// The default eval reads MNIST's test set and prints the accuracy line.
func TestEvalDefaultTestSet(t *testing.T) {
	var b bytes.Buffer
	if err := runEval(nil, &b); err != nil {
		t.Fatal(err)
	}
	if _, total := parseAccuracy(t, b.String()); total != 10000 {
		t.Errorf("eval read %d images, want MNIST's 10,000", total)
	}
	checkMatrix(t, b.String(), 10000)
}
