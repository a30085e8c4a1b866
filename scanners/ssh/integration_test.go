package ssh

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// serverKey is a host key a scenario gives its sshd.
type serverKey struct {
	typ  string
	bits int
}

// sshdServer is a running sshd and what it was started from.
type sshdServer struct {
	addr   string
	config string
	keys   []string // private key paths
}

// runServer writes config (HostKey lines for keys are added first, and
// dropins go to a directory the config includes before its own lines), then
// starts sshd on a free loopback port.
func runServer(t *testing.T, sshd string, keys []serverKey, dropins map[string]string, config string) sshdServer {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	if len(dropins) > 0 {
		dd := filepath.Join(dir, "sshd_config.d")
		if err := os.Mkdir(dd, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, body := range dropins {
			if err := os.WriteFile(filepath.Join(dd, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintf(&b, "Include %s/*.conf\n", dd)
	}
	var paths []string
	for _, k := range keys {
		p := hostKey(t, dir, k.typ, k.bits)
		paths = append(paths, p)
		fmt.Fprintf(&b, "HostKey %s\n", p)
	}
	b.WriteString("PidFile none\nUsePAM no\nStrictModes no\n")
	b.WriteString(config)
	cfg := filepath.Join(dir, "sshd_config")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	addr, _ := startSSHD(t, sshd, cfg)
	return sshdServer{addr: addr, config: cfg, keys: paths}
}

// keygenFingerprint is what ssh-keygen -l says of a public key file.
func keygenFingerprint(t *testing.T, pub string) (bits int, fp string) {
	t.Helper()
	out, err := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", pub).Output()
	if err != nil {
		t.Fatalf("ssh-keygen -l %s: %v", pub, err)
	}
	f := strings.Fields(string(out))
	fmt.Sscan(f[0], &bits)
	return bits, f[1]
}

func TestProbeRealSSHD(t *testing.T) {
	sshd := needSSHD(t)
	ed := serverKey{"ed25519", 0}
	rsa4096 := serverKey{"rsa", 4096}
	pubkeyOnly := "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n"
	tests := []struct {
		name    string
		keys    []serverKey
		dropins map[string]string
		config  string
		// what the probe must see
		wantAuth     []string
		wantCiphers  []string // each must be offered
		wantMACs     []string
		notCiphers   []string // each must not be offered
		wantKeyBits  map[string]int
		wantSettings map[string]string // effective config, from the files
	}{
		{
			name: "compliant pubkey only with ed25519 and rsa-4096 host keys",
			keys: []serverKey{ed, rsa4096}, config: pubkeyOnly,
			wantAuth:     []string{"publickey"},
			notCiphers:   []string{"aes128-cbc", "3des-cbc"},
			wantKeyBits:  map[string]int{"ssh-ed25519": 256, "ssh-rsa": 4096},
			wantSettings: map[string]string{"passwordauthentication": "no", "kbdinteractiveauthentication": "no", "permitrootlogin": "no"},
		},
		{
			name: "password authentication on",
			keys: []serverKey{ed}, config: "PasswordAuthentication yes\nKbdInteractiveAuthentication yes\n",
			wantAuth:     []string{"publickey", "password", "keyboard-interactive"},
			wantSettings: map[string]string{"passwordauthentication": "yes", "kbdinteractiveauthentication": "yes"},
		},
		{
			name: "root login permitted",
			keys: []serverKey{ed}, config: "PermitRootLogin yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n",
			wantAuth:     []string{"publickey"},
			wantSettings: map[string]string{"permitrootlogin": "yes"},
		},
		{
			name: "CBC ciphers and hmac-sha1 enabled",
			keys: []serverKey{ed}, config: pubkeyOnly + "Ciphers +aes128-cbc,aes256-cbc,3des-cbc\nMACs +hmac-sha1,hmac-sha1-96\n",
			wantAuth:     []string{"publickey"},
			wantCiphers:  []string{"aes128-cbc", "aes256-cbc", "3des-cbc"},
			wantMACs:     []string{"hmac-sha1", "hmac-sha1-96"},
			wantSettings: map[string]string{"ciphers": "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-cbc,aes256-cbc,3des-cbc"},
		},
		{
			// OpenSSH 9.2 accepts RSA host keys down to RequiredRSASize (1024).
			name: "rsa-1024 host key",
			keys: []serverKey{{"rsa", 1024}}, config: pubkeyOnly + "HostKeyAlgorithms +ssh-rsa\n",
			wantAuth:    []string{"publickey"},
			wantKeyBits: map[string]int{"ssh-rsa": 1024},
		},
		{
			name: "drop-in overrides the main file",
			keys: []serverKey{ed}, dropins: map[string]string{"10-no-passwords.conf": "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n"},
			config:       "PasswordAuthentication yes\nKbdInteractiveAuthentication yes\nPermitRootLogin yes\n",
			wantAuth:     []string{"publickey"},
			wantSettings: map[string]string{"passwordauthentication": "no", "permitrootlogin": "no"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := runServer(t, sshd, tc.keys, tc.dropins, tc.config)
			ctx := context.Background()
			start := time.Now()
			ep, err := Probe(ctx, "ssh://"+srv.addr, ProbeOptions{})
			if err != nil {
				t.Fatalf("Probe(%s) = %v", srv.addr, err)
			}
			t.Logf("probe took %s", time.Since(start))
			if len(ep.Errors) > 0 {
				t.Errorf("Probe errors: %v", ep.Errors)
			}
			if !strings.HasPrefix(ep.Banner, "SSH-2.0-OpenSSH_") {
				t.Errorf("banner = %q; want an OpenSSH identification", ep.Banner)
			}
			if !ep.StrictKex {
				t.Errorf("strict_kex = false; OpenSSH 9.2 as Debian ships it lists %s", StrictKexServer)
			}
			for _, who := range []string{"root", "nonexistent"} {
				if got := ep.AuthMethods[who]; !reflect.DeepEqual(got, tc.wantAuth) {
					t.Errorf("auth_methods[%s] = %q; want %q", who, got, tc.wantAuth)
				}
			}
			for _, c := range tc.wantCiphers {
				if !slices.Contains(ep.Ciphers, c) {
					t.Errorf("ciphers %q lack %s", ep.Ciphers, c)
				}
			}
			for _, c := range tc.notCiphers {
				if slices.Contains(ep.Ciphers, c) {
					t.Errorf("ciphers %q offer %s", ep.Ciphers, c)
				}
			}
			for _, m := range tc.wantMACs {
				if !slices.Contains(ep.MACs, m) {
					t.Errorf("macs %q lack %s", ep.MACs, m)
				}
			}
			if len(ep.HostKeys) != len(tc.keys) {
				t.Errorf("host_keys = %+v; want %d keys", ep.HostKeys, len(tc.keys))
			}
			for _, p := range srv.keys {
				bits, fp := keygenFingerprint(t, p+".pub")
				found := false
				for _, k := range ep.HostKeys {
					if k.Fingerprint == fp {
						found = true
						if k.Bits != bits {
							t.Errorf("host key %s: bits = %d; ssh-keygen says %d", fp, k.Bits, bits)
						}
						if want, ok := tc.wantKeyBits[k.Type]; ok && k.Bits != want {
							t.Errorf("host key %s: bits = %d; want %d", k.Type, k.Bits, want)
						}
					}
				}
				if !found {
					t.Errorf("host key %s (%s) not in probe result %+v", p, fp, ep.HostKeys)
				}
			}

			// The same server's configuration, from its files and from sshd -T.
			tree, err := LoadTree(target.NewLocal(), srv.config)
			if err != nil {
				t.Fatalf("LoadTree: %v", err)
			}
			got, err := tree.Effective(nil)
			if err != nil {
				t.Fatalf("Effective: %v", err)
			}
			want, err := sshdT(sshd, srv.config, nil)
			if err != nil {
				t.Fatal(err)
			}
			compareEffective(t, "files vs sshd -T", got, want)
			for k, v := range tc.wantSettings {
				if g := strings.Join(got[k], " "); g != v {
					t.Errorf("effective %s = %q; want %q", k, g, v)
				}
			}
			// The live lists are what the configuration says.
			for k, live := range map[string][]string{"ciphers": ep.Ciphers, "macs": ep.MACs} {
				if cfg := strings.Split(got[k][0], ","); !reflect.DeepEqual(cfg, live) {
					t.Errorf("%s: configured %q; server offers %q", k, cfg, live)
				}
			}

			compareSSHAudit(t, srv.addr, ep)
		})
	}
}

// compareSSHAudit checks the four algorithm lists against ssh-audit's JSON
// for the same server, when ssh-audit is installed (or installable).
func compareSSHAudit(t *testing.T, addr string, ep *Endpoint) {
	t.Helper()
	bin, reason := findSSHAudit()
	if bin == "" {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatalf("ssh-audit is required (VOUCH_INTEGRATION=required) but unavailable: %s", reason)
		}
		t.Logf("skip ssh-audit comparison: %s", reason)
		return
	}
	host, port, _ := strings.Cut(addr, ":")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, bin, "-j", "-p", port, host).Output()
	// ssh-audit writes some lists as strings and others as {"algorithm": ...}.
	var rep struct {
		Kex, Key, Enc, Mac []json.RawMessage
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("parse ssh-audit -j output: %v: %.300s", err, out)
	}
	names := func(l []json.RawMessage) []string {
		var s []string
		for _, raw := range l {
			var name string
			if json.Unmarshal(raw, &name) != nil {
				var obj struct{ Algorithm string }
				if err := json.Unmarshal(raw, &obj); err != nil {
					t.Fatalf("parse ssh-audit entry %s: %v", raw, err)
				}
				name = obj.Algorithm
			}
			s = append(s, name)
		}
		return s
	}
	for _, c := range []struct {
		name      string
		ours, its []string
	}{
		{"kex_algorithms", ep.KexAlgorithms, names(rep.Kex)},
		{"host_key_algorithms", ep.HostKeyAlgorithms, names(rep.Key)},
		{"ciphers", ep.Ciphers, names(rep.Enc)},
		{"macs", ep.MACs, names(rep.Mac)},
	} {
		if !reflect.DeepEqual(c.ours, c.its) {
			t.Errorf("%s = %q; ssh-audit -j says %q", c.name, c.ours, c.its)
		}
	}
}

func findSSHAudit() (string, string) {
	if p, err := exec.LookPath("ssh-audit"); err == nil {
		return p, ""
	}
	if os.Geteuid() != 0 {
		return "", "ssh-audit is not installed and installing it needs root"
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return "", "ssh-audit is not installed and apt-get is not available"
	}
	out, err := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ssh-audit").CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("apt-get install ssh-audit: %v: %s", err, lastLines(out, 5))
	}
	p, err := exec.LookPath("ssh-audit")
	if err != nil {
		return "", "ssh-audit installed but not found on PATH"
	}
	return p, ""
}
