package main

import (
	"net"
	"testing"
)

// serve listens on this machine only unless told otherwise, and says so
// when it is told.
func TestListensLocally(t *testing.T) {
	host, _, err := net.SplitHostPort(defaultAddr)
	if err != nil || !isLoopback(host) {
		t.Errorf("the default address %q is not a loopback address", defaultAddr)
	}
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "": false, "0.0.0.0": false, "192.168.1.5": false, "example.org": false} {
		if isLoopback(host) != want {
			t.Errorf("isLoopback(%q) = %v", host, !want)
		}
	}
}

func TestRunRefuses(t *testing.T) {
	if err := run("/nonexistent/site", "localhost:0"); err == nil {
		t.Error("a missing folder was served")
	}
	if err := run("main.go", "localhost:0"); err == nil {
		t.Error("a file was served as a folder")
	}
}
