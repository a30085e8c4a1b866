package host

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/internal/testtarget"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// fixtureClock is the time the host fixtures are audited at.
var fixtureClock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// systemFacts are the fact paths the system collectors own; the account, PAM
// and log collectors are tested on their own.
var systemFacts = []string{
	"host.os", "host.kernel", "host.sysctl", "host.mounts", "host.filesystems", "host.processes",
	"host.services", "host.packages", "host.upgrades", "host.apt_sources", "host.timesync",
	"host.unattended_upgrades", "host.fail2ban", "host.encryption", "host.log_shipping", "host.sockets",
}

func scanFixture(t *testing.T, name string) (*Facts, map[string]string) {
	t.Helper()
	root := filepath.Join("..", "..", "fixtures", "hosts", name)
	tg, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	c := scanners.NewCollection(fixtureClock)
	got, err := New().Scan(context.Background(), tg, c)
	if err != nil {
		t.Fatalf("Scan(%s) = %v", name, err)
	}
	errs := c.Errors()
	for path, msg := range errs {
		for _, fact := range systemFacts {
			if path == fact || strings.HasPrefix(path, fact+".") {
				t.Errorf("%s: %s recorded %q; want a clean collection", name, path, msg)
			}
		}
	}
	return got.(*Facts), errs
}

func mountOptions(ms []Mount, point string) ([]string, bool) {
	for _, m := range ms {
		if m.MountPoint == point {
			return m.Options, true
		}
	}
	return nil, false
}

func hasSocket(ss []Socket, proto, family string, port int, process string) bool {
	return slices.ContainsFunc(ss, func(s Socket) bool {
		return s.Protocol == proto && s.Family == family && s.Port == port && s.Process == process
	})
}

