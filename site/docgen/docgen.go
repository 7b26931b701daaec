package main

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Where things are, relative to the repository's top folder.
const (
	SiteDir = "site"      // what the static site serves
	DocsDir = "site/docs" // the manual: NAME.md in, NAME.html out
	Readme  = "README.md" // checked, not rendered
)

// MaxPage bounds the size of a Markdown file docgen reads.
const MaxPage = 1 << 20

// Doc is one Markdown file: a page of the manual or the README.
type Doc struct {
	Path  string // relative to the repository, with slashes
	Title string // the text of its first heading, which must be a # heading
	src   []byte
	root  ast.Node
	ids   map[string]bool // the anchors of its headings
}

// Site is the manual and the README, parsed.
type Site struct {
	Root  string // the repository's top folder
	Pages []*Doc // site/docs/*.md, by name
	docs  map[string]*Doc
	md    goldmark.Markdown
}

// Load reads and parses the README and every page of the manual under root.
func Load(root string) (*Site, error) {
	s := &Site{
		Root: root,
		docs: map[string]*Doc{},
		md: goldmark.New(goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.Linkify, extension.TaskList)),
	}
	names, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(DocsDir), "*.md"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no pages in %s", filepath.Join(root, filepath.FromSlash(DocsDir)))
	}
	slices.Sort(names)
	for _, n := range names {
		d, err := s.load(DocsDir + "/" + filepath.Base(n))
		if err != nil {
			return nil, err
		}
		s.Pages = append(s.Pages, d)
	}
	if _, err := s.load(Readme); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Site) load(rel string) (*Doc, error) {
	f := filepath.Join(s.Root, filepath.FromSlash(rel))
	info, err := os.Stat(f)
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxPage {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a page may have", rel, info.Size(), MaxPage)
	}
	src, err := os.ReadFile(f)
	if err != nil {
		return nil, err
	}
	d := &Doc{Path: rel, src: src, ids: map[string]bool{}}
	d.root = s.md.Parser().Parse(text.NewReader(src))
	var sl Slugger
	err = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		t := plainText(h, src)
		if d.Title == "" {
			if h.Level != 1 || h.PreviousSibling() != nil {
				return ast.WalkStop, fmt.Errorf("%s: a page starts with its title, a # heading", rel)
			}
			d.Title = t
		}
		id := sl.Slug(t)
		h.SetAttributeString("id", []byte(id))
		d.ids[id] = true
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return nil, err
	}
	if d.Title == "" {
		return nil, fmt.Errorf("%s: no title (a # heading first)", rel)
	}
	s.docs[rel] = d
	return d, nil
}

// plainText is the text of n's inline content, as a reader sees it: code
// spans and emphasis without their marks, links as their text.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Slugger gives headings the anchors a code host gives them: the heading's
// text in lower case, without anything but letters, marks, digits,
// connector punctuation (such as '_'), hyphens and spaces, each space
// becoming a hyphen; an anchor already given gets -1, -2, … appended.
type Slugger struct{ seen map[string]int }

// Slug returns the anchor of the next heading, whose text is t.
func (sl *Slugger) Slug(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	if sl.seen == nil {
		sl.seen = map[string]int{}
	}
	base := b.String()
	slug := base
	for {
		if _, taken := sl.seen[slug]; !taken {
			break
		}
		sl.seen[base]++
		slug = base + "-" + strconv.Itoa(sl.seen[base])
	}
	sl.seen[slug] = 0
	return slug
}

// A link is a link or an image of a Doc.
type link struct {
	node  ast.Node // *ast.Link or *ast.Image
	dest  string
	image bool
}

func links(d *Doc) []link {
	var ls []link
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Link:
			ls = append(ls, link{n, string(t.Destination), false})
		case *ast.Image:
			ls = append(ls, link{n, string(t.Destination), true})
		}
		return ast.WalkContinue, nil
	})
	return ls
}

// target resolves a link of d: external (a scheme or a host), or the file
// it leads to relative to the repository, and its #anchor.
func target(d *Doc, dest string) (external bool, file, anchor string, err error) {
	u, err := url.Parse(dest)
	if err != nil {
		return false, "", "", err
	}
	if u.Scheme != "" || u.Host != "" {
		return true, "", "", nil
	}
	if u.RawQuery != "" {
		return false, "", "", errors.New("a query in a link to a file")
	}
	file = d.Path
	if u.Path != "" {
		file = path.Join(path.Dir(d.Path), u.Path)
	}
	if file == ".." || strings.HasPrefix(file, "../") || path.IsAbs(u.Path) {
		return false, "", "", errors.New("it leaves the repository")
	}
	return false, file, u.Fragment, nil
}

