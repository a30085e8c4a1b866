package policies

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-audit/vouch/audit"
)

// inputValue builds the document the controls read (the facts, the
// parameters and the clock) in OPA's value form, decoded straight from the
// facts' JSON: going through map[string]any and ast.InterfaceToValue cost more
// than evaluating half the catalog. Numbers keep their JSON text, as OPA's own
// JSON decoding does. (encoding/json's tokens, not jsontext's, so vouch
// builds without GOEXPERIMENT=jsonv2.)
func inputValue(facts audit.Facts, params map[string]any, now time.Time) (ast.Value, error) {
	b, err := json.Marshal(facts)
	if err != nil {
		return nil, fmt.Errorf("encode facts: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err != nil {
		return nil, fmt.Errorf("decode facts: %w", err)
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("decode facts: a %s, not an object", ast.ValueName(v))
	}
	pv, err := ast.InterfaceToValue(params)
	if err != nil {
		return nil, fmt.Errorf("convert parameters for the policies: %w", err)
	}
	obj.Insert(ast.StringTerm("params"), ast.NewTerm(pv))
	obj.Insert(ast.StringTerm("now"), ast.StringTerm(now.UTC().Format(time.RFC3339)))
	return obj, nil
}

// jsonValue reads one JSON value from dec, which uses numbers.
func jsonValue(dec *json.Decoder) (ast.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch x := tok.(type) {
	case json.Delim:
		switch x {
		case '{':
			var items [][2]*ast.Term
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", k)
				}
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				items = append(items, [2]*ast.Term{ast.StringTerm(key), ast.NewTerm(v)})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return ast.NewObject(items...), nil
		case '[':
			var terms []*ast.Term
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				terms = append(terms, ast.NewTerm(v))
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return ast.NewArray(terms...), nil
		}
	case string:
		return ast.String(x), nil
	case json.Number:
		return ast.Number(x), nil
	case bool:
		return ast.Boolean(x), nil
	case nil:
		return ast.NullValue, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}
