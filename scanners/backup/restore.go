package backup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// maxRestoreLog caps the restore-test record file.
const maxRestoreLog = 16 << 20

type restoreLine struct {
	Time            *time.Time `json:"time"`
	DurationSeconds *float64   `json:"duration_seconds"`
	Outcome         string     `json:"outcome"`
	Backup          string     `json:"backup"`
	Who             string     `json:"who"`
	Set             string     `json:"set"`
}

// readRestoreTests reads the JSON-lines record file (one object a line: time,
// duration_seconds, outcome success|failure, backup, who). A line that does
// not parse spoils the whole file: a test record nobody can read is no
// evidence of a restore.
func readRestoreTests(t target.Target, p string) ([]RestoreTest, error) {
	b, err := t.ReadFile(p, maxRestoreLog)
	if err != nil {
		return nil, fmt.Errorf("read restore-test records: %w", err)
	}
	out := []RestoreTest{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var r restoreLine
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return nil, fmt.Errorf("restore-test records %s:%d: %w", p, n, err)
		}
		var missing []string
		if r.Time == nil {
			missing = append(missing, "time")
		}
		if r.DurationSeconds == nil {
			missing = append(missing, "duration_seconds")
		}
		if r.Backup == "" {
			missing = append(missing, "backup")
		}
		if r.Who == "" {
			missing = append(missing, "who")
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("restore-test records %s:%d: missing %v", p, n, missing)
		}
		if r.Outcome != "success" && r.Outcome != "failure" {
			return nil, fmt.Errorf("restore-test records %s:%d: outcome %q: want success or failure", p, n, r.Outcome)
		}
		if *r.DurationSeconds < 0 {
			return nil, fmt.Errorf("restore-test records %s:%d: negative duration_seconds", p, n)
		}
		backup := r.Backup
		if r.Set != "" {
			backup = r.Set + "/" + r.Backup
		}
		out = append(out, RestoreTest{Time: r.Time.UTC(), DurationSeconds: *r.DurationSeconds, Outcome: r.Outcome, Backup: backup, Who: r.Who, Line: n})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("restore-test records %s: a line exceeds 1 MiB", p)
		}
		return nil, fmt.Errorf("read restore-test records %s: %w", p, err)
	}
	slices.SortStableFunc(out, func(a, b RestoreTest) int { return a.Time.Compare(b.Time) })
	return out, nil
}
