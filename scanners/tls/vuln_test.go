package tls

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"io"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// offered is what the fake server reads from a ClientHello.
type offered struct {
	version     uint16
	suites      []uint16
	compression []byte
	heartbeat   bool
}

func readClientHello(c net.Conn) (offered, bool) {
	var o offered
	hdr := make([]byte, 5)
	if _, err := io.ReadFull(c, hdr); err != nil || hdr[0] != recordHandshake {
		return o, false
	}
	body := make([]byte, binary.BigEndian.Uint16(hdr[3:]))
	if _, err := io.ReadFull(c, body); err != nil {
		return o, false
	}
	r := &reader{b: body[4:]}
	o.version, _ = r.u16()
	_, _ = r.bytes(32)
	_, _ = r.vec(1)
	suites, _ := r.vec(2)
	for i := 0; i+1 < len(suites); i += 2 {
		o.suites = append(o.suites, binary.BigEndian.Uint16(suites[i:]))
	}
	o.compression, _ = r.vec(1)
	exts, _ := r.vec(2)
	er := &reader{b: exts}
	for len(er.b) > 0 {
		typ, err := er.u16()
		if err != nil {
			break
		}
		if _, err := er.vec(2); err != nil {
			break
		}
		o.heartbeat = o.heartbeat || typ == extHeartbeat
	}
	return o, true
}

// legacyServer is an old, unpatched server: TLS 1.0 to 1.2, static RSA suites,
// DEFLATE, heartbeat answered without bounds, no RFC 5746, no fallback check.
func legacyServer(c net.Conn) {
	o, ok := readClientHello(c)
	if !ok {
		return
	}
	accept := []uint16{0x002F, 0x0035, 0x000A}
	i := slices.IndexFunc(o.suites, func(s uint16) bool { return slices.Contains(accept, s) })
	if o.version < VersionTLS10 || len(o.suites) == 0 || i < 0 {
		_, _ = c.Write([]byte{recordAlert, 3, 1, 0, 2, 2, alertHandshakeFailure})
		return
	}
	v := min(o.version, VersionTLS12)
	w := &builder{}
	w.u16(v)
	w.raw(make([]byte, 32))
	w.u8(0)
	w.u16(o.suites[i])
	if slices.Contains(o.compression, compressionDeflate) {
		w.u8(compressionDeflate)
	} else {
		w.u8(compressionNull)
	}
	w.vec(2, func() {
		if o.heartbeat {
			w.u16(extHeartbeat)
			w.vec(2, func() { w.u8(1) })
		}
	})
	msg := append([]byte{typeServerHello, 0, 0, byte(len(w.b))}, w.b...)
	msg = append(msg, typeServerHelloDone, 0, 0, 0)
	_, _ = c.Write(append([]byte{recordHandshake, byte(v >> 8), byte(v), 0, byte(len(msg))}, msg...))
	hdr := make([]byte, 5)
	if _, err := io.ReadFull(c, hdr); err != nil || hdr[0] != recordHeartbeat {
		return
	}
	_, _ = c.Write(append([]byte{recordHeartbeat, byte(v >> 8), byte(v), 0x40, 0x03, 2, 0x40, 0}, make([]byte, 0x4000)...))
}

