package host

import "encoding/json"

// Facts is the "host" section of a facts document. Every field is a pointer or
// slice that stays nil when its fact could not be collected; the reason is then
// recorded under "host.<json name>" in the document's errors, and controls that
// need the fact answer error. An empty, non-nil slice means "collected, none".
type Facts struct {
	OS          *OS               `json:"os,omitzero"`
	Kernel      *Kernel           `json:"kernel,omitzero"`
	Sysctl      *Sysctl           `json:"sysctl,omitzero"`
	Mounts      []Mount           `json:"mounts,omitzero"`
	Filesystems []Filesystem      `json:"filesystems,omitzero"`
	TimeSync    *TimeSync         `json:"timesync,omitzero"`
	Processes   []Process         `json:"processes,omitzero"`
	Services    map[string]string `json:"services,omitzero"` // systemd unit -> active state ("active", "inactive", "failed"); enabled units too
	Packages    Packages          `json:"packages,omitzero"`
	Upgrades    *Upgrades         `json:"upgrades,omitzero"`
	APTSources  []APTSource       `json:"apt_sources,omitzero"`
	Unattended  *Unattended       `json:"unattended_upgrades,omitzero"`
	Fail2ban    *Fail2ban         `json:"fail2ban,omitzero"`
	Encryption  *Encryption       `json:"encryption,omitzero"`
	LogShipping *LogShipping      `json:"log_shipping,omitzero"`
	Sockets     []Socket          `json:"sockets,omitzero"`

	Accounts     []Account         `json:"accounts,omitzero"`
	LoginDefs    map[string]string `json:"login_defs,omitzero"` // KEY -> value as written in /etc/login.defs
	PAM          *PAM              `json:"pam,omitzero"`
	ShellTimeout []ShellTimeout    `json:"shell_timeout,omitzero"`
	SecretFiles  []SecretFile      `json:"secret_files,omitzero"`
	Logrotate    *Logrotate        `json:"logrotate,omitzero"`
	Logs         *Logs             `json:"logs,omitzero"`
}

// OS is /etc/os-release.
type OS struct {
	ID         string `json:"id"`          // debian
	VersionID  string `json:"version_id"`  // 12
	Codename   string `json:"codename"`    // bookworm
	PrettyName string `json:"pretty_name"` // Debian GNU/Linux 12 (bookworm)
}

// Kernel is the running kernel and the kernels installed beside it.
type Kernel struct {
	Running        string            `json:"running"` // uname -r form: 6.1.0-18-amd64, from proc/sys/kernel/osrelease
	Installed      []InstalledKernel `json:"installed"`
	Newest         string            `json:"newest"`              // newest installed release by Debian version order
	RebootRequired bool              `json:"reboot_required"`     // /var/run/reboot-required exists
	RebootPackages []string          `json:"reboot_packages"`     // /var/run/reboot-required.pkgs
	BootTime       string            `json:"boot_time,omitempty"` // RFC 3339, from proc/stat btime
}

// InstalledKernel is one linux-image package.
type InstalledKernel struct {
	Release     string `json:"release"`                // 6.1.0-21-amd64
	Package     string `json:"package"`                // linux-image-6.1.0-21-amd64
	Version     string `json:"version"`                // Debian package version
	InstalledAt string `json:"installed_at,omitempty"` // RFC 3339, from dpkg.log or /boot/vmlinuz-* mtime
}

// Sysctl is kernel parameters at runtime and as persisted for the next boot.
type Sysctl struct {
	// Runtime maps dotted keys (net.ipv4.tcp_syncookies) to the value read from
	// /proc/sys, whitespace collapsed to single spaces. Keys that do not exist on
	// the running kernel are absent.
	Runtime map[string]string `json:"runtime"`
	// Persisted maps keys to their effective value at boot: files in
	// /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d, /usr/lib/sysctl.d,
	// /lib/sysctl.d and /etc/sysctl.conf, in systemd-sysctl order (last wins).
	Persisted map[string]PersistedSysctl `json:"persisted"`
}

