package host

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Read caps. Config and /proc entries are small; package databases and logs
// are the only large files the system collectors read.
const (
	capSmall   = 256 << 10 // config files, /proc and /sys entries
	capCmdline = 128 << 10 // a process's argv (ARG_MAX-sized lines are rare)
	capLarge   = 64 << 20  // dpkg status, dpkg logs, /proc/net tables
)

// notYet records that a collector has not been written, so a control answers
// error, never pass.
func notYet(c *scanners.Collection, path string) { c.Errorf(path, "collector not implemented") }

// notes gathers the lines a collector skipped. They are recorded once, under
// "<fact>.notes", so the fact itself stays usable while its evidence says what
// was left out.
type notes struct {
	fact  string
	items []string
}

func (n *notes) add(format string, args ...any) {
	n.items = append(n.items, fmt.Sprintf(format, args...))
}

func (n *notes) flush(c *scanners.Collection) {
	if len(n.items) == 0 {
		return
	}
	const keep = 20
	items := n.items
	extra := ""
	if len(items) > keep {
		extra = fmt.Sprintf("; and %d more", len(items)-keep)
		items = items[:keep]
	}
	c.Errorf(n.fact+".notes", "%s%s", strings.Join(items, "; "), extra)
}

// lines splits text into lines without their terminators; a final line without
// a newline (a truncated file) is kept.
func lines(b []byte) []string {
	s := string(b)
	out := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		out = append(out, strings.TrimSuffix(line, "\r"))
	}
	return out
}

// isMissing reports whether err means the path does not exist on the target.
func isMissing(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// runTool runs a program on the target. An absent program, a command a dir:
// target holds no recording for, and a non-zero exit are all errors whose text
// says which; callers decide whether that loses the fact.
func runTool(ctx context.Context, t target.Target, timeout time.Duration, name string, args ...string) ([]byte, error) {
	cmd := target.Command{Name: name, Args: args, Timeout: timeout}
	out, err := t.Run(ctx, cmd)
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return nil, fmt.Errorf("%s is not installed on the target", name)
	case errors.Is(err, target.ErrNotRecorded):
		return nil, fmt.Errorf("%s: no recorded output (%s/%s)", cmd, target.RecordedDir, target.CommandKey(cmd))
	case err != nil:
		return nil, err
	case out.ExitCode != 0:
		msg := strings.TrimSpace(string(out.Stderr))
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = "no message"
		}
		return out.Stdout, fmt.Errorf("%s exited %d: %s", cmd, out.ExitCode, msg)
	}
	return out.Stdout, nil
}

// listDir returns the names of regular entries (or symlinks) in dir that end in
// one of exts, sorted; a missing directory is no entries.
func listDir(t target.Target, dir string, exts ...string) ([]string, error) {
	es, err := t.ReadDir(dir)
	if isMissing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range es {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		if len(exts) == 0 || slices.ContainsFunc(exts, func(x string) bool { return strings.HasSuffix(name, x) }) {
			out = append(out, path.Join(dir, name))
		}
	}
	return out, nil
}

// rfc3339 formats t in UTC, the form every time in the facts takes.
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// collapseSpace turns runs of whitespace into one space, as sysctl(8) prints
// multi-value keys.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
