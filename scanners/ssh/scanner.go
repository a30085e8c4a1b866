// Package ssh collects what an auditor needs to judge an OpenSSH server: the
// effective sshd configuration (from `sshd -T`, or computed from sshd_config,
// its Include files and OpenSSH's defaults when sshd cannot be run), the
// ownership and modes of the configuration and host keys, every account's
// authorized keys, and what a live server shows a client before
// authentication: banner, KEXINIT algorithm lists, host keys and the
// authentication methods offered. Private keys are never read. Every network
// operation has a deadline and every read a size cap, so a hostile server or
// an absurd configuration costs an error, never a hang.
package ssh

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Scanner collects the "ssh" section.
type Scanner struct {
	opts ProbeOptions
}

var (
	_ scanners.Scanner = (*Scanner)(nil)
	_ scanners.Applier = (*Scanner)(nil)
)

// New returns a scanner of sshd: the configuration, keys and file modes of a
// machine target, and a live probe of an ssh:// endpoint target or of the
// addresses a local sshd listens on.
func New() *Scanner {
	return &Scanner{}
}

// WithProbeOptions returns a copy of the scanner that probes endpoints with opts.
func (s *Scanner) WithProbeOptions(opts ProbeOptions) *Scanner {
	c := *s
	c.opts = opts
	return &c
}

// Name is the facts section key.
func (*Scanner) Name() string { return "ssh" }

// Applies is true for machines (local, dir:) and for ssh:// endpoints; an
// https:// endpoint has no sshd to ask.
func (*Scanner) Applies(t target.Target) bool {
	if ep, ok := t.(*target.Endpoint); ok {
		return ep.URL != nil && ep.URL.Scheme == "ssh"
	}
	return t.Info().Kind != "endpoint"
}

// Scan collects, on a machine, the effective configuration, authorized keys
// and (on local) a probe of the listening sshd; on an ssh:// endpoint only the
// probe. Each part that fails is recorded under its fact path and the others
// are still collected.
func (s *Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f := &Facts{}
	if ep, ok := t.(*target.Endpoint); ok {
		probed, err := Probe(ctx, ep.HostPort(), s.opts)
		if err != nil {
			c.Errorf("ssh.endpoints", "%v", err)
			return f, nil
		}
		f.Endpoints = []*Endpoint{probed}
		return f, nil
	}
	cfg, err := CollectConfig(ctx, t)
	if errors.Is(err, errNoSSHD) && notInstalled(ctx, t) {
		f.NotInstalled = "sshd is not installed: no " + MainConfig + ", no sshd program and no openssh-server package"
		return f, nil
	}
	if err != nil {
		c.Errorf("ssh.config", "%v", err)
	} else {
		f.Config = cfg
	}
	akf := ".ssh/authorized_keys .ssh/authorized_keys2"
	if cfg != nil && len(cfg.Effective["authorizedkeysfile"]) > 0 {
		akf = cfg.Effective["authorizedkeysfile"][0]
	}
	if keys, err := authorizedKeys(t, akf); err != nil {
		c.Errorf("ssh.authorized_keys", "%v", err)
	} else {
		f.AuthorizedKeys = keys
	}
	if t.Info().Kind == "local" {
		s.probeLocal(ctx, t, cfg, f, c)
	}
	return f, nil
}

// probeLocal probes each port a local sshd listens on, once per port, over
// loopback. When sshd listens nowhere the endpoints list is empty and
// ProbeNote says why, so a control can tell "not running" from "not probed".
func (s *Scanner) probeLocal(ctx context.Context, t target.Target, cfg *Config, f *Facts, c *scanners.Collection) {
	if cfg == nil {
		c.Errorf("ssh.endpoints", "no effective sshd configuration to find its listening addresses")
		return
	}
	listening, err := listeningTCP(t)
	if err != nil {
		c.Errorf("ssh.endpoints", "find listening sockets: %v", err)
		return
	}
	addrs := probeAddrs(cfg.Effective["listenaddress"], listening)
	f.Endpoints = []*Endpoint{}
	if len(addrs) == 0 {
		f.ProbeNote = "sshd does not listen on any address of its configuration (" + strings.Join(cfg.Effective["listenaddress"], " ") + ")"
		return
	}
	var failed []string
	for _, r := range ProbeAll(ctx, addrs, 4, s.opts) {
		if r.Err != nil {
			failed = append(failed, r.Err.Error())
			continue
		}
		f.Endpoints = append(f.Endpoints, r.Endpoint)
	}
	if len(failed) > 0 {
		f.Endpoints = nil
		c.Errorf("ssh.endpoints", "%s", strings.Join(failed, "; "))
	}
}

