package host

import (
	"context"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// maxCmdline caps the argv kept per process in the facts.
const maxCmdline = 512

// collectProcesses reads /proc/PID/{comm,cmdline,status}. A process that exits
// while it is read is simply left out.
func collectProcesses(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	r := sharedProcesses(ctx, t)
	f.Processes = r.Processes
	r.replay(c)
}

// sharedRead is what a collector found and the errors it recorded, computed
// once per collection for every scanner that needs it (scanners.Shared).
type sharedRead struct {
	Processes []Process
	Sockets   []Socket
	errs      map[string]string
}

func (r sharedRead) replay(c *scanners.Collection) {
	for path, msg := range r.errs {
		c.Errorf(path, "%s", msg)
	}
}

// sharedProcesses reads the processes once for the collection.
func sharedProcesses(ctx context.Context, t target.Target) sharedRead {
	return scanners.Shared(ctx, t, "host.processes", func() sharedRead {
		c := scanners.NewCollection(time.Time{})
		f := &Facts{}
		readProcesses(ctx, t, c, f)
		return sharedRead{Processes: f.Processes, errs: c.Errors()}
	})
}

func readProcesses(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	pids, err := listPIDs(t)
	if err != nil {
		c.Errorf("host.processes", "list processes: %v", err)
		return
	}
	users := readUserNames(t)
	n := &notes{fact: "host.processes"}
	defer n.flush(c)
	out := make([]Process, 0, len(pids))
	for _, pid := range pids {
		base := "/proc/" + strconv.Itoa(pid)
		comm, err := t.ReadFile(base+"/comm", capSmall)
		if err != nil {
			if !isMissing(err) {
				n.add("%v", err)
			}
			continue
		}
		p := Process{PID: pid, Name: strings.TrimSpace(string(comm))}
		if b, err := t.ReadFile(base+"/cmdline", capCmdline); err == nil {
			p.Cmdline = joinCmdline(b)
		}
		if b, err := t.ReadFile(base+"/status", capSmall); err == nil {
			if uid, ok := statusUID(b); ok {
				if name, ok := users[uid]; ok {
					p.User = name
				} else {
					p.User = uid
				}
			}
		}
		out = append(out, p)
	}
	f.Processes = out
}

// listPIDs returns the numeric entries of /proc, in ascending order.
func listPIDs(t target.Target) ([]int, error) {
	es, err := t.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range es {
		if pid, err := strconv.Atoi(e.Name()); err == nil && pid > 0 {
			pids = append(pids, pid)
		}
	}
	slices.Sort(pids)
	return pids, nil
}

// joinCmdline turns NUL-separated argv into one line of at most maxCmdline bytes,
// cut on a rune boundary.
func joinCmdline(b []byte) string {
	s := strings.TrimRight(string(b), "\x00")
	s = strings.ReplaceAll(s, "\x00", " ")
	if len(s) > maxCmdline {
		s = s[:maxCmdline]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// statusUID is the real uid from the "Uid:" line of /proc/PID/status.
func statusUID(b []byte) (string, bool) {
	for _, line := range lines(b) {
		if v, ok := strings.CutPrefix(line, "Uid:"); ok {
			fs := strings.Fields(v)
			if len(fs) > 0 {
				return fs[0], true
			}
		}
	}
	return "", false
}

// readUserNames maps uid to name from the target's /etc/passwd; a missing file
// leaves numeric uids.
func readUserNames(t target.Target) map[string]string {
	m := map[string]string{}
	b, err := t.ReadFile("/etc/passwd", capLarge)
	if err != nil {
		return m
	}
	for _, line := range lines(b) {
		fs := strings.Split(line, ":")
		if len(fs) >= 3 && fs[0] != "" && !strings.HasPrefix(fs[0], "#") {
			if _, dup := m[fs[2]]; !dup {
				m[fs[2]] = fs[0]
			}
		}
	}
	return m
}

// runs reports whether a process of the program runs. comm holds at most 15
// bytes of the executable name, and interpreted daemons (fail2ban-server under
// python3) show their script in argv[1], so all three are tried.
func runs(procs []Process, program string) bool {
	return slices.ContainsFunc(procs, func(p Process) bool { return isProgram(p, program) })
}

func isProgram(p Process, program string) bool {
	if p.Name == program || len(program) > 15 && p.Name == program[:15] {
		if len(program) <= 15 {
			return true
		}
		// comm is ambiguous when truncated (systemd-journald and
		// systemd-journal-upload both show "systemd-journal"): confirm by argv.
		if args := strings.Fields(p.Cmdline); len(args) == 0 || path.Base(args[0]) == program {
			return true
		}
	}
	args := strings.Fields(p.Cmdline)
	switch {
	case len(args) == 0:
		return false
	case path.Base(args[0]) == program:
		return true
	case len(args) > 1 && isInterpreter(path.Base(args[0])):
		return path.Base(args[1]) == program
	}
	return false
}

// isInterpreter reports whether argv[0] runs a script named in argv[1].
func isInterpreter(name string) bool {
	for _, p := range []string{"python", "perl", "ruby", "node", "sh", "bash", "dash", "java"} {
		if name == p || strings.HasPrefix(name, p) && strings.Trim(name[len(p):], "0123456789.") == "" {
			return true
		}
	}
	return false
}
