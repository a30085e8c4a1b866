package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/vouch-audit/vouch/audit"
)

// JUnit writes JUnit XML for CI test views: one testsuite per target, one
// testcase per control (classname the family, name "ID title"). A failed
// control is a <failure>, an erroring one an <error>, and skipped or waived
// ones are <skipped> with the reason or the waiver. Timestamps come from
// Report.GeneratedAt and durations are zero: a control has no run time of its
// own.
type JUnit struct{}

var _ Writer = JUnit{}

// junitTimestamp is the JUnit XSD's timestamp form: ISO 8601 without a zone,
// here always UTC.
const junitTimestamp = "2006-01-02T15:04:05"

type (
	junitSuites struct {
		XMLName   xml.Name     `xml:"testsuites"`
		Name      string       `xml:"name,attr"`
		Tests     int          `xml:"tests,attr"`
		Failures  int          `xml:"failures,attr"`
		Errors    int          `xml:"errors,attr"`
		Skipped   int          `xml:"skipped,attr"`
		Time      string       `xml:"time,attr"`
		Timestamp string       `xml:"timestamp,attr"`
		Suites    []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Timestamp  string          `xml:"timestamp,attr"`
		Properties []junitProperty `xml:"properties>property,omitempty"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Classname string        `xml:"classname,attr"`
		Name      string        `xml:"name,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		Skipped   *junitSkipped `xml:"skipped,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",cdata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
)

// Write renders r as JUnit XML.
func (JUnit) Write(w io.Writer, r *audit.Report) error {
	v := newView(r)
	ts := r.GeneratedAt.UTC().Format(junitTimestamp)
	doc := junitSuites{Name: orDefault(r.Tool.Name, "vouch"), Time: "0", Timestamp: ts}
	byTarget := map[string]*junitSuite{}
	for _, t := range v.targets {
		doc.Suites = append(doc.Suites, junitSuite{Name: t, Time: "0", Timestamp: ts, Properties: suiteProperties(r, t)})
	}
	for i := range doc.Suites {
		byTarget[doc.Suites[i].Name] = &doc.Suites[i]
	}
	for _, res := range v.results {
		s := byTarget[res.Target]
		c := junitCase{Classname: res.Family, Name: strings.TrimSpace(res.ControlID + " " + res.Title), Time: "0"}
		switch res.Status {
		case audit.Fail:
			msg := res.Message
			if note := waiverNote(res); note != "" {
				msg += " (" + note + ")"
			}
			c.Failure = &junitProblem{Message: msg, Type: string(res.Severity), Body: evidenceBody(res)}
			s.Failures++
		case audit.Error:
			c.Error = &junitProblem{Message: res.Message, Type: "missing-facts", Body: evidenceBody(res)}
			s.Errors++
		case audit.Skip:
			c.Skipped = &junitSkipped{Message: res.Message}
			s.Skipped++
		case audit.Waived:
			msg := waiverNote(res)
			if res.Message != "" {
				msg += " (" + orDefault(string(res.Original), "fail") + ": " + res.Message + ")"
			}
			c.Skipped = &junitSkipped{Message: msg}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode junit report: %w", err)
	}
	buf.WriteString("\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}

func suiteProperties(r *audit.Report, target string) []junitProperty {
	props := []junitProperty{
		{Name: "target", Value: target},
		{Name: "tool.version", Value: r.Tool.Version},
	}
	if r.Profile != "" {
		props = append(props, junitProperty{Name: "profile", Value: r.Profile})
	}
	return props
}

// evidenceBody lists the evidence, one observation a line, with its data as
// compact JSON.
func evidenceBody(res audit.Result) string {
	var lines []string
	for _, ev := range res.Evidence {
		line := ev.Message
		if ev.Data != nil {
			if b, err := json.Marshal(ev.Data); err == nil {
				line += " " + string(b)
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
