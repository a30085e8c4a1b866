package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/reports"
)

type auditOpts struct {
	common
	formats   []string
	failOn    string
	factsFile string
	noColor   bool
}

func newAuditCmd(e *env) *cobra.Command {
	o := &auditOpts{}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Audit targets against a profile's controls and write reports",
		Long: `Gather facts from each target, judge them with the profile's controls, apply
waivers, and write one or more reports.

Exit codes: 0 nothing at or above --fail-on failed or errored; 2 something did;
1 vouch could not run (bad flags, bad configuration, policies that do not compile).

Environment: VOUCH_CACHE_DIR sets where this machine's pending upgrades are
cached between runs (default ~/.cache/vouch; "off" recomputes them every run).`,
		Example: `  vouch audit
  vouch audit --target dir:fixtures/hosts/debian12-drifted --control HOST-001,HOST-013
  vouch audit --target local --endpoint https://www.example.com --endpoint ssh://127.0.0.1:22
  vouch audit -f table -f json=report.json -f sarif=vouch.sarif -f junit=junit.xml --fail-on high
  vouch facts > facts.json && vouch audit --facts facts.json --now 2026-11-20T12:00:00Z`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Context(), e) },
	}
	o.addTargetFlags(cmd)
	o.addPolicyFlags(cmd)
	cmd.Flags().StringArrayVarP(&o.formats, "format", "f", nil, "report format, optionally to a file: FORMAT[=PATH] (repeatable); one of "+strings.Join(reports.Default().Names(), ", ")+" (default table)")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "low", "lowest severity whose fail or error makes the exit code 2: critical, high, medium, low, info")
	cmd.Flags().StringVar(&o.factsFile, "facts", "", "judge facts documents from this file (written by vouch facts) instead of scanning")
	cmd.Flags().BoolVar(&o.noColor, "no-color", false, "never colour the table (colour is on only for a terminal and when NO_COLOR is unset)")
	return cmd
}

// output is one report to write.
type output struct {
	format string
	path   string // "" for stdout
	writer reports.Writer
}

func parseFormats(specs []string, color bool) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	reg := reports.Default()
	var outs []output
	for _, spec := range specs {
		name, path, _ := strings.Cut(spec, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		w, ok := reg.Get(name)
		if !ok {
			return nil, fmt.Errorf("--format %q: unknown format (want one of %s)", spec, strings.Join(reg.Names(), ", "))
		}
		if name == "table" {
			w = &reports.Table{Color: color && path == ""}
		}
		outs = append(outs, output{format: name, path: path, writer: w})
	}
	return outs, nil
}

func (o *auditOpts) run(ctx context.Context, e *env) error {
	if ctx == nil {
		ctx = context.Background()
	}
	failOn, err := audit.ParseSeverity(o.failOn)
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("--fail-on: %w", err)}
	}
	color := !o.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(e.stdout)
	outs, err := parseFormats(o.formats, color)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	// Scanning starts as soon as the targets are known, while the policies
	// compile; a configuration error found after that cancels it.
	scanCtx, cancelScan := context.WithCancel(ctx)
	defer cancelScan()
	var (
		docs    []audit.Facts
		scanned chan struct{}
	)
	l, err := o.loadStarting(o.factsFile == "", func(l *loaded) {
		run := &audit.Run{Scanners: l.scanners, Now: l.now}
		if len(l.targets) > 1 && isTerminal(e.stderr) {
			run.Progress = func(name string, done, total int) {
				fmt.Fprintf(e.stderr, "\r[%d/%d] scanned %s\033[K", done, total, name)
				if done == total {
					fmt.Fprintln(e.stderr)
				}
			}
		}
		scanned = make(chan struct{})
		go func() {
			defer close(scanned)
			docs = run.CollectAll(scanCtx, l.targets)
		}()
	})
	if err != nil {
		cancelScan()
		if scanned != nil {
			<-scanned
		}
		return &exitError{code: 1, err: err}
	}
	ev, err := l.engine.Prepare(ctx)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	run := &audit.Run{
		Scanners: l.scanners, Evaluator: ev, Params: l.params, Controls: l.controls,
		Waivers: l.cfg.Waivers, Now: l.now,
	}
	if o.factsFile != "" {
		if docs, err = readFacts(o.factsFile); err != nil {
			return &exitError{code: 1, err: err}
		}
	} else {
		<-scanned
	}
	results, err := run.Judge(ctx, docs)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Target.Name
	}
	rep := audit.NewReport(tool(), l.profile.Name, l.now, names, catalogFor(l.engine, l.controls), results)
	if note := unevaluated(l.controls, results); note != "" {
		rep.Notes = append(rep.Notes, note)
	}
	if err := writeReports(e, outs, rep); err != nil {
		return &exitError{code: 1, err: err}
	}
	if rep.Failing(failOn) {
		return &exitError{code: 2}
	}
	return nil
}

// unevaluated names the profile's controls that no target had facts for — an
// https control with no --endpoint https://..., say — so a short report never
// looks like a clean one.
func unevaluated(ids []string, results []audit.Result) string {
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.ControlID] = true
	}
	var missing []string
	for _, id := range ids {
		if !seen[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	const show = 8
	list := strings.Join(missing[:min(len(missing), show)], ", ")
	if len(missing) > show {
		list += fmt.Sprintf(" and %d more", len(missing)-show)
	}
	return fmt.Sprintf("%d controls of the profile were not evaluated: no target gave their facts (%s); name the endpoints or targets they judge with --endpoint or --target", len(missing), list)
}

// writeReports renders every requested format; files are written whole or not at all.
func writeReports(e *env, outs []output, rep *audit.Report) error {
	for _, out := range outs {
		var buf bytes.Buffer
		if err := out.writer.Write(&buf, rep); err != nil {
			return fmt.Errorf("write %s report: %w", out.format, err)
		}
		if out.path == "" || out.path == "-" {
			if _, err := io.Copy(e.stdout, &buf); err != nil {
				return err
			}
			continue
		}
		if err := writeFileAtomic(out.path, buf.Bytes()); err != nil {
			return fmt.Errorf("write %s report: %w", out.format, err)
		}
	}
	return nil
}

func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(dirOf(path), ".vouch-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		if i == 0 {
			return "/"
		}
		return path[:i]
	}
	return "."
}

// readFacts reads one facts document or a JSON array of them.
func readFacts(path string) ([]audit.Facts, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var docs []audit.Facts
		if err := json.Unmarshal(b, &docs); err != nil {
			return nil, fmt.Errorf("read facts %s: %w", path, err)
		}
		return docs, nil
	}
	var doc audit.Facts
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("read facts %s: %w", path, err)
	}
	return []audit.Facts{doc}, nil
}
