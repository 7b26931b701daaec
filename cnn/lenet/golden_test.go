package lenet

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/peers.weights from the peers' weights.json")

// The peers' fixture lives beside the project in a full checkout
// (../shared/peers, or the folder $LENET_PEERS names); a user's clone has
// only testdata.
var peersDir = func() string {
	if d := os.Getenv("LENET_PEERS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "peers")
}()

// needPeers returns the path of a file of the peers' folder. Where the
// folder is missing the test is skipped, visibly, or fails under CI=true,
// where the folder must be there.
func needPeers(t *testing.T, file string) string {
	t.Helper()
	p := filepath.Join(peersDir, file)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (%v): CI needs the peers' fixture beside the project, or LENET_PEERS naming it", p, err)
		}
		t.Skipf("SKIP: no %s here (%v); testdata alone is checked. Put the peers beside the project or set LENET_PEERS", p, err)
	}
	return p
}

type peerLayer struct {
	WShape []int     `json:"w_shape"`
	W      []float32 `json:"w"`
	B      []float32 `json:"b"`
}

// readPeerWeights converts the peers' weights.json into a Net.
func readPeerWeights(t *testing.T, path string) *Net {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]json.RawMessage
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var p []float32
	for _, name := range []string{"c1", "c3", "c5", "f6", "out"} {
		var l peerLayer
		if err := json.Unmarshal(f[name], &l); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p = append(p, l.W...)
		p = append(p, l.B...)
	}
	n, err := FromParams(p)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func peerFixture(t *testing.T) (*Net, []float32, []float64, []float64) {
	t.Helper()
	golden := filepath.Join("testdata", "peers.weights")
	if *update {
		n := readPeerWeights(t, needPeers(t, "weights.json"))
		var b bytes.Buffer
		if err := Encode(&b, n, "fixture of the JavaScript peer benchmark (seed 20240601, random He-uniform weights, not trained)"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Shape []int     `json:"shape"`
		Data  []float32 `json:"data"`
	}
	readJSON(t, filepath.Join("testdata", "peers-input.json"), &in)
	var exp struct {
		Logits []float64 `json:"logits"`
		Probs  []float64 `json:"probs"`
		Argmax int       `json:"argmax"`
	}
	readJSON(t, filepath.Join("testdata", "peers-expected.json"), &exp)
	if len(in.Data) != InputLen || len(exp.Probs) != NumClasses || len(exp.Logits) != NumClasses {
		t.Fatalf("fixture sizes: input %d, probs %d, logits %d", len(in.Data), len(exp.Probs), len(exp.Logits))
	}
	return w.Net, in.Data, exp.Logits, exp.Probs
}

// TestGoldenPeers checks our forward pass against the float64 reference of
// the JavaScript peers (TensorFlow.js and ONNX Runtime agree with it to
// 5e-7) on their fixed random weights and input.
func TestGoldenPeers(t *testing.T) {
	n, x, logits, probs := peerFixture(t)
	var a Activations
	n.Forward(x, &a)
	ref, err := n.ForwardReference(x)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*Activations{"Forward": &a, "ForwardReference": ref} {
		for i := range probs {
			if d := math.Abs(float64(got.Probs[i]) - probs[i]); d > 1e-5 {
				t.Errorf("%s: probs[%d] = %.8f, peers %.8f (|Δ| %.2g > 1e-5)", name, i, got.Probs[i], probs[i], d)
			}
			if d := math.Abs(float64(got.Logits[i]) - logits[i]); d > 1e-4 {
				t.Errorf("%s: logits[%d] = %.6f, peers %.6f", name, i, got.Logits[i], logits[i])
			}
		}
		if got.Label() != 8 {
			t.Errorf("%s: label %d, peers 8", name, got.Label())
		}
	}
}

// TestGoldenMatchesPeersDir checks that testdata still holds what the peers'
// folder holds (skipped where that folder is missing, a failure under
// CI=true).
func TestGoldenMatchesPeersDir(t *testing.T) {
	want := readPeerWeights(t, needPeers(t, "weights.json"))
	got, _, _, _ := peerFixture(t)
	for i := range want.Params {
		if want.Params[i] != got.Params[i] {
			t.Fatalf("parameter %d: testdata %v, peers %v (run go test -run Golden -update)", i, got.Params[i], want.Params[i])
		}
	}
	for _, f := range []string{"input.json", "expected.json"} {
		a, err1 := os.ReadFile(needPeers(t, f))
		b, err2 := os.ReadFile(filepath.Join("testdata", "peers-"+f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("testdata/peers-%s differs from the peers' %s", f, f)
		}
	}
}
