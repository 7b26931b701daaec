package app

import (
	"strings"
	"testing"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/samples"
	"github.com/seecnn/lenet/wasm/ui"
)

func TestImage(t *testing.T) {
	a := newApp(t, "lang=en", "en")
	g, err := samples.Gray(7)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Image(28, 28, g); err != nil {
		t.Fatal(err)
	}
	a.Update(&ui.Input{})
	p := a.Update(&ui.Input{})
	if pr := a.View().(ui.Predictor).Prediction(); !pr.OK || pr.Label != samples.Label(7) {
		t.Errorf("the picture of sample 7 reads %+v (page %+v)", pr, p)
	}
	for _, c := range []struct {
		w, h, n int
		want    string
	}{
		{0, 10, 0, "from 1 to 4096"},
		{10, -1, 0, "from 1 to 4096"},
		{4097, 1, 4097, "from 1 to 4096"},
		{2048, 1024, 2048 * 1024, "at most 1048576"},
		{10, 10, 99, "99 grey values"},
	} {
		// The size is checked before anything is read: the slice may be
		// shorter than w·h says.
		n := c.n
		if n > 1000 {
			n = 64
		}
		if err := a.Image(c.w, c.h, make([]uint8, n)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%d×%d: %v, want %q", c.w, c.h, err, c.want)
		}
	}
	b := newApp(t, "view=cost", "en")
	if err := b.Image(28, 28, g); err == nil || !strings.Contains(err.Error(), "cost view takes no picture") {
		t.Errorf("a picture to the cost view: %v", err)
	}
}

func TestSet(t *testing.T) {
	a := newApp(t, "lang=en&sample=3", "en")
	if err := a.Set("lang", "ko"); err != nil || a.Ctx.Lang != i18n.Ko {
		t.Errorf("lang=ko: %v, %v", err, a.Ctx.Lang)
	}
	if err := a.Set("layer", "c5"); err != nil {
		t.Errorf("layer=c5: %v", err)
	}
	if s := a.State().String(); !strings.Contains(s, `"selected":"C5[`) {
		t.Errorf("after layer=c5: %s", s)
	}
	for _, c := range [][3]string{
		{"lang", "fr", "lang is en or ko"},
		{"layer", "C9", "layer takes one of"},
		{"view", "conv", "cannot change"},
		{"nothing", "1", "cannot change"},
		{"layer", strings.Repeat("x", 1000), "…"},
	} {
		if err := a.Set(c[0], c[1]); err == nil || !strings.Contains(err.Error(), c[2]) || len(err.Error()) > 300 {
			t.Errorf("%s=%.20s: %v, want %q", c[0], c[1], err, c[2])
		}
	}
	b := newApp(t, "view=pool", "en")
	if err := b.Set("mode", "avg"); err == nil || !strings.Contains(err.Error(), "pool view cannot change") {
		t.Errorf("mode=avg on the pool view: %v", err)
	}
}

// A bad value of a view's parameter is named in the header like a bad view.
func TestViewParamNotice(t *testing.T) {
	for q, want := range map[string]string{
		"layer=C9":                  "layer=C9 (one of",
		"view=nope&layer=C9":        "view=nope (one of",
		"view=pool&stride=9":        "stride=9 (a whole number from 1 to 4)",
		"origin=https://x.example/": "origin=https://x.example/ (an origin",
	} {
		a := newApp(t, q, "en")
		if !strings.Contains(a.notice.En, want) || !strings.HasPrefix(a.notice.En, "Ignored from the address: ") || a.notice.Ko == "" {
			t.Errorf("?%s: notice %q, want %q", q, a.notice.En, want)
		}
	}
	if a := newApp(t, "layer=C3&origin=https://x.example&sample=4", "en"); a.notice.En != "" {
		t.Errorf("good values named: %q", a.notice.En)
	}
}

// The content's height follows the width, and the page learns it when it
// changes.
func TestNaturalHeight(t *testing.T) {
	a := newApp(t, "", "en")
	a.Resize(100, 100, 1)
	told := a.TakePage().Height
	for _, c := range []struct{ w, h, dpr, want float64 }{
		{960, 640, 1, 640},
		{1920, 1280, 2, 640},
		{1280, 800, 1, 853},
		{2400, 1000, 1, 900},
		{390 * 3, 844 * 3, 3, 722},
		{320, 568, 1, 592},
	} {
		a.Resize(c.w, c.h, c.dpr)
		p := a.TakePage()
		if got := a.NaturalHeight(); got != c.want {
			t.Errorf("%v×%v at %v: %v, want %v", c.w, c.h, c.dpr, got, c.want)
		}
		if p.HasHeight != (c.want != told) || (p.HasHeight && p.Height != c.want) {
			t.Errorf("%v×%v: the page is told %v (%v), having %v", c.w, c.h, p.Height, p.HasHeight, told)
		}
		told = c.want
	}
	a.Resize(320, 900, 1) // the same width, another height
	if p := a.TakePage(); p.HasHeight {
		t.Errorf("the height of a frame that only grew taller is told again: %v", p.Height)
	}
}
