// Command serve serves the built site from a folder, on localhost unless
// told otherwise, with the headers a static host should send (see package
// static): application/wasm for .wasm files, a Content-Security-Policy that
// allows only the site's own scripts and WebAssembly compilation, nosniff,
// GET and HEAD only, no folder listings, no dotfiles, and timeouts.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"

	"github.com/seecnn/lenet/site/serve/static"
)

// defaultAddr is where serve listens unless -addr says otherwise: this
// machine only.
const defaultAddr = "localhost:8080"

func main() {
	dir := flag.String("dir", "site", "`folder` to serve")
	addr := flag.String("addr", defaultAddr, "`host:port` to listen on; a host other than localhost (or none, \":8080\") opens the server to the network")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "serve: unexpected argument %q\n", flag.Arg(0))
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *addr); err != nil {
		log.Fatalf("serve: %v", err)
	}
}

func run(dir, addr string) error {
	if st, err := os.Stat(dir); err != nil {
		return err
	} else if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	h, err := static.New(dir)
	if err != nil {
		return err
	}
	defer h.Close()
	h.Log = log.Default()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if host, _, err := net.SplitHostPort(addr); err == nil && !isLoopback(host) {
		log.Printf("serve: listening on %s: reachable from other machines", ln.Addr())
	}
	log.Printf("serving %s on http://%s", dir, ln.Addr())
	srv := static.Server(addr, h)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	go func() {
		<-stop
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
