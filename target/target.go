// Package target reaches the machine being audited. A Target reads files under
// the machine's root with a size cap, lists directories, stats paths and runs
// commands with a deadline. Local is this machine; Dir is a root tree on disk
// (a fixture, an unpacked image, a chroot) that answers commands from outputs
// recorded beside it, so a scan of a Dir reproduces a scan of the host it was
// recorded from.
package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
)

// DefaultMaxRead caps a single file read unless the caller asks otherwise.
const DefaultMaxRead = 8 << 20

// ErrNotRecorded is returned by a Dir target for a command it holds no recorded
// output for.
var ErrNotRecorded = errors.New("not recorded")

// ErrTooLarge is returned when a file is bigger than the read cap.
var ErrTooLarge = errors.New("file exceeds read cap")

// Target is a machine vouch audits. Paths are absolute paths on that machine
// ("/etc/ssh/sshd_config"), whatever the target's real location.
type Target interface {
	// Info names the target.
	Info() Info
	// ReadFile returns at most max bytes of the file; a larger file yields
	// ErrTooLarge (wrapped) so a caller never works on a silent truncation.
	ReadFile(path string, max int64) ([]byte, error)
	// ReadDir lists a directory, sorted by name.
	ReadDir(path string) ([]fs.DirEntry, error)
	// Stat follows symlinks; Lstat does not.
	Stat(path string) (fs.FileInfo, error)
	Lstat(path string) (fs.FileInfo, error)
	// Readlink returns a symlink's destination as stored.
	Readlink(path string) (string, error)
	// Run runs a program and returns its standard output.
	Run(ctx context.Context, cmd Command) (Output, error)
}

// Info describes a target.
type Info struct {
	Name string // as the user spelled it
	Kind string // local, dir, ssh
}

// Command is a program to run on the target.
type Command struct {
	Name    string
	Args    []string
	Timeout time.Duration // zero means DefaultTimeout
	// MaxOutput caps the output kept; zero means DefaultMaxRead.
	MaxOutput int64
	// Env adds NAME=value entries to the program's environment only (a
	// password for restic). It is not part of the command line: String and
	// CommandKey leave it out, so it never reaches evidence or recordings.
	Env []string
}

// DefaultTimeout bounds a command that did not ask for another deadline.
const DefaultTimeout = 10 * time.Second

// String renders the command as a shell would show it.
func (c Command) String() string {
	if len(c.Args) == 0 {
		return c.Name
	}
	return c.Name + " " + strings.Join(c.Args, " ")
}

// Output is what a command printed and how it ended.
type Output struct {
	Stdout   []byte
	Stderr   []byte
	ExitCode int
}

// Parse turns a target spec ("local", "dir:PATH") into a Target.
func Parse(spec string) (Target, error) {
	switch {
	case spec == "" || spec == "local":
		return NewLocal(), nil
	case strings.HasPrefix(spec, "dir:"):
		root := strings.TrimPrefix(spec, "dir:")
		if root == "" {
			return nil, fmt.Errorf("target %q: dir: needs a path, as in dir:fixtures/hosts/debian12-compliant", spec)
		}
		return NewDir(root, spec)
	case strings.HasPrefix(spec, "ssh://"):
		return nil, fmt.Errorf("target %q: ssh:// targets are not supported yet; audit a recorded tree with dir:PATH, or probe the daemon with --endpoint", spec)
	}
	return nil, fmt.Errorf("target %q: unknown kind (want local, dir:PATH or ssh://user@host[:port])", spec)
}
