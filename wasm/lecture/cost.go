package lecture

import (
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"

	"github.com/seecnn/lenet/cnn"
	"github.com/seecnn/lenet/cnn/lenet"
)

// CostRow is one layer of the lecture's LeNet-5 table with what it costs.
type CostRow struct {
	Name      string
	Kind      lenet.Kind
	In, Out   cnn.Shape
	Operation string // in the chosen language
	cnn.Cost
	// Formula is the parameter count written out: "(1·5·5+1)·6 = 156".
	Formula string
	// BiasNote makes the "+1" explicit: "150 weights + 6 biases".
	BiasNote string
	// FullEdges is n1·n2, the edges (and weights) a fully connected layer
	// between the same input and output would need.
	FullEdges int64
	// Note says what the row teaches: weight sharing, no parameters, …
	Note string
}

// CostRows computes the table from lenet.Layers.
func CostRows(l i18n.Lang) []CostRow {
	rows := make([]CostRow, 0, len(lenet.Layers))
	for _, ly := range lenet.Layers {
		r := CostRow{Name: ly.Name, Kind: ly.Kind, In: ly.In, Out: ly.Out, Cost: ly.Cost, Formula: ly.Formula,
			FullEdges: cnn.FullEdges(ly.In.Len(), ly.Out.Len())}
		switch ly.Kind {
		case lenet.Conv:
			r.Operation = l.Pick(
				fmt.Sprintf("%d kernels %d×%d×%d, stride %d, no padding", ly.Out.C, ly.In.C, ly.Kernel, ly.Kernel, ly.Stride),
				fmt.Sprintf("%d×%d×%d 커널 %d개, 보폭 %d, 덧대기 안 함", ly.In.C, ly.Kernel, ly.Kernel, ly.Out.C, ly.Stride))
			fan := int64(ly.In.C * ly.Kernel * ly.Kernel)
			units := int64(ly.Out.Len())
			r.Note = l.Pick(
				fmt.Sprintf("weight sharing: %s connections (%s units × (%s inputs + 1 bias)) but only %s parameters; fully connected it would need n1·n2 = %s·%s = %s weights",
					thousands(r.Connections), thousands(units), thousands(fan), thousands(r.Params()),
					thousands(int64(ly.In.Len())), thousands(int64(ly.Out.Len())), thousands(r.FullEdges)),
				fmt.Sprintf("가중치 공유: 연결은 %s개(유닛 %s개 × (입력 %s개 + 바이어스 1))지만 매개변수는 %s개뿐; 완전연결이라면 n1·n2 = %s·%s = %s개의 가중치",
					thousands(r.Connections), thousands(units), thousands(fan), thousands(r.Params()),
					thousands(int64(ly.In.Len())), thousands(int64(ly.Out.Len())), thousands(r.FullEdges)))
		case lenet.Pool:
			r.Operation = l.Pick(
				fmt.Sprintf("max pooling %d×%d, stride %d", ly.Kernel, ly.Kernel, ly.Stride),
				fmt.Sprintf("최대 풀링 %d×%d, 보폭 %d", ly.Kernel, ly.Kernel, ly.Stride))
			r.Note = l.Pick("pooling has no parameters to learn and does no multiplications",
				"풀링은 학습할 매개변수가 없고 곱셈도 하지 않습니다")
		case lenet.FullyConnected:
			r.Operation = l.Pick(
				fmt.Sprintf("fully connected %d → %d", ly.In.Len(), ly.Out.Len()),
				fmt.Sprintf("완전연결 %d → %d", ly.In.Len(), ly.Out.Len()))
			r.Note = l.Pick(
				fmt.Sprintf("every input meets every output: n1·n2 = %d·%d = %s edges, each with its own weight",
					ly.In.Len(), ly.Out.Len(), thousands(r.FullEdges)),
				fmt.Sprintf("모든 입력이 모든 출력과 연결: n1·n2 = %d·%d = %s개 에지, 각각 고유한 가중치",
					ly.In.Len(), ly.Out.Len(), thousands(r.FullEdges)))
		}
		if ly.Kind == lenet.Pool {
			r.BiasNote = l.Pick("no weights, no bias", "가중치도 바이어스도 없음")
		} else {
			r.BiasNote = l.Pick(
				fmt.Sprintf("%s weights + %s biases (the +1)", thousands(r.Weights), thousands(r.Biases)),
				fmt.Sprintf("가중치 %s + 바이어스 %s (+1)", thousands(r.Weights), thousands(r.Biases)))
		}
		rows = append(rows, r)
	}
	return rows
}

