package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/target"
)

// BenchmarkScanArchives100k scans a directory of 100,000 archives: names and
// OpenPGP headers of all, integrity of the newest (make bench target: < 1 s/op).
func BenchmarkScanArchives100k(b *testing.B) {
	dir := b.TempDir()
	body := append(oldPKESK(keyA), partialSEIPD(2048)...)
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for i := range 100_000 {
		name := fmt.Sprintf("inst%03d-%s.tar.gz.gpg", i%100, start.Add(-time.Duration(i)*time.Hour).Format("20060102T150405Z"))
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s := New(nil)
	bs := config.BackupSet{Name: "app", Type: "archive", Path: dir, Pattern: archivePattern, Location: "dc1"}
	tg := target.NewLocal()
	b.ResetTimer()
	before := cpuTime()
	for b.Loop() {
		set, err := s.scanArchives(b.Context(), tg, start.Add(time.Hour), bs)
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Backups) != 100_000 || !set.Backups[0].Integrity.OK || !set.Backups[99_999].Encryption.Encrypted {
			b.Fatalf("scanned %d backups, newest integrity %+v", len(set.Backups), set.Backups[0].Integrity)
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
