//go:build !js

// The original files are found with the go command, which a program
// compiled to WebAssembly cannot run, so these tests are native only.

package mnist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTestSet(t *testing.T) {
	s, err := LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 10000 || s.Rows != 28 || s.Cols != 28 || len(s.Pix) != 10000*784 {
		t.Fatalf("test set %d×%d×%d, %d bytes", s.Count, s.Rows, s.Cols, len(s.Pix))
	}
	// The first test digits are 7, 2, 1, 0, 4, as every MNIST tutorial shows.
	if got := s.Labels[:5]; string(got) != "\x07\x02\x01\x00\x04" {
		t.Errorf("first labels %v, want [7 2 1 0 4]", got)
	}
	var count [10]int
	for _, l := range s.Labels {
		count[l]++
	}
	// The known class sizes of the test set.
	want := [10]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
	if count != want {
		t.Errorf("digits per class %v, want %v", count, want)
	}
	// Image 0 is a 7: ink in its top rows' right half, a blank border.
	img := s.At(0)
	var top, border int
	for x := range 28 {
		border += int(img[x]) + int(img[27*28+x]) + int(img[x*28]) + int(img[x*28+27])
		top += int(img[7*28+x])
	}
	if border != 0 || top == 0 {
		t.Errorf("image 0: border ink %d, ink on row 7 %d", border, top)
	}
}

func TestMNISTDir(t *testing.T) {
	dir, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MNIST_DIR", dir)
	if got, err := DataDir(); got != dir || err != nil {
		t.Errorf("with MNIST_DIR=%s: %q, %v", dir, got, err)
	}
	empty := t.TempDir()
	t.Setenv("MNIST_DIR", empty)
	if _, err := DataDir(); err == nil || !strings.Contains(err.Error(), "MNIST_DIR") {
		t.Errorf("MNIST_DIR without the files: %v", err)
	}
	if _, err := LoadTest(); err == nil {
		t.Error("LoadTest succeeded from an empty MNIST_DIR")
	}
	if _, err := os.Stat(filepath.Join(dir, TrainImages)); err != nil {
		t.Error(err)
	}
}
