package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/vouch-audit/vouch/audit"
)

// JSON writes the vouch.report/v1 document: the report's fields in their
// declared order, indented by two spaces, with empty lists written as [] and
// a result without a waiver as "waiver": null. ReadJSON reads it back.
type JSON struct{}

var _ Writer = JSON{}

// Write renders r as JSON.
func (JSON) Write(w io.Writer, r *audit.Report) error {
	doc := normalize(r)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode json report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// normalize copies r with the schema set, the timestamp in UTC and nil lists
// made empty, so that the document has the same shape whoever built r.
func normalize(r *audit.Report) *audit.Report {
	out := *r
	out.Schema = audit.ReportSchema
	out.GeneratedAt = r.GeneratedAt.UTC()
	if out.Targets == nil {
		out.Targets = []string{}
	}
	if out.Controls == nil {
		out.Controls = []audit.Control{}
	}
	out.Results = make([]audit.Result, len(r.Results))
	copy(out.Results, r.Results)
	for i := range out.Results {
		if out.Results[i].Evidence == nil {
			out.Results[i].Evidence = []audit.Evidence{}
		}
	}
	return &out
}

// ReadJSON reads a report written by the JSON writer. Numbers inside evidence
// data and parameter defaults are kept as json.Number, so writing the report
// again gives the same bytes.
func ReadJSON(rd io.Reader) (*audit.Report, error) {
	dec := json.NewDecoder(rd)
	dec.UseNumber()
	var r audit.Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("decode json report: %w", err)
	}
	if r.Schema != audit.ReportSchema {
		return nil, fmt.Errorf("decode json report: schema %q is not %q", r.Schema, audit.ReportSchema)
	}
	if dec.More() {
		return nil, fmt.Errorf("decode json report: unexpected data after the report")
	}
	return &r, nil
}
