// Package audit holds the model every stage of vouch shares — targets, facts
// documents, results, reports, severities and statuses — and the orchestration
// that turns targets into a report. It is deliberately small: scanners produce
// Facts, the policy engine turns Facts into Results, and report writers render a
// Report. Nothing here knows how a fact is gathered or how a report looks.
package audit

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// FactsSchema and ReportSchema version the two documents vouch writes to disk.
const (
	FactsSchema  = "vouch.facts/v1"
	ReportSchema = "vouch.report/v1"
)

// Severity ranks how much a failing control matters.
type Severity string

// Severities, most severe first.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
	Info     Severity = "info"
)

// Severities lists every severity from most to least severe.
var Severities = []Severity{Critical, High, Medium, Low, Info}

// Rank orders severities: critical is 4, info is 0, an unknown severity is -1.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	case Info:
		return 0
	}
	return -1
}

// ParseSeverity accepts a severity name in any case.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() < 0 {
		return "", fmt.Errorf("unknown severity %q (want one of critical, high, medium, low, info)", s)
	}
	return sev, nil
}

// Status is the verdict of one control on one target.
type Status string

// Statuses as the control catalog defines them.
const (
	Pass   Status = "pass"
	Fail   Status = "fail"
	Error  Status = "error" // facts missing, collection failed, or the rule could not decide
	Skip   Status = "skip"  // not applicable, with the reason
	Waived Status = "waived"
)

// TargetInfo names the machine a facts document or result belongs to.
type TargetInfo struct {
	// Name is how the user spelled the target: "local", "dir:fixtures/hosts/x".
	Name string `json:"name"`
	// Kind is the target type: "local", "dir", "ssh", "endpoint".
	Kind string `json:"kind"`
	// Hostname is the machine's own name where it could be read.
	Hostname string `json:"hostname,omitempty"`
}

// Facts is one target's facts document: the scanner sections keyed by scanner
// name ("host", "ssh", ...), and for every fact that could not be collected its
// dotted path ("host.shadow") mapped to the reason. Rego controls read it as
// input.<scanner>.<section>; a missing section is never a pass.
type Facts struct {
	Schema      string     `json:"schema"`
	Target      TargetInfo `json:"target"`
	CollectedAt time.Time  `json:"collected_at"`
	// Scanned names the scanners that applied to the target. Controls whose
	// facts come from none of them are not evaluated for it (an endpoint is
	// not judged on host hardening). Nil, in a document from an older vouch,
	// means every control is evaluated.
	Scanned  []string                   `json:"scanned,omitempty"`
	Sections map[string]json.RawMessage `json:"-"`
	Errors   map[string]string          `json:"errors"`
}

// MarshalJSON writes the scanner sections inline beside the header fields.
func (f Facts) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(f.Sections)+4)
	for k, v := range f.Sections {
		m[k] = v
	}
	m["schema"] = f.Schema
	m["target"] = f.Target
	m["collected_at"] = f.CollectedAt
	if f.Scanned != nil {
		m["scanned"] = f.Scanned
	}
	errs := f.Errors
	if errs == nil {
		errs = map[string]string{}
	}
	m["errors"] = errs
	return json.Marshal(m)
}

// UnmarshalJSON reads a document written by MarshalJSON.
func (f *Facts) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	type header struct {
		Schema      string            `json:"schema"`
		Target      TargetInfo        `json:"target"`
		CollectedAt time.Time         `json:"collected_at"`
		Scanned     []string          `json:"scanned"`
		Errors      map[string]string `json:"errors"`
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	if h.Schema != FactsSchema {
		return fmt.Errorf("facts schema %q is not %q", h.Schema, FactsSchema)
	}
	f.Schema, f.Target, f.CollectedAt, f.Scanned, f.Errors = h.Schema, h.Target, h.CollectedAt, h.Scanned, h.Errors
	if f.Errors == nil {
		f.Errors = map[string]string{}
	}
	f.Sections = map[string]json.RawMessage{}
	for k, v := range m {
		switch k {
		case "schema", "target", "collected_at", "scanned", "errors":
		default:
			f.Sections[k] = v
		}
	}
	return nil
}

