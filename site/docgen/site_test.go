package main

// The repository's own pages and README.

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository, from this package's folder.
const root = "../.."

func load(t *testing.T) *Site {
	t.Helper()
	s, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLinks checks the repository's pages and README: every link leads to
// a file that exists and every #anchor to a heading.
func TestLinks(t *testing.T) {
	s := load(t)
	for _, err := range s.Check() {
		t.Error(err)
	}
	if len(s.Pages) < 10 {
		t.Errorf("%d pages in %s", len(s.Pages), DocsDir)
	}
}

var (
	attrRe = regexp.MustCompile(`<[a-z][^>]*\s(href|src)="([^"]*)"`)
	// what the site's Content-Security-Policy would block
	inlineRe = regexp.MustCompile(`<script|<style|\sstyle="|\son[a-z]+="|javascript:`)
)

// TestRender renders every page and checks what the site will serve: no
// inline script or style, and every link to a file of the site that will
// exist once the pages are written.
func TestRender(t *testing.T) {
	s := load(t)
	for _, d := range s.Pages {
		b, err := s.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		// The README is text on the site: a link to it is its text alone.
		if d.Path == DocsDir+"/index.md" && (strings.Contains(page, "README.md") || !strings.Contains(page, "the README is the front door")) {
			t.Errorf("index.md's link to the README is not plain text on the site")
		}
		if m := inlineRe.FindString(page); m != "" {
			t.Errorf("%s: %q, which the site's Content-Security-Policy blocks", d.Path, m)
		}
		if !strings.Contains(page, "<title>"+d.Title+" — seecnn</title>") || !strings.Contains(page, `<h1 id="`) {
			t.Errorf("%s: no title or no heading anchors", d.Path)
		}
		for _, m := range attrRe.FindAllStringSubmatch(page, -1) {
			ref := m[2]
			if strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "data:") {
				continue
			}
			ref, _, _ = strings.Cut(ref, "#")
			file := path.Join(DocsDir, ref)
			if !inSite(file) {
				t.Errorf("%s: %s leads out of the site", d.Path, m[2])
				continue
			}
			if strings.HasSuffix(file, ".md") {
				t.Errorf("%s: %s still leads to Markdown", d.Path, m[2])
			}
			if strings.HasPrefix(file, DocsDir+"/") && strings.HasSuffix(file, ".html") {
				file = strings.TrimSuffix(file, ".html") + ".md" // written from it
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(file))); err != nil &&
				!strings.HasSuffix(file, ".wasm") && file != "site/wasm_exec.js" {
				t.Errorf("%s: %s leads to a file the site does not have", d.Path, m[2])
			}
		}
	}
}
