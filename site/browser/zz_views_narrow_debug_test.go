//go:build browser

package browser

import "testing"

func TestViewsNarrowDebug(t *testing.T) {
	for _, v := range []string{"pool", "cost", "rf", "quiz"} {
		t.Run(v, func(t *testing.T) {
			p := open(t, "app.html?view="+v+"&lang=ko&seed=3", 390, 844, 2, true)
			p.frames(3)
			p.screenshot("zz-narrow-" + v)
		})
	}
}
