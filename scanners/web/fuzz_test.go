package web

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseDump feeds arbitrary `nginx -T` output to the parser: it may
// reject it, never panic or loop.
func FuzzParseDump(f *testing.F) {
	for _, host := range []string{"debian12-compliant", "debian12-drifted"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "hosts", host, ".vouch", "commands", "nginx_-T")); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("# configuration file /etc/nginx/nginx.conf:\nhttp { include a/*; server { listen 80; location / { if ($x) { limit_req zone=z; } } } }\n# configuration file /etc/nginx/a/b:\nserver { ssl_protocols 'TLSv1.3'; }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := ParseDump(data)
		if err == nil && n == nil {
			t.Fatal("ParseDump = nil, nil")
		}
	})
}
