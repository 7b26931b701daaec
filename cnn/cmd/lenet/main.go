// Command lenet is the command line of the LeNet-5 library.
//
//	lenet summary    print the lecture's LeNet-5 table and totals
//
// Every command lives in its own file and registers itself in commands.
package main

import (
	"errors"
	"flag"
	"fmt"
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
		func([]string) error { return lenet.WriteSummary(os.Stdout) }},
}

// parseFlags parses a command's arguments into fs. help reports that the
// user asked for -h, whose usage fs has printed already: not an error.
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return true, nil
	}
	return false, err
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
	b.WriteString("\n'lenet <command> -h' lists a command's flags.\n")
	return b.String()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage())
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		fmt.Print(usage())
		return
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "lenet: unknown command %q\n\n%s", name, usage())
		os.Exit(2)
	}
	if err := c.run(os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "lenet:", err)
		os.Exit(1)
	}
}
