package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
)

func TestConvert(t *testing.T) {
	dir := t.TempDir()
	f32, half, back := filepath.Join(dir, "a.weights"), filepath.Join(dir, "b.weights"), filepath.Join(dir, "c.weights")
	fixture, err := os.ReadFile("../../lenet/testdata/peers.weights")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f32, fixture, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runConvert([]string{"-half", f32, half}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "(float32) → ") || !strings.Contains(out.String(), "(half floats)") {
		t.Errorf("output %q", out.String())
	}
	hb, _ := os.ReadFile(half)
	w, err := lenet.Decode(hb)
	if err != nil || !w.Half {
		t.Fatalf("the -half output: %v, %+v", err, w)
	}
	orig, _ := lenet.Decode(fixture)
	if w.Meta != orig.Meta {
		t.Errorf("metadata %q, want %q", w.Meta, orig.Meta)
	}
	// Back to float32: the half values, exactly.
	if err := runConvert([]string{half, back}, &out); err != nil {
		t.Fatal(err)
	}
	bb, _ := os.ReadFile(back)
	wb, err := lenet.Decode(bb)
	if err != nil || wb.Half {
		t.Fatalf("the float32 output: %v", err)
	}
	for i := range wb.Net.Params {
		if wb.Net.Params[i] != w.Net.Params[i] {
			t.Fatalf("parameter %d: %v, want %v", i, wb.Net.Params[i], w.Net.Params[i])
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{f32}, "want IN and OUT"},
		{[]string{f32, half}, "exists; pass -force"},
		{[]string{"convert_test.go", filepath.Join(dir, "x")}, "not a valid LeNet-5 weights file"},
	} {
		if err := runConvert(tc.args, &out); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("convert %v: %v, want an error with %q", tc.args, err, tc.want)
		}
	}
	if err := runConvert([]string{filepath.Join(dir, "none"), filepath.Join(dir, "x")}, &out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing IN: %v", err)
	}
	if err := runConvert([]string{"-force", "-half", f32, half}, &out); err != nil {
		t.Errorf("-force: %v", err)
	}
}
