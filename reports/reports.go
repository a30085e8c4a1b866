// Package reports renders an audit.Report in the formats vouch writes: a
// terminal table, the JSON report other tools read back, SARIF for code
// scanning, JUnit XML for CI test views and Markdown for people. Each format
// is one Writer in its own file. Writers take everything from the Report they
// are given: they never read the clock, flags or the environment, so the same
// Report always renders to the same bytes.
package reports

import (
	"fmt"
	"io"
	"sort"

	"github.com/vouch-audit/vouch/audit"
)

// Writer renders a report.
type Writer interface {
	Write(w io.Writer, r *audit.Report) error
}

// Registry maps format names to writers. Build one with Default or
// NewRegistry; a Registry is not safe for concurrent Register calls.
type Registry struct {
	writers map[string]Writer
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{writers: map[string]Writer{}}
}

// Default returns a registry with every built-in format: table (without
// colour), json, sarif, junit and markdown.
func Default() *Registry {
	return &Registry{writers: map[string]Writer{
		"table":    Table{},
		"json":     JSON{},
		"sarif":    SARIF{},
		"junit":    JUnit{},
		"markdown": Markdown{},
	}}
}

// Register adds a writer under name. A name may be registered once.
func (r *Registry) Register(name string, w Writer) error {
	if name == "" || w == nil {
		return fmt.Errorf("register writer %q: name and writer are required", name)
	}
	if _, dup := r.writers[name]; dup {
		return fmt.Errorf("register writer %q: already registered", name)
	}
	r.writers[name] = w
	return nil
}

// Get returns the writer registered under name.
func (r *Registry) Get(name string) (Writer, bool) {
	w, ok := r.writers[name]
	return w, ok
}

// Names lists the registered format names in sorted order.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.writers))
	for n := range r.writers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
