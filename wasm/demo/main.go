//go:build js && wasm

// Command demo is the drawing demo of the site: draw a digit and watch
// every layer of LeNet-5 respond. app.html loads it (see site/app.js).
package main

import (
	"os"

	_ "github.com/seecnn/lenet/wasm/netview"   // the network view (?view=net, the default)
	_ "github.com/seecnn/lenet/wasm/trainview" // the training view (?view=train)
	_ "github.com/seecnn/lenet/wasm/views"     // the lecture views (?view=conv, pool, cost, rf, quiz)
	"github.com/seecnn/lenet/wasm/web"
)

func main() {
	if err := web.Run(); err != nil {
		println("demo:", err.Error())
		os.Exit(1)
	}
}
