package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newEnforceCmd(e *env) *cobra.Command {
	o := &common{}
	var plan, apply bool
	cmd := &cobra.Command{
		Use:   "enforce",
		Short: "Fix failing controls: print the diff, or apply it, re-scan and roll back what did not fix",
		Example: `  vouch enforce --plan --target dir:/srv/images/web01
  vouch enforce --apply --control HOST-013`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if plan == apply {
				return &exitError{code: 1, err: fmt.Errorf("say --plan (print the changes) or --apply (make them)")}
			}
			return &exitError{code: 1, err: fmt.Errorf("enforce: not wired yet")}
		},
	}
	o.addTargetFlags(cmd)
	o.addPolicyFlags(cmd)
	cmd.Flags().BoolVar(&plan, "plan", false, "print the unified diff of what would change")
	cmd.Flags().BoolVar(&apply, "apply", false, "make the changes, re-scan, and roll back any change whose control still fails")
	return cmd
}
