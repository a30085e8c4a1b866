package enforcer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/target"
)

func TestDefaultCoversTheFirstRemediations(t *testing.T) {
	got := Default(clock).Controls()
	if want := []string{"ACC-005", "HOST-001", "HOST-013"}; !slices.Equal(got, want) {
		t.Errorf("Default().Controls() = %v; want %v", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("New with two remediations for HOST-001 did not panic")
		}
	}()
	New(clock, Sysctl{}, Sysctl{})
}

// planDrifted plans the drifted tree from facts read off it.
func planDrifted(t *testing.T, e *Enforcer, d *target.Dir, root string) []Change {
	t.Helper()
	cs, err := e.Plan(context.Background(), d, Input{Facts: readFacts(t, root), Failing: allFailing()})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestPlanRendersOneDiffForAllControls(t *testing.T) {
	files := driftedTree()
	files["etc/sysctl.d/60-vouch-hardening.conf"] = "# kept\nkernel.randomize_va_space = 1\n"
	d, root := newTree(t, files)
	e := Default(clock)
	got := Diff(planDrifted(t, e, d, root))
	golden := filepath.Join("testdata", "drifted.diff")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (go test -run %s -update writes it): %v", t.Name(), err)
	}
	if got != string(want) {
		t.Errorf("Diff of the drifted plan =\n%s\nwant (%s)\n%s", got, golden, want)
	}
}

func TestApplyWritesFilesRuntimeValuesAndBackups(t *testing.T) {
	files := driftedTree()
	files["etc/sysctl.d/60-vouch-hardening.conf"] = "# kept\nkernel.randomize_va_space = 1\n"
	d, root := newTree(t, files)
	e := Default(clock)
	changes := planDrifted(t, e, d, root)
	var calls [][]string
	out, err := e.Apply(context.Background(), d, changes, rescan(t, e, d, root, nil, &calls))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Results {
		if r.State != Applied || r.Status != audit.Pass {
			t.Errorf("%s; want applied and passing", r)
		}
	}
	if len(calls) != 1 || !slices.Equal(calls[0], allFailing()) {
		t.Errorf("verifier called with %v; want once with %v", calls, allFailing())
	}
	for p, want := range map[string]string{
		"/proc/sys/net/ipv6/conf/all/disable_ipv6":     "1\n",
		"/proc/sys/net/ipv6/conf/default/disable_ipv6": "1\n",
		"/proc/sys/kernel/randomize_va_space":          "2\n",
		"/proc/sys/net/ipv4/conf/all/accept_redirects": "0\n",
		"/etc/sysctl.d/60-vouch-hardening.conf": "# kept\nkernel.randomize_va_space = 2\n" +
			"net.ipv4.conf.all.accept_redirects = 0\nnet.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv6.conf.default.disable_ipv6 = 1\n",
		"/etc/profile.d/vouch-tmout.sh": tmout900,
		// The backup of the replaced drop-in, named by the injected clock.
		"/etc/sysctl.d/60-vouch-hardening.conf.vouch-bak." + stamp: "# kept\nkernel.randomize_va_space = 1\n",
	} {
		if got := readTree(t, root, p); got != want {
			t.Errorf("%s = %q; want %q", p, got, want)
		}
	}
	if r := out.Results[0]; r.Backup != "/etc/sysctl.d/60-vouch-hardening.conf.vouch-bak."+stamp {
		t.Errorf("result for the drop-in names backup %q", r.Backup)
	}
	// Runtime writes and new files get no backup file.
	matches, _ := filepath.Glob(filepath.Join(root, "proc/sys/*/*.vouch-bak.*"))
	matches2, _ := filepath.Glob(filepath.Join(root, "etc/profile.d/*.vouch-bak.*"))
	if len(matches)+len(matches2) != 0 {
		t.Errorf("unexpected backups: %v %v", matches, matches2)
	}
	if fi, _ := os.Stat(filepath.Join(root, "etc/profile.d/vouch-tmout.sh")); fi.Mode().Perm() != 0o644 {
		t.Errorf("vouch-tmout.sh mode %v; want 0644", fi.Mode().Perm())
	}
}

