package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
)

func init() {
	commands["eval"] = command{
		"accuracy and confusion matrix of weights on MNIST's test set or any IDX image/label pair",
		func(args []string) error { return runEval(args, os.Stdout) },
	}
}

// maxWorkers bounds eval -workers; evalMemory bounds what eval holds at
// once (the batches read ahead and every worker's canvas buffers), so
// that large images run on fewer goroutines rather than exhaust memory.
const (
	maxWorkers = 256
	evalMemory = 1 << 30
)

func runEval(args []string, stdout io.Writer) error {
	fs := newFlags("eval", "[-weights FILE] [-images F -labels G] [-canvas] [-workers N]",
		"Classifies every image and prints the accuracy, the confusion matrix and the\n"+
			"pairs most often confused. 28×28 images are padded to 32×32 as in training;\n"+
			"images of any other size go through the canvas preprocessing, as the demo's\n"+
			"drawings do, and a blank one counts as a mistake. An IDX image file may hold\n"+
			"at most 1 GiB of pixels.", stdout)
	weights := fs.String("weights", "", "weights `file` (default: the shipped weights)")
	images := fs.String("images", "", "IDX image `file`, raw or gzipped (default: MNIST's test images)")
	labels := fs.String("labels", "", "IDX label `file` matching -images")
	workers := fs.Int("workers", min(runtime.GOMAXPROCS(0), maxWorkers), fmt.Sprintf("goroutines classifying images, 1..%d (fewer run when the images are large, to keep memory under 1 GiB)", maxWorkers))
	viaCanvas := fs.Bool("canvas", false, "run 28×28 images through the canvas preprocessing too, as the demo would")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("eval: unexpected argument %q", fs.Arg(0))
	}
	if (*images == "") != (*labels == "") {
		return usagef("eval: -images and -labels go together")
	}
	if err := intFlag("eval", "workers", *workers, 1, maxWorkers, ""); err != nil {
		return err
	}
	w, wname, err := loadWeights(*weights)
	if err != nil {
		return err
	}
	if *images == "" {
		dir, err := mnist.DataDir()
		if err != nil {
			return err
		}
		*images, *labels = filepath.Join(dir, mnist.TestImages), filepath.Join(dir, mnist.TestLabels)
	}
	res, err := evaluateFiles(w.Net, *images, *labels, *workers, *viaCanvas)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "weights: %s\n", wname)
	how := "padded to 32×32"
	if res.canvas {
		how = "canvas preprocessing"
	}
	fmt.Fprintf(stdout, "images:  %s (%d of %d×%d, %s)\n\n", *images, res.count(), res.cols, res.rows, how)
	res.print(stdout)
	return nil
}

// loadWeights reads a weights file, or the shipped weights for "".
func loadWeights(path string) (*lenet.Weights, string, error) {
	if path == "" {
		w, err := lenet.Pretrained()
		if err != nil {
			return nil, "", fmt.Errorf("the shipped weights: %w", err)
		}
		name := "shipped"
		if m := strings.TrimSpace(w.Meta); m != "" {
			name += " (" + firstLine(m) + ")"
		}
		return w, name, nil
	}
	data, err := readFile(path, lenet.MaxFileSize, "a LeNet-5 weights file")
	if err != nil {
		return nil, "", err
	}
	w, err := lenet.Decode(data)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return w, path, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}

// blank marks an image the preprocessing found blank.
const blank = -1

// evalResult holds the prediction of every image.
type evalResult struct {
	rows, cols int
	canvas     bool // the images went through the canvas preprocessing
	labels     []uint8
	pred       []int8 // class, or blank
}

func (r *evalResult) count() int { return len(r.labels) }

// evaluateFiles classifies every image of an IDX pair with net, reading
// the images as a stream so a large set of big canvases need not fit in
// memory, on at most the given number of goroutines: as many as fit in
// evalMemory, at least one.
func evaluateFiles(net *lenet.Net, images, labels string, workers int, viaCanvas bool) (*evalResult, error) {
	lab, err := mnist.ReadLabelsFile(labels)
	if err != nil {
		return nil, err
	}
	f, err := mnist.Open(images)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ir, err := mnist.NewImageReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", images, err)
	}
	if err := mnist.CheckLabels(lab, ir.Count); err != nil {
		return nil, fmt.Errorf("%s and %s: %w", images, labels, err)
	}
	if ir.Count == 0 {
		return nil, fmt.Errorf("%s: no images", images)
	}
	res := &evalResult{rows: ir.Rows, cols: ir.Cols, labels: lab, pred: make([]int8, ir.Count),
		canvas: viaCanvas || ir.Rows != 28 || ir.Cols != 28}

	// The reader fills batches; workers classify them. Half of evalMemory
	// goes to the workers' canvas buffers (about 8 bytes a pixel), half to
	// the batches, of which the reader makes at most two per worker and
	// reuses them.
	type batch struct {
		first int
		pix   []uint8
	}
	size := ir.Size()
	per := max(1, min(256, (8<<20)/size)) // images per batch, at most ~8 MB
	if res.canvas {
		workers = min(workers, max(1, evalMemory/2/(8*size)))
	}
	buffers := min(2*workers, max(2, evalMemory/2/(per*size)))
	jobs := make(chan batch, buffers)
	free := make(chan []uint8, buffers)
	made := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClassifier(net, ir.Rows, ir.Cols, res.canvas)
			for b := range jobs {
				for k := 0; k*size < len(b.pix); k++ {
					res.pred[b.first+k] = c.classify(b.pix[k*size : (k+1)*size])
				}
				free <- b.pix[:cap(b.pix)] // never blocks: free holds every buffer

			}
		}()
	}
	var readErr error
	for first := 0; first < ir.Count; first += per {
		n := min(per, ir.Count-first)
		var buf []uint8
		if made < buffers && len(free) == 0 {
			buf = make([]uint8, per*size)
			made++
		} else {
			buf = <-free
		}
		buf = buf[:n*size]
		for k := range n {
			if err := ir.Next(buf[k*size : (k+1)*size]); err != nil {
				readErr = fmt.Errorf("%s: %w", images, err)
				break
			}
		}
		if readErr != nil {
			break
		}
		jobs <- batch{first, buf}
	}
	close(jobs)
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	if err := ir.Done(); err != nil {
		return nil, fmt.Errorf("%s: %w", images, err)
	}
	return res, nil
}

