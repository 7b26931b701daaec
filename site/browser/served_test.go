//go:build browser

package browser

import (
	"net/http"
	"strings"
	"sync"
)

// served counts what the test server sent, by path: the requests and the
// bytes. The tests run one after the other, so the counts between two
// moments are what one page asked for (its workers included, whose
// requests the page's own network log does not show).
var served = &servedLog{}

type servedLog struct {
	mu    sync.Mutex
	count map[string]int
	bytes map[string]int
}

func (s *servedLog) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count, s.bytes = map[string]int{}, map[string]int{}
}

// serve serves r with h and counts it.
func (s *servedLog) serve(h http.Handler, w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	h.ServeHTTP(cw, r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.count == nil {
		s.count, s.bytes = map[string]int{}, map[string]int{}
	}
	p := strings.TrimPrefix(r.URL.Path, "/")
	s.count[p]++
	s.bytes[p] += cw.n
}

// of returns the requests and bytes of path since the last reset.
func (s *servedLog) of(path string) (requests, bytes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path], s.bytes[path]
}

// all returns every path served since the last reset with its bytes.
func (s *servedLog) all() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.bytes {
		out[k] = v
	}
	return out
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}