// errNoSSHD marks a configuration that could not be read on a target where
// sshd cannot be run either.
var errNoSSHD = errors.New("sshd cannot be run")

// notInstalled reports whether the target has no OpenSSH server at all:
// neither its main configuration file nor the openssh-server package. It is
// asked only after sshd itself could not be run (errNoSSHD).
func notInstalled(ctx context.Context, t target.Target) bool {
	if _, err := t.Stat(MainConfig); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return packageVersion(ctx, t) == ""
}

// sshdUnavailable reports whether a command failed because sshd is not there
// (not installed, or not recorded in a dir: target), as opposed to failing.
func sshdUnavailable(err error) bool {
	return errors.Is(err, target.ErrNotRecorded) || errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist)
}

// CollectConfig returns the effective sshd configuration of the target: from
// `sshd -T` when the target can run it, otherwise computed from the files.
func CollectConfig(ctx context.Context, t target.Target) (*Config, error) {
	tree, treeErr := LoadTree(t, MainConfig)
	accts, _ := readAccounts(t)
	groupFile, _ := t.ReadFile("/etc/group", maxAccountsFile)

	cfg := &Config{Matches: []Match{}}
	// sshd -V runs alongside sshd -T: each is a process start.
	version := make(chan string, 1)
	go func() { version <- sshdVersion(ctx, t) }()
	cmdT := target.Command{Name: "sshd", Args: []string{"-T"}}
	out, err := t.Run(ctx, cmdT)
	useFiles := err != nil && sshdUnavailable(err)
	if err == nil && noPrivsepDir(out) {
		// The files say what sshd would run with; the refusal stays on record.
		cfg.Evidence = append(cfg.Evidence, runEvidence(cmdT, out))
		cfg.Note = fmt.Sprintf("%s refused to run (%s): sshd creates that directory when it starts, so it is missing while the server is stopped; computed from the configuration files",
			cmdT, truncate(strings.TrimSpace(string(out.Stderr)), 200))
		useFiles = true
	}
	switch {
	case useFiles:
		if treeErr != nil {
			if errors.Is(treeErr, fs.ErrNotExist) {
				return nil, fmt.Errorf("%w: %w", errNoSSHD, treeErr)
			}
			return nil, treeErr
		}
		eff, err := tree.Effective(nil)
		if err != nil {
			return nil, fmt.Errorf("evaluate sshd config: %w", err)
		}
		cfg.Source, cfg.Effective, cfg.DefaultsVersion = "files", eff, defaultsVersion
	case err != nil:
		return nil, fmt.Errorf("run sshd -T: %w", err)
	default:
		eff, err := sshdOutput(cmdT, out, cfg)
		if err != nil {
			return nil, err
		}
		cfg.Source, cfg.Effective = "sshd -T", eff
	}
	// The installed sshd's own answer (a stopped sshd still tells it), else
	// the package's.
	if cfg.Version = <-version; cfg.Version == "" {
		cfg.Version = packageVersion(ctx, t)
	}

	// Without a Match block in files that all read cleanly, every connection
	// gets what sshd -T printed: asking sshd again per connection would only
	// start more processes.
	same := treeErr == nil && !tree.HasMatch()
	for _, sp := range connectionSpecs(tree, accts, groupFile, cfg.Effective["port"]) {
		m := Match{User: sp.User, Host: sp.Host, Addr: sp.Addr, Effective: map[string][]string{}}
		var eff map[string][]string
		var err error
		switch {
		case same:
			m.Note = "no Match block in the configuration: the same as " + cfg.Source
			cfg.Matches = append(cfg.Matches, m)
			continue
		case useFiles:
			eff, err = tree.Effective(sp)
		default:
			cmd := target.Command{Name: "sshd", Args: []string{"-T", "-C", sp.Arg()}}
			var o target.Output
			if o, err = t.Run(ctx, cmd); err == nil {
				eff, err = sshdOutput(cmd, o, cfg)
			}
		}
		if err != nil {
			m.Error = err.Error()
		}
		for k, v := range eff {
			if !equalStrings(v, cfg.Effective[k]) {
				m.Effective[k] = v
			}
		}
		cfg.Matches = append(cfg.Matches, m)
	}

	files := []string{MainConfig}
	if tree != nil {
		files = tree.Files
	}
	cfg.Files = []FileInfo{}
	for _, p := range files {
		cfg.Files = append(cfg.Files, statFile(t, p))
	}
	cfg.HostKeys = []HostKey{}
	for _, p := range cfg.Effective["hostkey"] {
		cfg.HostKeys = append(cfg.HostKeys, hostKeyInfo(t, p))
	}
	return cfg, nil
}

