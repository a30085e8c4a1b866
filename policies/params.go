package policies

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// ParamError says which parameter is wrong and why.
type ParamError struct {
	Key string
	Msg string
}

func (e *ParamError) Error() string { return fmt.Sprintf("params.%s: %s", e.Key, e.Msg) }

// Params resolves the parameters of a run: every declared default, then the
// profile's values, then overrides (from vouch.yaml). An unknown key or a value
// of the wrong type is a *ParamError naming the key.
func (e *Engine) Params(profile *Profile, overrides map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(e.params))
	for n, p := range e.params {
		out[n] = p.Default
	}
	layers := []map[string]any{overrides}
	if profile != nil {
		layers = []map[string]any{profile.Params, overrides}
	}
	for _, layer := range layers {
		keys := make([]string, 0, len(layer))
		for k := range layer {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, err := e.CheckParam(k, layer[k])
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
	}
	return out, nil
}

// CheckParam validates one parameter value and returns it normalised (YAML
// integers become float64 the way JSON numbers do).
func (e *Engine) CheckParam(key string, v any) (any, error) {
	p, ok := e.params[key]
	if !ok {
		return nil, &ParamError{Key: key, Msg: "unknown parameter" + e.suggest(key)}
	}
	if err := checkType(p.Type, v); err != nil {
		return nil, &ParamError{Key: key, Msg: err.Error()}
	}
	return normalize(v), nil
}

func (e *Engine) suggest(key string) string {
	var near []string
	for n := range e.params {
		if strings.Contains(n, key) || strings.Contains(key, n) || sharedPrefix(n, key) >= 5 || editDistance(n, key) <= 2 {
			near = append(near, n)
		}
	}
	if len(near) == 0 {
		return " (vouch controls --format json lists every parameter)"
	}
	sort.Strings(near)
	return fmt.Sprintf(" (did you mean %s?)", strings.Join(near, ", "))
}

// editDistance is the Levenshtein distance of two short ASCII keys: enough to
// catch a typo such as "limt" for "limit".
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// checkType reports whether v (decoded from YAML or JSON) has the declared type.
func checkType(typ string, v any) error {
	ok := false
	switch typ {
	case "integer":
		switch x := v.(type) {
		case int, int64, uint64:
			ok = true
		case float64:
			ok = x == math.Trunc(x)
		}
	case "number":
		switch v.(type) {
		case int, int64, uint64, float64:
			ok = true
		}
	case "boolean":
		_, ok = v.(bool)
	case "string":
		_, ok = v.(string)
	case "array":
		_, ok = v.([]any)
	case "object":
		_, ok = v.(map[string]any)
	}
	if !ok {
		return fmt.Errorf("want %s, got %s", typ, describe(v))
	}
	return nil
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %v", x)
	case int, int64, uint64, float64:
		return fmt.Sprintf("number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// normalize converts YAML-decoded values to the JSON shapes Rego sees.
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}
