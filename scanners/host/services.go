package host

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// systemctlListUnits asks systemd for every loaded service and its active state.
var systemctlListUnits = []string{"list-units", "--type=service", "--all", "--no-legend", "--plain"}

// collectServices asks systemd for its services. Without systemctl (a dir:
// target without the recording, a container, a host not booted with systemd)
// the units enabled through /etc/systemd/system/*.wants are listed as
// "enabled", since whether they run cannot be known from files.
func collectServices(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	var out []byte
	err := notBootedWithSystemd(t)
	if err == nil {
		out, err = runTool(ctx, t, 5*time.Second, "systemctl", systemctlListUnits...)
	}
	if err == nil {
		n := &notes{fact: "host.services"}
		f.Services = parseListUnits(out, n)
		n.flush(c)
		return
	}
	enabled, ferr := enabledUnits(t, ".service")
	if ferr != nil {
		c.Errorf("host.services", "%v; and read enabled units: %v", err, ferr)
		return
	}
	f.Services = enabled
	c.Errorf("host.services.active", "active state unknown, units listed as enabled from /etc/systemd/system/*.wants: %v", err)
}

// notBootedWithSystemd says so for a live machine whose init is not systemd
// (a container, a micro-VM): systemctl could only fail there, after the
// start-up it costs. The test is sd_booted(3)'s: systemd creates
// /run/systemd/system early at boot. A dir: target answers from its
// recording, whatever its tree holds.
func notBootedWithSystemd(t target.Target) error {
	if t.Info().Kind != "local" {
		return nil
	}
	if fi, err := t.Stat("/run/systemd/system"); err == nil && fi.IsDir() {
		return nil
	}
	return errors.New("the target was not booted with systemd (no /run/systemd/system), so systemctl cannot list its services")
}

// parseListUnits reads "UNIT LOAD ACTIVE SUB DESCRIPTION" lines. systemd marks
// failed or not-found units with a leading bullet even in --plain output.
func parseListUnits(b []byte, n *notes) map[string]string {
	m := map[string]string{}
	for i, line := range lines(b) {
		fs := strings.Fields(line)
		if len(fs) > 0 && (fs[0] == "●" || fs[0] == "*") {
			fs = fs[1:]
		}
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 4 || !strings.Contains(fs[0], ".") {
			n.add("systemctl list-units line %d: want UNIT LOAD ACTIVE SUB", i+1)
			continue
		}
		m[fs[0]] = fs[2]
	}
	return m
}