// PersistedSysctl is where a key's boot value comes from.
type PersistedSysctl struct {
	Value string `json:"value"`
	File  string `json:"file"`
	Line  int    `json:"line"`
}

// Mount is a line of /proc/mounts.
type Mount struct {
	Device     string   `json:"device"`
	MountPoint string   `json:"mount_point"`
	FSType     string   `json:"fstype"`
	Options    []string `json:"options"`
}

// Filesystem is block and inode usage of a mounted real filesystem (df -P -k, df -P -i).
type Filesystem struct {
	MountPoint        string  `json:"mount_point"`
	Device            string  `json:"device"`
	FSType            string  `json:"fstype,omitempty"`
	BlocksTotalKB     int64   `json:"blocks_total_kb"`
	BlocksUsedPercent float64 `json:"blocks_used_percent"`
	InodesTotal       int64   `json:"inodes_total"`
	InodesUsedPercent float64 `json:"inodes_used_percent"` // 0 when the filesystem has no inode limit (inodes_total 0)
}

// TimeSync is which time-sync daemons run and whether the clock is synchronised.
type TimeSync struct {
	// Services lists the known daemons found (systemd-timesyncd, chronyd, ntpd,
	// ntpsec, openntpd) with whether each runs.
	Services []TimeService `json:"services"`
	// Synchronized is whether the kernel holds the clock as synchronised
	// (timedatectl's NTPSynchronized), nil when unknown.
	Synchronized *bool `json:"synchronized"`
	// SynchronizedFrom says where that came from: "adjtimex" (the local
	// kernel) or "timedatectl show".
	SynchronizedFrom string `json:"synchronized_from,omitempty"`
}

// TimeService is one time-sync daemon.
type TimeService struct {
	Name   string `json:"name"`
	Active bool   `json:"active"`
}

// Process is a running process, from /proc/PID.
type Process struct {
	PID     int    `json:"pid"`
	Name    string `json:"name"`    // /proc/PID/comm
	Cmdline string `json:"cmdline"` // argv joined by spaces, capped at 512 bytes
	User    string `json:"user,omitempty"`
}

// Package is an installed Debian package ("install ok installed" in dpkg status).
type Package struct {
	Version string
	Arch    string
	Source  string
}

// Packages are the installed packages by name; a second architecture of a
// package is keyed name:arch (see packageMap). The facts document holds each
// package's version only, {"openssh-server": "1:9.2p1-2+deb12u3"}: that is
// all a control asks of a package, and hundreds of one-string values cost
// the policy engine a fraction of what as many small objects did (they were
// a fifth of what evaluating the catalog allocated). The architecture and
// source stay in Go, where matching APT lists needs them.
type Packages map[string]Package

// MarshalJSON writes name -> version, names sorted.
func (p Packages) MarshalJSON() ([]byte, error) {
	versions := make(map[string]string, len(p))
	for name, pkg := range p {
		versions[name] = pkg.Version
	}
	return json.Marshal(versions)
}

// UnmarshalJSON reads name -> version, as MarshalJSON writes it.
func (p *Packages) UnmarshalJSON(b []byte) error {
	var versions map[string]string
	if err := json.Unmarshal(b, &versions); err != nil {
		return err
	}
	*p = make(Packages, len(versions))
	for name, v := range versions {
		(*p)[name] = Package{Version: v}
	}
	return nil
}

// Upgrades is what APT would upgrade and when the system was last upgraded.
type Upgrades struct {
	Pending []PendingUpgrade `json:"pending"`
	// LastUpgrade is the newest "upgrade" or "install" action in /var/log/dpkg.log*, RFC 3339.
	LastUpgrade string `json:"last_upgrade,omitempty"`
	// ListsUpdated is when the APT package lists were last refreshed (newest
	// mtime in /var/lib/apt/lists), RFC 3339.
	ListsUpdated string `json:"lists_updated,omitempty"`
	// Source names where Pending came from ("apt-get -s dist-upgrade").
	Source string `json:"source"`
}

