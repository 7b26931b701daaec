package views

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
	"github.com/seecnn/lenet/wasm/lecture"
	"github.com/seecnn/lenet/wasm/ui"
)

// quizSpec registers the exercises, ?view=quiz.
var quizSpec = ui.Spec{
	Name:   "quiz",
	Params: quizParams,
	Title:  i18n.Text{En: "Exercises: output sizes, parameters, multiplications", Ko: "연습 문제: 출력 크기, 매개변수, 곱셈 수"},
	New:    func(ctx *ui.Context) ui.View { return newQuizView(ctx) },
}

// quizView is the exercise mode, ?view=quiz (&seed=N gives the whole class
// the same series).
type quizView struct {
	quiz          *lecture.Quiz
	answer        ui.NumberCell
	check, next   ui.Button
	question      ui.Rect
	feedback      ui.Rect
	answerFocused bool
	started       bool
	errMsg        i18n.Text // the last answer was not a number
	notice        i18n.Text // the URL's seed, when it could not be used
	lang          i18n.Lang
}

func newQuizView(ctx *ui.Context) *quizView {
	// A short series number, easy to share: app.html?view=quiz&seed=N.
	seed := uint64(time.Now().UnixNano()/1e6) % 100000
	pv := ui.ParseParams(ctx.Params, quizParams)
	if n, ok := pv.Int("seed"); ok {
		seed = uint64(n)
	}
	v := &quizView{quiz: lecture.NewQuiz(seed), lang: ctx.Lang, notice: pv.Notice()}
	v.answer = ui.NumberCell{Whole: true, Blank: true, Min: 0, Max: 1e15,
		Allowed: i18n.Text{En: "a whole number, such as 28 or 2,416", Ko: "28이나 2,416 같은 정수"},
		Parse: func(s string) (float64, bool) {
			n, err := lecture.ParseAnswer(s)
			return float64(n), err == nil
		}}
	return v
}

func (v *quizView) Layout(ctx *ui.Context, area ui.Rect) {
	v.lang = ctx.Lang
	area = area.Inset(ctx.Px(ctx.Theme.Pad))
	w := math.Min(area.W, ctx.Px(820))
	area = ui.Rect{X: area.X, Y: area.Y, W: w, H: area.H}
	var rest ui.Rect
	v.question, rest = area.CutTop(ctx.Px(120))
	line, rest := rest.CutTop(ctx.Px(44))
	v.answer.Rect, line = line.CutLeft(math.Min(ctx.Px(260), line.W*0.45))
	_, line = line.CutLeft(ctx.Px(12))
	v.check.Rect, line = line.CutLeft(math.Min(ctx.Px(150), line.W/2))
	_, line = line.CutLeft(ctx.Px(8))
	v.next.Rect, _ = line.CutLeft(math.Min(ctx.Px(170), line.W))
	_, v.feedback = rest.CutTop(ctx.Px(16))
	v.check.Label = ctx.Lang.Pick("Check", "확인")
	v.next.Label = ctx.Lang.Pick("Next question", "다음 문제")
	v.check.Primary = true
	v.answer.Placeholder = ctx.Lang.Pick("type the answer", "답을 입력하세요")
}

func (v *quizView) Update(ctx *ui.Context, in *ui.Input) {
	z := v.quiz
	idx := ctx.Focus.Next()
	if !v.started || (!ctx.Focus.Focused() && len(in.Chars) > 0) {
		ctx.Focus.Set(idx) // ready for typing
		v.started = true
	}
	enter := in.Key("Enter") || in.Key("NumpadEnter")
	next := z.Answered && enter
	if z.Answered {
		in.Chars = nil // the question is over: nothing more to type
	}
	v.answer.Update(ctx, in)
	v.answerFocused = v.answer.Focused()
	z.Input = v.answer.Typed()
	if !v.answer.Editing() && !v.answer.Blank {
		z.Input = strconv.FormatFloat(v.answer.Value, 'f', 0, 64)
	}
	submit := v.answer.Committed && enter
	switch {
	case z.Answered || !enter:
	case v.answer.Refused():
		v.errMsg = i18n.Text{En: v.answer.Problem(i18n.En), Ko: v.answer.Problem(i18n.Ko)}
	case v.answer.Blank && z.Input == "":
		v.errMsg = i18n.Text{En: "Type a whole number, such as 28 or 2,416.", Ko: "28이나 2,416처럼 정수를 입력하세요."}
	}
	v.check.Disabled = z.Answered
	if v.check.Update(ctx, in) {
		submit = true
	}
	if v.next.Update(ctx, in) {
		next = true
	}
	if submit && !z.Answered {
		v.errMsg, v.notice = i18n.Text{}, i18n.Text{}
		if err := z.Submit(); err != nil {
			if errors.Is(err, lecture.ErrNoNumber) {
				v.errMsg = i18n.Text{En: "Type a whole number, such as 28 or 2,416.", Ko: "28이나 2,416처럼 정수를 입력하세요."}
			}
		} else {
			if !z.Answered {
				v.answer.Blank = true // the second try starts afresh
			}
			ctx.Announce(z.Feedback(v.lang))
		}
	}
	if next {
		z.Next()
		v.errMsg, v.notice = i18n.Text{}, i18n.Text{}
		v.answer.Blank = true
		ctx.Focus.Set(idx)
		ctx.Announce(z.Q.Text(v.lang))
	}
}

