package ui

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/seecnn/lenet/wasm/i18n"
	"github.com/seecnn/lenet/wasm/internal/jsonw"
)

// Param is one URL parameter a view reads, as in
// app.html?view=conv&stride=2: its name, the values it takes, its default
// and what it does, in both languages. A view declares its parameters in
// its Spec and reads them with ParseParams; the table a course author
// consults (site/url-params.json, written by go generate ./wasm/app) is
// made from the same declarations, so the two cannot disagree.
//
// A parameter is a choice among Options (ParamChoice), or a whole number
// (ParamInt) or a number (ParamNumber) from Min to Max, a multiple of Step
// when Step is set, or a web origin (ParamOrigin), or a text of at most
// Max characters that Match accepts (ParamText, such as the address of a
// file).
type Param struct {
	Name    string
	Kind    ParamKind
	Meaning i18n.Text
	Options []Option
	// Match, when set, reads a choice's value its own way (the language
	// takes any tag, such as ko-KR) and returns the Choice's Value; for a
	// ParamText it checks the text and returns it as the view takes it.
	Match    func(raw string) (string, bool)
	Min, Max float64
	Step     float64
	// Takes says what a ParamText takes ("the address of a file of this
	// site").
	Takes i18n.Text
	// Default is the value used without the parameter, as it would be
	// written in the URL; DefaultMeaning says what happens without it
	// when no single value does (a blank pad, the browser's language).
	Default        string
	DefaultMeaning i18n.Text
}

// ParamKind is what a parameter's value is.
type ParamKind uint8

const (
	ParamChoice ParamKind = iota // one of the Options, in any case
	ParamInt                     // a whole number from Min to Max
	ParamNumber                  // a number from Min to Max (a multiple of Step if set)
	ParamOrigin                  // a web origin, http(s)://host[:port], as a browser writes it
	ParamText                    // a text of at most Max characters, checked by Match
)

func (k ParamKind) String() string {
	switch k {
	case ParamInt:
		return "int"
	case ParamNumber:
		return "number"
	case ParamOrigin:
		return "origin"
	case ParamText:
		return "text"
	}
	return "choice"
}

// Option is one value of a ParamChoice parameter: how it is written,
// other spellings the view accepts, and what it means.
type Option struct {
	Value   string
	Aliases []string
	Meaning i18n.Text
}

// MaxParamLen bounds the length of a value shown back in a notice.
const MaxParamLen = 20

// ParamValues are a view's URL parameters as read by ParseParams: the
// valid ones in their canonical form, and a notice for each value that
// could not be taken.
type ParamValues struct {
	vals    map[string]string
	notices []i18n.Text
}

// ParseParams reads the parameters ps from q. A parameter that is absent
// or empty is not set; a value it cannot take is not set either, and is
// named in a notice that says what the parameter takes.
func ParseParams(q url.Values, ps []Param) *ParamValues {
	pv := &ParamValues{vals: map[string]string{}}
	for _, p := range ps {
		raw := strings.TrimSpace(q.Get(p.Name))
		if raw == "" {
			continue
		}
		v, err := p.Parse(raw)
		if err != nil {
			pv.Refuse(p.Name, raw, p.Expect())
			continue
		}
		pv.vals[p.Name] = v
	}
	return pv
}

var errBadValue = errors.New("ui: not a value of the parameter")

// Parse reads a value of p and returns it in canonical form: a choice's
// Value, a number as strconv formats it.
func (p Param) Parse(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	switch p.Kind {
	case ParamInt:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || float64(n) < p.Min || float64(n) > p.Max {
			return "", errBadValue
		}
		return strconv.FormatInt(n, 10), nil
	case ParamNumber:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(f) || f < p.Min || f > p.Max || (p.Step > 0 && f/p.Step != math.Trunc(f/p.Step)) {
			return "", errBadValue
		}
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	case ParamOrigin:
		return ParseOrigin(raw)
	case ParamText:
		if len(raw) > int(p.Max) || p.Match == nil {
			return "", errBadValue
		}
		if v, ok := p.Match(raw); ok {
			return v, nil
		}
		return "", errBadValue
	}
	if p.Match != nil {
		if v, ok := p.Match(raw); ok {
			return v, nil
		}
		return "", errBadValue
	}
	for _, c := range p.Options {
		if strings.EqualFold(c.Value, raw) {
			return c.Value, nil
		}
		for _, a := range c.Aliases {
			if strings.EqualFold(a, raw) {
				return c.Value, nil
			}
		}
	}
	return "", errBadValue
}

