package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/audit"
)

const fixtureNow = "2026-11-20T12:00:00Z"

var (
	fixtures     = filepath.Join("..", "..", "fixtures", "hosts")
	fixtureCfg   = filepath.Join(fixtures, "vouch.yaml")
	hostControls = []string{
		"HOST-001", "HOST-002", "HOST-003", "HOST-004", "HOST-005", "HOST-006", "HOST-007",
		"HOST-008", "HOST-009", "HOST-010", "HOST-011", "HOST-012", "HOST-013", "HOST-014",
		"ACC-001", "ACC-002", "ACC-003", "ACC-004", "ACC-005", "ACC-006",
		"LOG-001", "LOG-002", "LOG-003", "LOG-004",
	}
)

// vouch runs the CLI in-process and returns its exit code and outputs.
func vouch(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func auditJSON(t *testing.T, args ...string) (int, *audit.Report) {
	t.Helper()
	code, out, errOut := vouch(t, append([]string{"audit", "-f", "json", "--now", fixtureNow}, args...)...)
	if code == 1 {
		t.Fatalf("vouch audit %v exited 1: %s", args, errOut)
	}
	var rep audit.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("decode report: %v\n%s", err, out)
	}
	return code, &rep
}

func statuses(rep *audit.Report) map[string]audit.Result {
	m := map[string]audit.Result{}
	for _, r := range rep.Results {
		m[r.ControlID] = r
	}
	return m
}

func TestCompliantFixturePassesEveryHostControl(t *testing.T) {
	code, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-compliant"), "--config", fixtureCfg)
	got := statuses(rep)
	for _, id := range hostControls {
		r, ok := got[id]
		if !ok {
			t.Errorf("%s: no result", id)
			continue
		}
		if r.Status != audit.Pass {
			t.Errorf("%s on compliant fixture = %s (%s); want pass", id, r.Status, r.Message)
		}
	}
	if code != 0 {
		t.Errorf("exit code = %d; want 0 when every control passes", code)
	}
}

func TestDriftedFixtureFailsExactlyItsDrift(t *testing.T) {
	code, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", fixtureCfg)
	got := statuses(rep)
	stillPass := map[string]bool{"HOST-008": true, "ACC-001": true}
	for _, id := range hostControls {
		r, ok := got[id]
		if !ok {
			t.Errorf("%s: no result", id)
			continue
		}
		want := audit.Fail
		if stillPass[id] {
			want = audit.Pass
		}
		if r.Status != want {
			t.Errorf("%s on drifted fixture = %s (%s); want %s", id, r.Status, r.Message, want)
		}
	}
	if code != 2 {
		t.Errorf("exit code = %d; want 2 when controls fail", code)
	}
}

func TestControlFlagRestrictsRun(t *testing.T) {
	_, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", fixtureCfg,
		"--control", "HOST-001,host-013", "--control", "ACC-005")
	var ids []string
	for _, r := range rep.Results {
		ids = append(ids, r.ControlID)
	}
	if strings.Join(ids, ",") != "HOST-001,HOST-013,ACC-005" {
		t.Errorf("results for %v; want HOST-001,HOST-013,ACC-005 in catalog order", ids)
	}
}

func TestFailOnThreshold(t *testing.T) {
	drifted := "dir:" + filepath.Join(fixtures, "debian12-drifted")
	// HOST-001 is the only control run; it fails, so the exit code depends on
	// whether its severity reaches --fail-on.
	_, rep := auditJSON(t, "--target", drifted, "--config", fixtureCfg, "--control", "HOST-001")
	sev := rep.Results[0].Severity
	code, _, _ := vouch(t, "audit", "-f", "json", "--now", fixtureNow, "--target", drifted, "--config", fixtureCfg, "--control", "HOST-001", "--fail-on", string(sev))
	if code != 2 {
		t.Errorf("--fail-on %s with a failing %s control: exit %d; want 2", sev, sev, code)
	}
	code, _, _ = vouch(t, "audit", "-f", "json", "--now", fixtureNow, "--target", drifted, "--config", fixtureCfg, "--control", "HOST-001", "--fail-on", "critical")
	if sev != audit.Critical && code != 0 {
		t.Errorf("--fail-on critical with a failing %s control: exit %d; want 0", sev, code)
	}
}

