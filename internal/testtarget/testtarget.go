// Package testtarget holds target wrappers tests use to see what a scanner
// asked of a target.
package testtarget

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vouch-audit/vouch/target"
)

// Fixture opens the host tree fixtures/hosts/NAME of this module as a dir:
// target, from a test in any package (tests run in their package's
// directory: the module root is the nearest one above with a go.mod).
func Fixture(t testing.TB, name string) *target.Dir {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatalf("fixture %s: no go.mod above the test's directory", name)
		}
		dir = up
	}
	root := filepath.Join(dir, "fixtures", "hosts", name)
	d, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

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
