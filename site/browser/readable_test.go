//go:build browser

package browser

import (
	"fmt"
	"testing"
)

// smallAtSnippetSize are the views whose layout still draws text under 10
// CSS pixels at 960×640, with the smallest size measured: a ratchet. The
// test fails if one gets smaller still, and fails too once one reads at
// 10 pixels or more, so that its line is removed here and the view is held
// to the rule like the others.
var smallAtSnippetSize = map[string]float64{
	"sample=7&layer=C3": 7.3, // the network view's map labels and grid numbers
	"sample=2&layer=C1": 7.3,
	"view=conv":         8.3, // the convolution view's cell numbers
}

// At the embed snippet's size, 960×640, every view shows every text whole
// and at 10 CSS pixels or more (lenetDemo.timings() tells the smallest
// text of the last frame drawn, and the strings that reached past the
// screen's edge); see smallAtSnippetSize for the views not there yet.
func TestReadableAtSnippetSize(t *testing.T) {
	// Each view once, in one language or the other (Korean strings are
	// the longer as often as the shorter): seven tabs keep the test short.
	for i, q := range []string{"sample=7&layer=C3", "sample=2&layer=C1", "view=conv", "view=pool", "view=cost", "view=rf", "view=quiz&seed=1"} {
		for _, lang := range []string{[2]string{"en", "ko"}[i%2]} {
			t.Run(q+"&lang="+lang, func(t *testing.T) {
				p := open(t, "app.html?lang="+lang+"&"+q, 960, 640, 1, false)
				p.frames(4)
				var tm struct {
					MinTextCssPx float64
					CutTexts     float64
					CutText      string
				}
				p.eval(`lenetDemo.timings()`, &tm)
				if known, ok := smallAtSnippetSize[q]; ok {
					switch {
					case tm.MinTextCssPx >= 10:
						t.Errorf("at 960×640 the smallest text is now %.1f CSS px: remove %q from smallAtSnippetSize", tm.MinTextCssPx, q)
					case tm.MinTextCssPx < known-0.05:
						t.Errorf("at 960×640 the smallest text is %.1f CSS px, smaller than the %.1f measured before", tm.MinTextCssPx, known)
					default:
						t.Logf("at 960×640 the smallest text is %.1f CSS px, under 10 (known, see smallAtSnippetSize)", tm.MinTextCssPx)
					}
					tm.MinTextCssPx = 10 // the cut strings are still checked
				}
				if tm.MinTextCssPx < 10 || tm.CutTexts > 0 {
					p.screenshot(fmt.Sprintf("unreadable-%s-%s", q, lang))
					t.Errorf("at 960×640: the smallest text is %.1f CSS px (want 10 or more); %v strings past the edge (the first: %q)", tm.MinTextCssPx, tm.CutTexts, tm.CutText)
				}
			})
		}
	}
}
