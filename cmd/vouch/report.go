package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/reports"
)

func newReportCmd(e *env) *cobra.Command {
	var from string
	var formats []string
	var noColor bool
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Render a saved JSON report in other formats",
		Example: `  vouch audit -f json=report.json
  vouch report --from report.json -f markdown=report.md -f sarif=vouch.sarif`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if from == "" {
				return &exitError{code: 1, err: fmt.Errorf("--from is required: a report written by vouch audit -f json")}
			}
			f, err := os.Open(from)
			if err != nil {
				return &exitError{code: 1, err: fmt.Errorf("read report: %w", err)}
			}
			defer f.Close()
			rep, err := reports.ReadJSON(f)
			if err != nil {
				return &exitError{code: 1, err: fmt.Errorf("read report %s: %w", from, err)}
			}
			outs, err := parseFormats(formats, !noColor && os.Getenv("NO_COLOR") == "" && isTerminal(e.stdout))
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if err := writeReports(e, outs, rep); err != nil {
				return &exitError{code: 1, err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "JSON report to render")
	cmd.Flags().StringArrayVarP(&formats, "format", "f", nil, "report format, optionally to a file: FORMAT[=PATH] (repeatable)")
	cmd.Flags().BoolVar(&noColor, "no-color", false, "never colour the table")
	return cmd
}
