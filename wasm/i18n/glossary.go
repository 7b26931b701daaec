package i18n

// Term is a word of the lecture's vocabulary, shown in many places: as a
// label, a caption or inside sentences. Its two spellings live in the
// glossary below and nowhere else.
type Term uint8

// The glossary's terms.
const (
	Convolution         Term = iota // 컨볼루션
	Correlation                     // 교차상관 (cross-correlation)
	Pooling                         // 풀링
	MaxPooling                      // 최대 풀링
	AvgPooling                      // 평균 풀링
	FeatureMap                      // 특징 맵
	ReceptiveField                  // 수용장
	Kernel                          // 커널
	Kernels                         // 커널 (Korean has no plural)
	Stride                          // 보폭
	Padding                         // 덧대기
	Bias                            // 바이어스
	Weights                         // 가중치
	WeightSharing                   // 가중치 공유
	PartialConnectivity             // 부분 연결성
	Parameters                      // 매개변수
	FullyConnected                  // 완전연결
	ConvLayer                       // 컨볼루션층
	LinearCombination               // 선형 결합
	Edges                           // 에지: the connections between two layers' nodes
	ImageEdge                       // 엣지: where brightness changes in a picture
	Input                           // 입력
	Output                          // 출력
	Window                          // 창
	Layer                           // 층
	Unit                            // 유닛
	Units                           // 유닛
	Channels                        // 채널
	Connections                     // 연결
	MultiplyAdds                    // 곱셈-덧셈
	Multiplications                 // 곱셈
	Activation                      // 활성화
	Softmax                         // 소프트맥스
	Training                        // 학습: finding the parameters from examples
	Loss                            // 손실: what training makes smaller (cross-entropy here)
	Accuracy                        // 정확도
	LearningRate                    // 학습률
	BatchSize                       // 배치 크기
	Epoch                           // 에폭: one pass over the training digits
	FineTuning                      // 미세 조정
	numTerms
)

// entry is one term: its two spellings, whether the Korean one is the
// lecture's own (its notes write exactly these letters), and the Korean
// spellings of the same concept the project does not use.
type entry struct {
	Text
	lecture bool
	avoid   []string
}

// glossary holds every term. Where the lecture writes a term, the Korean
// is the lecture's spelling, letter for letter (완전연결 without a space,
// 특징 맵 with one). Where a concept had two Korean words in the project,
// one was chosen and the other is listed under avoid, which a test looks
// for in every Korean string of wasm/.
var glossary = [numTerms]entry{
	Convolution:         {Text{"convolution", "컨볼루션"}, true, []string{"합성곱"}},
	Correlation:         {Text{"cross-correlation", "교차상관"}, false, nil},
	Pooling:             {Text{"pooling", "풀링"}, true, nil},
	MaxPooling:          {Text{"max pooling", "최대 풀링"}, true, nil},
	AvgPooling:          {Text{"average pooling", "평균 풀링"}, true, nil},
	FeatureMap:          {Text{"feature map", "특징 맵"}, true, []string{"특징맵", "피처 맵", "특성 맵"}},
	ReceptiveField:      {Text{"receptive field", "수용장"}, true, []string{"수용 영역"}},
	Kernel:              {Text{"kernel", "커널"}, true, []string{"필터"}},
	Kernels:             {Text{"kernels", "커널"}, true, nil},
	Stride:              {Text{"stride", "보폭"}, true, []string{"스트라이드"}},
	Padding:             {Text{"padding", "덧대기"}, true, []string{"패딩"}},
	Bias:                {Text{"bias", "바이어스"}, true, []string{"편향"}},
	Weights:             {Text{"weights", "가중치"}, true, nil},
	WeightSharing:       {Text{"weight sharing", "가중치 공유"}, true, nil},
	PartialConnectivity: {Text{"partial connectivity", "부분 연결성"}, true, nil},
	Parameters:          {Text{"parameters", "매개변수"}, true, []string{"파라미터"}},
	FullyConnected:      {Text{"fully connected", "완전연결"}, true, []string{"완전 연결", "전결합"}},
	ConvLayer:           {Text{"convolution layer", "컨볼루션층"}, true, []string{"컨볼루션 층"}},
	LinearCombination:   {Text{"linear combination", "선형 결합"}, true, nil},
	Edges:               {Text{"edges", "에지"}, true, nil},
	ImageEdge:           {Text{"edge", "엣지"}, true, nil},
	Input:               {Text{"input", "입력"}, true, nil},
	Output:              {Text{"output", "출력"}, false, nil},
	Window:              {Text{"window", "창"}, false, []string{"윈도우"}},
	Layer:               {Text{"layer", "층"}, true, nil},
	Unit:                {Text{"unit", "유닛"}, false, nil},
	Units:               {Text{"units", "유닛"}, false, nil},
	Channels:            {Text{"channels", "채널"}, false, nil},
	Connections:         {Text{"connections", "연결"}, false, nil},
	MultiplyAdds:        {Text{"multiply-adds", "곱셈-덧셈"}, false, nil},
	Multiplications:     {Text{"multiplications", "곱셈"}, true, nil},
	Activation:          {Text{"activation", "활성화"}, false, nil},
	Softmax:             {Text{"softmax", "소프트맥스"}, false, nil},
	Training:            {Text{"training", "학습"}, true, []string{"훈련"}},
	Loss:                {Text{"loss", "손실"}, false, nil},
	Accuracy:            {Text{"accuracy", "정확도"}, false, nil},
	LearningRate:        {Text{"learning rate", "학습률"}, false, nil},
	BatchSize:           {Text{"batch size", "배치 크기"}, false, nil},
	Epoch:               {Text{"epoch", "에폭"}, false, []string{"에포크"}},
	FineTuning:          {Text{"fine-tuning", "미세 조정"}, false, nil},
}

// In returns the term in language l.
func (t Term) In(l Lang) string { return t.Text().In(l) }

// Text returns the term's two spellings.
func (t Term) Text() Text {
	if t >= numTerms {
		return Text{}
	}
	return glossary[t].Text
}

// Lecture reports whether the Korean spelling is the lecture's own.
func (t Term) Lecture() bool { return t < numTerms && glossary[t].lecture }

// Avoid lists Korean words for t's concept that the project does not use.
func (t Term) Avoid() []string {
	if t >= numTerms {
		return nil
	}
	return glossary[t].avoid
}

// Terms lists the glossary, in its order.
func Terms() []Term {
	out := make([]Term, numTerms)
	for i := range out {
		out[i] = Term(i)
	}
	return out
}
