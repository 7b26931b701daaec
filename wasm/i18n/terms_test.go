package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pair is one string in both languages, and where it is.
type pair struct{ where, en, ko string }

// ambiguous are the terms whose English word also means something else in
// the project's sentences ("edge" of a picture and "edges" of a graph),
// so a sentence's English cannot tell which Korean it needs.
var ambiguous = map[Term]bool{Edges: true, ImageEdge: true}

// One Korean word per concept, everywhere: wherever a string of the
// programs (an i18n.Text, a Pick) or of the site's pages (the string
// tables of index.html and api.html, the loader's in app.js) names a term
// of the glossary in English, its Korean says the glossary's word.
func TestTermsTranslated(t *testing.T) {
	pairs := goPairs(t, "..")
	if len(pairs) < 150 {
		t.Fatalf("only %d strings in both languages found in wasm/", len(pairs))
	}
	site := 0
	for _, name := range []string{"home-strings.js", "api-strings.js", "app.js"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "site", name))
		if err != nil {
			t.Fatal(err)
		}
		ps := jsPairs(name, string(src))
		if len(ps) < 5 {
			t.Errorf("site/%s: only %d strings in both languages found", name, len(ps))
		}
		site += len(ps)
		pairs = append(pairs, ps...)
	}
	type rule struct {
		term Term
		en   *regexp.Regexp
	}
	var rules []rule
	seen := map[string]bool{}
	for _, term := range Terms() {
		en := strings.TrimSuffix(term.In(En), "s")
		if ambiguous[term] || seen[en] {
			continue
		}
		seen[en] = true
		// A word, not part of a hyphenated one ("full-window"); Input and
		// Output with a capital are LeNet-5's layers, named as in English.
		pattern := `(?i)(^|[^\w-])` + regexp.QuoteMeta(en) + `(s|es)?\b`
		if term == Input || term == Output {
			pattern = `(^|[^\w-])` + regexp.QuoteMeta(en) + `s?\b`
		}
		rules = append(rules, rule{term, regexp.MustCompile(pattern)})
	}
	// Code and placeholders are the same in both languages.
	code := regexp.MustCompile("(?s)<code>.*?</code>|`[^`]*`|\\{\\w+\\}")
	for _, p := range pairs {
		en := code.ReplaceAllString(p.en, " ")
		for _, r := range rules {
			if r.en.MatchString(en) && !strings.Contains(p.ko, r.term.In(Ko)) {
				t.Errorf("%s: %q says %q; its Korean %q lacks the glossary's %q", p.where, p.en, strings.TrimSpace(r.en.FindString(en)), p.ko, r.term.In(Ko))
			}
		}
	}
	t.Logf("%d strings checked, %d of them the site's", len(pairs), site)
}

// goPairs finds the strings in both languages in the Go files under dir
// (not the tests, not the glossary): i18n.Text{En: …, Ko: …} literals
// and l.Pick(en, ko) calls, whose English and Korean are literals or
// fmt.Sprintf formats.
func goPairs(t *testing.T, dir string) []pair {
	t.Helper()
	var out []pair
	fset := token.NewFileSet()
	lit := func(e ast.Expr) (string, bool) {
		if c, ok := e.(*ast.CallExpr); ok && len(c.Args) > 0 {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
				e = c.Args[0]
			}
		}
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Base(filepath.Dir(path)) == "i18n" {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var en, ko string
			var ok1, ok2 bool
			switch n := n.(type) {
			case *ast.CompositeLit:
				sel, ok := n.Type.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Text" || len(n.Elts) != 2 {
					return true
				}
				for i, e := range n.Elts {
					key := []string{"En", "Ko"}[i]
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						key, e = kv.Key.(*ast.Ident).Name, kv.Value
					}
					if key == "En" {
						en, ok1 = lit(e)
					} else {
						ko, ok2 = lit(e)
					}
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Pick" || len(n.Args) != 2 {
					return true
				}
				en, ok1 = lit(n.Args[0])
				ko, ok2 = lit(n.Args[1])
			default:
				return true
			}
			if ok1 && ok2 {
				out = append(out, pair{fset.Position(n.Pos()).String(), en, ko})
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jsPairs finds the strings in both languages in a script of the site: a
// table of {en: '…', ko: '…'} entries (home-strings.js, api-strings.js),
// or two tables {en: {name: '…'}, ko: {name: '…'}} paired by name
// (app.js). Functions in a table are skipped.
func jsPairs(name, src string) []pair {
	var out []pair
	i := 0
	// str reads the JavaScript string literal at src[j:] (after spaces).
	str := func(j int) (string, int, bool) {
		for j < len(src) && strings.ContainsRune(" \t\n\r", rune(src[j])) {
			j++
		}
		if j >= len(src) || !strings.ContainsRune("'\"`", rune(src[j])) {
			return "", j, false
		}
		q := src[j]
		var b strings.Builder
		for j++; j < len(src) && src[j] != q; j++ {
			if src[j] == '\\' && j+1 < len(src) {
				j++
			}
			b.WriteByte(src[j])
		}
		return b.String(), j + 1, true
	}
	block := func(j int) (map[string]string, int) {
		m := map[string]string{}
		entry := regexp.MustCompile(`^\s*(\w+):`)
		for j < len(src) && src[j] != '}' {
			loc := entry.FindStringSubmatchIndex(src[j:])
			if loc == nil {
				j++
				continue
			}
			key := src[j+loc[2] : j+loc[3]]
			s, k, ok := str(j + loc[1])
			if ok {
				m[key] = s
			}
			j = k
			// skip to the end of the entry
			for depth := 0; j < len(src); j++ {
				c := src[j]
				if c == '(' || c == '{' {
					depth++
				} else if (c == ')' || c == '}') && depth > 0 {
					depth--
				} else if (c == ',' || c == '}') && depth == 0 {
					break
				}
			}
			if j < len(src) && src[j] == ',' {
				j++
			}
		}
		return m, j + 1
	}
	line := func(j int) string { return name + ":" + strconv.Itoa(strings.Count(src[:j], "\n")+1) }
	for {
		k := strings.Index(src[i:], "en:")
		if k < 0 {
			return out
		}
		at := i + k
		if en, j, ok := str(at + 3); ok {
			kk := strings.Index(src[j:], "ko:")
			if kk < 0 {
				return out
			}
			ko, j2, ok := str(j + kk + 3)
			if ok {
				out = append(out, pair{line(at), en, ko})
			}
			i = j2
			continue
		}
		j := strings.Index(src[at:], "{")
		if j < 0 || strings.TrimSpace(src[at+3:at+j]) != "" {
			i = at + 3
			continue
		}
		en, next := block(at + j + 1)
		kk := strings.Index(src[next:], "ko:")
		kb := strings.Index(src[next+kk:], "{")
		if kk < 0 || kb < 0 {
			return out
		}
		ko, end := block(next + kk + kb + 1)
		for key, e := range en {
			if k, ok := ko[key]; ok {
				out = append(out, pair{line(at) + " " + key, e, k})
			}
		}
		i = end
	}
}