func TestApplyIsIdempotent(t *testing.T) {
	d, root := newTree(t, driftedTree())
	e := Default(clock)
	if _, err := e.Apply(context.Background(), d, planDrifted(t, e, d, root), rescan(t, e, d, root, nil, nil)); err != nil {
		t.Fatal(err)
	}
	// Even asked for every control again, fresh facts leave nothing to do.
	if again := planDrifted(t, e, d, root); len(again) != 0 {
		t.Errorf("second plan = %q; want none\n%s", paths(again), Diff(again))
	}
}

func TestApplyRollsBackWhenTheControlStillFails(t *testing.T) {
	files := driftedTree()
	files["etc/sysctl.d/60-vouch-hardening.conf"] = "# kept\nkernel.randomize_va_space = 1\n"
	d, root := newTree(t, files)
	before := hashTree(t, root)
	e := Default(clock)
	changes := planDrifted(t, e, d, root)
	out, err := e.Apply(context.Background(), d, changes, fixed(map[string]audit.Status{
		"HOST-001": audit.Fail, "HOST-013": audit.Fail, "ACC-005": audit.Error,
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Results {
		if r.State != RolledBack || (r.Status != audit.Fail && r.Status != audit.Error) || r.Reason == "" {
			t.Errorf("%s (status %q); want rolled back with the failing status", r, r.Status)
		}
	}
	sameTree(t, before, hashTree(t, root))
}

func TestRollbackTakesAlongChangesSharingAFile(t *testing.T) {
	d, root := newTree(t, driftedTree())
	e := Default(clock)
	changes := planDrifted(t, e, d, root)
	before := hashTree(t, root)
	// HOST-001 passes, but its keys share the drop-in with HOST-013, which does
	// not: keeping HOST-001's runtime writes without the drop-in would leave it
	// half fixed, so everything of both goes. ACC-005 stays.
	out, err := e.Apply(context.Background(), d, changes, fixed(map[string]audit.Status{
		"HOST-001": audit.Pass, "HOST-013": audit.Fail, "ACC-005": audit.Pass,
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Results {
		switch {
		case r.Change.Path == tmoutDropIn:
			if r.State != Applied {
				t.Errorf("%s; want applied", r)
			}
		case r.State != RolledBack || !strings.Contains(r.Reason, "HOST-013"):
			t.Errorf("%s; want rolled back because of HOST-013", r)
		}
	}
	after := hashTree(t, root)
	delete(after, filepath.Join("etc", "profile.d", "vouch-tmout.sh"))
	sameTree(t, before, after)
}

func TestApplyWriteFailureRollsBackTheSameControl(t *testing.T) {
	d, root := newTree(t, map[string]string{
		"etc/a.conf":  "a old\n",
		"etc/blocker": "a regular file where a directory should be\n",
		"etc/c.conf":  "c old\n",
	})
	before := hashTree(t, root)
	changes := []Change{
		{Controls: []string{"X-001"}, Path: "/etc/a.conf", Before: []byte("a old\n"), After: []byte("a new\n"), Mode: 0o644},
		{Controls: []string{"Y-001"}, Path: "/etc/c.conf", Before: []byte("c old\n"), After: []byte("c new\n"), Mode: 0o644},
		{Controls: []string{"X-001"}, Path: "/etc/new.conf", Created: true, After: []byte("new\n"), Mode: 0o644},
		{Controls: []string{"X-001"}, Path: "/etc/blocker/b.conf", Created: true, After: []byte("b\n"), Mode: 0o644},
		{Controls: []string{"X-001"}, Path: "/etc/d.conf", Created: true, After: []byte("d\n"), Mode: 0o644},
	}
	var calls [][]string
	verify := func(_ context.Context, ids []string) (map[string]audit.Status, error) {
		calls = append(calls, ids)
		return map[string]audit.Status{"Y-001": audit.Pass}, nil
	}
	out, err := New(clock).Apply(context.Background(), d, changes, verify)
	if err != nil {
		t.Fatal(err)
	}
	want := []State{RolledBack, Applied, RolledBack, Failed, Skipped}
	for i, r := range out.Results {
		if r.State != want[i] {
			t.Errorf("change %d: %s; want %s", i, r, want[i])
		}
	}
	if r := out.Results[3]; r.Err == nil || !strings.Contains(r.Err.Error(), "/etc/blocker/b.conf") {
		t.Errorf("failed change error = %v; want it to name /etc/blocker/b.conf", r.Err)
	}
	if len(calls) != 1 || !slices.Equal(calls[0], []string{"Y-001"}) {
		t.Errorf("verifier called with %v; want only Y-001, the control still written", calls)
	}
	// Everything but Y-001's change is as before, its backup included.
	after := hashTree(t, root)
	if got := readTree(t, root, "/etc/c.conf"); got != "c new\n" {
		t.Errorf("/etc/c.conf = %q; want Y-001's change kept", got)
	}
	delete(after, filepath.Join("etc", "c.conf"))
	delete(after, filepath.Join("etc", "c.conf.vouch-bak."+stamp))
	delete(before, filepath.Join("etc", "c.conf"))
	sameTree(t, before, after)
}

func TestApplyRefusesAFileChangedSinceThePlan(t *testing.T) {
	d, root := newTree(t, driftedTree())
	e := Default(clock)
	changes := planDrifted(t, e, d, root)
	// An administrator edits the runtime value between plan and apply.
	os.WriteFile(filepath.Join(root, "proc/sys/kernel/randomize_va_space"), []byte("0\n"), 0o644)
	before := hashTree(t, root)
	out, err := e.Apply(context.Background(), d, changes, rescan(t, e, d, root, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.Results {
		switch {
		case r.Change.Path == "/proc/sys/kernel/randomize_va_space":
			if r.State != Failed || !strings.Contains(r.Err.Error(), "changed since the plan") {
				t.Errorf("%s; want failed as changed since the plan", r)
			}
		case r.Change.Path == tmoutDropIn:
			if r.State != Applied {
				t.Errorf("%s; want applied", r)
			}
		case r.State != RolledBack && r.State != Skipped:
			t.Errorf("%s; want rolled back or skipped with the failed HOST-013 change", r)
		}
	}
	after := hashTree(t, root)
	delete(after, filepath.Join("etc", "profile.d", "vouch-tmout.sh"))
	sameTree(t, before, after)
}

func TestApplyVerifierErrorRollsBackEverything(t *testing.T) {
	d, root := newTree(t, driftedTree())
	before := hashTree(t, root)
	e := Default(clock)
	broken := func(context.Context, []string) (map[string]audit.Status, error) {
		return nil, errors.New("policy engine unavailable")
	}
	out, err := e.Apply(context.Background(), d, planDrifted(t, e, d, root), broken)
	if err == nil || !strings.Contains(err.Error(), "verify") || !strings.Contains(err.Error(), "policy engine unavailable") {
		t.Errorf("Apply error = %v; want the verification error", err)
	}
	if n := out.Count(RolledBack); n != len(out.Results) {
		t.Errorf("%d of %d changes rolled back; want all", n, len(out.Results))
	}
	sameTree(t, before, hashTree(t, root))
}

func TestApplyMissingStatusCountsAsNotPassing(t *testing.T) {
	d, root := newTree(t, driftedTree())
	before := hashTree(t, root)
	e := Default(clock)
	out, err := e.Apply(context.Background(), d, planDrifted(t, e, d, root), fixed(map[string]audit.Status{}))
	if err != nil {
		t.Fatal(err)
	}
	if out.Count(RolledBack) != len(out.Results) || !strings.Contains(out.Results[0].Reason, "no result") {
		t.Errorf("results %v; want every change rolled back for lack of a result", out.Results)
	}
	sameTree(t, before, hashTree(t, root))
}

// readOnly hides a target's Writer.
type readOnly struct{ target.Target }

func TestApplyNeedsAWritableTarget(t *testing.T) {
	d, root := newTree(t, driftedTree())
	e := Default(clock)
	changes := planDrifted(t, e, d, root)
	_, err := e.Apply(context.Background(), readOnly{d}, changes, fixed(nil))
	if err == nil || !strings.Contains(err.Error(), "cannot be written") {
		t.Errorf("Apply on a read-only target = %v; want an error", err)
	}
	if out, err := e.Apply(context.Background(), readOnly{d}, nil, fixed(nil)); err != nil || len(out.Results) != 0 {
		t.Errorf("Apply of an empty plan = %v, %v; want nothing to do", out, err)
	}
}
