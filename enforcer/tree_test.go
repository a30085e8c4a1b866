package enforcer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// clock is the fixed time tests run at.
func clock() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) }

// stamp is the backup suffix clock gives.
const stamp = "20261120T120000Z"

// driftedTree is a small host: IPv6 on and unpersisted, ASLR and ICMP
// redirects off their hardened values, no TMOUT.
func driftedTree() map[string]string {
	return map[string]string{
		"proc/sys/net/ipv6/conf/all/disable_ipv6":     "0\n",
		"proc/sys/net/ipv6/conf/default/disable_ipv6": "0\n",
		"proc/sys/kernel/randomize_va_space":          "1\n",
		"proc/sys/net/ipv4/tcp_syncookies":            "1\n",
		"proc/sys/net/ipv4/conf/all/accept_redirects": "1\n",
		"proc/sys/net/ipv4/conf/all/send_redirects":   "0\n",
		"proc/sys/net/ipv4/conf/all/rp_filter":        "1\n",
		"etc/sysctl.d/10-base.conf": "# site defaults\n" +
			"net.ipv4.tcp_syncookies = 1\n" +
			"net.ipv4.conf.all.send_redirects = 0\n" +
			"net.ipv4.conf.all.rp_filter = 1\n",
		"etc/sysctl.conf":                  "# /etc/sysctl.conf - see sysctl.conf(5)\n",
		"etc/profile":                      "# /etc/profile\nPATH=/usr/local/bin:/usr/bin:/bin\nexport PATH\n",
		"etc/profile.d/bash_completion.sh": "# completion\n",
	}
}

// newTree writes files under a fresh root and opens it as a Dir target.
func newTree(t *testing.T, files map[string]string) (*target.Dir, string) {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := target.NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	return d, root
}

// hashTree maps every entry under root to its type, mode and content hash.
func hashTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		sum := ""
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			sum = hex.EncodeToString(h[:])
		case fi.Mode()&fs.ModeSymlink != 0:
			sum, _ = os.Readlink(p)
		}
		out[rel] = fmt.Sprintf("%v %s", fi.Mode(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree fails with the differing entries when two hashes differ.
func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s: %s before, %q after", p, h, after[p])
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: left behind", p)
		}
	}
}

func readTree(t *testing.T, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return string(b)
}

// readFacts is a minimal stand-in for the host scanner's sysctl and
// shell_timeout collectors, so these tests do not depend on them: every file
// under proc/sys, the sysctl.d files by name then /etc/sysctl.conf, and TMOUT
// assignments in the login startup files.
func readFacts(t *testing.T, root string) *host.Facts {
	t.Helper()
	f := &host.Facts{Sysctl: &host.Sysctl{Runtime: map[string]string{}, Persisted: map[string]host.PersistedSysctl{}}}
	procSys := filepath.Join(root, "proc", "sys")
	filepath.WalkDir(procSys, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(procSys, p)
		b, _ := os.ReadFile(p)
		f.Sysctl.Runtime[strings.ReplaceAll(filepath.ToSlash(rel), "/", ".")] = strings.Join(strings.Fields(string(b)), " ")
		return nil
	})
	var files []string
	if es, err := os.ReadDir(filepath.Join(root, "etc/sysctl.d")); err == nil {
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".conf") {
				files = append(files, "/etc/sysctl.d/"+e.Name())
			}
		}
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(path.Base(a), path.Base(b)) })
	files = append(files, "/etc/sysctl.conf")
	for _, file := range files {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			continue
		}
		for n, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
			k, v, ok := strings.Cut(strings.TrimPrefix(line, "-"), "=")
			if ok {
				f.Sysctl.Persisted[strings.TrimSpace(k)] = host.PersistedSysctl{Value: strings.TrimSpace(v), File: file, Line: n + 1}
			}
		}
	}
	f.ShellTimeout = []host.ShellTimeout{}
	assign := regexp.MustCompile(`^\s*(readonly\s+|declare\s+-r\s+|export\s+)?TMOUT=["']?(\d+)`)
	startup := []string{"/etc/profile", "/etc/bash.bashrc"}
	if es, err := os.ReadDir(filepath.Join(root, "etc/profile.d")); err == nil {
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".sh") {
				startup = append(startup, "/etc/profile.d/"+e.Name())
			}
		}
	}
	for _, file := range startup {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			continue
		}
		text := string(b)
		for n, line := range strings.Split(text, "\n") {
			m := assign.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			v, _ := strconv.Atoi(m[2])
			f.ShellTimeout = append(f.ShellTimeout, host.ShellTimeout{
				File: file, Line: n + 1, Value: v,
				Readonly: strings.HasPrefix(strings.TrimSpace(m[1]), "readonly") || strings.HasPrefix(strings.TrimSpace(m[1]), "declare") ||
					strings.Contains(text, "readonly TMOUT"),
				Exported: strings.HasPrefix(strings.TrimSpace(m[1]), "export") || strings.Contains(text, "export TMOUT"),
			})
		}
	}
	return f
}

// allFailing are the controls the drifted tree fails.
func allFailing() []string { return []string{"ACC-005", "HOST-001", "HOST-013"} }

// rescan is a Verifier that re-reads the facts and calls a control passing
// when a fresh plan for it alone is empty — the enforcer's own idea of fixed,
// standing in for the policy engine.
func rescan(t *testing.T, e *Enforcer, d *target.Dir, root string, params map[string]any, calls *[][]string) Verifier {
	return func(ctx context.Context, ids []string) (map[string]audit.Status, error) {
		if calls != nil {
			*calls = append(*calls, ids)
		}
		facts := readFacts(t, root)
		out := map[string]audit.Status{}
		for _, id := range ids {
			cs, err := e.Plan(ctx, d, Input{Facts: facts, Params: params, Failing: []string{id}})
			switch {
			case err != nil:
				out[id] = audit.Error
			case len(cs) == 0:
				out[id] = audit.Pass
			default:
				out[id] = audit.Fail
			}
		}
		return out, nil
	}
}

// fixed is a Verifier returning the same statuses whatever it is asked.
func fixed(st map[string]audit.Status) Verifier {
	return func(context.Context, []string) (map[string]audit.Status, error) { return st, nil }
}

// paths lists the paths of changes.
func paths(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Path)
	}
	return out
}

// symlink makes p (relative to root) a link to dest.
func symlink(t *testing.T, root, p, dest string) {
	t.Helper()
	full := filepath.Join(root, filepath.FromSlash(p))
	os.Remove(full)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dest, full); err != nil {
		t.Fatal(err)
	}
}
