package netview

import "github.com/seecnn/lenet/wasm/i18n"

// The view's own strings; the lecture's terms come from the i18n
// glossary. A string with verbs is a format for fmt.Sprintf.
var (
	txtTitle        = i18n.Text{En: "LeNet-5 — draw a digit", Ko: "LeNet-5 — 숫자를 그려 보세요"}
	txtDrawHere     = i18n.Text{En: "draw a digit here", Ko: "여기에 숫자를 그리세요"}
	txtClear        = i18n.Text{En: "Clear", Ko: "지우기"}
	txtUndo         = i18n.Text{En: "Undo", Ko: "되돌리기"}
	txtSample       = i18n.Text{En: "Sample", Ko: "예제"}
	txtBrush        = i18n.Text{En: "Brush", Ko: "붓"}
	txtCanvas       = i18n.Text{En: "canvas", Ko: "캔버스"}
	txtSampleOf     = i18n.Text{En: "MNIST test digit #%d (a %d)", Ko: "MNIST 테스트 숫자 #%d (%d)"}
	txtCrop         = i18n.Text{En: "28×28: crop, scale, centre", Ko: "28×28: 자르기·축소·가운데"}
	txtNetInput     = i18n.Text{En: "32×32: what the network sees", Ko: "32×32: 네트워크 입력"}
	txtProbs        = i18n.Text{En: "class probabilities (softmax)", Ko: "클래스 확률 (소프트맥스)"}
	txtPointAtUnit  = i18n.Text{En: "Point at any unit to see how it was computed.", Ko: "유닛을 가리키면 계산 과정을 볼 수 있습니다."}
	txtLearned      = i18n.Text{En: "C1 kernels (learned)", Ko: "C1 커널 (학습됨)"}
	txtScale        = i18n.Text{En: "colour scale", Ko: "색 척도"}
	txtMaxOf        = i18n.Text{En: "max of the %d×%d window", Ko: "%d×%d 창의 최댓값"}
	txtSumOfChans   = i18n.Text{En: "sum over %d channels", Ko: "%d개 채널의 합"}
	txtRFOnInput    = i18n.Text{En: "receptive field on the input: %d×%d", Ko: "입력에서의 수용장: %d×%d"}
	txtLinearComb   = i18n.Text{En: "linear combination of the receptive field and the kernel", Ko: "수용장과 커널의 선형 결합"}
	txtPixelValue   = i18n.Text{En: "pixel value", Ko: "픽셀 값"}
	txtShownChannel = i18n.Text{En: "window and kernel shown: channel %d (largest)", Ko: "표시한 창과 커널: 채널 %d (가장 큼)"}
	txtPoolNoParams = i18n.Text{En: "2×2 window, stride 2: no weights, no bias", Ko: "2×2 창, 보폭 2: 가중치도 바이어스도 없음"}
	txtTapToClose   = i18n.Text{En: "tap to close", Ko: "눌러서 닫기"}
	txtSizes        = i18n.Text{En: "LeNet-5: %s parameters, %s multiply-accumulates per digit.", Ko: "LeNet-5: 매개변수 %s개, 숫자 하나에 곱셈-덧셈 %s번."}
	txtKeys         = i18n.Text{
		En: "Keys: C clear · U undo · S next sample · 0–9 a sample of that digit · B brush · L language",
		Ko: "키: C 지우기 · U 되돌리기 · S 다음 예제 · 0–9 그 숫자의 예제 · B 붓 · L 언어",
	}
)
