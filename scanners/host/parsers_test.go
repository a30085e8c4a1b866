package host

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseOSRelease(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want OS
	}{
		{
			name: "debian 12",
			in:   "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
			want: OS{ID: "debian", VersionID: "12", Codename: "bookworm", PrettyName: "Debian GNU/Linux 12 (bookworm)"},
		},
		{
			name: "codename only in VERSION, single quotes, comment",
			in:   "# old release\nID='debian'\nVERSION=\"10 (buster)\"\nVERSION_ID=10\n",
			want: OS{ID: "debian", VersionID: "10", Codename: "buster"},
		},
		{
			name: "escaped quote and garbage line",
			in:   "ID=ubuntu\nnot an assignment\nPRETTY_NAME=\"Ubuntu \\\"LTS\\\"\"\n",
			want: OS{ID: "ubuntu", PrettyName: `Ubuntu "LTS"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseOSRelease([]byte(tt.in)); *got != tt.want {
				t.Errorf("parseOSRelease = %+v; want %+v", *got, tt.want)
			}
		})
	}
}

func TestParseMounts(t *testing.T) {
	n := &notes{}
	in := "/dev/sda1 / ext4 rw,relatime 0 0\n" +
		"tmpfs /tmp tmpfs rw,nosuid,nodev,noexec 0 0\n" +
		"/dev/sdc1 /media/usb\\040stick vfat rw 0 0\n" +
		"truncated /x\n"
	got := parseMounts([]byte(in), "/proc/mounts", n)
	want := []Mount{
		{Device: "/dev/sda1", MountPoint: "/", FSType: "ext4", Options: []string{"rw", "relatime"}},
		{Device: "tmpfs", MountPoint: "/tmp", FSType: "tmpfs", Options: []string{"rw", "nosuid", "nodev", "noexec"}},
		{Device: "/dev/sdc1", MountPoint: "/media/usb stick", FSType: "vfat", Options: []string{"rw"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseMounts = %+v; want %+v", got, want)
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "/proc/mounts:4") {
		t.Errorf("notes = %q; want one naming /proc/mounts:4", n.items)
	}
	if got := unescapeOctal(`a\134b\`); got != `a\b\` {
		t.Errorf("unescapeOctal = %q; want a\\b\\ (trailing backslash kept)", got)
	}
}

func TestParseDFAndMerge(t *testing.T) {
	blocks := "Filesystem     1024-blocks     Used Available Capacity Mounted on\n" +
		"/dev/sda1         30832548 27000000   2259000      93% /\n" +
		"tmpfs              4021172        0   4021172       0% /dev/shm\n" +
		"/dev/sdb1           100000    50000     50000      50% /srv/my data\n" +
		"overlay          30832548 27000000   2259000      93% /var/lib/docker/overlay2/x/merged\n" +
		"/dev/sdc1           100000     1000     99000       2% /boot/efi\n" +
		"garbage line\n"
	inodes := "Filesystem      Inodes   IUsed   IFree IUse% Mounted on\n" +
		"/dev/sda1      1000     950      50   95% /\n" +
		"tmpfs          100        1      99    1% /dev/shm\n" +
		"/dev/sdb1      -          -       -     - /srv/my data\n" +
		"/dev/sdc1      0          0       0     - /boot/efi\n"
	n := &notes{}
	types := map[string]string{"/": "ext4", "/dev/shm": "tmpfs", "/srv/my data": "btrfs", "/var/lib/docker/overlay2/x/merged": "overlay", "/boot/efi": "vfat"}
	got := mergeDF(parseDF([]byte(blocks), "df -P -k", n), parseDF([]byte(inodes), "df -P -i", n), types)
	want := []Filesystem{
		{MountPoint: "/", Device: "/dev/sda1", FSType: "ext4", BlocksTotalKB: 30832548, BlocksUsedPercent: 92.28, InodesTotal: 1000, InodesUsedPercent: 95},
		{MountPoint: "/srv/my data", Device: "/dev/sdb1", FSType: "btrfs", BlocksTotalKB: 100000, BlocksUsedPercent: 50},
		{MountPoint: "/boot/efi", Device: "/dev/sdc1", FSType: "vfat", BlocksTotalKB: 100000, BlocksUsedPercent: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mergeDF =\n%+v\nwant\n%+v", got, want)
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "line 7") {
		t.Errorf("notes = %q; want one for line 7", n.items)
	}
}

func TestParseSysctlConf(t *testing.T) {
	in := "# comment\n; also a comment\n" +
		"kernel.randomize_va_space = 2\n" +
		"-net.ipv4.conf.all.rp_filter=1\n" +
		"net/ipv6/conf/eth0.100/disable_ipv6 = 1\n" +
		"net.ipv4.ip_local_port_range = 32768    60999\n" +
		"this line has no equals\n" +
		" = 3\n"
	n := &notes{}
	got := parseSysctlConf([]byte(in), "/etc/sysctl.d/x.conf", n)
	want := []sysctlAssignment{
		{key: "kernel.randomize_va_space", value: "2", line: 3},
		{key: "net.ipv4.conf.all.rp_filter", value: "1", line: 4},
		{key: "net.ipv6.conf.eth0.100.disable_ipv6", value: "1", line: 5, procPath: "/proc/sys/net/ipv6/conf/eth0.100/disable_ipv6"},
		{key: "net.ipv4.ip_local_port_range", value: "32768 60999", line: 6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseSysctlConf =\n%+v\nwant\n%+v", got, want)
	}
	if len(n.items) != 2 || !strings.Contains(n.items[0], "x.conf:7") || !strings.Contains(n.items[1], "x.conf:8") {
		t.Errorf("notes = %q; want lines 7 and 8", n.items)
	}
}

func TestParseDpkgStatus(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      []dpkgPackage
		wantNotes int
	}{
		{
			name: "installed, removed and half-configured",
			in: "Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nSource: openssh (1:9.2p1-2)\nVersion: 1:9.2p1-2+deb12u3\nDescription: secure shell\n multi-line\n .\n more\n\n" +
				"Package: exim4-base\nStatus: deinstall ok config-files\nVersion: 4.96-15\n\n" +
				"Package: broken\nStatus: install ok half-configured\nVersion: 1.0\n",
			want: []dpkgPackage{{Name: "openssh-server", Version: "1:9.2p1-2+deb12u3", Arch: "amd64", Source: "openssh"}},
		},
		{
			name: "garbage between stanzas",
			in: "this is not a field\n\nPackage: bash\nStatus: install ok installed\nVersion: 5.2\nArchitecture: amd64\n\n" +
				" stray continuation\nVersion: 2\nStatus: install ok installed\n\n\x00\x01binary junk\n",
			want:      []dpkgPackage{{Name: "bash", Version: "5.2", Arch: "amd64"}},
			wantNotes: 4,
		},
		{
			name: "CRLF and odd spacing",
			in:   "Package:telnetd\r\nStatus:   install  ok installed\r\nVersion: 0.17-44\r\nArchitecture : amd64\r\n",
			want: []dpkgPackage{{Name: "telnetd", Version: "0.17-44", Arch: "amd64"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notes{}
			got := parseDpkgStatus([]byte(tt.in), dpkgStatusPath, n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseDpkgStatus = %+v; want %+v", got, tt.want)
			}
			if len(n.items) != tt.wantNotes {
				t.Errorf("notes = %q; want %d", n.items, tt.wantNotes)
			}
		})
	}
}

func TestPackageMapMultiarch(t *testing.T) {
	got := packageMap([]dpkgPackage{
		{Name: "libc6", Version: "2.36", Arch: "i386"},
		{Name: "dpkg", Version: "1.21", Arch: "amd64"},
		{Name: "libc6", Version: "2.36", Arch: "amd64"},
		{Name: "wine32", Version: "8.0", Arch: "i386"},
	})
	if got["libc6"].Arch != "amd64" || got["libc6:i386"].Arch != "i386" || got["wine32"].Arch != "i386" {
		t.Errorf("packageMap = %+v; want libc6 native, libc6:i386 foreign, wine32 under its bare name", got)
	}
}

// TestPackagesFactIsNameToVersion: the document holds each package's
// version under its key, foreign architectures included, and reads back.
func TestPackagesFactIsNameToVersion(t *testing.T) {
	pkgs := Packages(packageMap([]dpkgPackage{
		{Name: "dpkg", Version: "1.21.22", Arch: "amd64"},
		{Name: "libc6", Version: "2.36-9+deb12u10", Arch: "amd64", Source: "glibc"},
		{Name: "libc6", Version: "2.36-9+deb12u10", Arch: "i386", Source: "glibc"},
		{Name: "tzdata", Version: "2025b-0+deb12u1", Arch: "all"},
	}))
	b, err := json.Marshal(Facts{Packages: pkgs})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"packages":{"dpkg":"1.21.22","libc6":"2.36-9+deb12u10","libc6:i386":"2.36-9+deb12u10","tzdata":"2025b-0+deb12u1"}}`
	if string(b) != want {
		t.Errorf("facts = %s; want %s", b, want)
	}
	var back Facts
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Packages) != 4 || back.Packages["libc6:i386"].Version != "2.36-9+deb12u10" {
		t.Errorf("read back %+v; want the four versions", back.Packages)
	}
	if err := json.Unmarshal([]byte(`{"packages":{"dpkg":{"version":"1.21"}}}`), &back); err == nil {
		t.Errorf("a package given as an object was read without error")
	}
}

func TestKernelRelease(t *testing.T) {
	tests := map[string]string{
		"linux-image-6.1.0-25-amd64":          "6.1.0-25-amd64",
		"linux-image-6.1.0-25-amd64-unsigned": "6.1.0-25-amd64",
		"linux-image-5.15.0-91-generic":       "5.15.0-91-generic",
		"linux-image-amd64":                   "",
		"linux-image-cloud-amd64":             "",
		"linux-image-generic":                 "",
		"linux-image-6.1.0-25-amd64-dbg":      "",
		"linux-headers-6.1.0-25-amd64":        "",
	}
	for pkg, want := range tests {
		got, ok := kernelRelease(pkg)
		if got != want || ok != (want != "") {
			t.Errorf("kernelRelease(%q) = %q, %v; want %q", pkg, got, ok, want)
		}
	}
}

func TestParseDpkgLog(t *testing.T) {
	in := "2026-06-01 06:12:03 startup archives unpack\n" +
		"2026-06-01 06:12:03 install linux-image-6.1.0-25-amd64:amd64 <none> 6.1.106-3\n" +
		"2026-06-01 06:12:03 status half-installed linux-image-6.1.0-25-amd64:amd64 6.1.106-3\n" +
		"2026-06-01 06:12:04 upgrade libssl3:amd64 3.0.11-1 3.0.15-1\n" +
		"2026-06-01 06:12:0 upgrade libssl3:amd64 3.0.11-1 3.0.15-1\n" +
		"2026-06-01 06:12:05 upgrade libssl3:amd\n"
	n := &notes{}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CEST", 2*3600)
	}
	got := parseDpkgLog([]byte(in), "/var/log/dpkg.log", paris, n)
	if len(got) != 2 {
		t.Fatalf("parseDpkgLog = %+v; want 2 events", got)
	}
	if got[0].Package != "linux-image-6.1.0-25-amd64" || got[0].Action != "install" || rfc3339(got[0].At) != "2026-06-01T04:12:03Z" {
		t.Errorf("event 0 = %+v; want the kernel install at 04:12:03Z (local time read in the target's zone)", got[0])
	}
	if len(n.items) != 2 || !strings.Contains(n.items[0], "dpkg.log:5") || !strings.Contains(n.items[1], "dpkg.log:6") {
		t.Errorf("notes = %q; want lines 5 and 6", n.items)
	}
}

