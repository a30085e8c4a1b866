package tls

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// hostile starts a TCP server on 127.0.0.1 that handles each connection with fn.
func hostile(t *testing.T, fn func(net.Conn)) Endpoint {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	t.Cleanup(func() {
		close(stop)
		l.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				go func() { <-stop; c.Close() }()
				fn(c)
			})
		}
	})
	return Endpoint{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, SNI: "example.com"}
}

// readHello consumes the client's first record.
func readHello(c net.Conn) {
	hdr := make([]byte, 5)
	if _, err := io.ReadFull(c, hdr); err != nil {
		return
	}
	_, _ = io.CopyN(io.Discard, c, int64(hdr[3])<<8|int64(hdr[4]))
}

func TestHostileServers(t *testing.T) {
	const timeout = time.Second
	tests := []struct {
		name    string
		handler func(net.Conn)
		want    string // substring of the error
	}{
		{"accepts and never answers", func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }, "timeout"},
		{"answers garbage", func(c net.Conn) {
			readHello(c)
			_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
		}, "not a TLS record (plain HTTP?)"},
		{"resets mid-handshake", func(c net.Conn) {
			readHello(c)
			_, _ = c.Write([]byte{recordHandshake, 3, 3, 0, 80, typeServerHello, 0, 0})
			c.(*net.TCPConn).SetLinger(0)
		}, "reset"},
		{"resets before answering", func(c net.Conn) {
			readHello(c)
			c.(*net.TCPConn).SetLinger(0)
		}, "closed"},
		{"16 MB record header", func(c net.Conn) {
			readHello(c)
			_, _ = c.Write([]byte{recordHandshake, 3, 3, 0xff, 0xff})
			_, _ = io.Copy(io.Discard, c)
		}, "exceeds"},
		{"16 MB handshake message", func(c net.Conn) {
			readHello(c)
			_, _ = c.Write([]byte{recordHandshake, 3, 3, 0, 4, typeServerHello, 0xff, 0xff, 0xff})
			_, _ = io.Copy(io.Discard, c)
		}, "exceeds"},
		{"drips one byte a second", func(c net.Conn) {
			readHello(c)
			for _, b := range []byte{recordHandshake, 3, 3, 0, 80, typeServerHello} {
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
				time.Sleep(time.Second)
			}
		}, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ep := hostile(t, tt.handler)
			start := time.Now()
			f, err := ScanEndpoint(context.Background(), ep, Options{Timeout: timeout})
			elapsed := time.Since(start)
			if err == nil {
				t.Fatalf("ScanEndpoint = %+v, nil; want an error", f)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ScanEndpoint error = %q; want it to mention %q", err, tt.want)
			}
			if elapsed > timeout+500*time.Millisecond {
				t.Errorf("ScanEndpoint took %v; want within the %v deadline", elapsed, timeout)
			}
		})
	}
}

func TestScanRespectsContext(t *testing.T) {
	ep := hostile(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := ScanEndpoint(ctx, ep, Options{Timeout: 10 * time.Second}); err == nil {
		t.Fatal("ScanEndpoint = nil error; want the context's deadline")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("ScanEndpoint took %v after a 200ms context deadline", d)
	}
}

// TestScanGoServer scans crypto/tls, which speaks TLS 1.2 and 1.3 with only
// ECDHE and static-RSA suites, and has no compression or heartbeat.
func TestScanGoServer(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.Config.ErrorLog = nullLogger()
	srv.StartTLS()
	defer srv.Close()
	host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	p, _ := strconv.Atoi(port)
	f, err := ScanEndpoint(context.Background(), Endpoint{Host: host, Port: p, SNI: "example.com"}, Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if got := versions(f); len(got) != 2 || got[0] != "TLS1.3" || got[1] != "TLS1.2" {
		t.Errorf("versions = %v; want [TLS1.3 TLS1.2]", got)
	}
	if len(suitesOf(f, "TLS1.3")) != 3 {
		t.Errorf("TLS1.3 suites = %v; want the three Go offers", suitesOf(f, "TLS1.3"))
	}
	if len(f.Certificates) != 1 || !f.Certificates[0].SelfSigned || f.Chain == nil || f.Chain.Trusted || !f.Chain.HostnameMatch {
		t.Errorf("certificates = %+v, chain = %+v; want one self-signed, untrusted certificate valid for example.com", f.Certificates, f.Chain)
	}
	v := f.Vulnerabilities
	for name, got := range map[string]Finding{"secure_renegotiation": v.SecureRenegotiation, "compression": v.Compression, "heartbleed": v.Heartbleed, "fallback_scsv": v.FallbackSCSV} {
		if got.State != NotVulnerable {
			t.Errorf("%s = %+v; want not_vulnerable", name, got)
		}
	}
	if len(f.Errors) > 0 {
		t.Errorf("Errors = %v; want none", f.Errors)
	}
}

func nullLogger() *log.Logger { return log.New(io.Discard, "", 0) }

// TestHostileServerEndsAsErrorVerdicts follows a hostile server through the
// whole pipeline: every TLS control errors with the reason, within the
// deadline.
func TestHostileServerEndsAsErrorVerdicts(t *testing.T) {
	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	params, err := eng.Params(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		handler func(net.Conn)
		want    string
	}{
		{"never answers", func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }, "timeout"},
		{"answers garbage", func(c net.Conn) { readHello(c); _, _ = c.Write([]byte("SSH-2.0-OpenSSH_9.2\r\n")) }, "not a TLS record"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ep := hostile(t, tt.handler)
			run := &audit.Run{Scanners: scanners.NewRegistry(New(Options{Timeout: time.Second})), Now: time.Now()}
			start := time.Now()
			doc := run.Collect(context.Background(), endpointTarget(t, ep))
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("collect took %v; want within the 1s deadline", d)
			}
			rs, err := prep.Evaluate(context.Background(), doc, params, time.Now(), tlsControls)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != len(tlsControls) {
				t.Fatalf("got %d results; want %d", len(rs), len(tlsControls))
			}
			for _, r := range rs {
				if r.Status != audit.Error || !strings.Contains(r.Message, tt.want) {
					t.Errorf("%s = %s (%s); want error mentioning %q", r.ControlID, r.Status, r.Message, tt.want)
				}
			}
		})
	}
}

