package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/vouch-audit/vouch/audit"
)

// SARIF writes a SARIF 2.1.0 log (OASIS Standard, errata 01) with one run:
// every catalog control as a rule, and a result for every control that failed
// or errored on a target. Waived failures are kept as results with an
// external suppression, so code-scanning views show them as dismissed rather
// than losing them.
type SARIF struct{}

var _ Writer = SARIF{}

// SARIFSchemaURI is the $schema the log names.
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// informationURI is where the driver says to learn about vouch.
const informationURI = "https://github.com/vouch-audit/vouch"

// fingerprintKey names the partial fingerprint: a hash of control id and
// target, so a finding keeps its identity from run to run whatever its
// message says. Bump the version if the inputs ever change.
const fingerprintKey = "vouchControlTarget/v1"

// The SARIF objects vouch writes; field order is the key order in the output.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
		Properties  map[string]any    `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool   `json:"executionSuccessful"`
		EndTimeUTC          string `json:"endTimeUtc,omitempty"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name,omitempty"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifText      `json:"help"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          map[string]any     `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogical `json:"logicalLocations"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifLogical struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
)

// Write renders r as a SARIF log.
func (SARIF) Write(w io.Writer, r *audit.Report) error {
	v := newView(r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "vouch",
			Version:        r.Tool.Version,
			InformationURI: informationURI,
			Rules:          make([]sarifRule, 0, len(v.rules)),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, EndTimeUTC: r.GeneratedAt.UTC().Format(time.RFC3339)}},
		Results:     []sarifResult{},
		Properties:  runProperties(r, v),
	}
	for _, c := range v.rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(c))
	}
	for _, res := range v.results {
		if sr, ok := sarifResultFor(res, v); ok {
			run.Results = append(run.Results, sr)
		}
	}
	doc := sarifLog{Schema: SARIFSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode sarif report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

func runProperties(r *audit.Report, v *view) map[string]any {
	s := v.tally()
	p := map[string]any{
		"targets": v.targets,
		"summary": map[string]int{"pass": s.Pass, "fail": s.Fail, "error": s.Error, "skip": s.Skip, "waived": s.Waived},
	}
	if v.targets == nil {
		p["targets"] = []string{}
	}
	if r.Profile != "" {
		p["profile"] = r.Profile
	}
	return p
}

// sarifLevel maps a severity to a SARIF level: critical and high are errors,
// medium a warning, low and info notes.
func sarifLevel(s audit.Severity) string {
	switch s {
	case audit.Critical, audit.High:
		return "error"
	case audit.Medium:
		return "warning"
	case audit.Low, audit.Info:
		return "note"
	}
	return "warning"
}

// securitySeverity is the CVSS-like score GitHub code scanning reads from a
// rule's "security-severity" property to rank alerts.
var securitySeverity = map[audit.Severity]string{
	audit.Critical: "9.5",
	audit.High:     "8.0",
	audit.Medium:   "5.5",
	audit.Low:      "3.0",
	audit.Info:     "0.0",
}

func sarifRuleFor(c audit.Control) sarifRule {
	title := orDefault(c.Title, c.ID)
	full := c.Description
	if full == "" {
		full = orDefault(c.Claim, title)
	}
	props := map[string]any{
		"severity": string(c.Severity),
		"family":   c.Family,
		"tags":     ruleTags(c),
	}
	if s, ok := securitySeverity[c.Severity]; ok {
		props["security-severity"] = s
	}
	if len(c.Parameters) > 0 {
		params := make([]map[string]any, len(c.Parameters))
		for i, p := range c.Parameters {
			params[i] = map[string]any{"name": p.Name, "type": p.Type, "default": p.Default}
		}
		props["parameters"] = params
	}
	htext, hmd := ruleHelp(c)
	return sarifRule{
		ID:                   c.ID,
		Name:                 ruleName(title),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifText{Text: htext, Markdown: hmd},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(c.Severity)},
		Properties:           props,
	}
}

// ruleTags are the code-scanning tags: a fixed "compliance", the family and
// the severity.
func ruleTags(c audit.Control) []string {
	tags := []string{"compliance"}
	if c.Family != "" {
		tags = append(tags, strings.ToLower(c.Family))
	}
	if c.Severity != "" {
		tags = append(tags, string(c.Severity))
	}
	return tags
}