// Expect says what p takes: "one of hedge, vedge…", "a whole number from
// 1 to 3".
func (p Param) Expect() i18n.Text {
	lo := strconv.FormatFloat(p.Min, 'f', -1, 64)
	hi := strconv.FormatFloat(p.Max, 'f', -1, 64)
	switch {
	case p.Kind == ParamText:
		return i18n.Text{En: p.Takes.En + ", at most " + hi + " characters", Ko: p.Takes.Ko + ", " + hi + "자 이하"}
	case p.Kind == ParamInt:
		return i18n.Text{En: "a whole number from " + lo + " to " + hi, Ko: lo + "부터 " + hi + "까지의 정수"}
	case p.Kind == ParamNumber && p.Step > 0:
		step := strconv.FormatFloat(p.Step, 'f', -1, 64)
		return i18n.Text{En: "a multiple of " + step + " from " + lo + " to " + hi, Ko: lo + "부터 " + hi + "까지 " + step + "의 배수"}
	case p.Kind == ParamNumber:
		return i18n.Text{En: "a number from " + lo + " to " + hi, Ko: lo + "부터 " + hi + "까지의 수"}
	case p.Kind == ParamOrigin:
		return i18n.Text{En: "an origin such as https://host.example", Ko: "https://host.example 같은 출처(origin)"}
	}
	vals := make([]string, len(p.Options))
	for i, c := range p.Options {
		vals[i] = c.Value
	}
	list := strings.Join(vals, ", ")
	return i18n.Text{En: "one of " + list, Ko: "가능한 값: " + list}
}

// MaxOriginLen bounds an origin's length (a host name has at most 253
// characters).
const MaxOriginLen = 300

// ParseOrigin reads a web origin as a browser writes it in
// MessageEvent.origin and location.origin: http or https, a host (a name,
// an IPv4 address or an IPv6 one in brackets), a port unless it is the
// scheme's own, nothing else (no path, not even "/", no user, query or
// fragment), in lower case. It returns the origin as written, or an error.
// site/frame.js applies the same rule. (A small parser of its own:
// net/url's would add 35 kB to demo.wasm.)
func ParseOrigin(raw string) (string, error) {
	rest, ok := strings.CutPrefix(raw, "https://")
	scheme := "https"
	if !ok {
		rest, ok = strings.CutPrefix(raw, "http://")
		scheme = "http"
	}
	if !ok || len(raw) > MaxOriginLen {
		return "", errBadValue
	}
	host, port := rest, ""
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 3 || strings.Trim(rest[1:end], "0123456789abcdef:.") != "" || !strings.Contains(rest[1:end], ":") {
			return "", errBadValue
		}
		port = rest[end+1:]
		if port != "" && !strings.HasPrefix(port, ":") {
			return "", errBadValue
		}
		port = strings.TrimPrefix(port, ":")
		if port == "" && strings.HasSuffix(rest, ":") {
			return "", errBadValue
		}
	} else {
		if i := strings.LastIndexByte(rest, ':'); i >= 0 {
			host, port = rest[:i], rest[i+1:]
			if port == "" {
				return "", errBadValue
			}
		}
		if host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "" {
			return "", errBadValue
		}
		for _, label := range strings.Split(host, ".") {
			if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
				return "", errBadValue
			}
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port || (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			return "", errBadValue
		}
	}
	return raw, nil
}

// Text is the value of a ParamOrigin parameter.
func (pv *ParamValues) Text(name string) (string, bool) {
	v, ok := pv.vals[name]
	return v, ok
}

// Has reports whether the parameter was given a valid value.
func (pv *ParamValues) Has(name string) bool { _, ok := pv.vals[name]; return ok }

// Choice is the value of a ParamChoice parameter.
func (pv *ParamValues) Choice(name string) (string, bool) {
	v, ok := pv.vals[name]
	return v, ok
}

