package host

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// BenchmarkScan times the whole host scanner on this machine and on the
// drifted fixture tree; make bench prints it beside the end-to-end audit.
func BenchmarkScan(b *testing.B) {
	fixture, err := target.NewDir(filepath.Join("..", "..", "fixtures", "hosts", "debian12-drifted"), "dir:drifted")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		t    target.Target
	}{{"local", target.NewLocal()}, {"fixture", fixture}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New().Scan(context.Background(), tc.t, scanners.NewCollection(time.Now())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPendingFromLists times the APT lists comparison, the largest
// single read of a host scan (Debian's main list is 50 MB uncompressed).
func BenchmarkPendingFromLists(b *testing.B) {
	tg := target.NewLocal()
	c := scanners.NewCollection(time.Now())
	f := &Facts{}
	collectPackages(context.Background(), tg, c, f)
	if f.Packages == nil {
		b.Skip("no dpkg status on this machine")
	}
	for b.Loop() {
		if _, ok := pendingFromLists(tg, f.Packages, &notes{}); !ok {
			b.Skip("no APT lists on this machine")
		}
	}
}
