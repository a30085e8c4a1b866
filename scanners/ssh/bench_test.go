package ssh

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// BenchmarkProbe probes one real sshd: banner, KEXINIT, one handshake per
// host key and the two "none" requests. With VOUCH_BENCH_SSH_ADDR set (as
// scripts/bench-ssh does) it probes that server, the one ssh-audit is timed
// against; otherwise it starts its own.
func BenchmarkProbe(b *testing.B) {
	addr := os.Getenv("VOUCH_BENCH_SSH_ADDR")
	if addr == "" {
		addr = benchServer(b, needSSHD(b))
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := Probe(ctx, addr, ProbeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProbeAll100 probes 100 endpoints spread over four sshd ports, all
// at once, with a deadline long enough for two shared cores. The servers run
// on the same machine, so the wall time includes their work (sshd execs
// itself anew for every connection); vouch-cpu-ms/op is vouch's own share.
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
	before := cpuTime()
	for b.Loop() {
		for _, r := range ProbeAll(ctx, addrs, len(addrs), ProbeOptions{Timeout: 60 * time.Second}) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "vouch-cpu-ms/op")
}

// cpuTime is the user and system time this process (not its children) used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
