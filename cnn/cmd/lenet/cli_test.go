package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seecnn/lenet/cnn/lenet"
	"github.com/seecnn/lenet/cnn/mnist"
)

// runMain runs the command line as main does and returns the exit status
// and what went to standard output (commands print to os.Stdout) and
// standard error.
func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	var out, errs bytes.Buffer
	code = run(args, &out, &errs)
	os.Stdout = saved
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return code, out.String() + string(b), errs.String()
}

// Every command's -h, and 'lenet help <command>', prints a usage line, a
// description and every one of its flags, and exits with 0.
func TestHelpListsEveryFlag(t *testing.T) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, args := range [][]string{{name, "-h"}, {name, "--help"}, {"help", name}} {
			code, out, errs := runMain(t, args...)
			if code != 0 || errs != "" {
				t.Errorf("lenet %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
			}
			if !strings.HasPrefix(out, "usage: lenet "+name) {
				t.Errorf("lenet %s prints no usage line:\n%s", strings.Join(args, " "), out)
				continue
			}
			if lines := strings.Split(out, "\n"); len(lines) < 4 || len(lines[2]) < 30 {
				t.Errorf("lenet %s has no description:\n%s", strings.Join(args, " "), out)
			}
			fs := flagSets[name]
			if fs == nil {
				t.Fatalf("%s made no flag set", name)
			}
			fs.VisitAll(func(f *flag.Flag) {
				_, usage := flag.UnquoteUsage(f)
				if !strings.Contains(out, "  -"+f.Name) || !strings.Contains(out, usage[:min(20, len(usage))]) {
					t.Errorf("lenet %s does not list -%s:\n%s", strings.Join(args, " "), f.Name, out)
				}
			})
		}
	}
	if code, out, _ := runMain(t, "help"); code != 0 || !strings.Contains(out, "train") {
		t.Errorf("lenet help: exit %d\n%s", code, out)
	}
}

// Mistakes in the command line exit with 2 and say what is wrong; failures
// of the work itself exit with 1.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: lenet"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"help", "bogus"}, 2, `unknown command "bogus"`},
		{[]string{"eval", "-bogus"}, 2, "eval: flag provided but not defined: -bogus"},
		{[]string{"train", "-bogus"}, 2, "train: flag provided but not defined: -bogus"},
		{[]string{"summary", "-x"}, 2, "summary: flag provided but not defined"},
		{[]string{"summary", "extra"}, 2, `summary: unexpected argument "extra"`},
		{[]string{"eval", "-workers", "x"}, 2, `invalid value "x" for flag -workers`},
		{[]string{"eval", "-workers", "1000000"}, 2, "eval: -workers 1000000 is not in 1..256"},
		{[]string{"convert", "one"}, 2, "want IN and OUT"},
		{[]string{"predict"}, 2, "name at least one image file"},
		{[]string{"drawset", "-out", filepath.Join(dir, "x"), "-size", "9000"}, 2, "-size 9000 is not in 8..8192"},
		{[]string{"eval", "-weights", filepath.Join(dir, "none")}, 1, "no such file"},
		{[]string{"eval", "-weights", dir}, 1, "is a folder, not a LeNet-5 weights file"},
	} {
		code, _, errs := runMain(t, c.args...)
		if code != c.code || !strings.Contains(strings.ToLower(errs), strings.ToLower(c.want)) {
			t.Errorf("lenet %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, errs, c.code, c.want)
		}
		if c.code == 2 && len(c.args) > 1 && c.args[0] != "help" && !strings.Contains(errs, "-h' lists the flags") {
			t.Errorf("lenet %s: the message does not point to -h: %q", strings.Join(c.args, " "), errs)
		}
	}
}

