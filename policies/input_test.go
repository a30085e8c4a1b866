package policies

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/firewall"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/scanners/ssh"
	"github.com/vouch-audit/vouch/target"
)

// TestInputValueEqualsTheGenericConversion: the input decoded straight from
// JSON is the value OPA's generic conversion gives for the same document
// decoded with JSON numbers (as OPA decodes input), for a whole host's facts
// and for the awkward JSON values.
func TestInputValueEqualsTheGenericConversion(t *testing.T) {
	var keys []string
	for i := range 40 {
		keys = append(keys, fmt.Sprintf(`"k%d": %d`, i%25, i)) // k0-k14 twice, the second value kept
	}
	bigObject := strings.Join(keys, ", ")
	// In ascending order keys cannot repeat; once the order breaks, a repeat
	// of the last key or of an earlier one is found all the same.
	keys = keys[:0]
	for i := range 30 {
		keys = append(keys, fmt.Sprintf(`"a%02d": %d`, i, i))
	}
	keys = append(keys, `"a29": "last"`, `"a05": "again"`, `"k1": {"a07": 7}`)
	sortedObject := strings.Join(keys, ", ")
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	tgt, err := target.NewDir(filepath.Join("..", "fixtures", "hosts", "debian12-drifted"), "drifted")
	if err != nil {
		t.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(host.New()), Now: now}
	facts := run.Collect(context.Background(), tgt)
	odd := audit.Facts{Schema: audit.FactsSchema, Sections: map[string]json.RawMessage{
		"x": json.RawMessage(`{"s": "a\"\\u00e9\n", "n": [0, -1.5, 3e2, 12345678901234567890, -0, 1E+5, 0.5e-3], "b": [true, false], "z": null, "e": {}, "a": []}`),
		// Escaped and plain spellings of one key (the last wins), a
		// surrogate pair, HTML escapes, invalid UTF-8, and deep nesting.
		"y": json.RawMessage("{\"k\\u0065y\": 1, \"key\": 2, \"u\": \"\\ud83d\\ude00 \\u003c\\u0026\\u003e\", \"bad\": \"a\xffb\", \"é\": \"ü\", \"d\": " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + ", \"big\": {" + bigObject + "}, \"sorted\": {" + sortedObject + "}}"),
	}}
	params := map[string]any{"limit": 3, "names": []any{"a", "b"}}
	for name, f := range map[string]audit.Facts{"host": facts, "odd": odd} {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var in map[string]any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&in); err != nil {
			t.Fatal(err)
		}
		in["params"], in["now"] = params, now.Format(time.RFC3339)
		want, err := ast.InterfaceToValue(in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := inputValue(f, params, now)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ast.Compare(got, want) != 0 {
			t.Errorf("%s: inputValue differs from InterfaceToValue(Input)\n got %v\nwant %v", name, got, want)
		}
	}
}

// TestDefaultForCompilesOnlyWhatCanBeJudged: with HOST controls alone
// compiled, a host is judged as by Default, and a control of another family
// whose facts turn up is an error, never a pass.
func TestDefaultForCompilesOnlyWhatCanBeJudged(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	tgt, err := target.NewDir(filepath.Join("..", "fixtures", "hosts", "debian12-drifted"), "drifted")
	if err != nil {
		t.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(host.New()), Now: now}
	facts := run.Collect(ctx, tgt)

	judge := func(e *Engine) []audit.Result { return judgeAll(t, e, facts, now) }
	full, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	onlyHost, err := DefaultFor(func(c audit.Control) bool { return c.Family == "HOST" })
	if err != nil {
		t.Fatal(err)
	}
	if len(onlyHost.Controls()) != len(full.Controls()) {
		t.Errorf("catalog has %d controls, want all %d", len(onlyHost.Controls()), len(full.Controls()))
	}
	want := map[string]audit.Status{}
	for _, r := range judge(full) {
		want[r.ControlID] = r.Status
	}
	hostSeen, otherSeen := 0, 0
	for _, r := range judge(onlyHost) {
		switch {
		case r.Family == "HOST":
			hostSeen++
			if r.Status != want[r.ControlID] {
				t.Errorf("%s: %s, want %s as with every control compiled", r.ControlID, r.Status, want[r.ControlID])
			}
		default:
			otherSeen++
			if r.Status != audit.Error || r.Message != "the control was not compiled for this run" {
				t.Errorf("%s (not compiled): %s %q, want an error", r.ControlID, r.Status, r.Message)
			}
		}
	}
	if hostSeen == 0 || otherSeen == 0 {
		t.Errorf("judged %d HOST and %d other controls; want some of each", hostSeen, otherSeen)
	}
}