func TestWaivers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "vouch.yaml")
	writeFile(t, cfg, `params:
  app_log_paths: [/var/log/app/app.log, /var/log/app/worker.log]
  encrypted_paths: [/srv]
waivers:
  - control: HOST-006
    reason: telnetd removal scheduled with the next image
    owner: ops@example.com
    expires: 2027-01-31
  - control: HOST-005
    reason: vendor repository, under review
    owner: sec@example.com
    expires: 2026-10-01
`)
	_, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", cfg, "--control", "HOST-005,HOST-006")
	got := statuses(rep)
	if r := got["HOST-006"]; r.Status != audit.Waived || r.Waiver == nil || r.Waiver.Owner != "ops@example.com" || r.Original != audit.Fail {
		t.Errorf("HOST-006 = %s waiver %+v original %s; want waived by ops@example.com, originally fail", r.Status, r.Waiver, r.Original)
	}
	if r := got["HOST-005"]; r.Status != audit.Fail || r.Waiver == nil || !r.Waiver.Expired || !strings.Contains(r.Message, "expired 2026-10-01") {
		t.Errorf("HOST-005 = %s %q waiver %+v; want fail with the expired waiver named", r.Status, r.Message, r.Waiver)
	}
	if rep.Summary.Waived != 1 || rep.Summary.Fail != 1 {
		t.Errorf("summary = %+v; want 1 waived, 1 fail", rep.Summary)
	}
}

func TestConfigErrorsExitOneNamingFileAndLine(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown parameter", "params:\n  patch_max_age: 7\n", "vouch.yaml:2: params.patch_max_age: unknown parameter"},
		{"wrong type", "params:\n  patch_max_age_days: soon\n", `vouch.yaml:2: params.patch_max_age_days: want integer, got string "soon"`},
		{"malformed yaml", "params:\n  a: [1,\n", "vouch.yaml:2: malformed YAML"},
		{"unknown key", "profle: baseline\n", `vouch.yaml:1: unknown key "profle"`},
		{"waiver without owner", "waivers:\n  - control: HOST-001\n    reason: x\n    expires: 2027-01-01\n", "vouch.yaml:2: waiver: owner required"},
		{"unknown profile", "profile: nope\n", `unknown profile "nope"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(dir, "vouch.yaml")
			writeFile(t, cfg, tc.yaml)
			code, _, errOut := vouch(t, "audit", "--config", cfg, "--target", "dir:"+filepath.Join(fixtures, "debian12-compliant"))
			if code != 1 {
				t.Errorf("exit code = %d; want 1", code)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr = %q; want it to contain %q", errOut, tc.want)
			}
		})
	}
}

func TestBadFlagsExitOne(t *testing.T) {
	cases := [][]string{
		{"audit", "--format", "pdf"},
		{"audit", "--fail-on", "severe"},
		{"audit", "--control", "HOST-999"},
		{"audit", "--target", "nfs://x"},
		{"audit", "--target", "dir:/nonexistent/vouch/tree"},
		{"audit", "--now", "yesterday"},
	}
	for _, args := range cases {
		code, _, errOut := vouch(t, args...)
		if code != 1 || errOut == "" {
			t.Errorf("vouch %v: exit %d, stderr %q; want 1 with a message", args, code, errOut)
		}
	}
}

func TestFactsRoundTripThroughAudit(t *testing.T) {
	code, out, errOut := vouch(t, "facts", "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--now", fixtureNow)
	if code != 0 {
		t.Fatalf("vouch facts: exit %d: %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "facts.json")
	writeFile(t, file, out)
	_, replay := auditJSON(t, "--facts", file, "--config", fixtureCfg)
	_, direct := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", fixtureCfg)
	a, b := statuses(replay), statuses(direct)
	for id, r := range b {
		if a[id].Status != r.Status || a[id].Message != r.Message {
			t.Errorf("%s: replayed %s %q, direct %s %q", id, a[id].Status, a[id].Message, r.Status, r.Message)
		}
	}
}

func TestSeveralFormatsInOneRun(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := vouch(t, "audit", "--now", fixtureNow, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", fixtureCfg,
		"-f", "table", "-f", "json="+filepath.Join(dir, "r.json"), "-f", "sarif="+filepath.Join(dir, "r.sarif"),
		"-f", "junit="+filepath.Join(dir, "r.xml"), "-f", "markdown="+filepath.Join(dir, "r.md"))
	if code != 2 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "HOST-001") {
		t.Errorf("table on stdout lacks HOST-001:\n%s", out)
	}
	for _, f := range []string{"r.json", "r.sarif", "r.xml", "r.md"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !bytes.Contains(b, []byte("HOST-001")) {
			t.Errorf("%s: %v; want a report naming HOST-001", f, err)
		}
	}
}

func TestControlsListing(t *testing.T) {
	code, out, errOut := vouch(t, "controls", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Controls []audit.Control `json:"controls"`
		Profiles []string        `json:"profiles"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	have := map[string]audit.Control{}
	for _, c := range doc.Controls {
		have[c.ID] = c
	}
	for _, id := range hostControls {
		c, ok := have[id]
		if !ok {
			t.Errorf("%s missing from vouch controls", id)
			continue
		}
		if c.Title == "" || c.Claim == "" || len(c.Sources) == 0 || c.Remediation == "" {
			t.Errorf("%s: incomplete catalog entry %+v", id, c)
		}
	}
	if len(doc.Profiles) < 6 {
		t.Errorf("profiles = %v; want baseline and one per policy document", doc.Profiles)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
