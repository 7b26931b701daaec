package lecture

import (
	"errors"
	"fmt"
	"github.com/seecnn/lenet/wasm/i18n"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/seecnn/lenet/cnn"
)

// QuestionKind is what an exercise asks for.
type QuestionKind int

const (
	AskConvSize   QuestionKind = iota // output side of a convolution
	AskPoolSize                       // output side of a pooling
	AskConvParams                     // parameters of a convolution layer
	AskFCParams                       // parameters of a fully connected layer
	AskConvMults                      // multiplications of one kernel
	NumQuestionKinds
)

// Question is one exercise with its sizes and the answer the cnn package
// computes.
type Question struct {
	Kind QuestionKind
	// M is the input side, H the window side, P the padding, S the stride.
	M, H, P, S int
	// C is the input channels, K the number of kernels.
	C, K int
	// N1 and N2 are the units of a fully connected layer.
	N1, N2 int
	Bias   bool
	Answer int64
}

func pickInt(r *rand.Rand, xs ...int) int { return xs[r.IntN(len(xs))] }

// NewQuestion draws a question of kind k from r; the sizes always give a
// whole answer (windows that tile the input).
func NewQuestion(r *rand.Rand, k QuestionKind) Question {
	q := Question{Kind: k}
	switch k {
	case AskConvSize, AskPoolSize:
		for {
			q.M = 5 + r.IntN(60)
			if k == AskConvSize {
				q.H, q.P, q.S = pickInt(r, 1, 3, 5, 7), r.IntN(3), 1+r.IntN(3)
			} else {
				q.H, q.P, q.S = pickInt(r, 2, 3), 0, pickInt(r, 1, 2, 2, 3)
			}
			if n, err := cnn.OutputSize(q.M, q.H, q.P, q.S); err == nil {
				q.Answer = int64(n)
				return q
			}
		}
	case AskConvParams:
		q.C, q.H, q.K, q.Bias = pickInt(r, 1, 3, 6, 16, 32, 64), pickInt(r, 1, 3, 5, 7), pickInt(r, 6, 8, 16, 32, 64, 120, 128), r.IntN(4) != 0
		c, _, err := cnn.ConvCost(cnn.Shape{C: q.C, H: q.H, W: q.H}, q.K, q.H, q.H, 0, 1, q.Bias)
		if err != nil {
			panic("lecture: " + err.Error()) // the sizes above always fit
		}
		q.Answer = c.Params()
	case AskFCParams:
		q.N1, q.N2, q.Bias = pickInt(r, 84, 100, 120, 256, 400, 512, 1024), pickInt(r, 10, 84, 100, 120, 256), r.IntN(4) != 0
		q.Answer = cnn.DenseCost(q.N1, q.N2, q.Bias).Params()
	default:
		q.Kind = AskConvMults
		q.M, q.C, q.H = pickInt(r, 28, 32, 64, 128, 224, 256, 512), pickInt(r, 1, 3), pickInt(r, 3, 5)
		q.P = (q.H - 1) / 2
		c, _, err := cnn.ConvCost(cnn.Shape{C: q.C, H: q.M, W: q.M}, 1, q.H, q.H, q.P, 1, false)
		if err != nil {
			panic("lecture: " + err.Error())
		}
		q.Answer = c.MACs
	}
	return q
}

// article is the English indefinite article before a number: "an" for
// the numbers read with a vowel first (8, 11, 18, 80–89, 800…), "a"
// otherwise.
func article(n int) string {
	s := strconv.Itoa(n)
	if s[0] == '8' || ((len(s)-2)%3 == 0 && (strings.HasPrefix(s, "11") || strings.HasPrefix(s, "18"))) {
		return "an"
	}
	return "a"
}

// channels is "1 channel" or "n channels".
func channels(n int) string {
	if n == 1 {
		return "1 channel"
	}
	return strconv.Itoa(n) + " channels"
}

