package target

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func readHost(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTempFiles fails if a write left a temporary file in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if strings.Contains(e.Name(), ".vouch-tmp-") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

func TestDirWriteFileCreatesParentsWithTheModeAsked(t *testing.T) {
	root := mkTree(t, map[string]string{"etc/hostname": "web1\n"})
	d, _ := NewDir(root, "dir:test")
	if err := d.WriteFile("/etc/sysctl.d/60-x.conf", []byte("a = 1\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	host := filepath.Join(root, "etc/sysctl.d/60-x.conf")
	if got := readHost(t, host); got != "a = 1\n" {
		t.Errorf("content = %q; want %q", got, "a = 1\n")
	}
	fi, _ := os.Stat(host)
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v; want 0640 whatever the umask", fi.Mode().Perm())
	}
	noTempFiles(t, filepath.Dir(host))
}

func TestDirWriteFileReplacesByRename(t *testing.T) {
	root := mkTree(t, map[string]string{"etc/profile": "old\n"})
	d, _ := NewDir(root, "dir:test")
	host := filepath.Join(root, "etc/profile")
	before := inode(t, host)
	if err := d.WriteFile("/etc/profile", []byte("new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readHost(t, host); got != "new\n" {
		t.Errorf("content = %q; want new", got)
	}
	if inode(t, host) == before {
		t.Errorf("the file kept its inode; want a new file renamed over the old one")
	}
	noTempFiles(t, filepath.Dir(host))
}

func TestDirWriteFileNeverLeavesTheRoot(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "root")
	if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	// An absolute link resolves against the tree; a climbing one stops at its root.
	os.Symlink("/escape-abs", filepath.Join(root, "etc/abs"))
	os.Symlink("../../../../escape-rel", filepath.Join(root, "etc/rel"))
	os.Symlink("../..", filepath.Join(root, "etc/up"))
	d, _ := NewDir(root, "dir:test")
	for p, landed := range map[string]string{
		"/etc/abs":            "escape-abs",
		"/etc/rel":            "escape-rel",
		"/etc/up/escape-dir":  "escape-dir",
		"/../../escape-climb": "escape-climb",
	} {
		if err := d.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Errorf("WriteFile(%q): %v", p, err)
			continue
		}
		if _, err := os.Stat(filepath.Join(root, landed)); err != nil {
			t.Errorf("WriteFile(%q) did not land on %s inside the root: %v", p, landed, err)
		}
		if _, err := os.Stat(filepath.Join(base, landed)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("WriteFile(%q) wrote %s outside the root", p, landed)
		}
	}
	// The links are still links: the write replaced their destinations.
	if fi, err := os.Lstat(filepath.Join(root, "etc/abs")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("etc/abs is no longer a symlink: %v, %v", fi, err)
	}
}

func TestDirWriteFileUnderProcWritesInPlace(t *testing.T) {
	root := mkTree(t, map[string]string{"proc/sys/kernel/randomize_va_space": "1\n"})
	d, _ := NewDir(root, "dir:test")
	host := filepath.Join(root, "proc/sys/kernel/randomize_va_space")
	before := inode(t, host)
	if err := d.WriteFile("/proc/sys/kernel/randomize_va_space", []byte("2\n"), 0); err != nil {
		t.Fatal(err)
	}
	if got := readHost(t, host); got != "2\n" {
		t.Errorf("content = %q; want 2", got)
	}
	if inode(t, host) != before {
		t.Errorf("the proc file was replaced; want it written in place like sysctl -w")
	}
	// Like the kernel, a tree has no parameter that does not exist.
	err := d.WriteFile("/proc/sys/kernel/no_such_key", []byte("1\n"), 0)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/proc/sys/kernel/no_such_key") {
		t.Errorf("WriteFile(missing proc key) = %v; want not-exist naming the key", err)
	}
	if _, err := os.Stat(filepath.Join(root, "proc/sys/kernel/no_such_key")); err == nil {
		t.Errorf("a missing proc key was created")
	}
	if err := d.Remove("/proc/sys/kernel/randomize_va_space"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Remove(proc key) = %v; want ErrInvalid", err)
	}
}

func TestDirWriteFileUnderARegularFileFails(t *testing.T) {
	root := mkTree(t, map[string]string{"etc/profile.d": "not a directory\n"})
	d, _ := NewDir(root, "dir:test")
	err := d.WriteFile("/etc/profile.d/vouch-tmout.sh", []byte("TMOUT=900\n"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "/etc/profile.d/vouch-tmout.sh") {
		t.Fatalf("WriteFile under a regular file = %v; want an error naming the path", err)
	}
	if strings.Contains(err.Error(), root) {
		t.Errorf("error %q names the host path; want target paths only", err)
	}
}

func TestDirRemoveDeletesTheLinkNotItsDestination(t *testing.T) {
	root := mkTree(t, map[string]string{"etc/real.conf": "x\n", "etc/gone.conf": "y\n"})
	os.Symlink("/etc/real.conf", filepath.Join(root, "etc/link.conf"))
	d, _ := NewDir(root, "dir:test")
	if err := d.Remove("/etc/link.conf"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(root, "etc/link.conf")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("link still there: %v", err)
	}
	if got := readHost(t, filepath.Join(root, "etc/real.conf")); got != "x\n" {
		t.Errorf("destination changed to %q", got)
	}
	if err := d.Remove("/etc/gone.conf"); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove("/etc/gone.conf"); !errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), root) {
		t.Errorf("Remove(missing) = %v; want not-exist naming the target path", err)
	}
}

func TestLocalWriteFileAndRemove(t *testing.T) {
	dir := t.TempDir()
	l := NewLocal()
	p := filepath.Join(dir, "sub", "f.conf")
	if err := l.WriteFile(p, []byte("one\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := l.WriteFile(p, []byte("two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readHost(t, p); got != "two\n" {
		t.Errorf("content = %q; want two", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v; want 0644", fi.Mode().Perm())
	}
	// Writing through a symlink replaces its destination and keeps the link.
	link := filepath.Join(dir, "link.conf")
	os.Symlink(p, link)
	if err := l.WriteFile(link, []byte("three\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 || readHost(t, p) != "three\n" {
		t.Errorf("write through a link: link mode %v, destination %q", fi.Mode(), readHost(t, p))
	}
	noTempFiles(t, filepath.Dir(p))
	if err := l.Remove(p); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Remove left the file: %v", err)
	}
	if err := l.WriteFile("relative/path", nil, 0o644); err == nil {
		t.Errorf("WriteFile(relative path) succeeded; want an error")
	}
}

func TestWriteInPlaceKeepsTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "disable_ipv6")
	os.WriteFile(p, []byte("0\n"), 0o644)
	before := inode(t, p)
	if err := writeInPlace(p, "/proc/sys/net/ipv6/conf/all/disable_ipv6", []byte("1\n")); err != nil {
		t.Fatal(err)
	}
	if readHost(t, p) != "1\n" || inode(t, p) != before {
		t.Errorf("in-place write: %q, same inode %v", readHost(t, p), inode(t, p) == before)
	}
	err := writeInPlace(p+".missing", "/proc/sys/x", []byte("1\n"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/proc/sys/x") {
		t.Errorf("in-place write of a missing file = %v; want not-exist naming /proc/sys/x", err)
	}
}
