package main

import (
	"errors"
	"flag"
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
	fs := flag.NewFlagSet("drawset", flag.ContinueOnError)
	fs.SetOutput(stdout)
	n := fs.Int("n", 10000, "how many test digits to draw (the first n)")
	brush := fs.String("brush", "14-28", "brush diameter in canvas pixels, `MIN-MAX` or one value")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same files")
	size := fs.Int("size", 280, "canvas side in pixels")
	out := fs.String("out", "", "`PREFIX` of the files: PREFIX-images-idx3-ubyte.gz and PREFIX-labels-idx1-ubyte.gz")
	fs.Usage = func() {
		fmt.Fprint(stdout, "usage: lenet drawset -out PREFIX [-n N] [-brush MIN-MAX] [-seed S] [-size 280]\n\n"+
			"Thins each of the first N MNIST test digits to its skeleton and draws it again\n"+
			"with a round brush on a canvas, at a random size (40–95 % of the canvas height),\n"+
			"position and polarity, the way people draw on the demo's canvas. Feed the files\n"+
			"to 'lenet eval -images … -labels …'.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("drawset: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return errors.New("drawset: -out PREFIX is required")
	}
	if *size < 8 || *size > canvas.MaxSide {
		return fmt.Errorf("drawset: -size %d is not in 8..%d", *size, canvas.MaxSide)
	}
	bmin, bmax, err := parseRange(*brush)
	if err != nil {
		return fmt.Errorf("drawset: -brush %q: %w", *brush, err)
	}
	if bmax > float64(*size)/2 {
		return fmt.Errorf("drawset: -brush %q is too wide for a %d-pixel canvas (at most %d)", *brush, *size, *size/2)
	}
	test, err := mnist.LoadTest()
	if err != nil {
		return err
	}
	if *n < 1 || *n > test.Count {
		return fmt.Errorf("drawset: -n %d is not in 1..%d", *n, test.Count)
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
