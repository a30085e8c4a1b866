package backup

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
	"testing"
)

// Packets built by hand after RFC 9580 section 4.2, so each header form is
// exercised on purpose.
func oldPKESK(keyID []byte) []byte {
	body := append(append([]byte{3}, keyID...), 18, 0x01, 0x00, 0xaa) // v3, key id, ECDH, a tiny MPI
	return append([]byte{0x84, byte(len(body))}, body...)             // old format, tag 1, 1-byte length
}

func newPacket(tag byte, body []byte) []byte {
	return append([]byte{0xc0 | tag, byte(len(body))}, body...)
}

// partialSEIPD splits a SEIPD v1 body into a 512-byte partial chunk and a final chunk.
func partialSEIPD(n int) []byte {
	body := append([]byte{1}, bytes.Repeat([]byte{0x5a}, n-1)...)
	out := []byte{0xc0 | tagSEIPD, 0xe9} // partial length 2^9 = 512
	out = append(out, body[:512]...)
	rest := body[512:]
	out = append(out, byte(192+((len(rest)-192)>>8)), byte((len(rest)-192)&0xff)) // two-octet length
	return append(out, rest...)
}

var keyA = []byte{0x52, 0x1f, 0xe5, 0x16, 0xc2, 0x8f, 0x18, 0x53}

func TestParseMessage(t *testing.T) {
	seipd := newPacket(tagSEIPD, append([]byte{1}, bytes.Repeat([]byte{0x11}, 60)...))
	good := append(oldPKESK(keyA), seipd...)
	big := append(oldPKESK(keyA), partialSEIPD(900)...)
	v6 := append(newPacket(tagPKESK, append([]byte{6, 33, 6}, append(keyA, bytes.Repeat([]byte{0}, 24)...)...)), newPacket(tagSEIPD, []byte{2, 9, 2, 6, 0})...)
	armor := "-----BEGIN PGP MESSAGE-----\nComment: x\n\n" + base64.StdEncoding.EncodeToString(good) + "\n=abcd\n-----END PGP MESSAGE-----\n"
	cases := []struct {
		name      string
		in        []byte
		encrypted bool
		keys      []string
		method    string
		err       string // substring of the full-parse error
	}{
		{name: "old-format session key then new-format SEIPD", in: good, encrypted: true, keys: []string{"521FE516C28F1853"}, method: "public-key"},
		{name: "partial body lengths followed to the final chunk", in: big, encrypted: true, keys: []string{"521FE516C28F1853"}, method: "public-key"},
		{name: "two recipients", in: append(append(oldPKESK(keyA), oldPKESK([]byte{1, 2, 3, 4, 5, 6, 7, 8})...), seipd...), encrypted: true, keys: []string{"521FE516C28F1853", "0102030405060708"}, method: "public-key"},
		{name: "passphrase only", in: append(newPacket(tagSKESK, []byte{4, 9, 3, 2, 1}), seipd...), encrypted: true, method: "passphrase"},
		{name: "v6 session key names the fingerprint", in: v6, encrypted: true, keys: []string{"521FE516C28F1853"}, method: "public-key"},
		{name: "ascii armor", in: []byte(armor), encrypted: true, keys: []string{"521FE516C28F1853"}, method: "public-key"},
		{name: "truncated inside the data packet", in: good[:len(good)-5], encrypted: true, err: "truncated"},
		{name: "truncated at a partial chunk boundary", in: big[:len(oldPKESK(keyA))+2+512], encrypted: true, err: "partial body length"},
		{name: "data after the encrypted packet", in: append(append([]byte{}, good...), 0xc1, 0), encrypted: true, err: "data follows the encrypted data packet"},
		{name: "literal data is not encrypted", in: newPacket(tagLit, []byte("b\x00\x00\x00\x00\x00hi"))},
		{name: "gzip is not OpenPGP", in: []byte{0x1f, 0x8b, 8, 0, 0, 0}, err: "not an OpenPGP message"},
		{name: "encrypted data without a session key", in: seipd, err: "no session key packet"},
		{name: "session key with nothing after it", in: oldPKESK(keyA), err: "without an encrypted data packet"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parseMessage(bufio.NewReader(bytes.NewReader(tc.in)), true)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("parseMessage error = %v; want %q", err, tc.err)
				}
			} else if err != nil {
				t.Fatalf("parseMessage: %v", err)
			}
			if tc.err == "" && (m.Encrypted != tc.encrypted || !slices.Equal(m.KeyIDs, tc.keys) || m.Method != tc.method) {
				t.Errorf("parseMessage = %+v; want encrypted=%v keys=%v method=%q", m, tc.encrypted, tc.keys, tc.method)
			}
			if tc.encrypted {
				h, err := parseMessage(bufio.NewReader(bytes.NewReader(tc.in)), false)
				if err != nil || !h.Encrypted {
					t.Errorf("header parse = %+v, %v; want encrypted (damage shows only when read to the end)", h, err)
				}
			}
		})
	}
}

func TestEncryptionOfNamesPlainFormats(t *testing.T) {
	e := encryptionOf(bufio.NewReader(bytes.NewReader([]byte{0x1f, 0x8b, 8, 0})))
	if e.Encrypted || e.Format != "none" || e.Detail != "gzip data" {
		t.Errorf("encryptionOf(gzip) = %+v; want unencrypted gzip data", e)
	}
}

func FuzzParseMessage(f *testing.F) {
	f.Add(append(oldPKESK(keyA), partialSEIPD(700)...))
	f.Add([]byte{0xc0 | tagSEIPD, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = parseMessage(bufio.NewReader(bytes.NewReader(b)), true)
		_, _ = parseMessage(bufio.NewReader(bytes.NewReader(b)), false)
	})
}
