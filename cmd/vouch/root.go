package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/backup"
	"github.com/vouch-audit/vouch/scanners/container"
	"github.com/vouch-audit/vouch/scanners/firewall"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/scanners/sla"
	"github.com/vouch-audit/vouch/scanners/ssh"
	tlsscan "github.com/vouch-audit/vouch/scanners/tls"
	"github.com/vouch-audit/vouch/scanners/web"
	"github.com/vouch-audit/vouch/target"
)

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "vouch",
		Short: "Prove written security and SLA policies true or false on real machines",
		Long: `vouch audits machines against the controls taken from a company's own security
and SLA policy documents. Scanners gather facts (host hardening, accounts, logs,
and more); Rego controls judge them; reports serve a CI gate (exit code, SARIF,
JUnit), a nightly audit, a customer and an auditor.`,
		Example: `  vouch audit                              # this machine, baseline profile, a table
  vouch audit --target dir:fixtures/hosts/debian12-drifted -f json=report.json -f sarif=vouch.sarif
  vouch controls --profile saas-infrastructure-details
  vouch enforce --plan --control HOST-013`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newAuditCmd(e), newFactsCmd(e), newControlsCmd(e), newEnforceCmd(e), newReportCmd(e), newVersionCmd(e))
	return root
}

// defaultScanners is every scanner vouch ships, configured from vouch.yaml.
// One line per scanner.
func defaultScanners(cfg *config.Config) *scanners.Registry {
	_ = cfg // scanners that read vouch.yaml (backup sets, monitoring) take their part of it here
	return scanners.NewRegistry(
		host.New(),
		ssh.New().WithProbeOptions(ssh.ProbeOptions{Timeout: cfg.SSHProbeTimeout}),
		tlsscan.New(tlsscan.Options{}),
		web.New(),
		firewall.New(),
		container.New(container.Options{VulnDB: cfg.VulnDB, Images: cfg.Images}),
		backup.New(cfg),
		sla.New(cfg),
	)
}

// common are the flags audit, facts and enforce share.
type common struct {
	targets    []string
	endpoints  []string
	configFile string
	profile    string
	controls   []string
	now        string
	vulnDB     string
}

func (c *common) addTargetFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVarP(&c.targets, "target", "t", nil, "machine to audit: local, dir:PATH (repeatable; default local)")
	cmd.Flags().StringArrayVar(&c.endpoints, "endpoint", nil, "network service to probe live: https://host[:port], ssh://host[:port] (repeatable)")
	cmd.Flags().StringVarP(&c.configFile, "config", "c", "", "configuration file (default ./vouch.yaml when present)")
	cmd.Flags().StringVar(&c.vulnDB, "vuln-db", "", "offline vulnerability database directory (trivy.db + metadata.json) for container images (default vuln_db from the config)")
}

func (c *common) addPolicyFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&c.profile, "profile", "p", "", "profile to audit against (default from the config, else baseline)")
	cmd.Flags().StringSliceVar(&c.controls, "control", nil, "restrict to these control ids (repeatable, comma-separated)")
	cmd.Flags().StringVar(&c.now, "now", "", "the run's clock in RFC 3339, for replaying an audit as of a date (default: now)")
}

// loaded is everything a run needs after flags and config are read.
type loaded struct {
	cfg      *config.Config
	scanners *scanners.Registry // defaultScanners(cfg)
	engine   *policies.Engine
	profile  *policies.Profile
	params   map[string]any
	controls []string
	targets  []target.Target
	now      time.Time
}

// load reads the configuration and policies and resolves targets, profile,
// parameters and control ids. Every error here is exit code 1.
func (c *common) load(needTargets bool) (*loaded, error) { return c.loadStarting(needTargets, nil) }

