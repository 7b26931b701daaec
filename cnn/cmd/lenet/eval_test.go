package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
)

// writePair writes an IDX image/label pair to a temporary folder.
func writePair(t *testing.T, m *mnist.Images, labels []uint8) (string, string) {
	t.Helper()
	dir := t.TempDir()
	img, lab := filepath.Join(dir, "images.gz"), filepath.Join(dir, "labels")
	if err := mnist.WriteFile(img, func(w io.Writer, zip bool) error { return mnist.WriteImages(w, m, zip) }); err != nil {
		t.Fatal(err)
	}
	if err := mnist.WriteFile(lab, func(w io.Writer, zip bool) error { return mnist.WriteLabels(w, labels, zip) }); err != nil {
		t.Fatal(err)
	}
	return img, lab
}

// strokes draws a few random thick strokes on a w×h byte image.
func strokes(rng *rand.Rand, w, h int) []uint8 {
	pix := make([]uint8, w*h)
	for range 3 {
		x0, y0 := rng.IntN(w-6), rng.IntN(h-6)
		dx, dy := rng.IntN(3)-1, rng.IntN(3)-1
		for k := range min(w, h) / 2 {
			x, y := x0+k*dx, y0+k*dy
			for yy := max(y, 0); yy < min(y+3, h); yy++ {
				for xx := max(x, 0); xx < min(x+3, w); xx++ {
					pix[yy*w+xx] = 255
				}
			}
		}
	}
	return pix
}

var accuracyLine = regexp.MustCompile(`(?m)^accuracy: (\d+\.\d\d)% \((\d+)/(\d+)\)$`)

func parseAccuracy(t *testing.T, out string) (right, total int) {
	t.Helper()
	m := accuracyLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no accuracy line in:\n%s", out)
	}
	right, _ = strconv.Atoi(m[2])
	total, _ = strconv.Atoi(m[3])
	if want := fmt.Sprintf("%.2f", 100*float64(right)/float64(total)); m[1] != want {
		t.Errorf("accuracy %s%%, but %d/%d is %s%%", m[1], right, total, want)
	}
	return right, total
}

func shipped(t *testing.T) *lenet.Net {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	return w.Net
}

// Eval of 28×28 images pads them to 32×32: the count of right answers
// agrees with the network run here on inputs padded by hand.
func TestEvalMNISTSized(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 40
	m := &mnist.Images{Count: n, Rows: 28, Cols: 28}
	labels := make([]uint8, n)
	net := shipped(t)
	var acts lenet.Activations
	want := 0
	for i := range n {
		pix := strokes(rng, 28, 28)
		m.Pix = append(m.Pix, pix...)
		var x [32 * 32]float32
		for y := range 28 {
			for xx := range 28 {
				x[(y+2)*32+xx+2] = float32(pix[y*28+xx]) / 255
			}
		}
		got := net.Forward(x[:], &acts)
		// Half the labels are what the network says, half one more.
		labels[i] = uint8((got + i%2) % 10)
		if i%2 == 0 {
			want++
		}
	}
	img, lab := writePair(t, m, labels)
	var outs []string
	for _, workers := range []string{"1", "2", "3"} {
		var b bytes.Buffer
		if err := runEval([]string{"-images", img, "-labels", lab, "-workers", workers}, &b); err != nil {
			t.Fatal(err)
		}
		right, total := parseAccuracy(t, b.String())
		if right != want || total != n {
			t.Errorf("workers %s: %d/%d right, want %d/%d", workers, right, total, want, n)
		}
		if !strings.Contains(b.String(), "padded to 32×32") || !strings.Contains(b.String(), "most confused") {
			t.Errorf("output lacks the method or the confused pairs:\n%s", b.String())
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] || outs[1] != outs[2] {
		t.Error("the output depends on the number of workers")
	}
	checkMatrix(t, outs[0], n)
}

// checkMatrix sums the confusion matrix's ten rows.
func checkMatrix(t *testing.T, out string, n int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "confusion matrix") {
			start = i + 2
		}
	}
	if start < 0 || start+10 > len(lines) {
		t.Fatalf("no confusion matrix in:\n%s", out)
	}
	sum := 0
	for d, l := range lines[start : start+10] {
		f := strings.Fields(l)
		if len(f) < 12 || f[0] != strconv.Itoa(d) {
			t.Fatalf("matrix row %d: %q", d, l)
		}
		for _, c := range f[1 : len(f)-1] {
			v, err := strconv.Atoi(c)
			if err != nil {
				t.Fatalf("matrix row %d: %q", d, l)
			}
			sum += v
		}
	}
	if sum != n {
		t.Errorf("the confusion matrix counts %d images, want %d", sum, n)
	}
}

