package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/vouch-audit/vouch/audit"
)

// Markdown writes a report to hand to a customer or an auditor: the run's
// particulars, a summary table, a table of controls per family, then each
// failing control and each control that had no facts with its evidence, and
// the waivers in force or expired. Text from the report is escaped, so a pipe
// or a newline in a message cannot break a table.
type Markdown struct{}

var _ Writer = Markdown{}

// Write renders r as GitHub-flavoured Markdown.
func (Markdown) Write(w io.Writer, r *audit.Report) error {
	v := newView(r)
	multi := len(v.targets) > 1
	var b strings.Builder
	b.WriteString("# Compliance report\n\n")
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Generated | %s |\n", r.GeneratedAt.UTC().Format("2006-01-02 15:04:05 UTC"))
	fmt.Fprintf(&b, "| Tool | %s |\n", mdCell(strings.TrimSpace(orDefault(r.Tool.Name, "vouch")+" "+r.Tool.Version)))
	if r.Profile != "" {
		fmt.Fprintf(&b, "| Profile | %s |\n", mdCell(r.Profile))
	}
	fmt.Fprintf(&b, "| Targets | %s |\n", mdCell(strings.Join(v.targets, ", ")))

	s := v.tally()
	b.WriteString("\n## Summary\n\n")
	b.WriteString(mdText(v.summaryLine()) + "\n\n")
	b.WriteString("| Status | Results |\n|---|---:|\n")
	for _, row := range []struct {
		st audit.Status
		n  int
	}{{audit.Pass, s.Pass}, {audit.Fail, s.Fail}, {audit.Error, s.Error}, {audit.Skip, s.Skip}, {audit.Waived, s.Waived}} {
		fmt.Fprintf(&b, "| %s | %d |\n", row.st, row.n)
	}
	fmt.Fprintf(&b, "| **total** | **%d** |\n", s.Total())
	if line := v.noFactsLine(); line != "" {
		b.WriteString("\n> " + mdText(line) + "\n")
	}

	for _, g := range v.groups() {
		fmt.Fprintf(&b, "\n## %s\n\n", mdText(g.family))
		if multi {
			b.WriteString("| Control | Severity | Target | Status | Title | Message |\n|---|---|---|---|---|---|\n")
		} else {
			b.WriteString("| Control | Severity | Status | Title | Message |\n|---|---|---|---|---|\n")
		}
		for _, res := range g.results {
			msg := res.Message
			if note := waiverNote(res); note != "" {
				msg = strings.TrimSpace(msg + "\n" + note)
			}
			cells := []string{res.ControlID, string(res.Severity)}
			if multi {
				cells = append(cells, res.Target)
			}
			cells = append(cells, string(res.Status), res.Title, msg)
			for i := range cells {
				cells[i] = mdCell(cells[i])
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
	}

	writeFindings(&b, v, "Failing controls", v.byStatus(audit.Fail), multi)
	writeFindings(&b, v, "Controls without facts", v.byStatus(audit.Error), multi)
	writeWaivers(&b, v)

	if len(r.Notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range r.Notes {
			b.WriteString("- " + mdText(n) + "\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

// writeFindings lists results with their evidence and, from the catalog, the
// claim and remediation.
func writeFindings(b *strings.Builder, v *view, heading string, results []audit.Result, multi bool) {
	if len(results) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n", heading)
	for _, res := range results {
		title := res.ControlID + " " + res.Title
		if multi {
			title += " on " + res.Target
		}
		fmt.Fprintf(b, "\n### %s\n\n", mdText(strings.TrimSpace(title)))
		fmt.Fprintf(b, "Severity: %s. %s\n", mdText(string(res.Severity)), mdText(res.Message))
		if note := waiverNote(res); note != "" {
			fmt.Fprintf(b, "\n%s\n", mdText(capitalize(note)))
		}
		if len(res.Evidence) > 0 {
			b.WriteString("\nEvidence:\n\n")
			for _, ev := range res.Evidence {
				b.WriteString("- " + mdText(ev.Message) + "\n")
			}
		}
		c := v.controls[res.ControlID]
		if c.Claim != "" {
			fmt.Fprintf(b, "\nClaim: %s\n", mdText(c.Claim))
		}
		if c.Remediation != "" {
			fmt.Fprintf(b, "\nRemediation: %s\n", mdText(c.Remediation))
		}
	}
}

// writeWaivers tables every waiver the results carry, applied or expired.
func writeWaivers(b *strings.Builder, v *view) {
	var rows []string
	for _, res := range v.results {
		wv := res.Waiver
		if wv == nil {
			continue
		}
		state := "applied"
		if wv.Expired {
			state = "expired"
		}
		expires := "never"
		if wv.Expires != nil {
			expires = day(*wv.Expires)
		}
		cells := []string{res.ControlID, res.Target, orUnknown(wv.Owner), expires, state, wv.Reason}
		for i := range cells {
			cells[i] = mdCell(cells[i])
		}
		rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n## Waivers\n\n| Control | Target | Owner | Expires | State | Reason |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n")
}

// mdText escapes report text for Markdown prose: HTML-significant characters
// become entities and line breaks become <br>, so a message stays one block.
func mdText(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>")
}

// mdCell escapes report text for a table cell: as mdText, and a pipe is
// escaped so it cannot end the cell. An empty cell is written as a space.
func mdCell(s string) string {
	s = strings.ReplaceAll(mdText(s), "|", `\|`)
	if s == "" {
		return " "
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
