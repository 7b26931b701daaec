package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/canvas/drawn"
	"github.com/seecnn/lenet/cnn/mnist"
)

func init() {
	commands["drawset"] = command{
		"redraw MNIST test digits as canvas drawings and write them as an IDX pair for eval",
		func(args []string) error { return runDrawset(args, os.Stdout) },
	}
}

func runDrawset(args []string, stdout io.Writer) error {
	fs := newFlags("drawset", "-out PREFIX [-n N] [-brush MIN-MAX] [-seed S] [-size 280]",
		"Thins each of the first N MNIST test digits to its skeleton and draws it again\n"+
			"with a round brush on a canvas, at a random size (40–95 % of the canvas height),\n"+
			"position and polarity, the way people draw on the demo's canvas. Feed the files\n"+
			"to 'lenet eval -images … -labels …'. N·SIZE² may be at most 1 GiB.", stdout)
	n := fs.Int("n", 10000, "how many test digits to draw (the first n), 1..10000")
	brush := fs.String("brush", "14-28", "brush diameter in canvas pixels, `MIN-MAX` or one value, at most SIZE/2")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same files")
	size := fs.Int("size", 280, fmt.Sprintf("canvas side in pixels, 8..%d", canvas.MaxSide))
	out := fs.String("out", "", "`PREFIX` of the files: PREFIX-images-idx3-ubyte.gz and PREFIX-labels-idx1-ubyte.gz")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("drawset: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return usagef("drawset: -out PREFIX is required")
	}
	if err := intFlag("drawset", "size", *size, 8, canvas.MaxSide, ""); err != nil {
		return err
	}
	bmin, bmax, err := parseRange(*brush)
	if err != nil {
		return usagef("drawset: -brush %q: %v", *brush, err)
	}
	if bmax > float64(*size)/2 {
		return usagef("drawset: -brush %q is too wide for a %d-pixel canvas (at most %d)", *brush, *size, *size/2)
	}
	if err := intFlag("drawset", "n", *n, 1, mnistTestCount, ""); err != nil {
		return err
	}
	if px := int64(*n) * int64(*size) * int64(*size); px > mnist.MaxBytes {
		return usagef("drawset: %d drawings of %d×%d are %d bytes of pixels, more than the %d an IDX file may hold; draw fewer or smaller ones (-n %d at -size %d)",
			*n, *size, *size, px, int64(mnist.MaxBytes), mnist.MaxBytes/(*size**size), *size)
	}
	test, err := mnist.LoadTest()
	if err != nil {
		return err
	}
	if *n > test.Count {
		return fmt.Errorf("drawset: -n %d: the test set has only %d digits", *n, test.Count)
	}
	imagesPath := *out + "-images-idx3-ubyte.gz"
	labelsPath := *out + "-labels-idx1-ubyte.gz"
	err = mnist.WriteFile(imagesPath, func(w io.Writer, zip bool) error {
		return writeDrawings(w, zip, &test.Images, *n, *size, bmin, bmax, *seed)
	})
	if err != nil {
		return err
	}
	err = mnist.WriteFile(labelsPath, func(w io.Writer, zip bool) error {
		return mnist.WriteLabels(w, test.Labels[:*n], zip)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d drawings of %d×%d, brush %s px, seed %d:\n  %s\n  %s\n",
		*n, *size, *size, *brush, *seed, imagesPath, labelsPath)
	return nil
}

// mnistTestCount is the number of digits in MNIST's test set.
const mnistTestCount = 10000

// parseRange reads "a-b" or "a" as a range of positive numbers.
func parseRange(s string) (lo, hi float64, err error) {
	a, b, found := strings.Cut(s, "-")
	if !found {
		b = a
	}
	lo, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	hi, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, errors.New("want MIN-MAX, e.g. 14-28, or one number")
	}
	if !(lo > 0) || !(hi >= lo) || hi > 1e6 {
		return 0, 0, errors.New("want 0 < MIN ≤ MAX")
	}
	return lo, hi, nil
}

// drawing renders digit i of set in the style the seed gives it: the
// random numbers depend only on (seed, i), so the files are the same
// however many goroutines draw them.
func drawing(dst []uint8, img *canvas.Image, set *mnist.Images, i, size int, bmin, bmax float64, seed uint64) ([]uint8, error) {
	sk, err := drawn.NewSkeleton(set.Cols, set.Rows, set.At(i))
	if err != nil {
		return nil, fmt.Errorf("test digit %d: %w", i, err)
	}
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	if err := drawn.Render(img, sk, drawn.RandomStyle(rng, size, size, bmin, bmax)); err != nil {
		return nil, fmt.Errorf("test digit %d: %w", i, err)
	}
	return drawn.Gray8(dst, *img), nil
}

// writeDrawings draws the first n digits in chunks on all cores while it
// writes the chunks already drawn, in order.
func writeDrawings(w io.Writer, zip bool, set *mnist.Images, n, size int, bmin, bmax float64, seed uint64) error {
	iw, err := mnist.NewImageWriter(w, n, size, size, zip)
	if err != nil {
		return err
	}
	const chunk = 32
	type result struct {
		pix [][]uint8
		err error
	}
	// One channel per chunk, queued in order; at most 2·cores chunks are
	// drawn ahead of the writer.
	queue := make(chan chan result, 2*runtime.GOMAXPROCS(0))
	go func() {
		defer close(queue)
		for lo := 0; lo < n; lo += chunk {
			done := make(chan result, 1)
			queue <- done
			go func(lo, hi int) {
				var r result
				var img canvas.Image
				for i := lo; i < hi && r.err == nil; i++ {
					var pix []uint8
					pix, r.err = drawing(nil, &img, set, i, size, bmin, bmax, seed)
					r.pix = append(r.pix, pix)
				}
				done <- r
			}(lo, min(lo+chunk, n))
		}
	}()
	var firstErr error
	for done := range queue {
		r := <-done
		if firstErr != nil {
			continue // drain, so no goroutine is left waiting
		}
		if r.err != nil {
			firstErr = r.err
			continue
		}
		for _, pix := range r.pix {
			if err := iw.Write(pix); err != nil {
				firstErr = err
				break
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	return iw.Close()
}