func TestScanCompliantFixture(t *testing.T) {
	f, _ := scanFixture(t, "debian12-compliant")

	if f.OS == nil || f.OS.ID != "debian" || f.OS.Codename != "bookworm" {
		t.Errorf("os = %+v; want debian bookworm", f.OS)
	}
	if f.Kernel == nil || f.Kernel.Running != "6.1.0-25-amd64" || f.Kernel.Newest != "6.1.0-25-amd64" || f.Kernel.RebootRequired {
		t.Fatalf("kernel = %+v; want running = newest = 6.1.0-25-amd64, no reboot pending", f.Kernel)
	}
	for key, want := range map[string]string{
		"net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1",
		"kernel.randomize_va_space": "2", "net.ipv4.tcp_syncookies": "1",
		"net.ipv4.conf.all.accept_redirects": "0", "net.ipv4.conf.all.send_redirects": "0",
		"net.ipv4.conf.all.rp_filter": "1",
	} {
		if got := f.Sysctl.Runtime[key]; got != want {
			t.Errorf("sysctl runtime %s = %q; want %q", key, got, want)
		}
		if got := f.Sysctl.Persisted[key]; got.Value != want || !strings.HasPrefix(got.File, "/etc/sysctl.d/") {
			t.Errorf("sysctl persisted %s = %+v; want %q from /etc/sysctl.d", key, got, want)
		}
	}
	if got := f.Sysctl.Persisted["net.ipv6.conf.lo.disable_ipv6"]; got.Value != "1" || got.Line != 4 {
		t.Errorf("'-' prefixed slash key = %+v; want value 1 at line 4", got)
	}
	if got := f.Sysctl.Persisted["kernel.pid_max"]; got.File != "/usr/lib/sysctl.d/50-pid-max.conf" || f.Sysctl.Runtime["kernel.pid_max"] != "4194304" {
		t.Errorf("kernel.pid_max persisted %+v, runtime %q; a persisted key outside the list is read at runtime too", got, f.Sysctl.Runtime["kernel.pid_max"])
	}
	for _, p := range []string{"/tmp", "/var/tmp", "/dev/shm"} {
		if opts, ok := mountOptions(f.Mounts, p); !ok || !slices.Contains(opts, "noexec") {
			t.Errorf("mount %s options = %q (mounted %v); want noexec", p, opts, ok)
		}
	}
	for _, fs := range f.Filesystems {
		if fs.BlocksUsedPercent > 90 || fs.InodesUsedPercent > 90 || fs.FSType == "tmpfs" {
			t.Errorf("filesystem %+v; want real filesystems under 90%%", fs)
		}
	}
	if len(f.Filesystems) != 4 {
		t.Errorf("filesystems = %d; want 4 (/, /var/tmp, /boot, /srv)", len(f.Filesystems))
	}
	if f.Upgrades == nil || f.Upgrades.LastUpgrade[:10] != "2026-11-18" || slices.ContainsFunc(f.Upgrades.Pending, func(p PendingUpgrade) bool { return p.Security }) {
		t.Errorf("upgrades = %+v; want last 2026-11-18 and no security upgrade pending", f.Upgrades)
	}
	for _, s := range f.APTSources {
		if !strings.HasPrefix(s.URIs[0], "http://deb.debian.org/") {
			t.Errorf("apt source %+v; want only the Debian archive", s)
		}
	}
	if len(f.APTSources) != 3 || f.APTSources[2].Enabled {
		t.Errorf("apt sources = %+v; want three deb822 stanzas, the deb-src one disabled", f.APTSources)
	}
	u := f.Unattended
	if u == nil || !u.Installed || u.Periodic["Unattended-Upgrade"] != "1" || len(u.Origins) != 3 || u.TimerActive == nil || !*u.TimerActive {
		t.Errorf("unattended = %+v; want installed, Unattended-Upgrade 1, 3 origins, timer on", u)
	}
	if ts := f.TimeSync; ts == nil || ts.Synchronized == nil || !*ts.Synchronized || ts.SynchronizedFrom != "timedatectl show" || !slices.Contains(ts.Services, TimeService{Name: "systemd-timesyncd", Active: true}) {
		t.Errorf("timesync = %+v; want systemd-timesyncd active and synchronised", ts)
	}
	if fb := f.Fail2ban; fb == nil || !fb.Running || !slices.Equal(fb.Jails, []string{"nginx-http-auth", "sshd"}) || fb.Source != "fail2ban-client status" {
		t.Errorf("fail2ban = %+v; want running with nginx-http-auth and sshd", fb)
	}
	if !runs(f.Processes, "auditd") {
		t.Errorf("processes lack auditd")
	}
	if e := f.Encryption; e == nil || len(e.Devices) != 1 || e.Devices[0] != (CryptDevice{Name: "srv_crypt", Type: "LUKS2", Cipher: "aes-xts-plain64", KeyBits: 512}) {
		t.Errorf("encryption devices = %+v; want srv_crypt LUKS2 aes-xts-plain64 512", f.Encryption)
	} else if !slices.Contains(e.Mounts, EncryptedMount{MountPoint: "/srv", Device: "/dev/mapper/srv_crypt", Encrypted: true, CryptName: "srv_crypt"}) {
		t.Errorf("encryption mounts = %+v; want /srv encrypted", e.Mounts)
	}
	if ls := f.LogShipping; ls == nil || len(ls.RsyslogRemote) != 1 || ls.RsyslogRemote[0].Target != "logs.example.net:6514" {
		t.Errorf("log shipping = %+v; want rsyslog to logs.example.net:6514", ls)
	}
	if !hasSocket(f.Sockets, "tcp", "ipv4", 22, "sshd") || !hasSocket(f.Sockets, "tcp", "ipv4", 443, "nginx") || len(f.Sockets) != 3 {
		t.Errorf("sockets = %+v; want sshd on 22 and nginx on 80 and 443 only", f.Sockets)
	}
	if _, ok := f.Packages["exim4-base"]; ok {
		t.Errorf("packages include exim4-base, which is removed with its configuration kept")
	}
}

