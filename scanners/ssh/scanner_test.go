package ssh

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xssh "golang.org/x/crypto/ssh"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testtarget"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

const privateMarker = "PRIVATE-KEY-MATERIAL-MUST-NOT-LEAK"

// writeTree writes files (path -> content) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newPub(t *testing.T) (line string, fp string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := xssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(xssh.MarshalAuthorizedKey(pk))), xssh.FingerprintSHA256(pk)
}

// hostTree is a small Debian-like machine: a main config that includes a
// drop-in, one host key, two login accounts and a system account.
func hostTree(t *testing.T) (string, string) {
	root := t.TempDir()
	hostPub, hostFP := newPub(t)
	alicePub, _ := newPub(t)
	writeTree(t, root, map[string]string{
		"etc/ssh/sshd_config":                "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\nHostKey /etc/ssh/ssh_host_ed25519_key\nMatch User alice\n\tPasswordAuthentication yes\n",
		"etc/ssh/sshd_config.d/10-keys.conf": "PasswordAuthentication no\nPermitRootLogin no\n",
		"etc/ssh/ssh_host_ed25519_key":       privateMarker + "\n",
		"etc/ssh/ssh_host_ed25519_key.pub":   hostPub + " root@host\n",
		"etc/passwd":                         "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001:Bob:/home/bob:/bin/bash\n",
		"etc/group":                          "root:x:0:\nalice:x:1000:\nbob:x:1001:\n",
		"home/alice/.ssh/authorized_keys":    "# keys\n" + `from="10.0.0.0/8",no-pty ` + alicePub + " alice@laptop\nnot a key\n",
		"home/bob/.ssh/authorized_keys/x":    "a directory where a file should be\n",
		"root/.ssh/authorized_keys2":         alicePub + "\n",
		"usr/sbin/.keep":                     "",
		".vouch/attrs":                       "0600 0 0 /etc/ssh/ssh_host_ed25519_key\n0644 0 0 /etc/ssh/sshd_config\n",
	})
	return root, hostFP
}

