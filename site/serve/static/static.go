// Package static serves a built site from a folder with the headers a
// static host should send, and nothing a static host should not:
//
//   - GET and HEAD only; any other method gets 405 with an Allow header;
//   - regular files only, resolved inside the folder (os.Root: no "..", no
//     symbolic link out of it); a folder's index.html for the folder, but
//     never a listing of a folder;
//   - no name that starts with a dot, in any segment (.git, .env, …);
//   - every response, errors included, carries the Content-Security-Policy,
//     X-Content-Type-Options: nosniff and Cache-Control, and
//     Access-Control-Allow-Origin: * (the site is public and has no
//     cookies: a course page of another site may import embed.js or
//     lenet.js from it, and fetch lenet.wasm);
//   - a name the file system refuses (too long, invalid) is a 404 like any
//     other missing file, never a 500;
//   - a file that has a precompressed copy beside it (NAME.br, NAME.gz, as
//     ./build.sh dist writes them) is sent as that copy to a browser that
//     accepts its encoding, with Content-Encoding, the type of NAME and
//     Vary: Accept-Encoding;
//   - a file asked for under its content version, NAME?v=VERSION where
//     VERSION is Version of the file's bytes (the URLs ./build.sh dist
//     writes into the pages), may be cached for a year and never
//     revalidated; everything else is revalidated on every use (no-cache),
//     so a new deployment shows at once.
//
// Handler is an http.Handler, so tests drive it with httptest; Server wraps
// it with the timeouts and header limits a server open to a network needs.
package static

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"log"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CSP is the policy every page of the site must work under: only the site's
// own scripts, styles and connections, WebAssembly compilation, images from
// the site or data:/blob: URLs, and any page may embed it in a frame.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *"

// Limits of Server.
const (
	ReadHeaderTimeout = 10 * time.Second // a client that sends its headers slowly is dropped
	ReadTimeout       = 30 * time.Second // GET and HEAD have no body worth waiting for
	WriteTimeout      = 5 * time.Minute  // demo.wasm is 12 MB: 40 kB/s still gets it
	IdleTimeout       = 2 * time.Minute  // kept-alive connections with nothing to do
	MaxHeaderBytes    = 16 << 10         // what a browser's GET needs, with room
)

// types are the MIME types the site needs that a system's table may lack
// or get wrong; everything else comes from mime.TypeByExtension.
var types = map[string]string{
	".wasm": "application/wasm", // needed by WebAssembly.instantiateStreaming
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".png":  "image/png",
	".svg":  "image/svg+xml",
	".ts":   "text/plain; charset=utf-8", // lenet.d.ts, to read, not to run
}

// Cache-Control values: a content-versioned URL never changes; anything
// else may change with the next deployment.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// Handler serves the files under one folder.
type Handler struct {
	root *os.Root
	// Log, if set, is told of files the server may not read (a fault of
	// the folder's permissions, which the client sees as a 404 like any
	// other file it cannot have).
	Log *log.Logger

	mu       sync.Mutex
	versions map[versionKey]string // the content versions of files asked for with ?v=
}

// versionKey names a file's content as the file system describes it.
type versionKey struct {
	name    string
	size    int64
	modTime time.Time
}

// maxVersions bounds the cache of content versions: the site has a few
// dozen versioned files.
const maxVersions = 1024

// VersionLen is the length of a content version, in hex digits.
const VersionLen = 12

// Version is the content version of a file's bytes: the first VersionLen
// hex digits of their SHA-256. ./build.sh dist writes NAME?v=Version into
// the references to NAME.
func Version(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])[:VersionLen]
}

// encodings are the precompressed copies looked for, best first.
var encodings = []struct{ token, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// New returns a Handler for the folder dir.
func New(dir string) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Handler{root: root}, nil
}

