// Command docgen renders the manual, the Markdown pages in site/docs/, to
// HTML pages of the static site, site/docs/NAME.html, and checks the links
// of the pages and of the README. ./build.sh build runs it from the top of
// the repository:
//
//	go run ./site/docgen [-root DIR]
//
// The Markdown reads as it is on a code host; the HTML pages read the same on
// the site, in its look: the site's style sheets, no script and no inline
// style, so that they work under the site's Content-Security-Policy. A link
//
//   - to another page, NAME.md or NAME.md#anchor, becomes NAME.html;
//   - to a file the site serves (under site/) stays as it is;
//   - to a file of the repository outside site/ (the README, a Go file)
//     becomes its text alone on the site, which cannot serve it;
//   - with a scheme (https:, mailto:) stays as it is, unchecked.
//
// Every other link must lead to a file that exists, and an #anchor to a
// heading of that page. Headings get the anchors a code host gives them
// (see Slugger). A broken link, raw HTML or a page that does not start with
// its title is an error, and nothing is written.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	root := flag.String("root", ".", "the repository's top folder")
	flag.Parse()
	s, err := Load(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
	if errs := s.Check(); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(os.Stderr, "docgen:", e)
		}
		os.Exit(1)
	}
	n, err := s.Write()
	if err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
	fmt.Printf("  %-18s %d pages\n", DocsDir+"/", n)
}