// TestSilentPlainHTTPIsAnErrorNotAPass points http_url at a server that
// accepts and never answers: the redirect fact errors within the deadline.
func TestSilentPlainHTTPIsAnErrorNotAPass(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000")
	}))
	srv.Config.ErrorLog = nullLogger()
	srv.StartTLS()
	defer srv.Close()
	silent := hostile(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	te, err := target.NewEndpoint("https://"+srv.Listener.Addr().String(), "http://"+silent.String()+"/")
	if err != nil {
		t.Fatal(err)
	}
	c := scanners.NewCollection(time.Now())
	start := time.Now()
	got, err := New(Options{Timeout: time.Second}).Scan(context.Background(), te, c)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("scan took %v", d)
	}
	f := got.(*Facts)
	if f.HTTP != nil || !strings.Contains(c.Errors()["tls.http"], "timeout") {
		t.Errorf("http = %+v, errors %v; want a tls.http timeout error", f.HTTP, c.Errors())
	}
	if f.HSTS == nil || f.HSTS.MaxAge != 31536000 {
		t.Errorf("hsts = %+v; want max-age 31536000 from the HTTPS answer", f.HSTS)
	}
}

// countingConn reports its Close once.
type countingConn struct {
	net.Conn
	once  sync.Once
	close func()
}

func (c *countingConn) Close() error {
	c.once.Do(c.close)
	return c.Conn.Close()
}

// TestConnectionsPerEndpointAreBounded counts the connections the scanner
// holds open at once (through Options.Dial): never more than the limit.
func TestConnectionsPerEndpointAreBounded(t *testing.T) {
	for _, limit := range []int{3, DefaultConcurrency} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			var mu sync.Mutex
			open, peak := 0, 0
			ep := hostile(t, func(c net.Conn) {
				time.Sleep(5 * time.Millisecond) // let connections overlap
				legacyServer(c)
			})
			dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
				c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				mu.Lock()
				open++
				peak = max(peak, open)
				mu.Unlock()
				return &countingConn{Conn: c, close: func() { mu.Lock(); open--; mu.Unlock() }}, nil
			}
			opts := Options{Timeout: 2 * time.Second, Dial: dial}
			if limit != DefaultConcurrency {
				opts.Concurrency = limit
			}
			if _, err := Collect(context.Background(), ep, "/", "", opts); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if peak > limit {
				t.Errorf("peak open connections = %d; want at most %d", peak, limit)
			}
			if peak < 2 {
				t.Errorf("peak open connections = %d; want the scan to run connections in parallel", peak)
			}
			if open != 0 {
				t.Errorf("%d connections left open after the scan", open)
			}
		})
	}
}

// TestSessionCookiesNeverReachTheFacts plants a session cookie in the HTTPS
// answer: the headers facts keep every other header, never Set-Cookie.
func TestSessionCookiesNeverReachTheFacts(t *testing.T) {
	const secret = "s3cr3t-session-8f2a9c"
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: secret})
		w.Header().Set("X-Content-Type-Options", "nosniff")
	}))
	srv.Config.ErrorLog = nullLogger()
	srv.StartTLS()
	defer srv.Close()
	te, err := target.NewEndpoint("https://"+srv.Listener.Addr().String(), "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(Options{Timeout: time.Second}).Scan(context.Background(), te, scanners.NewCollection(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), secret) || strings.Contains(strings.ToLower(string(b)), "set-cookie") {
		t.Errorf("facts hold the session cookie:\n%s", b)
	}
	if h := got.(*Facts).Headers["x-content-type-options"]; len(h) != 1 || h[0] != "nosniff" {
		t.Errorf("headers = %v; want x-content-type-options kept", got.(*Facts).Headers)
	}
}