// ruleName turns a title into the readable identifier SARIF asks for:
// "SSH password authentication is disabled" -> "SSHPasswordAuthenticationIsDisabled".
func ruleName(title string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

// ruleHelp is the rule's help in text and Markdown: the claim and where it
// comes from, the parameters, and how to remediate.
func ruleHelp(c audit.Control) (string, string) {
	var t, m []string
	if c.Claim != "" {
		t = append(t, "Claim: "+c.Claim)
		m = append(m, "**Claim:** "+c.Claim)
	}
	if len(c.Sources) > 0 {
		srcs := make([]string, len(c.Sources))
		mds := make([]string, len(c.Sources))
		for i, s := range c.Sources {
			srcs[i] = s.Doc
			mds[i] = "- `" + s.Doc + "`"
			if s.Section != "" {
				srcs[i] += " (" + s.Section + ")"
				mds[i] += ", " + s.Section
			}
		}
		t = append(t, "Sources: "+strings.Join(srcs, "; "))
		m = append(m, "**Sources:**\n\n"+strings.Join(mds, "\n"))
	}
	if len(c.Parameters) > 0 {
		ps := make([]string, len(c.Parameters))
		mds := make([]string, len(c.Parameters))
		for i, p := range c.Parameters {
			def, _ := json.Marshal(p.Default)
			ps[i] = fmt.Sprintf("%s (%s, default %s)", p.Name, p.Type, def)
			mds[i] = fmt.Sprintf("- `%s` (%s, default `%s`)", p.Name, p.Type, def)
			if p.Description != "" {
				ps[i] += ": " + p.Description
				mds[i] += ": " + p.Description
			}
		}
		t = append(t, "Parameters: "+strings.Join(ps, "; "))
		m = append(m, "**Parameters:**\n\n"+strings.Join(mds, "\n"))
	}
	if c.Remediation != "" {
		t = append(t, "Remediation: "+c.Remediation)
		m = append(m, "**Remediation:**\n\n"+c.Remediation)
	}
	if len(t) == 0 {
		title := orDefault(c.Title, c.ID)
		return title, title
	}
	return strings.Join(t, "\n"), strings.Join(m, "\n\n")
}

// sarifResultFor turns a failing, erroring or waived result into a SARIF
// result; passes and skips have none.
func sarifResultFor(res audit.Result, v *view) (sarifResult, bool) {
	st := res.Status
	if st == audit.Waived {
		st = res.Original
		if st == "" {
			st = audit.Fail
		}
	}
	if st != audit.Fail && st != audit.Error {
		return sarifResult{}, false
	}
	out := sarifResult{
		RuleID:              res.ControlID,
		RuleIndex:           v.ruleIdx[res.ControlID],
		Level:               sarifLevel(res.Severity),
		Locations:           []sarifLocation{sarifLocationFor(res)},
		PartialFingerprints: map[string]string{fingerprintKey: fingerprint(res.ControlID, res.Target)},
		Properties: map[string]any{
			"target":   res.Target,
			"status":   string(res.Status),
			"severity": string(res.Severity),
		},
	}
	msg := res.Message
	if st == audit.Error {
		out.Level = "error"
		msg = fmt.Sprintf("facts were missing, so %s could not be judged on %s: %s", res.ControlID, res.Target, res.Message)
	} else {
		msg = fmt.Sprintf("%s on %s: %s", res.ControlID, res.Target, res.Message)
	}
	if ev := evidenceMessages(res); len(ev) > 1 {
		msg += "\n- " + strings.Join(ev, "\n- ")
	}
	out.Message = sarifText{Text: msg}
	if res.Waiver != nil {
		out.Properties["waiver"] = waiverNote(res)
	}
	if res.Status == audit.Waived && res.Waiver != nil && !res.Waiver.Expired {
		out.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: waiverNote(res)}}
	}
	return out, true
}

// sarifLocationFor names the target as a logical location and, when the
// evidence names a file, that file as the physical location.
func sarifLocationFor(res audit.Result) sarifLocation {
	loc := sarifLocation{LogicalLocations: []sarifLogical{{Name: res.Target, FullyQualifiedName: res.Target, Kind: "resource"}}}
	if p := evidencePath(res); p != "" {
		u := url.URL{Path: p}
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: u.String()}}
	}
	return loc
}

// evidencePath is the first "path" or "file" string in the evidence data.
func evidencePath(res audit.Result) string {
	for _, ev := range res.Evidence {
		if ev.Data == nil {
			continue
		}
		b, err := json.Marshal(ev.Data)
		if err != nil {
			continue
		}
		var m map[string]any
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		for _, k := range []string{"path", "file"} {
			if s, ok := m[k].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

func evidenceMessages(res audit.Result) []string {
	var out []string
	for _, ev := range res.Evidence {
		if ev.Message != "" {
			out = append(out, ev.Message)
		}
	}
	return out
}

func fingerprint(controlID, target string) string {
	sum := sha256.Sum256([]byte(controlID + "\x00" + target))
	return hex.EncodeToString(sum[:])
}