// classifier turns one image into the network's input and classifies it;
// each goroutine has its own.
type classifier struct {
	net        *lenet.Net
	rows, cols int
	canvas     bool // preprocess as a canvas; otherwise pad a 28×28 digit
	acts       lenet.Activations
	input      [lenet.InputLen]float32
	img        canvas.Image
	pre        canvas.Result
}

func newClassifier(net *lenet.Net, rows, cols int, viaCanvas bool) *classifier {
	return &classifier{net: net, rows: rows, cols: cols, canvas: viaCanvas}
}

// classify returns the class of pix (rows×cols grey bytes) or blank.
// A 28×28 MNIST digit is padded by 2 to 32×32 and divided by 255, as
// the trainer feeds it; a canvas is preprocessed.
func (c *classifier) classify(pix []uint8) int8 {
	if !c.canvas {
		padDigit(c.input[:], pix)
		return int8(c.net.Forward(c.input[:], &c.acts))
	}
	if err := c.img.SetGray8(c.cols, c.rows, pix); err != nil {
		return blank // cannot happen: the reader checked the size
	}
	if err := canvas.PreprocessInto(&c.pre, c.img); err != nil {
		return blank
	}
	return int8(c.net.Forward(c.pre.Input[:], &c.acts))
}

// padDigit writes a 28×28 MNIST digit (bytes, 0 background) into dst as
// the network's 32×32 input: padded by 2 on every side, each byte / 255.
func padDigit(dst []float32, digit []uint8) {
	clear(dst[:lenet.InputLen])
	for y := range 28 {
		row := dst[(y+2)*lenet.InputSide+2 : (y+2)*lenet.InputSide+30]
		for x, v := range digit[y*28 : (y+1)*28] {
			row[x] = float32(v) * (1.0 / 255)
		}
	}
}

// print writes the accuracy line, the confusion matrix (with a column of
// blanks when there were any) and the most confused pairs.
func (r *evalResult) print(w io.Writer) {
	var conf [10][11]int // [true][predicted], column 10 is blank
	right, blanks := 0, 0
	var blankItems []int
	for i, l := range r.labels {
		p := int(r.pred[i])
		if p == blank {
			conf[l][10]++
			blanks++
			blankItems = append(blankItems, i)
			continue
		}
		conf[l][p]++
		if p == int(l) {
			right++
		}
	}
	n := r.count()
	fmt.Fprintf(w, "accuracy: %.2f%% (%d/%d)\n\n", 100*float64(right)/float64(n), right, n)

	fmt.Fprintln(w, "confusion matrix (rows: true digit, columns: predicted)")
	fmt.Fprint(w, "      ")
	for p := range 10 {
		fmt.Fprintf(w, "%6d", p)
	}
	if blanks > 0 {
		fmt.Fprintf(w, "%7s", "blank")
	}
	fmt.Fprintf(w, "%9s\n", "correct")
	for l := range 10 {
		fmt.Fprintf(w, "%6d", l)
		total := 0
		for p := range 11 {
			total += conf[l][p]
		}
		for p := range 10 {
			fmt.Fprintf(w, "%6d", conf[l][p])
		}
		if blanks > 0 {
			fmt.Fprintf(w, "%7d", conf[l][10])
		}
		if total > 0 {
			fmt.Fprintf(w, "%8.1f%%\n", 100*float64(conf[l][l])/float64(total))
		} else {
			fmt.Fprintf(w, "%9s\n", "-")
		}
	}

	type pair struct{ l, p, n int }
	var pairs []pair
	for l := range 10 {
		for p := range 10 {
			if l != p && conf[l][p] > 0 {
				pairs = append(pairs, pair{l, p, conf[l][p]})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].n != pairs[j].n {
			return pairs[i].n > pairs[j].n
		}
		return pairs[i].l*10+pairs[i].p < pairs[j].l*10+pairs[j].p
	})
	if len(pairs) > 0 {
		fmt.Fprint(w, "\nmost confused (true → predicted: count):")
		for _, p := range pairs[:min(8, len(pairs))] {
			fmt.Fprintf(w, "  %d→%d: %d", p.l, p.p, p.n)
		}
		fmt.Fprintln(w)
	}
	if blanks > 0 {
		show := blankItems[:min(10, len(blankItems))]
		more := ""
		if len(blankItems) > len(show) {
			more = ", …"
		}
		fmt.Fprintf(w, "\nblank (no ink found, counted as mistakes): %d, items %s%s\n", blanks, strings.Trim(fmt.Sprint(show), "[]"), more)
	}
}