// CostTotals are the sums the lecture quotes.
type CostTotals struct {
	Conv, FC, All cnn.Cost
}

// Totals sums the table with lenet.Totals.
func Totals() CostTotals {
	return CostTotals{Conv: lenet.Totals(lenet.Conv), FC: lenet.Totals(lenet.FullyConnected), All: lenet.Totals(-1)}
}

// Text is the totals in sentences: 50,692 + 11,014 = 61,706
// parameters, 416,520 multiply-adds.
func (t CostTotals) Text(l i18n.Lang) []string {
	return []string{
		l.Pick(fmt.Sprintf("convolution layers: %s parameters; fully connected layers: %s; in all %s + %s = %s parameters to learn",
			thousands(t.Conv.Params()), thousands(t.FC.Params()), thousands(t.Conv.Params()), thousands(t.FC.Params()), thousands(t.All.Params())),
			fmt.Sprintf("컨볼루션층 매개변수 %s개, 완전연결층 %s개: 모두 %s + %s = %s개를 학습해야 합니다",
				thousands(t.Conv.Params()), thousands(t.FC.Params()), thousands(t.Conv.Params()), thousands(t.FC.Params()), thousands(t.All.Params()))),
		l.Pick(fmt.Sprintf("one forward pass: %s multiply-adds (%s in the convolutions, %s in the fully connected layers)",
			thousands(t.All.MACs), thousands(t.Conv.MACs), thousands(t.FC.MACs)),
			fmt.Sprintf("순전파 한 번: 곱셈-덧셈 %s번 (컨볼루션층 %s, 완전연결층 %s)",
				thousands(t.All.MACs), thousands(t.Conv.MACs), thousands(t.FC.MACs))),
	}
}

// Example is the lecture's worked example with editable sizes: Count
// kernels of Kernel×Kernel×Channels on a Side×Side image with Channels
// channels, stride 1, "same" padding or none.
type Example struct {
	Side, Channels, Kernel, Count int
	Same                          bool
}

// Limits of the example's fields.
const (
	MaxExampleSide     = 4096
	MaxExampleChannels = 512
	MaxExampleKernel   = 15
	MaxExampleCount    = 1024
)

// NewExample is the lecture's case: a 3×3 kernel on a 512×512 RGB image.
func NewExample() Example { return Example{Side: 512, Channels: 3, Kernel: 3, Count: 1, Same: true} }

// ExampleResult is the cost of an Example.
type ExampleResult struct {
	Out       cnn.Shape
	Pad       int
	PerKernel int64 // multiplications for one kernel
	All       cnn.Cost
	Formula   string // "512·512·3·3·3 = 7,077,888"
}

// Compute works the example out with cnn.ConvCost.
func (e Example) Compute() (ExampleResult, error) {
	switch {
	case e.Side < 1 || e.Side > MaxExampleSide:
		return ExampleResult{}, fmt.Errorf("lecture: the image side must be between 1 and %d", MaxExampleSide)
	case e.Channels < 1 || e.Channels > MaxExampleChannels:
		return ExampleResult{}, fmt.Errorf("lecture: the channels must be between 1 and %d", MaxExampleChannels)
	case e.Kernel < 1 || e.Kernel > MaxExampleKernel:
		return ExampleResult{}, fmt.Errorf("lecture: the kernel side must be between 1 and %d", MaxExampleKernel)
	case e.Count < 1 || e.Count > MaxExampleCount:
		return ExampleResult{}, fmt.Errorf("lecture: the number of kernels must be between 1 and %d", MaxExampleCount)
	}
	var r ExampleResult
	if e.Same {
		p, err := cnn.SamePadding(e.Kernel)
		if err != nil {
			return r, err
		}
		r.Pad = p
	}
	in := cnn.Shape{C: e.Channels, H: e.Side, W: e.Side}
	one, _, err := cnn.ConvCost(in, 1, e.Kernel, e.Kernel, r.Pad, 1, false)
	if err != nil {
		return r, err
	}
	all, out, err := cnn.ConvCost(in, e.Count, e.Kernel, e.Kernel, r.Pad, 1, false)
	if err != nil {
		return r, err
	}
	r.Out, r.PerKernel, r.All = out, one.MACs, all
	r.Formula = fmt.Sprintf("%d·%d·%d·%d·%d = %s", out.H, out.W, e.Kernel, e.Kernel, e.Channels, thousands(one.MACs))
	return r, nil
}

