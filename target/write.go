package target

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// Writer is implemented by targets vouch may change. The enforcer checks for it
// with a type assertion; a target without it can be audited but not fixed.
type Writer interface {
	// WriteFile replaces path with data. An ordinary file is replaced
	// atomically: a temporary file in the same directory is written, given
	// perm and the old file's owner, synced and renamed over path, so a reader
	// sees the old bytes or the new ones, never a mix. Missing parent
	// directories are created (0755). A path under /proc/ is a kernel
	// parameter that cannot be renamed over: it is written in place, the way
	// `sysctl -w` does, must already exist, and perm is ignored.
	WriteFile(path string, data []byte, perm fs.FileMode) error
	// Remove deletes a file (a symlink itself, not its destination).
	Remove(path string) error
}

var (
	_ Writer = (*Local)(nil)
	_ Writer = (*Dir)(nil)
)

// inProc reports whether a target path lies in the kernel's /proc tree.
func inProc(p string) bool {
	if !path.IsAbs(p) {
		p = "/" + p
	}
	return strings.HasPrefix(path.Clean(p), "/proc/")
}

// WriteFile writes a file of this machine; see Writer.
func (*Local) WriteFile(p string, data []byte, perm fs.FileMode) error {
	if !filepath.IsAbs(p) {
		return fmt.Errorf("write %s: path is not absolute", p)
	}
	if inProc(p) {
		return writeInPlace(p, p, data)
	}
	hp := p
	// Replace a symlink's destination, not the link: renaming over the link
	// would turn a managed symlink into a stray copy.
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		dest, err := filepath.EvalSymlinks(p)
		if err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		hp = dest
	}
	return writeAtomic(hp, p, data, perm)
}

// Remove deletes a file of this machine.
func (*Local) Remove(p string) error {
	if inProc(p) {
		return fmt.Errorf("remove %s: kernel parameters cannot be removed: %w", p, fs.ErrInvalid)
	}
	if err := os.Remove(p); err != nil {
		return fmt.Errorf("remove %s: %w", p, err)
	}
	return nil
}

// WriteFile writes a file of the tree; see Writer. Symlinks are followed
// inside the tree only, so a write never lands outside the root.
func (d *Dir) WriteFile(p string, data []byte, perm fs.FileMode) error {
	if path.Clean("/"+p) == "/" {
		return fmt.Errorf("write %s: is the root", p)
	}
	hp, err := d.resolve(p, true)
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	if hp == d.root {
		return fmt.Errorf("write %s: resolves to the root", p)
	}
	if inProc(p) {
		return writeInPlace(hp, p, data)
	}
	return writeAtomic(hp, p, data, perm)
}

// Remove deletes a file of the tree.
func (d *Dir) Remove(p string) error {
	if inProc(p) {
		return fmt.Errorf("remove %s: kernel parameters cannot be removed: %w", p, fs.ErrInvalid)
	}
	hp, err := d.resolve(p, false)
	if err != nil {
		return fmt.Errorf("remove %s: %w", p, err)
	}
	if hp == d.root {
		return fmt.Errorf("remove %s: is the root", p)
	}
	if err := os.Remove(hp); err != nil {
		return fmt.Errorf("remove %s: %w", p, relabel(err, p))
	}
	return nil
}

// writeInPlace truncates and rewrites an existing file with one write, as a
// /proc/sys file needs: the kernel parses each write(2) on its own.
func writeInPlace(hp, name string, data []byte) error {
	f, err := os.OpenFile(hp, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	return nil
}

// writeAtomic replaces host path hp through a temporary file in its directory.
// name is the target path errors report.
func writeAtomic(hp, name string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(hp)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: create parent directory: %w", name, relabel(err, path.Dir(name)))
	}
	old, statErr := os.Lstat(hp)
	if statErr == nil && !old.Mode().IsRegular() {
		return fmt.Errorf("write %s: not a regular file (%s)", name, old.Mode().Type())
	}
	// The temporary name keeps the real name's suffix off its end, so a
	// half-written file never matches a *.conf or *.sh glob that a boot or
	// login reads.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(hp)+".vouch-tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	// CreateTemp makes the file 0600 whatever the umask; set the mode asked for.
	if err = tmp.Chmod(perm.Perm()); err != nil {
		return fmt.Errorf("write %s: set mode: %w", name, relabel(err, name))
	}
	if statErr == nil {
		if err = keepOwner(tmp, old); err != nil {
			return fmt.Errorf("write %s: keep owner: %w", name, relabel(err, name))
		}
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", name, relabel(err, name))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	if err = os.Rename(tmp.Name(), hp); err != nil {
		return fmt.Errorf("write %s: %w", name, relabel(err, name))
	}
	// The rename is durable only once the directory entry is on disk.
	if d, derr := os.Open(dir); derr == nil {
		serr := d.Sync()
		d.Close()
		if serr != nil && !errors.Is(serr, syscall.EINVAL) {
			return fmt.Errorf("write %s: sync directory: %w", name, serr)
		}
	}
	return nil
}

// keepOwner gives the new file the replaced file's owner and group when they
// differ from the writer's.
func keepOwner(f *os.File, old fs.FileInfo) error {
	uid, gid, ok := Owner(old)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	nuid, ngid, ok := Owner(fi)
	if ok && nuid == uid && ngid == gid {
		return nil
	}
	return f.Chown(int(uid), int(gid))
}
