package backup

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/target"
)

// Deadlines for the restic CLI: listing snapshots reads the index only;
// check reads every pack header (and every pack with read_data).
const (
	resticListTimeout  = 2 * time.Minute
	resticCheckTimeout = 15 * time.Minute
)

// maxResticOutput caps what restic may print: snapshots --json of a repository
// with tens of thousands of snapshots runs to megabytes.
const maxResticOutput = 64 << 20

// resticCipher is the repository format's encryption (restic design document,
// "Keys, Encryption and MAC"): every blob and file is encrypted and
// authenticated with the master key, which the password unlocks.
const resticCipher = "AES-256-CTR with Poly1305-AES, master key unlocked by the password (scrypt)"

type resticSnapshot struct {
	ID       string    `json:"id"`
	Time     time.Time `json:"time"`
	Hostname string    `json:"hostname"`
	Tags     []string  `json:"tags"`
	Summary  *struct {
		TotalBytesProcessed int64 `json:"total_bytes_processed"`
	} `json:"summary"`
}

// resticCommand builds a restic invocation. The password travels in the child's
// environment only: RESTIC_PASSWORD_FILE names the file (vouch never reads it),
// or RESTIC_PASSWORD carries the value of the configured variable.
func resticCommand(t target.Target, bs config.BackupSet, timeout time.Duration, args ...string) (target.Command, error) {
	c := target.Command{Name: "restic", Args: append([]string{"--no-cache", "-r", bs.Repository}, args...), Timeout: timeout, MaxOutput: maxResticOutput}
	switch {
	case bs.PasswordFile != "":
		c.Env = []string{"RESTIC_PASSWORD_FILE=" + bs.PasswordFile}
	case bs.PasswordEnv != "":
		v, ok := os.LookupEnv(bs.PasswordEnv)
		if !ok && t.Info().Kind != "dir" {
			return c, fmt.Errorf("restic password: environment variable %s is not set", bs.PasswordEnv)
		}
		c.Env = []string{"RESTIC_PASSWORD=" + v}
	}
	return c, nil
}

func scanRestic(ctx context.Context, t target.Target, now time.Time, bs config.BackupSet) (*Set, error) {
	c, err := resticCommand(t, bs, resticListTimeout, "snapshots", "--json")
	if err != nil {
		return nil, err
	}
	out, err := t.Run(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("list restic snapshots of %s: %w", bs.Repository, err)
	}
	if out.ExitCode != 0 {
		return nil, fmt.Errorf("list restic snapshots of %s: restic exited %d: %s", bs.Repository, out.ExitCode, lastLine(out.Stderr))
	}
	var snaps []resticSnapshot
	if err := json.Unmarshal(out.Stdout, &snaps); err != nil {
		return nil, fmt.Errorf("list restic snapshots of %s: read restic output: %w", bs.Repository, err)
	}
	set := &Set{Name: bs.Name, Type: bs.Type, Location: bs.Location, Source: bs.Repository, MaxAgeHours: bs.MaxAgeHours}
	for _, sn := range snaps {
		if sn.ID == "" || sn.Time.IsZero() {
			set.Anomalies = append(set.Anomalies, Anomaly{ID: sn.ID, Reason: "snapshot without id or time"})
			continue
		}
		if sn.Time.After(now.Add(futureSkew)) {
			set.Anomalies = append(set.Anomalies, Anomaly{ID: sn.ID, Reason: fmt.Sprintf("snapshot time %s is in the future", sn.Time.UTC().Format(time.RFC3339))})
			continue
		}
		inst := bs.Instance
		if inst == "" {
			inst = sn.Hostname
		}
		b := Backup{ID: sn.ID, Time: sn.Time.UTC(), Instance: inst,
			Encryption: Encryption{Encrypted: true, Format: "restic", Method: resticCipher}}
		if sn.Summary != nil {
			size := sn.Summary.TotalBytesProcessed
			b.Size = &size
		}
		set.Backups = append(set.Backups, b)
	}
	finish(set, now)
	check := resticCheck(ctx, t, bs)
	set.Check = &check
	if len(set.Backups) > 0 {
		// restic check vouches for the repository as a whole, the newest snapshot included.
		set.Backups[0].Integrity = &check
	}
	return set, nil
}

func resticCheck(ctx context.Context, t target.Target, bs config.BackupSet) Integrity {
	args := []string{"check"}
	method := "restic check"
	if bs.ReadData {
		args = append(args, "--read-data")
		method = "restic check --read-data"
	}
	c, err := resticCommand(t, bs, resticCheckTimeout, args...)
	if err != nil {
		return Integrity{Method: method, Detail: err.Error()}
	}
	out, err := t.Run(ctx, c)
	if err != nil {
		return Integrity{Method: method, Detail: err.Error()}
	}
	if out.ExitCode != 0 {
		return Integrity{Checked: true, Method: method, Detail: fmt.Sprintf("restic check exited %d: %s", out.ExitCode, firstProblem(out.Stdout, out.Stderr))}
	}
	return Integrity{Checked: true, OK: true, Method: method, Detail: lastLine(out.Stdout)}
}

// lastLine is the last non-empty line of a program's output, capped.
func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	l := strings.TrimSpace(lines[len(lines)-1])
	if len(l) > 300 {
		l = l[:300] + "..."
	}
	if l == "" {
		return "(no output)"
	}
	return l
}

// firstProblem picks the line of restic check's output that names the damage.
func firstProblem(stdout, stderr []byte) string {
	for _, b := range [][]byte{stderr, stdout} {
		for _, l := range bytes.Split(b, []byte("\n")) {
			s := strings.TrimSpace(string(l))
			ls := strings.ToLower(s)
			if strings.Contains(ls, "error") || strings.Contains(ls, "fatal") || strings.Contains(ls, "invalid") || strings.Contains(ls, "wrong") {
				if len(s) > 300 {
					s = s[:300] + "..."
				}
				return s
			}
		}
	}
	return lastLine(append(append([]byte{}, stdout...), stderr...))
}
