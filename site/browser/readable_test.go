//go:build browser

package browser

import (
	"fmt"
	"testing"
)

// At the embed snippet's size, 960×640, every view shows every text whole
// and at 10 CSS pixels or more (lenetDemo.timings() tells the smallest
// text of the last frame drawn, and the strings that reached past the
// screen's edge).
func TestReadableAtSnippetSize(t *testing.T) {
	// Each view once, in one language or the other (Korean strings are
	// the longer as often as the shorter), and the demo with the evidence
	// maps' panel open.
	for i, q := range []string{"sample=7&layer=C3", "sample=2&layer=C1", "view=conv", "view=pool", "view=cost", "view=rf", "view=quiz&seed=1", "view=train", "sample=7&why=occlusion", "sample=7&why=gradient&layer=F6", "view=rf&evidence=input&layer=S4"} {
		lang := [2]string{"en", "ko"}[i%2]
		t.Run(q+"&lang="+lang, func(t *testing.T) {
			p := open(t, "app.html?lang="+lang+"&"+q, 960, 640, 1, false)
			p.frames(4)
			p.readable("960×640", fmt.Sprintf("unreadable-%s-%s", q, lang))
		})
	}
}

// A phone held sideways (844×390) gets the tabs, not the one-screen
// layout squeezed until its captions are 4 px and C3's maps 10 px.
func TestReadableOnPhoneSideways(t *testing.T) {
	p := open(t, "app.html?lang=en&sample=7", 844, 390, 2, true)
	p.frames(4)
	p.screenshot("phone-sideways")
	p.readable("844×390", "")
}

// readable fails the test if the last frame drew text under 10 CSS
// pixels or past the screen's edge, and then saves a screenshot as shot.
func (p *page) readable(size, shot string) {
	p.t.Helper()
	var tm struct {
		MinTextCssPx float64
		CutTexts     float64
		CutText      string
	}
	p.eval(`lenetDemo.timings()`, &tm)
	if tm.MinTextCssPx < 10 || tm.CutTexts > 0 {
		if shot != "" {
			p.screenshot(shot)
		}
		p.t.Errorf("at %s: the smallest text is %.1f CSS px (want 10 or more); %v strings past the edge (the first: %q)", size, tm.MinTextCssPx, tm.CutTexts, tm.CutText)
	}
}
