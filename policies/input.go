package policies

import (
	"bytes"
	"encoding/json"
	"encoding/json/jsontext"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-audit/vouch/audit"
)

// inputValue is Input in OPA's value form, decoded straight from the facts'
// JSON: going through map[string]any and ast.InterfaceToValue cost more than
// evaluating half the catalog. Numbers keep their JSON text, as OPA's own
// JSON decoding does.
func inputValue(facts audit.Facts, params map[string]any, now time.Time) (ast.Value, error) {
	b, err := json.Marshal(facts)
	if err != nil {
		return nil, fmt.Errorf("encode facts: %w", err)
	}
	v, err := jsonValue(jsontext.NewDecoder(bytes.NewReader(b)))
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

// jsonValue reads one JSON value from dec.
func jsonValue(dec *jsontext.Decoder) (ast.Value, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case '{':
		var items [][2]*ast.Term
		for dec.PeekKind() != '}' {
			k, err := dec.ReadToken()
			if err != nil {
				return nil, err
			}
			key := ast.StringTerm(k.String()) // before the next read voids k
			v, err := jsonValue(dec)
			if err != nil {
				return nil, err
			}
			items = append(items, [2]*ast.Term{key, ast.NewTerm(v)})
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		return ast.NewObject(items...), nil
	case '[':
		var terms []*ast.Term
		for dec.PeekKind() != ']' {
			v, err := jsonValue(dec)
			if err != nil {
				return nil, err
			}
			terms = append(terms, ast.NewTerm(v))
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		return ast.NewArray(terms...), nil
	case '"':
		return ast.String(tok.String()), nil
	case '0':
		return ast.Number(tok.String()), nil
	case 't', 'f':
		return ast.Boolean(tok.Bool()), nil
	case 'n':
		return ast.NullValue, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %s", tok)
}
