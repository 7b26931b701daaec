package main

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders image.Decode may use
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
)

func init() {
	commands["predict"] = command{
		"read the digit in each PNG, JPEG or GIF file and print its class and the ten probabilities",
		func(args []string) error { return runPredict(args, os.Stdout) },
	}
}

func runPredict(args []string, stdout io.Writer) error {
	fs := newFlags("predict", "[-weights FILE] IMAGE…",
		"Each image (PNG, JPEG or GIF, white on black or black on white, or strokes on a\n"+
			"transparent background, at most 8192 pixels a side) goes through the canvas\n"+
			"preprocessing, as a drawing in the demo does; prints the most probable digit\n"+
			"and all ten probabilities.", stdout)
	weights := fs.String("weights", "", "weights `file` (default: the shipped weights)")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("predict: name at least one image file")
	}
	w, _, err := loadWeights(*weights)
	if err != nil {
		return err
	}
	var acts lenet.Activations
	var pre canvas.Result
	failed := 0
	for _, path := range fs.Args() {
		if err := predictFile(path, w.Net, &pre, &acts); err != nil {
			fmt.Fprintf(stdout, "%s: error: %v\n", path, err)
			failed++
			continue
		}
		best := acts.Label()
		fmt.Fprintf(stdout, "%s: %d (%.1f%%)\n ", path, best, 100*acts.Probs[best])
		for d, p := range acts.Probs {
			fmt.Fprintf(stdout, " %d: %.4f", d, p)
		}
		fmt.Fprintln(stdout)
	}
	if failed > 0 {
		return fmt.Errorf("predict: %d of %d files could not be read", failed, fs.NArg())
	}
	return nil
}

// predictFile decodes, preprocesses and classifies one image file.
func predictFile(path string, net *lenet.Net, pre *canvas.Result, acts *lenet.Activations) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return errors.New("a folder, not an image file")
	}
	// Check the size before decoding, so a huge image is refused cheaply.
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return fmt.Errorf("not a PNG, JPEG or GIF image (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > canvas.MaxSide || cfg.Height > canvas.MaxSide {
		return fmt.Errorf("%s image of %d×%d: the sides must be 1..%d pixels", format, cfg.Width, cfg.Height, canvas.MaxSide)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	src, _, err := image.Decode(f)
	if err != nil {
		return fmt.Errorf("%s image: %v", format, err)
	}
	img, err := canvas.FromImage(src)
	if err != nil {
		return err
	}
	if err := canvas.PreprocessInto(pre, img); err != nil {
		return err
	}
	net.Forward(pre.Input[:], acts)
	return nil
}
