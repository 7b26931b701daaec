// Command lenet is the command line of the LeNet-5 library.
//
//	lenet summary    print the lecture's LeNet-5 table and totals
//
// Every command lives in its own file and registers itself in commands.
// 'lenet help' lists them, 'lenet <command> -h' (or 'lenet help
// <command>') prints a command's usage with every flag.
//
// Exit status: 0 on success, 2 for a mistake in the command line itself
// (an unknown command or flag, a value out of range, a missing or extra
// argument), as Go's flag package does, and 1 for every other failure
// (a file that cannot be read or is not what it should be).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/seecnn/lenet/cnn/lenet"
)

// command is one subcommand: run gets the arguments after its name.
type command struct {
	summary string
	run     func(args []string) error
}

var commands = map[string]command{
	"summary": {"print LeNet-5 layer by layer: shapes, parameters, multiply-accumulates, connections",
		func(args []string) error { return runSummary(args, os.Stdout) }},
}

func runSummary(args []string, stdout io.Writer) error {
	fs := newFlags("summary", "",
		"Prints the lecture's LeNet-5 table: every layer's shapes, parameters with\n"+
			"their formula, multiply-accumulates and connections, and the totals.", stdout)
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("summary: unexpected argument %q", fs.Arg(0))
	}
	return lenet.WriteSummary(stdout)
}

// usageError is a mistake in the command line itself; lenet exits with 2
// for it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// flags is a command's flag set with its usage text. The flag package's
// own printing is off: parse prints the usage on -h and turns a parse
// error into a usageError, which main reports.
type flags struct {
	*flag.FlagSet
	synopsis, about string
	stdout          io.Writer
}

// flagSets holds the flag set each command made last, for the tests that
// check that -h lists every flag.
var flagSets = map[string]*flags{}

// newFlags returns the flag set of a command; its usage is
// "usage: lenet NAME SYNOPSIS", the text about, and every flag.
func newFlags(name, synopsis, about string, stdout io.Writer) *flags {
	fs := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), synopsis: synopsis, about: about, stdout: stdout}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	flagSets[name] = fs
	return fs
}

// parse parses args. help reports that the user asked for -h, whose usage
// it has printed: not an error.
func (fs *flags) parse(args []string) (help bool, err error) {
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.printUsage(fs.stdout)
		return true, nil
	}
	if err != nil {
		return false, usagef("%s: %v", fs.Name(), err)
	}
	return false, nil
}

func (fs *flags) printUsage(w io.Writer) {
	line := "usage: lenet " + fs.Name()
	if fs.synopsis != "" {
		line += " " + fs.synopsis
	}
	fmt.Fprintf(w, "%s\n\n%s\n", line, fs.about)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprint(w, "\nflags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// intFlag checks that the value of -name lies in lo..hi.
func intFlag(cmd, name string, v, lo, hi int, why string) error {
	if v < lo || v > hi {
		if why != "" {
			why = " (" + why + ")"
		}
		return usagef("%s: -%s %d is not in %d..%d%s", cmd, name, v, lo, hi, why)
	}
	return nil
}

// floatFlag checks that the value of -name lies in lo..hi (and is a
// number).
func floatFlag(cmd, name string, v, lo, hi float64) error {
	if !(v >= lo && v <= hi) {
		return usagef("%s: -%s %v is not in %v..%v", cmd, name, v, lo, hi)
	}
	return nil
}

// readFile reads a whole file of at most limit bytes, what it should be
// naming it in errors. It refuses a folder, and a longer file (or an
// endless one such as /dev/zero) after reading limit+1 bytes.
func readFile(path string, limit int, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not %s", path, what)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s is longer than %d bytes, the most %s has", path, limit, what)
	}
	return data, nil
}

func usage() string {
	var b strings.Builder
	b.WriteString("usage: lenet <command> [flags]\n\ncommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %-9s %s\n", n, commands[n].summary)
	}
	b.WriteString("\n'lenet <command> -h' or 'lenet help <command>' lists a command's flags.\n")
	return b.String()
}

// run runs the command line args (without the program's name) and returns
// the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 1 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		if len(args) > 1 && name == "help" {
			if _, ok := commands[args[1]]; ok {
				return run([]string{args[1], "-h"}, stdout, stderr)
			}
			fmt.Fprintf(stderr, "lenet: unknown command %q\n\n%s", args[1], usage())
			return 2
		}
		fmt.Fprint(stdout, usage())
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "lenet: unknown command %q\n\n%s", name, usage())
		return 2
	}
	if err := c.run(args[1:]); err != nil {
		fmt.Fprintln(stderr, "lenet:", err)
		var u *usageError
		if errors.As(err, &u) {
			fmt.Fprintf(stderr, "'lenet %s -h' lists the flags.\n", name)
			return 2
		}
		return 1
	}
	return 0
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
