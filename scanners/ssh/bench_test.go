package ssh

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
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
		addr, _ = benchServer(b, needSSHD(b))
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
// on the same machine, so the wall time includes their work: each probe needs
// two connections (OpenSSH refuses a change of user on one, and root and a
// user that does not exist are both asked), and sshd forks, and by default
// re-executes itself, for every connection. Sub-benchmark "reexec" runs the
// servers as installed; "no-reexec" runs them with -r, which leaves each
// connection only the fork, the share a real fleet pays on the endpoints' own
// machines. vouch-cpu-ms/op is vouch's own share; machine-cpu-ms/op is every
// process's and the kernel's, whose half bounds the wall time on two cores.
func BenchmarkProbeAll100(b *testing.B) {
	sshd := needSSHD(b)
	for _, bc := range []struct {
		name  string
		extra []string
	}{{"reexec", nil}, {"no-reexec", []string{"-r"}}} {
		b.Run(bc.name, func(b *testing.B) {
			var ports []string
			var pids []int
			for range 4 {
				addr, pid := benchServer(b, sshd, bc.extra...)
				ports, pids = append(ports, addr), append(pids, pid)
			}
			addrs := make([]string, 100)
			for i := range addrs {
				addrs[i] = ports[i%len(ports)]
			}
			ctx := context.Background()
			before, machineBefore, sshdBefore := cpuTime(), machineCPU(), serverCPU(b, pids)
			for b.Loop() {
				for _, r := range ProbeAll(ctx, addrs, len(addrs), ProbeOptions{Timeout: 60 * time.Second}) {
					if r.Err != nil {
						b.Fatal(r.Err)
					}
				}
			}
			b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "vouch-cpu-ms/op")
			b.ReportMetric(float64((serverCPU(b, pids)-sshdBefore).Milliseconds())/float64(b.N), "sshd-cpu-ms/op")
			if m := machineCPU(); m > 0 && machineBefore > 0 {
				b.ReportMetric(float64((m-machineBefore).Milliseconds())/float64(b.N), "machine-cpu-ms/op")
			}
		})
	}
}

// machineCPU is the busy time of every CPU of the machine (/proc/stat's
// first line, less idle and iowait), 0 when it cannot be read.
func machineCPU() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fs := strings.Fields(line)
	if len(fs) < 8 || fs[0] != "cpu" {
		return 0
	}
	var busy int64
	for i, f := range fs[1:8] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0
		}
		busy += n
	}
	return time.Duration(busy) * 10 * time.Millisecond // USER_HZ is 100
}

// serverCPU is the CPU time the sshd listeners pids and the connection
// processes they reaped have used, read once no connection process is left
// (so the last probes' servers are counted too).
func serverCPU(b *testing.B, pids []int) time.Duration {
	var total time.Duration
	for _, pid := range pids {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			kids, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
			if err != nil || len(strings.TrimSpace(string(kids))) == 0 {
				break
			}
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			b.Fatalf("sshd %d: %v", pid, err)
		}
		// The command name may hold spaces; the fields after it are fixed:
		// utime, stime, cutime and cstime are fields 14-17 (proc(5)).
		_, rest, ok := strings.Cut(string(stat), ") ")
		fs := strings.Fields(rest)
		if !ok || len(fs) < 15 {
			b.Fatalf("sshd %d: unexpected /proc/%d/stat: %q", pid, pid, stat)
		}
		for _, f := range fs[11:15] {
			n, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				b.Fatalf("sshd %d: /proc/%d/stat: %v", pid, pid, err)
			}
			total += time.Duration(n) * 10 * time.Millisecond // USER_HZ is 100
		}
	}
	return total
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
// It returns the server's address and process id.
func benchServer(b *testing.B, sshd string, extra ...string) (string, int) {
	dir := b.TempDir()
	ed := hostKey(b, dir, "ed25519", 0)
	rsa := hostKey(b, dir, "rsa", 3072)
	cfg := dir + "/sshd_config"
	body := fmt.Sprintf("HostKey %s\nHostKey %s\nPidFile none\nUsePAM no\nMaxStartups 500:30:1000\nPerSourceMaxStartups none\nPasswordAuthentication no\n", ed, rsa)
	if err := writeFile(cfg, body); err != nil {
		b.Fatal(err)
	}
	return startSSHD(b, sshd, cfg, extra...)
}
