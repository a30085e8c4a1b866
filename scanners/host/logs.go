package host

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const (
	journaldConf = "/etc/systemd/journald.conf"
	journalDir   = "/var/log/journal"
)

// journaldDropInDirs are searched for journald.conf.d/*.conf, lowest priority
// first; a file name in a later directory masks the same name in earlier ones
// (systemd.syntax(7)).
func journaldDropInDirs() []string {
	return []string{
		"/usr/lib/systemd/journald.conf.d",
		"/usr/local/lib/systemd/journald.conf.d",
		"/run/systemd/journald.conf.d",
		"/etc/systemd/journald.conf.d",
	}
}

// collectLogs finds the auth log and whether a logrotate rule covers it, and
// how journald stores the journal. It runs after collectLogrotate. Log files
// are only stat'ed, never read.
func collectLogs(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.logs"}
	defer n.flush(c)
	auth := &AuthLog{Path: "/var/log/auth.log"}
	for _, p := range []string{"/var/log/auth.log", "/var/log/secure"} {
		fi, err := t.Stat(p)
		if err == nil && fi.Mode().IsRegular() {
			auth.Path, auth.Exists = p, true
			break
		}
		if err != nil && !isMissing(err) {
			n.add("stat %s: %v", p, err)
		}
	}
	if f.Logrotate == nil {
		n.add("logrotate rules were not collected: %s is taken as not rotated", auth.Path)
	} else {
		auth.Rotated = logrotateCovers(f.Logrotate.Rules, auth.Path)
	}

	j, err := readJournald(t, n)
	if err != nil {
		c.Errorf("host.logs", "%v", err)
		return
	}
	f.Logs = &Logs{AuthLog: auth, Journal: j}
}

// logrotateCovers reports whether a rule's pattern names p (path.Match, as
// logrotate's glob does per path element).
func logrotateCovers(rules []LogrotateRule, p string) bool {
	for _, r := range rules {
		for _, pat := range r.Patterns {
			if pat == p {
				return true
			}
			if ok, err := path.Match(pat, p); err == nil && ok {
				return true
			}
		}
	}
	return false
}

// readJournald merges journald.conf and its drop-ins (by file name, later
// wins) and applies systemd's defaults: Storage=auto, ForwardToSyslog=no.
func readJournald(t target.Target, n *notes) (Journal, error) {
	settings := map[string]string{"Storage": "auto", "ForwardToSyslog": "no"}
	files := []string{journaldConf}
	byName := map[string]string{}
	for _, dir := range journaldDropInDirs() {
		fs, err := listDir(t, dir, ".conf")
		if err != nil {
			return Journal{}, err
		}
		for _, f := range fs {
			byName[path.Base(f)] = f
		}
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		files = append(files, byName[name])
	}
	for _, file := range files {
		b, err := t.ReadFile(file, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			return Journal{}, err
		}
		parseJournaldConf(b, file, settings, n)
	}
	j := Journal{
		Storage:         strings.ToLower(settings["Storage"]),
		ForwardToSyslog: systemdBool(settings["ForwardToSyslog"]),
	}
	if fi, err := t.Stat(journalDir); err == nil && fi.IsDir() {
		j.PersistentDir = true
	}
	j.Persistent = j.Storage == "persistent" || j.Storage == "auto" && j.PersistentDir
	return j, nil
}

// parseJournaldConf reads the [Journal] section's Key=value lines into m.
func parseJournaldConf(b []byte, file string, m map[string]string, n *notes) {
	section := ""
	for i, line := range lines(b) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			n.add("%s:%d: not a Key=value line; skipped", file, i+1)
			continue
		}
		if section != "Journal" {
			continue
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
}

// systemdBool reads a boolean as systemd's parse_boolean does; anything else
// is false, as journald then keeps its default (no).
func systemdBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "yes", "y", "true", "t", "on":
		return true
	}
	return false
}