// PendingUpgrade is one package APT would upgrade.
type PendingUpgrade struct {
	Package   string `json:"package"`
	Installed string `json:"installed"`
	Candidate string `json:"candidate"`
	Origin    string `json:"origin"`   // Debian-Security:12/stable-security
	Security  bool   `json:"security"` // origin is a security archive
}

// APTSource is one repository entry, from one-line .list or deb822 .sources files.
type APTSource struct {
	File       string   `json:"file"`
	Line       int      `json:"line"`
	Format     string   `json:"format"` // one-line, deb822
	Types      []string `json:"types"`  // deb, deb-src
	URIs       []string `json:"uris"`
	Suites     []string `json:"suites"`
	Components []string `json:"components"`
	SignedBy   string   `json:"signed_by,omitempty"`
	Enabled    bool     `json:"enabled"`
}

// Unattended is the unattended-upgrades setup.
type Unattended struct {
	Installed bool `json:"installed"` // package unattended-upgrades installed
	// Periodic holds APT::Periodic::* values from /etc/apt/apt.conf.d (last wins).
	Periodic map[string]string `json:"periodic"`
	// Origins is Unattended-Upgrade::Origins-Pattern and ::Allowed-Origins entries.
	Origins []string `json:"origins"`
	// TimerActive is whether apt-daily-upgrade.timer is enabled/active, nil when unknown.
	TimerActive *bool `json:"timer_active"`
}

// Fail2ban is whether fail2ban runs and which jails are enabled.
type Fail2ban struct {
	Installed bool     `json:"installed"`
	Running   bool     `json:"running"`
	Jails     []string `json:"jails"`  // enabled jails, sorted
	Source    string   `json:"source"` // "fail2ban-client status" or "config"
}

// Encryption is dm-crypt devices and which mounts sit on them.
type Encryption struct {
	Devices []CryptDevice `json:"devices"`
	// Mounts maps every mount point to its encryption state.
	Mounts []EncryptedMount `json:"mounts"`
}

// CryptDevice is one dm-crypt mapping (never its key).
type CryptDevice struct {
	Name    string `json:"name"`   // dm name, e.g. root_crypt
	Type    string `json:"type"`   // LUKS1, LUKS2, PLAIN
	Cipher  string `json:"cipher"` // aes-xts-plain64
	KeyBits int    `json:"key_bits"`
}

// EncryptedMount says whether a mount point is backed by a dm-crypt device.
type EncryptedMount struct {
	MountPoint string `json:"mount_point"`
	Device     string `json:"device"`
	Encrypted  bool   `json:"encrypted"`
	CryptName  string `json:"crypt_name,omitempty"`
}

// LogShipping is what sends logs off the host.
type LogShipping struct {
	// Running lists known shipper processes running (rsyslogd, filebeat,
	// fluent-bit, fluentd, vector, promtail, syslog-ng, journal-upload).
	Running []string `json:"running"`
	// RsyslogRemote lists forwarding actions in rsyslog config (@host, @@host, omfwd).
	RsyslogRemote []RemoteTarget `json:"rsyslog_remote"`
}

// RemoteTarget is a log forwarding destination.
type RemoteTarget struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Target string `json:"target"` // host:port
}

// Socket is a listening socket from /proc/net/{tcp,tcp6,udp,udp6}.
type Socket struct {
	Protocol string `json:"protocol"` // tcp, udp
	Family   string `json:"family"`   // ipv4, ipv6
	Address  string `json:"address"`  // 0.0.0.0, ::, 127.0.0.1
	Port     int    `json:"port"`
	Inode    uint64 `json:"inode"`
	PID      int    `json:"pid,omitempty"`
	Process  string `json:"process,omitempty"`
}

