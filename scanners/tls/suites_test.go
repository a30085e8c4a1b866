package tls

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/internal/testenv"
)

func TestSuiteTableSortedAndUnique(t *testing.T) {
	for i := 1; i < len(suiteTable); i++ {
		if suiteTable[i-1].Code >= suiteTable[i].Code {
			t.Errorf("suiteTable[%d] 0x%04X is not after 0x%04X; LookupSuite needs code order", i, suiteTable[i].Code, suiteTable[i-1].Code)
		}
	}
	names := map[string]bool{}
	for _, s := range suiteTable {
		if names[s.Name] {
			t.Errorf("duplicate suite name %s", s.Name)
		}
		names[s.Name] = true
		if s.AEAD != (s.MAC == "AEAD") {
			t.Errorf("%s: AEAD %v but MAC %s", s.Name, s.AEAD, s.MAC)
		}
		if got, ok := LookupSuite(s.Code); !ok || got.Name != s.Name {
			t.Errorf("LookupSuite(0x%04X) = %v, %v; want %s", s.Code, got.Name, ok, s.Name)
		}
	}
}

func TestSuiteClasses(t *testing.T) {
	tests := []struct {
		code                uint16
		kex, auth, enc, mac string
		bits                int
		fs, aead, export    bool
		minVersion          uint16
	}{
		{0xC02F, "ECDHE", "RSA", "AESGCM", "AEAD", 128, true, true, false, VersionTLS12},
		{0x000A, "RSA", "RSA", "3DES", "SHA1", 112, false, false, false, VersionSSL30},
		{0x0003, "RSA", "RSA", "RC4", "MD5", 40, false, false, true, VersionSSL30},
		{0x00A6, "DHE", "NONE", "AESGCM", "AEAD", 128, true, true, false, VersionTLS12},
		{0x0001, "RSA", "RSA", "NULL", "MD5", 0, false, false, false, VersionSSL30},
		{0x1303, "ANY", "ANY", "CHACHA20POLY1305", "AEAD", 256, true, true, false, VersionTLS13},
		{0x0033, "DHE", "RSA", "AES", "SHA1", 128, true, false, false, VersionSSL30},
	}
	for _, tt := range tests {
		s, ok := LookupSuite(tt.code)
		if !ok {
			t.Errorf("LookupSuite(0x%04X) not found", tt.code)
			continue
		}
		got := []any{s.Kex, s.Auth, s.Enc, s.MAC, s.Bits, s.ForwardSecrecy, s.AEAD, s.Export, s.MinVersion}
		want := []any{tt.kex, tt.auth, tt.enc, tt.mac, tt.bits, tt.fs, tt.aead, tt.export, tt.minVersion}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %v; want %v", s.Name, got, want)
				break
			}
		}
	}
}

// TestSuiteTableCoversOpenSSL asserts every suite the installed OpenSSL can
// name is in the table, with the same OpenSSL name.
func TestSuiteTableCoversOpenSSL(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		testenv.Unavailable(t, "openssl is not installed (Debian package openssl)")
	}
	for _, args := range [][]string{
		{"ciphers", "-V", "ALL:COMPLEMENTOFALL"},
		{"ciphers", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"},
		{"ciphers", "-s", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"},
	} {
		out, err := exec.Command("openssl", args...).Output()
		if err != nil {
			t.Fatalf("openssl %s: %v", strings.Join(args, " "), err)
		}
		n := 0
		for line := range strings.Lines(string(out)) {
			f := strings.Fields(line)
			if len(f) < 3 || !strings.HasPrefix(f[0], "0x") {
				continue
			}
			hexCode := strings.ReplaceAll(strings.ReplaceAll(f[0], "0x", ""), ",", "")
			code, err := strconv.ParseUint(hexCode, 16, 16)
			if err != nil {
				t.Errorf("parse code %q: %v", f[0], err)
				continue
			}
			n++
			s, ok := LookupSuite(uint16(code))
			if !ok {
				t.Errorf("openssl %s lists 0x%04X %s; not in the suite table", strings.Join(args, " "), code, f[2])
				continue
			}
			if s.OpenSSL != f[2] {
				t.Errorf("0x%04X: table OpenSSL name %s; openssl says %s", code, s.OpenSSL, f[2])
			}
		}
		if n == 0 {
			t.Errorf("openssl %s listed no suites", strings.Join(args, " "))
		}
	}
}
