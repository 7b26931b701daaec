package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"github.com/seecnn/lenet/site/serve/static"
)

// file is one file of the deployable site: its slash-separated name in
// the site and its bytes.
type file struct {
	name string
	data []byte
}

// shipped reports whether the file name of the built site (slash-separated,
// relative to site/) is something a browser needs: the pages, their
// scripts, styles and data at the top, and the manual's pages, styles and
// pictures. The Go sources, tests, the manual's Markdown, screenshots and
// the npm package's folder stay behind.
func shipped(name string) bool {
	dir, base := path.Split(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	ext := path.Ext(base)
	switch dir {
	case "":
		switch ext {
		case ".html", ".js", ".css", ".wasm", ".json", ".bin":
			return true
		}
		return strings.HasSuffix(base, ".d.ts")
	case "docs/":
		return ext == ".html" || ext == ".css"
	case "docs/img/":
		return ext == ".png" || ext == ".svg" || ext == ".jpg"
	}
	return false
}

// required are the build's outputs without which the site cannot run.
var required = []string{"index.html", "app.html", "app.js", "wasm_exec.js", "demo.wasm", "lenet.js", "lenet.wasm", "docs/index.html"}

// collect reads the shipped files of the built site in src, sorted by
// name.
func collect(src string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if d.IsDir() {
			if name != "." && (strings.HasPrefix(d.Name(), ".") || strings.Count(name, "/") > 1) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !shipped(name) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, file{name, b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.name] = true
	}
	var missing []string
	for _, r := range required {
		if !have[r] {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s has no %s: run ./build.sh build first", src, strings.Join(missing, ", "))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

// A reference is a URL in a page, a script or a style sheet that names
// another file of the site. References to anything but a page get the
// content version of the file they name, NAME?v=VERSION, so that a browser
// may keep them for good and a new build changes the URL:
//
//   - in HTML, the values of src and href attributes that are relative
//     URLs (a URL from the root, "/app.js", is an error: the site must
//     work from any sub-path);
//   - in JavaScript, string literals that start with ./ or ../ (the
//     module imports, new URL('./lenet.wasm', import.meta.url), the
//     worker's script); each must name a file of the site;
//   - in CSS, url(...) values.
var (
	htmlRef   = regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	jsRef     = regexp.MustCompile(`'(\.\.?/[^'\\\s]*)'|"(\.\.?/[^"\\\s]*)"`)
	cssRef    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

// ref is one reference: where its URL is in the file, and the file of the
// site it names.
type ref struct {
	start, end int // the URL, data[start:end]
	target     string
}

// refs finds the references of the file name to files of the site (have);
// a reference that names nothing there, or that starts at the root, is an
// error.
func refs(name string, data []byte, have map[string]bool) ([]ref, error) {
	var re *regexp.Regexp
	switch path.Ext(name) {
	case ".html":
		re = htmlRef
	case ".js", ".mjs":
		re = jsRef
	case ".css":
		re = cssRef
	default:
		return nil, nil
	}
	var out []ref
	var bad []string
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		start, end := -1, -1
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				start, end = m[g], m[g+1]
				break
			}
		}
		if start < 0 {
			continue
		}
		u := string(data[start:end])
		p := u
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		switch {
		case p == "" || urlScheme.MatchString(u) || strings.HasPrefix(u, "//"):
			continue // a link within the page, to another site, or data:
		case strings.HasPrefix(u, "/"):
			bad = append(bad, fmt.Sprintf("%s: %q starts at the root; the site must work from any sub-path", name, u))
			continue
		}
		target := path.Join(path.Dir(name), p)
		if strings.HasSuffix(p, "/") {
			target = path.Join(target, "index.html")
		}
		if strings.HasPrefix(target, "../") || target == ".." {
			bad = append(bad, fmt.Sprintf("%s: %q is outside the site", name, u))
			continue
		}
		if !have[target] {
			bad = append(bad, fmt.Sprintf("%s: %q names no file of the site", name, u))
			continue
		}
		if target == name {
			continue // a file naming itself (in a comment): it cannot carry its own version
		}
		out = append(out, ref{start, end, target})
	}
	if len(bad) > 0 {
		return nil, errors.New(strings.Join(bad, "\n"))
	}
	return out, nil
}

// versioned reports whether references to name carry its content version:
// everything but the pages, whose addresses readers keep and share.
func versioned(name string) bool { return path.Ext(name) != ".html" }

// version rewrites the references of every file to carry the content
// versions of the files they name, and returns the version of each
// versioned file (of its rewritten bytes: a script's version changes when
// a file it names does). References form no cycle.
func version(files []file) (map[string]string, error) {
	have := map[string]bool{}
	index := map[string]int{}
	for i, f := range files {
		have[f.name] = true
		index[f.name] = i
	}
	all := map[string][]ref{}
	var errs []string
	for _, f := range files {
		rs, err := refs(f.name, f.data, have)
		if err != nil {
			errs = append(errs, err.Error())
		}
		all[f.name] = rs
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	versions := map[string]string{}
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name string, trail []string) error
	visit = func(name string, trail []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("the references go round in a circle: %s → %s", strings.Join(trail, " → "), name)
		case 2:
			return nil
		}
		state[name] = 1
		rs := all[name]
		for _, r := range rs {
			if versioned(r.target) {
				if err := visit(r.target, append(trail, name)); err != nil {
					return err
				}
			}
		}
		f := &files[index[name]]
		var b bytes.Buffer
		at := 0
		for _, r := range rs {
			if !versioned(r.target) {
				continue
			}
			u := string(f.data[r.start:r.end])
			frag := ""
			if i := strings.IndexByte(u, '#'); i >= 0 {
				u, frag = u[:i], u[i:]
			}
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			b.Write(f.data[at:r.start])
			b.WriteString(u + sep + "v=" + versions[r.target] + frag)
			at = r.end
		}
		if at > 0 {
			b.Write(f.data[at:])
			f.data = b.Bytes()
		}
		if versioned(name) {
			versions[name] = static.Version(f.data)
		}
		state[name] = 2
		return nil
	}
	for _, f := range files {
		if err := visit(f.name, nil); err != nil {
			return nil, err
		}
	}
	return versions, nil
}

// compressible reports whether a file gets .br and .gz copies: text and
// WebAssembly of at least minCompress bytes.
func compressible(f file) bool {
	if len(f.data) < minCompress {
		return false
	}
	switch path.Ext(f.name) {
	case ".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".ts", ".txt":
		return true
	}
	return false
}

const minCompress = 1024

// brotliQuality is the quality each copy is made with: the best (11), but
// 10 for files of more than bigFile bytes (demo.wasm), for which 11 takes
// minutes and saves about 3 %. The window is the largest every browser
// decodes (2²⁴ bytes).
func brotliQuality(size int) int {
	if size > bigFile {
		return 10
	}
	return 11
}

const (
	bigFile     = 4 << 20
	brotliLGWin = 24
)

func compressBrotli(b []byte) []byte {
	var out bytes.Buffer
	w := brotli.NewWriterOptions(&out, brotli.WriterOptions{Quality: brotliQuality(len(b)), LGWin: brotliLGWin})
	w.Write(b) // a bytes.Buffer does not fail
	w.Close()
	return out.Bytes()
}

func compressGzip(b []byte) []byte {
	var out bytes.Buffer
	w, _ := gzip.NewWriterLevel(&out, gzip.BestCompression) // a valid level
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// encodings are the precompressed copies: suffix and compressor.
var encodings = []struct {
	suffix   string
	compress func([]byte) []byte
}{{".br", compressBrotli}, {".gz", compressGzip}}

// writeSite writes files to dir (which it replaces whole, so nothing of an
// earlier build stays), with the precompressed copies beside the
// compressible ones. A copy is kept only when it is smaller than the file.
// Copies in the old dir of a file whose bytes have not changed are reused:
// brotli's best quality takes a while.
func writeSite(dir string, files []file, log io.Writer) error {
	tmp := dir + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	type job struct {
		f   file
		enc int
	}
	var jobs []job
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return err
		}
		if !compressible(f) {
			continue
		}
		for e := range encodings {
			jobs = append(jobs, job{f, e})
		}
	}
	// The biggest first, so that the workers finish together.
	sort.SliceStable(jobs, func(i, j int) bool { return len(jobs[i].f.data) > len(jobs[j].f.data) })
	var (
		mu     sync.Mutex
		firstE error
		wg     sync.WaitGroup
		next   = make(chan job)
	)
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				e := encodings[j.enc]
				name := filepath.FromSlash(j.f.name)
				c, reused := reuse(filepath.Join(dir, name), j.f.data, e.suffix)
				if !reused {
					c = e.compress(j.f.data)
				}
				var err error
				if len(c) < len(j.f.data) {
					err = os.WriteFile(filepath.Join(tmp, name+e.suffix), c, 0o644)
				}
				mu.Lock()
				if err != nil && firstE == nil {
					firstE = err
				}
				if log != nil && !reused {
					fmt.Fprintf(log, "  %-28s %9d bytes → %9d\n", j.f.name+e.suffix, len(j.f.data), len(c))
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	if firstE != nil {
		return firstE
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// reuse returns the compressed copy (suffix) of the old file at p if the
// old file holds exactly data and its copy is at least as new as it.
func reuse(p string, data []byte, suffix string) ([]byte, bool) {
	st, err := os.Stat(p)
	if err != nil || st.Size() != int64(len(data)) {
		return nil, false
	}
	cst, err := os.Stat(p + suffix)
	if err != nil || cst.ModTime().Before(st.ModTime()) {
		return nil, false
	}
	old, err := os.ReadFile(p)
	if err != nil || !bytes.Equal(old, data) {
		return nil, false
	}
	c, err := os.ReadFile(p + suffix)
	return c, err == nil
}
