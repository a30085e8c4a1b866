package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testnginx"
)

// TestFactsEndpointAgainstNginx runs `vouch facts --endpoint` against a real
// nginx and checks the facts contract: the tls section with protocols (in
// server-preference order, IANA suite names), certificates, headers and grade.
func TestFactsEndpointAgainstNginx(t *testing.T) {
	testnginx.Require(t, "nginx", "openssl")
	pki := testnginx.NewPKI(t)
	chain, key := pki.Leaf(t, "good")
	srv := testnginx.Start(t, testnginx.Config{Chain: chain, Key: key,
		Directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256; ssl_prefer_server_ciphers on;\n" +
			`    add_header Strict-Transport-Security "max-age=31536000" always;`})
	endpoint := fmt.Sprintf("https://127.0.0.1:%d", srv.TLSPort)
	code, out, errOut := vouch(t, "facts", "--endpoint", endpoint)
	if code != 0 {
		t.Fatalf("vouch facts --endpoint %s: exit %d\n%s", endpoint, code, errOut)
	}
	var doc struct {
		Target  struct{ Name, Kind string } `json:"target"`
		Scanned []string                    `json:"scanned"`
		TLS     struct {
			Protocols []struct {
				Version string `json:"version"`
				Suites  []struct {
					Name string `json:"name"`
					Code string `json:"code"`
				} `json:"suites"`
			} `json:"protocols"`
			Certificates []map[string]any    `json:"certificates"`
			Headers      map[string][]string `json:"headers"`
			Grade        *struct {
				Grade string `json:"grade"`
			} `json:"grade"`
		} `json:"tls"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("decode facts: %v\n%s", err, out)
	}
	if doc.Target.Kind != "endpoint" || doc.Target.Name != endpoint || !slices.Equal(doc.Scanned, []string{"tls"}) {
		t.Errorf("target %+v scanned %v; want endpoint %s scanned by tls only", doc.Target, doc.Scanned, endpoint)
	}
	var got []string
	for _, p := range doc.TLS.Protocols {
		for _, s := range p.Suites {
			got = append(got, p.Version+" "+s.Name)
		}
	}
	want := []string{
		"TLS1.3 TLS_AES_256_GCM_SHA384", "TLS1.3 TLS_CHACHA20_POLY1305_SHA256", "TLS1.3 TLS_AES_128_GCM_SHA256",
		"TLS1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	}
	if !slices.Equal(got, want) {
		t.Errorf("protocols = %v; want %v (server preference order)", got, want)
	}
	if len(doc.TLS.Certificates) != 2 || doc.TLS.Certificates[0]["key_type"] != "RSA" {
		t.Errorf("certificates = %v; want leaf and intermediate", doc.TLS.Certificates)
	}
	if hsts := doc.TLS.Headers["strict-transport-security"]; len(hsts) != 1 || hsts[0] != "max-age=31536000" {
		t.Errorf("headers = %v; want strict-transport-security max-age=31536000", doc.TLS.Headers)
	}
	// 127.0.0.1 is not the certificate's name and its root is not in the
	// system bundle: the grade says so.
	if doc.TLS.Grade == nil || doc.TLS.Grade.Grade != "T" {
		t.Errorf("grade = %+v; want T (not trusted)", doc.TLS.Grade)
	}
}

// TestAuditEndpointHTTPURLFromConfig checks that vouch.yaml's http_url is the
// address whose redirect TLS-001 judges.
func TestAuditEndpointHTTPURLFromConfig(t *testing.T) {
	testnginx.Require(t, "nginx", "openssl")
	pki := testnginx.NewPKI(t)
	chain, key := pki.Leaf(t, "good")
	srv := testnginx.Start(t, testnginx.Config{Chain: chain, Key: key, HTTP: `return 200 "plain\n";`,
		Directives: "ssl_protocols TLSv1.2 TLSv1.3;"})
	endpoint := fmt.Sprintf("https://127.0.0.1:%d", srv.TLSPort)
	cfg := filepath.Join(t.TempDir(), "vouch.yaml")
	if err := os.WriteFile(cfg, fmt.Appendf(nil, "endpoints:\n  - url: %s\n    http_url: http://127.0.0.1:%d/\n", endpoint, srv.HTTPPort), 0o600); err != nil {
		t.Fatal(err)
	}
	code, rep := auditJSON(t, "--config", cfg, "--control", "TLS-001,TLS-002")
	if code != 2 {
		t.Errorf("exit code = %d; want 2 (TLS-001 fails)", code)
	}
	got := statuses(rep)
	if r := got["TLS-001"]; r.Status != "fail" || !strings.Contains(r.Message, fmt.Sprintf("http://127.0.0.1:%d/ answers 200", srv.HTTPPort)) {
		t.Errorf("TLS-001 = %s (%s); want fail naming the http_url", r.Status, r.Message)
	}
	if r := got["TLS-002"]; r.Status != "pass" {
		t.Errorf("TLS-002 = %s (%s); want pass", r.Status, r.Message)
	}
}

func TestFixtureNginxControls(t *testing.T) {
	for _, tt := range []struct {
		host string
		want audit.Status
	}{
		{"debian12-compliant", audit.Pass},
		{"debian12-drifted", audit.Fail},
	} {
		_, rep := auditJSON(t, "--target", "dir:"+filepath.Join(fixtures, tt.host), "--config", fixtureCfg, "--control", "TLS-012,TLS-013")
		got := statuses(rep)
		for _, id := range []string{"TLS-012", "TLS-013"} {
			if r := got[id]; r.Status != tt.want {
				t.Errorf("%s on %s = %s (%s); want %s", id, tt.host, r.Status, r.Message, tt.want)
			}
		}
	}
}
