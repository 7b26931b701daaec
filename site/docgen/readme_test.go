//go:build !js

// These tests run the go command, which a program compiled to WebAssembly
// cannot, so they are native only.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// MaxReadmeLines keeps the README a front door: the manual is in site/docs.
const MaxReadmeLines = 300

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, Readme))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadmeLength(t *testing.T) {
	if n := strings.Count(readme(t), "\n"); n > MaxReadmeLines {
		t.Errorf("README.md has %d lines, more than %d: move the detail to a page of site/docs", n, MaxReadmeLines)
	}
}

// packages lists the module's packages, as folders relative to the
// repository, on every platform and with every build tag the repository
// uses: natively, with -tags browser, and with GOOS=js GOARCH=wasm.
func packages(t *testing.T) []string {
	t.Helper()
	const module = "github.com/seecnn/lenet"
	var dirs []string
	for _, run := range []struct {
		env  []string
		args []string
	}{
		{nil, nil},
		{nil, []string{"-tags", "browser"}},
		{[]string{"GOOS=js", "GOARCH=wasm"}, nil},
	} {
		cmd := exec.Command("go", append(append([]string{"list"}, run.args...), "./...")...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), run.env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %v %v: %v", run.env, run.args, err)
		}
		for _, p := range strings.Fields(string(out)) {
			if !strings.HasPrefix(p, module+"/") {
				t.Fatalf("go list gave %s, outside %s", p, module)
			}
			dirs = append(dirs, strings.TrimPrefix(p, module+"/"))
		}
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

// folderMap returns the folders the README's "Folder map" table names,
// the first cell of each row, in order.
func folderMap(t *testing.T) []string {
	t.Helper()
	_, sec, ok := strings.Cut(readme(t), "\n## Folder map\n")
	if !ok {
		t.Fatal(`README.md has no "## Folder map" section`)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	var dirs []string
	for _, line := range strings.Split(sec, "\n") {
		cell, ok := strings.CutPrefix(line, "| `")
		if !ok {
			continue
		}
		dir, _, ok := strings.Cut(cell, "`")
		if !ok {
			t.Fatalf("folder map row %q", line)
		}
		dirs = append(dirs, dir)
	}
	if len(dirs) == 0 {
		t.Fatal("the folder map has no rows")
	}
	return dirs
}

// TestFolderMapComplete: the README names every package of the module in
// its folder map, one row each, in order, and every other row is a folder
// that exists.
func TestFolderMapComplete(t *testing.T) {
	pkgs := packages(t)
	rows := folderMap(t)
	for _, p := range pkgs {
		if !slices.Contains(rows, p) {
			t.Errorf("the README's folder map has no row for the package %s: add \"| `%s` | what it holds |\"", p, p)
		}
	}
	for i, r := range rows {
		if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(r))); err != nil || !info.IsDir() {
			t.Errorf("the README's folder map names %s, which is not a folder", r)
		}
		if i > 0 && rows[i-1] >= r {
			t.Errorf("the README's folder map is not in order: %s after %s", r, rows[i-1])
		}
	}
	if len(pkgs) < 20 {
		t.Errorf("go list found only %d packages", len(pkgs))
	}
}
