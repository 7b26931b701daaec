//go:build !js

// The fixture comes from the MNIST files, which only a native test can
// reach (it runs the go command to find them).

package apicore

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/seecnn/lenet/cnn/mnist"
)

var update = flag.Bool("update", false, "rewrite site/test/fixtures/mnist-20.json from the MNIST test set")

const fixturePath = "../../../site/test/fixtures/mnist-20.json"

// Fixture is site/test/fixtures/mnist-20.json: the first 20 digits of the
// MNIST test set, which the Node tests give to predict.
type Fixture struct {
	Source string         `json:"source"`
	Width  int            `json:"width"`
	Height int            `json:"height"`
	Digits []FixtureDigit `json:"digits"`
}

// FixtureDigit is one digit: its index in the test set, its label and its
// 28×28 grey bytes (0 background, 255 ink), base64.
type FixtureDigit struct {
	Index  int    `json:"index"`
	Label  int    `json:"label"`
	Pixels string `json:"pixels"`
}

func buildFixture(t *testing.T) []byte {
	set, err := mnist.LoadTest()
	if err != nil {
		t.Fatalf("loading the MNIST test set: %v", err)
	}
	f := Fixture{
		Source: "MNIST test set (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte), digits 0-19",
		Width:  set.Cols, Height: set.Rows,
	}
	for i := range 20 {
		f.Digits = append(f.Digits, FixtureDigit{Index: i, Label: int(set.Labels[i]), Pixels: base64.StdEncoding.EncodeToString(set.At(i))})
	}
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestMNISTFixture checks that the fixture the Node tests use is exactly the
// first 20 MNIST test digits with their labels; -update rewrites it.
func TestMNISTFixture(t *testing.T) {
	want := buildFixture(t)
	if *update {
		if err := os.WriteFile(fixturePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatalf("%v (run go test ./wasm/internal/apicore -run MNISTFixture -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the MNIST test set; run with -update", fixturePath)
	}
	var f Fixture
	if err := json.Unmarshal(got, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Digits) != 20 || f.Width != 28 || f.Height != 28 {
		t.Fatalf("fixture has %d digits of %d×%d, want 20 of 28×28", len(f.Digits), f.Width, f.Height)
	}
	seen := map[int]bool{}
	for _, d := range f.Digits {
		seen[d.Label] = true
	}
	if len(seen) < 8 {
		t.Errorf("the fixture's digits cover only %d classes", len(seen))
	}
}
