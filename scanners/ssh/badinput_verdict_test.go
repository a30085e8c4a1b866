package ssh

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// judge collects t's ssh facts and runs every SSH control on them.
func judge(t *testing.T, s *Scanner, tg target.Target, params map[string]any) (map[string]audit.Result, audit.Facts, time.Duration) {
	t.Helper()
	eng, err := policies.Default()
	if err != nil {
		t.Fatalf("policies.Default: %v", err)
	}
	ctx := context.Background()
	prep, err := eng.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	baseline, err := eng.Profile("baseline")
	if err != nil {
		t.Fatal(err)
	}
	p, err := eng.Params(baseline, params)
	if err != nil {
		t.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(s), Now: time.Unix(1_800_000_000, 0).UTC()}
	start := time.Now()
	doc := run.Collect(ctx, tg)
	took := time.Since(start)
	results, err := prep.Evaluate(ctx, doc, p, run.Now, sshControls)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]audit.Result{}
	for _, r := range results {
		got[r.ControlID] = r
	}
	return got, doc, took
}

// TestHostileEndpointGivesErrorVerdicts: a server that misbehaves gives
// error verdicts naming the reason, within the probe deadline, for every
// control that reads the probe; the configuration controls skip.
func TestHostileEndpointGivesErrorVerdicts(t *testing.T) {
	tests := []struct {
		name   string
		behave func(c net.Conn)
		reason string
	}{
		{"garbage banner", func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) }, "probe ssh"},
		{"stall after banner", func(c net.Conn) { c.Write([]byte("SSH-2.0-Stall\r\n")) }, "timed out"},
		{"oversized packet", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Big\r\n"))
			c.Write([]byte{0x7f, 0xff, 0xff, 0xff, 4})
		}, "probe ssh"},
		{"close during KEXINIT", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Close\r\n"))
			c.Write(packet(kexInitPayload("curve25519-sha256"))[:20])
			c.Close()
		}, "probe ssh"},
	}
	probeControls := []string{"SSH-001", "SSH-003", "SSH-007", "SSH-008", "SSH-009"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostile(t, tc.behave)
			ep, err := target.NewEndpoint("ssh://"+addr, "")
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Second
			got, doc, took := judge(t, New().WithProbeOptions(ProbeOptions{Timeout: deadline}), ep, nil)
			if took > deadline+time.Second {
				t.Errorf("collecting took %s; the probe deadline is %s", took, deadline)
			}
			if !strings.Contains(doc.Errors["ssh.endpoints"], tc.reason) {
				t.Errorf("errors[ssh.endpoints] = %q; want it to contain %q", doc.Errors["ssh.endpoints"], tc.reason)
			}
			for _, id := range sshControls {
				want := audit.Skip
				if contains(probeControls, id) {
					want = audit.Error
				}
				r := got[id]
				if r.Status != want {
					t.Errorf("verdict(%s) = %s (%s); want %s", id, r.Status, r.Message, want)
				}
				if want == audit.Error && !strings.Contains(r.Message, "ssh.endpoints") {
					t.Errorf("verdict(%s) message %q does not say what is missing", id, r.Message)
				}
			}
		})
	}
}

// TestBadConfigGivesErrorVerdicts: an sshd configuration vouch cannot
// evaluate gives error verdicts naming the file for every configuration
// control.
func TestBadConfigGivesErrorVerdicts(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		reason string
	}{
		{"include loop", map[string]string{"etc/ssh/sshd_config": "Include a.conf\n", "etc/ssh/a.conf": "Include b.conf\n", "etc/ssh/b.conf": "Include a.conf\n"}, "too many nested includes"},
		{"unknown keyword", map[string]string{"etc/ssh/sshd_config": "PasswordAuthentication no\nFrobnicate yes\n"}, "Frobnicate"},
		{"10 MB config", map[string]string{"etc/ssh/sshd_config": strings.Repeat("# padding line for a huge file\n", 10<<20/31)}, "larger than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, tc.files)
			dt, err := target.NewDir(root, "dir:"+root)
			if err != nil {
				t.Fatal(err)
			}
			got, doc, _ := judge(t, New(), dt, nil)
			if !strings.Contains(doc.Errors["ssh.config"], tc.reason) {
				t.Errorf("errors[ssh.config] = %q; want it to contain %q", doc.Errors["ssh.config"], tc.reason)
			}
			for _, id := range sshControls {
				want := audit.Error
				if id == "SSH-007" || id == "SSH-008" {
					want = audit.Skip
				}
				if r := got[id]; r.Status != want {
					t.Errorf("verdict(%s) = %s (%s); want %s", id, r.Status, r.Message, want)
				}
			}
		})
	}
}

// TestMachineWithoutSSHDSkipsEveryControl: a tree with no sshd_config and no
// openssh-server package has no SSH server, so every SSH control is skipped
// with that reason, and nothing is reported missing.
func TestMachineWithoutSSHDSkipsEveryControl(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"etc/passwd":          "root:x:0:0:root:/root:/bin/bash\n",
		"var/lib/dpkg/status": "Package: openssh-client\nStatus: install ok installed\nVersion: 1:9.2p1-2\n",
	})
	dt, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	got, doc, _ := judge(t, New(), dt, nil)
	if len(doc.Errors) != 0 {
		t.Errorf("errors = %v; want none for a machine without sshd", doc.Errors)
	}
	for _, id := range sshControls {
		if r := got[id]; r.Status != audit.Skip || !strings.Contains(r.Message, "sshd is not installed") {
			t.Errorf("verdict(%s) = %s (%s); want skip: sshd is not installed", id, r.Status, r.Message)
		}
	}

	// The package without its configuration is a broken install, not an absent one.
	writeTree(t, root, map[string]string{"var/lib/dpkg/status": "Package: openssh-server\nStatus: install ok installed\nVersion: 1:9.2p1-2+deb12u3\n"})
	got, doc, _ = judge(t, New(), dt, nil)
	if !strings.Contains(doc.Errors["ssh.config"], MainConfig) {
		t.Errorf("errors[ssh.config] = %q; want the missing %s named", doc.Errors["ssh.config"], MainConfig)
	}
	if r := got["SSH-002"]; r.Status != audit.Error {
		t.Errorf("verdict(SSH-002) = %s (%s); want error when openssh-server is installed without its configuration", r.Status, r.Message)
	}
}