// Images that are not 28×28 go through the canvas preprocessing, and a
// blank one is a reported mistake.
func TestEvalCanvasSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, side = 12, 60
	m := &mnist.Images{Count: n, Rows: side, Cols: side}
	labels := make([]uint8, n)
	net := shipped(t)
	var acts lenet.Activations
	want := 0
	for i := range n {
		pix := strokes(rng, side, side)
		if i == 4 {
			pix = make([]uint8, side*side)
		}
		m.Pix = append(m.Pix, pix...)
		img, _ := canvas.FromGray8(side, side, pix)
		r, err := canvas.Preprocess(img)
		if i == 4 {
			if err == nil {
				t.Fatal("blank image preprocessed")
			}
			labels[i] = 3
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := net.Forward(r.Input[:], &acts)
		labels[i] = uint8((got + i%3) % 10)
		if i%3 == 0 {
			want++
		}
	}
	img, lab := writePair(t, m, labels)
	var b bytes.Buffer
	if err := runEval([]string{"-images", img, "-labels", lab}, &b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	right, total := parseAccuracy(t, out)
	if right != want || total != n {
		t.Errorf("%d/%d right, want %d/%d", right, total, want, n)
	}
	if !strings.Contains(out, "canvas preprocessing") || !strings.Contains(out, "blank (no ink found, counted as mistakes): 1, items 4") {
		t.Errorf("output does not report the method and the blank image:\n%s", out)
	}
}

func TestEvalErrors(t *testing.T) {
	m := &mnist.Images{Count: 2, Rows: 28, Cols: 28, Pix: make([]uint8, 2*784)}
	img, lab := writePair(t, m, []uint8{1, 2, 3})
	garbage := filepath.Join(t.TempDir(), "w")
	if err := mnist.WriteFile(garbage, func(w io.Writer, _ bool) error { _, err := w.Write([]byte("LENET5 but not really")); return err }); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-images", img}, "go together"},
		{[]string{"-images", img, "-labels", lab}, "3 labels for 2 images"},
		{[]string{"-images", lab, "-labels", lab}, "1 dimensions, but images"},
		{[]string{"-images", "/nonexistent/x", "-labels", lab}, "no such file"},
		{[]string{"-weights", "/nonexistent/w"}, "no such file"},
		{[]string{"-weights", garbage}, "not a valid LeNet-5 weights file"},
		{[]string{"-workers", "0"}, "-workers 0 is not in 1..256"},
		{[]string{"-workers", "1000000"}, "-workers 1000000 is not in 1..256"},
		{[]string{"stray"}, "unexpected argument"},
		{[]string{"-bogus"}, "not defined"},
	}
	for _, c := range cases {
		err := runEval(c.args, io.Discard)
		// (case-blind: under Node the system's messages are capitalised)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(c.want)) {
			t.Errorf("eval %v: %v, want an error saying %q", c.args, err, c.want)
		}
	}
	var b bytes.Buffer
	if err := runEval([]string{"-h"}, &b); err != nil || !strings.Contains(b.String(), "usage: lenet eval") {
		t.Errorf("eval -h: %v\n%s", err, b.String())
	}
}

// -canvas sends 28×28 images through the canvas preprocessing as well.
func TestEvalCanvasFlag(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const n = 30
	m := &mnist.Images{Count: n, Rows: 28, Cols: 28}
	labels := make([]uint8, n)
	net := shipped(t)
	var acts lenet.Activations
	agree := 0
	for i := range n {
		pix := strokes(rng, 28, 28)
		pix[0] = 0 // a background corner
		m.Pix = append(m.Pix, pix...)
		img, _ := canvas.FromGray8(28, 28, pix)
		r, err := canvas.Preprocess(img)
		if err != nil {
			t.Fatal(err)
		}
		labels[i] = uint8(net.Forward(r.Input[:], &acts))
		var x [32 * 32]float32
		for y := range 28 {
			for xx := range 28 {
				x[(y+2)*32+xx+2] = float32(pix[y*28+xx]) / 255
			}
		}
		if net.Forward(x[:], &acts) == int(labels[i]) {
			agree++
		}
	}
	t.Logf("padded and preprocessed inputs get the same class %d times in %d", agree, n)
	img, lab := writePair(t, m, labels)
	var b bytes.Buffer
	if err := runEval([]string{"-canvas", "-images", img, "-labels", lab}, &b); err != nil {
		t.Fatal(err)
	}
	if right, _ := parseAccuracy(t, b.String()); right != n || !strings.Contains(b.String(), "canvas preprocessing") {
		t.Errorf("-canvas: %d/%d right, want all:\n%s", right, n, b.String())
	}
	b.Reset()
	if err := runEval([]string{"-images", img, "-labels", lab}, &b); err != nil {
		t.Fatal(err)
	}
	if right, _ := parseAccuracy(t, b.String()); right != agree {
		t.Errorf("without -canvas: %d right, want %d", right, agree)
	}
}