// Text explains the example's numbers.
func (r ExampleResult) Text(l i18n.Lang, e Example) []string {
	lines := []string{
		l.Pick(fmt.Sprintf("output %d×%d per kernel (padding %d, stride 1); each output value takes %d·%d·%d = %d multiplications",
			r.Out.H, r.Out.W, r.Pad, e.Kernel, e.Kernel, e.Channels, e.Kernel*e.Kernel*e.Channels),
			fmt.Sprintf("커널 하나의 출력 %d×%d (덧대기 %d, 보폭 1); 출력 값 하나에 %d·%d·%d = %d번의 곱셈",
				r.Out.H, r.Out.W, r.Pad, e.Kernel, e.Kernel, e.Channels, e.Kernel*e.Kernel*e.Channels)),
		l.Pick("per kernel: "+r.Formula+" multiplications", "커널 하나당: "+r.Formula+"번의 곱셈"),
		l.Pick(fmt.Sprintf("%d kernel(s): %s multiplications, %s weights (+%d biases = %s parameters)",
			e.Count, thousands(r.All.MACs), thousands(r.All.Weights), e.Count, thousands(r.All.Weights+int64(e.Count))),
			fmt.Sprintf("커널 %d개: 곱셈 %s번, 가중치 %s개 (+바이어스 %d = 매개변수 %s개)",
				e.Count, thousands(r.All.MACs), thousands(r.All.Weights), e.Count, thousands(r.All.Weights+int64(e.Count)))),
	}
	return lines
}

// SharingExample is the lecture's contrast of full connection and weight
// sharing between two 256×256 images.
func SharingExample(l i18n.Lang) string {
	full := cnn.FullEdges(256*256, 256*256)
	shared := cnn.SharedWeights(3, 1)
	return l.Pick(
		fmt.Sprintf("two 256×256 images fully connected: (256·256)·(256·256) = %s parameters; one shared 3×3 kernel: %d",
			thousands(full), shared),
		fmt.Sprintf("256×256 영상 둘을 완전연결: (256·256)·(256·256) = %s개의 매개변수; 공유하는 3×3 커널 하나: %d개",
			thousands(full), shared))
}

// PartialExample is the lecture's partial connectivity in one dimension:
// n1 input nodes, a kernel of h, n2 = n1 − h + 1 output nodes; h·n2 edges
// against n1·n2 when fully connected.
func PartialExample(l i18n.Lang, n1, h int) (string, error) {
	n2, err := cnn.OutputSize(n1, h, 0, 1)
	if err != nil {
		return "", err
	}
	part, full := cnn.PartialEdges(h, n2), cnn.FullEdges(n1, n2)
	return l.Pick(
		fmt.Sprintf("partial connectivity: %d nodes, a kernel of h = %d, %d outputs: h·n2 = %d·%d = %d edges; fully connected n1·n2 = %d·%d = %d — and with weight sharing only h = %d weights",
			n1, h, n2, h, n2, part, n1, n2, full, h),
		fmt.Sprintf("부분 연결성: 노드 %d개, 커널 크기 h = %d, 출력 %d개: 에지 h·n2 = %d·%d = %d개; 완전연결이면 n1·n2 = %d·%d = %d개 — 가중치 공유로 가중치는 h = %d개뿐",
			n1, h, n2, h, n2, part, n1, n2, full, h)), nil
}
