package framecache

import (
	"fmt"
	"testing"
)

type img struct {
	name  string
	freed int
}

func TestIdleValuesAreDropped(t *testing.T) {
	var freed []string
	c := New(3, 0, 0, func(v any) { v.(*img).freed++; freed = append(freed, v.(*img).name) })
	a, b := &img{name: "a"}, &img{name: "b"}
	c.Put("a", a)
	c.Put("b", b)
	for f := range 10 {
		if v, ok := c.Get("a"); !ok || v != a { // a is drawn every frame
			t.Fatalf("frame %d: a is gone", f)
		}
		c.EndFrame()
	}
	if _, ok := c.Get("b"); ok || b.freed != 1 || a.freed != 0 || c.Len() != 1 {
		t.Fatalf("b not dropped after 10 idle frames, or dropped twice: %+v %+v, len %d", a, b, c.Len())
	}
	// Exactly maxIdle idle frames keep a value; one more drops it.
	c.Put("c", &img{name: "c"})
	for range 3 {
		c.Get("a")
		c.EndFrame()
	}
	if _, ok := c.Get("c"); !ok {
		t.Fatal("c dropped after 3 idle frames")
	}
	for range 4 {
		c.Get("a")
		c.EndFrame()
	}
	if _, ok := c.Get("c"); ok {
		t.Fatal("c kept after 4 idle frames")
	}
	if fmt.Sprint(freed) != "[b c]" || c.Frame() != 17 {
		t.Errorf("freed %v, frame %d", freed, c.Frame())
	}
}

func TestBoundedAndLeastRecentlyUsedFirst(t *testing.T) {
	var freed []int
	c := New(1000, 3, 0, func(v any) { freed = append(freed, v.(int)) })
	for i := range 3 {
		c.Put(i, i)
		c.EndFrame()
	}
	c.Get(0) // 0 is used again: 1 is now the oldest
	c.Put(3, 3)
	if c.Len() != 3 || fmt.Sprint(freed) != "[1]" {
		t.Fatalf("len %d, freed %v", c.Len(), freed)
	}
	for i := range 100 {
		c.Put(10+i, 10+i)
	}
	if c.Len() != 3 || len(freed) != 101 {
		t.Fatalf("len %d after 100 more, %d freed", c.Len(), len(freed))
	}
	// Putting a key again frees the value it replaces.
	c.Put(109, 1109)
	if v, _ := c.Get(109); v != 1109 || freed[len(freed)-1] != 109 || c.Len() != 3 {
		t.Errorf("replacing: %v, freed %v", v, freed[len(freed)-3:])
	}
}

// A cache that sweeps only when large keeps idle values while small.
func TestSweepAt(t *testing.T) {
	c := New(2, 0, 4, nil)
	c.Put(1, 1)
	c.Put(2, 2)
	for range 10 {
		c.EndFrame()
	}
	if c.Len() != 2 {
		t.Fatalf("a small cache swept: %d", c.Len())
	}
	c.Put(3, 3)
	c.Put(4, 4)
	c.EndFrame()
	if c.Len() != 2 {
		t.Fatalf("a cache of 4 did not sweep its 2 idle values: %d", c.Len())
	}
}

// A view that makes a new bitmap at every size change, drawn for a
// thousand frames, leaves the cache as small as what one frame draws.
func TestNewBitmapsEveryFrame(t *testing.T) {
	live := 0
	c := New(60, 256, 0, func(any) { live-- })
	shown := &[4]byte{}
	for f := range 1000 {
		for _, b := range []*[4]byte{shown, {byte(f)}} { // the second changes every frame
			if _, ok := c.Get(b); !ok {
				c.Put(b, &img{})
				live++
			}
		}
		c.EndFrame()
	}
	if c.Len() > 62 || live != c.Len() {
		t.Errorf("%d values held, %d not freed", c.Len(), live)
	}
}
