package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/audit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func render(t *testing.T, w Writer, r *audit.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatalf("%T.Write: %v", w, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		writer Writer
		golden string
	}{
		{name: "table without colour", writer: Table{}, golden: "report.txt"},
		{name: "json", writer: JSON{}, golden: "report.json"},
		{name: "sarif", writer: SARIF{}, golden: "report.sarif"},
		{name: "junit", writer: JUnit{}, golden: "report.xml"},
		{name: "markdown", writer: Markdown{}, golden: "report.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.writer, sampleReport())
			if again := render(t, tt.writer, sampleReport()); !bytes.Equal(got, again) {
				t.Fatalf("%T renders the same report differently on a second call", tt.writer)
			}
			path := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run go test ./reports -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%T output differs from %s; run go test ./reports -update and review the diff\n--- got ---\n%s", tt.writer, path, got)
			}
		})
	}
}

func TestWritersDoNotChangeTheReport(t *testing.T) {
	for _, name := range Default().Names() {
		w, _ := Default().Get(name)
		r := sampleReport()
		render(t, w, r)
		if !reflect.DeepEqual(r, sampleReport()) {
			t.Errorf("%s writer modified the report it rendered", name)
		}
	}
}

func TestEmptyReportRenders(t *testing.T) {
	for _, name := range Default().Names() {
		w, _ := Default().Get(name)
		out := render(t, w, &audit.Report{})
		if len(out) == 0 {
			t.Errorf("%s writer wrote nothing for an empty report", name)
		}
	}
}

func TestDefaultRegistry(t *testing.T) {
	reg := Default()
	want := []string{"json", "junit", "markdown", "sarif", "table"}
	if got := reg.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Default().Names() = %v; want %v", got, want)
	}
	w, ok := reg.Get("table")
	if !ok {
		t.Fatal(`Default().Get("table") not found`)
	}
	if tw, isTable := w.(Table); !isTable || tw.Color {
		t.Errorf(`Default().Get("table") = %#v; want Table without colour`, w)
	}
	if _, ok := reg.Get("html"); ok {
		t.Error(`Default().Get("html") found a writer; want none`)
	}
	if err := reg.Register("json", JSON{}); err == nil {
		t.Error(`Register("json") on the default registry succeeded; want a duplicate error`)
	}
	if err := reg.Register("", JSON{}); err == nil {
		t.Error(`Register("") succeeded; want an error`)
	}
	// Registries are values: changing one leaves a fresh one alone.
	if err := reg.Register("table-color", Table{Color: true}); err != nil {
		t.Fatalf("Register(table-color): %v", err)
	}
	if _, ok := Default().Get("table-color"); ok {
		t.Error("a writer registered on one registry showed up in another")
	}
}

func TestTableColourOnlyWhenAsked(t *testing.T) {
	tests := []struct {
		name  string
		color bool
	}{
		{name: "colour off", color: false},
		{name: "colour on", color: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The environment must not matter: only the field decides.
			t.Setenv("NO_COLOR", "1")
			t.Setenv("TERM", "dumb")
			out := string(render(t, Table{Color: tt.color}, sampleReport()))
			hasESC := strings.Contains(out, "\x1b[")
			if hasESC != tt.color {
				t.Errorf("Table{Color: %v} output has ANSI escapes = %v; want %v", tt.color, hasESC, tt.color)
			}
			if tt.color {
				for _, want := range []string{"\x1b[31mfail\x1b[0m", "\x1b[32mpass\x1b[0m", "\x1b[35merror\x1b[0m", "\x1b[36mwaived\x1b[0m", "\x1b[90mskip\x1b[0m"} {
					if !strings.Contains(out, want) {
						t.Errorf("coloured table lacks %q", want)
					}
				}
			}
		})
	}
}

func TestTableSummaryAndNoFacts(t *testing.T) {
	tests := []struct {
		name     string
		report   *audit.Report
		want     []string
		dontWant []string
	}{
		{
			name:   "two targets",
			report: sampleReport(),
			want: []string{
				"5 controls on 2 targets, 9 results: 3 pass, 3 fail, 1 error, 1 skip, 1 waived",
				"1 control had no facts to judge: ACC-002 on " + dbTarget,
				"TARGET",
				"waived by ops-team until 2027-01-31",
				"waiver by alice@example.com expired 2026-10-01",
			},
		},
		{
			name:     "one target has no target column and no errors",
			report:   oneTargetReport(),
			want:     []string{"4 controls on 1 target: 1 pass, 2 fail, 0 error, 1 skip, 0 waived"},
			dontWant: []string{"TARGET", "no facts"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(render(t, Table{}, tt.report))
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("table output lacks %q\n%s", w, out)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out, w) {
					t.Errorf("table output has %q; want it absent\n%s", w, out)
				}
			}
		})
	}
}

func TestTableGroupsFamiliesInCatalogOrder(t *testing.T) {
	out := string(render(t, Table{}, sampleReport()))
	last := -1
	for _, fam := range []string{"HOST", "ACC", "LOG", "SSH", "TLS"} {
		i := strings.Index(out, "│ "+fam+" ")
		if i < 0 {
			t.Fatalf("table output has no %s title\n%s", fam, out)
		}
		if i < last {
			t.Errorf("family %s comes before the family listed ahead of it in the catalog", fam)
		}
		last = i
	}
}
