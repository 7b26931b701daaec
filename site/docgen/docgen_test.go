package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	var sl Slugger
	for _, c := range []struct{ heading, want string }{
		{"The lecture's LeNet-5", "the-lectures-lenet-5"},
		{"Forward in Go alone", "forward-in-go-alone"},
		{"What ./build.sh test runs", "what-buildsh-test-runs"},
		{"Size budgets", "size-budgets"},
		{"Size budgets", "size-budgets-1"},
		{"Size budgets", "size-budgets-2"},
		{"window.lenetDemo", "windowlenetdemo"},
		{"특징 맵 (feature maps)", "특징-맵-feature-maps"},
		{"C1 → S2: 6@14×14", "c1--s2-61414"},
		{"snake_case and  two spaces", "snake_case-and--two-spaces"},
		{"", ""},
	} {
		if got := sl.Slug(c.heading); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.heading, got, c.want)
		}
	}
}

// TestCheckFinds builds a small repository with every kind of mistake and
// checks that each is reported.
func TestCheckFinds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		f := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("README.md", "# R\n\n[ok](site/docs/a.md#part-two) [bad anchor](site/docs/a.md#nowhere) [gone](cnn/x.go)\n")
	write("cnn/y.go", "package cnn\n")
	write("site/app.html", "")
	write("site/docs/a.md", "# A\n\n## Part two\n\n[self](#part-two) [b](b.md) [site](../app.html) [code](../../cnn/y.go)\n"+
		"[outside](../../../elsewhere.md) [missing](c.md) [anchor in code](../../cnn/y.go#L1) [web](https://example.org/x)\n"+
		"![picture](../../cnn/y.go)\n\n<div>raw</div>\n")
	write("site/docs/b.md", "# B\n\n[back](a.md#part-two)\n")
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Check() {
		got = append(got, e.Error())
	}
	want := []string{
		`README.md: link to "site/docs/a.md#nowhere": site/docs/a.md has no heading with the anchor #nowhere`,
		`README.md: link to "cnn/x.go": no such file`,
		`site/docs/a.md: link to "../../../elsewhere.md": it leaves the repository`,
		`site/docs/a.md: link to "c.md": no such file`,
		`site/docs/a.md: link to "../../cnn/y.go#L1": an #anchor into a file that is not a page of the manual or the README`,
		`site/docs/a.md: link to "../../cnn/y.go": an image the site does not serve (keep pictures under site/)`,
		`site/docs/a.md: raw HTML (the site shows none): write it in Markdown`,
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("not reported: %s", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems reported, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}

	write("site/docs/c.md", "No title here.\n")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "title") {
		t.Errorf("a page without a title: %v", err)
	}
}
