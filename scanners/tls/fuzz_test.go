package tls

import (
	"bytes"
	"testing"
)

// FuzzRecord feeds arbitrary server bytes to the record and handshake reader
// and the message parsers behind it: nothing may panic or read past its budget.
func FuzzRecord(f *testing.F) {
	f.Add([]byte{recordHandshake, 3, 3, 0, 4, typeServerHelloDone, 0, 0, 0})
	f.Add([]byte{recordAlert, 3, 3, 0, 2, 2, alertHandshakeFailure})
	f.Add([]byte{recordHandshake, 3, 3, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		rr := newRecordReader(bytes.NewReader(data), 1<<16)
		for range 64 {
			typ, body, err := rr.readHandshake()
			if err != nil {
				return
			}
			if rr.read > 1<<16 {
				t.Fatalf("read %d bytes; budget 65536", rr.read)
			}
			switch typ {
			case typeServerHello:
				_, _ = parseServerHello(body)
			case typeCertificate:
				_, _ = parseCertificates(body)
			case typeServerKeyExchange:
				for _, kex := range []string{"DHE", "ECDHE", "DHEPSK", "ECDHEPSK", "RSA"} {
					_, _ = parseServerKeyExchange(body, kex)
				}
			}
		}
	})
}

// FuzzServerHello parses arbitrary ServerHello bodies and SSLv2 SERVER-HELLOs.
func FuzzServerHello(f *testing.F) {
	f.Add([]byte{3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x2f, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := parseServerHello(data)
		if err == nil && sh == nil {
			t.Fatal("parseServerHello = nil, nil")
		}
		_, _ = parseSSLv2ServerHello(data)
	})
}
