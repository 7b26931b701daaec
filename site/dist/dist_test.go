package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/seecnn/lenet/site/serve/static"
)

func TestShipped(t *testing.T) {
	for name, want := range map[string]bool{
		"index.html": true, "app.js": true, "app.css": true, "demo.wasm": true, "url-params.json": true,
		"mnist-subset.bin": true, "lenet.d.ts": true, "docs/index.html": true, "docs/docs.css": true, "docs/img/demo.png": true,
		"docs/api.md": false, "serve/main.go": false, "browser/pages/train.html": false, "test/api.test.mjs": false,
		"screenshots/home.png": false, "npm/package.json": false, ".hidden.js": false, "docgen/docgen.go": false,
		"README.md": false, "notes.txt": false,
	} {
		if shipped(name) != want {
			t.Errorf("shipped(%q) = %v", name, !want)
		}
	}
}

// A small site: a page with a script and a style, modules importing
// modules, a worker, a style sheet with a picture, and a page of the
// manual one folder down.
func smallSite() []file {
	return []file{
		{"index.html", []byte(`<link rel="stylesheet" href="site.css"><script type="module" src="home.js"></script>
<a href="app.html?view=conv">conv</a> <a href="#top">top</a> <a href="https://example.org/x.js">out</a> <link rel="icon" href="data:,">
<pre><code>import { load } from './lenet.js';</code></pre> <a href='docs/'>manual</a>`)},
		{"app.html", []byte(`<script src="wasm_exec.js"></script><script src="app.js"></script>`)},
		{"app.js", []byte(`instantiate('./demo.wasm'); const label = 'demo.wasm';`)},
		{"home.js", []byte(`import { x } from './lang.js'; import "./strings.js"; // see './lang.js'`)},
		{"lang.js", []byte(`export const x = 1; new Worker(new URL('./worker.js', import.meta.url));`)},
		{"strings.js", []byte(`export default {};`)},
		{"worker.js", []byte(`importScripts('./wasm_exec.js');`)},
		{"wasm_exec.js", []byte(`"use strict";`)},
		{"demo.wasm", []byte("\x00asm")},
		{"site.css", []byte(`body { background: url(img.png) } a { background: url("docs/img/a.png") }`)},
		{"img.png", []byte("png")},
		{"docs/index.html", []byte(`<link rel="stylesheet" href="../site.css"><img src="img/a.png"><a href="../app.html">demo</a>`)},
		{"docs/img/a.png", []byte("png a")},
	}
}

func find(files []file, name string) string {
	for _, f := range files {
		if f.name == name {
			return string(f.data)
		}
	}
	return ""
}

func TestVersion(t *testing.T) {
	files := smallSite()
	vs, err := version(files)
	if err != nil {
		t.Fatal(err)
	}
	v := func(name string) string { return "?v=" + vs[name] }
	for _, c := range []struct{ name, want string }{
		{"index.html", `href="site.css` + v("site.css") + `"`},
		{"index.html", `src="home.js` + v("home.js") + `"`},
		{"index.html", `href="app.html?view=conv"`},                                                // pages keep their addresses
		{"index.html", `href="https://example.org/x.js"`},                                          // another site
		{"index.html", `<code>import { load } from './lenet.js';</code>`},                          // text, not an attribute
		{"index.html", `href='docs/'`},                                                             // a folder's page
		{"app.js", `instantiate('./demo.wasm` + v("demo.wasm") + `'); const label = 'demo.wasm';`}, // only ./ literals
		{"home.js", `from './lang.js` + v("lang.js") + `'; import "./strings.js` + v("strings.js") + `";`},
		{"lang.js", `new URL('./worker.js` + v("worker.js") + `', import.meta.url)`},
		{"worker.js", `importScripts('./wasm_exec.js` + v("wasm_exec.js") + `')`},
		{"site.css", `url(img.png` + v("img.png") + `)`},
		{"site.css", `url("docs/img/a.png` + v("docs/img/a.png") + `")`},
		{"docs/index.html", `href="../site.css` + v("site.css") + `"`},
		{"docs/index.html", `src="img/a.png` + v("docs/img/a.png") + `"`},
		{"docs/index.html", `href="../app.html"`},
	} {
		if got := find(files, c.name); !strings.Contains(got, c.want) {
			t.Errorf("%s: no %s in\n%s", c.name, c.want, got)
		}
	}
	if _, ok := vs["index.html"]; ok {
		t.Error("a page got a version")
	}
	// A version is of the rewritten bytes, so a change reaches every file
	// that leads to it: worker.js → lang.js → home.js, not strings.js.
	if vs["lang.js"] != static.Version([]byte(find(files, "lang.js"))) {
		t.Error("lang.js's version is not of its rewritten bytes")
	}
	changed := smallSite()
	for i := range changed {
		if changed[i].name == "wasm_exec.js" {
			changed[i].data = []byte(`"use strict"; // a new Go`)
		}
	}
	vs2, err := version(changed)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"wasm_exec.js": true, "worker.js": true, "lang.js": true, "home.js": true, "strings.js": false, "demo.wasm": false, "site.css": false} {
		if (vs[name] != vs2[name]) != want {
			t.Errorf("%s: version %s → %s after wasm_exec.js changed", name, vs[name], vs2[name])
		}
	}
}

