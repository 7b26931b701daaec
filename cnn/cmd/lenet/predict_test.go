package main

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
)

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// seven paints a "7" with ink on bg.
func seven(img interface{ Set(x, y int, c color.Color) }, w, h int, ink, bg color.Color) {
	for y := range h {
		for x := range w {
			c := bg
			if y >= 20 && y < 30 && x >= 30 && x < 90 || x+y/2 >= 90 && x+y/2 < 100 && y >= 20 && y < 110 {
				c = ink
			}
			img.Set(x, y, c)
		}
	}
}

func TestPredict(t *testing.T) {
	dir := t.TempDir()
	const w, h = 120, 120
	gray := image.NewGray(image.Rect(0, 0, w, h))
	seven(gray, w, h, color.White, color.Black)
	trans := image.NewNRGBA(image.Rect(0, 0, w, h))
	seven(trans, w, h, color.NRGBA{0, 0, 0, 255}, color.NRGBA{0, 0, 0, 0})
	pGray, pTrans := filepath.Join(dir, "seven.png"), filepath.Join(dir, "seven-transparent.png")
	writePNG(t, pGray, gray)
	writePNG(t, pTrans, trans)

	// The answer the network gives, computed here directly.
	img, _ := canvas.FromGray8(w, h, gray.Pix)
	r, err := canvas.Preprocess(img)
	if err != nil {
		t.Fatal(err)
	}
	var acts lenet.Activations
	label := shipped(t).Forward(r.Input[:], &acts)

	var b bytes.Buffer
	if err := runPredict([]string{pGray, pTrans}, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 2 lines per file:\n%s", b.String())
	}
	for i, p := range []string{pGray, pTrans} {
		head := lines[2*i]
		if !strings.HasPrefix(head, p+": "+strconv.Itoa(label)+" (") {
			t.Errorf("line %q, want %s: %d (…%%)", head, p, label)
		}
		f := strings.Fields(lines[2*i+1])
		if len(f) != 20 {
			t.Fatalf("probability line %q", lines[2*i+1])
		}
		sum := 0.0
		for d := range 10 {
			if f[2*d] != strconv.Itoa(d)+":" {
				t.Errorf("probability line %q", lines[2*i+1])
			}
			v, err := strconv.ParseFloat(f[2*d+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(v-float64(acts.Probs[d])) > 1e-4 {
				t.Errorf("%s: P(%d) = %v, network says %v", p, d, v, acts.Probs[d])
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Errorf("probabilities sum to %v", sum)
		}
	}
}

func TestPredictErrors(t *testing.T) {
	dir := t.TempDir()
	blank := filepath.Join(dir, "blank.png")
	writePNG(t, blank, image.NewGray(image.Rect(0, 0, 40, 30)))
	text := filepath.Join(dir, "text.png")
	if err := os.WriteFile(text, []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.png")
	g := image.NewGray(image.Rect(0, 0, 120, 120))
	seven(g, 120, 120, color.White, color.Black)
	writePNG(t, good, g)
	missing := filepath.Join(dir, "missing.png")

	var b bytes.Buffer
	err := runPredict([]string{blank, text, good, missing}, &b)
	if err == nil || !strings.Contains(err.Error(), "3 of 4 files") {
		t.Errorf("err = %v, want 3 of 4 files failed", err)
	}
	out := b.String()
	for _, want := range []string{
		blank + ": error: no digit: the canvas is blank",
		text + ": error: not a PNG, JPEG or GIF image",
		missing + ": error: open " + missing,
		good + ": ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if err := runPredict(nil, &b); err == nil {
		t.Error("predict with no files succeeded")
	}
	if err := runPredict([]string{"-weights", missing, good}, &b); err == nil {
		t.Error("predict with missing weights succeeded")
	}
}

// JPEG and GIF files are read too; a lossy JPEG of the same drawing gets
// the same answer.
func TestPredictFormats(t *testing.T) {
	dir := t.TempDir()
	g := image.NewGray(image.Rect(0, 0, 120, 120))
	seven(g, 120, 120, color.Black, color.White)
	var jb, gb bytes.Buffer
	if err := jpeg.Encode(&jb, g, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gb, g, nil); err != nil {
		t.Fatal(err)
	}
	pj, pg, pp := filepath.Join(dir, "seven.jpg"), filepath.Join(dir, "seven.gif"), filepath.Join(dir, "seven.png")
	writePNG(t, pp, g)
	for p, data := range map[string][]byte{pj: jb.Bytes(), pg: gb.Bytes()} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := runPredict([]string{pp, pj, pg}, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("want 2 lines per file:\n%s", b.String())
	}
	label := func(line, path string) string {
		rest, ok := strings.CutPrefix(line, path+": ")
		if !ok {
			t.Fatalf("line %q does not start with %s", line, path)
		}
		return strings.Fields(rest)[0]
	}
	want := label(lines[0], pp)
	if got := label(lines[2], pj); got != want {
		t.Errorf("JPEG read as %s, PNG as %s", got, want)
	}
	if got := label(lines[4], pg); got != want {
		t.Errorf("GIF read as %s, PNG as %s", got, want)
	}
}
