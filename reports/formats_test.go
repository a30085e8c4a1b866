package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vouch-audit/vouch/audit"
)

func TestJSONRoundTrip(t *testing.T) {
	first := render(t, JSON{}, sampleReport())
	r, err := ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatalf("ReadJSON(JSON output): %v", err)
	}
	second := render(t, JSON{}, r)
	if !bytes.Equal(first, second) {
		t.Errorf("write -> ReadJSON -> write changed the document\n--- first ---\n%s\n--- second ---\n%s", first, second)
	}
	if r.Summary != sampleReport().Summary {
		t.Errorf("ReadJSON summary = %+v; want %+v", r.Summary, sampleReport().Summary)
	}
	if got, want := len(r.Results), len(sampleReport().Results); got != want {
		t.Errorf("ReadJSON read %d results; want %d", got, want)
	}
	// Every other format renders the read-back report exactly as the
	// original: that is what `vouch report --from FILE` relies on.
	for _, name := range Default().Names() {
		w, _ := Default().Get(name)
		if a, b := render(t, w, sampleReport()), render(t, w, r); !bytes.Equal(a, b) {
			t.Errorf("%s output of the read-back report differs from the original's", name)
		}
	}
}

func TestJSONContract(t *testing.T) {
	out := render(t, JSON{}, sampleReport())
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JSON output does not parse: %v", err)
	}
	for _, key := range []string{"schema", "generated_at", "tool", "results", "summary"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("JSON report lacks %q", key)
		}
	}
	if string(doc["schema"]) != `"vouch.report/v1"` {
		t.Errorf("schema = %s; want \"vouch.report/v1\"", doc["schema"])
	}
	if string(doc["generated_at"]) != `"2026-11-20T12:00:00Z"` {
		t.Errorf("generated_at = %s; want \"2026-11-20T12:00:00Z\"", doc["generated_at"])
	}
	var results []map[string]json.RawMessage
	if err := json.Unmarshal(doc["results"], &results); err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		for _, key := range []string{"control_id", "title", "severity", "family", "target", "status", "message", "evidence", "waiver"} {
			if _, ok := res[key]; !ok {
				t.Errorf("result %s lacks %q", res["control_id"], key)
			}
		}
		if string(res["status"]) == `"pass"` && string(res["waiver"]) != "null" {
			t.Errorf("result %s has waiver %s; want null", res["control_id"], res["waiver"])
		}
	}
	// Keys come in a fixed order, header first.
	if !bytes.HasPrefix(out, []byte("{\n  \"schema\": \"vouch.report/v1\",\n  \"generated_at\": ")) {
		t.Errorf("JSON report does not start with schema then generated_at:\n%.120s", out)
	}
}

func TestJSONNilListsAreEmpty(t *testing.T) {
	r := &audit.Report{Results: []audit.Result{{ControlID: "HOST-001", Status: audit.Pass}}}
	out := string(render(t, JSON{}, r))
	for _, want := range []string{`"targets": []`, `"evidence": []`, `"controls": []`, `"waiver": null`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON output lacks %s\n%s", want, out)
		}
	}
}

func TestReadJSONRejects(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{name: "another schema", doc: `{"schema": "vouch.facts/v1", "results": []}`},
		{name: "no schema", doc: `{"results": []}`},
		{name: "not json", doc: `schema: vouch.report/v1`},
		{name: "trailing data", doc: `{"schema": "vouch.report/v1"} {"schema": "vouch.report/v1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadJSON(strings.NewReader(tt.doc)); err == nil {
				t.Errorf("ReadJSON(%s) succeeded; want an error", tt.doc)
			}
		})
	}
}

// sarifSchema compiles the OASIS SARIF 2.1.0 schema kept in testdata.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("testdata", "sarif-schema-2.1.0.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The schema must be whole: a truncated copy would not parse.
	var probe struct {
		Schema      string                     `json:"$schema"`
		Definitions map[string]json.RawMessage `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		t.Fatalf("%s is not complete JSON: %v", path, err)
	}
	for _, def := range []string{"run", "result", "reportingDescriptor", "suppression", "location", "webResponse"} {
		if _, ok := probe.Definitions[def]; !ok {
			t.Fatalf("%s has no definition %q; the copy is incomplete", path, def)
		}
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	fixRegionAnyOf(t, doc)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		t.Fatalf("compile SARIF schema: %v", err)
	}
	return sch
}

// fixRegionAnyOf repairs the one defect of the OASIS TC copy: in the region
// definition the "anyOf" (a region needs startLine, charOffset or
// byteOffset, SARIF 2.1.0 §3.30.2) sits inside "properties", where the
// metaschema rejects it as a property schema. It moves it up to the region
// itself, where the spec means it to be. The file on disk stays byte for
// byte as published; a copy without the defect is used unchanged.
func fixRegionAnyOf(t *testing.T, doc any) {
	t.Helper()
	defs, _ := doc.(map[string]any)["definitions"].(map[string]any)
	region, _ := defs["region"].(map[string]any)
	props, _ := region["properties"].(map[string]any)
	if props == nil {
		t.Fatal("SARIF schema has no region definition")
	}
	anyOf, misplaced := props["anyOf"].([]any)
	if !misplaced {
		return
	}
	delete(props, "anyOf")
	region["anyOf"] = anyOf
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("SARIF document does not parse: %v", err)
	}
	return sch.Validate(inst)
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := sarifSchema(t)
	reports := map[string]*audit.Report{
		"sample":     sampleReport(),
		"one target": oneTargetReport(),
		"empty":      {},
	}
	for name, r := range reports {
		if err := validateSARIF(t, sch, render(t, SARIF{}, r)); err != nil {
			t.Errorf("SARIF for the %s report is not valid SARIF 2.1.0: %v", name, err)
		}
	}
}

