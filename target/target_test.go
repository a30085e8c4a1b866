package target

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mkTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestDirResolvesSymlinksInsideTheRoot(t *testing.T) {
	root := mkTree(t, map[string]string{"etc/real.conf": "inside\n"})
	// An absolute link must resolve against the tree, not this machine.
	if err := os.Symlink("/etc/real.conf", filepath.Join(root, "etc/abs.conf")); err != nil {
		t.Fatal(err)
	}
	// A relative link climbing above the root stops at the root.
	if err := os.Symlink("../../../../etc/real.conf", filepath.Join(root, "etc/climb.conf")); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/etc/real.conf", "/etc/abs.conf", "/etc/climb.conf", "etc/../etc/abs.conf"} {
		b, err := d.ReadFile(p, 0)
		if err != nil || string(b) != "inside\n" {
			t.Errorf("ReadFile(%q) = %q, %v; want the tree's file", p, b, err)
		}
	}
	fi, err := d.Lstat("/etc/abs.conf")
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(/etc/abs.conf) = %v, %v; want a symlink", fi, err)
	}
	if dest, err := d.Readlink("/etc/abs.conf"); err != nil || dest != "/etc/real.conf" {
		t.Errorf("Readlink = %q, %v", dest, err)
	}
}

func TestDirSymlinkLoopIsAnErrorNamingThePath(t *testing.T) {
	root := mkTree(t, map[string]string{})
	os.Symlink("b", filepath.Join(root, "a"))
	os.Symlink("a", filepath.Join(root, "b"))
	d, _ := NewDir(root, "dir:test")
	_, err := d.ReadFile("/a", 0)
	if !errors.Is(err, syscall.ELOOP) || !strings.Contains(err.Error(), "/a") {
		t.Errorf("ReadFile(/a) error = %v; want ELOOP naming /a", err)
	}
	if _, err := d.ReadDir("/a"); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("ReadDir(/a) error = %v; want ELOOP", err)
	}
}

func TestReadCap(t *testing.T) {
	root := mkTree(t, map[string]string{"var/log/big.log": strings.Repeat("x", 4096)})
	d, _ := NewDir(root, "dir:test")
	if _, err := d.ReadFile("/var/log/big.log", 1024); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/var/log/big.log") {
		t.Errorf("ReadFile over the cap: %v; want ErrTooLarge naming the file", err)
	}
	if b, err := d.ReadFile("/var/log/big.log", 4096); err != nil || len(b) != 4096 {
		t.Errorf("ReadFile at the cap: %d bytes, %v", len(b), err)
	}
	// Files in /proc report size 0: the cap must hold on what is read.
	b, err := NewLocal().ReadFile("/proc/self/status", 16)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Local ReadFile(/proc/self/status, 16) = %d bytes, %v; want ErrTooLarge", len(b), err)
	}
}

func TestDirAnswersRecordedCommands(t *testing.T) {
	root := mkTree(t, map[string]string{
		".vouch/commands/apt-get_-s_dist-upgrade": "Inst libssl3 [3.0.11-1~deb12u1] (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])\n",
		".vouch/commands/sshd_-T.exit":            "255\n",
		".vouch/commands/sshd_-T":                 "",
		".vouch/commands/sshd_-T.stderr":          "sshd: no hostkeys available\n",
	})
	d, _ := NewDir(root, "dir:test")
	out, err := d.Run(context.Background(), Command{Name: "apt-get", Args: []string{"-s", "dist-upgrade"}})
	if err != nil || !strings.HasPrefix(string(out.Stdout), "Inst libssl3") {
		t.Errorf("recorded apt-get: %q, %v", out.Stdout, err)
	}
	out, err = d.Run(context.Background(), Command{Name: "sshd", Args: []string{"-T"}})
	if err != nil || out.ExitCode != 255 || !strings.Contains(string(out.Stderr), "no hostkeys") {
		t.Errorf("recorded sshd -T: %+v, %v; want exit 255 with stderr", out, err)
	}
	_, err = d.Run(context.Background(), Command{Name: "nft", Args: []string{"-j", "list", "ruleset"}})
	if !errors.Is(err, ErrNotRecorded) || !strings.Contains(err.Error(), "nft -j list ruleset") {
		t.Errorf("unrecorded command: %v; want ErrNotRecorded naming it", err)
	}
}

func TestCommandKey(t *testing.T) {
	cases := map[string]Command{
		"apt-get_-s_dist-upgrade":           {Name: "apt-get", Args: []string{"-s", "dist-upgrade"}},
		"df_-P_-k":                          {Name: "df", Args: []string{"-P", "-k"}},
		"sshd_-T_-C_user=root,addr=1.2.3.4": {Name: "sshd", Args: []string{"-T", "-C", "user=root,addr=1.2.3.4"}},
		"_usr_sbin_nft_-j_list_ruleset":     {Name: "/usr/sbin/nft", Args: []string{"-j", "list", "ruleset"}},
	}
	for want, c := range cases {
		if got := CommandKey(c); got != want {
			t.Errorf("CommandKey(%q) = %q; want %q", c, got, want)
		}
	}
}

func TestDirAttrsOverrideModeAndOwner(t *testing.T) {
	root := mkTree(t, map[string]string{
		"etc/app/secrets.env": "DB_PASSWORD=x\n",
		".vouch/attrs":        "# mode uid gid path\n0600 0 0 /etc/app/secrets.env\n",
	})
	d, err := NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := d.Stat("/etc/app/secrets.env")
	if err != nil {
		t.Fatal(err)
	}
	uid, gid, ok := Owner(fi)
	if fi.Mode().Perm() != 0o600 || !ok || uid != 0 || gid != 0 {
		t.Errorf("mode %v owner %d:%d (%v); want 0600 root:root", fi.Mode().Perm(), uid, gid, ok)
	}
	// The raw stat mode says the same, and still says a regular file.
	if st := fi.Sys().(*syscall.Stat_t); st.Mode&0o7777 != 0o600 || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		t.Errorf("Sys().Mode = %o; want a regular file with 0600", st.Mode)
	}
	bad := mkTree(t, map[string]string{".vouch/attrs": "0600 root /etc/x\n"})
	if _, err := NewDir(bad, "dir:bad"); err == nil || !strings.Contains(err.Error(), ".vouch/attrs:1") {
		t.Errorf("malformed attrs: %v; want an error naming .vouch/attrs:1", err)
	}
}

func TestLocalRunTimesOut(t *testing.T) {
	start := time.Now()
	_, err := NewLocal().Run(context.Background(), Command{Name: "sleep", Args: []string{"5"}, Timeout: 100 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("Run(sleep 5) with a 100ms deadline: %v; want a timeout", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("the deadline was not enforced")
	}
}

func TestLocalRunMissingProgram(t *testing.T) {
	_, err := NewLocal().Run(context.Background(), Command{Name: "vouch-no-such-program"})
	if err == nil || !errors.Is(err, fs.ErrNotExist) && !strings.Contains(err.Error(), "not found") {
		t.Errorf("missing program: %v; want not found", err)
	}
}

func TestParse(t *testing.T) {
	if tg, err := Parse("local"); err != nil || tg.Info().Kind != "local" {
		t.Errorf("Parse(local) = %v, %v", tg, err)
	}
	root := t.TempDir()
	if tg, err := Parse("dir:" + root); err != nil || tg.Info().Kind != "dir" {
		t.Errorf("Parse(dir:) = %v, %v", tg, err)
	}
	for _, bad := range []string{"dir:", "nfs://x", "ssh://root@host"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
