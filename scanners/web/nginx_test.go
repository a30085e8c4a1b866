package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

func TestParseDump(t *testing.T) {
	tests := []struct {
		name          string
		dump          string
		wantLimited   []bool
		wantPublic    []bool
		wantProtocols [][]string
		wantDefault   []bool
	}{
		{
			name:        "limit_req in http applies to every server",
			dump:        "# configuration file /etc/nginx/nginx.conf:\nhttp { limit_req_zone $binary_remote_addr zone=one:10m rate=1r/s; limit_req zone=one; ssl_protocols TLSv1.2; server { listen 443 ssl; } server { listen 127.0.0.1:8080; ssl_protocols TLSv1.3; } }\n",
			wantLimited: []bool{true, true}, wantPublic: []bool{true, false},
			wantProtocols: [][]string{{"TLSv1.2"}, {"TLSv1.3"}}, wantDefault: []bool{false, false},
		},
		{
			name:        "limit in one location of two does not cover the server",
			dump:        "# configuration file /etc/nginx/nginx.conf:\nhttp { server { listen 80; location /login { limit_req zone=one; } location / { } } }\n",
			wantLimited: []bool{false}, wantPublic: []bool{true},
			wantProtocols: [][]string{DefaultSSLProtocols}, wantDefault: []bool{true},
		},
		{
			name:        "limit_conn in every location covers the server",
			dump:        "# configuration file /etc/nginx/nginx.conf:\nhttp { server { listen [::1]:80; location / { if ($x) { limit_conn addr 10; } } } }\n",
			wantLimited: []bool{true}, wantPublic: []bool{false},
			wantProtocols: [][]string{DefaultSSLProtocols}, wantDefault: []bool{true},
		},
		{
			name: "server in an included file, comments and quotes",
			dump: "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n# configuration file /etc/nginx/nginx.conf:\nhttp {\n  # limit_req zone=x;\n  include sites-enabled/*;\n}\n" +
				"# configuration file /etc/nginx/sites-enabled/a:\nserver { listen 8443 ssl; server_name \"a b\"; limit_req zone=x; return 200 '};'; }\n",
			wantLimited: []bool{true}, wantPublic: []bool{true},
			wantProtocols: [][]string{DefaultSSLProtocols}, wantDefault: []bool{true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseDump([]byte(tt.dump))
			if err != nil {
				t.Fatalf("ParseDump = %v", err)
			}
			if len(n.Servers) != len(tt.wantLimited) {
				t.Fatalf("got %d servers; want %d: %+v", len(n.Servers), len(tt.wantLimited), n.Servers)
			}
			for i, s := range n.Servers {
				if s.RateLimited != tt.wantLimited[i] || s.Public != tt.wantPublic[i] ||
					!slices.Equal(s.SSLProtocols, tt.wantProtocols[i]) || s.SSLProtocolsDefault != tt.wantDefault[i] {
					t.Errorf("server %d = %+v; want rate_limited %v public %v ssl_protocols %v (default %v)",
						i, s, tt.wantLimited[i], tt.wantPublic[i], tt.wantProtocols[i], tt.wantDefault[i])
				}
			}
		})
	}
}

func TestParseDumpRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, dump, want string
	}{
		{"not nginx -T output", "hello\n", "not nginx -T output"},
		{"missing closing brace", "# configuration file /etc/nginx/nginx.conf:\nhttp {\n server {\n", "/etc/nginx/nginx.conf:3: unexpected end of file"},
		{"stray closing brace", "# configuration file /etc/nginx/nginx.conf:\n}\n", "/etc/nginx/nginx.conf:1: unexpected }"},
		{"unterminated quote", "# configuration file /etc/nginx/nginx.conf:\nserver_name \"x;\n", "unterminated quoted string"},
		{"include loop", "# configuration file /etc/nginx/nginx.conf:\ninclude /etc/nginx/nginx.conf;\n", "includes nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDump([]byte(tt.dump))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDump = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestParseDumpBoundsIncludesThatFanOut(t *testing.T) {
	// Each file includes the next four times: 4^12 directives if expanded.
	var b strings.Builder
	for i := range 13 {
		fmt.Fprintf(&b, "# configuration file /etc/nginx/f%d:\n", i)
		if i < 12 {
			for range 4 {
				fmt.Fprintf(&b, "include /etc/nginx/f%d;\n", i+1)
			}
		} else {
			b.WriteString("worker_processes 1;\n")
		}
	}
	_, err := ParseDump([]byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "directives after includes") {
		t.Errorf("ParseDump = %v; want the directive budget error", err)
	}
}

func scanDir(t *testing.T, root string) (*Facts, map[string]string) {
	t.Helper()
	d, err := target.NewDir(root, "dir:"+filepath.Base(root))
	if err != nil {
		t.Fatal(err)
	}
	c := scanners.NewCollection(testNow)
	got, err := New().Scan(context.Background(), d, c)
	if err != nil {
		t.Fatal(err)
	}
	return got.(*Facts), c.Errors()
}

func TestFixtureHosts(t *testing.T) {
	for _, tt := range []struct {
		host      string
		limited   bool
		protocols []string
	}{
		{"debian12-compliant", true, []string{"TLSv1.2", "TLSv1.3"}},
		{"debian12-drifted", false, []string{"TLSv1", "TLSv1.1", "TLSv1.2"}},
	} {
		t.Run(tt.host, func(t *testing.T) {
			f, errs := scanDir(t, filepath.Join("..", "..", "fixtures", "hosts", tt.host))
			if len(errs) > 0 || f.Nginx == nil || !f.Nginx.Installed {
				t.Fatalf("Scan = %+v, errors %v; want nginx facts", f.Nginx, errs)
			}
			if len(f.Nginx.Servers) != 2 {
				t.Fatalf("got %d servers; want 2 (HTTP redirect and HTTPS)", len(f.Nginx.Servers))
			}
			for _, s := range f.Nginx.Servers {
				if s.RateLimited != tt.limited || !slices.Equal(s.SSLProtocols, tt.protocols) || !s.Public {
					t.Errorf("server %v = rate_limited %v ssl_protocols %v public %v; want %v %v true", s.Listen, s.RateLimited, s.SSLProtocols, s.Public, tt.limited, tt.protocols)
				}
			}
			if !f.Nginx.Servers[1].SSL || f.Nginx.Servers[0].SSL {
				t.Errorf("ssl = %v, %v; want the second server only", f.Nginx.Servers[0].SSL, f.Nginx.Servers[1].SSL)
			}
		})
	}
}

func TestHostWithoutNginx(t *testing.T) {
	f, errs := scanDir(t, t.TempDir())
	if len(errs) > 0 || f.Nginx == nil || f.Nginx.Installed {
		t.Errorf("Scan = %+v, errors %v; want installed: false", f.Nginx, errs)
	}
}

func TestNginxInstalledButNotRecorded(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "usr", "sbin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "usr", "sbin", "nginx"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	f, errs := scanDir(t, root)
	if f.Nginx != nil || !strings.Contains(errs["web.nginx"], "not recorded") {
		t.Errorf("Scan = %+v, errors %v; want web.nginx error: not recorded", f.Nginx, errs)
	}
}

// TestRealNginxDump parses what the installed nginx prints for a config made
// here, so the parser follows nginx's real -T format (file markers, includes).
func TestRealNginxDump(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatalf("nginx is required (VOUCH_INTEGRATION=required) but not found: %v", err)
		}
		t.Skipf("nginx not installed (Debian package nginx): %v", err)
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site.conf")
	if err := os.WriteFile(site, []byte("server { listen 127.0.0.1:8081; location / { limit_req zone=one burst=5; return 200; } }\nserver { listen 8443; ssl_protocols TLSv1.3; }\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte("pid "+dir+"/pid;\nerror_log "+dir+"/error.log;\nevents {}\nhttp {\n limit_req_zone $binary_remote_addr zone=one:1m rate=1r/s;\n include "+site+";\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(nginx, "-T", "-q", "-c", conf, "-p", dir, "-e", filepath.Join(dir, "error.log")).Output()
	if err != nil {
		t.Fatalf("nginx -T: %v", err)
	}
	n, err := ParseDump(out)
	if err != nil {
		t.Fatalf("ParseDump(real nginx -T) = %v\n%s", err, out)
	}
	if !slices.Equal(n.Files, []string{conf, site}) || !slices.Equal(n.RateLimitZones, []string{"one"}) {
		t.Errorf("files %v zones %v; want [%s %s] [one]", n.Files, n.RateLimitZones, conf, site)
	}
	if len(n.Servers) != 2 || !n.Servers[0].RateLimited || n.Servers[0].Public || n.Servers[1].RateLimited || !n.Servers[1].Public ||
		!slices.Equal(n.Servers[1].SSLProtocols, []string{"TLSv1.3"}) {
		t.Errorf("servers = %+v; want a limited loopback server and an unlimited public TLSv1.3 one", n.Servers)
	}
}

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
