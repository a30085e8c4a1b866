package host

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// sysctlKeys are read at runtime whether or not a file persists them: the
// HOST-001 and HOST-013 defaults plus the usual hardening keys (CIS Debian
// Linux 12 benchmark sections 1.5 and 3.3, the KSPP recommended settings).
// Keys persisted in any sysctl file are read too; /proc/sys is never walked.
var sysctlKeys = []string{
	// Kernel self-protection.
	"kernel.randomize_va_space",
	"kernel.kptr_restrict",
	"kernel.dmesg_restrict",
	"kernel.yama.ptrace_scope",
	"kernel.unprivileged_bpf_disabled",
	"kernel.unprivileged_userns_clone",
	"kernel.perf_event_paranoid",
	"kernel.kexec_load_disabled",
	"kernel.sysrq",
	"kernel.core_pattern",
	"kernel.modules_disabled",
	"net.core.bpf_jit_harden",
	"dev.tty.ldisc_autoload",
	"vm.unprivileged_userfaultfd",
	"vm.mmap_min_addr",
	// Filesystem link and dump protections.
	"fs.protected_hardlinks",
	"fs.protected_symlinks",
	"fs.protected_fifos",
	"fs.protected_regular",
	"fs.suid_dumpable",
	// IPv4.
	"net.ipv4.ip_forward",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.tcp_rfc1337",
	"net.ipv4.icmp_echo_ignore_broadcasts",
	"net.ipv4.icmp_ignore_bogus_error_responses",
	"net.ipv4.conf.all.accept_redirects",
	"net.ipv4.conf.default.accept_redirects",
	"net.ipv4.conf.all.secure_redirects",
	"net.ipv4.conf.default.secure_redirects",
	"net.ipv4.conf.all.send_redirects",
	"net.ipv4.conf.default.send_redirects",
	"net.ipv4.conf.all.accept_source_route",
	"net.ipv4.conf.default.accept_source_route",
	"net.ipv4.conf.all.rp_filter",
	"net.ipv4.conf.default.rp_filter",
	"net.ipv4.conf.all.log_martians",
	"net.ipv4.conf.default.log_martians",
	// IPv6.
	"net.ipv6.conf.all.disable_ipv6",
	"net.ipv6.conf.default.disable_ipv6",
	"net.ipv6.conf.lo.disable_ipv6",
	"net.ipv6.conf.all.forwarding",
	"net.ipv6.conf.all.accept_redirects",
	"net.ipv6.conf.default.accept_redirects",
	"net.ipv6.conf.all.accept_ra",
	"net.ipv6.conf.default.accept_ra",
	"net.ipv6.conf.all.accept_source_route",
	"net.ipv6.conf.default.accept_source_route",
}

// sysctlDirs are systemd-sysctl's search path, highest priority first: a file
// name in an earlier directory masks the same name in later ones
// (sysctl.d(5)).
var sysctlDirs = []string{"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"}

// collectSysctl reads the persisted configuration, then the runtime value of
// every listed or persisted key.
func collectSysctl(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if _, err := t.Stat("/proc/sys"); err != nil {
		c.Errorf("host.sysctl", "read runtime kernel parameters: %v", err)
		return
	}
	n := &notes{fact: "host.sysctl"}
	defer n.flush(c)
	persisted, procPaths := readPersistedSysctl(t, n)
	s := &Sysctl{Runtime: map[string]string{}, Persisted: persisted}

	keys := slices.Clone(sysctlKeys)
	for k := range persisted {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if strings.ContainsAny(k, "*?[") {
			continue // a glob persists a value for devices that may come later
		}
		p, ok := procPaths[k]
		if !ok {
			p = "/proc/sys/" + strings.ReplaceAll(k, ".", "/")
		}
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			n.add("%v", err)
			continue
		}
		s.Runtime[k] = collapseSpace(string(b))
	}
	f.Sysctl = s
}

// readPersistedSysctl applies the sysctl.d files in systemd-sysctl order, then
// /etc/sysctl.conf unless a sysctl.d entry already links to it (Debian's
// 99-sysctl.conf does). It returns the effective values and, for keys written
// with '/' separators, their exact /proc/sys path (an interface name may hold a
// dot, as in eth0.100).
func readPersistedSysctl(t target.Target, n *notes) (map[string]PersistedSysctl, map[string]string) {
	byName := map[string]string{}
	for _, dir := range sysctlDirs {
		files, err := listDir(t, dir, ".conf")
		if err != nil {
			n.add("list %s: %v", dir, err)
			continue
		}
		for _, p := range files {
			if _, masked := byName[path.Base(p)]; !masked {
				byName[path.Base(p)] = p
			}
		}
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	slices.Sort(names)
	files := make([]string, 0, len(names)+1)
	sawSysctlConf := false
	for _, name := range names {
		p := byName[name]
		if dest, err := t.Readlink(p); err == nil {
			if !path.IsAbs(dest) {
				dest = path.Join(path.Dir(p), dest)
			}
			p = path.Clean(dest)
		}
		if p == "/etc/sysctl.conf" {
			sawSysctlConf = true
		}
		files = append(files, p)
	}
	if !sawSysctlConf {
		files = append(files, "/etc/sysctl.conf")
	}

	out := map[string]PersistedSysctl{}
	procPaths := map[string]string{}
	for _, p := range files {
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			if p != "/etc/sysctl.conf" {
				n.add("%s: dangling link", p)
			}
			continue
		}
		if err != nil {
			n.add("%v", err)
			continue
		}
		for _, a := range parseSysctlConf(b, p, n) {
			out[a.key] = PersistedSysctl{Value: a.value, File: p, Line: a.line}
			if a.procPath != "" {
				procPaths[a.key] = a.procPath
			} else {
				delete(procPaths, a.key)
			}
		}
	}
	return out, procPaths
}

type sysctlAssignment struct {
	key, value, procPath string
	line                 int
}

// parseSysctlConf reads "key = value" lines (sysctl.d(5)): '#' and ';' start
// comments, a leading '-' only silences errors, '/' separators mean the same as
// '.', and a line without '=' is noted and skipped as systemd-sysctl does.
func parseSysctlConf(b []byte, file string, n *notes) []sysctlAssignment {
	var out []sysctlAssignment
	for i, line := range lines(b) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimPrefix(strings.TrimSpace(k), "-")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			n.add("%s:%d: not a \"key = value\" line", file, i+1)
			continue
		}
		a := sysctlAssignment{value: collapseSpace(v), line: i + 1}
		if strings.Contains(k, "/") {
			k = strings.Trim(k, "/")
			a.procPath = "/proc/sys/" + k
			k = strings.ReplaceAll(k, "/", ".")
		}
		a.key = k
		out = append(out, a)
	}
	return out
}
