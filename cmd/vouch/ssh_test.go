package main

import (
	"encoding/json"
	"net"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testsshd"
)

var sshControls = []string{
	"SSH-001", "SSH-002", "SSH-003", "SSH-004", "SSH-005", "SSH-006", "SSH-007", "SSH-008",
	"SSH-009", "SSH-010", "SSH-011", "SSH-012", "SSH-013", "SSH-014", "SSH-015",
}

// TestFactsOfSSHEndpoint checks the public facts contract of an ssh://
// endpoint against a real sshd: the probe's keys, in the server's order.
func TestFactsOfSSHEndpoint(t *testing.T) {
	sshd := testsshd.Need(t)
	srv := testsshd.Start(t, sshd, "PasswordAuthentication no\nKbdInteractiveAuthentication no\nCiphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr\n")
	code, out, errOut := vouch(t, "facts", "--endpoint", "ssh://"+srv.Addr)
	if code != 0 {
		t.Fatalf("vouch facts exited %d: %s", code, errOut)
	}
	var doc struct {
		Target struct{ Kind string }
		Errors map[string]string
		SSH    struct {
			Config    json.RawMessage `json:"config"`
			Endpoints []map[string]json.RawMessage
		} `json:"ssh"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("decode facts: %v\n%s", err, out)
	}
	if doc.Target.Kind != "endpoint" || len(doc.Errors) != 0 || doc.SSH.Config != nil {
		t.Fatalf("target kind %q, errors %v, config %s; want an endpoint with no errors and no config", doc.Target.Kind, doc.Errors, doc.SSH.Config)
	}
	if len(doc.SSH.Endpoints) != 1 {
		t.Fatalf("ssh.endpoints = %d entries; want 1:\n%s", len(doc.SSH.Endpoints), out)
	}
	ep := doc.SSH.Endpoints[0]
	for _, k := range []string{"banner", "kex_algorithms", "host_key_algorithms", "ciphers", "macs", "host_keys", "auth_methods"} {
		if _, ok := ep[k]; !ok {
			t.Errorf("ssh.endpoints[0] lacks %q: %s", k, out)
		}
	}
	var banner string
	var ciphers, kex []string
	var keys []struct {
		Type        string
		Bits        int
		Fingerprint string
	}
	var auth map[string][]string
	for k, v := range map[string]any{"banner": &banner, "ciphers": &ciphers, "kex_algorithms": &kex, "host_keys": &keys, "auth_methods": &auth} {
		if err := json.Unmarshal(ep[k], v); err != nil {
			t.Fatalf("decode %s: %v", k, err)
		}
	}
	if !strings.HasPrefix(banner, "SSH-2.0-OpenSSH_") {
		t.Errorf("banner = %q; want OpenSSH's", banner)
	}
	if want := []string{"aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr"}; !reflect.DeepEqual(ciphers, want) {
		t.Errorf("ciphers = %q; want the server's order %q", ciphers, want)
	}
	if !slices.Contains(kex, "curve25519-sha256") {
		t.Errorf("kex_algorithms = %q; want curve25519-sha256 among them", kex)
	}
	fp, err := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", srv.HostKeyPub).Output()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].Type != "ssh-ed25519" || keys[0].Bits != 256 || !strings.Contains(string(fp), keys[0].Fingerprint) {
		t.Errorf("host_keys = %+v; want the ed25519 key ssh-keygen shows as %s", keys, fp)
	}
	if want := []string{"publickey"}; !reflect.DeepEqual(auth["root"], want) || !reflect.DeepEqual(auth["nonexistent"], want) {
		t.Errorf("auth_methods = %v; want publickey for root and nonexistent", auth)
	}
}

// TestAuditOfSSHEndpoint judges an ssh:// endpoint: the live controls decide,
// the configuration controls are skipped with their reason.
func TestAuditOfSSHEndpoint(t *testing.T) {
	sshd := testsshd.Need(t)
	srv := testsshd.Start(t, sshd, "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nCiphers +aes128-cbc\n")
	code, rep := auditJSON(t, "--endpoint", "ssh://"+srv.Addr, "--control", strings.Join(sshControls, ","))
	got := statuses(rep)
	want := map[string]audit.Status{"SSH-001": audit.Fail, "SSH-003": audit.Fail, "SSH-007": audit.Pass, "SSH-008": audit.Fail, "SSH-009": audit.Fail}
	for _, id := range sshControls {
		w, ok := want[id]
		if !ok {
			w = audit.Skip
		}
		if r := got[id]; r.Status != w {
			t.Errorf("%s on ssh://%s = %s (%s); want %s", id, srv.Addr, r.Status, r.Message, w)
		}
	}
	if code != 2 {
		t.Errorf("exit code = %d; want 2", code)
	}
}

// TestCompliantFixturePassesEverySSHControl audits the compliant tree's sshd
// configuration from its files; the probe controls have no server to probe.
func TestCompliantFixturePassesEverySSHControl(t *testing.T) {
	_, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-compliant"), "--config", fixtureCfg, "--control", strings.Join(sshControls, ","))
	got := statuses(rep)
	for _, id := range sshControls {
		want := audit.Pass
		if id == "SSH-007" || id == "SSH-008" {
			want = audit.Skip
		}
		if r := got[id]; r.Status != want {
			t.Errorf("%s on compliant fixture = %s (%s); want %s", id, r.Status, r.Message, want)
		}
	}
}

// TestSSHProbeTimeoutFromConfig: ssh.probe_timeout in vouch.yaml bounds the
// probe of a server that stalls after its banner.
func TestSSHProbeTimeoutFromConfig(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("SSH-2.0-Stall\r\n"))
			t.Cleanup(func() { c.Close() })
		}
	}()
	cfg := filepath.Join(t.TempDir(), "vouch.yaml")
	writeFile(t, cfg, "ssh:\n  probe_timeout: 300ms\n")
	start := time.Now()
	code, out, errOut := vouch(t, "facts", "--config", cfg, "--endpoint", "ssh://"+l.Addr().String())
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("vouch facts took %s; ssh.probe_timeout is 300ms", took)
	}
	if code != 0 {
		t.Fatalf("vouch facts exited %d: %s", code, errOut)
	}
	var doc struct{ Errors map[string]string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Errors["ssh.endpoints"], "timed out") {
		t.Errorf("errors[ssh.endpoints] = %q; want the probe timed out", doc.Errors["ssh.endpoints"])
	}
}

// TestDriftedFixtureFailsItsSSHDrift: the drifted tree's sshd (a cloud-init
// drop-in turning passwords back on, root login, port 2222, empty passwords
// for deploy in a Match block, an RSA-2048 user key, a group-writable
// sshd_config, OpenSSH's defaults elsewhere) fails every SSH control it
// drifted on; LogLevel INFO still passes.
func TestDriftedFixtureFailsItsSSHDrift(t *testing.T) {
	_, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, "debian12-drifted"), "--config", fixtureCfg, "--control", strings.Join(sshControls, ","))
	got := statuses(rep)
	for _, id := range sshControls {
		want := audit.Fail
		switch id {
		case "SSH-007", "SSH-008":
			want = audit.Skip
		case "SSH-014":
			want = audit.Pass
		}
		if r := got[id]; r.Status != want {
			t.Errorf("%s on drifted fixture = %s (%s); want %s", id, r.Status, r.Message, want)
		}
	}
	if r := got["SSH-011"]; !strings.Contains(r.Message, "user=deploy") {
		t.Errorf("SSH-011 message %q; want the Match block for deploy named", r.Message)
	}
}
