package target

import (
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
