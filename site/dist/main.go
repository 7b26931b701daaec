// Command dist writes the deployable build of the site (./build.sh dist):
//
//	OUT/site/                 what a browser needs and nothing else: the
//	                          pages, their scripts, styles and WebAssembly,
//	                          the digit pack, the manual; relative URLs only,
//	                          so it works from any sub-path; every reference
//	                          to a script, a style, a wasm or data file
//	                          carries the file's content version (?v=…), so
//	                          a host may cache those for good; NAME.br and
//	                          NAME.gz beside every text or wasm file of 1 kB
//	                          or more
//	OUT/NAME-VERSION.tgz      the npm package of lenet.js (npm pack of
//	                          site/npm with lenet.js, lenet.d.ts, lenet.wasm
//	                          and the wasm_exec.js they were built with)
//
// It reads the site as ./build.sh build leaves it and changes nothing
// there. OUT/site is replaced whole.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	src := flag.String("site", "site", "the built site `folder`")
	out := flag.String("out", "dist", "the output `folder`: the site goes to OUT/site, the npm package to OUT")
	npm := flag.Bool("npm", true, "pack the npm package too (needs npm)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "dist: unexpected argument %q\n", flag.Arg(0))
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *out, *npm, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(src, out string, npm bool, log io.Writer) error {
	files, err := collect(src)
	if err != nil {
		return err
	}
	if _, err := version(files); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeSite(filepath.Join(out, "site"), files, log); err != nil {
		return err
	}
	var total int
	for _, f := range files {
		total += len(f.data)
	}
	fmt.Fprintf(log, "wrote %s: %d files, %d bytes before compression\n", filepath.Join(out, "site"), len(files), total)
	if !npm {
		return nil
	}
	tgz, err := pack(src, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s\n", tgz)
	return nil
}

// The npm package: site/npm holds package.json and the package's README;
// these files of the built site go in beside them, as they are.
var packageFiles = []string{"lenet.js", "lenet.d.ts", "lenet.wasm", "wasm_exec.js"}

// packageJSON is what pack checks in site/npm/package.json.
type packageJSON struct {
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Type    string   `json:"type"`
	Types   string   `json:"types"`
	Files   []string `json:"files"`
	Exports any      `json:"exports"`
}

var versionLine = regexp.MustCompile(`(?m)^export const VERSION = '([^']+)';`)

// readPackage reads site/npm/package.json and checks it against lenet.js:
// the same version, an ES module with types, and every file listed.
func readPackage(src string) (packageJSON, error) {
	var pkg packageJSON
	b, err := os.ReadFile(filepath.Join(src, "npm", "package.json"))
	if err != nil {
		return pkg, err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return pkg, fmt.Errorf("npm/package.json: %v", err)
	}
	js, err := os.ReadFile(filepath.Join(src, "lenet.js"))
	if err != nil {
		return pkg, err
	}
	m := versionLine.FindSubmatch(js)
	switch {
	case m == nil:
		return pkg, errors.New("lenet.js has no line export const VERSION = '…';")
	case string(m[1]) != pkg.Version:
		return pkg, fmt.Errorf("npm/package.json has version %s, lenet.js %s: give them the same", pkg.Version, m[1])
	case pkg.Name == "" || pkg.Type != "module" || pkg.Types != "./lenet.d.ts" || pkg.Exports == nil:
		return pkg, errors.New(`npm/package.json needs a name, "type": "module", "types": "./lenet.d.ts" and "exports"`)
	}
	listed := map[string]bool{}
	for _, f := range pkg.Files {
		listed[f] = true
	}
	for _, f := range packageFiles {
		if !listed[f] {
			return pkg, fmt.Errorf("npm/package.json: %s is not in files", f)
		}
	}
	return pkg, nil
}

// pack runs npm pack on a copy of site/npm with the package's files and
// leaves the tarball in out; it returns the tarball's path.
func pack(src, out string) (string, error) {
	pkg, err := readPackage(src)
	if err != nil {
		return "", err
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", errors.New("no npm here to pack the package (or run with -npm=false)")
	}
	stage, err := os.MkdirTemp("", "lenet-npm-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(stage)
	ents, err := os.ReadDir(filepath.Join(src, "npm"))
	if err != nil {
		return "", err
	}
	var copies []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			copies = append(copies, filepath.Join("npm", e.Name()))
		}
	}
	copies = append(copies, packageFiles...)
	for _, c := range copies {
		b, err := os.ReadFile(filepath.Join(src, c))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(stage, filepath.Base(c)), b, 0o644); err != nil {
			return "", err
		}
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	cmd := exec.Command(npm, "pack", "--json", "--pack-destination", abs)
	cmd.Dir = stage
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack: %v\n%s", err, stderr.String())
	}
	var res []struct {
		Filename string `json:"filename"`
	}
	if err := json.Unmarshal(stdout, &res); err != nil || len(res) != 1 || res[0].Filename == "" {
		return "", fmt.Errorf("npm pack said %q", strings.TrimSpace(string(stdout)))
	}
	tgz := filepath.Join(out, filepath.Base(res[0].Filename))
	if want := strings.NewReplacer("@", "", "/", "-").Replace(pkg.Name) + "-" + pkg.Version + ".tgz"; filepath.Base(tgz) != want {
		return "", fmt.Errorf("npm pack wrote %s, not %s", tgz, want)
	}
	return tgz, nil
}
