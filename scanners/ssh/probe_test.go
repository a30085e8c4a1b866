package ssh

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"strings"
	"testing"
	"time"
)

// hostile starts a TCP server on 127.0.0.1 that runs behave for each
// connection, and returns its address.
func hostile(t *testing.T, behave func(c net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				behave(c)
				select {
				case <-done:
				case <-time.After(10 * time.Second):
				}
			}()
		}
	}()
	return l.Addr().String()
}

// packet frames a payload as an unencrypted binary packet.
func packet(payload []byte) []byte {
	pad := 8 - (5+len(payload))%8
	if pad < 4 {
		pad += 8
	}
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(1+len(payload)+pad))
	b.WriteByte(byte(pad))
	b.Write(payload)
	b.Write(make([]byte, pad))
	return b.Bytes()
}

// kexInitPayload builds a KEXINIT with the given name-lists.
func kexInitPayload(lists ...string) []byte {
	var b bytes.Buffer
	b.WriteByte(msgKexInit)
	b.Write(make([]byte, 16))
	for i := 0; i < 10; i++ {
		s := ""
		if i < len(lists) {
			s = lists[i]
		}
		binary.Write(&b, binary.BigEndian, uint32(len(s)))
		b.WriteString(s)
	}
	b.WriteByte(0)
	b.Write(make([]byte, 4))
	return b.Bytes()
}

func TestProbeHostileServers(t *testing.T) {
	const timeout = 700 * time.Millisecond
	tests := []struct {
		name    string
		behave  func(c net.Conn)
		wantErr string
	}{
		{"garbage banner", func(c net.Conn) {
			for i := 0; i < 200; i++ {
				if _, err := c.Write([]byte("HTTP/1.1 400 Bad Request garbage garbage\r\n")); err != nil {
					return
				}
			}
		}, "no SSH identification"},
		{"endless line", func(c net.Conn) {
			c.Write(bytes.Repeat([]byte("A"), 4096))
		}, "longer than 255"},
		{"ssh-1 banner", func(c net.Conn) { c.Write([]byte("SSH-1.5-old\r\n")) }, "unsupported protocol version"},
		{"stall after banner", func(c net.Conn) { c.Write([]byte("SSH-2.0-Stall\r\n")) }, "timed out"},
		{"silent server", func(c net.Conn) {}, "timed out"},
		{"oversized packet", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Big\r\n"))
			c.Write([]byte{0x7f, 0xff, 0xff, 0xff, 4})
		}, "exceeds 35000"},
		{"close during KEXINIT", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Cut\r\n"))
			p := packet(kexInitPayload("curve25519-sha256", "ssh-ed25519"))
			c.Write(p[:len(p)/2])
			c.(*net.TCPConn).CloseWrite()
		}, "unexpected EOF"},
		{"name-list longer than the packet", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Liar\r\n"))
			pl := kexInitPayload("a")
			binary.BigEndian.PutUint32(pl[17:], 30000)
			c.Write(packet(pl))
		}, "exceeds the"},
		{"not a KEXINIT", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-Odd\r\n"))
			c.Write(packet([]byte{99, 1, 2, 3}))
		}, "message type 99"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostile(t, tc.behave)
			start := time.Now()
			_, err := Probe(context.Background(), "ssh://"+addr, ProbeOptions{Timeout: timeout})
			took := time.Since(start)
			if err == nil {
				t.Fatalf("Probe(%s) succeeded; want an error containing %q", tc.name, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Probe error = %q; want it to contain %q", err, tc.wantErr)
			}
			if took > timeout+500*time.Millisecond {
				t.Errorf("Probe took %s; the deadline was %s", took, timeout)
			}
		})
	}
}

func TestProbeKexInitOnlyServer(t *testing.T) {
	// A server that sends a well-formed KEXINIT and then nothing: the lists
	// are reported and the handshakes that cannot finish become errors.
	addr := hostile(t, func(c net.Conn) {
		c.Write([]byte("pre-banner notice\r\nSSH-2.0-Fake_1.0\r\n"))
		c.Write(packet([]byte{msgIgnore, 0, 0, 0, 0}))
		c.Write(packet(kexInitPayload("curve25519-sha256,kex-strict-s-v00@openssh.com", "ssh-ed25519,rsa-sha2-512",
			"aes128-ctr,aes128-cbc", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256,hmac-sha1", "none", "none,zlib@openssh.com")))
	})
	ep, err := Probe(context.Background(), addr, ProbeOptions{Timeout: 800 * time.Millisecond})
	if ep == nil {
		t.Fatalf("Probe returned no partial result: %v", err)
	}
	for _, part := range []string{"host_key ssh-ed25519", "auth root", "auth nonexistent"} {
		if ep.Errors[part] == "" {
			t.Errorf("errors[%q] is empty; the handshake cannot have succeeded (errors: %v)", part, ep.Errors)
		}
	}
	if ep.Banner != "SSH-2.0-Fake_1.0" || !ep.StrictKex {
		t.Errorf("banner, strict_kex = %q, %v; want SSH-2.0-Fake_1.0, true", ep.Banner, ep.StrictKex)
	}
	if strings.Join(ep.Ciphers, ",") != "aes128-ctr" || strings.Join(ep.CiphersClientToServer, ",") != "aes128-ctr,aes128-cbc" {
		t.Errorf("ciphers = %q / client-to-server %q; want server-to-client aes128-ctr and the differing client-to-server list", ep.Ciphers, ep.CiphersClientToServer)
	}
	if strings.Join(ep.MACs, ",") != "hmac-sha2-256,hmac-sha1" || ep.MACsClientToServer == nil {
		t.Errorf("macs = %q / %q", ep.MACs, ep.MACsClientToServer)
	}
	if strings.Join(ep.Compression, ",") != "none,zlib@openssh.com" {
		t.Errorf("compression = %q", ep.Compression)
	}
}

func TestReadBannerSkipsPreBannerLines(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("Welcome\r\nto the server\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2\r\nrest"))
	got, err := ReadBanner(r)
	if err != nil || got != "SSH-2.0-OpenSSH_9.2p1 Debian-2" {
		t.Errorf("ReadBanner = %q, %v; want the SSH- line", got, err)
	}
}

func TestParseAddr(t *testing.T) {
	for in, want := range map[string]string{
		"ssh://example.com":      "example.com:22",
		"ssh://example.com:2222": "example.com:2222",
		"ssh://root@10.0.0.1:22": "10.0.0.1:22",
		"ssh://[::1]:2200":       "[::1]:2200",
		"ssh://[::1]":            "[::1]:22",
		"example.com":            "example.com:22",
	} {
		if got, err := ParseAddr(in); err != nil || got != want {
			t.Errorf("ParseAddr(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestProbeAllBoundsConcurrency(t *testing.T) {
	addr := hostile(t, func(c net.Conn) { c.Write([]byte("SSH-2.0-Stall\r\n")) })
	addrs := []string{addr, addr, addr, addr}
	start := time.Now()
	res := ProbeAll(context.Background(), addrs, 2, ProbeOptions{Timeout: 300 * time.Millisecond})
	took := time.Since(start)
	if len(res) != 4 {
		t.Fatalf("ProbeAll returned %d results; want 4", len(res))
	}
	for _, r := range res {
		if r.Err == nil || r.Addr != addr {
			t.Errorf("result %+v; want a timeout error for %s", r, addr)
		}
	}
	// Four stalled probes two at a time take two timeouts, not one.
	if took < 550*time.Millisecond || took > 2*time.Second {
		t.Errorf("ProbeAll took %s; want about two timeouts (600ms) with limit 2", took)
	}
}
