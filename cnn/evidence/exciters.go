package evidence

import (
	"errors"
	"image"
	"math"
	"strconv"

	"github.com/seecnn/lenet/cnn/lenet"
)

// What a unit looks for: the images of a set that give a unit of C3, C5,
// F6 or Output its largest values, each shown cropped to the unit's
// receptive field (lenet.InputField: 14×14 pixels for C3, the whole input
// beyond). Exciters runs every image of the set through the network once,
// keeping for every one of the 1,814 units of those layers its K best
// images; a question about a unit then costs nothing. It can run the set a
// few images at a time (Step), so that it fits between frames, and answer
// from the images run so far.

// Unit is one value of C3, C5, F6 or Output: Layer is its index in
// lenet.Layers (2, 4, 5 or 6), C its channel (its number in C5, F6 and
// Output), Y and X its row and column (0 in C5, F6 and Output).
type Unit struct {
	Layer, C, Y, X int
}

// Check reports whether u is a unit Exciters knows.
func (u Unit) Check() error {
	switch u.Layer {
	case 2, 4, 5, 6:
	default:
		return errGot("evidence: top images are kept for C3, C5, F6 and Output (layers 2, 4, 5, 6), not layer ", u.Layer)
	}
	s := lenet.Layers[u.Layer].Out
	if u.C < 0 || u.C >= s.C || u.Y < 0 || u.Y >= s.H || u.X < 0 || u.X >= s.W {
		return errors.New("evidence: " + lenet.Layers[u.Layer].Name + " is " + s.String() + "; it has no such unit")
	}
	return nil
}

// Field is u's receptive field on the 32×32 input.
func (u Unit) Field() image.Rectangle { return lenet.InputField(u.Layer, u.Y, u.X) }

// index is u's place among the units Exciters keeps: C3's 1,600 (in
// Activations' order), C5's 120, F6's 84, Output's 10.
func (u Unit) index() int {
	switch u.Layer {
	case 2:
		return (u.C*10+u.Y)*10 + u.X
	case 4:
		return c3Len + u.C
	case 5:
		return c3Len + c5Len + u.C
	}
	return c3Len + c5Len + f6Len + u.C
}

// numUnits is the number of units Exciters keeps.
const numUnits = c3Len + c5Len + f6Len + lenet.NumClasses

// Limits of Exciters.
const (
	MaxTop    = 32      // images kept per unit
	MaxImages = 100_000 // images in a set
)

// Images is a set of inputs.
type Images interface {
	// Len is the number of images.
	Len() int
	// Input writes image i (0 ≤ i < Len) into dst as the network's 32×32
	// input.
	Input(i int, dst []float32) error
}

// Digits28 is a set of 28×28 grey digits as MNIST stores them: 784 bytes
// per image, row-major, 0 paper to 255 ink, one image after another. The
// network reads such a digit padded by 2 pixels to 32×32, with values
// divided by 255.
type Digits28 []byte

// Len is the number of whole images.
func (d Digits28) Len() int { return len(d) / (28 * 28) }

// Input writes image i padded to 32×32.
func (d Digits28) Input(i int, dst []float32) error {
	if i < 0 || i >= d.Len() {
		return errGot("evidence: no such image; the set holds ", d.Len())
	}
	if len(dst) != Len {
		return errGot("evidence: an input holds 32×32 = 1024 values, got ", len(dst))
	}
	clear(dst)
	pix := d[i*784 : (i+1)*784]
	for y := range 28 {
		row := dst[(y+2)*Side+2 : (y+2)*Side+30]
		for x, p := range pix[y*28 : y*28+28] {
			row[x] = float32(p) / 255
		}
	}
	return nil
}

// Exciter is an image that excites a unit: its index in the set and the
// unit's value on it (after ReLU in C3, C5 and F6; the logit in Output).
type Exciter struct {
	Image int
	Value float32
}

// Exciters keeps, for every unit of C3, C5, F6 and Output, the K images of
// a set that give it the largest values, best first; equal values keep the
// earlier image first. In C3, C5 and F6 only images that make the unit
// positive count: a unit that an image leaves at 0 (after ReLU) does not
// respond to it at all, so a unit that rarely fires has fewer than K, or
// none. It holds 8·K bytes per unit (about 15 KB per image kept) and the
// network's activations; it does not copy the set.
type Exciters struct {
	net  *lenet.Net
	set  Images
	k    int
	next int
	n    [numUnits]uint8 // images kept per unit
	top  []Exciter       // unit u's at top[u*k : u*k+n[u]]
	// floor[u] is the value an image must beat to enter unit u's list: 0
	// (and, in Output, −∞) until the list is full, then its last value.
	floor [numUnits]float32
	x     [Len]float32
	act   lenet.Activations
}

