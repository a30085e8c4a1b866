// Package testtarget holds target wrappers tests use to see what a scanner
// asked of a target.
package testtarget

import (
	"sync"

	"github.com/vouch-audit/vouch/target"
)

// ReadCounter is a dir: target that counts how often each file is read.
type ReadCounter struct {
	*target.Dir
	mu    sync.Mutex
	reads map[string]int
}

// NewReadCounter wraps d.
func NewReadCounter(d *target.Dir) *ReadCounter {
	return &ReadCounter{Dir: d, reads: map[string]int{}}
}

// ReadFile counts the read and reads the file from the tree.
func (c *ReadCounter) ReadFile(p string, max int64) ([]byte, error) {
	c.mu.Lock()
	c.reads[p]++
	c.mu.Unlock()
	return c.Dir.ReadFile(p, max)
}

// Reads is how often p was read.
func (c *ReadCounter) Reads(p string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads[p]
}