func TestSARIFSchemaRejectsBrokenDocuments(t *testing.T) {
	sch := sarifSchema(t)
	good := render(t, SARIF{}, sampleReport())
	tests := []struct {
		name   string
		mutate func(doc map[string]any)
	}{
		{name: "missing version", mutate: func(doc map[string]any) { delete(doc, "version") }},
		{name: "wrong version", mutate: func(doc map[string]any) { doc["version"] = "2.0.0" }},
		{name: "unknown level", mutate: func(doc map[string]any) { firstResult(doc)["level"] = "fatal" }},
		{name: "result without message", mutate: func(doc map[string]any) { delete(firstResult(doc), "message") }},
		{name: "suppression of an unknown kind", mutate: func(doc map[string]any) {
			firstResult(doc)["suppressions"] = []any{map[string]any{"kind": "waiver"}}
		}},
		{name: "unknown property on a result", mutate: func(doc map[string]any) { firstResult(doc)["target"] = "web-1" }},
		{name: "driver without name", mutate: func(doc map[string]any) {
			doc["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)["name"] = nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(good, &doc); err != nil {
				t.Fatal(err)
			}
			tt.mutate(doc)
			bad, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			err = validateSARIF(t, sch, bad)
			if err == nil {
				t.Fatalf("a SARIF document with %s passed validation; the schema check is hollow", tt.name)
			}
			t.Logf("rejected as expected: %v", err)
		})
	}
}

func firstResult(doc map[string]any) map[string]any {
	return doc["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
}

func TestSARIFContent(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string         `json:"id"`
						DefaultConfiguration map[string]any `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string `json:"ruleId"`
				RuleIndex           int    `json:"ruleIndex"`
				Level               string `json:"level"`
				Message             struct{ Text string }
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
				Properties struct {
					Target string `json:"target"`
					Status string `json:"status"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, SARIF{}, sampleReport()), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("SARIF has %d runs; want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if got := len(run.Tool.Driver.Rules); got != 5 {
		t.Errorf("SARIF has %d rules; want one per catalog control (5)", got)
	}
	// Fail, error and waived results are reported; pass and skip are not.
	want := map[string]struct {
		level      string
		suppressed bool
	}{
		"ACC-002 " + webTarget: {level: "warning"},
		"ACC-002 " + dbTarget:  {level: "error"},
		"LOG-001 " + dbTarget:  {level: "note", suppressed: true},
		"SSH-001 " + webTarget: {level: "error"}, // its waiver expired: not suppressed
		"TLS-003 " + dbTarget:  {level: "error"},
	}
	if len(run.Results) != len(want) {
		t.Errorf("SARIF has %d results; want %d", len(run.Results), len(want))
	}
	prints := map[string]bool{}
	for _, res := range run.Results {
		key := res.RuleID + " " + res.Properties.Target
		w, ok := want[key]
		if !ok {
			t.Errorf("unexpected SARIF result %s (%s)", key, res.Properties.Status)
			continue
		}
		if res.Level != w.level {
			t.Errorf("%s level = %s; want %s", key, res.Level, w.level)
		}
		if got := len(res.Suppressions) > 0; got != w.suppressed {
			t.Errorf("%s suppressed = %v; want %v", key, got, w.suppressed)
		}
		if w.suppressed && (res.Suppressions[0].Kind != "external" || !strings.Contains(res.Suppressions[0].Justification, "ops-team")) {
			t.Errorf("%s suppression = %+v; want kind external naming the owner", key, res.Suppressions[0])
		}
		if res.Properties.Status == "error" && !strings.Contains(res.Message.Text, "facts were missing") {
			t.Errorf("%s message %q does not say facts were missing", key, res.Message.Text)
		}
		if rule := run.Tool.Driver.Rules[res.RuleIndex]; rule.ID != res.RuleID {
			t.Errorf("%s ruleIndex %d points at rule %s", key, res.RuleIndex, rule.ID)
		}
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" || prints[fp] {
			t.Errorf("%s fingerprint %q is empty or not unique", key, fp)
		}
		prints[fp] = true
	}
	// The fingerprint depends on control and target only.
	changed := sampleReport()
	for i := range changed.Results {
		changed.Results[i].Message = "reworded"
	}
	if !bytes.Contains(render(t, SARIF{}, changed), []byte(fingerprint("TLS-003", dbTarget))) {
		t.Error("rewording a message changed the SARIF fingerprint")
	}
}

