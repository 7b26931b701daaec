package jsonw

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// oracle is encoding/json without its HTML escaping: the slow, obviously
// right writer every output here is compared with.
func oracle(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestFloatsAsEncodingJSON(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.5, 1.0 / 3, 2.5e-7, 1e-6, 9.99e-7, 1e20, 1e21, 123456789, 1e-300,
		math.MaxFloat64, math.SmallestNonzeroFloat64, -2.5, 7077888, 61706, 1e-7, 1.5e-10}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		vals = append(vals, math.Float64frombits(rng.Uint64()), rng.NormFloat64()*math.Pow(10, float64(rng.IntN(40)-20)))
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if got, want := AppendFloat(nil, v, 64), oracle(t, v); !bytes.Equal(got, want) {
			t.Errorf("float64 %v: %s, encoding/json %s", v, got, want)
		}
		f := float32(v)
		if math.IsInf(float64(f), 0) {
			continue
		}
		if got, want := AppendFloat(nil, float64(f), 32), oracle(t, f); !bytes.Equal(got, want) {
			t.Errorf("float32 %v: %s, encoding/json %s", f, got, want)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := string(AppendFloat(nil, v, 64)); got != "null" {
			t.Errorf("%v: %s, want null", v, got)
		}
	}
}

func TestStringsAsEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", `"quoted" \ back`, "tab\tnew\nline\rret\bbs\fff", "\x00\x01\x1f\x7f", "특징 맵 · ⌊(M + 2p − h)/s⌋",
		"line\u2028sep\u2029", "bad \xff\xfe utf-8", "\xed\xa0\x80 surrogate", "<&>", "emoji 😀", "a\u0085b"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		got := AppendString(nil, s)
		if want := oracle(t, s); !bytes.Equal(got, want) {
			t.Errorf("%q: %s, encoding/json %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s does not parse: %v", s, got, err)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("a\"b\\c\x00\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString(nil, s), oracle(t, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, encoding/json %s", s, got, want)
		}
	})
}

// An object written field by field is what encoding/json writes for a
// struct with the same fields in the same order.
func TestObjectAsEncodingJSON(t *testing.T) {
	type inner struct {
		Y0 int `json:"Y0"`
		X1 int `json:"X1"`
	}
	type all struct {
		View    string             `json:"view"`
		N       int64              `json:"n"`
		Seed    uint64             `json:"seed"`
		Scale   float64            `json:"scale"`
		Bias    float32            `json:"bias"`
		On      bool               `json:"on"`
		Label   any                `json:"label"`
		Region  inner              `json:"region"`
		Missing *inner             `json:"missing"`
		Out     []float32          `json:"out"`
		Empty   []float32          `json:"empty"`
		NoOut   []float32          `json:"noOut"`
		Winners []int              `json:"winners"`
		Names   []string           `json:"names"`
		Rect    []float64          `json:"rect"`
		Rows    []inner            `json:"rows"`
		Rects   map[string][]int   `json:"rects"`
		Deep    map[string][]inner `json:"deep"`
	}
	want := all{View: "conv", N: -42, Seed: math.MaxUint64, Scale: 1.5, Bias: 0.1, On: true, Region: inner{2, 15},
		Out: []float32{1, -0.25, 3e-8}, Empty: []float32{}, Winners: []int{0, 9}, Names: []string{"C1", "특징 맵"},
		Rect: []float64{0, 40, 1280.5, 760}, Rows: []inner{{1, 2}, {3, 4}}, Rects: map[string][]int{"pad": {1, 2, 3, 4}},
		Deep: map[string][]inner{"a": {{5, 6}}}}
	span := func(y0, x1 int) *Object { return new(Object).Int("Y0", y0).Int64("X1", int64(x1)) }
	var o Object
	o.Str("view", "conv").Int64("n", -42).Uint("seed", math.MaxUint64).Float("scale", 1.5).Float32("bias", 0.1).Bool("on", true).
		Null("label").Obj("region", span(2, 15)).Obj("missing", nil).Floats32("out", []float32{1, -0.25, 3e-8}).
		Floats32("empty", []float32{}).Floats32("noOut", nil).Ints("winners", []int{0, 9}).Strs("names", []string{"C1", "특징 맵"}).
		Floats("rect", []float64{0, 40, 1280.5, 760}).Objs("rows", []*Object{span(1, 2), span(3, 4)}).
		Obj("rects", new(Object).Ints("pad", []int{1, 2, 3, 4})).Obj("deep", new(Object).Objs("a", []*Object{span(5, 6)}))
	if got, w := o.Bytes(), oracle(t, want); !bytes.Equal(got, w) {
		t.Errorf("object\n got %s\nwant %s", got, w)
	}
	if got := new(Object).Bytes(); string(got) != "{}" {
		t.Errorf("empty object %s", got)
	}
	var nilObj *Object
	if nilObj.String() != "{}" {
		t.Error("a nil object is not {}")
	}
	// Bytes copies: adding a field later does not change what was returned.
	first := o.Bytes()
	o.Int("later", 1)
	if !bytes.Equal(first, oracle(t, want)) || !json.Valid(o.Bytes()) {
		t.Error("Bytes shares memory with the object")
	}
}

func TestNonFiniteIsNull(t *testing.T) {
	var o Object
	o.Float("nan", math.NaN()).Float32("inf", float32(math.Inf(1))).Floats32("v", []float32{1, float32(math.NaN())})
	if got := o.String(); got != `{"nan":null,"inf":null,"v":[1,null]}` {
		t.Errorf("%s", got)
	}
}

func BenchmarkObject(b *testing.B) {
	out := make([]float32, 100)
	for i := range out {
		out[i] = float32(i) / 7
	}
	b.ReportAllocs()
	for b.Loop() {
		var o Object
		o.Str("view", "conv").Int("size", 3).Floats32("out", out).Bool("tiles", true)
		_ = o.Bytes()
	}
}