// Covers reports whether the document holds facts from a scanner that a
// control with these fact paths ("host.sysctl") reads: the control is then
// evaluated for this target.
func (f Facts) Covers(factPaths []string) bool {
	if f.Scanned == nil || len(factPaths) == 0 {
		return true
	}
	for _, p := range factPaths {
		root, _, _ := strings.Cut(p, ".")
		for _, s := range f.Scanned {
			if s == root {
				return true
			}
		}
	}
	return false
}

// AddError records that the fact at path could not be collected.
func (f *Facts) AddError(path string, err error) {
	if f.Errors == nil {
		f.Errors = map[string]string{}
	}
	f.Errors[path] = err.Error()
}

// Control is one entry of the catalog, read from a Rego METADATA block.
type Control struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Severity    Severity    `json:"severity"`
	Family      string      `json:"family"`
	Claim       string      `json:"claim,omitempty"`
	Description string      `json:"description,omitempty"`
	Sources     []Source    `json:"sources,omitempty"`
	Parameters  []Parameter `json:"parameters,omitempty"`
	Facts       []string    `json:"facts,omitempty"`
	Remediation string      `json:"remediation,omitempty"`
	// Package is the Rego package that implements the control.
	Package string `json:"package"`
	// File is the Rego file the control lives in, relative to policies/.
	File string `json:"file,omitempty"`
}

// Source cites the policy document a control's claim comes from.
type Source struct {
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
}

// Parameter is a tunable value a control reads from input.params.
type Parameter struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // integer, number, boolean, string, array, object
	Default     any    `json:"default"`
	Description string `json:"description,omitempty"`
}

// Evidence is one observation that supports a verdict. Message is for people;
// Data is the fact excerpt it rests on.
type Evidence struct {
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

// Waiver accepts a known failure for a time.
type Waiver struct {
	Control string     `json:"control" yaml:"control"`
	Targets []string   `json:"targets,omitempty" yaml:"targets"`
	Reason  string     `json:"reason" yaml:"reason"`
	Owner   string     `json:"owner" yaml:"owner"`
	Expires *time.Time `json:"expires,omitempty" yaml:"expires"`
	// Expired is set on a result's copy when the waiver no longer applies.
	Expired bool `json:"expired,omitempty" yaml:"-"`
}

// Result is the verdict of one control on one target.
type Result struct {
	ControlID string     `json:"control_id"`
	Title     string     `json:"title"`
	Severity  Severity   `json:"severity"`
	Family    string     `json:"family"`
	Target    string     `json:"target"`
	Status    Status     `json:"status"`
	Message   string     `json:"message"`
	Evidence  []Evidence `json:"evidence"`
	Facts     []string   `json:"facts,omitempty"`
	Waiver    *Waiver    `json:"waiver"`
	// Original is the status before a waiver turned it into waived.
	Original Status `json:"original_status,omitempty"`
}

// Summary counts results by status.
type Summary struct {
	Pass   int `json:"pass"`
	Fail   int `json:"fail"`
	Error  int `json:"error"`
	Skip   int `json:"skip"`
	Waived int `json:"waived"`
}

// Add counts one result.
func (s *Summary) Add(st Status) {
	switch st {
	case Pass:
		s.Pass++
	case Fail:
		s.Fail++
	case Error:
		s.Error++
	case Skip:
		s.Skip++
	case Waived:
		s.Waived++
	}
}

// Total is the number of results counted.
func (s Summary) Total() int { return s.Pass + s.Fail + s.Error + s.Skip + s.Waived }

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Report is everything a run produced; every writer renders it.
type Report struct {
	Schema      string    `json:"schema"`
	GeneratedAt time.Time `json:"generated_at"`
	Tool        Tool      `json:"tool"`
	Profile     string    `json:"profile"`
	Targets     []string  `json:"targets"`
	Results     []Result  `json:"results"`
	Summary     Summary   `json:"summary"`
	Controls    []Control `json:"controls"`
	Notes       []string  `json:"notes,omitempty"`
}

// Failing reports whether any result at or above min failed or errored.
func (r *Report) Failing(min Severity) bool {
	for _, res := range r.Results {
		if (res.Status == Fail || res.Status == Error) && res.Severity.Rank() >= min.Rank() {
			return true
		}
	}
	return false
}