// noPrivsepDir reports whether sshd -T failed only because sshd's privilege
// separation directory (/run/sshd on Debian) is missing. sshd checks for it
// even when it only prints its configuration, and the directory exists only
// while the server runs (systemd's RuntimeDirectory creates and removes it):
// on a machine where sshd is installed but stopped, sshd -T always fails so.
func noPrivsepDir(o target.Output) bool {
	return o.ExitCode != 0 && bytes.Contains(o.Stderr, []byte("Missing privilege separation directory"))
}

// runEvidence describes a finished sshd -T run.
func runEvidence(cmd target.Command, o target.Output) Evidence {
	sum := sha256.Sum256(o.Stdout)
	return Evidence{
		Command: cmd.String(), ExitCode: o.ExitCode, SHA256: hex.EncodeToString(sum[:]),
		Lines: bytes.Count(o.Stdout, []byte("\n")),
	}
}

// sshdOutput checks a finished sshd -T run, records it as evidence and parses it.
func sshdOutput(cmd target.Command, o target.Output, cfg *Config) (map[string][]string, error) {
	cfg.Evidence = append(cfg.Evidence, runEvidence(cmd, o))
	if o.ExitCode != 0 {
		return nil, fmt.Errorf("run %s: exit code %d: %s", cmd, o.ExitCode, truncate(strings.TrimSpace(string(o.Stderr)), 500))
	}
	m, err := ParseSSHDT(o.Stdout)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", cmd, err)
	}
	return m, nil
}

// sshdVersion asks sshd -V ("OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL ..."),
// unless the sshd the target runs is the file the openssh-server package
// installed: then the package database already says which release it is, and
// starting sshd (tens of milliseconds of OpenSSL start-up) only to print it is
// not needed.
func sshdVersion(ctx context.Context, t target.Target) string {
	if v := packagedSSHDVersion(ctx, t); v != "" {
		return v
	}
	o, err := t.Run(ctx, target.Command{Name: "sshd", Args: []string{"-V"}})
	if err != nil {
		return ""
	}
	s := strings.TrimSpace(string(o.Stderr) + string(o.Stdout))
	if !strings.HasPrefix(s, "OpenSSH_") {
		return ""
	}
	v, _, _ := strings.Cut(s, " ")
	return strings.TrimSuffix(v, ",")
}

