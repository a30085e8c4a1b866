package config

import (
	"strings"
	"testing"
	"time"
)

func TestSSHProbeTimeout(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    time.Duration
		wantErr string
	}{
		{"unset keeps the default", "profile: baseline\n", 0, ""},
		{"a duration is read", "ssh:\n  probe_timeout: 10s\n", 10 * time.Second, ""},
		{"not a duration names the key and line", "ssh:\n  probe_timeout: soon\n", 0, "vouch.yaml:2: ssh.probe_timeout \"soon\""},
		{"zero is refused", "ssh:\n  probe_timeout: 0s\n", 0, "ssh.probe_timeout"},
		{"an unknown key is refused", "ssh:\n  timeout: 5s\n", 0, "timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("vouch.yaml", []byte(tc.yaml))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Parse error = %v; want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.SSHProbeTimeout != tc.want {
				t.Errorf("SSHProbeTimeout = %s; want %s", c.SSHProbeTimeout, tc.want)
			}
		})
	}
}
