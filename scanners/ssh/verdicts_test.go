package ssh

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testsshd"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// configuredLocal is this machine with sshd's main configuration file moved:
// sshd -T runs with -f config and reads of /etc/ssh/sshd_config go to config.
// Everything else (accounts, /proc/net/tcp, Include files, host keys) is the
// real machine, so the scan sees a server started from config exactly as it
// would see the system sshd.
type configuredLocal struct {
	*target.Local
	config string
}

func (c configuredLocal) path(p string) string {
	if p == MainConfig {
		return c.config
	}
	return p
}

func (c configuredLocal) ReadFile(p string, max int64) ([]byte, error) {
	return c.Local.ReadFile(c.path(p), max)
}

func (c configuredLocal) Stat(p string) (fs.FileInfo, error) { return c.Local.Stat(c.path(p)) }

func (c configuredLocal) Lstat(p string) (fs.FileInfo, error) { return c.Local.Lstat(c.path(p)) }

func (c configuredLocal) Run(ctx context.Context, cmd target.Command) (target.Output, error) {
	if cmd.Name == "sshd" && len(cmd.Args) > 0 && cmd.Args[0] == "-T" {
		cmd.Args = append([]string{"-T", "-f", c.config}, cmd.Args[1:]...)
	}
	return c.Local.Run(ctx, cmd)
}

// ownServer runs sshd -D -e -f config, where config names its own Port and
// ListenAddress, and returns once it sends its banner.
func ownServer(t *testing.T, sshd, config, addr string) {
	t.Helper()
	testsshd.Run(t, sshd, addr, "-D", "-e", "-f", config)
}

// sshControls are the ids the verdict tests assert, every SSH control.
var sshControls = []string{
	"SSH-001", "SSH-002", "SSH-003", "SSH-004", "SSH-005", "SSH-006", "SSH-007", "SSH-008",
	"SSH-009", "SSH-010", "SSH-011", "SSH-012", "SSH-013", "SSH-014", "SSH-015",
}

// configOnly are the controls an ssh:// endpoint skips: it shows no configuration.
var configOnly = []string{"SSH-002", "SSH-004", "SSH-005", "SSH-006", "SSH-010", "SSH-011", "SSH-012", "SSH-013", "SSH-014", "SSH-015"}

