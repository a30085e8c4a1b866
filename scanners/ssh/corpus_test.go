package ssh

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/target"
)

// fixtureTree copies fixtures/sshd into a temporary directory, replacing the
// @DIR@ placeholder the configurations use for absolute Include paths (sshd
// resolves relative ones against /etc/ssh), and returns the copy's root.
func fixtureTree(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "fixtures", "sshd")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, []byte(strings.ReplaceAll(string(b), "@DIR@", dst)), 0o644)
	})
	if err != nil {
		t.Fatalf("copy fixtures: %v", err)
	}
	return dst
}

// corpusSpecs returns the connections a configuration asks to be checked
// with ("# spec: user=...,addr=..." lines), plus an ordinary root login.
func corpusSpecs(t *testing.T, lt target.Target, file string) []*Spec {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	accts, _ := readAccounts(lt)
	groupFile, _ := lt.ReadFile("/etc/group", maxAccountsFile)
	specs := []*Spec{nil, {User: "root", Host: "client.example.com", Addr: "192.0.2.1"}}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, "# spec: ")
		if !ok {
			continue
		}
		sp := &Spec{}
		for _, kv := range strings.Split(strings.TrimSpace(rest), ",") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "user":
				sp.User = v
			case "host":
				sp.Host = v
			case "addr":
				sp.Addr = v
			case "laddr":
				sp.LAddr = v
			case "lport":
				sp.LPort = v
			default:
				t.Fatalf("%s: unknown spec field %q", file, k)
			}
		}
		specs = append(specs, sp)
	}
	for _, sp := range specs {
		if sp != nil {
			sp.Groups = groupsOf(accts, groupFile, sp.User)
		}
	}
	return specs
}

// TestCorpusMatchesSSHD evaluates every fixture configuration from its files
// and checks the result against the real `sshd -T`, keyword by keyword, for
// the global configuration and for connections that exercise Match blocks.
func TestCorpusMatchesSSHD(t *testing.T) {
	sshd := needSSHD(t)
	root := fixtureTree(t)
	key := hostKey(t, t.TempDir(), "ed25519", 0)
	files, _ := filepath.Glob(filepath.Join(root, "configs", "*.conf"))
	if len(files) < 30 {
		t.Fatalf("corpus holds %d configurations; want at least 30", len(files))
	}
	lt := target.NewLocal()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".conf"), func(t *testing.T) {
			for _, sp := range corpusSpecs(t, lt, file) {
				name := "global"
				if sp != nil {
					name = "-C " + sp.Arg()
				}
				want, werr := sshdT(sshd, file, sp, key)
				var got map[string][]string
				tree, err := LoadTree(lt, file)
				if err == nil {
					got, err = tree.Effective(sp, key)
				}
				switch {
				case werr != nil && err == nil:
					t.Errorf("%s: sshd rejects the configuration (%v) but the evaluator accepts it", name, werr)
					continue
				case werr != nil:
					t.Logf("%s: both reject: sshd: %v; evaluator: %v", name, werr, err)
					continue
				case err != nil:
					t.Errorf("%s: evaluator: %v; sshd accepts the configuration", name, err)
					continue
				}
				compareEffective(t, name, got, want)
			}
		})
	}
}

func compareEffective(t *testing.T, name string, got, want map[string][]string) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s: %s = %q; sshd -T says %q", name, k, got[k], want[k])
		}
	}
}
