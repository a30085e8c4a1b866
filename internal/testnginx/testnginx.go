// Package testnginx starts real nginx servers for vouch's integration tests:
// certificates made by openssl (a root, an intermediate and leaves of several
// kinds), DH parameters, and an nginx in the foreground on free loopback ports
// with the TLS directives a test gives, plus an optional plain-HTTP server.
// Everything lives in t.TempDir() and stops with t.Cleanup.
package testnginx

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// SNI is the name every test certificate is issued for.
const SNI = "vouch.test"

// MozillaIntermediate is the TLS 1.2 cipher list of Mozilla's "intermediate"
// profile.
const MozillaIntermediate = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:" +
	"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:" +
	"DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305"

// packages maps each program to its Debian package.
var packages = map[string]string{"nginx": "nginx", "openssl": "openssl", "sslscan": "sslscan", "testssl": "testssl.sh"}

var installOnce sync.Once

// Require makes sure the programs are there, installing them with apt-get
// when running as root on Debian. It skips the test when they cannot be had
// (and in -short mode), or fails it when VOUCH_INTEGRATION=required.
func Require(t testing.TB, names ...string) {
	t.Helper()
	required := os.Getenv("VOUCH_INTEGRATION") == "required"
	if testing.Short() && !required {
		t.Skip("integration test skipped in -short mode")
	}
	missing := func() []string {
		var m []string
		for _, n := range names {
			if _, err := exec.LookPath(n); err != nil {
				m = append(m, n)
			}
		}
		return m
	}
	m := missing()
	if len(m) > 0 && os.Geteuid() == 0 {
		if _, err := exec.LookPath("apt-get"); err == nil {
			installOnce.Do(func() {
				args := []string{"install", "-y", "-qq", "--no-install-recommends"}
				for _, n := range m {
					args = append(args, packages[n])
				}
				cmd := exec.Command("apt-get", args...)
				cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
				if cmd.Run() != nil {
					_ = exec.Command("apt-get", "update", "-qq").Run()
					cmd = exec.Command("apt-get", args...)
					cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
					_ = cmd.Run()
				}
			})
			m = missing()
		}
	}
	if len(m) > 0 {
		var pk []string
		for _, n := range m {
			pk = append(pk, packages[n])
		}
		msg := fmt.Sprintf("integration test needs %s (Debian packages %s), not found and not installable", strings.Join(m, ", "), strings.Join(pk, ", "))
		if required {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// Run runs a program in dir and fails the test on error.
func Run(t testing.TB, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// WriteFile writes a file and fails the test on error.
func WriteFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// PKI is a root and an intermediate made by openssl.
type PKI struct {
	Dir string
	// Roots holds the root; RootFile is its PEM file.
	Roots    *x509.CertPool
	RootFile string
}

// NewPKI makes a root and an intermediate CA.
func NewPKI(t testing.TB) *PKI {
	t.Helper()
	dir := t.TempDir()
	WriteFile(t, filepath.Join(dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
	Run(t, dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
		"-days", "3650", "-subj", "/CN=Vouch Test Root", "-addext", "basicConstraints=critical,CA:TRUE",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign")
	Run(t, dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=Vouch Test Intermediate")
	Run(t, dir, "openssl", "x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2",
		"-days", "3650", "-sha256", "-extfile", "ca.ext", "-out", "int.pem")
	pem, err := os.ReadFile(filepath.Join(dir, "root.pem"))
	if err != nil {
		t.Fatal(err)
	}
	p := &PKI{Dir: dir, Roots: x509.NewCertPool(), RootFile: filepath.Join(dir, "root.pem")}
	if !p.Roots.AppendCertsFromPEM(pem) {
		t.Fatal("parse root.pem")
	}
	return p
}

// Leaf issues a leaf for SNI from the intermediate and returns the paths of
// the chain file nginx serves and of the key. kind is "good", "sha1",
// "expired", "leaf-only" (no intermediate sent) or "self-signed".
func (p *PKI) Leaf(t testing.TB, kind string) (chain, key string) {
	t.Helper()
	dir := t.TempDir()
	key = filepath.Join(dir, "leaf.key")
	cert := filepath.Join(dir, "leaf.pem")
	ext := filepath.Join(dir, "leaf.ext")
	WriteFile(t, ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"+
		"subjectAltName=DNS:"+SNI+"\nauthorityInfoAccess=caIssuers;URI:http://127.0.0.1:9/int.pem\n"+
		"subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
	if kind == "self-signed" {
		Run(t, dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "90",
			"-subj", "/CN="+SNI, "-addext", "subjectAltName=DNS:"+SNI)
		return cert, key
	}
	Run(t, dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", "leaf.csr", "-subj", "/CN="+SNI)
	switch kind {
	case "expired":
		// openssl x509 cannot back-date; openssl ca can.
		WriteFile(t, filepath.Join(dir, "index.txt"), "")
		WriteFile(t, filepath.Join(dir, "serial"), "1000\n")
		WriteFile(t, filepath.Join(dir, "ca.cnf"), "[ca]\ndefault_ca=d\n[d]\ndir="+dir+"\ndatabase=$dir/index.txt\n"+
			"new_certs_dir=$dir\nserial=$dir/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n")
		Run(t, dir, "openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", filepath.Join(p.Dir, "int.pem"),
			"-keyfile", filepath.Join(p.Dir, "int.key"), "-in", "leaf.csr", "-out", cert, "-notext",
			"-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-extfile", ext)
	default:
		md := "-sha256"
		if kind == "sha1" {
			md = "-sha1"
		}
		Run(t, dir, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", filepath.Join(p.Dir, "int.pem"),
			"-CAkey", filepath.Join(p.Dir, "int.key"), "-set_serial", "3", "-days", "90", md, "-extfile", ext, "-out", cert)
	}
	if kind == "leaf-only" {
		return cert, key
	}
	leafPEM, _ := os.ReadFile(cert)
	intPEM, _ := os.ReadFile(filepath.Join(p.Dir, "int.pem"))
	chain = filepath.Join(dir, "chain.pem")
	WriteFile(t, chain, string(leafPEM)+string(intPEM))
	return chain, key
}

// DHParam writes DH parameters: RFC 7919 ffdhe2048 for 2048 (instant), else
// freshly generated ones of the size.
func DHParam(t testing.TB, bits int) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "dh.pem")
	if bits == 2048 {
		Run(t, dir, "openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_param:ffdhe2048", "-out", out)
	} else {
		Run(t, dir, "openssl", "dhparam", "-out", out, strconv.Itoa(bits))
	}
	return out
}

// FreePort finds a free loopback port.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// freePorts returns n distinct loopback ports nobody listens on: each is held
// until all are chosen, so the kernel cannot hand out one twice.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var out []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	return out
}

// Config is one nginx to start.
type Config struct {
	// Chain and Key are the certificate chain and key files (PKI.Leaf).
	Chain, Key string
	// Directives go into the TLS server block (ssl_protocols, add_header...).
	Directives string
	// HTTP, when set, adds a plain-HTTP server block for SNI with these
	// directives (e.g. "return 301 https://$host:PORT$request_uri;", where
	// PORT is replaced by the TLS port).
	HTTP string
	// TLSPorts is how many ports the TLS server listens on (default 1).
	TLSPorts int
}

// Server is a running nginx.
type Server struct {
	// TLSPorts are the ports of the TLS server; TLSPort is the first.
	TLSPorts []int
	TLSPort  int
	// HTTPPort is the plain-HTTP server's port, 0 when none.
	HTTPPort int
}

// Start runs nginx in the foreground with cfg and waits until it listens. It
// stops nginx when the test ends.
func Start(t testing.TB, cfg Config) *Server {
	t.Helper()
	prefix := t.TempDir()
	n := max(1, cfg.TLSPorts)
	srv := &Server{}
	var listen strings.Builder
	ports := freePorts(t, n+1) // distinct: the last is the HTTP server's
	for _, p := range ports[:n] {
		srv.TLSPorts = append(srv.TLSPorts, p)
		fmt.Fprintf(&listen, "    listen 127.0.0.1:%d ssl;\n", p)
	}
	srv.TLSPort = srv.TLSPorts[0]
	httpBlock := ""
	if cfg.HTTP != "" {
		srv.HTTPPort = ports[n]
		httpBlock = fmt.Sprintf("  server {\n    listen 127.0.0.1:%d;\n    server_name %s;\n    %s\n  }\n",
			srv.HTTPPort, SNI, strings.ReplaceAll(cfg.HTTP, "PORT", strconv.Itoa(srv.TLSPort)))
	}
	conf := filepath.Join(prefix, "nginx.conf")
	WriteFile(t, conf, fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  server {
%[2]s    server_name %[3]s;
    ssl_certificate %[4]s;
    ssl_certificate_key %[5]s;
    %[6]s
    location / { return 200 "ok\n"; }
  }
%[7]s}
`, prefix, listen.String(), SNI, cfg.Chain, cfg.Key, cfg.Directives, httpBlock))
	cmd := exec.Command("nginx", "-c", conf, "-p", prefix, "-e", filepath.Join(prefix, "error.log"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	ports = append([]int{}, srv.TLSPorts...)
	if srv.HTTPPort != 0 {
		ports = append(ports, srv.HTTPPort)
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, port := range ports {
		for {
			select {
			case err := <-exited:
				log, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
				exited <- err
				t.Fatalf("nginx exited: %v\n%s%s", err, stderr.String(), log)
			default:
			}
			if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond); err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("nginx did not listen on %d within 10s", port)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return srv
}
