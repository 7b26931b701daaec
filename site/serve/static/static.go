// Package static serves a built site from a folder with the headers a
// static host should send, and nothing a static host should not:
//
//   - GET and HEAD only; any other method gets 405 with an Allow header;
//   - regular files only, resolved inside the folder (os.Root: no "..", no
//     symbolic link out of it); a folder's index.html for the folder, but
//     never a listing of a folder;
//   - no name that starts with a dot, in any segment (.git, .env, …);
//   - every response, errors included, carries the Content-Security-Policy,
//     X-Content-Type-Options: nosniff and Cache-Control;
//   - a name the file system refuses (too long, invalid) is a 404 like any
//     other missing file, never a 500.
//
// Handler is an http.Handler, so tests drive it with httptest; Server wraps
// it with the timeouts and header limits a server open to a network needs.
// To add precompressed files or long-lived caching, extend Handler.serveFile
// (it has the opened file and its name) and the headers it sets.
package static

import (
	"errors"
	"io/fs"
	"log"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
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

// Handler serves the files under one folder.
type Handler struct {
	root *os.Root
	// Log, if set, is told of files the server may not read (a fault of
	// the folder's permissions, which the client sees as a 404 like any
	// other file it cannot have).
	Log *log.Logger
}

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
	hd.Set("Cache-Control", "no-cache")
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

// serveFile sends an open regular file: its type, then ServeContent for
// HEAD, ranges and If-Modified-Since.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string, f *os.File, st fs.FileInfo) {
	ext := strings.ToLower(path.Ext(name))
	ct := types[ext]
	if ct == "" {
		ct = mime.TypeByExtension(ext)
	}
	if ct == "" {
		ct = "application/octet-stream" // nosniff: never guess
	}
	w.Header().Set("Content-Type", ct)
	http.ServeContent(w, r, name, st.ModTime(), f)
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
