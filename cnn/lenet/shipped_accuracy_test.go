package lenet_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
	"github.com/seecnn/lenet/cnn/train"
)

// The shipped weights must read MNIST's test digits and digits drawn on a
// canvas. These tests hold them to the figures the project promises.

func testSet(t *testing.T) *train.Set {
	t.Helper()
	m, err := mnist.LoadTest()
	if err != nil {
		t.Fatal(err)
	}
	s := &train.Set{Pix: m.Pix, Labels: m.Labels}
	if m.Rows != train.Side || m.Cols != train.Side || s.Check() != nil {
		t.Fatalf("the MNIST test set is %d×%d with %d labels", m.Cols, m.Rows, len(m.Labels))
	}
	return s
}

func shipped(t *testing.T) *lenet.Net {
	t.Helper()
	w, err := lenet.Pretrained()
	if err != nil {
		t.Fatal(err)
	}
	return w.Net
}

// worstPairs lists the most frequent confusions, "4→9 ×5".
func worstPairs(e train.Eval, n int) string {
	type pair struct{ t, p, c int }
	var ps []pair
	for t := range e.Confusion {
		for p, c := range e.Confusion[t] {
			if t != p && c > 0 {
				ps = append(ps, pair{t, p, c})
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].c > ps[j].c })
	var b strings.Builder
	for i, p := range ps {
		if i == n {
			break
		}
		fmt.Fprintf(&b, " %d→%d ×%d", p.t, p.p, p.c)
	}
	return b.String()
}

func TestShippedMNISTAccuracy(t *testing.T) {
	set := testSet(t)
	e := train.Evaluate(shipped(t), set, 0)
	if e.Total != 10000 {
		t.Fatalf("evaluated %d digits, want all 10,000", e.Total)
	}
	t.Logf("MNIST test accuracy %.2f%% (%d/%d); most confused:%s", 100*e.Accuracy(), e.Correct, e.Total, worstPairs(e, 5))
	if e.Accuracy() < 0.992 {
		t.Errorf("MNIST test accuracy %.2f%% (%d/%d) is below 99.2%%; most confused:%s",
			100*e.Accuracy(), e.Correct, e.Total, worstPairs(e, 5))
	}
}

func TestShippedCanvasAccuracy(t *testing.T) {
	all := testSet(t)
	const n = 1000
	set := &train.Set{Pix: all.Pix[:n*train.Side*train.Side], Labels: all.Labels[:n]}
	sk := train.Skeletons(set)
	net := shipped(t)
	for _, tc := range []struct {
		min, max float64
		want     float64
	}{
		{6, 8, 0.95},
		{14, 28, 0.97},
		{30, 40, 0.95},
	} {
		d := &train.Drawings{Set: set, Skeletons: sk, Width: 280, Height: 280, BrushMin: tc.min, BrushMax: tc.max}
		e := train.Evaluate(net, d, 1)
		t.Logf("brush %g–%g px on 280×280: %.1f%% (%d/%d); most confused:%s", tc.min, tc.max, 100*e.Accuracy(), e.Correct, e.Total, worstPairs(e, 4))
		if e.Accuracy() < tc.want {
			t.Errorf("brush %g–%g px on 280×280: %.1f%% (%d/%d), below %.0f%%; most confused:%s",
				tc.min, tc.max, 100*e.Accuracy(), e.Correct, e.Total, 100*tc.want, worstPairs(e, 4))
		}
	}
}
