// Command lenet is the command line of the LeNet-5 library.
//
//	lenet summary    print the lecture's LeNet-5 table and totals
package main

import (
	"fmt"
	"os"

	"github.com/seecnn/lenet/cnn/lenet"
)

const usage = `usage: lenet <command> [flags]

commands:
  summary   print LeNet-5 layer by layer: shapes, parameters, multiply-accumulates, connections
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "summary":
		err = lenet.WriteSummary(os.Stdout)
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "lenet: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "lenet:", err)
		os.Exit(1)
	}
}
