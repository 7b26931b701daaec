package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a folder like the built site, with a subfolder that has an
// index.html, one that has none, dotfiles, and a link out of the folder.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":         "<!doctype html><title>home</title>",
		"app.js":             "'use strict';",
		"lenet.wasm":         "\x00asm\x01\x00\x00\x00",
		"lenet.d.ts":         "export const VERSION: string;",
		"blob.bin":           "<html><script>alert(1)</script>",
		"docs/index.html":    "<!doctype html><title>docs</title>",
		"test/a_test.go":     "package test",
		".env":               "SECRET=1",
		".git/config":        "[core]",
		"docs/.hidden.html":  "hidden",
		"docs/.well-known/x": "x",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func handler(t *testing.T) *Handler {
	t.Helper()
	h, err := New(site(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// Every response, errors included, carries the policy and nosniff.
func checkHeaders(t *testing.T, what string, w *httptest.ResponseRecorder) {
	t.Helper()
	if got := w.Header().Get("Content-Security-Policy"); got != CSP {
		t.Errorf("%s: Content-Security-Policy %q", what, got)
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", what, got)
	}
}

func TestServesFiles(t *testing.T) {
	h := handler(t)
	for _, c := range []struct {
		path, ctype, body string
	}{
		{"/", "text/html; charset=utf-8", "<title>home</title>"},
		{"/index.html", "text/html; charset=utf-8", "<title>home</title>"},
		{"/app.js", "text/javascript; charset=utf-8", "'use strict';"},
		{"/lenet.wasm", "application/wasm", "asm"},
		{"/lenet.d.ts", "text/plain; charset=utf-8", "VERSION"},
		{"/blob.bin", "application/octet-stream", "alert"},
		{"/docs/", "text/html; charset=utf-8", "<title>docs</title>"},
		{"/docs/index.html", "text/html; charset=utf-8", "<title>docs</title>"},
		{"/app.js?v=1", "text/javascript; charset=utf-8", "'use strict';"},
	} {
		w := do(h, "GET", c.path)
		checkHeaders(t, c.path, w)
		if w.Code != 200 || w.Header().Get("Content-Type") != c.ctype || !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("GET %s: %d %q %q", c.path, w.Code, w.Header().Get("Content-Type"), w.Body.String())
		}
	}
	// HEAD: the headers of GET, no body.
	w := do(h, "HEAD", "/app.js")
	checkHeaders(t, "HEAD", w)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "13" {
		t.Errorf("HEAD /app.js: %d, body %q, length %q", w.Code, w.Body.String(), w.Header().Get("Content-Length"))
	}
	// Ranges and conditional requests still work.
	if w := do(h, "GET", "/app.js", "Range", "bytes=1-3"); w.Code != 206 || w.Body.String() != "use" {
		t.Errorf("a range: %d %q", w.Code, w.Body.String())
	}
	last := do(h, "GET", "/app.js").Header().Get("Last-Modified")
	if w := do(h, "GET", "/app.js", "If-Modified-Since", last); w.Code != 304 {
		t.Errorf("If-Modified-Since: %d", w.Code)
	}
	// A folder with an index.html, named without its slash, is redirected.
	if w := do(h, "GET", "/docs?lang=ko"); w.Code != 301 || w.Header().Get("Location") != "/docs/?lang=ko" {
		t.Errorf("GET /docs: %d to %q", w.Code, w.Header().Get("Location"))
	}
}

// Only GET and HEAD: everything else is 405 with Allow, and the file is
// not sent.
func TestMethods(t *testing.T) {
	h := handler(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		w := do(h, m, "/index.html")
		checkHeaders(t, m, w)
		if w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" || strings.Contains(w.Body.String(), "home") {
			t.Errorf("%s /index.html: %d, Allow %q, body %q", m, w.Code, w.Header().Get("Allow"), w.Body.String())
		}
	}
}

// What must not be served is a 404 (never a listing, a 500 or a file from
// outside the folder), with the same headers as every response.
func TestNotServed(t *testing.T) {
	h := handler(t)
	long := strings.Repeat("a", 300)
	for _, p := range []string{
		"/test/",        // a folder without index.html: no listing
		"/test",         // the same without the slash
		"/docs/nothing", // missing
		"/.env",         // dotfiles, at any depth
		"/.git/config",  //
		"/.git/",        //
		"/docs/.hidden.html",
		"/docs/.well-known/x",
		"/" + long,                // a name the file system refuses
		"/docs/" + long + "/x.js", //
		"/" + long + ".html",      //
		"/app.js/x",               // a path through a file
		"/link.txt",               // a link out of the folder
		"/%00",                    // NUL
		"/docs%5c..%5capp.js",     // backslashes
		"/../../../../etc/passwd", // browsers resolve ".." themselves: one that arrives is refused
		"/docs/../app.js",         //
	} {
		for _, m := range []string{"GET", "HEAD"} {
			w := do(h, m, p)
			checkHeaders(t, m+" "+p, w)
			if w.Code != 404 {
				t.Errorf("%s %s: %d, want 404; body %q", m, p, w.Code, w.Body.String())
			}
			if b := w.Body.String(); strings.Contains(b, "a_test.go") || strings.Contains(b, "secret") || strings.Contains(b, "SECRET") || strings.Contains(b, "root:") {
				t.Errorf("%s %s shows %q", m, p, b)
			}
		}
	}
}

// A real server: the limits are set, and the handler works over a
// connection.
func TestServer(t *testing.T) {
	h := handler(t)
	srv := Server("localhost:0", h)
	if srv.ReadHeaderTimeout != ReadHeaderTimeout || srv.ReadTimeout != ReadTimeout || srv.WriteTimeout != WriteTimeout ||
		srv.IdleTimeout != IdleTimeout || srv.MaxHeaderBytes != MaxHeaderBytes {
		t.Errorf("Server sets %v %v %v %v %d", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
	for _, d := range []any{ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout} {
		if d == 0 {
			t.Error("a timeout is 0 (none)")
		}
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Config = srv
	ts.Start()
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/lenet.wasm")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/wasm" || string(b) != "\x00asm\x01\x00\x00\x00" {
		t.Errorf("GET /lenet.wasm over HTTP: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// A header block over the limit is refused.
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("x", 2*MaxHeaderBytes))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("a %d-byte header: %d", 2*MaxHeaderBytes, resp.StatusCode)
		}
	}
}
