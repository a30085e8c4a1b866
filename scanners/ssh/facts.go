package ssh

// Facts is the "ssh" section of a facts document. Every field is a pointer or
// slice that stays nil when its fact could not be collected; the reason is then
// recorded under "ssh.<json name>" in the document's errors.
type Facts struct {
	Config         *Config          `json:"config,omitzero"`
	AuthorizedKeys []AuthorizedKeys `json:"authorized_keys,omitzero"`
	// Endpoints are live probes: the ssh:// endpoint of an endpoint target,
	// or the ports a local sshd listens on. Nil on a dir: target, which has
	// no server to probe.
	Endpoints []*Endpoint `json:"endpoints,omitzero"`
	// ProbeNote says why Endpoints is empty on a local target.
	ProbeNote string `json:"probe_note,omitempty"`
	// NotInstalled says why nothing else was collected when the machine has
	// no OpenSSH server: the SSH controls do not apply to it.
	NotInstalled string `json:"not_installed,omitempty"`
}

// Config is sshd's effective configuration.
type Config struct {
	// Source is "sshd -T" when sshd computed it, "files" when vouch did from
	// the configuration files.
	Source string `json:"source"`
	// Version is the installed OpenSSH ("OpenSSH_9.2p1"), empty when unknown.
	Version string `json:"version,omitempty"`
	// DefaultsVersion is the OpenSSH release whose defaults filled unset
	// keywords when Source is "files".
	DefaultsVersion string `json:"defaults_version,omitempty"`
	// Note says why the files were read although sshd is installed.
	Note string `json:"note,omitempty"`
	// Effective maps each lowercase keyword to the values sshd -T prints for
	// it, one element per line, in order (several for port, listenaddress,
	// hostkey, allowusers, acceptenv, subsystem...; comma lists stay joined).
	Effective map[string][]string `json:"effective"`
	// Matches is the configuration for particular connections: only the
	// keywords whose values differ from Effective.
	Matches []Match `json:"matches"`
	// Evidence records each sshd -T run the facts came from.
	Evidence []Evidence `json:"evidence,omitzero"`
	// Files are sshd_config and the files it includes, in reading order.
	Files []FileInfo `json:"files"`
	// HostKeys are the HostKey files of the effective configuration.
	HostKeys []HostKey `json:"host_keys"`
}

// Match is the effective configuration for one connection.
type Match struct {
	User string `json:"user"`
	Host string `json:"host"`
	Addr string `json:"addr"`
	// Effective holds only the keywords that differ from Config.Effective.
	Effective map[string][]string `json:"effective"`
	// Error says why the configuration could not be computed for this connection.
	Error string `json:"error,omitempty"`
	// Note says how it was computed when no command or evaluation was needed.
	Note string `json:"note,omitempty"`
}

// Evidence is one command whose output became facts.
type Evidence struct {
	Command  string `json:"command"`
	ExitCode int    `json:"exit_code"`
	SHA256   string `json:"sha256"` // of standard output
	Lines    int    `json:"lines"`
}

// FileInfo is the ownership and mode of a file.
type FileInfo struct {
	Path  string `json:"path"`
	Owner *int   `json:"owner,omitzero"` // uid; nil when the target cannot tell
	Group *int   `json:"group,omitzero"` // gid
	Mode  string `json:"mode,omitempty"` // permission bits in octal, "0600"
	Error string `json:"error,omitempty"`
}

// HostKey is a HostKey file: type, size and fingerprint from its public half,
// owner and mode of the private half, which is never read.
type HostKey struct {
	Path        string `json:"path"`
	Type        string `json:"type,omitempty"`
	Bits        int    `json:"bits,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Owner       *int   `json:"owner,omitzero"`
	Group       *int   `json:"group,omitzero"`
	Mode        string `json:"mode,omitempty"`
	Error       string `json:"error,omitempty"`
}

// AuthorizedKeys is one authorized_keys file of an account with a login shell.
type AuthorizedKeys struct {
	User string          `json:"user"`
	Path string          `json:"path"`
	Keys []AuthorizedKey `json:"keys"`
	// Error says why the file could not be read; a missing file is not listed.
	Error string `json:"error,omitempty"`
}

// AuthorizedKey is one key line. The comment is not kept.
type AuthorizedKey struct {
	Line        int      `json:"line"`
	Type        string   `json:"type"`
	Bits        int      `json:"bits"`
	Fingerprint string   `json:"fingerprint"`
	Options     []string `json:"options,omitzero"`
	Error       string   `json:"error,omitempty"`
}
