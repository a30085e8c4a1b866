package policies_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/firewall"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/scanners/ssh"
	"github.com/vouch-audit/vouch/scanners/web"
	"github.com/vouch-audit/vouch/target"
)

// BenchmarkEvaluateCatalog measures one evaluation of every control against
// one facts document (the prepared query is built once, as in a run):
// "drifted" is the drifted fixture's host facts (the HOST, ACC and LOG
// controls judge them), "local-host" this machine's host facts, hundreds of
// packages and processes included, and "local" what the host, SSH, web and
// firewall scanners find here (the SSH, TLS and NET controls too).
func BenchmarkEvaluateCatalog(b *testing.B) {
	ctx := context.Background()
	eng, err := policies.Default()
	if err != nil {
		b.Fatal(err)
	}
	prep, err := eng.Prepare(ctx)
	if err != nil {
		b.Fatal(err)
	}
	params, err := eng.Params(nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	drifted, err := target.NewDir(filepath.Join("..", "fixtures", "hosts", "debian12-drifted"), "drifted")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		tgt  target.Target
		reg  *scanners.Registry
	}{
		{"drifted", drifted, scanners.NewRegistry(host.New())},
		{"local-host", target.NewLocal(), scanners.NewRegistry(host.New())},
		{"local", target.NewLocal(), scanners.NewRegistry(host.New(), ssh.New(), web.New(), firewall.New())},
	} {
		b.Run(bc.name, func(b *testing.B) {
			run := &audit.Run{Scanners: bc.reg, Now: now}
			facts := run.Collect(ctx, bc.tgt)
			for b.Loop() {
				rs, err := prep.Evaluate(ctx, facts, params, now, nil)
				if err != nil || len(rs) == 0 {
					b.Fatalf("evaluate: %d results, %v", len(rs), err)
				}
			}
		})
	}
}
