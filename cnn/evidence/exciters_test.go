package evidence

import (
	"image"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

// samples28 is the shipped samples as Digits28, rebuilt from the inputs.
func samples28(t testing.TB) Digits28 {
	xs, _ := samples(t)
	d := make(Digits28, 0, len(xs)*784)
	for _, x := range xs {
		for y := range 28 {
			for c := range 28 {
				d = append(d, uint8(x[(y+2)*Side+c+2]*255+0.5))
			}
		}
	}
	return d
}

// TestExcitersMatchSorting ranks the shipped samples for every unit the
// plain way — every image's value, sorted — and compares.
func TestExcitersMatchSorting(t *testing.T) {
	net := shipped(t)
	set := samples28(t)
	const k = 5
	e, err := NewExciters(net, set, k)
	if err != nil {
		t.Fatal(err)
	}
	// In uneven steps.
	for steps := 0; ; steps++ {
		done, err := e.Step(7 + steps%5)
		if err != nil {
			t.Fatal(err)
		}
		if done {
			break
		}
	}
	if d, n := e.Progress(); d != 100 || n != 100 {
		t.Fatalf("progress %d of %d", d, n)
	}
	acts := make([]lenet.Activations, set.Len())
	x := make([]float32, Len)
	for i := range acts {
		if err := set.Input(i, x); err != nil {
			t.Fatal(err)
		}
		net.Forward(x, &acts[i])
	}
	var units []Unit
	for c := range 16 {
		for y := range 10 {
			for xx := range 10 {
				units = append(units, Unit{2, c, y, xx})
			}
		}
	}
	for l, n := range map[int]int{4: 120, 5: 84, 6: 10} {
		for c := range n {
			units = append(units, Unit{l, c, 0, 0})
		}
	}
	fewer := 0
	for _, u := range units {
		name := lenet.Layers[u.Layer].Name
		var want []Exciter
		for i := range acts {
			v, _, _ := acts[i].Layer(name)
			j := u.C // C5, F6, Output: the unit's number
			if u.Layer == 2 {
				j = (u.C*10+u.Y)*10 + u.X
			}
			val := v[j]
			if u.Layer == 6 || val > 0 {
				want = append(want, Exciter{i, val})
			}
		}
		sort.SliceStable(want, func(a, b int) bool { return want[a].Value > want[b].Value })
		want = want[:min(k, len(want))]
		got, err := e.Top(u, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s unit %+v: %d images, want %d", name, u, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s unit %+v: %v, want %v", name, u, got, want)
			}
		}
		if len(got) < k {
			fewer++
		}
	}
	t.Logf("%d units; %d fire on fewer than %d of the samples", len(units), fewer, k)
	// Output unit d's best images are digits d.
	_, labels := samples(t)
	for d := range 10 {
		top, _ := e.Top(Unit{Layer: 6, C: d}, nil)
		for _, ex := range top {
			if labels[ex.Image] != d {
				t.Errorf("Output %d's best images %v include sample %d, a %d", d, top, ex.Image, labels[ex.Image])
			}
		}
	}
}

func TestExcitersSmall(t *testing.T) {
	net := shipped(t)
	set := samples28(t)
	if set.Len() != 100 {
		t.Fatalf("%d samples", set.Len())
	}
	// Digits28 pads MNIST's 28×28 as the network reads it.
	xs, _ := samples(t)
	x := make([]float32, Len)
	if err := set.Input(37, x); err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if d := x[i] - xs[37][i]; d > 1e-6 || d < -1e-6 {
			t.Fatalf("pixel %d: %v, want %v", i, x[i], xs[37][i])
		}
	}
	for _, i := range []int{-1, 100} {
		if err := set.Input(i, x); err == nil {
			t.Errorf("Input(%d) accepted", i)
		}
	}
	if err := set.Input(0, x[:10]); err == nil {
		t.Error("Input into 10 values accepted")
	}
	// Ten images at once, then one at a time: the same lists.
	a, _ := NewExciters(net, set, 3)
	b, _ := NewExciters(net, set, 3)
	if err := a.Run(); err != nil {
		t.Fatal(err)
	}
	for {
		done, err := b.Step(1)
		if err != nil {
			t.Fatal(err)
		}
		if done {
			break
		}
	}
	for _, u := range []Unit{{2, 5, 3, 7}, {4, 17, 0, 0}, {5, 80, 0, 0}, {6, 3, 0, 0}} {
		ta, _ := a.Top(u, nil)
		tb, _ := b.Top(u, nil)
		if len(ta) != len(tb) || (len(ta) > 0 && ta[0] != tb[0]) {
			t.Errorf("%+v: %v at once, %v one at a time", u, ta, tb)
		}
	}
	// Errors.
	for _, tc := range []struct {
		u    Unit
		want string
	}{
		{Unit{0, 0, 0, 0}, "not layer 0"},
		{Unit{3, 0, 0, 0}, "not layer 3"},
		{Unit{2, 16, 0, 0}, "C3 is 16×10×10; it has no such unit"},
		{Unit{2, 0, 10, 0}, "C3 is 16×10×10"},
		{Unit{2, 0, 0, -1}, "C3 is 16×10×10"},
		{Unit{4, 0, 1, 0}, "C5 is 120×1×1"},
		{Unit{6, 10, 0, 0}, "Output is 10×1×1"},
	} {
		if _, err := a.Top(tc.u, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Top(%+v): %v, want an error with %q", tc.u, err, tc.want)
		}
	}
	for _, k := range []int{0, MaxTop + 1} {
		if _, err := NewExciters(net, set, k); err == nil {
			t.Errorf("k = %d accepted", k)
		}
	}
	if _, err := NewExciters(net, Digits28(nil), 3); err == nil {
		t.Error("an empty set accepted")
	}
	if _, err := NewExciters(nil, set, 3); err == nil {
		t.Error("no network accepted")
	}
}

func TestCrop(t *testing.T) {
	x := make([]float32, Len)
	for i := range x {
		x[i] = float32(i)
	}
	u := Unit{Layer: 2, C: 0, Y: 3, X: 7}
	f := u.Field()
	if f != image.Rect(14, 6, 28, 20) {
		t.Fatalf("C3 (3, 7)'s field is %v", f)
	}
	c, err := Crop(nil, x, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 14*14 || c[0] != 6*32+14 || c[14] != 7*32+14 || c[195] != 19*32+27 {
		t.Errorf("crop: %d values, %v %v %v", len(c), c[0], c[14], c[195])
	}
	if f := (Unit{Layer: 5, C: 3}).Field(); f != image.Rect(0, 0, 32, 32) {
		t.Errorf("F6's field is %v", f)
	}
	for _, r := range []image.Rectangle{{}, image.Rect(30, 30, 33, 33), image.Rect(-1, 0, 3, 3)} {
		if _, err := Crop(nil, x, r); err == nil {
			t.Errorf("Crop(%v) accepted", r)
		}
	}
}

// TestExcitersStopOnBadImages: a set that gives a non-finite image stops
// the run with a clear error.
func TestExcitersStopOnBadImages(t *testing.T) {
	e, err := NewExciters(shipped(t), badSet{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Run(); err == nil || !strings.Contains(err.Error(), "pixel y·32+x = 40 (image 1)") {
		t.Errorf("Run: %v", err)
	}
}

type badSet struct{}

func (badSet) Len() int { return 3 }
func (badSet) Input(i int, dst []float32) error {
	clear(dst)
	if i == 1 {
		dst[40] = float32(math.Inf(1))
	}
	return nil
}
