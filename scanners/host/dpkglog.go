package host

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// dpkgEvent is an "install" or "upgrade" action line of dpkg.log:
// "2026-11-18 06:25:14 upgrade libssl3:amd64 3.0.14-1~deb12u2 3.0.15-1~deb12u1".
type dpkgEvent struct {
	At      time.Time
	Action  string
	Package string // without :arch
	Version string // the version installed by the action
}

// readDpkgLogs reads /var/log/dpkg.log and its rotations (dpkg.log.1,
// dpkg.log.2.gz, ...). dpkg writes local time without a zone, so times are read
// in the target's /etc/localtime (UTC when it has none). Unreadable files and
// malformed lines go to n; the events of the readable ones are kept.
func readDpkgLogs(t target.Target, n *notes) ([]dpkgEvent, error) {
	es, err := t.ReadDir("/var/log")
	if err != nil {
		return nil, fmt.Errorf("list /var/log: %w", err)
	}
	loc := targetLocation(t)
	var events []dpkgEvent
	for _, e := range es {
		name := e.Name()
		if name != "dpkg.log" && !strings.HasPrefix(name, "dpkg.log.") {
			continue
		}
		p := path.Join("/var/log", name)
		b, err := t.ReadFile(p, capLarge)
		if err != nil {
			n.add("%v", err)
			continue
		}
		if strings.HasSuffix(name, ".gz") {
			if b, err = gunzip(b, capLarge); err != nil {
				n.add("decompress %s: %v", p, err)
				continue
			}
		}
		events = append(events, parseDpkgLog(b, p, loc, n)...)
	}
	return events, nil
}

// gunzip inflates b, refusing more than max bytes of output.
func gunzip(b []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("%w (%d)", target.ErrTooLarge, max)
	}
	return out, nil
}

// parseDpkgLog keeps install and upgrade actions; other lines (status,
// configure, startup, trigproc) are ignored, malformed action lines noted.
func parseDpkgLog(b []byte, file string, loc *time.Location, n *notes) []dpkgEvent {
	var out []dpkgEvent
	for i, line := range lines(b) {
		fs := strings.Fields(line)
		if len(fs) < 3 || (fs[2] != "install" && fs[2] != "upgrade") {
			continue
		}
		if len(fs) < 6 {
			n.add("%s:%d: truncated %s line", file, i+1, fs[2])
			continue
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", fs[0]+" "+fs[1], loc)
		if err != nil {
			n.add("%s:%d: bad time %q", file, i+1, fs[0]+" "+fs[1])
			continue
		}
		pkg, _, _ := strings.Cut(fs[3], ":")
		out = append(out, dpkgEvent{At: at, Action: fs[2], Package: pkg, Version: fs[5]})
	}
	return out
}

// targetLocation is the target's zone from /etc/localtime, UTC if absent.
func targetLocation(t target.Target) *time.Location {
	b, err := t.ReadFile("/etc/localtime", capSmall)
	if err != nil {
		return time.UTC
	}
	loc, err := time.LoadLocationFromTZData("localtime", b)
	if err != nil {
		return time.UTC
	}
	return loc
}

// bootTime reads btime (seconds since the epoch) from /proc/stat.
func bootTime(t target.Target) (time.Time, error) {
	b, err := t.ReadFile("/proc/stat", capLarge)
	if err != nil {
		return time.Time{}, err
	}
	for _, line := range lines(b) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			sec, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return time.Time{}, fmt.Errorf("/proc/stat: btime %q: %w", v, err)
			}
			return time.Unix(sec, 0), nil
		}
	}
	return time.Time{}, fmt.Errorf("/proc/stat: no btime line")
}
