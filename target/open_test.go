package target

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenStreamsFilesInsideTheTree(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "var/backups"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "var/backups/a.gpg"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	f, err := d.Open("/var/backups/a.gpg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	if string(b) != "abc" {
		t.Errorf("Open read %q; want abc", b)
	}
	if _, err := d.Open("/var/backups/none"); err == nil || strings.Contains(err.Error(), root) {
		t.Errorf("Open of a missing file = %v; want an error naming the target path only", err)
	}
}

func TestCommandEnvReachesTheChildButNotTheKey(t *testing.T) {
	c := Command{Name: "sh", Args: []string{"-c", "printf %s \"$VOUCH_TEST_SECRET\""}, Env: []string{"VOUCH_TEST_SECRET=s3cret"}}
	out, err := NewLocal().Run(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if string(out.Stdout) != "s3cret" {
		t.Errorf("child saw %q; want the variable from Command.Env", out.Stdout)
	}
	if strings.Contains(CommandKey(c), "s3cret") || strings.Contains(c.String(), "s3cret") {
		t.Errorf("CommandKey %q or String %q holds the environment", CommandKey(c), c.String())
	}
}

func TestHeaderReadsStayInsideTheTree(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "srv/b"), 0o755)
	os.MkdirAll(filepath.Join(root, "real"), 0o755)
	os.WriteFile(filepath.Join(root, "real/x.gpg"), []byte("0123456789"), 0o644)
	// an absolute symlink resolves against the tree's root, not the host's
	os.Symlink("/real/x.gpg", filepath.Join(root, "srv/b/link.gpg"))
	os.WriteFile(filepath.Join(root, "srv/b/a.gpg"), []byte("abcdef"), 0o644)
	d, err := NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	dh, err := d.OpenDir("/srv/b")
	if err != nil {
		t.Fatal(err)
	}
	defer dh.Close()
	buf := make([]byte, 4)
	for name, want := range map[string]string{"a.gpg": "abcd 6", "link.gpg": "0123 10"} {
		n, size, err := dh.ReadHeader(name, buf)
		if err != nil || fmt.Sprintf("%s %d", buf[:n], size) != want {
			t.Errorf("ReadHeader(%s) = %q %d %v; want %s", name, buf[:n], size, err, want)
		}
	}
	if _, _, err := dh.ReadHeader("none", buf); err == nil || strings.Contains(err.Error(), root) {
		t.Errorf("ReadHeader of a missing file = %v; want an error naming the target path only", err)
	}
	if _, _, err := d.ReadHeader("/srv", buf); err == nil {
		t.Error("ReadHeader of a directory succeeded; want an error")
	}
}
