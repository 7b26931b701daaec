//go:build ignore

// gen_params writes site/url-params.json, the table of every URL
// parameter of app.html (the view, the language and each view's own),
// from the views' declarations, and the same tables in the manual
// (site/docs/embedding.md, between its url-params markers). Run it with go
// generate after changing a view's parameters; TestParamsFileIsGenerated
// and TestDocsParamsAreGenerated fail until then.
package main

import (
	"bytes"
	"encoding/json"
	"log"
	"os"

	"github.com/seecnn/lenet/wasm/app"
	_ "github.com/seecnn/lenet/wasm/trainview" // the training view
	_ "github.com/seecnn/lenet/wasm/views"     // every lecture view
)

func main() {
	var b bytes.Buffer
	if err := json.Indent(&b, app.ParamsJSON(), "", "  "); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("../../site/url-params.json", b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	const docs = "../../site/docs/embedding.md"
	doc, err := os.ReadFile(docs)
	if err != nil {
		log.Fatal(err)
	}
	out, ok := app.ReplaceDocs(string(doc))
	if !ok {
		log.Fatalf("%s has no url-params markers", docs)
	}
	if err := os.WriteFile(docs, []byte(out), 0o644); err != nil {
		log.Fatal(err)
	}
}
