package audit

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestApplyWaivers(t *testing.T) {
	future := now.Add(48 * time.Hour)
	past := now.Add(-48 * time.Hour)
	results := []Result{
		{ControlID: "HOST-006", Target: "web1", Status: Fail, Message: "telnetd installed"},
		{ControlID: "HOST-006", Target: "web2", Status: Fail, Message: "telnetd installed"},
		{ControlID: "HOST-005", Target: "web1", Status: Error, Message: "facts missing"},
		{ControlID: "HOST-004", Target: "web1", Status: Fail, Message: "unattended-upgrades off"},
		{ControlID: "HOST-001", Target: "web1", Status: Pass, Message: "compliant"},
	}
	waivers := []Waiver{
		{Control: "HOST-006", Targets: []string{"web1"}, Owner: "ops", Reason: "r", Expires: &future},
		{Control: "HOST-005", Owner: "sec", Reason: "r", Expires: &future},
		{Control: "HOST-004", Owner: "old", Reason: "r", Expires: &past},
		{Control: "HOST-001", Owner: "x", Reason: "r", Expires: &future},
	}
	ApplyWaivers(results, waivers, now)
	want := []struct {
		status  Status
		waiver  string
		expired bool
	}{
		{Waived, "ops", false},
		{Fail, "", false}, // the waiver names another target
		{Waived, "sec", false},
		{Fail, "old", true},
		{Pass, "", false}, // nothing to waive
	}
	for i, w := range want {
		r := results[i]
		owner := ""
		if r.Waiver != nil {
			owner = r.Waiver.Owner
		}
		if r.Status != w.status || owner != w.waiver || (r.Waiver != nil && r.Waiver.Expired != w.expired) {
			t.Errorf("result %d (%s on %s) = %s waiver %q; want %s waiver %q expired=%v", i, r.ControlID, r.Target, r.Status, owner, w.status, w.waiver, w.expired)
		}
	}
	if results[0].Original != Fail || results[2].Original != Error {
		t.Errorf("waived results must keep their original status: %s, %s", results[0].Original, results[2].Original)
	}
	if !strings.Contains(results[3].Message, "waiver by old expired") {
		t.Errorf("expired waiver not named in message: %q", results[3].Message)
	}
}

type stubScanner struct {
	name  string
	err   error
	panic bool
}

func (s stubScanner) Name() string { return s.name }
func (s stubScanner) Scan(_ context.Context, _ target.Target, c *scanners.Collection) (any, error) {
	if s.panic {
		panic("index out of range")
	}
	if s.err != nil {
		return nil, s.err
	}
	c.Errorf(s.name+".partial", "could not read part")
	return map[string]int{"n": 1}, nil
}

// A scanner that fails whole records its error and the others still report.
func TestCollectKeepsGoingAfterAScannerFails(t *testing.T) {
	run := &Run{Scanners: scanners.NewRegistry(stubScanner{name: "good"}, stubScanner{name: "bad", err: errors.New("boom")}, stubScanner{name: "buggy", panic: true}), Now: now}
	f := run.Collect(context.Background(), target.NewLocal())
	if f.Errors["buggy"] != "scan buggy: internal error: index out of range" {
		t.Errorf("a panicking scanner recorded %q; want its panic as the section's error", f.Errors["buggy"])
	}
	if string(f.Sections["good"]) != `{"n":1}` {
		t.Errorf("good section = %s", f.Sections["good"])
	}
	if f.Errors["bad"] != "scan bad: boom" || f.Errors["good.partial"] != "could not read part" {
		t.Errorf("errors = %v", f.Errors)
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var back Facts
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if string(back.Sections["good"]) != `{"n":1}` || back.Errors["bad"] == "" || !back.CollectedAt.Equal(now) {
		t.Errorf("round trip lost data: %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"schema":"other/v9"}`), &back); err == nil {
		t.Error("a document of another schema was accepted")
	}
}

func TestReportFailingThreshold(t *testing.T) {
	rep := NewReport(Tool{Name: "vouch"}, "baseline", now, []string{"a"}, nil, []Result{
		{ControlID: "A-001", Severity: Medium, Status: Fail},
		{ControlID: "A-002", Severity: Critical, Status: Pass},
		{ControlID: "A-003", Severity: Low, Status: Error},
	})
	cases := map[Severity]bool{Critical: false, High: false, Medium: true, Low: true, Info: true}
	for sev, want := range cases {
		if got := rep.Failing(sev); got != want {
			t.Errorf("Failing(%s) = %v; want %v", sev, got, want)
		}
	}
	if rep.Summary != (Summary{Pass: 1, Fail: 1, Error: 1}) {
		t.Errorf("summary = %+v", rep.Summary)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "1 control results had no facts") {
		t.Errorf("notes = %v", rep.Notes)
	}
}

type endpointScanner struct{ stubScanner }

func (endpointScanner) Applies(t target.Target) bool { return t.Info().Kind == "endpoint" }

// An endpoint is read only by scanners that say they apply to it, and the
// document names which ran, so host controls are not judged on it.
func TestCollectRunsOnlyTheScannersThatApply(t *testing.T) {
	run := &Run{Scanners: scanners.NewRegistry(stubScanner{name: "host"}, endpointScanner{stubScanner{name: "tls"}}), Now: now}
	ep, err := target.NewEndpoint("https://example.test", "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		t    target.Target
		want string
	}{{target.NewLocal(), "host"}, {ep, "tls"}}
	for _, tc := range cases {
		f := run.Collect(context.Background(), tc.t)
		if len(f.Scanned) != 1 || f.Scanned[0] != tc.want || len(f.Sections) != 1 || f.Sections[tc.want] == nil {
			t.Errorf("%s: scanned %v sections %v; want only %s", tc.t.Info().Name, f.Scanned, f.Sections, tc.want)
		}
		if !f.Covers([]string{tc.want + ".x"}) || f.Covers([]string{"other.x"}) {
			t.Errorf("%s: Covers disagrees with Scanned %v", tc.t.Info().Name, f.Scanned)
		}
	}
	if !(Facts{}).Covers([]string{"anything.x"}) {
		t.Error("a document without scanned (older vouch) must cover every control")
	}
}
