package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// RecordedDir is where a Dir target keeps recorded command outputs, relative to
// its root. The output of `sshd -T` lives in ROOT/.vouch/commands/sshd_-T; see
// CommandKey for the naming rule. An optional KEY.exit file holds the exit code
// and KEY.stderr the standard error.
const RecordedDir = ".vouch/commands"

// maxLinks bounds symlink resolution, as the kernel's ELOOP limit does.
const maxLinks = 40

// Dir is a root tree on disk standing in for a machine. Absolute symlinks inside
// the tree resolve against the tree's root, never the host's.
type Dir struct {
	root  string
	name  string
	attrs map[string]attr
}

var _ Target = (*Dir)(nil)

// NewDir opens a root tree. name is how the user spelled the target.
func NewDir(root, name string) (*Dir, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", name, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", name, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("target %s: %s is not a directory", name, root)
	}
	attrs, err := loadAttrs(abs)
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", name, err)
	}
	return &Dir{root: abs, name: name, attrs: attrs}, nil
}

// Root is the tree's location on this machine.
func (d *Dir) Root() string { return d.root }

// Info names the target.
func (d *Dir) Info() Info { return Info{Name: d.name, Kind: "dir"} }

// resolve maps a target path to a host path, following symlinks inside the tree
// (all components when follow is set, all but the last otherwise).
func (d *Dir) resolve(p string, follow bool) (string, error) {
	if !path.IsAbs(p) {
		p = "/" + p
	}
	parts := strings.Split(path.Clean(p), "/")[1:]
	cur := "/"
	hops := 0
	for i := 0; i < len(parts); i++ {
		part := parts[i]
		if part == "" || part == "." {
			continue
		}
		if part == ".." {
			cur = path.Dir(cur)
			continue
		}
		next := path.Join(cur, part)
		last := i == len(parts)-1
		if last && !follow {
			cur = next
			break
		}
		fi, err := os.Lstat(filepath.Join(d.root, filepath.FromSlash(next)))
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		hops++
		if hops > maxLinks {
			return "", &fs.PathError{Op: "resolve", Path: p, Err: syscall.ELOOP}
		}
		dest, err := os.Readlink(filepath.Join(d.root, filepath.FromSlash(next)))
		if err != nil {
			return "", relabel(err, p)
		}
		rest := parts[i+1:]
		if path.IsAbs(dest) {
			parts = append(strings.Split(path.Clean(dest), "/")[1:], rest...)
			cur = "/"
		} else {
			parts = append(strings.Split(path.Clean(dest), "/"), rest...)
		}
		i = -1
	}
	return filepath.Join(d.root, filepath.FromSlash(cur)), nil
}

// ReadFile reads a file of the tree with a size cap.
func (d *Dir) ReadFile(p string, max int64) ([]byte, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return nil, err
	}
	return readCapped(hp, p, max)
}

// ReadDir lists a directory of the tree sorted by name.
func (d *Dir) ReadDir(p string) ([]fs.DirEntry, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return nil, err
	}
	es, err := os.ReadDir(hp)
	if err != nil {
		return nil, relabel(err, p)
	}
	sortEntries(es)
	return es, nil
}

// Stat follows symlinks inside the tree.
func (d *Dir) Stat(p string) (fs.FileInfo, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(hp)
	if err != nil {
		return nil, relabel(err, p)
	}
	return d.withAttrs(hp, fi), nil
}

// Lstat does not follow a final symlink.
func (d *Dir) Lstat(p string) (fs.FileInfo, error) {
	hp, err := d.resolve(p, false)
	if err != nil {
		return nil, err
	}
	fi, err := os.Lstat(hp)
	if err != nil {
		return nil, relabel(err, p)
	}
	return d.withAttrs(hp, fi), nil
}

// withAttrs applies the AttrsFile override for the resolved host path hp.
func (d *Dir) withAttrs(hp string, fi fs.FileInfo) fs.FileInfo {
	if len(d.attrs) == 0 {
		return fi
	}
	rel, err := filepath.Rel(d.root, hp)
	if err != nil {
		return fi
	}
	if a, ok := d.attrs[path.Clean("/"+filepath.ToSlash(rel))]; ok {
		return attrInfo{FileInfo: fi, a: a}
	}
	return fi
}

// Readlink returns a symlink's destination as stored in the tree.
func (d *Dir) Readlink(p string) (string, error) {
	hp, err := d.resolve(p, false)
	if err != nil {
		return "", err
	}
	s, err := os.Readlink(hp)
	return s, relabel(err, p)
}

// Run answers from the recorded output of the command, or ErrNotRecorded.
func (d *Dir) Run(_ context.Context, c Command) (Output, error) {
	base := filepath.Join(d.root, filepath.FromSlash(RecordedDir), CommandKey(c))
	max := c.MaxOutput
	if max <= 0 {
		max = DefaultMaxRead
	}
	out, err := readCapped(base, RecordedDir+"/"+CommandKey(c), max)
	if errors.Is(err, fs.ErrNotExist) {
		return Output{}, fmt.Errorf("run %s: %w in %s", c, ErrNotRecorded, d.name)
	}
	if err != nil {
		return Output{}, fmt.Errorf("run %s: %w", c, err)
	}
	o := Output{Stdout: out}
	if b, err := os.ReadFile(base + ".stderr"); err == nil {
		o.Stderr = b
	}
	if b, err := os.ReadFile(base + ".exit"); err == nil {
		code, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil {
			return o, fmt.Errorf("run %s: recorded exit code %q: %w", c, strings.TrimSpace(string(b)), err)
		}
		o.ExitCode = code
	}
	return o, nil
}

// CommandKey is the file name a command's recorded output is stored under: the
// command line with every byte outside [A-Za-z0-9._=,+-] replaced by '_'
// ("apt-get -s dist-upgrade" -> "apt-get_-s_dist-upgrade").
func CommandKey(c Command) string {
	s := c.String()
	b := []byte(s)
	for i, ch := range b {
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9':
		case ch == '.', ch == '_', ch == '=', ch == ',', ch == '+', ch == '-':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}
