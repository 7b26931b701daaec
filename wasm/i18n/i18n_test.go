package i18n

import (
	"flag"
	"go/scanner"
	"go/token"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

var lectureFile = flag.String("lecture", "../../../shared/lecture/ch6-cnn-notes.ko.txt",
	"the lecture's Korean notes, to check the glossary's spellings against")

func TestParseLang(t *testing.T) {
	for tag, want := range map[string]Lang{"ko": Ko, "ko-KR": Ko, "KO_kr": Ko, " ko ": Ko, "en": En, "en-GB": En, "EN": En} {
		if l, ok := ParseLang(tag); !ok || l != want {
			t.Errorf("ParseLang(%q) = %v, %v", tag, l, ok)
		}
	}
	for _, tag := range []string{"", "fr", "kor", "kr", "english", "k"} {
		if l, ok := ParseLang(tag); ok || l != En {
			t.Errorf("ParseLang(%q) = %v, %v: want English, false", tag, l, ok)
		}
	}
	if En.Code() != "en" || Ko.Code() != "ko" || Ko.String() != "ko" || En.Other() != Ko || Ko.Other() != En {
		t.Error("Code, String or Other")
	}
	if !En.Valid() || !Ko.Valid() || Lang(2).Valid() {
		t.Error("Valid")
	}
	if Ko.Pick("a", "b") != "b" || En.Pick("a", "b") != "a" || (Text{"x", "y"}).In(Ko) != "y" {
		t.Error("Pick or In")
	}
}

// Every term has both spellings, different terms are different English
// words, and no Korean spelling is one the glossary avoids.
func TestGlossaryComplete(t *testing.T) {
	if len(Terms()) != int(numTerms) {
		t.Fatalf("Terms lists %d of %d", len(Terms()), numTerms)
	}
	seen := map[string]Term{}
	avoided := map[string]Term{}
	for _, term := range Terms() {
		tx := term.Text()
		if strings.TrimSpace(tx.En) == "" || strings.TrimSpace(tx.Ko) == "" {
			t.Errorf("term %d: %q / %q: a spelling is missing", term, tx.En, tx.Ko)
		}
		if !hasHangul(tx.Ko) {
			t.Errorf("term %q: the Korean %q has no Hangul", tx.En, tx.Ko)
		}
		if prev, dup := seen[tx.En]; dup {
			t.Errorf("terms %d and %d are both %q", prev, term, tx.En)
		}
		seen[tx.En] = term
		for _, a := range term.Avoid() {
			avoided[a] = term
		}
	}
	for _, term := range Terms() {
		if other, ok := avoided[term.In(Ko)]; ok {
			t.Errorf("%q is a term's spelling and avoided for %q", term.In(Ko), other.In(En))
		}
	}
	if Term(numTerms).In(Ko) != "" || Term(numTerms).Lecture() || Term(numTerms).Avoid() != nil {
		t.Error("a term outside the glossary is not empty")
	}
}

// The lecture's terms, letter for letter as its notes write them.
func TestGlossaryFollowsTheLecture(t *testing.T) {
	want := map[Term]string{
		Convolution: "컨볼루션", Pooling: "풀링", MaxPooling: "최대 풀링", AvgPooling: "평균 풀링",
		FeatureMap: "특징 맵", ReceptiveField: "수용장", Kernel: "커널", Kernels: "커널", Stride: "보폭", Padding: "덧대기",
		Bias: "바이어스", Weights: "가중치", WeightSharing: "가중치 공유", PartialConnectivity: "부분 연결성",
		Parameters: "매개변수", FullyConnected: "완전연결", ConvLayer: "컨볼루션층", LinearCombination: "선형 결합",
		Edges: "에지", ImageEdge: "엣지", Input: "입력", Layer: "층", Multiplications: "곱셈", Training: "학습",
	}
	for term, ko := range want {
		if got := term.In(Ko); got != ko {
			t.Errorf("%q is %q in the glossary; the lecture writes %q", term.In(En), got, ko)
		}
		if !term.Lecture() {
			t.Errorf("%q is the lecture's word but not marked so", ko)
		}
	}
	for _, term := range Terms() {
		if _, ok := want[term]; term.Lecture() && !ok {
			t.Errorf("%q is marked as the lecture's word but not checked here", term.In(Ko))
		}
	}
}

// Where the lecture's notes are beside the project (../shared/lecture),
// every term marked as the lecture's appears in them as spelled.
func TestGlossaryInTheLectureNotes(t *testing.T) {
	b, err := os.ReadFile(*lectureFile)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the lecture's notes are missing: %v", err)
		}
		t.Skipf("SKIP: the lecture's notes are not here (%v); run with -lecture=PATH", err)
	}
	notes := string(b)
	for _, term := range Terms() {
		if term.Lecture() && !strings.Contains(notes, term.In(Ko)) {
			t.Errorf("%q is marked as the lecture's word but the notes never write it", term.In(Ko))
		}
	}
}

// No Korean string of the programs (wasm/, Go string literals) or of the
// site's pages and scripts uses a spelling the glossary avoids: one word
// per concept everywhere.
func TestOneWordPerConcept(t *testing.T) {
	avoid := map[string]Term{}
	for _, term := range Terms() {
		for _, a := range term.Avoid() {
			avoid[a] = term
		}
	}
	check := func(where, s string) {
		for a, term := range avoid {
			if strings.Contains(s, a) {
				t.Errorf("%s: %q says %q; the glossary's word for %q is %q", where, s, a, term.In(En), term.In(Ko))
			}
		}
	}
	files := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if filepath.Dir(path) == filepath.Join("..", "i18n") {
			return nil // the glossary names what it avoids
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		fset := token.NewFileSet()
		var sc scanner.Scanner
		sc.Init(fset.AddFile(path, -1, len(src)), src, nil, 0)
		for {
			pos, tok, lit := sc.Scan()
			if tok == token.EOF {
				break
			}
			if tok == token.STRING {
				if s, err := strconv.Unquote(lit); err == nil && hasHangul(s) {
					check(fset.Position(pos).String(), s)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("only %d Go files found under wasm/", files)
	}
	for _, pattern := range []string{"../../site/*.js", "../../site/*.html"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(b), "\n") {
				if hasHangul(line) {
					check(p+":"+strconv.Itoa(i+1), strings.TrimSpace(line))
				}
			}
		}
	}
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

func TestNum(t *testing.T) {
	for v, want := range map[float32]string{
		0: "0", 3: "3", -12: "-12", 0.309: "0.31", 0.3: "0.3", -1.25: "-1.25", 12.34: "12.3", 456.7: "457",
		0.00089: "≈0", -0.004: "≈0", -0.00956: "-0.01", 9.996: "10", 2416: "2416", 0.5: "0.5",
	} {
		if got := Num(v); got != want {
			t.Errorf("Num(%v) = %q, want %q", v, got, want)
		}
	}
	nan := float32(math.NaN())
	if Num(nan) != "NaN" || Num(float32(math.Inf(-1))) != "-∞" {
		t.Error("NaN or infinity")
	}
}
