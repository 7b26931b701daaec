package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/seecnn/lenet/cnn/lenet"
)

func init() {
	commands["convert"] = command{
		"rewrite a weights file as float32 (version 1) or half floats (-half, version 2)",
		func(args []string) error { return runConvert(args, os.Stdout) },
	}
}

func runConvert(args []string, stdout io.Writer) error {
	fs := newFlags("convert", "[-half] [-force] IN OUT",
		"Reads the weights file IN (either version) and writes the same network and\n"+
			"metadata to OUT: float32, or with -half every value rounded to the nearest\n"+
			"half float. IN and OUT may be the same file with -force.", stdout)
	half := fs.Bool("half", false, "write half floats (version 2, what lenet.wasm embeds) instead of float32 (version 1)")
	force := fs.Bool("force", false, "overwrite OUT if it exists")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("convert: want IN and OUT, got %d argument(s)", fs.NArg())
	}
	in, out := fs.Arg(0), fs.Arg(1)
	data, err := readFile(in, lenet.MaxFileSize, "a LeNet-5 weights file")
	if err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	w, err := lenet.Decode(data)
	if err != nil {
		return fmt.Errorf("convert: %s: %w", in, err)
	}
	var b bytes.Buffer
	encode := lenet.Encode
	if *half {
		encode = lenet.EncodeHalf
	}
	if err := encode(&b, w.Net, w.Meta); err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	if !*force {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("convert: %s exists; pass -force to overwrite it", out)
		}
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	fmt.Fprintf(stdout, "%s: %d bytes (%s) → %s: %d bytes (%s)\n", in, len(data), kind(w.Half), out, b.Len(), kind(*half))
	return nil
}

func kind(half bool) string {
	if half {
		return "half floats"
	}
	return "float32"
}