func TestVulnerableServer(t *testing.T) {
	ep := hostile(t, legacyServer)
	f, err := ScanEndpoint(context.Background(), ep, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if got := versions(f); !slices.Equal(got, []string{"TLS1.2", "TLS1.1", "TLS1.0"}) {
		t.Errorf("versions = %v; want TLS1.2 TLS1.1 TLS1.0", got)
	}
	if got := suitesOf(f, "TLS1.2"); len(got) != 3 || got[0].Kex != "RSA" || got[0].ForwardSecrecy {
		t.Errorf("TLS1.2 suites = %+v; want three static-RSA suites", got)
	}
	v := f.Vulnerabilities
	for name, got := range map[string]Finding{"secure_renegotiation": v.SecureRenegotiation, "compression": v.Compression, "heartbleed": v.Heartbleed, "fallback_scsv": v.FallbackSCSV} {
		if got.State != Vulnerable {
			t.Errorf("%s = %+v; want vulnerable", name, got)
		}
	}
	if f.Certificates != nil || f.Errors["certificates"] == "" {
		t.Errorf("certificates = %v, error %q; want nil with a reason", f.Certificates, f.Errors["certificates"])
	}
}

func TestFactsJSONNames(t *testing.T) {
	ep := hostile(t, legacyServer)
	f, err := ScanEndpoint(context.Background(), ep, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"host":`, `"port":`, `"sni":"example.com"`, `"protocols":[{"version":"TLS1.2","suites":[{"name":"TLS_RSA_WITH_AES_256_CBC_SHA","code":"0x0035"`,
		`"kex":"RSA"`, `"auth":"RSA"`, `"enc":"AES"`, `"bits":256`, `"mac":"SHA1"`, `"forward_secrecy":false`, `"aead":false`, `"dh_bits":0`, `"curve":""`,
		`"server_order":`, `"vulnerabilities":{"secure_renegotiation":{"state":"vulnerable","reason":`, `"compression":`, `"heartbleed":`, `"fallback_scsv":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("facts JSON lacks %s:\n%s", key, b)
		}
	}
	for _, absent := range []string{`"certificates":[`, `"chain":{`, `"headers":`, `"grade":`} {
		if strings.Contains(string(b), absent) {
			t.Errorf("facts JSON has %s; want it left out when not collected", absent)
		}
	}
}

func endpointTarget(t *testing.T, ep Endpoint) *target.Endpoint {
	t.Helper()
	te, err := target.NewEndpoint("https://"+ep.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	return te
}

func TestScannerAppliesToHTTPSEndpointsOnly(t *testing.T) {
	s := New(Options{})
	for _, tt := range []struct {
		spec string
		want bool
	}{
		{"https://127.0.0.1:8443", true},
		{"ssh://127.0.0.1:22", false},
	} {
		te, err := target.NewEndpoint(tt.spec, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Applies(te); got != tt.want {
			t.Errorf("Applies(%s) = %v; want %v", tt.spec, got, tt.want)
		}
	}
	if s.Applies(target.NewLocal()) {
		t.Error("Applies(local) = true; want false (machines have no TLS facts of their own)")
	}
}

func TestScannerRecordsUnreachableEndpointUnderEveryFact(t *testing.T) {
	bad := hostile(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) })
	s := New(Options{Timeout: 500 * time.Millisecond})
	c := scanners.NewCollection(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	got, err := s.Scan(context.Background(), endpointTarget(t, bad), c)
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("Scan = %v, %v; want a timeout error", got, err)
	}
	for _, p := range []string{"tls.protocols", "tls.certificates", "tls.headers", "tls.grade", "tls.http"} {
		if msg := c.Errors()[p]; !strings.Contains(msg, "timeout") {
			t.Errorf("Errors()[%s] = %q; want the timeout", p, msg)
		}
	}
}

func TestScannerMovesFactErrorsToTheCollection(t *testing.T) {
	good := hostile(t, legacyServer)
	s := New(Options{Timeout: time.Second})
	c := scanners.NewCollection(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	got, err := s.Scan(context.Background(), endpointTarget(t, good), c)
	if err != nil {
		t.Fatal(err)
	}
	f := got.(*Facts)
	if len(f.Protocols) == 0 || f.Errors != nil {
		t.Errorf("Scan = protocols %v, errors %v; want protocols, and errors moved to the collection", f.Protocols, f.Errors)
	}
	// The test server speaks only raw hellos: the HTTPS request cannot complete.
	if msg := c.Errors()["tls.headers"]; msg == "" {
		t.Errorf("Errors()[tls.headers] empty; want why the HTTPS request failed (all: %v)", c.Errors())
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in      string
		want    Endpoint
		wantErr bool
	}{
		{"https://example.com/login", Endpoint{Host: "example.com", Port: 443}, false},
		{"https://example.com:8443", Endpoint{Host: "example.com", Port: 8443}, false},
		{"example.com:993", Endpoint{Host: "example.com", Port: 993}, false},
		{"https://[::1]:8443/", Endpoint{Host: "::1", Port: 8443}, false},
		{"http://example.com", Endpoint{}, true},
		{"example.com:http", Endpoint{}, true},
	}
	for _, tt := range tests {
		got, err := ParseEndpoint(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseEndpoint(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
