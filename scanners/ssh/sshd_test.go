package ssh

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/internal/testsshd"
)

// needSSHD returns the path of a usable sshd (see testsshd.Need: installed
// with apt-get when missing and root; skip, or fail under
// VOUCH_INTEGRATION=required, when it cannot be had).
func needSSHD(t testing.TB) string { return testsshd.Need(t) }

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// hostKey makes a host key pair in dir and returns the private key's path.
func hostKey(t testing.TB, dir, typ string, bits int) string {
	t.Helper()
	p := filepath.Join(dir, "ssh_host_"+typ+fmt.Sprint(bits)+"_key")
	args := []string{"-q", "-t", typ, "-N", "", "-f", p}
	if bits > 0 {
		args = append(args, "-b", fmt.Sprint(bits))
	}
	if out, err := exec.Command("ssh-keygen", args...).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen %v: %v: %s", args, err, out)
	}
	return p
}

// sshdT runs sshd -T and parses its output.
func sshdT(sshd, config string, spec *Spec, hostKeys ...string) (map[string][]string, error) {
	args := []string{"-T", "-f", config}
	for _, k := range hostKeys {
		args = append(args, "-h", k)
	}
	if spec != nil {
		args = append(args, "-C", spec.Arg())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sshd, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("sshd %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return ParseSSHDT(out)
}

// freePort returns a loopback port nobody listens on.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startSSHD runs `sshd -D -e -f config -p port` (and extra) until the test
// ends and returns its address once it accepts connections.
func startSSHD(t testing.TB, sshd, config string, extra ...string) (addr string, pid int) {
	t.Helper()
	port := freePort(t)
	addr = fmt.Sprintf("127.0.0.1:%d", port)
	args := append([]string{"-D", "-e", "-f", config, "-p", fmt.Sprint(port), "-o", "ListenAddress=127.0.0.1"}, extra...)
	return addr, testsshd.Run(t, sshd, addr, args...)
}

func writeFile(p, body string) error { return os.WriteFile(p, []byte(body), 0o600) }