func TestScanDriftedFixture(t *testing.T) {
	f, _ := scanFixture(t, "debian12-drifted")

	for _, key := range []string{"net.ipv6.conf.all.disable_ipv6", "net.ipv6.conf.default.disable_ipv6"} {
		if got := f.Sysctl.Runtime[key]; got != "0" {
			t.Errorf("sysctl runtime %s = %q; want 0", key, got)
		}
		if got, ok := f.Sysctl.Persisted[key]; ok {
			t.Errorf("sysctl %s persisted as %+v; want not persisted", key, got)
		}
	}
	if f.Sysctl.Runtime["kernel.randomize_va_space"] != "1" || f.Sysctl.Runtime["net.ipv4.conf.all.accept_redirects"] != "1" {
		t.Errorf("randomize_va_space = %q, accept_redirects = %q; want 1 and 1",
			f.Sysctl.Runtime["kernel.randomize_va_space"], f.Sysctl.Runtime["net.ipv4.conf.all.accept_redirects"])
	}
	if opts, ok := mountOptions(f.Mounts, "/tmp"); !ok || slices.Contains(opts, "noexec") {
		t.Errorf("/tmp options = %q; want mounted without noexec", opts)
	}
	if _, ok := mountOptions(f.Mounts, "/var/tmp"); ok {
		t.Errorf("/var/tmp is a separate mount; want it on /")
	}
	for _, fs := range f.Filesystems {
		if fs.BlocksUsedPercent > 90 || fs.InodesUsedPercent > 90 {
			t.Errorf("filesystem %+v over 90%%; HOST-008 passes on the drifted host too", fs)
		}
	}
	if k := f.Kernel; k == nil || k.Running != "6.1.0-18-amd64" || k.Newest != "6.1.0-25-amd64" || !k.RebootRequired {
		t.Errorf("kernel = %+v; want running 6.1.0-18 with 6.1.0-25 installed and a reboot pending", k)
	} else if at := k.Installed[len(k.Installed)-1].InstalledAt; at != "2026-06-01T06:12:03Z" {
		t.Errorf("6.1.0-25 installed_at = %q; want 2026-06-01T06:12:03Z from the rotated, compressed dpkg log", at)
	}
	if f.Upgrades == nil || f.Upgrades.LastUpgrade[:10] != "2026-08-01" {
		t.Errorf("upgrades = %+v; want last upgrade 2026-08-01", f.Upgrades)
	} else if !slices.ContainsFunc(f.Upgrades.Pending, func(p PendingUpgrade) bool { return p.Package == "libssl3" && p.Security }) {
		t.Errorf("pending = %+v; want a security upgrade of libssl3", f.Upgrades.Pending)
	}
	if u := f.Unattended; u == nil || u.Installed || len(u.Periodic) != 0 {
		t.Errorf("unattended = %+v; want not installed, no periodic config", u)
	}
	if !slices.ContainsFunc(f.APTSources, func(s APTSource) bool {
		return s.File == "/etc/apt/sources.list.d/thirdparty.list" && s.URIs[0] == "https://packages.thirdparty.example.com/debian" && s.SignedBy != ""
	}) {
		t.Errorf("apt sources = %+v; want the third-party repository", f.APTSources)
	}
	if _, ok := f.Packages["telnetd"]; !ok {
		t.Errorf("packages lack telnetd")
	}
	if ts := f.TimeSync; ts == nil || len(ts.Services) != 0 || ts.Synchronized == nil || *ts.Synchronized {
		t.Errorf("timesync = %+v; want no daemon and NTPSynchronized=no", ts)
	}
	if fb := f.Fail2ban; fb == nil || fb.Installed || fb.Running || len(fb.Jails) != 0 {
		t.Errorf("fail2ban = %+v; want absent", fb)
	}
	for _, ids := range []string{"auditd", "falco", "wazuh-agentd", "ossec-agentd"} {
		if runs(f.Processes, ids) {
			t.Errorf("%s runs; want no intrusion detection", ids)
		}
	}
	if e := f.Encryption; e == nil || len(e.Devices) != 0 || !slices.Contains(e.Mounts, EncryptedMount{MountPoint: "/srv", Device: "/dev/sdb1"}) {
		t.Errorf("encryption = %+v; want /srv on a plain partition", e)
	}
	if ls := f.LogShipping; ls == nil || len(ls.RsyslogRemote) != 0 {
		t.Errorf("log shipping = %+v; want no remote target (the commented ones do not count)", ls)
	}
	if !hasSocket(f.Sockets, "tcp", "ipv4", 23, "inetd") || !hasSocket(f.Sockets, "tcp", "ipv6", 22, "sshd") || !hasSocket(f.Sockets, "udp", "ipv4", 68, "dhclient") {
		t.Errorf("sockets = %+v; want telnet via inetd, sshd on IPv6, dhclient on udp/68", f.Sockets)
	}
}

// TestScanLocalMachine runs every collector against this machine: what must
// hold on any Linux host, whatever is installed.
func TestScanLocalMachine(t *testing.T) {
	c := scanners.NewCollection(time.Now())
	start := time.Now()
	got, err := New().Scan(context.Background(), target.NewLocal(), c)
	if err != nil {
		t.Fatalf("Scan(local) = %v", err)
	}
	t.Logf("local scan took %s", time.Since(start))
	f := got.(*Facts)
	errs := c.Errors()

	var uts syscall.Utsname
	if err := syscall.Uname(&uts); err != nil {
		t.Fatalf("uname: %v", err)
	}
	var rel []byte
	for _, b := range uts.Release {
		if b == 0 {
			break
		}
		rel = append(rel, byte(b))
	}
	if f.Kernel == nil || f.Kernel.Running == "" || f.Kernel.Running != string(rel) {
		t.Errorf("kernel = %+v (error %q); want running %q", f.Kernel, errs["host.kernel"], rel)
	}
	if len(f.Processes) == 0 {
		t.Errorf("no processes (error %q)", errs["host.processes"])
	}
	if _, ok := mountOptions(f.Mounts, "/"); !ok {
		t.Errorf("mounts lack / (error %q)", errs["host.mounts"])
	}
	if f.Sockets == nil {
		t.Errorf("sockets not collected: %q", errs["host.sockets"])
	}
	if msg, ok := errs["host.sockets.notes"]; ok {
		t.Errorf("socket tables did not parse cleanly: %s", msg)
	}
	// The local kernel answers the clock question itself, whether or not
	// timedated runs; the answer is the one adjtimex(2) gives.
	var tx syscall.Timex
	if _, err := syscall.Adjtimex(&tx); err != nil {
		t.Fatalf("adjtimex: %v", err)
	}
	if ts := f.TimeSync; ts == nil || ts.Synchronized == nil || ts.SynchronizedFrom != "adjtimex" || *ts.Synchronized != (tx.Maxerror < 16_000_000) {
		t.Errorf("timesync = %+v (error %q); want synchronized=%v from adjtimex (maxerror %d us)", ts, errs["host.timesync.synchronized"], tx.Maxerror < 16_000_000, tx.Maxerror)
	}
	if f.Sysctl == nil || f.Sysctl.Runtime["kernel.randomize_va_space"] == "" {
		t.Errorf("sysctl = %+v (error %q); want kernel.randomize_va_space read", f.Sysctl, errs["host.sysctl"])
	}
	if f.Services == nil && errs["host.services"] == "" {
		t.Errorf("services neither collected nor explained")
	}
	for path, msg := range errs {
		t.Logf("%s: %s", path, msg)
	}
}

