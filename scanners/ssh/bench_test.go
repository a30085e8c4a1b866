package ssh

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkProbe probes one real sshd: banner, KEXINIT, one handshake per
// host key and the two "none" requests.
func BenchmarkProbe(b *testing.B) {
	sshd := needSSHD(b)
	addr := benchServer(b, sshd)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Probe(ctx, addr, ProbeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProbeAll100 probes 100 endpoints spread over four sshd ports,
// 16 at a time, with a deadline long enough for two shared cores.
func BenchmarkProbeAll100(b *testing.B) {
	sshd := needSSHD(b)
	var ports []string
	for range 4 {
		ports = append(ports, benchServer(b, sshd))
	}
	addrs := make([]string, 100)
	for i := range addrs {
		addrs[i] = ports[i%len(ports)]
	}
	ctx := context.Background()
	for b.Loop() {
		for _, r := range ProbeAll(ctx, addrs, 16, ProbeOptions{Timeout: 60 * time.Second}) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// benchServer starts an sshd with an ed25519 and an RSA host key that accepts
// enough concurrent unauthenticated connections for the benchmarks.
func benchServer(b *testing.B, sshd string) string {
	dir := b.TempDir()
	ed := hostKey(b, dir, "ed25519", 0)
	rsa := hostKey(b, dir, "rsa", 3072)
	cfg := dir + "/sshd_config"
	body := fmt.Sprintf("HostKey %s\nHostKey %s\nPidFile none\nUsePAM no\nMaxStartups 500:30:1000\nPerSourceMaxStartups none\nPasswordAuthentication no\n", ed, rsa)
	if err := writeFile(cfg, body); err != nil {
		b.Fatal(err)
	}
	return startSSHD(b, sshd, cfg)
}
