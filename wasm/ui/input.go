package ui

// PointerType is the device behind a pointer event.
type PointerType uint8

const (
	Mouse PointerType = iota
	Touch
	Pen
)

func (t PointerType) String() string {
	switch t {
	case Touch:
		return "touch"
	case Pen:
		return "pen"
	}
	return "mouse"
}

// Phase is what happened to a pointer.
type Phase uint8

const (
	PointerDown Phase = iota
	PointerMove
	PointerUp
	PointerCancel // the browser took the pointer away (scroll, page hidden…)
)

// PointerEvent is one pointer sample. The browser reports every sample,
// including the coalesced ones between two frames, so a fast stroke keeps
// its shape even when frames are slow.
type PointerEvent struct {
	Phase    Phase
	Type     PointerType
	ID       int     // pointer id: several fingers have different ids
	Primary  bool    // the first finger, the mouse or the pen
	X, Y     float64 // device pixels, in the canvas
	Pressure float64 // 0..1; 0.5 for a pressed mouse button
	Time     float64 // milliseconds, browser clock
}

// Input is everything the user did since the last frame.
type Input struct {
	// Events lists every pointer sample since the last frame, in order.
	Events []PointerEvent

	// The primary pointer, summarised for widgets: where it is (X, Y),
	// whether it is over the canvas (Hover, false after a touch ends),
	// held down (Down), went down this frame (Pressed, at PressX, PressY)
	// or was released this frame (Released).
	X, Y             float64
	Hover            bool
	Down             bool
	Pressed          bool
	Released         bool
	PressX, PressY   float64
	PressType        PointerType
	captured, handed bool

	// Keys pressed this frame, named like KeyboardEvent.code: "KeyC",
	// "Digit7", "Enter", "Tab", "Space", "Backspace", "ArrowLeft",
	// "Escape", "Minus", "Equal", "BracketLeft"…
	Keys  []string
	Chars []rune // text typed this frame
	Shift bool   // modifier keys held
	Ctrl  bool   // Control or Command
}

// Key reports whether the named key was pressed this frame.
func (in *Input) Key(name string) bool {
	for _, k := range in.Keys {
		if k == name {
			return true
		}
	}
	return false
}

// Clicked reports whether the primary pointer was released this frame
// inside r after going down inside r, and no one claimed the click yet; it
// then claims it.
func (in *Input) Clicked(r Rect) bool {
	if in.handed || !in.Released || !r.Contains(in.PressX, in.PressY) || !r.Contains(in.X, in.Y) {
		return false
	}
	in.handed = true
	return true
}

// PressedIn reports whether the primary pointer went down inside r this
// frame.
func (in *Input) PressedIn(r Rect) bool { return in.Pressed && r.Contains(in.PressX, in.PressY) }

// Holding reports whether the pointer is down and went down inside r (a
// drag that started in r).
func (in *Input) Holding(r Rect) bool { return in.Down && r.Contains(in.PressX, in.PressY) }

// Hovering reports whether the pointer is over r.
func (in *Input) Hovering(r Rect) bool { return in.Hover && r.Contains(in.X, in.Y) }

// Capture claims this frame's pointer press for the caller; later calls
// return false. Widgets call it so that a press is handled once.
func (in *Input) Capture() bool {
	if in.captured {
		return false
	}
	in.captured = true
	return true
}

// Tracker turns pointer events into the summary fields of Input. The
// browser glue feeds it every event; tests use it to script input.
type Tracker struct {
	down     bool
	hover    bool
	x, y     float64
	pressX   float64
	pressY   float64
	pressTyp PointerType
}

// Frame fills in's summary fields from in.Events, which must hold this
// frame's events.
func (t *Tracker) Frame(in *Input) {
	in.Pressed, in.Released = false, false
	in.captured, in.handed = false, false
	for _, e := range in.Events {
		if !e.Primary {
			continue
		}
		t.x, t.y = e.X, e.Y
		switch e.Phase {
		case PointerDown:
			t.down, t.hover = true, true
			t.pressX, t.pressY, t.pressTyp = e.X, e.Y, e.Type
			in.Pressed = true
		case PointerMove:
			t.hover = true
		case PointerUp, PointerCancel:
			if t.down {
				in.Released = e.Phase == PointerUp
			}
			t.down = false
			t.hover = e.Type == Mouse && e.Phase == PointerUp
		}
	}
	in.X, in.Y, in.Down, in.Hover = t.x, t.y, t.down, t.hover
	in.PressX, in.PressY, in.PressType = t.pressX, t.pressY, t.pressTyp
}

// Leave records that the pointer left the canvas.
func (t *Tracker) Leave() { t.hover = false }
