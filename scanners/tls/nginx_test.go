package tls

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/xml"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The integration tests start real nginx servers with certificates made by
// openssl, scan them, and compare the accepted (version, suite) pairs with what
// sslscan reports for the same server.

const testSNI = "vouch.test"

// mozillaIntermediate is the cipher list of Mozilla's "intermediate" profile.
const mozillaIntermediate = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:" +
	"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:" +
	"DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305"

// requireTools returns the paths of the programs the integration tests need,
// installing them with apt-get when running as root on Debian. It skips the
// test when they cannot be had, or fails it when VOUCH_INTEGRATION=required.
func requireTools(t testing.TB, names ...string) {
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
				pkgs := map[string]string{"nginx": "nginx", "openssl": "openssl", "sslscan": "sslscan"}
				args := []string{"install", "-y", "-qq", "--no-install-recommends"}
				for _, n := range m {
					args = append(args, pkgs[n])
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
		msg := fmt.Sprintf("integration test needs %s (Debian packages of the same names), not found and not installable", strings.Join(m, ", "))
		if required {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

var installOnce sync.Once

func run(t testing.TB, dir string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// testPKI is a root, an intermediate and leaves made by openssl.
type testPKI struct {
	dir   string
	roots *x509.CertPool
}

func newPKI(t testing.TB) *testPKI {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
	run(t, dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
		"-days", "3650", "-subj", "/CN=Vouch Test Root", "-addext", "basicConstraints=critical,CA:TRUE",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign")
	run(t, dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=Vouch Test Intermediate")
	run(t, dir, "openssl", "x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2",
		"-days", "3650", "-sha256", "-extfile", "ca.ext", "-out", "int.pem")
	pem, err := os.ReadFile(filepath.Join(dir, "root.pem"))
	if err != nil {
		t.Fatal(err)
	}
	p := &testPKI{dir: dir, roots: x509.NewCertPool()}
	if !p.roots.AppendCertsFromPEM(pem) {
		t.Fatal("parse root.pem")
	}
	return p
}

// leaf issues a leaf for testSNI from the intermediate and returns the paths of
// the chain file nginx serves and of the key. kind is "good", "sha1",
// "expired", "leaf-only" or "self-signed".
func (p *testPKI) leaf(t testing.TB, kind string) (chain, key string) {
	t.Helper()
	dir := t.TempDir()
	key = filepath.Join(dir, "leaf.key")
	cert := filepath.Join(dir, "leaf.pem")
	ext := filepath.Join(dir, "leaf.ext")
	writeFile(t, ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"+
		"subjectAltName=DNS:"+testSNI+"\nauthorityInfoAccess=caIssuers;URI:http://127.0.0.1:9/int.pem\n"+
		"subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
	if kind == "self-signed" {
		run(t, dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "90",
			"-subj", "/CN="+testSNI, "-addext", "subjectAltName=DNS:"+testSNI)
		return cert, key
	}
	run(t, dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", "leaf.csr", "-subj", "/CN="+testSNI)
	switch kind {
	case "expired":
		// openssl x509 cannot back-date; openssl ca can.
		writeFile(t, filepath.Join(dir, "index.txt"), "")
		writeFile(t, filepath.Join(dir, "serial"), "1000\n")
		writeFile(t, filepath.Join(dir, "ca.cnf"), "[ca]\ndefault_ca=d\n[d]\ndir="+dir+"\ndatabase=$dir/index.txt\n"+
			"new_certs_dir=$dir\nserial=$dir/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n")
		run(t, dir, "openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", filepath.Join(p.dir, "int.pem"),
			"-keyfile", filepath.Join(p.dir, "int.key"), "-in", "leaf.csr", "-out", cert, "-notext",
			"-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-extfile", ext)
	default:
		md := "-sha256"
		if kind == "sha1" {
			md = "-sha1"
		}
		run(t, dir, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", filepath.Join(p.dir, "int.pem"),
			"-CAkey", filepath.Join(p.dir, "int.key"), "-set_serial", "3", "-days", "90", md, "-extfile", ext, "-out", cert)
	}
	if kind == "leaf-only" {
		return cert, key
	}
	leafPEM, _ := os.ReadFile(cert)
	intPEM, _ := os.ReadFile(filepath.Join(p.dir, "int.pem"))
	chain = filepath.Join(dir, "chain.pem")
	writeFile(t, chain, string(leafPEM)+string(intPEM))
	return chain, key
}

// dhparam writes DH parameters: "ffdhe2048" (instant) or a generated size.
func dhparam(t testing.TB, bits int) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "dh.pem")
	if bits == 2048 {
		run(t, dir, "openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_param:ffdhe2048", "-out", out)
	} else {
		run(t, dir, "openssl", "dhparam", "-out", out, strconv.Itoa(bits))
	}
	return out
}

// freePort finds a free loopback port.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startNginx runs nginx in the foreground with one TLS server whose directives
// are given, and returns its port. It stops nginx when the test ends.
func startNginx(t testing.TB, chain, key, directives string) int {
	t.Helper()
	prefix := t.TempDir()
	port := freePort(t)
	conf := filepath.Join(prefix, "nginx.conf")
	writeFile(t, conf, fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  server {
    listen 127.0.0.1:%[2]d ssl;
    server_name %[3]s;
    ssl_certificate %[4]s;
    ssl_certificate_key %[5]s;
    %[6]s
    location / { return 200 "ok\n"; }
  }
}
`, prefix, port, testSNI, chain, key, directives))
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
	deadline := time.Now().Add(10 * time.Second)
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
			return port
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not listen on %d within 10s", port)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sslscanResult is the part of sslscan's XML the tests compare.
type sslscanResult struct {
	Ciphers []struct {
		Status  string `xml:"status,attr"`
		Version string `xml:"sslversion,attr"`
		Cipher  string `xml:"cipher,attr"`
		ID      string `xml:"id,attr"`
		DHBits  int    `xml:"dhebits,attr"`
	} `xml:"ssltest>cipher"`
}

// runSSLScan returns sslscan's accepted "VERSION CODE" pairs.
func runSSLScan(t testing.TB, port int) []string {
	t.Helper()
	out, err := exec.Command("sslscan", "--no-colour", "--xml=-", "--sni-name="+testSNI, fmt.Sprintf("127.0.0.1:%d", port)).Output()
	if err != nil {
		t.Fatalf("sslscan: %v", err)
	}
	var r sslscanResult
	if err := xml.Unmarshal(out, &r); err != nil {
		t.Fatalf("parse sslscan xml: %v\n%s", err, out)
	}
	names := map[string]string{"SSLv2": "SSLv2", "SSLv3": "SSLv3", "TLSv1.0": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2", "TLSv1.3": "TLS1.3"}
	var pairs []string
	for _, c := range r.Ciphers {
		if c.Status != "accepted" && c.Status != "preferred" {
			continue
		}
		pairs = append(pairs, names[c.Version]+" "+strings.ToUpper(strings.TrimPrefix(c.ID, "0x")))
	}
	slices.Sort(pairs)
	return pairs
}

func vouchPairs(f *Facts) []string {
	var pairs []string
	for _, p := range f.Protocols {
		for _, s := range p.Suites {
			pairs = append(pairs, p.Version+" "+strings.TrimPrefix(s.Code, "0x"))
		}
	}
	slices.Sort(pairs)
	return pairs
}

func scanPort(t testing.TB, port int, roots *x509.CertPool) *Facts {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	f, err := ScanEndpoint(ctx, Endpoint{Host: "127.0.0.1", Port: port, SNI: testSNI}, Options{Timeout: 5 * time.Second, Roots: roots})
	if err != nil {
		t.Fatalf("ScanEndpoint(127.0.0.1:%d) = %v", port, err)
	}
	for k, v := range f.Errors {
		t.Errorf("Facts.Errors[%q] = %q; want none", k, v)
	}
	return f
}

func versions(f *Facts) []string {
	var v []string
	for _, p := range f.Protocols {
		v = append(v, p.Version)
	}
	return v
}

func suitesOf(f *Facts, version string) []AcceptedSuite {
	for _, p := range f.Protocols {
		if p.Version == version {
			return p.Suites
		}
	}
	return nil
}

func TestNginxScenarios(t *testing.T) {
	requireTools(t, "nginx", "openssl", "sslscan")
	pki := newPKI(t)
	ffdhe := dhparam(t, 2048)
	type scenario struct {
		name       string
		leaf       string
		directives string
		check      func(t *testing.T, f *Facts)
	}
	chainOK := func(t *testing.T, f *Facts) {
		if f.Chain == nil || !f.Chain.Trusted || !f.Chain.Complete || !f.Chain.HostnameMatch {
			t.Errorf("Chain = %+v; want trusted, complete, hostname match", f.Chain)
		}
	}
	scenarios := []scenario{
		{
			name: "TLS 1.3 only", leaf: "good",
			directives: "ssl_protocols TLSv1.3;",
			check: func(t *testing.T, f *Facts) {
				if got := versions(f); !slices.Equal(got, []string{"TLS1.3"}) {
					t.Errorf("versions = %v; want [TLS1.3]", got)
				}
				chainOK(t, f)
				if got := f.Vulnerabilities.FallbackSCSV.State; got != NotTested {
					t.Errorf("fallback_scsv = %s; want not_tested with one version", got)
				}
				if len(f.Certificates) != 2 {
					t.Errorf("got %d certificates; want leaf and intermediate", len(f.Certificates))
				}
			},
		},
		{
			name: "Mozilla intermediate", leaf: "good",
			directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaIntermediate + "; ssl_prefer_server_ciphers off; ssl_dhparam " + ffdhe + ";",
			check: func(t *testing.T, f *Facts) {
				if got := versions(f); !slices.Equal(got, []string{"TLS1.3", "TLS1.2"}) {
					t.Errorf("versions = %v; want [TLS1.3 TLS1.2]", got)
				}
				chainOK(t, f)
				for _, s := range suitesOf(f, "TLS1.2") {
					if !s.ForwardSecrecy || !s.AEAD {
						t.Errorf("suite %s: forward secrecy %v, AEAD %v; want both", s.Name, s.ForwardSecrecy, s.AEAD)
					}
					if s.Kex == "DHE" && s.DHBits != 2048 {
						t.Errorf("suite %s: dh_bits = %d; want 2048", s.Name, s.DHBits)
					}
				}
				v := f.Vulnerabilities
				for name, got := range map[string]Finding{"secure_renegotiation": v.SecureRenegotiation, "compression": v.Compression, "heartbleed": v.Heartbleed, "fallback_scsv": v.FallbackSCSV} {
					if got.State != NotVulnerable {
						t.Errorf("%s = %+v; want not_vulnerable", name, got)
					}
				}
				if p := f.Protocols[1]; p.ServerOrder == nil || *p.ServerOrder {
					t.Errorf("TLS1.2 server_order = %v; want false (ssl_prefer_server_ciphers off)", p.ServerOrder)
				}
			},
		},
		{
			name: "TLS 1.0 and 1.1 enabled, CBC and static RSA", leaf: "good",
			directives: "ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ALL:@SECLEVEL=0; ssl_prefer_server_ciphers on; ssl_dhparam " + ffdhe + ";",
			check: func(t *testing.T, f *Facts) {
				if got := versions(f); !slices.Equal(got, []string{"TLS1.2", "TLS1.1", "TLS1.0"}) {
					t.Errorf("versions = %v; want [TLS1.2 TLS1.1 TLS1.0]", got)
				}
				var cbc, static bool
				for _, s := range suitesOf(f, "TLS1.0") {
					cbc = cbc || s.Enc == "AES"
					static = static || (s.Kex == "RSA" && !s.ForwardSecrecy)
				}
				if !cbc || !static {
					t.Errorf("TLS1.0 suites: CBC %v, static RSA %v; want both", cbc, static)
				}
				if p := f.Protocols[0]; p.ServerOrder == nil || !*p.ServerOrder {
					t.Errorf("TLS1.2 server_order = %v; want true", p.ServerOrder)
				}
				if got := f.Vulnerabilities.FallbackSCSV.State; got != NotVulnerable {
					t.Errorf("fallback_scsv = %+v; want not_vulnerable", f.Vulnerabilities.FallbackSCSV)
				}
			},
		},
		{
			name: "expired certificate", leaf: "expired",
			check: func(t *testing.T, f *Facts) {
				if f.Chain == nil || f.Chain.Trusted || !strings.Contains(f.Chain.Error, "expired") {
					t.Errorf("Chain = %+v; want untrusted because expired", f.Chain)
				}
				if got := f.Certificates[0].NotAfter; got != "2021-01-01T00:00:00Z" {
					t.Errorf("leaf not_after = %s; want 2021-01-01T00:00:00Z", got)
				}
			},
		},
		{
			name: "SHA-1 signed leaf", leaf: "sha1",
			directives: "ssl_ciphers DEFAULT:@SECLEVEL=0;",
			check: func(t *testing.T, f *Facts) {
				if got := f.Certificates[0].SignatureAlgorithm; got != "SHA1-RSA" {
					t.Errorf("leaf signature_algorithm = %s; want SHA1-RSA", got)
				}
				if got := f.Certificates[1].SignatureAlgorithm; got != "SHA256-RSA" {
					t.Errorf("intermediate signature_algorithm = %s; want SHA256-RSA", got)
				}
				if f.Chain == nil || f.Chain.Trusted || !f.Chain.Complete {
					t.Errorf("Chain = %+v; want complete but untrusted (SHA-1)", f.Chain)
				}
			},
		},
		{
			name: "incomplete chain", leaf: "leaf-only",
			check: func(t *testing.T, f *Facts) {
				if len(f.Certificates) != 1 {
					t.Errorf("got %d certificates; want the leaf only", len(f.Certificates))
				}
				if f.Chain == nil || f.Chain.Complete || f.Chain.Trusted || !strings.Contains(f.Chain.Error, "incomplete") {
					t.Errorf("Chain = %+v; want incomplete and untrusted", f.Chain)
				}
			},
		},
		{
			name: "self-signed", leaf: "self-signed",
			check: func(t *testing.T, f *Facts) {
				if !f.Certificates[0].SelfSigned {
					t.Error("leaf self_signed = false; want true")
				}
				if f.Chain == nil || f.Chain.Trusted || !f.Chain.Complete || !f.Chain.HostnameMatch {
					t.Errorf("Chain = %+v; want untrusted, complete, hostname match", f.Chain)
				}
			},
		},
		{
			name: "1024-bit DH group", leaf: "good",
			directives: "ssl_protocols TLSv1.2; ssl_ciphers DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-SHA:@SECLEVEL=0; ssl_dhparam " + dhparam(t, 1024) + ";",
			check: func(t *testing.T, f *Facts) {
				ss := suitesOf(f, "TLS1.2")
				if len(ss) != 3 {
					t.Errorf("TLS1.2 suites = %d; want 3", len(ss))
				}
				for _, s := range ss {
					if s.Kex != "DHE" || s.DHBits != 1024 {
						t.Errorf("suite %s: kex %s dh_bits %d; want DHE 1024", s.Name, s.Kex, s.DHBits)
					}
				}
			},
		},
	}
	if exec.Command("openssl", "ciphers", "DES-CBC3-SHA:@SECLEVEL=0").Run() == nil {
		scenarios = append(scenarios, scenario{
			name: "3DES", leaf: "good",
			directives: "ssl_protocols TLSv1 TLSv1.2; ssl_ciphers DES-CBC3-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0;",
			check: func(t *testing.T, f *Facts) {
				found := false
				for _, p := range f.Protocols {
					for _, s := range p.Suites {
						found = found || s.Enc == "3DES"
					}
				}
				if !found {
					t.Error("no 3DES suite accepted; want TLS_RSA_WITH_3DES_EDE_CBC_SHA")
				}
			},
		})
	} else {
		t.Log("3DES scenario not run: the installed OpenSSL cannot offer DES-CBC3-SHA even at SECLEVEL=0")
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			chain, key := pki.leaf(t, sc.leaf)
			port := startNginx(t, chain, key, sc.directives)
			f := scanPort(t, port, pki.roots)
			sc.check(t, f)
			want := runSSLScan(t, port)
			if len(want) == 0 {
				t.Fatal("sslscan found no accepted suite")
			}
			if got := vouchPairs(f); !slices.Equal(got, want) {
				t.Errorf("accepted (version, suite) pairs differ from sslscan\nvouch:   %v\nsslscan: %v", got, want)
			}
		})
	}
}