// NewExciters prepares to rank the images of set for net (whose parameters
// must not change while it runs), keeping k images per unit (1 … MaxTop).
// It runs no image yet: call Step or Run.
func NewExciters(net *lenet.Net, set Images, k int) (*Exciters, error) {
	if net == nil || set == nil {
		return nil, errors.New("evidence: Exciters needs a network and a set of images")
	}
	if k < 1 || k > MaxTop {
		return nil, errGot("evidence: keep 1–32 images per unit, not ", k)
	}
	if n := set.Len(); n < 1 || n > MaxImages {
		return nil, errGot("evidence: a set must hold 1–100,000 images, this one holds ", n)
	}
	e := &Exciters{net: net, set: set, k: k, top: make([]Exciter, numUnits*k)}
	for u := c3Len + c5Len + f6Len; u < numUnits; u++ {
		e.floor[u] = float32(math.Inf(-1))
	}
	return e, nil
}

// Step runs up to n more images of the set and reports whether all have
// run. An image the set cannot give stops it with the set's error.
func (e *Exciters) Step(n int) (bool, error) {
	total := e.set.Len()
	for ; n > 0 && e.next < total; n-- {
		if err := e.set.Input(e.next, e.x[:]); err != nil {
			return false, err
		}
		if err := checkInput(e.x[:]); err != nil {
			return false, errors.New(err.Error() + " (image " + strconv.Itoa(e.next) + ")")
		}
		e.net.Forward(e.x[:], &e.act)
		e.offerAll(0, e.act.C3[:])
		e.offerAll(c3Len, e.act.C5[:])
		e.offerAll(c3Len+c5Len, e.act.F6[:])
		e.offerAll(c3Len+c5Len+f6Len, e.act.Logits[:])
		e.next++
	}
	return e.next >= total, nil
}

// Run runs every remaining image.
func (e *Exciters) Run() error {
	_, err := e.Step(MaxImages)
	return err
}

// offerAll offers image e.next to the units base, base+1 … with the values
// vs: those that beat their unit's floor enter its list.
func (e *Exciters) offerAll(base int, vs []float32) {
	floor := e.floor[base : base+len(vs)]
	for i, v := range vs {
		if v > floor[i] {
			e.offer(base+i, v)
		}
	}
}

// offer puts image e.next with value v into unit u's list, which it is
// good enough for, and raises the unit's floor once the list is full.
func (e *Exciters) offer(u int, v float32) {
	l := e.top[u*e.k : u*e.k+e.k]
	n := int(e.n[u])
	if n < e.k {
		n++
		e.n[u] = uint8(n)
	}
	i := n - 1
	for i > 0 && v > l[i-1].Value {
		l[i] = l[i-1]
		i--
	}
	l[i] = Exciter{Image: e.next, Value: v}
	if n == e.k {
		e.floor[u] = l[n-1].Value
	}
}

// Progress returns how many images have run and how many the set holds.
func (e *Exciters) Progress() (done, total int) { return e.next, e.set.Len() }

// Top appends to dst the images that excite u most among those run so
// far, best first, and returns it.
func (e *Exciters) Top(u Unit, dst []Exciter) ([]Exciter, error) {
	if err := u.Check(); err != nil {
		return dst, err
	}
	i := u.index()
	return append(dst, e.top[i*e.k:i*e.k+int(e.n[i])]...), nil
}

// Crop copies the pixels of x (32×32) inside r into dst, row-major
// (r.Dx() values a row), and returns dst[:r.Dx()·r.Dy()]: a unit's top
// image cropped to its field. r must lie inside the input.
func Crop(dst, x []float32, r image.Rectangle) ([]float32, error) {
	if len(x) != Len || r.Empty() || !r.In(image.Rect(0, 0, Side, Side)) {
		return dst, errors.New("evidence: Crop needs a 32×32 input and a non-empty rectangle inside it")
	}
	n := r.Dx() * r.Dy()
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(dst[(y-r.Min.Y)*r.Dx():], x[y*Side+r.Min.X:y*Side+r.Max.X])
	}
	return dst, nil
}
