package lenet_test

import (
	"fmt"

	"github.com/seecnn/lenet/cnn/lenet"
)

// LeNet-5's parameters, layer by layer, as the lecture counts them: a
// convolution has (input channels · 5 · 5 + 1) · kernels, the "+1" being
// each kernel's bias; a fully connected layer (inputs + 1) · outputs;
// pooling has none.
func ExampleTotals() {
	for _, l := range lenet.Layers {
		fmt.Printf("%-6s %-9v → %-9v %s\n", l.Name, l.In, l.Out, l.Formula)
	}
	conv, fc := lenet.Totals(lenet.Conv), lenet.Totals(lenet.FullyConnected)
	all := lenet.Totals(-1)
	fmt.Println("convolution:", lenet.Thousands(conv.Params()))
	fmt.Println("fully connected:", lenet.Thousands(fc.Params()))
	fmt.Println("total:", lenet.Thousands(all.Params()))
	fmt.Println("multiply-accumulates per image:", lenet.Thousands(all.MACs))
	// Output:
	// C1     1×32×32   → 6×28×28   (1·5·5+1)·6 = 156
	// S2     6×28×28   → 6×14×14   0
	// C3     6×14×14   → 16×10×10  (6·5·5+1)·16 = 2,416
	// S4     16×10×10  → 16×5×5    0
	// C5     16×5×5    → 120×1×1   (16·5·5+1)·120 = 48,120
	// F6     120×1×1   → 84×1×1    (120+1)·84 = 10,164
	// Output 84×1×1    → 10×1×1    (84+1)·10 = 850
	// convolution: 50,692
	// fully connected: 11,014
	// total: 61,706
	// multiply-accumulates per image: 416,520
}

// Weight sharing made visible: C1 has 4,704 output units, each wired to 25
// pixels and a bias — 122,304 connections — yet only 156 parameters,
// because every position of a feature map uses the same kernel.
func ExampleLayer_weightSharing() {
	c1 := lenet.Layers[0]
	fmt.Println("output units:", c1.Out.Len())
	fmt.Println("connections:", lenet.Thousands(c1.Cost.Connections))
	fmt.Println("parameters:", c1.Cost.Params())
	// Output:
	// output units: 4704
	// connections: 122,304
	// parameters: 156
}
