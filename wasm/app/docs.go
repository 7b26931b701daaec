package app

import (
	"strconv"
	"strings"

	"github.com/seecnn/lenet/wasm/ui"
)

// The manual's tables of URL parameters (site/docs/embedding.md), written
// by go generate ./wasm/app between the two sentences below (the manual
// shows no raw HTML, so the markers are text a reader sees) from the same
// declarations as site/url-params.json; TestDocsParamsAreGenerated fails
// when they differ.
const (
	DocsBegin = "The tables below are written by `go generate ./wasm/app` from the views' own declarations, as `site/url-params.json` is; a test fails when they differ."
	DocsEnd   = "A value a view cannot take is ignored and named in the header, so a typo in a course page shows instead of silently doing nothing."
)

// ParamsMarkdown is the manual's tables of the URL parameters of app.html:
// the common ones, then each view's.
func ParamsMarkdown() string {
	var b strings.Builder
	b.WriteString("Parameters of every view:\n\n")
	paramsTable(&b, Params())
	for _, s := range ui.Specs() {
		b.WriteString("\n`view=" + s.Name + "`")
		if s.Name == DefaultView {
			b.WriteString(" (the default)")
		}
		b.WriteString(", " + s.Title.En + ":\n\n")
		if len(s.Params) == 0 {
			b.WriteString("no parameters of its own.\n")
			continue
		}
		paramsTable(&b, s.Params)
	}
	return b.String()
}

func paramsTable(b *strings.Builder, ps []ui.Param) {
	b.WriteString("| parameter | values | without it | what it does |\n| --- | --- | --- | --- |\n")
	num := func(f float64) string { return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), "-", "−", 1) }
	for _, p := range ps {
		var vals string
		switch p.Kind {
		case ui.ParamChoice:
			var vs []string
			for _, o := range p.Options {
				v := "`" + o.Value + "`"
				if len(o.Aliases) > 0 {
					v += " (or `" + strings.Join(o.Aliases, "`, `") + "`)"
				}
				vs = append(vs, v)
			}
			vals = strings.Join(vs, ", ")
		case ui.ParamInt:
			vals = num(p.Min) + " … " + num(p.Max)
		case ui.ParamNumber:
			vals = num(p.Min) + " … " + num(p.Max)
			if p.Step > 0 {
				vals += ", in steps of " + num(p.Step)
			}
		case ui.ParamOrigin:
			vals = "an origin, `https://host.example`"
		case ui.ParamText:
			vals = p.Takes.En + ", at most " + num(p.Max) + " characters"
		}
		dflt := p.DefaultMeaning.En
		if p.Default != "" {
			dflt = "`" + p.Default + "`"
		}
		b.WriteString("| `" + p.Name + "` | " + vals + " | " + dflt + " | " + strings.ReplaceAll(p.Meaning.En, "|", "\\|") + " |\n")
	}
}

// ReplaceDocs returns doc with the text between DocsBegin and DocsEnd
// replaced by ParamsMarkdown, and false if doc lacks the markers.
func ReplaceDocs(doc string) (string, bool) {
	i := strings.Index(doc, DocsBegin)
	j := strings.Index(doc, DocsEnd)
	if i < 0 || j < i {
		return doc, false
	}
	return doc[:i+len(DocsBegin)] + "\n\n" + ParamsMarkdown() + "\n" + doc[j:], true
}
