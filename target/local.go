package target

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"sort"
)

// Local is the machine vouch runs on.
type Local struct{}

var _ Target = (*Local)(nil)

// NewLocal returns the local machine as a target.
func NewLocal() *Local { return &Local{} }

// Info names the target "local".
func (*Local) Info() Info { return Info{Name: "local", Kind: "local"} }

// ReadFile reads at most max bytes (DefaultMaxRead when max <= 0).
func (*Local) ReadFile(path string, max int64) ([]byte, error) {
	return readCapped(path, path, max)
}

// ReadDir lists a directory sorted by name.
func (*Local) ReadDir(path string) ([]fs.DirEntry, error) { return os.ReadDir(path) }

// Stat follows symlinks.
func (*Local) Stat(path string) (fs.FileInfo, error) { return os.Stat(path) }

// Lstat does not follow symlinks.
func (*Local) Lstat(path string) (fs.FileInfo, error) { return os.Lstat(path) }

// Readlink returns a symlink's destination.
func (*Local) Readlink(path string) (string, error) { return os.Readlink(path) }

// Run runs the program with a deadline, keeping at most MaxOutput bytes.
// PathFinder is implemented by targets that can say which file a command name
// runs, as Run would find it.
type PathFinder interface {
	LookPath(name string) (string, error)
}

var _ PathFinder = (*Local)(nil)

// LookPath finds name in this process's PATH, as Run does.
func (*Local) LookPath(name string) (string, error) { return exec.LookPath(name) }

func (*Local) Run(ctx context.Context, c Command) (Output, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	max := c.MaxOutput
	if max <= 0 {
		max = DefaultMaxRead
	}
	cmd := exec.CommandContext(ctx, c.Name, c.Args...)
	cmd.Env = append(append(os.Environ(), "LC_ALL=C", "LANG=C"), c.Env...)
	var stdout, stderr cappedBuffer
	stdout.max, stderr.max = max, 64<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := Output{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	if ctx.Err() == context.DeadlineExceeded {
		return out, fmt.Errorf("run %s: timed out after %s", c, timeout)
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		out.ExitCode = exitErr.ExitCode()
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("run %s: %w", c, err)
	}
	if stdout.over {
		return out, fmt.Errorf("run %s: output exceeds %d bytes: %w", c, max, ErrTooLarge)
	}
	return out, nil
}

// cappedBuffer keeps the first max bytes and notes that more arrived.
type cappedBuffer struct {
	bytes.Buffer
	max  int64
	over bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	room := b.max - int64(b.Len())
	if room <= 0 {
		b.over = b.over || len(p) > 0
		return len(p), nil
	}
	if int64(len(p)) > room {
		b.over = true
		b.Buffer.Write(p[:room])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// readCapped reads real path fsPath, reporting errors under the target path name.
// Files in /proc report size 0, so the cap is enforced on what is read.
func readCapped(fsPath, name string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxRead
	}
	return readWhole(fsPath, name, max)
}

// readWholeFile is readWhole through package os, for systems without the
// plain-system-call version.
func readWholeFile(fsPath, name string, max int64) ([]byte, error) {
	f, err := os.Open(fsPath)
	if err != nil {
		return nil, relabel(err, name)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, fmt.Errorf("read %s: is a directory", name)
		}
		if fi.Size() > max {
			return nil, fmt.Errorf("read %s: %d bytes: %w (%d)", name, fi.Size(), ErrTooLarge, max)
		}
		size = fi.Size()
	}
	// Size the buffer from the stat so a large file (a package list, the dpkg
	// status) is read in one allocation rather than grown and copied; files in
	// /proc report 0 and grow as usual.
	buf := bytes.NewBuffer(make([]byte, 0, size+512))
	_, err = buf.ReadFrom(io.LimitReader(f, max+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("read %s: %w (%d)", name, ErrTooLarge, max)
	}
	return b, nil
}

// relabel rewrites a *fs.PathError so it names the target path, not the host path.
func relabel(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

func sortEntries(es []fs.DirEntry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Name() < es[j].Name() })
}
