package target

import (
	"errors"
	"strings"
	"testing"
)

func TestNewEndpoint(t *testing.T) {
	cases := []struct {
		raw, httpURL, hostport, err string
	}{
		{raw: "https://example.test", hostport: "example.test:443"},
		{raw: "HTTPS://example.test:8443/login", hostport: "example.test:8443"},
		{raw: "ssh://127.0.0.1:2222", hostport: "127.0.0.1:2222"},
		{raw: "ssh://[::1]", hostport: "[::1]:22"},
		{raw: "https://example.test:8443", httpURL: "http://example.test:8080", hostport: "example.test:8443"},
		{raw: "ftp://example.test", err: "unknown scheme"},
		{raw: "https://", err: "no host"},
		{raw: "https://example.test:99999", err: "bad port"},
		{raw: "https://example.test", httpURL: "example.test:80", err: "http_url"},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			e, err := NewEndpoint(tc.raw, tc.httpURL)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("NewEndpoint(%q) error = %v; want one mentioning %q", tc.raw, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := e.HostPort(); got != tc.hostport {
				t.Errorf("HostPort() = %q; want %q", got, tc.hostport)
			}
			if e.Info().Kind != "endpoint" || e.Info().Name != tc.raw {
				t.Errorf("Info() = %+v; want kind endpoint named %q", e.Info(), tc.raw)
			}
			if _, err := e.ReadFile("/etc/passwd", 10); !errors.Is(err, ErrNoFilesystem) {
				t.Errorf("ReadFile error = %v; want ErrNoFilesystem", err)
			}
		})
	}
}