// TestVerdictsRealSSHD starts a real sshd per scenario, scans it as the local
// machine (effective configuration from sshd -T, authorized keys, file modes,
// and the live probe of the port it listens on) and as an ssh:// endpoint,
// runs the shipped policies on those facts, and asserts every SSH control's
// verdict. The four algorithm lists must equal ssh-audit's for each server.
func TestVerdictsRealSSHD(t *testing.T) {
	sshd := needSSHD(t)
	eng, err := policies.Default()
	if err != nil {
		t.Fatalf("policies.Default: %v", err)
	}
	ctx := context.Background()
	prep, err := eng.Prepare(ctx)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	baseline, err := eng.Profile("baseline")
	if err != nil {
		t.Fatal(err)
	}

	keys := t.TempDir()
	ed := hostKey(t, keys, "ed25519", 0)
	rsa3072 := hostKey(t, keys, "rsa", 3072)
	rsa1024 := hostKey(t, keys, "rsa", 1024)
	userKey := filepath.Join(keys, "user_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", userKey).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	userPub, err := os.ReadFile(userKey + ".pub")
	if err != nil {
		t.Fatal(err)
	}

	compliant := strings.Join([]string{
		"PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin no",
		"LoginGraceTime 60", "ClientAliveInterval 300", "ClientAliveCountMax 3", "MaxAuthTries 4",
		"AllowGroups root", "X11Forwarding no", "AllowTcpForwarding no", "LogLevel VERBOSE",
		"MACs -hmac-sha1,hmac-sha1-etm@openssh.com",
	}, "\n") + "\n"
	// set replaces one keyword's line of the compliant configuration.
	set := func(kw, line string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(compliant), "\n") {
			if strings.HasPrefix(l, kw+" ") {
				l = line
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n") + "\n"
	}

	tests := []struct {
		name     string
		hostKeys []string
		dropin   string // read before the main file
		main     string // the main file's settings
		match    string // appended after everything
		// failLocal are the controls that fail when the machine is audited;
		// failRemote those that fail when only the endpoint is probed.
		failLocal, failRemote []string
	}{
		{name: "compliant", hostKeys: []string{ed, rsa3072}, main: compliant},
		{
			name: "password authentication on", hostKeys: []string{ed},
			main:      set("PasswordAuthentication", "PasswordAuthentication yes"),
			failLocal: []string{"SSH-001", "SSH-003"}, failRemote: []string{"SSH-001", "SSH-003"},
		},
		{
			name: "password allowed only in a Match User block", hostKeys: []string{ed},
			main: compliant, match: "Match User alice\n\tPasswordAuthentication yes\n",
			// The probe asks as root and as an unknown user, so only the
			// configuration shows alice's password.
			failLocal: []string{"SSH-001", "SSH-003"},
		},
		{
			name: "PermitRootLogin yes", hostKeys: []string{ed},
			main: set("PermitRootLogin", "PermitRootLogin yes"), failLocal: []string{"SSH-002"},
		},
		{
			name: "CBC ciphers and SHA-1 MACs enabled", hostKeys: []string{ed},
			main:      set("MACs", "MACs +hmac-sha1,hmac-sha1-96") + "Ciphers +aes128-cbc,aes256-cbc,3des-cbc\n",
			failLocal: []string{"SSH-008"}, failRemote: []string{"SSH-008"},
		},
		{
			name: "LoginGraceTime 0", hostKeys: []string{ed},
			main: set("LoginGraceTime", "LoginGraceTime 0"), failLocal: []string{"SSH-004"},
		},
		{
			name: "ClientAliveInterval 0", hostKeys: []string{ed},
			main: set("ClientAliveInterval", "ClientAliveInterval 0"), failLocal: []string{"SSH-005"},
		},
		{
			// OpenSSH 9.2 accepts RSA host keys down to RequiredRSASize (1024).
			name: "RSA-1024 host key", hostKeys: []string{rsa1024},
			main: compliant, failLocal: []string{"SSH-007"}, failRemote: []string{"SSH-007"},
		},
		{
			name: "drop-in overrides the main file", hostKeys: []string{ed},
			dropin: "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\nX11Forwarding no\n",
			main:   set("PasswordAuthentication", "PasswordAuthentication yes") + "PermitRootLogin yes\nX11Forwarding yes\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			port := freePort(t)
			addr := fmt.Sprintf("127.0.0.1:%d", port)
			if err := os.MkdirAll(filepath.Join(dir, "keys"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "keys", "root"), userPub, 0o600); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if tc.dropin != "" {
				dd := filepath.Join(dir, "sshd_config.d")
				if err := os.Mkdir(dd, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dd, "10-vouch.conf"), []byte(tc.dropin), 0o644); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "Include %s/*.conf\n", dd)
			}
			for _, k := range tc.hostKeys {
				fmt.Fprintf(&b, "HostKey %s\n", k)
			}
			fmt.Fprintf(&b, "Port %d\nListenAddress 127.0.0.1\nPidFile none\nUsePAM no\nAuthorizedKeysFile %s/keys/%%u\n", port, dir)
			b.WriteString(tc.main)
			b.WriteString(tc.match)
			cfg := filepath.Join(dir, "sshd_config")
			if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
				t.Fatal(err)
			}
			ownServer(t, sshd, cfg, addr)

			params, err := eng.Params(baseline, map[string]any{"ssh_port": port})
			if err != nil {
				t.Fatal(err)
			}
			reg := scanners.NewRegistry(New())
			run := &audit.Run{Scanners: reg, Now: time.Now().UTC()}
			ep, err := target.NewEndpoint("ssh://"+addr, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, scan := range []struct {
				name string
				t    target.Target
				fail []string
			}{
				{"local", configuredLocal{Local: target.NewLocal(), config: cfg}, tc.failLocal},
				{"endpoint", ep, tc.failRemote},
			} {
				doc := run.Collect(ctx, scan.t)
				results, err := prep.Evaluate(ctx, doc, params, run.Now, sshControls)
				if err != nil {
					t.Fatalf("%s: Evaluate: %v", scan.name, err)
				}
				got := map[string]audit.Result{}
				for _, r := range results {
					got[r.ControlID] = r
				}
				for _, id := range sshControls {
					want := audit.Pass
					switch {
					case slices.Contains(scan.fail, id):
						want = audit.Fail
					case scan.name == "endpoint" && slices.Contains(configOnly, id):
						want = audit.Skip
					}
					r, ok := got[id]
					if !ok {
						t.Errorf("%s: %s not evaluated", scan.name, id)
						continue
					}
					if r.Status != want {
						t.Errorf("%s: verdict(%s) = %s (%s); want %s\nerrors: %v", scan.name, id, r.Status, r.Message, want, doc.Errors)
					}
				}
				var f Facts
				if err := json.Unmarshal(doc.Sections["ssh"], &f); err != nil {
					t.Fatalf("%s: decode ssh facts: %v", scan.name, err)
				}
				if len(f.Endpoints) != 1 || f.Endpoints[0].Address != addr {
					t.Fatalf("%s: endpoints = %+v; want one probe of %s", scan.name, f.Endpoints, addr)
				}
				if scan.name == "endpoint" {
					compareSSHAudit(t, addr, f.Endpoints[0])
				}
			}
		})
	}
}
