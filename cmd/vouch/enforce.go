package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/enforcer"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

func newEnforceCmd(e *env) *cobra.Command {
	o := &common{}
	var plan, apply bool
	cmd := &cobra.Command{
		Use:   "enforce",
		Short: "Fix failing controls: print the diff, or apply it, re-scan and roll back what did not fix",
		Long: `Audit the target, plan the changes that fix its failing controls, and either
print them as a unified diff (--plan) or make them (--apply). Applying writes
each file atomically and keeps a backup beside it, then re-scans the target and
rolls back every change whose control still does not pass.

Remediations: ` + strings.Join(enforcer.Default(nil).Controls(), ", ") + `.

Exit codes: 0 nothing to do or everything fixed; 2 something was rolled back,
failed, or has no remediation; 1 vouch could not run or a rollback failed.`,
		Example: `  vouch enforce --plan
  vouch enforce --plan --target dir:/srv/images/web01 --control HOST-013
  vouch enforce --apply --control HOST-001,HOST-013,ACC-005`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if plan == apply {
				return &exitError{code: 1, err: fmt.Errorf("say --plan (print the changes) or --apply (make them)")}
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			return o.enforce(ctx, e, apply)
		},
	}
	o.addTargetFlags(cmd)
	o.addPolicyFlags(cmd)
	cmd.Flags().BoolVar(&plan, "plan", false, "print the unified diff of what would change")
	cmd.Flags().BoolVar(&apply, "apply", false, "make the changes, re-scan, and roll back any change whose control still fails")
	return cmd
}

func (o *common) enforce(ctx context.Context, e *env, apply bool) error {
	l, err := o.load(true)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	prep, err := l.engine.Prepare(ctx)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	enf := enforcer.Default(func() time.Time { return l.now })
	run := &audit.Run{Scanners: l.scanners, Evaluator: prep, Params: l.params, Controls: l.controls, Waivers: l.cfg.Waivers, Now: l.now}
	code := 0
	for _, t := range l.targets {
		c, err := o.enforceTarget(ctx, e, run, enf, t, apply)
		if err != nil {
			return &exitError{code: 1, err: fmt.Errorf("%s: %w", t.Info().Name, err)}
		}
		code = max(code, c)
	}
	if code != 0 {
		return &exitError{code: code}
	}
	return nil
}

func (o *common) enforceTarget(ctx context.Context, e *env, run *audit.Run, enf *enforcer.Enforcer, t target.Target, apply bool) (int, error) {
	name := t.Info().Name
	facts := run.Collect(ctx, t)
	results, err := run.Judge(ctx, []audit.Facts{facts})
	if err != nil {
		return 1, err
	}
	var failing, unfixable []string
	for _, r := range results {
		if r.Status != audit.Fail {
			continue
		}
		if slices.Contains(enf.Controls(), r.ControlID) {
			failing = append(failing, r.ControlID)
		} else {
			unfixable = append(unfixable, r.ControlID)
		}
	}
	code := 0
	if len(unfixable) > 0 && len(o.controls) > 0 {
		fmt.Fprintf(e.stderr, "%s: no remediation for failing %s\n", name, strings.Join(unfixable, ", "))
		code = 2
	}
	if len(failing) == 0 {
		fmt.Fprintf(e.stdout, "%s: nothing to change\n", name)
		return code, nil
	}
	var hf host.Facts
	if raw, ok := facts.Sections["host"]; ok {
		if err := json.Unmarshal(raw, &hf); err != nil {
			return 1, fmt.Errorf("decode host facts: %w", err)
		}
	}
	changes, err := enf.Plan(ctx, t, enforcer.Input{Facts: &hf, Params: run.Params, Failing: failing})
	if err != nil {
		return 1, err
	}
	if len(changes) == 0 {
		fmt.Fprintf(e.stdout, "%s: %s fail but no change would fix them\n", name, strings.Join(failing, ", "))
		return 2, nil
	}
	fmt.Fprintf(e.stdout, "# %s: %d change(s) for %s\n", name, len(changes), strings.Join(failing, ", "))
	for _, c := range changes {
		fmt.Fprintf(e.stdout, "#   %s %s: %s\n", strings.Join(c.Controls, ","), c.Path, c.Description)
	}
	fmt.Fprint(e.stdout, enforcer.Diff(changes))
	if !apply {
		return code, nil
	}
	verify := func(ctx context.Context, ids []string) (map[string]audit.Status, error) {
		rerun := *run
		rerun.Controls = ids
		rs, err := rerun.Judge(ctx, []audit.Facts{rerun.Collect(ctx, t)})
		if err != nil {
			return nil, err
		}
		out := make(map[string]audit.Status, len(rs))
		for _, r := range rs {
			out[r.ControlID] = r.Status
		}
		return out, nil
	}
	outcome, err := enf.Apply(ctx, t, changes, verify)
	for _, r := range outcome.Results {
		fmt.Fprintf(e.stdout, "%s: %s\n", name, r)
	}
	if err != nil {
		return 1, err
	}
	if outcome.Count(enforcer.Applied) != len(outcome.Results) {
		code = 2
	}
	return code, nil
}
