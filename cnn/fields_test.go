package cnn

import (
	"fmt"
	"testing"
)

// The panics that guard buffer sizes print the geometry as %+v always did.
func TestGeometryFieldsMatchesFmt(t *testing.T) {
	for _, g := range []Geometry{
		{},
		{In: Shape{1, 32, 32}, Out: Shape{6, 28, 28}, KH: 5, KW: 5, Stride: 1},
		{In: Shape{3, 7, 9}, Out: Shape{2, 4, 5}, KH: 3, KW: 1, Stride: 2, PadY: 1, PadX: 2},
	} {
		if got, want := g.fields(), fmt.Sprintf("%+v", g); got != want {
			t.Errorf("fields() = %q, fmt's %%+v gives %q", got, want)
		}
	}
}