// Every count and size flag of train has a bound, checked before the
// digits are loaded: -batch 0 is refused like -epochs 0.
func TestTrainFlagBounds(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-batch", "0"}, "-batch 0 is not in 1..65536"},
		{[]string{"-batch", "-5"}, "-batch -5 is not in 1..65536"},
		{[]string{"-batch", "100000"}, "-batch 100000 is not in 1..65536"},
		{[]string{"-epochs", "0"}, "-epochs 0 is not in 1..1000"},
		{[]string{"-epochs", "5000"}, "-epochs 5000 is not in 1..1000"},
		{[]string{"-lr", "0"}, "-lr 0 must be more than 0 and less than 1"},
		{[]string{"-lr", "NaN"}, "-lr NaN must be"},
		{[]string{"-lr", "2"}, "-lr 2 must be"},
		{[]string{"-plain", "1.5"}, "-plain 1.5 is not in 0..1"},
		{[]string{"-jitter", "-0.1"}, "-jitter -0.1 is not in 0..1"},
		{[]string{"-warp", "NaN"}, "-warp NaN is not in 0..1"},
		{[]string{"-plain", "0.7", "-warp", "0.6"}, "add up to more than 1"},
		{[]string{"-mnist", "/nonexistent/mnist"}, "no such file"},
		{[]string{"-mnist", "cli_test.go"}, "is not a folder"},
		{[]string{"-out", t.TempDir()}, "is a folder"},
	} {
		code, _, errs := runMain(t, append([]string{"train"}, c.args...)...)
		if code == 0 || !strings.Contains(strings.ToLower(errs), strings.ToLower(c.want)) {
			t.Errorf("train %v: exit %d, %q; want %q", c.args, code, errs, c.want)
		}
	}
}

// Files are read through a limit: an endless file (/dev/zero) or one
// longer than any weights file is refused after at most MaxFileSize+1
// bytes, and an IDX header that promises more than mnist.MaxBytes of
// pixels is refused before any is read.
func TestFilesReadThroughLimits(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.weights")
	if err := os.WriteFile(long, make([]byte, lenet.MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"eval", "-weights", "/dev/zero"},
		{"predict", "-weights", "/dev/zero", "x.png"},
		{"convert", "/dev/zero", filepath.Join(dir, "out")},
		{"eval", "-weights", long},
		{"convert", long, filepath.Join(dir, "out")},
	} {
		code, _, errs := runMain(t, args...)
		if code != 1 || !strings.Contains(errs, "is longer than 251068 bytes, the most a LeNet-5 weights file has") {
			t.Errorf("lenet %s: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	// /dev/zero as IDX files: a zero element type, refused at once.
	if code, _, errs := runMain(t, "eval", "-images", "/dev/zero", "-labels", "/dev/zero"); code != 1 || !strings.Contains(errs, "element type 0x00") {
		t.Errorf("eval of /dev/zero: exit %d, %q", code, errs)
	}
	// A header that promises 10,000 canvases of 8192×8192.
	huge := filepath.Join(dir, "huge-images")
	head := []byte{0, 0, 8, 3}
	for _, d := range []uint32{10000, 8192, 8192} {
		head = binary.BigEndian.AppendUint32(head, d)
	}
	if err := os.WriteFile(huge, head, 0o644); err != nil {
		t.Fatal(err)
	}
	labels := filepath.Join(dir, "labels")
	if err := mnist.WriteFile(labels, func(w io.Writer, zip bool) error { return mnist.WriteLabels(w, make([]uint8, 10000), zip) }); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runMain(t, "eval", "-images", huge, "-labels", labels); code != 1 || !strings.Contains(errs, "more than the 1073741824 accepted") {
		t.Errorf("eval of a 671 GB promise: exit %d, %q", code, errs)
	}
	// A folder given as an IDX file or an image says so.
	if code, _, errs := runMain(t, "eval", "-images", dir, "-labels", labels); code != 1 || !strings.Contains(errs, dir+" is a folder, not an IDX file") {
		t.Errorf("eval -images of a folder: exit %d, %q", code, errs)
	}
	if code, _, errs := runMain(t, "eval", "-images", huge, "-labels", dir); code != 1 || !strings.Contains(errs, dir+" is a folder, not an IDX file") {
		t.Errorf("eval -labels of a folder: exit %d, %q", code, errs)
	}
	if code, out, _ := runMain(t, "predict", dir); code != 1 || !strings.Contains(out, dir+": error: a folder, not an image file") {
		t.Errorf("predict of a folder: exit %d, %q", code, out)
	}
	// drawset refuses to write what eval would refuse to read.
	if code, _, errs := runMain(t, "drawset", "-out", filepath.Join(dir, "d"), "-size", "8192", "-n", "100"); code != 2 || !strings.Contains(errs, "more than the 1073741824 an IDX file may hold") || !strings.Contains(errs, "-n 16 at -size 8192") {
		t.Errorf("drawset of 100 canvases of 8192²: exit %d, %q", code, errs)
	}
}