func TestScanDirTargetComputesFromFiles(t *testing.T) {
	root, hostFP := hostTree(t)
	dt, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	c := scanners.NewCollection(time.Unix(0, 0))
	v, err := New().Scan(context.Background(), dt, c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	f := v.(*Facts)
	if len(c.Errors()) != 0 {
		t.Errorf("errors = %v; want none", c.Errors())
	}
	cfg := f.Config
	if cfg == nil {
		t.Fatal("config not collected")
	}
	if cfg.Source != "files" || cfg.DefaultsVersion != defaultsVersion {
		t.Errorf("source = %q, defaults_version = %q; want files, %s", cfg.Source, cfg.DefaultsVersion, defaultsVersion)
	}
	if got := cfg.Effective["passwordauthentication"]; len(got) != 1 || got[0] != "no" {
		t.Errorf("passwordauthentication = %q; want [no] (the drop-in is read first)", got)
	}
	var alice *Match
	for i := range cfg.Matches {
		if cfg.Matches[i].User == "alice" {
			alice = &cfg.Matches[i]
		}
	}
	if alice == nil || strings.Join(alice.Effective["passwordauthentication"], "") != "yes" {
		t.Errorf("matches for alice = %+v; want passwordauthentication yes", alice)
	}
	if len(cfg.Files) != 2 || cfg.Files[0].Path != "/etc/ssh/sshd_config" || cfg.Files[1].Path != "/etc/ssh/sshd_config.d/10-keys.conf" {
		t.Errorf("files = %+v; want sshd_config then the drop-in", cfg.Files)
	}
	if cfg.Files[0].Mode != "0644" || cfg.Files[0].Owner == nil || *cfg.Files[0].Owner != 0 {
		t.Errorf("sshd_config info = %+v; want 0644 owned by 0", cfg.Files[0])
	}
	if len(cfg.HostKeys) != 1 {
		t.Fatalf("host_keys = %+v; want one", cfg.HostKeys)
	}
	hk := cfg.HostKeys[0]
	if hk.Type != "ssh-ed25519" || hk.Bits != 256 || hk.Fingerprint != hostFP || hk.Mode != "0600" {
		t.Errorf("host key = %+v; want ssh-ed25519 256 %s 0600", hk, hostFP)
	}

	byPath := map[string]AuthorizedKeys{}
	for _, ak := range f.AuthorizedKeys {
		byPath[ak.Path] = ak
	}
	a := byPath["/home/alice/.ssh/authorized_keys"]
	if len(a.Keys) != 2 || a.Keys[0].Type != "ssh-ed25519" || a.Keys[0].Bits != 256 || len(a.Keys[0].Options) != 2 || a.Keys[1].Error == "" {
		t.Errorf("alice's keys = %+v; want one ed25519 key with two options and one unparsable line", a)
	}
	if b := byPath["/home/bob/.ssh/authorized_keys"]; b.Error == "" {
		t.Errorf("bob's unreadable authorized_keys = %+v; want an entry with an error", b)
	}
	if r := byPath["/root/.ssh/authorized_keys2"]; len(r.Keys) != 1 {
		t.Errorf("root's authorized_keys2 = %+v; want one key", r)
	}
	for _, ak := range f.AuthorizedKeys {
		if ak.User == "daemon" {
			t.Errorf("daemon has no login shell but its keys were read: %+v", ak)
		}
	}

	out, _ := json.Marshal(f)
	if strings.Contains(string(out), privateMarker) {
		t.Fatalf("facts contain the private host key's contents")
	}
	for _, key := range []string{`"source"`, `"effective"`, `"matches"`, `"files"`, `"host_keys"`, `"authorized_keys"`} {
		if !strings.Contains(string(out), key) {
			t.Errorf("facts JSON lacks %s", key)
		}
	}
}

// collectTree is CollectConfig of the dir: tree at root.
func collectTree(t *testing.T, root string) *Config {
	t.Helper()
	dt, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := CollectConfig(context.Background(), dt)
	if err != nil {
		t.Fatalf("CollectConfig: %v", err)
	}
	return cfg
}

func TestScanUsesRecordedSSHDT(t *testing.T) {
	root, _ := hostTree(t)
	writeTree(t, root, map[string]string{
		".vouch/commands/sshd_-T": "port 22\npasswordauthentication no\nhostkey /etc/ssh/ssh_host_ed25519_key\nauthorizedkeysfile .ssh/authorized_keys\n",
		".vouch/commands/sshd_-T_-C_user=root,host=client.invalid,addr=192.0.2.1,lport=22": "port 22\npasswordauthentication no\nhostkey /etc/ssh/ssh_host_ed25519_key\nauthorizedkeysfile .ssh/authorized_keys\n",
		".vouch/commands/sshd_-V.stderr": "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026\n",
		".vouch/commands/sshd_-V":        "",
	})
	cfg := collectTree(t, root)
	if cfg.Source != "sshd -T" || cfg.Version != "OpenSSH_9.2p1" {
		t.Errorf("source, version = %q, %q; want sshd -T, OpenSSH_9.2p1", cfg.Source, cfg.Version)
	}
	if len(cfg.Evidence) == 0 || cfg.Evidence[0].Command != "sshd -T" || len(cfg.Evidence[0].SHA256) != 64 || cfg.Evidence[0].Lines != 4 {
		t.Errorf("evidence = %+v; want sshd -T with its hash and 4 lines", cfg.Evidence)
	}
	for _, m := range cfg.Matches {
		if m.User == "root" && m.Error != "" {
			t.Errorf("root match: %s", m.Error)
		}
		if m.User == "alice" && m.Error == "" {
			t.Errorf("alice's spec was not recorded, yet no error: %+v", m)
		}
	}
}

func TestConfigGuards(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr []string
	}{
		{
			name:    "unknown keyword names the file and line",
			files:   map[string]string{"etc/ssh/sshd_config": "PasswordAuthentication no\n\nFrobnicate yes\n"},
			wantErr: []string{"/etc/ssh/sshd_config line 3", "Frobnicate"},
		},
		{
			name: "include loop names the files",
			files: map[string]string{
				"etc/ssh/sshd_config": "Include a.conf\n",
				"etc/ssh/a.conf":      "Include b.conf\n",
				"etc/ssh/b.conf":      "Include a.conf\n",
			},
			wantErr: []string{"too many nested includes", "/etc/ssh/a.conf", "/etc/ssh/b.conf"},
		},
		{
			name:    "config larger than the read cap",
			files:   map[string]string{"etc/ssh/sshd_config": strings.Repeat("# padding line for a huge file\n", 10<<20/31)},
			wantErr: []string{"larger than"},
		},
		{
			name:    "unterminated quote",
			files:   map[string]string{"etc/ssh/sshd_config": "Banner \"/etc/issue\n"},
			wantErr: []string{"line 1", "quote"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, tc.files)
			dt, err := target.NewDir(root, "dir:"+root)
			if err != nil {
				t.Fatal(err)
			}
			tree, err := LoadTree(dt, MainConfig)
			if err == nil {
				_, err = tree.Effective(nil)
			}
			if err == nil {
				t.Fatalf("LoadTree/Effective succeeded; want an error containing %q", tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestExpandKeysPath(t *testing.T) {
	a := account{name: "alice", uid: 1000, home: "/home/alice"}
	for in, want := range map[string]string{
		".ssh/authorized_keys": "/home/alice/.ssh/authorized_keys",
		"%h/.ssh/keys":         "/home/alice/.ssh/keys",
		"/etc/ssh/keys/%u":     "/etc/ssh/keys/alice",
		"/etc/ssh/keys/%U%%":   "/etc/ssh/keys/1000%",
		"/var/keys/%u/../%u/k": "/var/keys/alice/k",
	} {
		got, err := expandKeysPath(in, a)
		if err != nil || got != want {
			t.Errorf("expandKeysPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := expandKeysPath("/keys/%z", a); err == nil {
		t.Errorf("expandKeysPath with %%z succeeded; want an error")
	}
}

// TestNoMatchBlockAsksSSHDOnce: without a Match block every connection gets
// what sshd -T printed, so sshd -T -C is not run (and not needed on record).
func TestNoMatchBlockAsksSSHDOnce(t *testing.T) {
	root, _ := hostTree(t)
	writeTree(t, root, map[string]string{
		"etc/ssh/sshd_config":     "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\nHostKey /etc/ssh/ssh_host_ed25519_key\n",
		".vouch/commands/sshd_-T": "port 22\npasswordauthentication no\nhostkey /etc/ssh/ssh_host_ed25519_key\nauthorizedkeysfile .ssh/authorized_keys\n",
	})
	cfg := collectTree(t, root)
	if len(cfg.Evidence) != 1 || cfg.Evidence[0].Command != "sshd -T" {
		t.Errorf("evidence = %+v; want sshd -T alone", cfg.Evidence)
	}
	users := map[string]bool{}
	for _, m := range cfg.Matches {
		users[m.User] = true
		if m.Error != "" || len(m.Effective) != 0 || !strings.Contains(m.Note, "no Match block") {
			t.Errorf("match %+v; want no error, no differences and a note", m)
		}
	}
	if !users["root"] || !users["alice"] {
		t.Errorf("connections = %v; want root and an ordinary user", users)
	}
}

// pathDir is a recorded tree that says where its sshd is.
type pathDir struct {
	*target.Dir
	sshd string
}

func (p pathDir) LookPath(string) (string, error) { return p.sshd, nil }

// TestSSHDVersionFromThePackageWhenTheBinaryIsPackaged: the sshd dpkg
// installed is not started for its version; another sshd is asked.
func TestSSHDVersionFromThePackageWhenTheBinaryIsPackaged(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"var/lib/dpkg/status":                   "Package: openssh-server\nStatus: install ok installed\nVersion: 1:9.2p1-2+deb12u10\nArchitecture: amd64\n",
		"var/lib/dpkg/info/openssh-server.list": "/.\n/usr\n/usr/sbin\n/usr/sbin/sshd\n",
		".vouch/commands/sshd_-V.stderr":        "OpenSSH_9.9p1, OpenSSL 3.4.0 22 Oct 2024\n",
		".vouch/commands/sshd_-V":               "",
	})
	d, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if v := sshdVersion(ctx, pathDir{d, "/usr/sbin/sshd"}); v != "OpenSSH_9.2p1" {
		t.Errorf("packaged sshd: version %q, want OpenSSH_9.2p1 from dpkg", v)
	}
	if v := sshdVersion(ctx, pathDir{d, "/usr/local/sbin/sshd"}); v != "OpenSSH_9.9p1" {
		t.Errorf("sshd outside the package: version %q, want OpenSSH_9.9p1 from sshd -V", v)
	}
	if v := sshdVersion(ctx, d); v != "OpenSSH_9.9p1" {
		t.Errorf("target that cannot look up sshd: version %q, want sshd -V's", v)
	}
}

// TestPackageVersionFindsTheStanza: openssh-server's version is read from its
// own stanza wherever it is, and a package whose name only starts the same
// is not taken for it.
func TestPackageVersionFindsTheStanza(t *testing.T) {
	for _, tc := range []struct{ status, want string }{
		{"Package: openssh-server\nStatus: install ok installed\nVersion: 1:9.2p1-2+deb12u3\n\nPackage: zlib1g\nVersion: 1:1.2.13\n", "OpenSSH_9.2p1"},
		{"Package: a\nVersion: 1\n\nPackage: openssh-server-extra\nVersion: 1:8.0p1-1\n\nPackage: openssh-server\nVersion: 1:9.9p1-3\n", "OpenSSH_9.9p1"},
		{"Package: a\nDescription: mentions\nPackage: openssh-server\nVersion: 1:7.0p1-1\n\nPackage: openssh-server\nStatus: deinstall ok config-files\n\nPackage: openssh-server\nVersion: 1:9.6p1-1\n", "OpenSSH_9.6p1"},
		{"Package: openssh-client\nVersion: 1:9.2p1-2\n", ""},
	} {
		root := t.TempDir()
		if err := os.MkdirAll(filepath.Join(root, "var/lib/dpkg"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "var/lib/dpkg/status"), []byte(tc.status), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := target.NewDir(root, "dir:"+root)
		if err != nil {
			t.Fatal(err)
		}
		if got := packageVersion(context.Background(), d); got != tc.want {
			t.Errorf("packageVersion(%q) = %q; want %q", tc.status, got, tc.want)
		}
	}
}

// TestOneCollectionReadsTheDpkgDatabaseOnce: the host and SSH scanners in one
// run share one read of the dpkg status file, and both use it.
func TestOneCollectionReadsTheDpkgDatabaseOnce(t *testing.T) {
	tg := testtarget.NewReadCounter(testtarget.Fixture(t, "debian12-drifted"))
	run := &audit.Run{Scanners: scanners.NewRegistry(host.New(), New()), Now: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	facts := run.Collect(context.Background(), tg)
	if n := tg.Reads("/var/lib/dpkg/status"); n != 1 {
		t.Errorf("/var/lib/dpkg/status read %d times; want once", n)
	}
	var s struct {
		Config struct {
			Version string `json:"version"`
		} `json:"config"`
	}
	if err := json.Unmarshal(facts.Sections["ssh"], &s); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Config.Version, "OpenSSH_") || !strings.Contains(string(facts.Sections["host"]), `"openssh-server"`) {
		t.Errorf("ssh version %q, host packages with openssh-server: %v; want both from the one read", s.Config.Version, strings.Contains(string(facts.Sections["host"]), `"openssh-server"`))
	}
}
