package policies_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// BenchmarkEvaluateCatalog measures one evaluation of every control against the
// drifted fixture's facts (the prepared query is built once, as in a run).
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
	tgt, err := target.NewDir(filepath.Join("..", "fixtures", "hosts", "debian12-drifted"), "drifted")
	if err != nil {
		b.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(host.New()), Now: now}
	facts := run.Collect(ctx, tgt)
	b.ResetTimer()
	for b.Loop() {
		rs, err := prep.Evaluate(ctx, facts, params, now, nil)
		if err != nil || len(rs) == 0 {
			b.Fatalf("evaluate: %d results, %v", len(rs), err)
		}
	}
}
