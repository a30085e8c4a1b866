package policies

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Profile is the set of controls a policy document claims, with its own
// parameter values.
type Profile struct {
	Name        string         `yaml:"name" json:"name"`
	Title       string         `yaml:"title" json:"title"`
	Source      string         `yaml:"source" json:"source,omitempty"`
	Description string         `yaml:"description" json:"description,omitempty"`
	Controls    []string       `yaml:"controls" json:"controls"`
	Params      map[string]any `yaml:"params" json:"params,omitempty"`
	File        string         `yaml:"-" json:"-"`
}

// Profile returns a profile by name.
func (e *Engine) Profile(name string) (*Profile, error) {
	p, ok := e.profiles[name]
	if !ok {
		return nil, fmt.Errorf("unknown profile %q (known: %s)", name, strings.Join(e.ProfileNames(), ", "))
	}
	return p, nil
}

// ProfileNames lists the profiles, sorted.
func (e *Engine) ProfileNames() []string {
	out := make([]string, 0, len(e.profiles))
	for n := range e.profiles {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// loadProfiles reads profiles/*.yaml and checks every control id and parameter.
func loadProfiles(fsys fs.FS, e *Engine) (map[string]*Profile, error) {
	files, err := fs.Glob(fsys, "profiles/*.yaml")
	if err != nil {
		return nil, err
	}
	out := map[string]*Profile{}
	var problems []string
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read profile %s: %w", f, err)
		}
		var p Profile
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&p); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", f, err))
			continue
		}
		p.File = f
		if want := strings.TrimSuffix(path.Base(f), ".yaml"); p.Name != want {
			problems = append(problems, fmt.Sprintf("%s: name %q does not match the file name", f, p.Name))
			continue
		}
		if _, dup := out[p.Name]; dup {
			problems = append(problems, fmt.Sprintf("%s: profile %s defined twice", f, p.Name))
		}
		if len(p.Controls) == 1 && p.Controls[0] == "*" {
			// "*" is every control in the catalog: the baseline never falls behind it.
			p.Controls = make([]string, 0, len(e.controls))
			for _, c := range e.controls {
				p.Controls = append(p.Controls, c.ID)
			}
		}
		seen := map[string]bool{}
		for _, id := range p.Controls {
			if _, ok := e.byID[id]; !ok {
				problems = append(problems, fmt.Sprintf("%s: control %s has no rule", f, id))
			}
			if seen[id] {
				problems = append(problems, fmt.Sprintf("%s: control %s listed twice", f, id))
			}
			seen[id] = true
		}
		for k, v := range p.Params {
			nv, err := e.CheckParam(k, v)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", f, err))
				continue
			}
			p.Params[k] = nv
		}
		out[p.Name] = &p
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("load profiles:\n  %s", strings.Join(problems, "\n  "))
	}
	return out, nil
}
