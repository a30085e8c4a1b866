// Package testsshd starts real OpenSSH servers for tests: each on a free
// 127.0.0.1 port with its own host key and configuration in a temporary
// directory, stopped when the test ends. Without sshd the test is skipped
// with the reason, or fails when VOUCH_INTEGRATION=required.
package testsshd

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Need returns the path of sshd, installing openssh-server with apt-get when
// running as root on Debian.
func Need(t testing.TB) string {
	t.Helper()
	p, reason := find()
	if p == "" {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatalf("sshd is required (VOUCH_INTEGRATION=required) but unavailable: %s", reason)
		}
		t.Skipf("sshd unavailable: %s", reason)
	}
	return p
}

func find() (string, string) {
	look := func() string {
		for _, p := range []string{"/usr/sbin/sshd", "/usr/local/sbin/sshd"} {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		p, _ := exec.LookPath("sshd")
		return p
	}
	p := look()
	if p == "" {
		if os.Geteuid() != 0 {
			return "", "openssh-server is not installed and installing it needs root"
		}
		if _, err := exec.LookPath("apt-get"); err != nil {
			return "", "openssh-server is not installed and apt-get is not available"
		}
		out, err := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server").CombinedOutput()
		if err != nil {
			return "", fmt.Sprintf("apt-get install openssh-server: %v: %s", err, strings.TrimSpace(string(out)))
		}
		if p = look(); p == "" {
			return "", "openssh-server installed but sshd not found"
		}
	}
	// sshd refuses to run without its privilege separation directory.
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		return "", fmt.Sprintf("create /run/sshd: %v", err)
	}
	return p, ""
}

// Server is a running sshd.
type Server struct {
	// Addr is 127.0.0.1:PORT.
	Addr string
	// Port is the port sshd listens on.
	Port int
	// HostKeyPub is the path of the host key's public half.
	HostKeyPub string
}

// Start runs sshd with an Ed25519 host key and the given configuration lines
// on a free loopback port until the test ends.
func Start(t testing.TB, sshd, config string) Server {
	t.Helper()
	dir := t.TempDir()
	key := filepath.Join(dir, "ssh_host_ed25519_key")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cfg := filepath.Join(dir, "sshd_config")
	body := fmt.Sprintf("HostKey %s\nPort %d\nListenAddress 127.0.0.1\nPidFile none\nUsePAM no\n%s", key, port, config)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	Run(t, sshd, addr, "-D", "-e", "-f", cfg)
	return Server{Addr: addr, Port: port, HostKeyPub: key + ".pub"}
}

// Run starts sshd with args (which must keep it in the foreground, -D) until
// the test ends, and returns its process id once it sends its banner on addr.
func Run(t testing.TB, sshd, addr string, args ...string) int {
	t.Helper()
	cmd := exec.Command(sshd, args...)
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sshd: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			continue
		}
		_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
		line, _ := bufio.NewReader(c).ReadString('\n')
		c.Close()
		if strings.HasPrefix(line, "SSH-") {
			return cmd.Process.Pid
		}
	}
	t.Fatalf("sshd on %s did not come up: %s", addr, logs.String())
	return 0
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 {
		return len(p), nil
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
