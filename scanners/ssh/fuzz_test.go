package ssh

import (
	"bytes"
	"testing"
)

// FuzzKexInit feeds arbitrary packets to the packet reader and KEXINIT parser:
// they must return an error or a result, never panic or over-read.
func FuzzKexInit(f *testing.F) {
	f.Add(packet(kexInitPayload("curve25519-sha256,kex-strict-s-v00@openssh.com", "ssh-ed25519", "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256", "none", "none")))
	f.Add([]byte{0, 0, 0, 12, 4, 20, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPacket(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(p) > maxPacketLen {
			t.Fatalf("payload of %d bytes exceeds the cap", len(p))
		}
		ki, err := ParseKexInit(p)
		if err == nil && ki.KexAlgorithms == nil {
			t.Fatalf("parsed KEXINIT without a kex list")
		}
	})
}

// FuzzConfig feeds arbitrary text to the sshd_config parser and evaluator.
func FuzzConfig(f *testing.F) {
	f.Add([]byte("PasswordAuthentication no\nMatch User bob\n\tPasswordAuthentication yes\n"))
	f.Add([]byte("Ciphers +aes128-cbc\nMACs -hmac-sha1*\nPort 2222\nListenAddress [::1]:22\n"))
	f.Add([]byte("Banner \"/etc/issue net\"\nAcceptEnv 'LANG' LC_*\nMatch Address 10.0.0.0/8,!10.1.0.0/16\n MaxAuthTries 2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := ParseConfig("fuzz.conf", data)
		if err != nil {
			return
		}
		for _, sp := range []*Spec{nil, {User: "root", Host: "h", Addr: "10.1.2.3", LPort: "22", Groups: []string{"root"}}} {
			_, _ = tree.Effective(sp)
		}
	})
}
