package policies

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-audit/vouch/audit"
)

// inputBase is the part of the input every control sees: the facts
// document's header (target, errors, ...), the parameters and the clock.
func inputBase(facts audit.Facts, params map[string]any, now time.Time) ([][2]*ast.Term, error) {
	header := audit.Facts{Schema: facts.Schema, Target: facts.Target, CollectedAt: facts.CollectedAt,
		Scanned: facts.Scanned, Errors: facts.Errors}
	b, err := json.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("encode facts: %w", err)
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("decode facts: %w", err)
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("decode facts: a %s, not an object", ast.ValueName(v))
	}
	items := make([][2]*ast.Term, 0, obj.Len()+2+len(facts.Sections))
	obj.Foreach(func(k, v *ast.Term) { items = append(items, [2]*ast.Term{k, v}) })
	pv, err := ast.InterfaceToValue(params)
	if err != nil {
		return nil, fmt.Errorf("convert parameters for the policies: %w", err)
	}
	items = append(items, [2]*ast.Term{ast.StringTerm("params"), ast.NewTerm(pv)},
		[2]*ast.Term{ast.StringTerm("now"), ast.StringTerm(now.UTC().Format(time.RFC3339))})
	return items, nil
}

// section decodes the scanner section name. The scanners' sections are
// decoded straight from their JSON: going through map[string]any and
// ast.InterfaceToValue, or re-encoding the whole document first, cost more
// than evaluating the catalog. Numbers keep their JSON text, as OPA's own
// JSON decoding does.
func (d *jsonDecoder) section(name string, b []byte) (ast.Value, error) {
	v, err := d.decode(b)
	if err != nil {
		return nil, fmt.Errorf("decode facts section %q: %w", name, err)
	}
	return v, nil
}

// decodeJSON reads one JSON document into an OPA value. Strings without
// escapes are taken as they are; the rest, and anything unusual, is left to
// encoding/json so the result is what json.Unmarshal would give.
func decodeJSON(b []byte) (ast.Value, error) {
	var d jsonDecoder
	return d.decode(b)
}

// decode reads the JSON document b. A decoder may read several in turn.
func (d *jsonDecoder) decode(b []byte) (ast.Value, error) {
	d.b, d.s, d.i = b, string(b), 0
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.b) {
		return nil, d.errorf("data after the value")
	}
	return v, nil
}

// maxJSONDepth is encoding/json's own nesting limit.
const maxJSONDepth = 10000

type jsonDecoder struct {
	b []byte
	s string // b as a string: plain strings and numbers are taken from it without a copy each
	i int
	// terms is where new terms are cut from, a block at a time.
	terms []ast.Term
	// keys holds one term per distinct plain object key: facts repeat the
	// same few names thousands of times, and OPA never changes an input term.
	keys map[string]*ast.Term
	// items and elems are stacks the objects and arrays being read keep
	// their members on until they are complete: ast.NewObject copies its
	// items, and an array gets a slice of exactly its length.
	items [][2]*ast.Term
	elems []*ast.Term
}

func (d *jsonDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", d.i, fmt.Sprintf(format, args...))
}