func (v *quizView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	z := v.quiz
	l := ctx.Lang
	head := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted}
	c.Text(l.Pick(fmt.Sprintf("Question %d · %d of %d right · series %d", z.Number, z.Correct, z.Tried, z.Seed),
		fmt.Sprintf("문제 %d · %d문제 중 %d문제 정답 · 문제 묶음 %d", z.Number, z.Tried, z.Correct, z.Seed)),
		v.question.X, v.question.Y+head.Size*0.7, head)
	q := v.question
	q.Y += head.Size * 1.6
	q.H -= head.Size * 1.6
	textLines(ctx, c, q, []string{z.Q.Text(v.lang)}, ui.TextStyle{Size: ctx.Px(th.FontTitle) * 1.15, Color: th.Text, Bold: true})

	v.answer.Draw(ctx, c)
	if z.Answered {
		// The verdict in the answer's frame: green right, red wrong.
		col := th.Pos
		if z.Right {
			col = th.Winner
		}
		c.StrokeRect(v.answer.Rect.Round(), math.Max(2, ctx.Px(2)), col)
	}
	v.check.Draw(ctx, c)
	v.next.Draw(ctx, c)

	var paras []string
	var col = th.Muted
	switch {
	case v.errMsg.En != "":
		paras, col = []string{v.errMsg.In(l)}, th.Pos
	case z.Answered:
		paras = []string{z.Feedback(v.lang), l.Pick("Press Enter for the next question.", "Enter를 누르면 다음 문제로 갑니다.")}
		col = th.Pos
		if z.Right {
			col = th.Winner
		}
	case z.Tries > 0:
		paras, col = []string{z.Feedback(v.lang)}, th.Pos
	default:
		paras = []string{l.Pick(fmt.Sprintf("Work it out on paper, type the number and press Enter: two tries, then the answer with the formula and your numbers. Series %d: app.html?view=quiz&seed=%d gives everyone these questions.", z.Seed, z.Seed),
			fmt.Sprintf("종이에 계산해 보고 숫자를 입력한 뒤 Enter를 누르세요. 두 번 시도할 수 있고, 그다음 공식과 숫자로 답을 설명합니다. 문제 묶음 %d: app.html?view=quiz&seed=%d로 열면 모두 같은 문제를 풉니다.", z.Seed, z.Seed))}
		if v.notice.En != "" {
			paras, col = append([]string{v.notice.In(l)}, paras...), th.Pos
		}
	}
	y := textLines(ctx, c, v.feedback, paras[:1], ui.TextStyle{Size: ctx.Px(th.FontBody) * 1.1, Color: col, Bold: z.Answered})
	if len(paras) > 1 {
		textLines(ctx, c, ui.Rect{X: v.feedback.X, Y: y + ctx.Px(6), W: v.feedback.W, H: v.feedback.Bottom() - y}, paras[1:],
			ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted})
	}
	formulas := []string{
		l.Pick("Formulas:", "공식:"),
		"⌊(M + 2p − h)/s⌋ + 1",
		l.Pick("convolution parameters (C·h·h + 1)·k′ — the +1 only with a bias", "컨볼루션 매개변수 (C·h·h + 1)·k′ — 바이어스가 있을 때만 +1"),
		l.Pick("fully connected (n1 + 1)·n2", "완전연결 (n1 + 1)·n2"),
		l.Pick("multiplications of one kernel M′·N′·C·h·h", "커널 하나의 곱셈 수 M′·N′·C·h·h"),
	}
	fy := v.feedback.Y + ctx.Px(110)
	textLines(ctx, c, ui.Rect{X: v.feedback.X, Y: fy, W: v.feedback.W, H: v.feedback.Bottom() - fy}, formulas,
		ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted})
}

// State is what the page exposes for tests. The answer is revealed only
// after the student answered.
func (v *quizView) State() *jsonw.Object {
	z := v.quiz
	var answer int64
	if z.Answered {
		answer = z.Q.Answer
	}
	var o jsonw.Object
	return o.Str("view", "quiz").Str("lang", v.lang.Code()).Uint("seed", z.Seed).Int("number", z.Number).Int("kind", int(z.Q.Kind)).
		Str("question", z.Q.Text(v.lang)).Str("input", z.Input).Bool("answered", z.Answered).Bool("right", z.Right).
		Int("correct", z.Correct).Int("tried", z.Tried).Int64("answer", answer).Str("feedback", z.Feedback(v.lang)).
		Str("error", v.errMsg.In(v.lang)).Str("message", v.notice.In(v.lang)).Bool("answerFocused", v.answerFocused).Int("tries", z.Tries)
}
