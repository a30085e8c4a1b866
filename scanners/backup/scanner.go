package backup

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Scanner collects the backup section.
type Scanner struct {
	sets         []config.BackupSet
	restoreTests string
	// workers bounds concurrent archive header reads.
	workers int
}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns a backup scanner for the sets and restore-test file of cfg
// (nil: nothing declared, every control errors saying so).
func New(cfg *config.Config) *Scanner {
	s := &Scanner{workers: 8}
	if cfg != nil {
		s.sets, s.restoreTests = cfg.Backups, cfg.RestoreTests
	}
	return s
}

// Name is the facts section key.
func (*Scanner) Name() string { return "backup" }

// futureSkew is how far ahead of the run's clock a backup time may lie before
// it counts as a clock or naming error rather than a backup.
const futureSkew = 5 * time.Minute

// rpoWindow is how far back RPOHours looks for gaps.
const rpoWindow = 30 * 24 * time.Hour

// Scan reads every declared set and the restore-test records. A set that
// cannot be read is left out of Sets with the reason under backup.sets.NAME.
func (s *Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f := &Facts{Declared: []string{}}
	if len(s.sets) == 0 {
		c.Errorf("backup.sets", "no backup sets are declared (backups: in vouch.yaml)")
	} else {
		f.Sets = map[string]*Set{}
	}
	for _, bs := range s.sets {
		f.Declared = append(f.Declared, bs.Name)
		var set *Set
		var err error
		switch bs.Type {
		case "archive":
			set, err = s.scanArchives(ctx, t, c.Now, bs)
		case "restic":
			set, err = scanRestic(ctx, t, c.Now, bs)
		}
		if err != nil {
			c.Errorf("backup.sets."+bs.Name, "%v", err)
			continue
		}
		finish(set, c.Now)
		f.Sets[bs.Name] = set
	}
	if s.restoreTests == "" {
		c.Errorf("backup.restore_tests", "no restore-test record file is configured (restore_tests: in vouch.yaml)")
	} else if rt, err := readRestoreTests(t, s.restoreTests); err != nil {
		c.Errorf("backup.restore_tests", "%v", err)
	} else {
		f.RestoreTests = rt
	}
	return f, ctx.Err()
}

// finish sorts a set's backups newest first and derives its age and RPO.
func finish(set *Set, now time.Time) {
	slices.SortStableFunc(set.Backups, func(a, b Backup) int { return b.Time.Compare(a.Time) })
	set.Count = len(set.Backups)
	if set.Backups == nil {
		set.Backups = []Backup{}
	}
	if set.Anomalies == nil {
		set.Anomalies = []Anomaly{}
	}
	set.Instances = map[string]*Instance{}
	for _, b := range set.Backups {
		in := set.Instances[b.Instance]
		if in == nil {
			in = &Instance{Newest: b.ID, NewestTime: b.Time, KeyIDs: []string{}, Days: []int64{}}
			set.Instances[b.Instance] = in
		}
		in.Count++
		for _, k := range b.Encryption.KeyIDs {
			if !slices.Contains(in.KeyIDs, k) {
				in.KeyIDs = append(in.KeyIDs, k)
			}
		}
		day := int64(math.Floor(float64(b.Time.Unix()) / 86400))
		if n := len(in.Days); n == 0 || in.Days[n-1] != day {
			in.Days = append(in.Days, day)
		}
	}
	for _, in := range set.Instances {
		slices.Sort(in.KeyIDs)
	}
	if len(set.Backups) == 0 {
		return
	}
	newest := set.Backups[0]
	set.Newest = &newest
	age := hours(now.Sub(newest.Time))
	set.NewestAgeHours = &age
	worst := now.Sub(newest.Time)
	for i := 0; i+1 < len(set.Backups); i++ {
		later, earlier := set.Backups[i].Time, set.Backups[i+1].Time
		if later.Before(now.Add(-rpoWindow)) {
			break
		}
		worst = max(worst, later.Sub(earlier))
	}
	rpo := hours(worst)
	set.RPOHours = &rpo
}

// hours rounds a duration to hundredths of an hour, for stable documents.
func hours(d time.Duration) float64 { return math.Round(d.Hours()*100) / 100 }

var _ scanners.Applier = (*Scanner)(nil)

// Applies reports whether the scanner reads t: machines, once vouch.yaml
// declares backup sets or restore-test records. With nothing declared the
// BAK controls are reported as not evaluated rather than judged on nothing.
func (s *Scanner) Applies(t target.Target) bool {
	return t.Info().Kind != "endpoint" && (len(s.sets) > 0 || s.restoreTests != "")
}
