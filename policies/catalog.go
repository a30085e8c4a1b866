package policies

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-audit/vouch/audit"
)

var idPattern = regexp.MustCompile(`^[A-Z]{2,5}-[0-9]{3}$`)

// paramTypes are the types a parameter may declare.
var paramTypes = map[string]bool{"integer": true, "number": true, "boolean": true, "string": true, "array": true, "object": true}

// readCatalog builds the catalog from package-scoped METADATA of every package
// under vouch.controls, and checks it: required fields, unique ids, one type
// and default per parameter name.
func (e *Engine) readCatalog() error {
	var problems []string
	seenFile := map[string]string{}
	for _, ref := range e.compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		pkg := strings.TrimPrefix(ref.Path.String(), "data.")
		if !strings.HasPrefix(pkg, controlsRoot+".") {
			continue
		}
		where := pkg
		if a.Location != nil {
			where = fmt.Sprintf("%s:%d", a.Location.File, a.Location.Row)
		}
		c, err := controlFrom(a, pkg)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", where, err))
			continue
		}
		if a.Location != nil {
			c.File = relFile(a.Location.File)
		}
		if prev, dup := seenFile[c.ID]; dup {
			problems = append(problems, fmt.Sprintf("%s: control id %s already used by %s", where, c.ID, prev))
			continue
		}
		seenFile[c.ID] = where
		for _, p := range c.Parameters {
			if prev, ok := e.params[p.Name]; ok {
				if prev.Type != p.Type || fmt.Sprint(prev.Default) != fmt.Sprint(p.Default) {
					problems = append(problems, fmt.Sprintf("%s: parameter %s declared as %s %v, but elsewhere as %s %v", where, p.Name, p.Type, p.Default, prev.Type, prev.Default))
				}
				continue
			}
			e.params[p.Name] = p
		}
		e.controls = append(e.controls, c)
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("read control catalog:\n  %s", strings.Join(problems, "\n  "))
	}
	sort.Slice(e.controls, func(i, j int) bool {
		fi, fj := familyOrder(e.controls[i].Family), familyOrder(e.controls[j].Family)
		if fi != fj {
			return fi < fj
		}
		return e.controls[i].ID < e.controls[j].ID
	})
	for i, c := range e.controls {
		e.byID[c.ID] = i
	}
	return nil
}

//go:embed catalog.json
var embeddedCatalog []byte

// catalogSchema names catalog.json's format.
const catalogSchema = "vouch.catalog/v1"

type catalogFile struct {
	Schema   string          `json:"schema"`
	Controls []audit.Control `json:"controls"`
}

// loadCatalog reads a catalog written by catalogJSON, in the order it has.
func (e *Engine) loadCatalog(b []byte) error {
	var cf catalogFile
	if err := json.Unmarshal(b, &cf); err != nil {
		return fmt.Errorf("read control catalog: %w", err)
	}
	if cf.Schema != catalogSchema || len(cf.Controls) == 0 {
		return fmt.Errorf("read control catalog: schema %q with %d controls, want %s", cf.Schema, len(cf.Controls), catalogSchema)
	}
	e.controls = cf.Controls
	for i, c := range e.controls {
		e.byID[c.ID] = i
		for _, p := range c.Parameters {
			if _, ok := e.params[p.Name]; !ok {
				e.params[p.Name] = p
			}
		}
	}
	return nil
}

// catalogJSON is the catalog as catalog.json holds it.
func (e *Engine) catalogJSON() ([]byte, error) {
	b, err := json.MarshalIndent(catalogFile{Schema: catalogSchema, Controls: e.controls}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// families in the order the catalog presents them.
var families = []string{"HOST", "ACC", "LOG", "SSH", "TLS", "NET", "CTR", "BAK", "SLA", "ENV", "ATT"}

func familyOrder(f string) int {
	for i, x := range families {
		if x == f {
			return i
		}
	}
	return len(families)
}

func controlFrom(a *ast.Annotations, pkg string) (audit.Control, error) {
	cu := a.Custom
	c := audit.Control{Title: a.Title, Description: strings.TrimSpace(a.Description), Package: pkg}
	c.ID, _ = cu["id"].(string)
	if !idPattern.MatchString(c.ID) {
		return c, fmt.Errorf("custom.id %q is not an id like HOST-001", c.ID)
	}
	c.Family = family(c.ID)
	if c.Title == "" {
		return c, fmt.Errorf("%s: title is required", c.ID)
	}
	sev, _ := cu["severity"].(string)
	s, err := audit.ParseSeverity(sev)
	if err != nil {
		return c, fmt.Errorf("%s: custom.severity: %w", c.ID, err)
	}
	c.Severity = s
	c.Claim, _ = cu["claim"].(string)
	c.Remediation, _ = cu["remediation"].(string)
	c.Remediation = strings.TrimSpace(c.Remediation)
	facts, _ := cu["facts"].([]any)
	for _, f := range facts {
		fs, ok := f.(string)
		if !ok || fs == "" {
			return c, fmt.Errorf("%s: custom.facts must be a list of dotted paths", c.ID)
		}
		c.Facts = append(c.Facts, fs)
	}
	if len(c.Facts) == 0 {
		return c, fmt.Errorf("%s: custom.facts is required (the facts the control reads)", c.ID)
	}
	srcs, _ := cu["sources"].([]any)
	for _, s := range srcs {
		m, _ := s.(map[string]any)
		doc, _ := m["doc"].(string)
		sec, _ := m["section"].(string)
		if doc == "" {
			return c, fmt.Errorf("%s: every custom.sources entry needs doc", c.ID)
		}
		c.Sources = append(c.Sources, audit.Source{Doc: doc, Section: sec})
	}
	params, _ := cu["parameters"].(map[string]any)
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m, _ := params[n].(map[string]any)
		typ, _ := m["type"].(string)
		if !paramTypes[typ] {
			return c, fmt.Errorf("%s: parameter %s: type %q is not one of integer, number, boolean, string, array, object", c.ID, n, typ)
		}
		def, ok := m["default"]
		if !ok {
			return c, fmt.Errorf("%s: parameter %s: default is required", c.ID, n)
		}
		if err := checkType(typ, def); err != nil {
			return c, fmt.Errorf("%s: parameter %s: default: %w", c.ID, n, err)
		}
		desc, _ := m["description"].(string)
		c.Parameters = append(c.Parameters, audit.Parameter{Name: n, Type: typ, Default: normalize(def), Description: strings.TrimSpace(desc)})
	}
	return c, nil
}
