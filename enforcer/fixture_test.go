package enforcer

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// drifted is the recorded host whose README promises that enforce fixes
// HOST-001, HOST-013 and ACC-005.
const drifted = "../fixtures/hosts/debian12-drifted"

// copyTree copies a fixture, links and modes included, so a test can write to it.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case fi.IsDir():
			return os.MkdirAll(out, fi.Mode().Perm()|0o700)
		case fi.Mode()&fs.ModeSymlink != 0:
			dest, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(dest, out)
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(out, b, fi.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// scanHost runs the real host scanner and insists on the two facts the
// enforcer needs.
func scanHost(t *testing.T, d *target.Dir) *host.Facts {
	t.Helper()
	c := scanners.NewCollection(clock())
	v, err := host.New().Scan(context.Background(), d, c)
	if err != nil {
		t.Fatalf("scan %s: %v", d.Info().Name, err)
	}
	f, ok := v.(*host.Facts)
	if !ok {
		t.Fatalf("host scanner returned %T; want *host.Facts", v)
	}
	errs := c.Errors()
	if f.Sysctl == nil || f.ShellTimeout == nil {
		t.Fatalf("host scanner did not collect host.sysctl (%q) or host.shell_timeout (%q)", errs["host.sysctl"], errs["host.shell_timeout"])
	}
	return f
}

func TestEnforceFixesTheDriftedFixture(t *testing.T) {
	if _, err := os.Stat(filepath.Join(drifted, "proc", "sys")); err != nil {
		// No skip: this is the enforcer's end-to-end proof on a recorded host.
		t.Fatalf("fixture %s is missing or has no proc/sys: %v", drifted, err)
	}
	root := t.TempDir()
	copyTree(t, drifted, root)
	d, err := target.NewDir(root, "dir:debian12-drifted")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e := Default(clock)
	changes, err := e.Plan(ctx, d, Input{Facts: scanHost(t, d), Failing: allFailing()})
	if err != nil {
		t.Fatal(err)
	}
	got := paths(changes)
	for _, want := range []string{
		"/proc/sys/net/ipv6/conf/all/disable_ipv6",
		"/proc/sys/kernel/randomize_va_space",
		"/etc/profile.d/vouch-tmout.sh",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("plan %q does not touch %s", got, want)
		}
	}
	if !slices.ContainsFunc(got, func(p string) bool {
		return strings.HasPrefix(p, "/etc/sysctl.d/") && strings.HasSuffix(p, "-vouch-hardening.conf")
	}) {
		t.Errorf("plan %q writes no /etc/sysctl.d/*-vouch-hardening.conf drop-in", got)
	}

	// Verify as the CLI would, with a fresh scan; a control passes when a new
	// plan for it alone is empty.
	verify := func(ctx context.Context, ids []string) (map[string]audit.Status, error) {
		facts := scanHost(t, d)
		out := map[string]audit.Status{}
		for _, id := range ids {
			cs, err := e.Plan(ctx, d, Input{Facts: facts, Failing: []string{id}})
			if err != nil || len(cs) > 0 {
				out[id] = audit.Fail
				continue
			}
			out[id] = audit.Pass
		}
		return out, nil
	}
	out, err := e.Apply(ctx, d, changes, verify)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Results {
		if r.State != Applied {
			t.Errorf("%s; want applied", r)
		}
	}
	if again, err := e.Plan(ctx, d, Input{Facts: scanHost(t, d), Failing: allFailing()}); err != nil || len(again) > 0 {
		t.Errorf("plan after apply = %q, %v; want nothing left to do\n%s", paths(again), err, Diff(again))
	}
}