// Text is the question.
func (q Question) Text(l i18n.Lang) string {
	bias := func() string {
		if q.Bias {
			return l.Pick("with a bias", "바이어스 있음")
		}
		return l.Pick("without a bias", "바이어스 없음")
	}
	switch q.Kind {
	case AskConvSize:
		return l.Pick(
			fmt.Sprintf("%s %d×%d input is convolved with %s %d×%d kernel, padding %d, stride %d. What is the side of the feature map?", capital(article(q.M)), q.M, q.M, article(q.H), q.H, q.H, q.P, q.S),
			fmt.Sprintf("%d×%d 입력에 %d×%d 커널을 덧대기 %d, 보폭 %d로 적용합니다. 특징 맵의 한 변의 크기는?", q.M, q.M, q.H, q.H, q.P, q.S))
	case AskPoolSize:
		return l.Pick(
			fmt.Sprintf("%s %d×%d feature map is max-pooled with %s %d×%d window, stride %d. What is the side of the result?", capital(article(q.M)), q.M, q.M, article(q.H), q.H, q.H, q.S),
			fmt.Sprintf("%d×%d 특징 맵에 %d×%d 창으로 최대 풀링을 보폭 %d로 적용합니다. 결과의 한 변의 크기는?", q.M, q.M, q.H, q.H, q.S))
	case AskConvParams:
		return l.Pick(
			fmt.Sprintf("A convolution layer has %d kernels of %d×%d×%d (its input has %s), %s. How many parameters does it learn?", q.K, q.C, q.H, q.H, channels(q.C), bias()),
			fmt.Sprintf("컨볼루션층이 %d×%d×%d 커널 %d개를 씁니다 (입력 채널 %d개), %s. 학습할 매개변수는 몇 개?", q.C, q.H, q.H, q.K, q.C, bias()))
	case AskFCParams:
		return l.Pick(
			fmt.Sprintf("A fully connected layer maps %d units to %d units, %s. How many parameters does it learn?", q.N1, q.N2, bias()),
			fmt.Sprintf("완전연결층이 유닛 %d개를 유닛 %d개로 잇습니다, %s. 학습할 매개변수는 몇 개?", q.N1, q.N2, bias()))
	}
	return l.Pick(
		fmt.Sprintf("One %d×%d kernel runs over %s %d×%d image with %s, stride 1, padding %d so the size stays. How many multiplications?", q.H, q.H, article(q.M), q.M, q.M, channels(q.C), q.P),
		fmt.Sprintf("%d×%d 커널 하나를 채널 %d개인 %d×%d 영상에 보폭 1, 덧대기 %d(크기 유지)로 적용합니다. 곱셈은 몇 번?", q.H, q.H, q.C, q.M, q.M, q.P))
}

// Explain works the answer out with the formula and the question's numbers.
func (q Question) Explain(l i18n.Lang) string {
	switch q.Kind {
	case AskConvSize, AskPoolSize:
		return sizeFormula(l, q.M, q.M, q.H, q.P, q.S) + l.Pick(
			fmt.Sprintf(", so the result is %d×%d.", q.Answer, q.Answer),
			fmt.Sprintf(", 따라서 결과는 %d×%d입니다.", q.Answer, q.Answer))
	case AskConvParams:
		if q.Bias {
			return fmt.Sprintf("(C·h·h + 1)·k′ = (%d·%d·%d + 1)·%d = %s", q.C, q.H, q.H, q.K, thousands(q.Answer)) + l.Pick(
				": each kernel has C·h·h weights plus one bias (the +1).", ": 커널마다 가중치 C·h·h개와 바이어스 하나(+1).")
		}
		return fmt.Sprintf("C·h·h·k′ = %d·%d·%d·%d = %s", q.C, q.H, q.H, q.K, thousands(q.Answer)) + l.Pick(
			": no bias, so no +1.", ": 바이어스가 없으므로 +1도 없습니다.")
	case AskFCParams:
		if q.Bias {
			return fmt.Sprintf("(n1 + 1)·n2 = (%d + 1)·%d = %s", q.N1, q.N2, thousands(q.Answer)) + l.Pick(
				": every output unit has n1 weights and one bias.", ": 출력 유닛마다 가중치 n1개와 바이어스 하나.")
		}
		return fmt.Sprintf("n1·n2 = %d·%d = %s", q.N1, q.N2, thousands(q.Answer)) + l.Pick(
			": no bias, so no +1.", ": 바이어스가 없으므로 +1도 없습니다.")
	}
	return fmt.Sprintf("M·M·C·h·h = %d·%d·%d·%d·%d = %s", q.M, q.M, q.C, q.H, q.H, thousands(q.Answer)) + l.Pick(
		": every one of the M·M outputs takes C·h·h multiplications.", ": M·M개의 출력 값마다 C·h·h번의 곱셈.")
}

// Hint says which formula answers the question, without the answer:
// what a student sees after a first wrong try.
func (q Question) Hint(l i18n.Lang) string {
	switch q.Kind {
	case AskConvSize, AskPoolSize:
		return l.Pick("Use ⌊(M + 2p − h)/s⌋ + 1: M the input's side, p the padding, h the window's side, s the stride.",
			"⌊(M + 2p − h)/s⌋ + 1을 쓰세요: M은 입력의 한 변, p는 덧대기, h는 창의 한 변, s는 보폭.")
	case AskConvParams:
		return l.Pick("Each kernel has C·h·h weights, plus one bias if there is one; multiply by the number of kernels.",
			"커널마다 가중치 C·h·h개, 바이어스가 있으면 하나 더; 커널 수를 곱하세요.")
	case AskFCParams:
		return l.Pick("Each of the n2 output units has n1 weights, plus one bias if there is one.",
			"출력 유닛 n2개마다 가중치 n1개, 바이어스가 있으면 하나 더.")
	}
	return l.Pick("Each of the M·M outputs takes C·h·h multiplications.", "M·M개의 출력 값마다 곱셈이 C·h·h번.")
}

