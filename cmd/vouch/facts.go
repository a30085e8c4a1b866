package main

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/audit"
)

func newFactsCmd(e *env) *cobra.Command {
	o := &common{}
	cmd := &cobra.Command{
		Use:   "facts",
		Short: "Gather facts from targets and print them as JSON",
		Long: `Print the facts documents the controls judge: one JSON object for one target,
an array for several. Secrets never appear: files holding them are described by
owner, mode and a hash. A fact that could not be gathered is listed under
"errors" with the reason. Feed the output back with vouch audit --facts FILE.`,
		Example: `  vouch facts
  vouch facts --target dir:fixtures/hosts/debian12-compliant | jq .host.sysctl
  vouch facts --endpoint https://www.example.com --endpoint ssh://127.0.0.1:2222`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			l, err := o.load(true)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			run := &audit.Run{Scanners: l.scanners, Now: l.now}
			docs := run.CollectAll(ctx, l.targets)
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			if len(docs) == 1 {
				return enc.Encode(docs[0])
			}
			return enc.Encode(docs)
		},
	}
	o.addTargetFlags(cmd)
	cmd.Flags().StringVar(&o.now, "now", "", "the clock recorded in the documents, RFC 3339 (default: now)")
	return cmd
}
