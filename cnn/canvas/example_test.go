package canvas_test

import (
	"errors"
	"fmt"
	"image/png"
	"os"

	"github.com/seecnn/lenet/cnn/canvas"
	"github.com/seecnn/lenet/cnn/lenet"
)

// A "7" drawn in black on a white 60×40 canvas, small and off to the
// left: the preprocessing finds the ink, scales its 24-pixel height to 20
// and places it by its centre of mass, which the heavy bar pulls up: the
// digit goes as low as the 28×28 field allows. '#' is ink of at least
// 0.5, '+' fainter ink (a stroke edge the scaling averaged).
func ExamplePreprocess() {
	const w, h = 60, 40
	pix := make([]uint8, w*h)
	for i := range pix {
		pix[i] = 255 // white paper
	}
	for y := 6; y < 30; y++ {
		for x := 4; x < 22; x++ {
			top := y < 9                              // the bar
			stem := x >= 18-(y-6)/3 && x < 21-(y-6)/3 // the slanted stem
			if top || stem {
				pix[y*w+x] = 0 // black ink
			}
		}
	}
	img, err := canvas.FromGray8(w, h, pix)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := canvas.Preprocess(img)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ink box %v, dark ink on light: %v, scale %.3f\n", r.Box, r.Inverted, r.Scale)
	for y := range 28 {
		line := make([]byte, 0, 28)
		for x := range 28 {
			v := r.Digit[y*28+x]
			c := byte('.')
			if v >= 0.5 {
				c = '#'
			} else if v > 0 {
				c = '+'
			}
			line = append(line, c)
		}
		fmt.Println(string(line))
	}

	blank, _ := canvas.FromGray8(w, h, make([]uint8, w*h))
	_, err = canvas.Preprocess(blank)
	fmt.Println(errors.Is(err, canvas.ErrEmpty), err)
	// Output:
	// ink box (4,6)-(22,30), dark ink on light: true, scale 0.833
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ......###############.......
	// ......###############.......
	// ......###############.......
	// ................+##+........
	// ................+##+........
	// ................###.........
	// ................###.........
	// ...............+##+.........
	// ...............###..........
	// ...............###..........
	// ..............###...........
	// ..............###...........
	// .............+##+...........
	// .............###............
	// .............###............
	// ............+##+............
	// ............+##+............
	// ...........+###+............
	// ...........+##+.............
	// ...........+##+.............
	// true no digit: the canvas is blank
}

// The library's main path, from a picture file to a digit: a PNG as a
// browser canvas exports it (a 160×120 drawing in blue on a transparent
// background) is decoded, read with FromImage, preprocessed, and
// classified by LeNet-5 with the shipped weights.
func ExampleFromImage() {
	f, err := os.Open("testdata/four.png")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	pic, err := png.Decode(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := canvas.FromImage(pic)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := canvas.Preprocess(img)
	if err != nil {
		fmt.Println(err) // canvas.ErrEmpty for a blank picture
		return
	}
	w, err := lenet.Pretrained()
	if err != nil {
		fmt.Println(err)
		return
	}
	var acts lenet.Activations
	digit := w.Net.Forward(r.Input[:], &acts)
	fmt.Printf("%T %v: ink box %v, dark ink on light: %v\n", pic, pic.Bounds().Size(), r.Box, r.Inverted)
	fmt.Printf("digit %d, probability %.4f\n", digit, acts.Probs[digit])
	// Output:
	// *image.NRGBA (160,120): ink box (30,12)-(104,108), dark ink on light: true
	// digit 4, probability 0.9999
}
