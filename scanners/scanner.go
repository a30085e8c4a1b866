// Package scanners defines how fact sources plug into vouch. A Scanner reads one
// kind of fact from a target and returns a typed section for the facts document;
// what it could not read it reports per fact path, so a control never mistakes
// "not collected" for "fine". Scanners are looked up in a Registry value built by
// the caller: tests build their own, nothing registers itself.
package scanners

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"sync"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// Scanner gathers one section of a facts document.
type Scanner interface {
	// Name is the section key in the facts document ("host", "ssh").
	Name() string
	// Scan reads facts from the target. The returned value is marshalled to JSON
	// as the section; problems with single facts go to Collection.Errorf and the
	// scan goes on. An error return means the whole section could not be read.
	Scan(ctx context.Context, t target.Target, c *Collection) (any, error)
}

// Applier is implemented by a scanner that decides which targets it reads. A
// scanner without it applies to machines (local, dir:) and not to endpoints,
// which have no files to read.
type Applier interface {
	Applies(t target.Target) bool
}

// Applies reports whether s reads facts from t.
func Applies(s Scanner, t target.Target) bool {
	if a, ok := s.(Applier); ok {
		return a.Applies(t)
	}
	return t.Info().Kind != "endpoint"
}

// Collection carries what a scan needs besides the target: the run's clock and a
// sink for per-fact errors.
type Collection struct {
	// Now is the run's clock; scanners never call time.Now.
	Now    time.Time
	mu     sync.Mutex
	errors map[string]string
}

// NewCollection starts a collection at the given time.
func NewCollection(now time.Time) *Collection {
	return &Collection{Now: now, errors: map[string]string{}}
}

// Errorf records why the fact at path ("host.shadow") could not be collected.
// It is safe for concurrent use.
func (c *Collection) Errorf(path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.mu.Lock()
	c.errors[path] = msg
	c.mu.Unlock()
}

// Errors returns a copy of the recorded per-fact errors.
func (c *Collection) Errors() map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.errors)
}

// Registry holds the scanners a run may use, by name.
type Registry struct {
	byName map[string]Scanner
}

// NewRegistry builds a registry from scanners; a duplicate name is a programming error.
func NewRegistry(ss ...Scanner) *Registry {
	r := &Registry{byName: map[string]Scanner{}}
	for _, s := range ss {
		if _, dup := r.byName[s.Name()]; dup {
			panic("scanners: duplicate scanner " + s.Name())
		}
		r.byName[s.Name()] = s
	}
	return r
}

// Get returns the named scanner.
func (r *Registry) Get(name string) (Scanner, bool) {
	s, ok := r.byName[name]
	return s, ok
}

// Names lists the registered scanners, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
