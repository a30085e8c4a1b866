package tls

import (
	"bytes"
	"crypto/rand"
	gotls "crypto/tls"
	"encoding/binary"
	"io"
	"net"
	"slices"
	"testing"
)

// captureHello lets crypto/tls parse a hand-built ClientHello.
func captureHello(t *testing.T, msg []byte) *gotls.ClientHelloInfo {
	t.Helper()
	client, server := net.Pipe()
	defer client.Close()
	var got *gotls.ClientHelloInfo
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv := gotls.Server(server, &gotls.Config{GetConfigForClient: func(h *gotls.ClientHelloInfo) (*gotls.Config, error) {
			got = h
			return nil, net.ErrClosed
		}})
		_ = srv.Handshake()
		server.Close()
	}()
	go func() { _, _ = client.Write(msg); _, _ = io.Copy(io.Discard, client) }()
	<-done
	if got == nil {
		t.Fatal("crypto/tls did not parse the ClientHello")
	}
	return got
}

func TestClientHelloParsesInCryptoTLS(t *testing.T) {
	tests := []struct {
		name string
		ch   *clientHello
	}{
		{"TLS 1.2 with all 1.2 suites", &clientHello{version: VersionTLS12, suites: codes(offerList(VersionTLS12))[:maxHelloSuites], serverName: "example.com", groups: defaultGroups}},
		{"TLS 1.0 with three suites", &clientHello{version: VersionTLS10, suites: []uint16{0xC013, 0x002F, 0x000A}, serverName: "example.com", groups: []uint16{23}}},
		{"TLS 1.3 with key shares", nil},
	}
	s := &scan{p: &prober{sni: "example.com", random: rand.Reader}}
	tests[2].ch = s.tls13Hello(tls13SuiteCodes(), defaultGroups)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.ch.random = rand.Reader
			msg, err := tt.ch.marshal()
			if err != nil {
				t.Fatal(err)
			}
			h := captureHello(t, msg)
			if h.ServerName != "example.com" {
				t.Errorf("ServerName = %q; want example.com", h.ServerName)
			}
			if !slices.Equal(h.CipherSuites, tt.ch.suites) {
				t.Errorf("CipherSuites = %x; want %x", h.CipherSuites, tt.ch.suites)
			}
			if len(tt.ch.versions) > 0 && !slices.Contains(h.SupportedVersions, VersionTLS13) {
				t.Errorf("SupportedVersions = %x; want TLS 1.3", h.SupportedVersions)
			}
		})
	}
}

func TestClientHelloPadding(t *testing.T) {
	// Find suite counts that would put the hello between 256 and 511 bytes
	// and check none comes out that size.
	for n := 1; n <= maxHelloSuites; n++ {
		ch := &clientHello{version: VersionTLS12, suites: codes(offerList(VersionTLS12))[:n], serverName: "example.com", groups: []uint16{29, 23}, random: rand.Reader}
		msg, err := ch.marshal()
		if err != nil {
			t.Fatal(err)
		}
		hsLen := int(binary.BigEndian.Uint16(msg[3:5]))
		if hsLen >= 256 && hsLen < 512 {
			t.Errorf("%d suites: ClientHello of %d bytes; want padding to 512 (RFC 7685)", n, hsLen)
		}
	}
}

func TestParseServerHello(t *testing.T) {
	// A TLS 1.3 ServerHello: supported_versions 0x0304, key_share x25519.
	var b bytes.Buffer
	b.Write([]byte{3, 3})
	b.Write(make([]byte, 32))
	b.WriteByte(0)
	b.Write([]byte{0x13, 0x01, 0})
	ext := []byte{0, 43, 0, 2, 3, 4, 0, 51, 0, 6, 0, 29, 0, 2, 0xaa, 0xbb, 0xff, 0x01, 0, 1, 0}
	b.Write([]byte{0, byte(len(ext))})
	b.Write(ext)
	sh, err := parseServerHello(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if sh.version != VersionTLS13 || sh.suite != 0x1301 || sh.group != 29 || !sh.secureReneg || sh.retry {
		t.Errorf("parseServerHello = %+v; want TLS1.3, 0x1301, x25519, renegotiation_info, no retry", sh)
	}
	for n := range b.Len() {
		if _, err := parseServerHello(b.Bytes()[:n]); err == nil && n < 38 {
			t.Errorf("parseServerHello of %d bytes succeeded; want an error", n)
		}
	}
}

func TestRecordReaderReassembles(t *testing.T) {
	// Two handshake messages: the first split over two records, the second
	// sharing the second record.
	msg1 := append([]byte{typeServerHello, 0, 0, 5}, 1, 2, 3, 4, 5)
	msg2 := []byte{typeServerHelloDone, 0, 0, 0}
	rec := func(p []byte) []byte { return append([]byte{recordHandshake, 3, 3, 0, byte(len(p))}, p...) }
	stream := append(rec(msg1[:3]), rec(append(msg1[3:], msg2...))...)
	rr := newRecordReader(&oneByteReader{bytes.NewReader(stream)}, maxConnBytes)
	typ, body, err := rr.readHandshake()
	if err != nil || typ != typeServerHello || !bytes.Equal(body, []byte{1, 2, 3, 4, 5}) {
		t.Fatalf("first message = %d %x %v; want ServerHello 0102030405", typ, body, err)
	}
	typ, body, err = rr.readHandshake()
	if err != nil || typ != typeServerHelloDone || len(body) != 0 {
		t.Fatalf("second message = %d %x %v; want ServerHelloDone", typ, body, err)
	}
}

// oneByteReader returns one byte per Read, like a server dripping its answer.
type oneByteReader struct{ r *bytes.Reader }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}