// What would break the deployed site is refused, every case named.
func TestVersionRefuses(t *testing.T) {
	for _, c := range []struct {
		files []file
		want  []string
	}{
		{[]file{{"index.html", []byte(`<script src="/app.js"></script><script src="app.js"></script>`)}, {"app.js", nil}},
			[]string{`"/app.js" starts at the root`}},
		{[]file{{"index.html", []byte(`<img src="missing.png"><a href="nowhere.html">`)}},
			[]string{`"missing.png" names no file`, `"nowhere.html" names no file`}},
		{[]file{{"docs/index.html", []byte(`<a href="../../README.md">`)}}, []string{"outside the site"}},
		{[]file{{"a.js", []byte(`import './gone.js';`)}}, []string{`"./gone.js" names no file`}},
		{[]file{{"a.js", []byte(`import './b.js';`)}, {"b.js", []byte(`import './a.js';`)}}, []string{"in a circle"}},
	} {
		_, err := version(c.files)
		if err == nil {
			t.Errorf("%s: accepted", c.files[0].data)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", c.files[0].data, err, w)
			}
		}
	}
}

func TestWriteSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	big := []byte(strings.Repeat("function f() { return 42; }\n", 200))
	files := []file{
		{"app.js", big},
		{"small.js", []byte("let x;")},
		{"demo.wasm", append([]byte("\x00asm"), bytes.Repeat([]byte{1, 2, 3, 4}, 1000)...)},
		{"pic.png", bytes.Repeat([]byte{9}, 5000)},
		{"docs/index.html", []byte(strings.Repeat("<p>manual</p>\n", 100))},
	}
	// Something of an earlier build, which must go.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.js"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeSite(dir, files, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.js")); err == nil {
		t.Error("a file of the earlier build is still there")
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.name)))
		if err != nil || !bytes.Equal(got, f.data) {
			t.Errorf("%s: %v", f.name, err)
		}
		for _, e := range []string{".br", ".gz"} {
			c, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.name)+e))
			if !compressible(f) {
				if err == nil {
					t.Errorf("%s%s written", f.name, e)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s%s: %v", f.name, e, err)
				continue
			}
			var r io.Reader = brotli.NewReader(bytes.NewReader(c))
			if e == ".gz" {
				if r, err = gzip.NewReader(bytes.NewReader(c)); err != nil {
					t.Fatal(err)
				}
			}
			plain, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(plain, f.data) {
				t.Errorf("%s%s does not decompress to the file (%v)", f.name, e, err)
			}
			if len(c) >= len(f.data) {
				t.Errorf("%s%s: %d bytes for %d", f.name, e, len(c), len(f.data))
			}
		}
	}
	// A second build reuses the copies of files that did not change and
	// makes new ones for a file that did.
	marker := []byte("reused copy")
	if err := os.WriteFile(filepath.Join(dir, "app.js.br"), marker, 0o644); err != nil {
		t.Fatal(err)
	}
	files[2].data = append(files[2].data, 5)
	if err := os.WriteFile(filepath.Join(dir, "demo.wasm.br"), marker, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeSite(dir, files, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "app.js.br")); !bytes.Equal(b, marker) {
		t.Error("the copy of an unchanged file was made again")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "demo.wasm.br")); bytes.Equal(b, marker) {
		t.Error("the copy of a changed file was reused")
	}
}

func TestBrotliQuality(t *testing.T) {
	if brotliQuality(100) != 11 || brotliQuality(bigFile) != 11 || brotliQuality(bigFile+1) != 10 {
		t.Error("brotliQuality")
	}
}

// The package folder agrees with lenet.js and lists every file; pack
// checks it before npm runs.
func TestPackageJSON(t *testing.T) {
	pkg, err := readPackage("..")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "@seecnn/lenet" {
		t.Errorf("name %q", pkg.Name)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "npm"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lenet.js", "export const VERSION = '1.2.3';\n")
	for _, c := range []struct{ pkg, want string }{
		{`{"name":"x","version":"1.0.0","type":"module","types":"./lenet.d.ts","exports":"./lenet.js","files":["lenet.js","lenet.d.ts","lenet.wasm","wasm_exec.js"]}`, "version 1.0.0, lenet.js 1.2.3"},
		{`{"name":"x","version":"1.2.3","types":"./lenet.d.ts","exports":"./lenet.js","files":["lenet.js","lenet.d.ts","lenet.wasm","wasm_exec.js"]}`, `"type": "module"`},
		{`{"name":"x","version":"1.2.3","type":"module","types":"./lenet.d.ts","exports":"./lenet.js","files":["lenet.js","lenet.d.ts","lenet.wasm"]}`, "wasm_exec.js is not in files"},
		{`{"name":`, "npm/package.json"},
	} {
		write("npm/package.json", c.pkg)
		if _, err := readPackage(dir); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.pkg, err, c.want)
		}
	}
}
