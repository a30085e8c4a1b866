package scanners

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/vouch-audit/vouch/target"
)

// sharedKey marks a context carrying one collection's shared results.
type sharedKey struct{}

// shared holds what the scanners of one target's collection computed once
// for all of them.
type shared struct {
	mu   sync.Mutex
	vals map[sharedID]*sharedVal
}

// sharedID names a value: what it is, and of which target, so a scanner
// that reads another tree in the same run (an image's) never gets the
// machine's value.
type sharedID struct {
	t   target.Target
	key string
}

type sharedVal struct {
	once sync.Once
	v    any
}

// WithShared returns a context in which Shared computes each key once. The
// run gives one to every target's collection, so two scanners that need the
// same expensive listing (the host's processes and sockets, which the
// firewall scanner also needs) read the target once.
func WithShared(ctx context.Context) context.Context {
	return context.WithValue(ctx, sharedKey{}, &shared{vals: map[sharedID]*sharedVal{}})
}

// Shared returns fn's result for key on target t, calling fn only for the
// first caller under a context from WithShared; later callers wait for it and
// get the same value, which none of them may change. Without such a context,
// or for a target value that cannot be compared, fn is called every time.
func Shared[T any](ctx context.Context, t target.Target, key string, fn func() T) T {
	s, ok := ctx.Value(sharedKey{}).(*shared)
	if !ok || t == nil || !reflect.TypeOf(t).Comparable() {
		return fn()
	}
	id := sharedID{t, key}
	s.mu.Lock()
	sv, ok := s.vals[id]
	if !ok {
		sv = &sharedVal{}
		s.vals[id] = sv
	}
	s.mu.Unlock()
	sv.once.Do(func() { sv.v = fn() })
	return sv.v.(T)
}

// fileRead is a file's bytes or the error reading it.
type fileRead struct {
	b   []byte
	err error
}

// SharedFile reads path on t, up to max bytes, once per collection: the
// dpkg database, which the host and SSH scanners both read, is most of a
// megabyte. Callers must not change the bytes.
func SharedFile(ctx context.Context, t target.Target, path string, max int64) ([]byte, error) {
	r := Shared(ctx, t, fmt.Sprintf("file %d %s", max, path), func() fileRead {
		b, err := t.ReadFile(path, max)
		return fileRead{b, err}
	})
	return r.b, r.err
}
