// Package pagelink is the views' link to what the page does for them
// beyond drawing: the training workers (site/train-worker.js behind
// site/trainer.js), files in and out, and the browser's storage.
//
// A view sends a Request through ctx.Shared.Link; the program (wasm/app)
// hands the frame's requests to the page with its Page, wasm/web passes
// them to site/train-bridge.js, and the answers come back before a later
// frame as Events, which the view takes with Link.Events. Every exchange
// is a value: nothing blocks, and a view that is not on screen finds its
// answers when it is next updated (the inbox keeps the latest MaxEvents of
// each slot).
//
// The page sends an answer's content as flat numbers and bytes (Event.Nums,
// Floats, Bytes), in the orders this package documents and decodes
// (Status, Kernels, Evaluation, Digits, FineTuneResult). Nothing here
// imports syscall/js, so the decoding and the views that use it test
// natively; site/train-bridge.js writes the same orders.
package pagelink

// Slot is who answers a request: the page itself, or one of the two
// training workers. Each worker holds one network being trained.
type Slot uint8

const (
	Page  Slot = iota // files and storage
	Train             // the training view's worker (also window.lenetDemo.train)
	Tune              // the network view's worker, which fine-tunes the demo's network
	NumSlots
)

// Kind is what a request asks, and what an event answers.
type Kind uint8

// The requests a worker serves (site/train-worker.js's protocol), the
// page's own, and the events that come unasked.
const (
	None Kind = iota
	// To a worker.
	Start    // From ("" goes on), Seed, Bytes (the weights for From "weights")
	Pause    //
	Step     // Count batches
	Reset    // From, Seed, Bytes
	Set      // LearningRate, BatchSize (0: unchanged)
	Status   // the worker's status (also sent unasked when a script drove the worker)
	Evaluate // the test digits, now
	Predict  // Indices of test digits
	Kernels  // C1's and C3's kernels and biases
	Params   // all 61,706 parameters
	Export   // the weights file
	FineTune // Labels, Inputs, From, Seed, Bytes
	// To the page.
	Download // Bytes saved as the file Name
	PickFile // the browser's file chooser; the file comes back as a File event
	Fetch    // the weights file at the same-origin URL Name; it comes back as a File event
	Load     // the stored data under the key Name (no Bytes: nothing stored)
	Save     // Bytes stored under the key Name
	// Unasked.
	Progress   // a worker's status and kernels while it trains
	Evaluation // a worker evaluated the test digits
	Failure    // a worker stopped or could not load
	File       // a file the user picked or dropped, or a fetched one
	numKinds
)

var kindNames = [numKinds]string{"", "start", "pause", "step", "reset", "set", "status", "evaluate", "predict", "kernels",
	"params", "export", "finetune", "download", "pickFile", "fetch", "load", "save", "progress", "evaluation", "failure", "file"}

// String is the kind's name in the page's messages ("start", "finetune",
// "progress" …).
func (k Kind) String() string {
	if k >= numKinds {
		return ""
	}
	return kindNames[k]
}

// KindNamed is the kind called name, or None.
func KindNamed(name string) Kind {
	for k, n := range kindNames {
		if n == name && n != "" {
			return Kind(k)
		}
	}
	return None
}

// Request is one thing a view asks of the page. The fields a kind uses
// are listed beside it; the others stay zero.
type Request struct {
	Slot         Slot
	Kind         Kind
	Seq          uint64 // given by Send; the answer carries it
	From         string // "random", "shipped" or "weights"
	Seed         int
	Count        int
	LearningRate float64
	BatchSize    int
	Indices      []int
	Labels       []int
	Inputs       []float32 // lenet.InputLen values per label
	Bytes        []byte
	Name         string
}

// Event is an answer to a request (Seq and Kind are the request's) or
// something that happened unasked (Seq 0).
type Event struct {
	Slot   Slot
	Seq    uint64
	Kind   Kind
	Err    string // the request failed, and why; the rest is empty
	Nums   []float64
	Floats []float32
	Bytes  []byte
	Name   string
}

// Limits on what the page may hand back, enforced by wasm/web as it
// copies an event and by the decoders.
const (
	MaxEvents = 64      // unread events kept per slot
	MaxOut    = 64      // requests a frame may send
	MaxNums   = 1 << 16 // numbers of one event
	MaxFloats = 1 << 17 // floats of one event (the parameters are 61,706)
	MaxBytes  = 1 << 21 // bytes of one event (a float32 weights file has 246,904)
)

// Link carries the requests out and the events in. The zero value is
// ready to use.
type Link struct {
	seq     uint64
	out     []Request
	in      [NumSlots][]Event
	dropped int
}

// Send queues r for the page and returns the sequence number its answer
// will carry. Past MaxOut requests in one frame it returns 0 and drops r.
func (l *Link) Send(r Request) uint64 {
	if len(l.out) >= MaxOut || r.Slot >= NumSlots {
		l.dropped++
		return 0
	}
	l.seq++
	r.Seq = l.seq
	l.out = append(l.out, r)
	return r.Seq
}

// TakeRequests returns the requests queued since the last call and
// forgets them; wasm/app calls it once a frame.
func (l *Link) TakeRequests() []Request {
	if len(l.out) == 0 {
		return nil
	}
	out := l.out
	l.out = nil
	return out
}

// Deliver adds an event to its slot's inbox; when the inbox is full the
// oldest event is dropped.
func (l *Link) Deliver(e Event) {
	if e.Slot >= NumSlots {
		return
	}
	q := l.in[e.Slot]
	if len(q) >= MaxEvents {
		copy(q, q[1:])
		q = q[:len(q)-1]
		l.dropped++
	}
	l.in[e.Slot] = append(q, e)
}

// Events returns the slot's events in order of arrival and empties its
// inbox.
func (l *Link) Events(s Slot) []Event {
	if s >= NumSlots || len(l.in[s]) == 0 {
		return nil
	}
	out := l.in[s]
	l.in[s] = nil
	return out
}

// Dropped counts the requests and events dropped at the limits.
func (l *Link) Dropped() int { return l.dropped }
