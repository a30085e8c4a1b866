package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
)

func newControlsCmd(e *env) *cobra.Command {
	var profile, format string
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the control catalog, from the policies' METADATA",
		Long: `List every control — id, title, severity, family, the claim in the policy
document's own words, its sources, parameters and remediation — or only those a
profile claims. The listing is read from the Rego METADATA, the single source
of the catalog.`,
		Example: `  vouch controls
  vouch controls --profile service-level-agreement-and-security-policy --format markdown
  vouch controls --format json | jq '.controls[] | select(.severity == "critical") | .id'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			eng, err := policies.Default()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			ctrls := eng.Controls()
			var prof *policies.Profile
			if profile != "" {
				if prof, err = eng.Profile(profile); err != nil {
					return &exitError{code: 1, err: err}
				}
				ctrls = catalogFor(eng, prof.Controls)
			}
			switch format {
			case "table":
				return controlsTable(e.stdout, ctrls)
			case "json":
				return controlsJSON(e.stdout, eng, prof, ctrls)
			case "markdown":
				return controlsMarkdown(e.stdout, ctrls)
			}
			return &exitError{code: 1, err: fmt.Errorf("--format %q: want table, json or markdown", format)}
		},
	}
	cmd.Flags().StringVarP(&profile, "profile", "p", "", "only the controls this profile claims ("+"vouch controls --format json lists profiles)")
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table, json, markdown")
	return cmd
}

func controlsTable(w io.Writer, ctrls []audit.Control) error {
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(table.StyleLight)
	t.AppendHeader(table.Row{"ID", "Severity", "Title", "Parameters"})
	for _, c := range ctrls {
		var ps []string
		for _, p := range c.Parameters {
			b, _ := json.Marshal(p.Default)
			ps = append(ps, fmt.Sprintf("%s=%s", p.Name, b))
		}
		t.AppendRow(table.Row{c.ID, c.Severity, c.Title, strings.Join(ps, "\n")})
	}
	t.Render()
	fmt.Fprintf(w, "%d controls\n", len(ctrls))
	return nil
}

func controlsJSON(w io.Writer, eng *policies.Engine, prof *policies.Profile, ctrls []audit.Control) error {
	doc := struct {
		Profile    *policies.Profile `json:"profile,omitempty"`
		Profiles   []string          `json:"profiles"`
		Controls   []audit.Control   `json:"controls"`
		Parameters []audit.Parameter `json:"parameters"`
	}{prof, eng.ProfileNames(), ctrls, eng.Parameters()}
	if doc.Controls == nil {
		doc.Controls = []audit.Control{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func controlsMarkdown(w io.Writer, ctrls []audit.Control) error {
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	fmt.Fprintln(w, "| ID | Severity | Title | Claim | Sources |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, c := range ctrls {
		var srcs []string
		for _, s := range c.Sources {
			if s.Section != "" {
				srcs = append(srcs, s.Doc+" ("+s.Section+")")
			} else {
				srcs = append(srcs, s.Doc)
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", c.ID, c.Severity, esc.Replace(c.Title), esc.Replace(c.Claim), esc.Replace(strings.Join(srcs, "; ")))
	}
	return nil
}