// TestDecodeJSONRejectsMalformedInput: a broken section (from a hand-edited
// facts file, say) is an error naming where, never a panic or a partial value.
func TestDecodeJSONRejectsMalformedInput(t *testing.T) {
	for _, in := range []string{
		``, `{`, `{"a"`, `{"a":`, `{"a": 1`, `{"a": 1,}`, `{a: 1}`, `[1, 2`, `[1 2]`, `"abc`, `"a\`,
		"\"a\x01b\"", `01`, `-`, `1.`, `1e`, `.5`, `tru`, `nul`, `{"a": 1} x`, `{"a": "\u12"}`,
		strings.Repeat("[", maxJSONDepth+2) + strings.Repeat("]", maxJSONDepth+2),
	} {
		v, err := decodeJSON([]byte(in))
		if err == nil {
			t.Errorf("decodeJSON(%.40q) = %v, want an error", in, v)
		}
		if json.Valid([]byte(in)) && !strings.HasPrefix(in, "[[[") {
			t.Errorf("%.40q is valid JSON; the case is wrong", in)
		}
	}
	bad := audit.Facts{Schema: audit.FactsSchema, Sections: map[string]json.RawMessage{"host": json.RawMessage(`{"os": [}`)}}
	if _, err := inputValue(bad, nil, time.Now()); err == nil || !strings.Contains(err.Error(), `section "host"`) || !strings.Contains(err.Error(), "offset 8") {
		t.Errorf("inputValue of a broken section: %v, want an error naming the section and offset", err)
	}
	// Evaluate converts each section on its own, while other queries run:
	// a broken one still fails the evaluation, named.
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	prep, err := e.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bad.Sections["ssh"] = json.RawMessage(`{"config": {}}`)
	if rs, err := prep.Evaluate(context.Background(), bad, nil, time.Now(), nil); err == nil || !strings.Contains(err.Error(), `section "host"`) {
		t.Errorf("Evaluate of a broken section: %d results, %v; want an error naming the section", len(rs), err)
	}
}

// TestShardedCompileJudgesAsOneCompiler: the embedded policies compiled in
// shards, each query given only the sections its controls read, judge the
// fixtures exactly as one compiler of every file does with the whole input.
func TestShardedCompileJudgesAsOneCompiler(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	one, err := New(embedded)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	if err := fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") {
			paths = append(paths, p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	modules, err := parseModules(embedded, paths, false)
	if err != nil {
		t.Fatal(err)
	}
	shards, err := compileShards(modules, 3)
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[*ast.Compiler]bool{}
	for _, c := range shards {
		distinct[c] = true
	}
	if len(distinct) != 3 {
		t.Fatalf("%d compilers for 3 shards", len(distinct))
	}
	sharded, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sharded.groupCompilers = shards
	for _, name := range []string{"debian12-drifted", "debian12-compliant"} {
		tgt, err := target.NewDir(filepath.Join("..", "fixtures", "hosts", name), name)
		if err != nil {
			t.Fatal(err)
		}
		run := &audit.Run{Scanners: scanners.NewRegistry(host.New(), ssh.New(), firewall.New()), Now: now}
		facts := run.Collect(ctx, tgt)
		want, got := judgeAll(t, one, facts, now), judgeAll(t, sharded, facts, now)
		if len(want) < 40 {
			t.Fatalf("%s: only %d results", name, len(want))
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%s: %s sharded %+v\none compiler %+v", name, want[i].ControlID, got[i], want[i])
				}
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d results sharded, %d with one compiler", name, len(got), len(want))
			}
		}
	}
}

// judgeAll evaluates every control e compiled on facts with the default
// parameters.
func judgeAll(t *testing.T, e *Engine, facts audit.Facts, now time.Time) []audit.Result {
	t.Helper()
	ctx := context.Background()
	prep, err := e.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	params, err := e.Params(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := prep.Evaluate(ctx, facts, params, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// inputValue builds the whole document the controls read, every section
// included, from the parts Evaluate converts one by one.
func inputValue(facts audit.Facts, params map[string]any, now time.Time) (ast.Value, error) {
	base, err := inputBase(facts, params, now)
	if err != nil {
		return nil, err
	}
	var d jsonDecoder
	items := base
	for _, name := range slices.Sorted(maps.Keys(facts.Sections)) {
		v, err := d.section(name, facts.Sections[name])
		if err != nil {
			return nil, err
		}
		items = append(items, [2]*ast.Term{ast.StringTerm(name), ast.NewTerm(v)})
	}
	return ast.NewObject(items...), nil
}
