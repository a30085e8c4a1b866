package policies_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

const demoControl = `# METADATA
# title: Demo control
# custom:
#   id: DEMO-001
#   severity: high
#   claim: "a demo"
#   sources: [{doc: 000_43fc48adc9aaf829.txt}]
#   facts: [host.demo]
#   parameters:
#     limit: {type: integer, default: 3, description: the limit}
package vouch.controls.demo.demo

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.demo"})

deny contains {"msg": sprintf("value %d above %d", [v, input.params.limit]), "data": v} if {
	v := input.host.demo.value
	v > input.params.limit
}

skip contains "demo disabled" if input.host.demo.disabled
`

const forgetfulControl = `# METADATA
# title: Forgets to check its facts
# custom:
#   id: DEMO-002
#   severity: low
#   facts: [host.other]
package vouch.controls.demo.forgetful

deny contains "never" if input.host.other.bad
`

func demoFS(extra map[string]string) fstest.MapFS {
	lib, _ := fs.ReadFile(policies.Embedded(), "lib/facts.rego")
	m := fstest.MapFS{
		"lib/facts.rego":               {Data: lib},
		"controls/demo/demo.rego":      {Data: []byte(demoControl)},
		"controls/demo/forgetful.rego": {Data: []byte(forgetfulControl)},
		"profiles/demo.yaml":           {Data: []byte("name: demo\ntitle: Demo\ncontrols: [DEMO-001, DEMO-002]\nparams: {limit: 5}\n")},
	}
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func facts(t *testing.T, host map[string]any, errs map[string]string) audit.Facts {
	t.Helper()
	b, _ := json.Marshal(host)
	if errs == nil {
		errs = map[string]string{}
	}
	return audit.Facts{Schema: audit.FactsSchema, Target: audit.TargetInfo{Name: "t1", Kind: "dir"},
		Sections: map[string]json.RawMessage{"host": b}, Errors: errs}
}

func TestVerdicts(t *testing.T) {
	eng, err := policies.New(demoFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	prof, _ := eng.Profile("demo")
	params, err := eng.Params(prof, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		host   map[string]any
		errs   map[string]string
		status audit.Status
		msg    string
	}{
		{"value under the profile's limit passes", map[string]any{"demo": map[string]any{"value": 4}, "other": map[string]any{}}, nil, audit.Pass, "compliant"},
		{"value over the limit fails", map[string]any{"demo": map[string]any{"value": 9}, "other": map[string]any{}}, nil, audit.Fail, "value 9 above 5"},
		{"missing fact errors with the scanner's reason", map[string]any{"other": map[string]any{}}, map[string]string{"host.demo": "permission denied"}, audit.Error, "facts host.demo not collected: permission denied"},
		{"not applicable skips", map[string]any{"demo": map[string]any{"value": 1, "disabled": true}, "other": map[string]any{}}, nil, audit.Skip, "demo disabled"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := prep.Evaluate(context.Background(), facts(t, tc.host, tc.errs), params, now, []string{"DEMO-001"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 || rs[0].Status != tc.status || rs[0].Message != tc.msg {
				t.Fatalf("results = %+v; want one %s %q", rs, tc.status, tc.msg)
			}
		})
	}
}

// completeControl writes deny as one value, not a set: its package is judged
// from its whole document.
const completeControl = `# METADATA
# title: Deny as a complete rule
# custom:
#   id: DEMO-003
#   severity: low
#   facts: [host.demo]
package vouch.controls.demo.complete

deny := {"value too high"} if input.host.demo.value > 2

evidence contains "value low" if input.host.demo.value <= 2
`

func TestCompleteVerdictRulesAreJudged(t *testing.T) {
	eng, err := policies.New(demoFS(map[string]string{"controls/demo/complete.rego": completeControl}))
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	params, _ := eng.Params(nil, nil)
	for _, tc := range []struct {
		value  int
		status audit.Status
		msg    string
	}{{9, audit.Fail, "value too high"}, {1, audit.Pass, "value low"}} {
		rs, err := prep.Evaluate(context.Background(), facts(t, map[string]any{"demo": map[string]any{"value": tc.value}}, nil), params, now, []string{"DEMO-003"})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Status != tc.status || rs[0].Message != tc.msg {
			t.Errorf("value %d: results = %+v; want one %s %q", tc.value, rs, tc.status, tc.msg)
		}
	}
}

// lazyControl's skip and evidence fail the evaluation when they are computed
// with two values: a complete rule may have only one.
const lazyControl = `# METADATA
# title: Later verdict rules
# custom:
#   id: DEMO-004
#   severity: low
#   facts: [host.demo]
package vouch.controls.demo.lazy

deny contains "value too high" if input.host.demo.value > 2

error contains "broken" if input.host.demo.broken

one := v if some v in input.host.demo.values

skip contains "skipped" if one == "skip"

evidence contains sprintf("value %v", [one])
`

// TestLaterVerdictRulesRunOnlyWhenRead: skip is computed only when there is
// no deny and no error, evidence only when there is no skip either, so a
// failing control does not pay for its evidence.
func TestLaterVerdictRulesRunOnlyWhenRead(t *testing.T) {
	eng, err := policies.New(demoFS(map[string]string{"controls/demo/lazy.rego": lazyControl}))
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	params, _ := eng.Params(nil, nil)
	for _, tc := range []struct {
		name   string
		demo   map[string]any
		status audit.Status
		msg    string // or the evaluation's error
	}{
		{"fail leaves skip and evidence alone", map[string]any{"value": 9, "values": []int{1, 2}}, audit.Fail, "value too high"},
		{"error leaves them alone", map[string]any{"value": 1, "broken": true, "values": []int{1, 2}}, audit.Error, "broken"},
		{"pass computes them", map[string]any{"value": 1, "values": []int{1, 2}}, "", "eval_conflict_error"},
		{"pass reports the evidence", map[string]any{"value": 1, "values": []int{7}}, audit.Pass, "value 7"},
		{"skip is computed before evidence", map[string]any{"value": 1, "values": []string{"skip"}}, audit.Skip, "skipped"},
	} {
		rs, err := prep.Evaluate(context.Background(), facts(t, map[string]any{"demo": tc.demo}, nil), params, now, []string{"DEMO-004"})
		switch {
		case tc.status == "":
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%s: err = %v, results %+v; want %s", tc.name, err, rs, tc.msg)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case len(rs) != 1 || rs[0].Status != tc.status || rs[0].Message != tc.msg:
			t.Errorf("%s: results = %+v; want one %s %q", tc.name, rs, tc.status, tc.msg)
		}
	}
}

func TestEngineErrorsWhenControlForgetsDeclaredFacts(t *testing.T) {
	eng, err := policies.New(demoFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	prep, _ := eng.Prepare(context.Background())
	params, _ := eng.Params(nil, nil)
	rs, err := prep.Evaluate(context.Background(), facts(t, map[string]any{"demo": map[string]any{"value": 1}}, nil), params, now, []string{"DEMO-002"})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Status != audit.Error || !strings.Contains(rs[0].Message, "host.other not collected") {
		t.Errorf("DEMO-002 = %s %q; want error naming host.other", rs[0].Status, rs[0].Message)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	cases := []struct {
		name  string
		extra map[string]string
		want  string
	}{
		{"rego that does not compile", map[string]string{"controls/demo/broken.rego": "package vouch.controls.demo.broken\n\ndeny contains x if {\n\tx := input.a +\n}\n"}, "controls/demo/broken.rego:"},
		{"duplicate control id", map[string]string{"controls/demo/dup.rego": strings.Replace(demoControl, "package vouch.controls.demo.demo", "package vouch.controls.demo.dup", 1)}, "control id DEMO-001 already used"},
		{"profile naming a control with no rule", map[string]string{"profiles/bad.yaml": "name: bad\ntitle: Bad\ncontrols: [DEMO-001, DEMO-404]\n"}, "profiles/bad.yaml: control DEMO-404 has no rule"},
		{"profile with an unknown parameter", map[string]string{"profiles/bad.yaml": "name: bad\ntitle: Bad\ncontrols: [DEMO-001]\nparams: {limt: 1}\n"}, "params.limt: unknown parameter (did you mean limit?)"},
		{"profile with a mistyped parameter", map[string]string{"profiles/bad.yaml": "name: bad\ntitle: Bad\ncontrols: [DEMO-001]\nparams: {limit: many}\n"}, `params.limit: want integer, got string "many"`},
		{"control without facts", map[string]string{"controls/demo/nofacts.rego": "# METADATA\n# title: x\n# custom:\n#   id: DEMO-003\n#   severity: low\npackage vouch.controls.demo.nofacts\n"}, "DEMO-003: custom.facts is required"},
		{"unknown severity", map[string]string{"controls/demo/sev.rego": "# METADATA\n# title: x\n# custom:\n#   id: DEMO-004\n#   severity: severe\n#   facts: [host.x]\npackage vouch.controls.demo.sev\n"}, `unknown severity "severe"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policies.New(demoFS(tc.extra))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New() error = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParamsOverrideOrder(t *testing.T) {
	eng, err := policies.New(demoFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	prof, _ := eng.Profile("demo")
	p, err := eng.Params(prof, nil)
	if err != nil || p["limit"] != float64(5) {
		t.Errorf("profile value: limit = %v (%v); want 5", p["limit"], err)
	}
	p, err = eng.Params(prof, map[string]any{"limit": 8})
	if err != nil || p["limit"] != float64(8) {
		t.Errorf("config override: limit = %v (%v); want 8", p["limit"], err)
	}
	p, _ = eng.Params(nil, nil)
	if p["limit"] != float64(3) {
		t.Errorf("default: limit = %v; want 3", p["limit"])
	}
	if _, err := eng.Params(prof, map[string]any{"limit": 2.5}); err == nil {
		t.Error("a fractional integer parameter was accepted")
	}
}

// TestEmbeddedPoliciesPassEveryCheck compiles vouch's own policies with every
// check of the compiler, in strict mode: Default skips the checks that only
// find mistakes, so this is where a mistake in them is caught.
func TestEmbeddedPoliciesPassEveryCheck(t *testing.T) {
	if _, err := policies.New(policies.Embedded()); err != nil {
		t.Fatalf("embedded policies: %v", err)
	}
}
