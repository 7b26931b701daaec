// Package export turns a layer of LeNet-5 into files a lecturer can take
// to a slide or a student to a notebook: the layer's feature maps as a
// picture that explains itself (network, layer, shape, what the network
// read, and the colour scale as a legend), and the layer's values as CSV
// and as JSON, with file names that say what they hold.
//
// A picture is laid out here as opaque RGBA pixels with its text as
// labels (a ui.Picture): the page draws the labels with the browser's
// fonts, Hangul included, and encodes the PNG (site/export.js), so the
// demo carries neither a PNG encoder nor a font.
//
// It draws with the demo's theme and colour map (package ui), so an
// exported picture looks like the demo; it uses neither Ebiten nor the
// browser, so everything here runs and is tested natively. It lives under
// wasm/ beside ui because it is part of the demo's presentation, not of
// the network's arithmetic.
package export

import (
	"errors"
	"strconv"
	"strings"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// Layer is one layer's values, as the network computed them for one input.
type Layer struct {
	// Name is the layer: Input, C1, S2, C3, S4, C5, F6, Output (the
	// logits) or Probs (Output after softmax).
	Name string
	// Shape is channels × rows × columns (C5, F6 and Output are N×1×1).
	Shape cnn.Shape
	// Values holds Shape.Len() values, channel after channel, each row
	// by row: the value of channel c at row y, column x is at
	// (c·H + y)·W + x.
	Values []float32
	// Source says what the network read, in ASCII letters, digits,
	// spaces and - _ . # (at most 40 characters): "sample 7", "drawing".
	// It appears in the picture's caption, in the files and in the file
	// name. It may be empty.
	Source string
}

// Limits on what can be exported, far above LeNet-5's layers.
const (
	MaxChannels = 1024
	MaxSide     = 64
	maxSource   = 40
)

// FromActivations takes the named layer out of a forward pass (see
// lenet.Activations.Layer for the names).
func FromActivations(a *lenet.Activations, name, source string) (Layer, error) {
	v, s, ok := a.Layer(name)
	if !ok {
		return Layer{}, errors.New("export: no layer " + strconv.Quote(name) + "; the layers are Input, C1, S2, C3, S4, C5, F6, Output and Probs")
	}
	l := Layer{Name: name, Shape: s, Values: v, Source: source}
	return l, l.Check()
}

// Check reports whether l can be exported.
func (l Layer) Check() error {
	s := l.Shape
	switch {
	case l.Name == "" || len(l.Name) > 16 || !plain(l.Name, ""):
		return errors.New("export: a layer name is 1–16 ASCII letters and digits")
	case s.C < 1 || s.C > MaxChannels || s.H < 1 || s.H > MaxSide || s.W < 1 || s.W > MaxSide:
		return errors.New("export: a layer has 1–1024 channels of 1–64 × 1–64 values")
	case len(l.Values) != s.Len():
		return errors.New("export: the layer's values do not fill its shape " + s.String())
	case len(l.Source) > maxSource || !plain(l.Source, " -_.#"):
		return errors.New("export: the source is at most 40 ASCII letters, digits, spaces and - _ . #")
	}
	return nil
}

// plain reports whether s holds only ASCII letters, digits and the bytes
// of extra.
func plain(s, extra string) bool {
	for i := range len(s) {
		b := s[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte(extra, b) >= 0) {
			return false
		}
	}
	return true
}

// FileName names a file of l's values: lenet5-<layer>-<shape>[-<source>].ext,
// the shape written C x H x W with x and the source's spaces and other
// signs as nothing or -, e.g. lenet5-C3-16x10x10-sample7.png. ext is
// "png", "csv" or "json".
func FileName(l Layer, ext string) string {
	b := append(append(append([]byte("lenet5-"), l.Name...), '-'), shapeName(l.Shape)...)
	if l.Source != "" {
		b = append(b, '-')
		for i := range len(l.Source) {
			c := l.Source[i : i+1]
			if plain(c, "_") {
				b = append(b, c...)
			} else if c != " " && b[len(b)-1] != '-' {
				b = append(b, '-')
			}
		}
	}
	return string(b) + "." + ext
}

// shapeName writes s as C x H x W: 16x10x10.
func shapeName(s cnn.Shape) string {
	return strconv.Itoa(s.C) + "x" + strconv.Itoa(s.H) + "x" + strconv.Itoa(s.W)
}