// loadStarting is load that calls started, once the configuration and targets
// are known and before waiting for the policies, so a caller can begin
// scanning meanwhile. An error after started was called still fails the run.
func (c *common) loadStarting(needTargets bool, started func(*loaded)) (*loaded, error) {
	l := &loaded{now: time.Now().UTC()}
	if c.now != "" {
		t, err := time.Parse(time.RFC3339, c.now)
		if err != nil {
			return nil, fmt.Errorf("--now %q: want RFC 3339, as in 2026-11-20T12:00:00Z", c.now)
		}
		l.now = t.UTC()
	}
	cfgFile := c.configFile
	if cfgFile == "" {
		if _, err := os.Stat("vouch.yaml"); err == nil {
			cfgFile = "vouch.yaml"
		}
	}
	l.cfg = &config.Config{Params: map[string]any{}, ParamLines: map[string]int{}}
	if cfgFile != "" {
		cfg, err := config.Load(cfgFile)
		if err != nil {
			return nil, err
		}
		l.cfg = cfg
	}
	if c.vulnDB != "" {
		l.cfg.VulnDB = c.vulnDB
	}
	l.scanners = defaultScanners(l.cfg)
	// Compiling the policies takes a good part of a run: it proceeds while
	// the targets are parsed and, through started, while they are scanned.
	type compiled struct {
		eng *policies.Engine
		err error
	}
	engc := make(chan compiled, 1)
	compile := func(judge func(audit.Control) bool) {
		go func() {
			eng, err := policies.DefaultFor(judge) // nil: every control
			engc <- compiled{eng, err}
		}()
	}
	if !needTargets {
		compile(nil)
	} else {
		if err := c.parseTargets(l); err != nil {
			return nil, err
		}
		// Only the controls some target can be judged on are compiled.
		compile(judgeable(l.scanners, l.targets))
		if started != nil {
			started(l)
		}
	}
	ce := <-engc
	if ce.err != nil {
		return nil, ce.err
	}
	eng := ce.eng
	l.engine = eng
	var err error
	name := c.profile
	if name == "" {
		name = l.cfg.Profile
	}
	if name == "" {
		name = "baseline"
	}
	if l.profile, err = eng.Profile(name); err != nil {
		return nil, err
	}
	if l.params, err = eng.Params(l.profile, l.cfg.Params); err != nil {
		if pe, ok := err.(*policies.ParamError); ok && l.cfg.File != "" {
			return nil, &config.Error{File: l.cfg.File, Line: l.cfg.ParamLines[pe.Key], Msg: pe.Error()}
		}
		return nil, err
	}
	ids, err := c.controlIDs(eng, l.profile)
	if err != nil {
		return nil, err
	}
	l.controls = ids
	return l, nil
}

// judgeable reports whether a control can be judged on one of targets: some
// scanner that applies to it produces the control's facts (Facts.Covers).
func judgeable(reg *scanners.Registry, targets []target.Target) func(audit.Control) bool {
	var docs []audit.Facts
	for _, t := range targets {
		f := audit.Facts{Scanned: []string{}}
		for _, name := range reg.Names() {
			if s, _ := reg.Get(name); scanners.Applies(s, t) {
				f.Scanned = append(f.Scanned, name)
			}
		}
		docs = append(docs, f)
	}
	return func(c audit.Control) bool {
		for _, f := range docs {
			if f.Covers(c.Facts) {
				return true
			}
		}
		return false
	}
}

// parseTargets resolves --target, --endpoint and the configuration's targets
// and endpoints.
func (c *common) parseTargets(l *loaded) error {
	specs := c.targets
	if len(specs) == 0 {
		specs = l.cfg.Targets
	}
	endpoints := l.cfg.Endpoints
	if len(c.endpoints) > 0 {
		endpoints = nil
		for _, u := range c.endpoints {
			ep := config.Endpoint{URL: u}
			for _, ce := range l.cfg.Endpoints { // keep http_url from vouch.yaml for the same URL
				if ce.URL == u {
					ep.HTTPURL = ce.HTTPURL
				}
			}
			endpoints = append(endpoints, ep)
		}
	}
	// With only endpoints named on the command line, the local machine is not
	// audited unless asked for.
	if len(specs) == 0 && len(c.endpoints) == 0 {
		specs = []string{"local"}
	}
	for _, s := range specs {
		t, err := target.Parse(s)
		if err != nil {
			return err
		}
		l.targets = append(l.targets, t)
	}
	for _, ep := range endpoints {
		t, err := target.NewEndpoint(ep.URL, ep.HTTPURL)
		if err != nil {
			return err
		}
		l.targets = append(l.targets, t)
	}
	return nil
}

// controlIDs is the profile's controls, narrowed by --control.
func (c *common) controlIDs(eng *policies.Engine, p *policies.Profile) ([]string, error) {
	if len(c.controls) == 0 {
		return p.Controls, nil
	}
	var ids, unknown []string
	for _, raw := range c.controls {
		id := strings.ToUpper(strings.TrimSpace(raw))
		if id == "" {
			continue
		}
		if _, ok := eng.Control(id); !ok {
			unknown = append(unknown, id)
			continue
		}
		ids = append(ids, id)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("--control: unknown control %s (vouch controls lists them)", strings.Join(unknown, ", "))
	}
	return ids, nil
}

// catalogFor returns the catalog entries for ids, in catalog order.
func catalogFor(eng *policies.Engine, ids []string) []audit.Control {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []audit.Control
	for _, c := range eng.Controls() {
		if want[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

func tool() audit.Tool { return audit.Tool{Name: "vouch", Version: version} }

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print vouch's version",
		Example: "  vouch version",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "vouch %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
