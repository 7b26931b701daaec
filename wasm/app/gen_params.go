//go:build ignore

// gen_params writes site/url-params.json, the table of every URL
// parameter of app.html (the view, the language and each view's own),
// from the views' declarations. Run it with go generate after changing a
// view's parameters; TestParamsFileIsGenerated fails until then.
package main

import (
	"bytes"
	"encoding/json"
	"log"
	"os"

	"github.com/seecnn/lenet/wasm/app"
	_ "github.com/seecnn/lenet/wasm/views" // every view the program has
)

func main() {
	var b bytes.Buffer
	if err := json.Indent(&b, app.ParamsJSON(), "", "  "); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("../../site/url-params.json", b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
