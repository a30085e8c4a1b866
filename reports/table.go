package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/vouch-audit/vouch/audit"
)

// Table writes the report for a terminal: one table per control family in
// catalog order, then a summary line, the count of controls that had no facts
// and the run's notes.
type Table struct {
	// Color paints the status cells with ANSI colours. The caller decides
	// (for example, only when stdout is a terminal and NO_COLOR is unset);
	// the writer never looks at the environment.
	Color bool
}

var _ Writer = Table{}

// Column widths past which cells wrap onto more lines.
const (
	tableTitleWidth   = 40
	tableMessageWidth = 60
)

// ANSI SGR sequences for the status cells. Written by hand rather than with
// go-pretty's text colours, which switch off by themselves when TERM or
// NO_COLOR say so; the caller's Color field is the only switch here.
var statusColors = map[audit.Status]string{
	audit.Pass:   "\x1b[32m", // green
	audit.Fail:   "\x1b[31m", // red
	audit.Error:  "\x1b[35m", // magenta
	audit.Skip:   "\x1b[90m", // grey
	audit.Waived: "\x1b[36m", // cyan
}

const ansiReset = "\x1b[0m"

// Write renders r as text tables.
func (t Table) Write(w io.Writer, r *audit.Report) error {
	v := newView(r)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", orDefault(r.Tool.Name, "vouch"), r.Tool.Version)
	if r.Profile != "" {
		fmt.Fprintf(&b, ", profile %s", r.Profile)
	}
	fmt.Fprintf(&b, ", generated %s\n", r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z07:00"))
	multi := len(v.targets) > 1
	for _, g := range v.groups() {
		b.WriteString("\n")
		b.WriteString(t.family(g, multi))
		b.WriteString("\n")
	}
	b.WriteString("\n" + v.summaryLine() + "\n")
	if line := v.noFactsLine(); line != "" {
		b.WriteString(line + "\n")
	}
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table report: %w", err)
	}
	return nil
}

// family renders one family's results.
func (t Table) family(g familyGroup, multi bool) string {
	tw := table.NewWriter()
	tw.SetStyle(table.StyleLight)
	tw.SetTitle(g.family)
	header := table.Row{"ID", "SEVERITY", "STATUS"}
	if multi {
		header = append(header, "TARGET")
	}
	header = append(header, "TITLE", "MESSAGE")
	tw.AppendHeader(header)
	for _, res := range g.results {
		// Status is the only cell not run through cell: it is one of the
		// writer's own words, and may carry the colour escapes.
		row := table.Row{cell(res.ControlID, 0), cell(string(res.Severity), 0), t.status(res.Status)}
		if multi {
			row = append(row, cell(res.Target, 0))
		}
		msg := res.Message
		if note := waiverNote(res); note != "" {
			msg = strings.TrimSpace(msg + "\n" + note)
		}
		row = append(row, cell(res.Title, tableTitleWidth), cell(msg, tableMessageWidth))
		tw.AppendRow(row)
	}
	return tw.Render()
}

// cell makes report text safe for a terminal cell: control characters other
// than newline are shown escaped (a message must not be able to move the
// cursor or change colours), and each line is wrapped at width, keeping the
// line breaks the text has. A width of 0 leaves lines unwrapped.
func cell(s string, width int) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	if width <= 0 {
		return b.String()
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = text.WrapSoft(l, width)
	}
	return strings.Join(lines, "\n")
}

func (t Table) status(st audit.Status) string {
	if !t.Color {
		return string(st)
	}
	seq, ok := statusColors[st]
	if !ok {
		return string(st)
	}
	return seq + string(st) + ansiReset
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