func TestSARIFLevelFromSeverity(t *testing.T) {
	tests := []struct {
		sev  audit.Severity
		want string
	}{
		{audit.Critical, "error"}, {audit.High, "error"}, {audit.Medium, "warning"},
		{audit.Low, "note"}, {audit.Info, "note"},
	}
	for _, tt := range tests {
		if got := sarifLevel(tt.sev); got != tt.want {
			t.Errorf("sarifLevel(%s) = %s; want %s", tt.sev, got, tt.want)
		}
	}
}

// junitDoc mirrors the JUnit XML the writer produces, for reading it back.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name      string `xml:"name,attr"`
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		Errors    int    `xml:"errors,attr"`
		Skipped   int    `xml:"skipped,attr"`
		Timestamp string `xml:"timestamp,attr"`
		Cases     []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitParsesAndCounts(t *testing.T) {
	var doc junitDoc
	if err := xml.Unmarshal(render(t, JUnit{}, sampleReport()), &doc); err != nil {
		t.Fatalf("JUnit output does not parse as XML: %v", err)
	}
	if got := []string{doc.Suites[0].Name, doc.Suites[1].Name}; !reflect.DeepEqual(got, []string{webTarget, dbTarget}) {
		t.Errorf("testsuite names = %v; want the two targets in order", got)
	}
	var tests, failures, errs, skipped int
	for _, s := range doc.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
			if c.Classname == "" || !strings.HasPrefix(c.Name, c.Classname+"-") {
				t.Errorf("testcase %q has classname %q; want the family of its id", c.Name, c.Classname)
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %s counts tests=%d failures=%d errors=%d skipped=%d; its cases have %d, %d, %d, %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		if s.Timestamp != "2026-11-20T12:00:00" {
			t.Errorf("suite %s timestamp = %q; want the report's generated_at", s.Name, s.Timestamp)
		}
		tests, failures, errs, skipped = tests+s.Tests, failures+s.Failures, errs+s.Errors, skipped+s.Skipped
	}
	sum := sampleReport().Summary
	if doc.Tests != tests || doc.Tests != sum.Total() {
		t.Errorf("testsuites tests = %d; want %d (sum of suites) = %d (results)", doc.Tests, tests, sum.Total())
	}
	if doc.Failures != failures || doc.Failures != sum.Fail {
		t.Errorf("testsuites failures = %d; want %d", doc.Failures, sum.Fail)
	}
	if doc.Errors != errs || doc.Errors != sum.Error {
		t.Errorf("testsuites errors = %d; want %d", doc.Errors, sum.Error)
	}
	if doc.Skipped != skipped || doc.Skipped != sum.Skip+sum.Waived {
		t.Errorf("testsuites skipped = %d; want skip + waived = %d", doc.Skipped, sum.Skip+sum.Waived)
	}
	var waived string
	for _, c := range doc.Suites[1].Cases {
		if strings.HasPrefix(c.Name, "LOG-001") && c.Skipped != nil {
			waived = c.Skipped.Message
		}
	}
	if !strings.Contains(waived, "ops-team") || !strings.Contains(waived, "moving to central logging") {
		t.Errorf("waived testcase message %q does not name the waiver owner and reason", waived)
	}
}

func TestJUnitBodyWithCDATAEnd(t *testing.T) {
	r := sampleReport()
	r.Results[1].Evidence = []audit.Evidence{{Message: "a ]]> b <c> & d"}}
	var doc junitDoc
	if err := xml.Unmarshal(render(t, JUnit{}, r), &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	for _, c := range doc.Suites[0].Cases {
		if c.Failure != nil && strings.HasPrefix(c.Name, "ACC-002") && c.Failure.Body != "a ]]> b <c> & d" {
			t.Errorf("failure body = %q; want the evidence unchanged", c.Failure.Body)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "pipe", in: "a | b", want: `a \| b`},
		{name: "newline", in: "line one\nline two", want: "line one<br>line two"},
		{name: "crlf", in: "one\r\ntwo\rthree", want: "one<br>two<br>three"},
		{name: "html", in: "<script>x & y</script>", want: "&lt;script&gt;x &amp; y&lt;/script&gt;"},
		{name: "empty", in: "", want: " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mdCell(tt.in); got != tt.want {
				t.Errorf("mdCell(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}

	// A hostile message must not add a column or a row to its table.
	r := oneTargetReport()
	r.Results[0].Message = "evil | injected | cells\n| row | smuggled |"
	out := string(render(t, Markdown{}, r))
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "| HOST-001 ") {
			continue
		}
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
		if cells != 5 {
			t.Errorf("row %q has %d cells; want 5", line, cells)
		}
	}
	if strings.Contains(out, "\n| row |") {
		t.Error("a newline in a message started a new table row")
	}
}

func TestTableNeutralisesControlCharacters(t *testing.T) {
	r := oneTargetReport()
	r.Results[0].Message = "evil \x1b[2Jclear"
	out := string(render(t, Table{}, r))
	if strings.Contains(out, "\x1b") {
		t.Error("a control character in a message reached the table output")
	}
	if !strings.Contains(out, `\x1b[2Jclear`) {
		t.Error("the escaped control character is not shown")
	}
}
