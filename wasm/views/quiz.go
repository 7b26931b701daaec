package views

import (
	"errors"
	"fmt"
	"math"
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
	answerRect    ui.Rect
	check, next   ui.Button
	question      ui.Rect
	feedback      ui.Rect
	answerFocused bool
	started       bool
	answerIdx     int       // the answer box's place in the Tab order
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
	return &quizView{quiz: lecture.NewQuiz(seed), lang: ctx.Lang, notice: pv.Notice()}
}

func (v *quizView) Layout(ctx *ui.Context, area ui.Rect) {
	v.lang = ctx.Lang
	area = area.Inset(ctx.Px(ctx.Theme.Pad))
	w := math.Min(area.W, ctx.Px(820))
	area = ui.Rect{X: area.X, Y: area.Y, W: w, H: area.H}
	var rest ui.Rect
	v.question, rest = area.CutTop(ctx.Px(120))
	line, rest := rest.CutTop(ctx.Px(44))
	v.answerRect, line = line.CutLeft(math.Min(ctx.Px(260), line.W*0.45))
	_, line = line.CutLeft(ctx.Px(12))
	v.check.Rect, line = line.CutLeft(math.Min(ctx.Px(150), line.W/2))
	_, line = line.CutLeft(ctx.Px(8))
	v.next.Rect, _ = line.CutLeft(math.Min(ctx.Px(170), line.W))
	_, v.feedback = rest.CutTop(ctx.Px(16))
	v.check.Label = ctx.Lang.Pick("Check (Enter)", "확인 (Enter)")
	v.next.Label = ctx.Lang.Pick("Next question", "다음 문제")
	v.check.Primary = true
}

func (v *quizView) Update(ctx *ui.Context, in *ui.Input) {
	z := v.quiz
	idx, f := ctx.Focus.Take()
	v.answerIdx = idx
	if !v.started {
		ctx.Focus.Set(idx) // ready for typing
		v.started = true
	}
	if in.Clicked(v.answerRect) {
		ctx.Focus.Set(idx)
	}
	v.answerFocused = f
	typing := f || !ctx.Focus.Focused()
	submit, next := false, false
	if typing {
		for _, r := range in.Chars {
			z.Type(r)
		}
		if in.Key("Backspace") {
			z.Backspace()
		}
		if in.Key("Enter") || in.Key("NumpadEnter") {
			if z.Answered {
				next = true
			} else {
				submit = true
			}
		}
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
			ctx.Announce(z.Feedback(v.lang))
		}
	}
	if next {
		z.Next()
		v.errMsg, v.notice = i18n.Text{}, i18n.Text{}
		ctx.Focus.Set(v.answerIdx)
		ctx.Announce(z.Q.Text(v.lang))
	}
}

func (v *quizView) Draw(ctx *ui.Context, c ui.Canvas) {
	th := ctx.Theme
	z := v.quiz
	l := ctx.Lang
	head := ui.TextStyle{Size: ctx.Px(th.FontBody), Color: th.Muted}
	c.Text(l.Pick(fmt.Sprintf("Question %d · score %d of %d · series %d", z.Number, z.Correct, z.Tried, z.Seed),
		fmt.Sprintf("문제 %d · 점수 %d / %d · 문제 묶음 %d", z.Number, z.Correct, z.Tried, z.Seed)),
		v.question.X, v.question.Y+head.Size*0.7, head)
	q := v.question
	q.Y += head.Size * 1.6
	q.H -= head.Size * 1.6
	textLines(ctx, c, q, []string{z.Q.Text(v.lang)}, ui.TextStyle{Size: ctx.Px(th.FontTitle) * 1.15, Color: th.Text, Bold: true})

	r := v.answerRect.Round()
	c.FillRect(r, th.Panel)
	border := th.Line
	if z.Answered {
		border = th.Pos
		if z.Right {
			border = th.Winner
		}
	}
	c.StrokeRect(r, math.Max(2, ctx.Px(2)), border)
	text := z.Input
	st := ui.TextStyle{Size: ctx.Px(th.FontTitle) * 1.2, Color: th.Text, Mono: true}
	if text == "" && !z.Answered {
		text = l.Pick("type the answer", "답을 입력하세요")
		st.Color = th.Muted
		st.Mono = false
		st.Size = ctx.Px(th.FontBody)
	} else if !z.Answered && (v.answerFocused || ctx.Frame%60 < 30) {
		text += "|"
	}
	c.Text(text, r.X+ctx.Px(10), r.CenterY(), st)
	if v.answerFocused {
		focusRing(ctx, c, r)
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
	default:
		paras = []string{l.Pick("Work it out on paper, type the number and press Enter. The view checks it and shows the formula with your numbers.",
			"종이에 계산해 보고 숫자를 입력한 뒤 Enter를 누르세요. 답을 확인하고 공식에 숫자를 넣어 설명합니다.")}
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
		Str("error", v.errMsg.In(v.lang)).Str("message", v.notice.In(v.lang)).Bool("answerFocused", v.answerFocused)
}
