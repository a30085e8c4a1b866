package enforcer

import (
	"fmt"
	"maps"
	"math"
	"strconv"
	"strings"
)

// paramBool reads a boolean parameter, def when it is absent.
func paramBool(params map[string]any, key string, def bool) (bool, error) {
	v, ok := params[key]
	if !ok || v == nil {
		return def, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("read param %s: want boolean, got %T", key, v)
	}
	return b, nil
}

// paramInt reads a whole-number parameter, def when it is absent.
func paramInt(params map[string]any, key string, def int) (int, error) {
	v, ok := params[key]
	if !ok || v == nil {
		return def, nil
	}
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		return int(n), nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<31 {
			return int(n), nil
		}
	}
	return 0, fmt.Errorf("read param %s: want integer, got %v", key, v)
}

// paramStringMap reads an object parameter whose values are scalars, as
// strings; def when it is absent.
func paramStringMap(params map[string]any, key string, def map[string]string) (map[string]string, error) {
	v, ok := params[key]
	if !ok || v == nil {
		return maps.Clone(def), nil
	}
	var out map[string]string
	switch m := v.(type) {
	case map[string]string:
		out = maps.Clone(m)
	case map[string]any:
		out = make(map[string]string, len(m))
		for k, x := range m {
			switch s := x.(type) {
			case string:
				out[k] = s
			case float64:
				out[k] = strconv.FormatFloat(s, 'f', -1, 64)
			case int:
				out[k] = strconv.Itoa(s)
			case bool:
				out[k] = strconv.FormatBool(s)
			default:
				return nil, fmt.Errorf("read param %s.%s: want a string, got %T", key, k, x)
			}
		}
	default:
		return nil, fmt.Errorf("read param %s: want object, got %T", key, v)
	}
	for k, s := range out {
		if strings.ContainsAny(s, "\n\r") {
			return nil, fmt.Errorf("read param %s.%s: value spans lines", key, k)
		}
	}
	return out, nil
}
