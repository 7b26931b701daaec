// Package framecache keeps what a canvas makes for drawing — a GPU image
// of a bitmap, a string rendered in the browser's font — for as long as
// it is drawn, and lets go of it when it is not.
//
// The canvas asks for a value every frame it draws it (Get, or Put after
// making it); at the end of each drawn frame, EndFrame drops the values
// not asked for in the last MaxIdle frames, and Put never keeps more than
// MaxLen, dropping the least recently used first. Drop frees what the
// cache lets go of (an Ebiten image's Deallocate). Without it, a view
// that makes a new bitmap whenever a grid changes size, or text that
// changes on every frame, would hold GPU memory for the life of the page.
package framecache

// Cache maps keys to values with the eviction described above. Keys are
// any comparable values, values anything. (It is not generic on purpose:
// each instantiation would be its own code in demo.wasm, 5 KB after gzip
// for the canvas's two caches.) The zero value is not usable: make one
// with New.
type Cache struct {
	maxIdle uint64
	maxLen  int
	sweepAt int
	drop    func(any)
	frame   uint64
	m       map[any]*entry
}

type entry struct {
	v    any
	used uint64 // the frame it was last asked for
}

// New makes a cache that drops values not asked for in maxIdle frames,
// keeps at most maxLen values (0: no bound), and looks for idle values
// only once it holds sweepAt of them (0: every frame; a large cache of
// cheap values sweeps less often). drop (or nil) frees a value let go.
func New(maxIdle uint64, maxLen, sweepAt int, drop func(any)) *Cache {
	return &Cache{maxIdle: maxIdle, maxLen: maxLen, sweepAt: sweepAt, drop: drop, m: map[any]*entry{}}
}

// Get returns the value of k, marking it used in this frame.
func (c *Cache) Get(k any) (any, bool) {
	e, ok := c.m[k]
	if !ok {
		return nil, false
	}
	e.used = c.frame
	return e.v, true
}

// Put stores v under k, used in this frame. A value already under k is
// dropped. When the cache is full, the least recently used value goes
// first.
func (c *Cache) Put(k, v any) {
	if old, ok := c.m[k]; ok {
		c.free(old.v)
	} else if c.maxLen > 0 && len(c.m) >= c.maxLen {
		c.evictOldest()
	}
	c.m[k] = &entry{v: v, used: c.frame}
}

// EndFrame ends a drawn frame: values not asked for in the last maxIdle
// frames are dropped (when the cache holds at least sweepAt values).
func (c *Cache) EndFrame() {
	c.frame++
	if len(c.m) < c.sweepAt {
		return
	}
	for k, e := range c.m {
		if c.frame-e.used > c.maxIdle {
			c.free(e.v)
			delete(c.m, k)
		}
	}
}

// Len is the number of values held.
func (c *Cache) Len() int { return len(c.m) }

// Frame is the number of frames ended.
func (c *Cache) Frame() uint64 { return c.frame }

func (c *Cache) evictOldest() {
	var oldest any
	found := false
	var at uint64
	for k, e := range c.m {
		if !found || e.used < at {
			oldest, at, found = k, e.used, true
		}
	}
	if found {
		c.free(c.m[oldest].v)
		delete(c.m, oldest)
	}
}

func (c *Cache) free(v any) {
	if c.drop != nil {
		c.drop(v)
	}
}