// Check checks every link of every page and of the README: each must lead
// to a file that exists, an #anchor to a heading of that file, and an
// image of a page to a file the site serves. It also refuses raw HTML in
// the pages. It returns every problem found.
func (s *Site) Check() []error {
	var errs []error
	docs := append(slices.Clone(s.Pages), s.docs[Readme])
	for _, d := range docs {
		for _, l := range links(d) {
			if err := s.checkLink(d, l); err != nil {
				errs = append(errs, fmt.Errorf("%s: link to %q: %v", d.Path, l.dest, err))
			}
		}
		_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && (n.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindRawHTML) {
				errs = append(errs, fmt.Errorf("%s: raw HTML (the site shows none): write it in Markdown", d.Path))
			}
			return ast.WalkContinue, nil
		})
	}
	return errs
}

func (s *Site) checkLink(d *Doc, l link) error {
	ext, file, anchor, err := target(d, l.dest)
	if err != nil || ext {
		return err
	}
	if _, err := os.Stat(filepath.Join(s.Root, filepath.FromSlash(file))); err != nil {
		return errors.New("no such file")
	}
	if l.image && d.Path != Readme && !inSite(file) {
		return errors.New("an image the site does not serve (keep pictures under site/)")
	}
	if anchor == "" {
		return nil
	}
	t, ok := s.docs[file]
	if !ok {
		return errors.New("an #anchor into a file that is not a page of the manual or the README")
	}
	if !t.ids[anchor] {
		return fmt.Errorf("%s has no heading with the anchor #%s", file, anchor)
	}
	return nil
}

func inSite(file string) bool { return file == SiteDir || strings.HasPrefix(file, SiteDir+"/") }

// rel is the path from folder dir to file, both relative to the repository.
func rel(dir, file string) string {
	r, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(file))
	if err != nil {
		return file
	}
	return filepath.ToSlash(r)
}

// Render returns page d as an HTML page of the site. Call it once per page,
// after Check: it rewrites the page's links in place.
func (s *Site) Render(d *Doc) ([]byte, error) {
	for _, l := range links(d) {
		ext, file, anchor, err := target(d, l.dest)
		if err != nil {
			return nil, fmt.Errorf("%s: link to %q: %v", d.Path, l.dest, err)
		}
		if ext {
			continue
		}
		var dest string
		switch {
		case !inSite(file) && l.image:
			return nil, fmt.Errorf("%s: image %q is outside %s/", d.Path, l.dest, SiteDir)
		case !inSite(file):
			unlink(l.node)
			continue
		case strings.HasSuffix(file, ".md"):
			dest = rel(path.Dir(d.Path), strings.TrimSuffix(file, ".md")+".html")
			if file == d.Path {
				dest = ""
			}
		default:
			dest = rel(path.Dir(d.Path), file)
		}
		if anchor != "" {
			dest += "#" + anchor
		}
		if ln, ok := l.node.(*ast.Link); ok {
			ln.Destination = []byte(dest)
		} else {
			l.node.(*ast.Image).Destination = []byte(dest)
		}
	}
	var body bytes.Buffer
	if err := s.md.Renderer().Render(&body, d.src, d.root); err != nil {
		return nil, fmt.Errorf("%s: %v", d.Path, err)
	}
	var out bytes.Buffer
	err := pageTemplate.Execute(&out, struct {
		Title, Source string
		Body          template.HTML
		Index         bool
	}{d.Title, d.Path, template.HTML(body.String()), path.Base(d.Path) == "index.md"})
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// unlink replaces a link by its content.
func unlink(n ast.Node) {
	p := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.InsertBefore(p, n, c)
		c = next
	}
	p.RemoveChild(p, n)
}

// Write renders every page to DocsDir/NAME.html and removes the HTML pages
// whose Markdown is gone. It returns the number of pages written.
func (s *Site) Write() (int, error) {
	dir := filepath.Join(s.Root, filepath.FromSlash(DocsDir))
	keep := map[string]bool{}
	for _, d := range s.Pages {
		b, err := s.Render(d)
		if err != nil {
			return 0, err
		}
		name := strings.TrimSuffix(path.Base(d.Path), ".md") + ".html"
		keep[name] = true
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return 0, err
		}
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return 0, err
	}
	for _, f := range old {
		if !keep[filepath.Base(f)] {
			if err := os.Remove(f); err != nil {
				return 0, err
			}
		}
	}
	return len(s.Pages), nil
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — seecnn</title>
<link rel="stylesheet" href="../site.css">
<link rel="stylesheet" href="docs.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="top">
  <h1><a href="../index.html">seecnn</a> <span class="sub">{{if .Index}}manual{{else}}<a href="index.html">manual</a>{{end}}</span></h1>
  <nav aria-label="Pages">
    <a href="../index.html">Home</a>
    <a href="../app.html">Demo</a>
    <a href="index.html">Manual</a>
  </nav>
</header>
<main class="doc">
{{.Body}}</main>
<footer><p>Rendered from <code>{{.Source}}</code>.</p></footer>
</body>
</html>
`))
