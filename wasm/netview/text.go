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
	txtRowCol       = i18n.Text{En: "row %d, column %d", Ko: "행 %d, 열 %d"}
	txtRFOnInput    = i18n.Text{En: "receptive field on the input: %d×%d, rows %d–%d, columns %d–%d", Ko: "입력에서의 수용장: %d×%d, 행 %d–%d, 열 %d–%d"}
	txtRFWhole      = i18n.Text{En: "receptive field: the whole 32×32 input", Ko: "수용장: 32×32 입력 전체"}
	txtPixelValue   = i18n.Text{En: "pixel value = %s (0 is white paper, 1 is black ink)", Ko: "픽셀 값 = %s (0은 흰 종이, 1은 검은 잉크)"}
	txtMaxOf        = i18n.Text{En: "max of the %d×%d window = max(%s) = %s", Ko: "%d×%d 창의 최댓값 = max(%s) = %s"}
	txtPoolNoParams = i18n.Text{En: "%d×%d window, stride %d: no weights, no bias", Ko: "%d×%d 창, 보폭 %d: 가중치도 바이어스도 없음"}
	txtConvSum      = i18n.Text{En: "Σ window × kernel, cell by cell (%d products) = %s", Ko: "Σ 창 × 커널, 칸끼리 곱한 %d개의 합 = %s"}
	txtConvSumChans = i18n.Text{
		En: "Σ over the %d feature maps of %s (window × kernel for each): %s = %s",
		Ko: "%[2]s의 특징 맵 %[1]d개에 대한 합 (맵마다 창 × 커널): %[3]s = %[4]s"}
	txtUnitsOf     = i18n.Text{En: "the %d units of %s", Ko: "%[2]s의 유닛 %[1]d개"}
	txtValuesOf    = i18n.Text{En: "the %d values of %s (%d feature maps of %d×%d)", Ko: "%[2]s의 값 %[1]d개 (%[4]d×%[5]d 특징 맵 %[3]d개)"}
	txtDenseSum    = i18n.Text{En: "Σ w·x over %s: %s = %s", Ko: "%s에 대한 Σ w·x: %s = %s"}
	txtZeros       = i18n.Text{En: "; %d inputs are 0", Ko: "; 입력 %d개는 0"}
	txtMoreTerms   = i18n.Text{En: " and %d more terms", Ko: " 외 %d개 항"}
	txtPushed      = i18n.Text{En: "w·x is weight × input: red pushed this unit up, blue pushed it down", Ko: "w·x는 가중치 × 입력: 빨강은 이 유닛을 올리고 파랑은 내렸습니다"}
	txtScoreOf     = i18n.Text{En: "Output · the score of digit %d", Ko: "출력 · 숫자 %d의 점수"}
	txtScore       = i18n.Text{En: "score z = Σ + bias = %s + %s = %s", Ko: "점수 z = Σ + 바이어스 = %s + %s = %s"}
	txtSoftmax     = i18n.Text{En: "softmax: p(%d) = e^z ÷ (e^z summed over the 10 digits) = %s", Ko: "소프트맥스: p(%d) = e^z ÷ (숫자 10개의 e^z 합) = %s"}
	txtLinearComb  = i18n.Text{En: "the value is a linear combination of the receptive field and the kernel", Ko: "이 값은 수용장과 커널의 선형 결합입니다"}
	txtEachMap     = i18n.Text{En: "each of the %d feature maps of %s, window × kernel:", Ko: "%[2]s의 특징 맵 %[1]d개 각각의 창 × 커널:"}
	txtContrib     = i18n.Text{En: "w·x of each of the %d inputs from %s", Ko: "%[2]s에서 온 입력 %[1]d개 각각의 w·x"}
	txtWindowOf    = i18n.Text{En: "window: %s feature map %d", Ko: "창: %s 특징 맵 %d"}
	txtWindowInput = i18n.Text{En: "window: input", Ko: "창: 입력"}
	txtPredicted   = i18n.Text{En: "prediction: %d", Ko: "예측: %d"}
	txtTapUnit     = i18n.Text{En: "Tap a unit of a map to see how it was computed.", Ko: "맵의 유닛을 누르면 계산 과정을 볼 수 있습니다."}
	txtSizes       = i18n.Text{En: "LeNet-5: %s parameters, %s multiply-accumulates per digit.", Ko: "LeNet-5: 매개변수 %s개, 숫자 하나에 곱셈-덧셈 %s번."}
	txtKeys        = i18n.Text{
		En: "Keys: C clear · U undo · S next sample · 0–9 a sample of that digit · B brush · L language",
		Ko: "키: C 지우기 · U 되돌리기 · S 다음 예제 · 0–9 그 숫자의 예제 · B 붓 · L 언어",
	}
)
