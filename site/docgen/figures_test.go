//go:build !js

// The MNIST files are found with the go command, which a program compiled
// to WebAssembly cannot run, so this test is native only.

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/train"
)

// figure is a kind of number the README and the pages quote and the code
// computes: every match of re, wherever it is, must give one of the values
// want returns (the submatches of re, in order), and there must be at least
// min matches, so that the check stays alive.
type figure struct {
	name string
	re   *regexp.Regexp
	want func(t *testing.T) [][]string
	min  int
}

var th = lenet.Thousands

func one(vs ...string) [][]string { return [][]string{vs} }

func layerFigures(f func(cnn.Cost) int64, totals ...int64) func(*testing.T) [][]string {
	return func(*testing.T) [][]string {
		var vs [][]string
		for _, l := range lenet.Layers {
			vs = append(vs, []string{th(f(l.Cost))})
		}
		for _, n := range totals {
			vs = append(vs, []string{th(n)})
		}
		for _, k := range []lenet.Kind{lenet.Conv, lenet.FullyConnected, -1} {
			vs = append(vs, []string{th(f(lenet.Totals(k)))})
		}
		return vs
	}
}

// shippedAccuracy evaluates the shipped weights on MNIST's test set, as
// lenet eval does, once.
var shippedAccuracy = func() func(t *testing.T) (correct, total int) {
	var e *train.Eval
	return func(t *testing.T) (int, int) {
		t.Helper()
		if e == nil {
			m, err := mnist.LoadTest()
			if err != nil {
				t.Fatal(err)
			}
			w, err := lenet.Pretrained()
			if err != nil {
				t.Fatal(err)
			}
			r := train.Evaluate(w.Net, &train.Set{Pix: m.Pix, Labels: m.Labels}, 0)
			e = &r
		}
		return e.Correct, e.Total
	}
}()

func percent(correct, total int) string {
	return strconv.FormatFloat(100*float64(correct)/float64(total), 'f', 2, 64)
}

// budgets are the size budgets site/test/size.test.mjs enforces.
func budgets(t *testing.T) map[string]int64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "site", "test", "budgets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]int64
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

var figures = []figure{
	{"parameters", regexp.MustCompile(`(\d[\d,]*)\s+parameters`),
		layerFigures(cnn.Cost.Params, cnn.FullEdges(256*256, 256*256)), 6},
	{"multiply-accumulates", regexp.MustCompile(`(\d[\d,]*)\s+multiply-accumulates`),
		layerFigures(func(c cnn.Cost) int64 { return c.MACs }), 3},
	{"connections", regexp.MustCompile(`(\d[\d,]*)\s+connections`),
		layerFigures(func(c cnn.Cost) int64 { return c.Connections }), 2},
	{"the lecture's cost of a 3×3 kernel on a 512×512 RGB image", regexp.MustCompile(`512·512·3·3·3 = (\d[\d,]*)`),
		func(t *testing.T) [][]string {
			p, err := cnn.SamePadding(3)
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := cnn.ConvCost(cnn.Shape{C: 3, H: 512, W: 512}, 1, 3, 3, p, 1, false)
			if err != nil {
				t.Fatal(err)
			}
			return one(th(c.MACs))
		}, 1},
	{"lenet eval's accuracy line", regexp.MustCompile(`accuracy: (\d+\.\d+)% \((\d+)/(\d+)\)`),
		func(t *testing.T) [][]string {
			c, n := shippedAccuracy(t)
			return one(percent(c, n), strconv.Itoa(c), strconv.Itoa(n))
		}, 2},
	{"the shipped weights' MNIST accuracy", regexp.MustCompile(`(\d+\.\d+) % \((\d[\d,]*) of (\d[\d,]*)\)`),
		func(t *testing.T) [][]string {
			c, n := shippedAccuracy(t)
			return one(percent(c, n), th(int64(c)), th(int64(n)))
		}, 2},
	{"lenet.wasm's budget", regexp.MustCompile("`lenet\\.wasm` \\|[^|\n]*\\| (\\d[\\d,]*) bytes \\|"),
		func(t *testing.T) [][]string { return one(th(budgets(t)["lenet.wasm"])) }, 1},
	{"demo.wasm's budget", regexp.MustCompile("`demo\\.wasm` \\|[^|\n]*\\| (\\d+\\.\\d) MB \\((\\d[\\d,]*) bytes\\) \\|"),
		func(t *testing.T) [][]string {
			b := budgets(t)["demo.wasm"]
			return one(strconv.FormatFloat(float64(b)/1e6, 'f', 1, 64), th(b))
		}, 1},
}

// TestFigures holds the figures the README and the pages quote to what the
// code computes: LeNet-5's parameters, multiply-accumulates and
// connections, the lecture's 7,077,888, the shipped weights' accuracy on
// the MNIST test set (measured here), and the size budgets.
func TestFigures(t *testing.T) {
	s := load(t)
	docs := append(slices.Clone(s.Pages), s.docs[Readme])
	for _, f := range figures {
		want := f.want(t)
		n := 0
		for _, d := range docs {
			for _, m := range f.re.FindAllStringSubmatch(string(d.src), -1) {
				n++
				got := m[1:]
				if !slices.ContainsFunc(want, func(w []string) bool { return slices.Equal(w, got) }) {
					t.Errorf("%s: %q quotes %s as %s; the code gives %s", d.Path, m[0], f.name, strings.Join(got, ", "), describe(want))
				}
			}
		}
		if n < f.min {
			t.Errorf("%s: quoted %d times, want at least %d: is the check still matching the text?", f.name, n, f.min)
		}
	}
}

func describe(vs [][]string) string {
	var out []string
	for _, v := range vs {
		out = append(out, strings.Join(v, ", "))
	}
	slices.Sort(out)
	return fmt.Sprint(slices.Compact(out))
}
