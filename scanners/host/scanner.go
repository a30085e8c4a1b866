package host

import (
	"context"
	"sync"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Scanner collects the host section.
type Scanner struct{}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns a host scanner.
func New() *Scanner { return &Scanner{} }

// Name is the facts section key.
func (*Scanner) Name() string { return "host" }

// collector fills its own fields of Facts. A collector that cannot read its fact
// leaves the field nil and records why with c.Errorf("host.<json name>", ...).
type collector func(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts)

// independent collectors touch disjoint fields and run concurrently; dependent
// ones read what the first phase gathered (processes, packages, mounts, logrotate).
// collectPackages also fills the kernel and upgrade facts from the one read of
// the dpkg database and logs.
var (
	independent = []collector{
		collectOS, collectSysctl, collectMounts, collectFilesystems,
		collectProcesses, collectServices, collectPackages, collectAPTSources,
		collectAccounts, collectLoginDefs, collectPAM, collectShellTimeout, collectSecretFiles,
		collectLogrotate,
	}
	dependent = []collector{
		collectTimeSync, collectUnattended, collectFail2ban, collectEncryption,
		collectLogShipping, collectSockets, collectLogs,
	}
)

// Scan runs every collector; it fails only if the context is done.
func (*Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f := &Facts{}
	for _, phase := range [][]collector{independent, dependent} {
		var wg sync.WaitGroup
		for _, fn := range phase {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(ctx, t, c, f)
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return f, nil
}
