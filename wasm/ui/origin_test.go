package ui

import (
	"strings"
	"testing"
)

// Origins are taken exactly as a browser writes them (MessageEvent.origin),
// so that comparing strings is comparing origins.
func TestParseOrigin(t *testing.T) {
	for _, ok := range []string{
		"https://host.example", "http://localhost:8080", "https://xn--9n2bp8q.example", "http://127.0.0.1:1",
		"http://[::1]:9000", "https://a.b.c.example:65535",
	} {
		if got, err := ParseOrigin(ok); err != nil || got != ok {
			t.Errorf("ParseOrigin(%q) = %q, %v", ok, got, err)
		}
	}
	for _, bad := range []string{
		"", "host.example", "https://host.example/", "https://host.example/course", "HTTPS://host.example",
		"https://Host.example", "https://host.example:443", "http://host.example:80", "https://host.example:0",
		"https://host.example:65536", "https://host.example:08080", "https://host.example:", "https://user@host.example",
		"https://host.example?x", "https://host.example#x", "https://host.example?", "ftp://host.example", "file:///etc",
		"javascript:alert(1)", "https://", "*", "null", "https://host example", "https://" + strings.Repeat("a", 300),
	} {
		if got, err := ParseOrigin(bad); err == nil {
			t.Errorf("ParseOrigin(%q) = %q, want an error", bad, got)
		}
	}
	p := Param{Name: "origin", Kind: ParamOrigin}
	if p.Expect().En == "" || p.Kind.String() != "origin" {
		t.Error("an origin parameter says nothing of what it takes")
	}
}