func TestParseAPTSimulation(t *testing.T) {
	in := "NOTE: This is only a simulation!\n" +
		"Inst libssl3 [3.0.11-1~deb12u2] (3.0.15-1~deb12u1 Debian:12.12/stable, Debian-Security:12/stable-security [amd64])\n" +
		"Inst tzdata [2024a-0+deb12u1] (2025b-0+deb12u1 Debian:12.12/stable-updates [all])\n" +
		"Inst linux-image-6.1.0-26-amd64 (6.1.112-1 Debian-Security:12/stable-security [amd64])\n" +
		"Inst libfoo [1.0] (1.1 Ubuntu:22.04/jammy-security [amd64]) []\n" +
		"Inst mangled line\n" +
		"Conf libssl3 (3.0.15-1~deb12u1 Debian:12.12/stable [amd64])\n"
	n := &notes{}
	got := parseAPTSimulation([]byte(in), n)
	want := []PendingUpgrade{
		{Package: "libssl3", Installed: "3.0.11-1~deb12u2", Candidate: "3.0.15-1~deb12u1", Origin: "Debian:12.12/stable, Debian-Security:12/stable-security", Security: true},
		{Package: "tzdata", Installed: "2024a-0+deb12u1", Candidate: "2025b-0+deb12u1", Origin: "Debian:12.12/stable-updates"},
		{Package: "linux-image-6.1.0-26-amd64", Candidate: "6.1.112-1", Origin: "Debian-Security:12/stable-security", Security: true},
		{Package: "libfoo", Installed: "1.0", Candidate: "1.1", Origin: "Ubuntu:22.04/jammy-security", Security: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseAPTSimulation =\n%+v\nwant\n%+v", got, want)
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "line 6") {
		t.Errorf("notes = %q; want one for line 6", n.items)
	}
}

func TestParseOneLineSources(t *testing.T) {
	in := "# deb http://old.example.com/ bookworm main\n" +
		"deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] https://pkg.example.com/debian bookworm main contrib # trailing\n" +
		"deb-src http://deb.debian.org/debian bookworm\n" +
		"deb [ trusted=yes ] http://mirror.local/debian ./\n" +
		"rpm http://nope/ x\n" +
		"deb http://only-uri/\n"
	n := &notes{}
	got := parseOneLineSources([]byte(in), "/etc/apt/sources.list", n)
	want := []APTSource{
		{File: "/etc/apt/sources.list", Line: 2, Format: "one-line", Types: []string{"deb"}, URIs: []string{"https://pkg.example.com/debian"}, Suites: []string{"bookworm"}, Components: []string{"main", "contrib"}, SignedBy: "/usr/share/keyrings/x.gpg", Enabled: true},
		{File: "/etc/apt/sources.list", Line: 3, Format: "one-line", Types: []string{"deb-src"}, URIs: []string{"http://deb.debian.org/debian"}, Suites: []string{"bookworm"}, Components: []string{}, Enabled: true},
		{File: "/etc/apt/sources.list", Line: 4, Format: "one-line", Types: []string{"deb"}, URIs: []string{"http://mirror.local/debian"}, Suites: []string{"./"}, Components: []string{}, Enabled: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseOneLineSources =\n%+v\nwant\n%+v", got, want)
	}
	if len(n.items) != 2 {
		t.Errorf("notes = %q; want 2 (rpm type, missing suite)", n.items)
	}
}

func TestParseDeb822Sources(t *testing.T) {
	in := "# header comment\n" +
		"Types:deb deb-src\n" +
		"URIs:   http://deb.debian.org/debian  \n" +
		"Suites: bookworm\n" +
		"        bookworm-updates\n" +
		"Components: main\n" +
		"signed-by: /usr/share/keyrings/debian-archive-keyring.gpg\n" +
		"\n\n\n" +
		"Types: deb\n" +
		"URIs: https://repo.example.com/apt\n" +
		"Suites: stable\n" +
		"Components: main\n" +
		"Enabled: no\n" +
		"Signed-By:\n" +
		" -----BEGIN PGP PUBLIC KEY BLOCK-----\n" +
		" .\n" +
		" mQINBGVsecret\n" +
		" -----END PGP PUBLIC KEY BLOCK-----\n" +
		"\n" +
		"Types: deb\n" +
		"Components: main\n"
	n := &notes{}
	got := parseDeb822Sources([]byte(in), "/etc/apt/sources.list.d/x.sources", n)
	want := []APTSource{
		{File: "/etc/apt/sources.list.d/x.sources", Line: 2, Format: "deb822", Types: []string{"deb", "deb-src"}, URIs: []string{"http://deb.debian.org/debian"}, Suites: []string{"bookworm", "bookworm-updates"}, Components: []string{"main"}, SignedBy: "/usr/share/keyrings/debian-archive-keyring.gpg", Enabled: true},
		{File: "/etc/apt/sources.list.d/x.sources", Line: 11, Format: "deb822", Types: []string{"deb"}, URIs: []string{"https://repo.example.com/apt"}, Suites: []string{"stable"}, Components: []string{"main"}, SignedBy: "inline", Enabled: false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseDeb822Sources =\n%+v\nwant\n%+v", got, want)
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "x.sources:22") {
		t.Errorf("notes = %q; want one for the stanza at line 22", n.items)
	}
}

func TestParseAPTConfig(t *testing.T) {
	in := `// comment "with quotes"
APT::Periodic::Update-Package-Lists "1";
apt::periodic::unattended-upgrade "0"; # later files win
/* block
   comment */
APT {
  Periodic {
    Unattended-Upgrade "1";
  };
};
Unattended-Upgrade::Allowed-Origins {
	"${distro_id}:${distro_codename}-security"; // inline
	"http://not-a-comment/";
};
#clear Unattended-Upgrade::Origins-Pattern;
Unattended-Upgrade::Origins-Pattern:: { "origin=Debian,label=Debian-Security"; };
Broken::Statement;
`
	n := &notes{}
	got := parseAPTConfig([]byte(in), "/etc/apt/apt.conf.d/50x", n)
	type kv struct {
		key, value  string
		list, clear bool
	}
	var short []kv
	for _, e := range got {
		short = append(short, kv{e.key, e.value, e.list, e.clear})
	}
	want := []kv{
		{"APT::Periodic::Update-Package-Lists", "1", false, false},
		{"apt::periodic::unattended-upgrade", "0", false, false},
		{"APT::Periodic::Unattended-Upgrade", "1", false, false},
		{"Unattended-Upgrade::Allowed-Origins", "${distro_id}:${distro_codename}-security", true, false},
		{"Unattended-Upgrade::Allowed-Origins", "http://not-a-comment/", true, false},
		{"Unattended-Upgrade::Origins-Pattern", "", false, true},
		{"Unattended-Upgrade::Origins-Pattern", "origin=Debian,label=Debian-Security", true, false},
	}
	if !reflect.DeepEqual(short, want) {
		t.Errorf("parseAPTConfig =\n%+v\nwant\n%+v", short, want)
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "50x:17") {
		t.Errorf("notes = %q; want one for line 17", n.items)
	}
	for _, bad := range []string{`A "unterminated`, "A { B \"1\";", "/* open", "}};"} {
		parseAPTConfig([]byte(bad), "bad", &notes{}) // must not panic
	}
}

func TestParseSocketTable(t *testing.T) {
	tcp := "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
		"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21001 1 0000000000000000 100 0 0 10 0\n" +
		"   1: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21002 1 0000000000000000 100 0 0 10 0\n" +
		"   2: 0A00000A:0016 0B0B0A0A:D431 01 00000000:00000000 00:00000000 00000000     0        0 31877 1 0000000000000000 20 4 1 10 -1\n" +
		"   3: ZZ00000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n" +
		"   4: 00000000:0050 00000000:0000 0A 00000000:000"
	n := &notes{}
	got := parseSocketTable([]byte(tcp), "/proc/net/tcp", "tcp", "ipv4", "0A", n)
	want := []Socket{
		{Protocol: "tcp", Family: "ipv4", Address: "0.0.0.0", Port: 22, Inode: 21001},
		{Protocol: "tcp", Family: "ipv4", Address: "127.0.0.1", Port: 25, Inode: 21002},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tcp = %+v; want %+v", got, want)
	}
	if len(n.items) != 2 || !strings.Contains(n.items[0], "/proc/net/tcp:5") || !strings.Contains(n.items[1], "/proc/net/tcp:6") {
		t.Errorf("notes = %q; want bad hex at line 5 and truncation at line 6", n.items)
	}

	tcp6 := "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
		"   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n" +
		"   1: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n" +
		"   2: B80D0120000000000000000010000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0\n" +
		"   3: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0\n"
	got = parseSocketTable([]byte(tcp6), "/proc/net/tcp6", "tcp", "ipv6", "0A", &notes{})
	var addrs []string
	for _, s := range got {
		addrs = append(addrs, s.Address)
	}
	if want := []string{"::", "::1", "2001:db8::10", "::ffff:127.0.0.1"}; !reflect.DeepEqual(addrs, want) {
		t.Errorf("tcp6 addresses = %q; want %q", addrs, want)
	}

	udp := "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
		"  43: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 22401 2 0000000000000000 0\n" +
		"  17: 0A00000A:C9A1 0A3500CB:007B 01 00000000:00000000 00:00000000 00000000   997        0 29551 2 0000000000000000 0\n"
	got = parseSocketTable([]byte(udp), "/proc/net/udp", "udp", "ipv4", "07", &notes{})
	if len(got) != 1 || got[0].Port != 68 {
		t.Errorf("udp = %+v; want only the unconnected socket on port 68", got)
	}
}

func TestParseDMTableAndKeyBits(t *testing.T) {
	in := "vg-root: 0 41934848 linear 254:0 2048\n" +
		"root_crypt: 0 41938944 crypt aes-xts-plain64 :64:logon:cryptsetup:0e1e-d0 0 8:2 32768\n" +
		"old_crypt: 0 2048 crypt aes-cbc-essiv:sha256 0123456789abcdef0123456789abcdef 0 8:3 4096\n" +
		"bad_crypt: 0 2048 crypt\n"
	n := &notes{}
	got := parseDMTable([]byte(in), n)
	want := map[string]cryptTable{
		"root_crypt": {cipher: "aes-xts-plain64", keyBits: 512},
		"old_crypt":  {cipher: "aes-cbc-essiv:sha256", keyBits: 128},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseDMTable = %+v; want %+v", got, want)
	}
	if len(n.items) != 1 {
		t.Errorf("notes = %q; want one for the truncated crypt line", n.items)
	}
	for key, bits := range map[string]int{":32:logon:x": 256, "-": 0, "abc": 0, "zz": 0, ":x:logon": 0} {
		if got := keyBits(key); got != bits {
			t.Errorf("keyBits(%q) = %d; want %d", key, got, bits)
		}
	}
}

func TestDMForDevice(t *testing.T) {
	crypt := dmDevice{kname: "dm-0", name: "sda3_crypt", uuid: "CRYPT-LUKS1-abc-sda3_crypt"}
	lv := dmDevice{kname: "dm-1", name: "vg--data-srv", uuid: "LVM-xyz", slaves: []string{"dm-0"}}
	plain := dmDevice{kname: "dm-2", name: "vg--data-scratch", uuid: "LVM-xyz2", slaves: []string{"sdb1"}}
	byName := map[string]dmDevice{crypt.name: crypt, lv.name: lv, plain.name: plain}
	byKname := map[string]dmDevice{crypt.kname: crypt, lv.kname: lv, plain.kname: plain}
	tests := []struct {
		dev, crypt string
	}{
		{"/dev/mapper/sda3_crypt", "sda3_crypt"},
		{"/dev/dm-1", "sda3_crypt"},
		{"/dev/vg-data/srv", "sda3_crypt"},
		{"/dev/mapper/vg--data-scratch", ""},
		{"/dev/sda1", ""},
		{"tmpfs", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := dmForDevice(tt.dev, byName, byKname); ok {
			if c, ok := cryptBeneath(d, byKname, 0); ok {
				got = c.name
			}
		}
		if got != tt.crypt {
			t.Errorf("crypt beneath %s = %q; want %q", tt.dev, got, tt.crypt)
		}
	}
}

func TestParseListUnits(t *testing.T) {
	in := "ssh.service        loaded    active   running OpenBSD Secure Shell server\n" +
		"● ifup@eth1.service loaded failed failed ifup for eth1\n" +
		"foo.service not-found inactive dead foo.service\n" +
		"\n" +
		"garbage\n"
	n := &notes{}
	got := parseListUnits([]byte(in), n)
	want := map[string]string{"ssh.service": "active", "ifup@eth1.service": "failed", "foo.service": "inactive"}
	if !reflect.DeepEqual(got, want) || len(n.items) != 1 {
		t.Errorf("parseListUnits = %v, notes %q; want %v and one note", got, n.items, want)
	}
}

func TestTimeServices(t *testing.T) {
	procs := []Process{{PID: 1, Name: "ntpd", Cmdline: "/usr/sbin/ntpd -p /run/ntpd.pid"}}
	got := timeServices(procs, map[string]string{"systemd-timesyncd.service": "inactive"}, map[string]Package{"ntpsec": {}})
	want := []TimeService{{Name: "systemd-timesyncd", Active: false}, {Name: "ntpsec", Active: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeServices = %+v; want %+v (ntpd belongs to the installed ntpsec)", got, want)
	}
}

func TestIsProgram(t *testing.T) {
	tests := []struct {
		p       Process
		program string
		want    bool
	}{
		{Process{Name: "systemd-timesyn", Cmdline: "/lib/systemd/systemd-timesyncd"}, "systemd-timesyncd", true},
		{Process{Name: "systemd-journal", Cmdline: "/lib/systemd/systemd-journald"}, "systemd-journal-upload", false},
		{Process{Name: "systemd-journal", Cmdline: "/lib/systemd/systemd-journal-upload --save-state"}, "systemd-journal-upload", true},
		{Process{Name: "fail2ban-server", Cmdline: "/usr/bin/python3 /usr/bin/fail2ban-server -xf start"}, "fail2ban-server", true},
		{Process{Name: "python3", Cmdline: "/usr/bin/python3.11 /usr/bin/fail2ban-server -xf start"}, "fail2ban-server", true},
		{Process{Name: "vim", Cmdline: "vim /usr/sbin/rsyslogd"}, "rsyslogd", false},
		{Process{Name: "rsyslogd", Cmdline: "/usr/sbin/rsyslogd -n -iNONE"}, "rsyslogd", true},
	}
	for _, tt := range tests {
		if got := isProgram(tt.p, tt.program); got != tt.want {
			t.Errorf("isProgram(%+v, %q) = %v; want %v", tt.p, tt.program, got, tt.want)
		}
	}
}

func TestFail2banParsers(t *testing.T) {
	status := "Status\n|- Number of jail:\t3\n`- Jail list:\tsshd, nginx-http-auth,recidive\n"
	jails, ok := parseFail2banStatus([]byte(status))
	if want := []string{"nginx-http-auth", "recidive", "sshd"}; !ok || !reflect.DeepEqual(jails, want) {
		t.Errorf("parseFail2banStatus = %q, %v; want %q", jails, ok, want)
	}
	if _, ok := parseFail2banStatus([]byte("ERROR   Failed to access socket path: /var/run/fail2ban/fail2ban.sock\n")); ok {
		t.Errorf("parseFail2banStatus accepted an error message")
	}
	ini := "[DEFAULT]\nenabled = false\n[sshd]\nenabled = true ; comment\nport = ssh,\n    2222\n[broken\n[nginx]\nenabled=yes\n"
	n := &notes{}
	secs := parseINI([]byte(ini), "jail.local", n)
	if len(secs) != 3 || secs[1].values["enabled"] != "true" || secs[2].values["enabled"] != "yes" || len(n.items) != 1 {
		t.Errorf("parseINI = %+v, notes %q", secs, n.items)
	}
}

func TestParseRsyslogRemotes(t *testing.T) {
	in := `# *.* @@commented.example.net:514
*.* @@logs.example.net:6514
auth.*   @10.0.0.5
*.*	@(o,z9)[2001:db8::1]:10514;RSYSLOG_ForwardFormat
kern.* :omrelp:relp.example.net:2514
*.* /var/log/syslog
$ActionQueueType LinkedList
action(type="omfwd"
       target="central.example.net" port="6514"   # the log service
       protocol="tcp")
Action(Type="omfile" File="/var/log/x")
/* action(type="omfwd" target="in-comment.example.net") */
if $programname == 'app' then action(type="omrelp" target="2001:db8::2")
`
	got := parseRsyslogRemotes([]byte(in), "/etc/rsyslog.conf")
	var targets []string
	for _, r := range got {
		targets = append(targets, r.Target+"@"+strconv.Itoa(r.Line))
	}
	want := []string{
		"logs.example.net:6514@2", "10.0.0.5:514@3", "[2001:db8::1]:10514@4",
		"relp.example.net:2514@5", "central.example.net:6514@8", "[2001:db8::2]:514@13",
	}
	if !reflect.DeepEqual(targets, want) {
		t.Errorf("parseRsyslogRemotes = %q; want %q", targets, want)
	}
}

func TestJoinCmdline(t *testing.T) {
	if got := joinCmdline([]byte("/usr/sbin/sshd\x00-D\x00\x00")); got != "/usr/sbin/sshd -D" {
		t.Errorf("joinCmdline = %q", got)
	}
	long := strings.Repeat("é", 400) // 800 bytes
	if got := joinCmdline([]byte(long)); len(got) > maxCmdline || !strings.HasPrefix(long, got) {
		t.Errorf("joinCmdline kept %d bytes; want at most %d on a rune boundary", len(got), maxCmdline)
	}
}
