package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCommand runs a registered command as `lenet <name> <args>` would and
// returns what it printed on standard output.
func runCommand(t *testing.T, name string, args ...string) string {
	t.Helper()
	c, ok := commands[name]
	if !ok {
		t.Fatalf("no command %q", name)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	err = c.run(args)
	os.Stdout = saved
	if err != nil {
		t.Fatalf("lenet %s: %v", name, err)
	}
	out, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestSummaryCommand: `go run ./cnn/cmd/lenet summary` prints every figure
// of the lecture's LeNet-5 table.
func TestSummaryCommand(t *testing.T) {
	out := runCommand(t, "summary")
	for _, f := range []string{
		"C1", "S2", "C3", "S4", "C5", "F6", "Output",
		"156", "2,416", "48,120", "10,164", "850",
		"(1·5·5+1)·6 = 156", "(6·5·5+1)·16 = 2,416", "(16·5·5+1)·120 = 48,120", "(120+1)·84 = 10,164", "(84+1)·10 = 850",
		"1×32×32 → 6×28×28", "16×5×5 → 120×1×1",
		"117,600", "240,000", "48,000", "10,080", "840", "122,304",
		"50,692 parameters (156 + 2,416 + 48,120)",
		"11,014 parameters (10,164 + 850)",
		"61,706 parameters",
		"416,520 per forward pass",
	} {
		if !strings.Contains(out, f) {
			t.Errorf("`lenet summary` does not print %q:\n%s", f, out)
		}
	}
}

func TestUsageListsSummary(t *testing.T) {
	u := usage()
	if !strings.Contains(u, "summary") || !strings.HasPrefix(u, "usage: lenet") {
		t.Errorf("usage:\n%s", u)
	}
	for name, c := range commands {
		if c.run == nil || c.summary == "" {
			t.Errorf("command %q has no function or no summary", name)
		}
	}
}