// Close releases the folder.
func (h *Handler) Close() error { return h.root.Close() }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", CSP)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", CacheRevalidate)
	hd.Set("Access-Control-Allow-Origin", "*")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: this server only serves files (GET, HEAD)", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	f, st, err := h.open(name)
	if err == nil && st.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") {
			// The folder's pages link relative to it: /dir → /dir/.
			if _, ist, ierr := h.open(path.Join(name, "index.html")); ierr == nil && ist.Mode().IsRegular() {
				u := *r.URL
				u.Path += "/"
				http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
				return
			}
			http.NotFound(w, r)
			return
		}
		name = path.Join(name, "index.html")
		f, st, err = h.open(name)
	}
	if err != nil || !st.Mode().IsRegular() {
		if err == nil {
			f.Close()
		} else if h.Log != nil && errors.Is(err, fs.ErrPermission) {
			h.Log.Printf("static: %s: %v", name, err)
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	h.serveFile(w, r, name, f, st)
}

// serveFile sends an open regular file: its type, its cache policy, the
// precompressed copy the browser accepts if there is one, then
// ServeContent for HEAD, ranges and If-Modified-Since.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string, f *os.File, st fs.FileInfo) {
	hd := w.Header()
	ext := strings.ToLower(path.Ext(name))
	ct := types[ext]
	if ct == "" {
		ct = mime.TypeByExtension(ext)
	}
	if ct == "" {
		ct = "application/octet-stream" // nosniff: never guess
	}
	hd.Set("Content-Type", ct)
	if v := r.URL.Query().Get("v"); v != "" && v == h.version(name, f, st) {
		hd.Set("Cache-Control", CacheImmutable)
	}
	var body io.ReadSeeker = f
	has, chosen := false, false
	for _, e := range encodings {
		cf, cst, err := h.open(name + e.suffix)
		if err != nil {
			continue
		}
		if !cst.Mode().IsRegular() {
			cf.Close()
			continue
		}
		has = true
		// A range is of the original's bytes: a copy is sent whole.
		if !chosen && r.Header.Get("Range") == "" && accepts(r.Header.Get("Accept-Encoding"), e.token) {
			defer cf.Close()
			body, chosen = cf, true
			hd.Set("Content-Encoding", e.token)
			// ServeContent leaves the length out for an encoded body; a
			// browser shows a download's progress with it.
			hd.Set("Content-Length", strconv.FormatInt(cst.Size(), 10))
			continue
		}
		cf.Close()
	}
	if has {
		// Caches must keep the copies apart: the answer depends on
		// Accept-Encoding.
		hd.Add("Vary", "Accept-Encoding")
	}
	// The modification time is the original's, so that a copy chosen on
	// one request and the original on the next validate alike.
	http.ServeContent(w, r, name, st.ModTime(), body)
}

// version is the content version of the open file name (Version),
// computed once for each state of the file.
func (h *Handler) version(name string, f *os.File, st fs.FileInfo) string {
	k := versionKey{name, st.Size(), st.ModTime()}
	h.mu.Lock()
	v, ok := h.versions[k]
	h.mu.Unlock()
	if ok {
		return v
	}
	b, err := io.ReadAll(f)
	if _, serr := f.Seek(0, io.SeekStart); err != nil || serr != nil {
		return ""
	}
	v = Version(b)
	h.mu.Lock()
	if h.versions == nil || len(h.versions) >= maxVersions {
		h.versions = map[versionKey]string{}
	}
	h.versions[k] = v
	h.mu.Unlock()
	return v
}

// accepts reports whether an Accept-Encoding header value takes the
// encoding token with a quality above 0 ("br", "gzip;q=0.8", "*").
func accepts(header, token string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q = f
			}
		}
		switch {
		case strings.EqualFold(name, token):
			return q > 0
		case name == "*":
			star = q > 0
		}
	}
	return star
}

// open opens name (relative, slash-separated) inside the folder.
func (h *Handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// cleanName turns a URL path into a name inside the folder ("." for the
// folder itself), or reports false for one that must not be served: a
// segment that starts with a dot, or a NUL or backslash anywhere.
func cleanName(p string) (string, bool) {
	if strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false // dotfiles, and "." and ".." themselves
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "."
	}
	return name, true
}

// Server returns an http.Server for h on addr with the package's timeouts
// and header limit.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}