// clockDir is a recorded tree whose kernel can be asked about the clock.
type clockDir struct {
	*target.Dir
	synced bool
	err    error
}

func (c clockDir) NTPSynchronized() (bool, error) { return c.synced, c.err }

// TestClockTargetIsAskedBeforeTimedatectl: a target that can ask its kernel
// is not asked to run timedatectl (the drifted fixture records "no"), and a
// kernel that cannot answer is an error, not a pass.
func TestClockTargetIsAskedBeforeTimedatectl(t *testing.T) {
	d := testtarget.Fixture(t, "debian12-drifted")
	for _, tc := range []clockDir{{Dir: d, synced: true}, {Dir: d, err: errors.New("adjtimex: operation not permitted")}} {
		c := scanners.NewCollection(fixtureClock)
		got, err := New().Scan(context.Background(), tc, c)
		if err != nil {
			t.Fatal(err)
		}
		ts, msg := got.(*Facts).TimeSync, c.Errors()["host.timesync.synchronized"]
		switch {
		case tc.err == nil && (ts == nil || ts.Synchronized == nil || !*ts.Synchronized || ts.SynchronizedFrom != "adjtimex"):
			t.Errorf("timesync = %+v; want synchronized from adjtimex", ts)
		case tc.err != nil && (ts == nil || ts.Synchronized != nil || !strings.Contains(msg, "operation not permitted")):
			t.Errorf("timesync = %+v, error %q; want unknown with the adjtimex error", ts, msg)
		}
	}
}

// liveDir is a recorded tree that says it is a live machine and notes the
// programs it is asked to run.
type liveDir struct {
	*target.Dir
	ran *[]string
}

func (l liveDir) Info() target.Info { return target.Info{Name: "local", Kind: "local"} }

func (l liveDir) Run(ctx context.Context, c target.Command) (target.Output, error) {
	*l.ran = append(*l.ran, c.Name)
	return l.Dir.Run(ctx, c)
}

// TestSystemctlRunsOnlyWhereSystemdBooted: a live machine without
// /run/systemd/system is not asked to run systemctl, its services come from
// the .wants links with the reason; with the directory, systemctl's list is
// used.
func TestSystemctlRunsOnlyWhereSystemdBooted(t *testing.T) {
	root := t.TempDir()
	fixture := filepath.Join("..", "..", "fixtures", "hosts", "debian12-drifted")
	if err := os.CopyFS(root, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	for _, booted := range []bool{false, true} {
		if booted {
			if err := os.MkdirAll(filepath.Join(root, "run", "systemd", "system"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		d, err := target.NewDir(root, "dir:"+root)
		if err != nil {
			t.Fatal(err)
		}
		var ran []string
		c := scanners.NewCollection(fixtureClock)
		f := &Facts{}
		collectServices(context.Background(), liveDir{d, &ran}, c, f)
		msg := c.Errors()["host.services.active"]
		switch {
		case !booted && (slices.Contains(ran, "systemctl") || !strings.Contains(msg, "not booted with systemd") || len(f.Services) == 0):
			t.Errorf("not booted: ran %v, services %v, error %q; want no systemctl, the enabled units and the reason", ran, f.Services, msg)
		case booted && (!slices.Contains(ran, "systemctl") || msg != "" || f.Services["ssh.service"] == ""):
			t.Errorf("booted: ran %v, services %v, error %q; want systemctl's list", ran, f.Services, msg)
		}
	}
}