// Int is the value of a ParamInt parameter.
func (pv *ParamValues) Int(name string) (int64, bool) {
	v, ok := pv.vals[name]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// Number is the value of a ParamNumber parameter.
func (pv *ParamValues) Number(name string) (float64, bool) {
	v, ok := pv.vals[name]
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

// Refuse records that the view could not take name=raw, and why: a value
// ParseParams accepted that the view's state refuses ("source=drawing"
// with nothing drawn yet).
func (pv *ParamValues) Refuse(name, raw string, why i18n.Text) {
	delete(pv.vals, name)
	if r := []rune(raw); len(r) > MaxParamLen {
		raw = string(r[:MaxParamLen]) + "…"
	}
	pv.notices = append(pv.notices, i18n.Text{En: name + "=" + raw + " (" + why.En + ")", Ko: name + "=" + raw + " (" + why.Ko + ")"})
}

// Notices are the values that were not taken, each with what the
// parameter takes.
func (pv *ParamValues) Notices() []i18n.Text { return pv.notices }

// Notice is the one line that names every value not taken, "Ignored from
// the address: stride=9 (a whole number from 1 to 3)", or "" when all
// were taken.
func (pv *ParamValues) Notice() i18n.Text {
	if len(pv.notices) == 0 {
		return i18n.Text{}
	}
	en := make([]string, len(pv.notices))
	ko := make([]string, len(pv.notices))
	for i, n := range pv.notices {
		en[i], ko[i] = n.En, n.Ko
	}
	return i18n.Text{
		En: "Ignored from the address: " + strings.Join(en, "; "),
		Ko: "주소에서 무시한 값: " + strings.Join(ko, "; "),
	}
}

// CheckParams reports a parameter table that is not well formed: names
// missing or repeated, a meaning missing in a language, a choice without
// values, a range upside down, a default the parameter would refuse.
func CheckParams(ps []Param) error {
	seen := map[string]bool{}
	for _, p := range ps {
		switch {
		case p.Name == "" || seen[p.Name]:
			return fmt.Errorf("parameter %q: a name, and once", p.Name)
		case p.Meaning.En == "" || p.Meaning.Ko == "":
			return fmt.Errorf("parameter %q: no meaning in both languages", p.Name)
		case p.Kind == ParamChoice && len(p.Options) == 0:
			return fmt.Errorf("parameter %q: no choices", p.Name)
		case (p.Kind == ParamInt || p.Kind == ParamNumber) && !(p.Min <= p.Max):
			return fmt.Errorf("parameter %q: range %v to %v", p.Name, p.Min, p.Max)
		case p.Kind == ParamText && (p.Max < 1 || p.Match == nil || p.Takes.En == "" || p.Takes.Ko == ""):
			return fmt.Errorf("parameter %q: a text needs a length, a check and what it takes in both languages", p.Name)
		case p.Default == "" && (p.DefaultMeaning.En == "" || p.DefaultMeaning.Ko == ""):
			return fmt.Errorf("parameter %q: no default, and nothing says what happens without it", p.Name)
		}
		if p.Default != "" {
			if v, err := p.Parse(p.Default); err != nil || v != p.Default {
				return fmt.Errorf("parameter %q: the default %q is not a canonical value", p.Name, p.Default)
			}
		}
		seen[p.Name] = true
	}
	return nil
}

// ParamsJSON is the table of every view's URL parameters, as JSON: the
// parameters every view takes (common), then each registered view with its
// title and its own parameters. It is what go generate ./wasm/app writes
// to site/url-params.json.
func ParamsJSON(common []Param, defaultView string) []byte {
	var views []*jsonw.Object
	for _, s := range Specs() {
		views = append(views, new(jsonw.Object).Str("name", s.Name).Obj("title", textJSON(s.Title)).
			Bool("default", s.Name == defaultView).Objs("params", paramsJSON(s.Params)))
	}
	var o jsonw.Object
	o.Str("about", "The URL parameters of app.html, from the views' own declarations (wasm/ui.Param); "+
		"written by go generate ./wasm/app, do not edit.").
		Str("usage", "app.html?view=NAME&PARAM=VALUE…: the common parameters apply to every view, the others to their view only. "+
			"A value a view cannot take is ignored and named on the screen.").
		Objs("common", paramsJSON(common)).Objs("views", views)
	return append(o.Bytes(), '\n')
}

func paramsJSON(ps []Param) []*jsonw.Object {
	out := make([]*jsonw.Object, 0, len(ps))
	for _, p := range ps {
		o := new(jsonw.Object).Str("name", p.Name).Str("kind", p.Kind.String()).Obj("meaning", textJSON(p.Meaning))
		if p.Default != "" {
			o.Str("default", p.Default)
		} else {
			o.Null("default")
		}
		if p.DefaultMeaning.En != "" {
			o.Obj("defaultMeaning", textJSON(p.DefaultMeaning))
		} else {
			o.Null("defaultMeaning")
		}
		switch p.Kind {
		case ParamOrigin:
		case ParamChoice:
			cs := make([]*jsonw.Object, len(p.Options))
			for i, c := range p.Options {
				cs[i] = new(jsonw.Object).Str("value", c.Value).Strs("aliases", append([]string{}, c.Aliases...))
				if c.Meaning.En != "" {
					cs[i].Obj("meaning", textJSON(c.Meaning))
				} else {
					cs[i].Null("meaning")
				}
			}
			o.Objs("values", cs)
		case ParamText:
			o.Float("maxLength", p.Max)
		default:
			o.Float("min", p.Min).Float("max", p.Max)
			if p.Step > 0 {
				o.Float("step", p.Step)
			} else {
				o.Null("step")
			}
		}
		o.Obj("expect", textJSON(p.Expect()))
		out = append(out, o)
	}
	return out
}

func textJSON(t i18n.Text) *jsonw.Object { return new(jsonw.Object).Str("en", t.En).Str("ko", t.Ko) }