// capital is the article at the start of a sentence.
func capital(article string) string {
	if article == "an" {
		return "An"
	}
	return "A"
}

// ErrNoNumber is returned by ParseAnswer for text that is not a whole
// number.
var ErrNoNumber = errors.New("lecture: the answer must be a whole number, such as 28 or 2,416")

// ParseAnswer reads a whole number; spaces, commas, dots between groups of
// digits and underscores are ignored.
func ParseAnswer(s string) (int64, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', ',', '_', '\'', '.':
			return -1
		}
		return r
	}, s)
	if s == "" || len(s) > 18 {
		return 0, ErrNoNumber
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, ErrNoNumber
	}
	return n, nil
}

// MaxTries is how many answers a question takes: after a wrong first
// one the student gets a hint and one more try, then the answer.
const MaxTries = 2

// Quiz is the state of the exercise mode.
type Quiz struct {
	Seed     uint64
	Number   int // 1 for the first question
	Q        Question
	Input    string // what the student has typed
	Answered bool   // the current question is over: answered right, or out of tries
	Right    bool   // … and the answer was right
	Tries    int    // answers given to the current question
	Last     int64  // the last answer given
	Correct  int    // questions answered right so far
	Tried    int    // questions over so far
	rng      *rand.Rand
}

// NewQuiz starts a series from seed: the same seed gives the same
// questions, so a whole class can work on one series.
func NewQuiz(seed uint64) *Quiz {
	z := &Quiz{Seed: seed, rng: rand.New(rand.NewPCG(seed, 0x5eec))}
	z.Next()
	return z
}

// Next draws the next question; the kinds take turns.
func (z *Quiz) Next() {
	z.Q = NewQuestion(z.rng, QuestionKind(z.Number%int(NumQuestionKinds)))
	z.Number++
	z.Input, z.Answered, z.Right, z.Tries = "", false, false, 0
}

// MaxInput bounds what the student can type.
const MaxInput = 16

// Type adds a character to the answer being typed (digits and commas only).
func (z *Quiz) Type(r rune) {
	if z.Answered || len(z.Input) >= MaxInput {
		return
	}
	if (r >= '0' && r <= '9') || r == ',' {
		z.Input += string(r)
	}
}

// Backspace removes the last character typed.
func (z *Quiz) Backspace() {
	if !z.Answered && z.Input != "" {
		z.Input = z.Input[:len(z.Input)-1]
	}
}

// Submit checks the typed answer. An answer that is not a number is an
// error and does not count. A wrong answer with a try left leaves the
// question open (Feedback gives a hint); the last wrong one ends it.
func (z *Quiz) Submit() error {
	if z.Answered {
		return nil
	}
	n, err := ParseAnswer(z.Input)
	if err != nil {
		return err
	}
	z.Tries++
	z.Last = n
	z.Right = n == z.Q.Answer
	if !z.Right && z.Tries < MaxTries {
		z.Input = ""
		return nil
	}
	z.Answered = true
	z.Tried++
	if z.Right {
		z.Correct++
	}
	return nil
}

// Feedback is the verdict: after a wrong try with one left, a hint; once
// the question is over, the worked answer.
func (z *Quiz) Feedback(l i18n.Lang) string {
	switch {
	case !z.Answered && z.Tries > 0:
		return l.Pick(fmt.Sprintf("%s is not it. One more try: ", thousands(z.Last)),
			fmt.Sprintf("틀렸습니다 (%s). 한 번 더 해 보세요: ", thousands(z.Last))) + z.Q.Hint(l)
	case !z.Answered:
		return ""
	case z.Right && z.Tries > 1:
		return l.Pick("Right, on the second try! ", "정답! (두 번째 시도) ") + z.Q.Explain(l)
	case z.Right:
		return l.Pick("Right! ", "정답! ") + z.Q.Explain(l)
	}
	return l.Pick(fmt.Sprintf("Not quite: the answer is %s. ", thousands(z.Q.Answer)),
		fmt.Sprintf("아쉽습니다: 답은 %s입니다. ", thousands(z.Q.Answer))) + z.Q.Explain(l)
}