// enabledUnits lists the units with the suffix linked from a .wants directory
// of /etc/systemd/system, where `systemctl enable` puts them.
func enabledUnits(t target.Target, suffix string) (map[string]string, error) {
	const dir = "/etc/systemd/system"
	es, err := t.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, e := range es {
		if !strings.HasSuffix(e.Name(), ".wants") {
			continue
		}
		units, err := t.ReadDir(path.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for _, u := range units {
			if strings.HasSuffix(u.Name(), suffix) {
				m[u.Name()] = "enabled"
			}
		}
	}
	return m, nil
}

// timeDaemon is a time-sync implementation: its packages, units and program.
type timeDaemon struct {
	name    string
	pkgs    []string
	units   []string
	program string
}

var timeDaemons = []timeDaemon{
	{name: "systemd-timesyncd", pkgs: []string{"systemd-timesyncd"}, units: []string{"systemd-timesyncd.service"}, program: "systemd-timesyncd"},
	{name: "chronyd", pkgs: []string{"chrony"}, units: []string{"chrony.service", "chronyd.service"}, program: "chronyd"},
	{name: "ntpsec", pkgs: []string{"ntpsec"}, units: []string{"ntpsec.service"}, program: "ntpd"},
	{name: "openntpd", pkgs: []string{"openntpd"}, units: []string{"openntpd.service"}, program: "ntpd"},
	{name: "ntpd", pkgs: []string{"ntp"}, units: []string{"ntp.service", "ntpd.service"}, program: "ntpd"},
}

// collectTimeSync lists the time-sync daemons installed or running, and asks
// timedatectl whether the clock is synchronised.
func collectTimeSync(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if f.Processes == nil && f.Services == nil {
		c.Errorf("host.timesync", "neither processes nor services are known (see host.processes, host.services)")
		return
	}
	ts := &TimeSync{Services: timeServices(f.Processes, f.Services, f.Packages)}
	if clk, ok := t.(target.Clock); ok {
		// What timedatectl would ask timedated, which asks the kernel.
		if synced, err := clk.NTPSynchronized(); err != nil {
			c.Errorf("host.timesync.synchronized", "%v", err)
		} else {
			ts.Synchronized, ts.SynchronizedFrom = &synced, "adjtimex"
		}
		f.TimeSync = ts
		return
	}
	out, err := runTool(ctx, t, 5*time.Second, "timedatectl", "show")
	if err != nil {
		c.Errorf("host.timesync.synchronized", "%v", err)
	} else if v, ok := keyValues(out)["NTPSynchronized"]; ok {
		synced := v == "yes"
		ts.Synchronized, ts.SynchronizedFrom = &synced, "timedatectl show"
	} else {
		c.Errorf("host.timesync.synchronized", "timedatectl show printed no NTPSynchronized")
	}
	f.TimeSync = ts
}

// timeServices finds each known daemon by package, unit or process. Several
// implementations ship a program called ntpd; a running ntpd belongs to the one
// whose package is installed, or to plain ntpd when none is known.
func timeServices(procs []Process, services map[string]string, pkgs map[string]Package) []TimeService {
	installed := func(names []string) bool {
		return slices.ContainsFunc(names, func(n string) bool { _, ok := pkgs[n]; return ok })
	}
	ntpdOwner := "ntpd"
	for _, d := range timeDaemons {
		if d.program == "ntpd" && installed(d.pkgs) {
			ntpdOwner = d.name
			break
		}
	}
	out := []TimeService{}
	for _, d := range timeDaemons {
		found := installed(d.pkgs)
		active := false
		for _, u := range d.units {
			if state, ok := services[u]; ok {
				found = true
				active = active || state == "active"
			}
		}
		if (d.program != "ntpd" || d.name == ntpdOwner) && runs(procs, d.program) {
			found, active = true, true
		}
		if found {
			out = append(out, TimeService{Name: d.name, Active: active})
		}
	}
	return out
}

// keyValues reads KEY=VALUE lines (systemctl show, timedatectl show).
func keyValues(b []byte) map[string]string {
	m := map[string]string{}
	for _, line := range lines(b) {
		if k, v, ok := strings.Cut(line, "="); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// collectFail2ban asks the running server for its jails; when it does not
// run, or will not answer (the socket is root's), the enabled jails are read
// from its configuration.
func collectFail2ban(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if f.Processes == nil {
		c.Errorf("host.fail2ban", "processes unknown (see host.processes)")
		return
	}
	n := &notes{fact: "host.fail2ban"}
	defer n.flush(c)
	fb := &Fail2ban{Jails: []string{}}
	_, fb.Installed = f.Packages["fail2ban"]
	if f.Packages == nil {
		n.add("whether the package is installed is unknown (see host.packages)")
	}
	fb.Running = runs(f.Processes, "fail2ban-server")
	if fb.Running {
		out, err := runTool(ctx, t, 10*time.Second, "fail2ban-client", "status")
		if err == nil {
			if jails, ok := parseFail2banStatus(out); ok {
				fb.Jails, fb.Source = jails, "fail2ban-client status"
				f.Fail2ban = fb
				return
			}
			err = fmt.Errorf("fail2ban-client status printed no jail list")
		}
		n.add("%v; jails read from the configuration", err)
	}
	jails, err := readFail2banJails(t, n)
	if err != nil {
		c.Errorf("host.fail2ban", "%v", err)
		return
	}
	fb.Jails, fb.Source = jails, "config"
	f.Fail2ban = fb
}

// parseFail2banStatus reads the "Jail list:" line of `fail2ban-client status`.
func parseFail2banStatus(b []byte) ([]string, bool) {
	for _, line := range lines(b) {
		_, v, ok := strings.Cut(line, "Jail list:")
		if !ok {
			continue
		}
		jails := []string{}
		for _, j := range strings.Split(v, ",") {
			if j = strings.TrimSpace(j); j != "" {
				jails = append(jails, j)
			}
		}
		slices.Sort(jails)
		return jails, true
	}
	return nil, false
}

// readFail2banJails applies the configuration in fail2ban's order
// (jail.conf(5)): jail.conf, jail.d/*.conf, jail.local, jail.d/*.local. A jail
// is enabled when its own section, or [DEFAULT], last set enabled = true.
func readFail2banJails(t target.Target, n *notes) ([]string, error) {
	const dir = "/etc/fail2ban"
	confs, err := listDir(t, dir+"/jail.d", ".conf")
	if err != nil {
		return nil, err
	}
	locals, err := listDir(t, dir+"/jail.d", ".local")
	if err != nil {
		return nil, err
	}
	files := append([]string{dir + "/jail.conf"}, confs...)
	files = append(files, dir+"/jail.local")
	files = append(files, locals...)

	enabled := map[string]string{} // section -> last "enabled" value
	sections := []string{}
	for _, p := range files {
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			n.add("%v", err)
			continue
		}
		for _, s := range parseINI(b, p, n) {
			if !slices.Contains(sections, s.name) {
				sections = append(sections, s.name)
			}
			if v, ok := s.values["enabled"]; ok {
				enabled[s.name] = v
			}
		}
	}
	jails := []string{}
	for _, s := range sections {
		switch strings.ToLower(s) {
		case "default", "includes", "definition", "init":
			continue
		}
		v, ok := enabled[s]
		if !ok {
			v = enabled["DEFAULT"]
		}
		if isTrue(v) {
			jails = append(jails, s)
		}
	}
	slices.Sort(jails)
	return jails, nil
}

// isTrue reads a Python configparser boolean.
func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

type iniSection struct {
	name   string
	values map[string]string
}

// parseINI reads configparser-style sections; '#' and ';' start comments,
// indented lines continue the previous value and are ignored here.
func parseINI(b []byte, file string, n *notes) []iniSection {
	var out []iniSection
	cur := -1
	for i, line := range lines(b) {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		if trimmed[0] == '[' {
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				n.add("%s:%d: unterminated section header", file, i+1)
				continue
			}
			out = append(out, iniSection{name: strings.TrimSpace(trimmed[1:end]), values: map[string]string{}})
			cur = len(out) - 1
			continue
		}
		k, v, ok := strings.Cut(trimmed, "=")
		if !ok {
			k, v, ok = strings.Cut(trimmed, ":")
		}
		if !ok || cur < 0 {
			continue
		}
		if j := strings.IndexAny(v, "#;"); j >= 0 && (j == 0 || v[j-1] == ' ' || v[j-1] == '\t') {
			v = v[:j] // inline comment
		}
		out[cur].values[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return out
}

// logShippers are programs whose job is to send logs elsewhere; the names are
// those the facts report.
var logShippers = []struct{ name, program string }{
	{"rsyslogd", "rsyslogd"},
	{"syslog-ng", "syslog-ng"},
	{"filebeat", "filebeat"},
	{"fluent-bit", "fluent-bit"},
	{"fluentd", "fluentd"},
	{"td-agent-bit", "td-agent-bit"},
	{"vector", "vector"},
	{"promtail", "promtail"},
	{"alloy", "alloy"},
	{"otelcol", "otelcol"},
	{"otelcol-contrib", "otelcol-contrib"},
	{"journal-upload", "systemd-journal-upload"},
	{"nxlog", "nxlog"},
	{"logstash", "logstash"},
}

// collectLogShipping lists shipper processes and the forwarding actions of the
// rsyslog configuration.
func collectLogShipping(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if f.Processes == nil {
		c.Errorf("host.log_shipping", "processes unknown (see host.processes)")
		return
	}
	n := &notes{fact: "host.log_shipping"}
	defer n.flush(c)
	ls := &LogShipping{Running: []string{}, RsyslogRemote: []RemoteTarget{}}
	for _, s := range logShippers {
		if runs(f.Processes, s.program) {
			ls.Running = append(ls.Running, s.name)
		}
	}
	files := []string{"/etc/rsyslog.conf"}
	more, err := listDir(t, "/etc/rsyslog.d", ".conf")
	if err != nil {
		n.add("list /etc/rsyslog.d: %v", err)
	}
	for _, p := range append(files, more...) {
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			n.add("%v", err)
			continue
		}
		ls.RsyslogRemote = append(ls.RsyslogRemote, parseRsyslogRemotes(b, p)...)
	}
	f.LogShipping = ls
}