// Account is a passwd entry joined with its shadow entry. The hash itself is
// never kept: only whether it is usable and its scheme.
type Account struct {
	Name       string `json:"name"`
	UID        int    `json:"uid"`
	GID        int    `json:"gid"`
	Home       string `json:"home"`
	Shell      string `json:"shell"`
	LoginShell bool   `json:"login_shell"` // shell is not nologin/false/sync/halt/shutdown
	// Password is "usable", "locked" (! or * prefix), "none" (no hash: * or !!),
	// "empty" (empty field: login without password), or "unknown" when shadow
	// could not be read (then host.shadow is in errors).
	Password string `json:"password"`
	Scheme   string `json:"scheme,omitempty"` // yescrypt, sha512crypt, sha256crypt, md5crypt, bcrypt, des, gost-yescrypt, scrypt, unknown
	Rounds   int    `json:"rounds,omitempty"` // explicit rounds= for sha*crypt, else the scheme default (5000)
}

// PAM is password-quality settings from PAM and pwquality.
type PAM struct {
	// Pwquality is the merged pwquality settings (pwquality.conf, pwquality.conf.d,
	// then pam_pwquality options in common-password, which win), key -> value.
	Pwquality map[string]string `json:"pwquality"`
	// PwqualityEnabled is whether pam_pwquality (or pam_cracklib) is in the password stack.
	PwqualityEnabled bool `json:"pwquality_enabled"`
	// UnixOptions are pam_unix's options in the password stack (sha512, yescrypt, rounds=N, minlen=N, obscure...).
	UnixOptions []string `json:"unix_options"`
	File        string   `json:"file"` // /etc/pam.d/common-password
	// Files lists every password stack merged above: common-password, and
	// /etc/pam.d/passwd when it does not include common-password. With several
	// stacks, PwqualityEnabled holds only if each has pam_pwquality or
	// pam_cracklib, UnixOptions is the union, and the last stack's module
	// options win in Pwquality.
	Files []string `json:"files,omitempty"`
}

// ShellTimeout is one TMOUT assignment in a login shell startup file.
type ShellTimeout struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Value    int    `json:"value"`
	Readonly bool   `json:"readonly"` // readonly TMOUT or declare -r
	Exported bool   `json:"exported"`
}

// SecretFile is a file holding a private key or a credential assignment. The
// value is never copied: only its SHA-256.
type SecretFile struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"` // private_key, credential
	Owner  string `json:"owner"`
	Group  string `json:"group"`
	Mode   string `json:"mode"` // octal, 0640
	SHA256 string `json:"sha256"`
}

// Logrotate is the logrotate configuration as logrotate reads it.
type Logrotate struct {
	Rules []LogrotateRule `json:"rules"`
}

// LogrotateRule is one block of logrotate config with the global defaults applied.
type LogrotateRule struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Patterns []string `json:"patterns"` // paths or globs as written
	Period   string   `json:"period"`   // daily, weekly, monthly, yearly, size (size-only)
	Rotate   int      `json:"rotate"`
	MaxAge   int      `json:"maxage,omitempty"` // days, 0 if unset
	// RetentionDays is rotate x period length in days (daily 1, weekly 7,
	// monthly 30, yearly 365); with maxage set, the smaller of the two.
	RetentionDays int `json:"retention_days"`
}

// Logs is where auth and system logs are kept.
type Logs struct {
	AuthLog *AuthLog `json:"auth_log"`
	Journal Journal  `json:"journal"`
}

// AuthLog is the auth log file.
type AuthLog struct {
	Path    string `json:"path"` // /var/log/auth.log or /var/log/secure
	Exists  bool   `json:"exists"`
	Rotated bool   `json:"rotated"` // a logrotate rule covers it
}

// Journal is systemd-journald's storage.
type Journal struct {
	Storage         string `json:"storage"`        // volatile, persistent, auto, none (journald.conf, drop-ins)
	PersistentDir   bool   `json:"persistent_dir"` // /var/log/journal exists
	ForwardToSyslog bool   `json:"forward_to_syslog"`
	Persistent      bool   `json:"persistent"` // storage persistent, or auto with the directory present
}