// packageVersion reads openssh-server's version from the dpkg database and
// renders it the way sshd names itself ("1:9.2p1-2+deb12u10" -> "OpenSSH_9.2p1").
// packagedSSHDVersion is packageVersion when the target's sshd (found as its
// commands are) is a file dpkg lists for openssh-server, "" otherwise.
func packagedSSHDVersion(ctx context.Context, t target.Target) string {
	lp, ok := t.(target.PathFinder)
	if !ok {
		return ""
	}
	bin, err := lp.LookPath("sshd")
	if err != nil {
		return ""
	}
	list, err := t.ReadFile("/var/lib/dpkg/info/openssh-server.list", 4<<20)
	if err != nil || !slices.Contains(strings.Split(string(list), "\n"), bin) {
		return ""
	}
	return packageVersion(ctx, t)
}

func packageVersion(ctx context.Context, t target.Target) string {
	b, err := scanners.SharedFile(ctx, t, "/var/lib/dpkg/status", 64<<20)
	if err != nil {
		return ""
	}
	const head = "Package: openssh-server\n"
	for off := 0; off < len(b); {
		i := bytes.Index(b[off:], []byte(head))
		if i < 0 {
			return ""
		}
		start := off + i
		off = start + len(head)
		if start > 0 && !bytes.HasSuffix(b[:start], []byte("\n\n")) {
			continue // not the start of a stanza
		}
		stanza := b[start:]
		if end := bytes.Index(stanza, []byte("\n\n")); end >= 0 {
			stanza = stanza[:end]
		}
		for l := range strings.SplitSeq(string(stanza), "\n") {
			if v, ok := strings.CutPrefix(l, "Version: "); ok {
				if _, after, ok := strings.Cut(v, ":"); ok {
					v = after
				}
				v, _, _ = strings.Cut(v, "-")
				return "OpenSSH_" + v
			}
		}
	}
	return ""
}

// Connection defaults for specs that do not name a host or address:
// RFC 2606 and RFC 5737 names that match no real client.
const (
	specHost = "client.invalid"
	specAddr = "192.0.2.1"
)

// connectionSpecs lists the connections worth evaluating: root, an ordinary
// login user, and one per User, Group, Host and Address named in a Match block.
func connectionSpecs(tree *Tree, accts []account, groupFile []byte, ports []string) []*Spec {
	lport := "22"
	if len(ports) > 0 {
		lport = ports[0]
	}
	var specs []*Spec
	seen := map[string]bool{}
	add := func(user, host, addr string) {
		sp := &Spec{User: user, Host: host, Addr: addr, LPort: lport, Groups: groupsOf(accts, groupFile, user)}
		if k := sp.Arg(); !seen[k] {
			seen[k] = true
			specs = append(specs, sp)
		}
	}
	add("root", specHost, specAddr)
	for _, a := range accts {
		if a.uid >= 1000 && a.uid < 60000 && loginShell(a.shell) {
			add(a.name, specHost, specAddr)
			break
		}
	}
	if tree == nil {
		return specs
	}
	var walk func(cf *configFile)
	walk = func(cf *configFile) {
		for _, d := range cf.lines {
			if strings.EqualFold(d.keyword, "include") {
				for _, inc := range d.include {
					walk(inc)
				}
				continue
			}
			if !strings.EqualFold(d.keyword, "match") {
				continue
			}
			for i := 0; i+1 < len(d.args); i += 2 {
				for _, p := range strings.Split(d.args[i+1], ",") {
					if p == "" || p[0] == '!' {
						continue
					}
					example := exampleOf(p)
					switch strings.ToLower(d.args[i]) {
					case "user":
						add(example, specHost, specAddr)
					case "group":
						for _, a := range accts {
							if contains(groupsOf(accts, groupFile, a.name), example) {
								add(a.name, specHost, specAddr)
								break
							}
						}
					case "host":
						add("root", example, specAddr)
					case "address":
						add("root", specHost, exampleAddr(p))
					}
				}
			}
		}
	}
	walk(tree.root)
	return specs
}

// exampleOf turns a pattern into a name it matches.
func exampleOf(p string) string {
	return strings.NewReplacer("*", "x", "?", "x").Replace(p)
}

// exampleAddr turns an address pattern or CIDR into an address inside it.
func exampleAddr(p string) string {
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return strings.NewReplacer("*", "1", "?", "1").Replace(p)
}
