//go:build browser

package browser

// The npm package in a bundled page: a course page's script imports
// @seecnn/lenet by name, esbuild bundles it for the browser, the page
// copies lenet.wasm and wasm_exec.js beside the bundle and tells load()
// where they are. The bundler is esbuild's Go library, a test-only
// dependency: it runs in this process, pinned by go.sum, with no
// node_modules to install and nothing fetched while the tests run.

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/seecnn/lenet/site/serve/static"
)

// unpack installs the npm tarball into dir/node_modules as npm would
// (its files, under the package's name).
func unpack(t *testing.T, tgz, dir, name string) string {
	t.Helper()
	f, err := os.Open(tgz)
	if err != nil {
		t.Fatalf("%v: run ./build.sh dist", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rel, ok := strings.CutPrefix(h.Name, "package/")
		if !ok || strings.Contains(rel, "..") || h.Typeflag != tar.TypeReg {
			t.Fatalf("the tarball holds %q", h.Name)
		}
		p := filepath.Join(pkg, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(io.LimitReader(tr, 64<<20))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pkg
}

func TestNPMBundle(t *testing.T) {
	var meta struct{ Name, Version string }
	b, err := os.ReadFile(filepath.Join("..", "npm", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	tgz := filepath.Join("..", "..", "dist", strings.NewReplacer("@", "", "/", "-").Replace(meta.Name)+"-"+meta.Version+".tgz")
	dir := t.TempDir()
	pkg := unpack(t, tgz, dir, meta.Name)
	src := filepath.Join(dir, "course.js")
	if err := os.WriteFile(src, []byte(`import { load, VERSION } from '`+meta.Name+`';
const canvas = document.getElementById('pad');
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 200, 200);
ctx.strokeStyle = '#000'; ctx.lineWidth = 16; ctx.lineCap = 'round';
ctx.beginPath(); ctx.moveTo(60, 40); ctx.lineTo(150, 40); ctx.lineTo(90, 170); ctx.stroke();
window.course = load({ base: './lenet/' }).then((net) => {
  const r = net.predict(canvas);
  return { version: VERSION, label: r.label, pageGo: globalThis.Go === window.PageGo };
});
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "www")
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{src},
		Bundle:        true,
		Format:        api.FormatESModule,
		Platform:      api.PlatformBrowser,
		Target:        api.ES2022,
		Outfile:       filepath.Join(out, "course.bundle.js"),
		AbsWorkingDir: dir,
		Write:         true,
		LogLevel:      api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		t.Errorf("esbuild: %s", m.Text)
	}
	for _, m := range res.Warnings {
		t.Logf("esbuild warns: %s", m.Text)
	}
	if len(res.Errors) > 0 {
		t.FailNow()
	}
	bundle, err := os.ReadFile(filepath.Join(out, "course.bundle.js"))
	if err != nil || !strings.Contains(string(bundle), "lenet_predict") {
		t.Fatalf("the bundle does not hold lenet.js (%v)", err)
	}
	// The page: a Go of another program defined first, the bundle, and
	// lenet.wasm and wasm_exec.js copied to lenet/.
	files := map[string]string{
		"index.html": `<!doctype html><meta charset=utf-8><title>Course</title><link rel=icon href="data:,">
<canvas id=pad width=200 height=200></canvas><script src=pagego.js></script><script type=module src=course.bundle.js></script>`,
		"pagego.js": `window.PageGo = class PageGo {}; globalThis.Go = window.PageGo;`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(out, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(out, "lenet"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"lenet.wasm", "wasm_exec.js"} {
		b, err := os.ReadFile(filepath.Join(pkg, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "lenet", f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, err := static.New(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	p := openAt(t, srv.URL+"/index.html", []*httptest.Server{srv}, 800, 600, 1, false, "")
	var got struct {
		Version string
		Label   int
		PageGo  bool
	}
	p.eval(`(async () => { for (let i = 0; i < 500 && !window.course; i++) await new Promise((r) => setTimeout(r, 20)); return window.course })()`, &got)
	if got.Version != meta.Version || got.Label != 7 || !got.PageGo {
		t.Errorf("the bundled page: %+v; want version %s, a 7, and the page's own Go left in place", got, meta.Version)
	}
}