func (d *jsonDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

var errJSONEnd = errors.New("unexpected end of JSON")

func (d *jsonDecoder) value(depth int) (ast.Value, error) {
	if depth > maxJSONDepth {
		return nil, d.errorf("nested more than %d deep", maxJSONDepth)
	}
	d.space()
	if d.i >= len(d.b) {
		return nil, errJSONEnd
	}
	switch c := d.b[d.i]; {
	case c == '{':
		d.i++
		d.space()
		if d.i < len(d.b) && d.b[d.i] == '}' {
			d.i++
			return ast.NewObject(), nil
		}
		base := len(d.items)
		// Keys in ascending order cannot repeat, and json.Marshal writes a
		// map's keys so: only an object out of order is searched for them.
		ascending := true
		var index map[ast.String]int // key to item, in large objects
		for {
			d.space()
			if d.i >= len(d.b) || d.b[d.i] != '"' {
				return nil, d.errorf("want an object key")
			}
			// The keys of a large object in order are a map's (package
			// names, paths): they seldom repeat, so they are not kept.
			k, err := d.key(!ascending || len(d.items)-base < 16)
			if err != nil {
				return nil, err
			}
			d.space()
			if d.i >= len(d.b) || d.b[d.i] != ':' {
				return nil, d.errorf("want ':' after an object key")
			}
			d.i++
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			items := d.items[base:]
			if ascending && len(items) > 0 && items[len(items)-1][0].Value.(ast.String) >= k.Value.(ast.String) {
				ascending = false
			}
			// A repeated key keeps its last value, as json.Unmarshal does
			// (ast.NewObject would keep both).
			i := -1
			if !ascending {
				i = dupKey(items, &index, k)
			}
			if i >= 0 {
				items[i][1] = d.term(v)
			} else {
				d.items = append(d.items, [2]*ast.Term{k, d.term(v)})
			}
			if done, err := d.next('}'); err != nil {
				return nil, err
			} else if done {
				obj := ast.NewObject(d.items[base:]...)
				d.items = d.items[:base]
				return obj, nil
			}
		}
	case c == '[':
		d.i++
		d.space()
		if d.i < len(d.b) && d.b[d.i] == ']' {
			d.i++
			return ast.NewArray(), nil
		}
		base := len(d.elems)
		for {
			v, err := d.value(depth + 1)
			if err != nil {
				return nil, err
			}
			d.elems = append(d.elems, d.term(v))
			if done, err := d.next(']'); err != nil {
				return nil, err
			} else if done {
				arr := ast.NewArray(slices.Clone(d.elems[base:])...)
				d.elems = d.elems[:base]
				return arr, nil
			}
		}
	case c == '"':
		return d.str()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	default:
		for _, lit := range []struct {
			text string
			v    ast.Value
		}{{"true", ast.Boolean(true)}, {"false", ast.Boolean(false)}, {"null", ast.NullValue}} {
			if len(d.b)-d.i >= len(lit.text) && string(d.b[d.i:d.i+len(lit.text)]) == lit.text {
				d.i += len(lit.text)
				return lit.v, nil
			}
		}
		return nil, d.errorf("unexpected %q", c)
	}
}

// term wraps v in a term cut from the current block.
func (d *jsonDecoder) term(v ast.Value) *ast.Term {
	if len(d.terms) == 0 {
		d.terms = make([]ast.Term, 256)
	}
	t := &d.terms[0]
	d.terms = d.terms[1:]
	t.Value = v
	return t
}

// dupKey returns the index of the item with key k, or -1 after noting k as
// the next item's key. Small objects are searched; larger ones indexed.
func dupKey(items [][2]*ast.Term, index *map[ast.String]int, k *ast.Term) int {
	key := k.Value.(ast.String)
	const small = 16
	if len(items) < small {
		for i, it := range items {
			if it[0].Value.(ast.String) == key {
				return i
			}
		}
		return -1
	}
	if *index == nil {
		*index = make(map[ast.String]int, 2*len(items))
		for i, it := range items {
			(*index)[it[0].Value.(ast.String)] = i
		}
	}
	if i, ok := (*index)[key]; ok {
		return i
	}
	(*index)[key] = len(items)
	return -1
}

// next reads the ',' between elements or the closing delimiter, and says
// whether it was the closing one.
func (d *jsonDecoder) next(closing byte) (bool, error) {
	d.space()
	if d.i >= len(d.b) {
		return false, errJSONEnd
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		return false, nil
	case closing:
		d.i++
		return true, nil
	}
	return false, d.errorf("want ',' or %q", closing)
}

// key reads an object key at d.i (its opening quote): the term kept for it
// when there is one, else a new term, kept if keep is set.
func (d *jsonDecoder) key(keep bool) (*ast.Term, error) {
	start := d.i
	if !keep {
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return d.term(s), nil
	}
	if end := plainEnd(d.b, start+1); end > 0 {
		if t, ok := d.keys[string(d.b[start+1:end])]; ok {
			d.i = end + 1
			return t, nil
		}
	}
	s, err := d.str()
	if err != nil {
		return nil, err
	}
	t := d.term(s)
	if d.keys == nil {
		d.keys = map[string]*ast.Term{}
	}
	if len(d.keys) < 4096 {
		d.keys[string(s)] = t
	}
	return t, nil
}

// plainEnd is the index of the quote ending a string of printable ASCII
// without escapes that starts at b[i], or -1.
func plainEnd(b []byte, i int) int {
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return -1
		}
	}
	return -1
}

// str reads a string at d.i (its opening quote).
func (d *jsonDecoder) str() (ast.String, error) {
	start := d.i
	plain := true
	for j := start + 1; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			if plain {
				d.i = j + 1
				return ast.String(d.s[start+1 : j]), nil
			}
			var s string
			if err := json.Unmarshal(d.b[start:j+1], &s); err != nil {
				return "", d.errorf("%v", err)
			}
			d.i = j + 1
			return ast.String(s), nil
		case c == '\\':
			plain = false
			j++ // the escaped byte cannot end the string
		case c < 0x20:
			return "", d.errorf("control character in a string")
		case c >= utf8.RuneSelf:
			// Invalid UTF-8 becomes U+FFFD, as json.Unmarshal makes it.
			r, size := utf8.DecodeRune(d.b[j:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			j += size - 1
		}
	}
	d.i = len(d.b)
	return "", errJSONEnd
}

// number reads a JSON number at d.i and keeps its text.
func (d *jsonDecoder) number() (ast.Number, error) {
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.b[d.i] == '-' {
		d.i++
	}
	if d.i < len(d.b) && d.b[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		return "", d.errorf("malformed number")
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return "", d.errorf("malformed number")
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return "", d.errorf("malformed number")
		}
	}
	return ast.Number(d.s[start:d.i]), nil
}
