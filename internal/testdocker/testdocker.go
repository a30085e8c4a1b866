// Package testdocker gives integration tests a real Docker Engine: the
// Debian docker.io dockerd started on a private socket, data root and exec
// root under the test's temporary directory (no bridge, no iptables rules,
// so the host's network is left alone), and images made with docker import
// from a small rootfs built by the test (busybox-static plus a dpkg status
// file). Stop removes every container, mount and file it made.
package testdocker

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Engine is a running dockerd.
type Engine struct {
	// Host is the engine address for DOCKER_HOST / client.WithHost.
	Host string
	// Socket is the unix socket path.
	Socket string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// Need returns the dockerd and docker programs, or fails the test when
// VOUCH_INTEGRATION=required and skips it otherwise.
func Need(t testing.TB) {
	t.Helper()
	reason := ""
	for _, p := range []string{"dockerd", "docker", "containerd", "runc"} {
		if _, err := exec.LookPath(p); err != nil {
			reason = fmt.Sprintf("%s not found (Debian package docker.io)", p)
			break
		}
	}
	if reason == "" && Busybox() == "" {
		reason = "no static busybox (Debian package busybox-static)"
	}
	if reason == "" && os.Geteuid() != 0 {
		reason = "dockerd needs root"
	}
	if reason != "" {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatalf("docker engine is required (VOUCH_INTEGRATION=required) but unavailable: %s", reason)
		}
		t.Skipf("docker engine unavailable: %s", reason)
	}
}

// Busybox returns the path of a statically linked busybox, or "".
func Busybox() string {
	for _, p := range []string{"/bin/busybox", "/usr/bin/busybox"} {
		b, err := os.ReadFile(p)
		if err != nil || len(b) < 4 {
			continue
		}
		// A static binary has no PT_INTERP program header: no /lib*/ld-linux path.
		if !bytes.Contains(b, []byte("/ld-linux")) && !bytes.Contains(b, []byte("ld-musl")) {
			return p
		}
	}
	return ""
}

// Start runs a private dockerd for the test and stops it in t.Cleanup.
func Start(t testing.TB) *Engine {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a Docker Engine; not in -short mode")
	}
	Need(t)
	// unix socket paths are limited to 108 bytes: keep the directory short.
	dir, err := os.MkdirTemp("/tmp", "vouch-dockerd-")
	if err != nil {
		t.Fatalf("create dockerd directory: %v", err)
	}
	e := &Engine{dir: dir, Socket: filepath.Join(dir, "docker.sock"), exited: make(chan struct{})}
	e.Host = "unix://" + e.Socket
	log, err := os.Create(filepath.Join(dir, "dockerd.log"))
	if err != nil {
		t.Fatalf("create dockerd log: %v", err)
	}
	e.cmd = exec.Command("dockerd",
		"--host", e.Host,
		"--data-root", filepath.Join(dir, "root"),
		"--exec-root", filepath.Join(dir, "exec"),
		"--pidfile", filepath.Join(dir, "dockerd.pid"),
		"--iptables=false", "--ip6tables=false", "--bridge=none",
		"--containerd-namespace", "vouch-test", "--containerd-plugins-namespace", "vouch-test-plugins",
	)
	e.cmd.Stdout, e.cmd.Stderr = log, log
	e.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := e.cmd.Start(); err != nil {
		t.Fatalf("start dockerd: %v", err)
	}
	go func() { _ = e.cmd.Wait(); log.Close(); close(e.exited) }()
	t.Cleanup(func() { e.stop(t) })
	deadline := time.Now().Add(60 * time.Second)
	for {
		if out, err := e.Docker("version", "--format", "{{.Server.APIVersion}}"); err == nil {
			_ = out
			break
		}
		select {
		case <-e.exited:
			t.Fatalf("dockerd exited while starting: %s", tail(filepath.Join(dir, "dockerd.log"), 15))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("dockerd did not answer within 60s: %s", tail(filepath.Join(dir, "dockerd.log"), 15))
		}
		time.Sleep(200 * time.Millisecond)
	}
	return e
}

// Docker runs the docker CLI against the engine with a deadline.
func (e *Engine) Docker(args ...string) (string, error) {
	return e.DockerIn(nil, args...)
}

// DockerIn runs the docker CLI with stdin.
func (e *Engine) DockerIn(stdin []byte, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "docker", append([]string{"-H", e.Host}, args...)...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("docker %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return strings.TrimSpace(out.String()), nil
}

// MustDocker runs the docker CLI and fails the test on error.
func (e *Engine) MustDocker(t testing.TB, args ...string) string {
	t.Helper()
	out, err := e.Docker(args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (e *Engine) stop(t testing.TB) {
	if ids, err := e.Docker("ps", "-aq"); err == nil && ids != "" {
		_, _ = e.Docker(append([]string{"rm", "-f"}, strings.Fields(ids)...)...)
	}
	// dockerd keeps the bridge of a user network when it stops: remove them first.
	_, _ = e.Docker("network", "prune", "-f")
	_ = syscall.Kill(e.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-e.exited:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-e.cmd.Process.Pid, syscall.SIGKILL)
		<-e.exited
	}
	// dockerd leaves its network namespace and overlay mounts behind when it
	// is stopped quickly; unmount everything under its directory, deepest first.
	for _, m := range mountsUnder(e.dir) {
		if err := syscall.Unmount(m, syscall.MNT_DETACH); err != nil {
			t.Logf("unmount %s: %v", m, err)
		}
	}
	if err := os.RemoveAll(e.dir); err != nil {
		t.Errorf("remove dockerd directory: %v", err)
	}
}

func mountsUnder(dir string) []string {
	f, err := os.Open("/proc/self/mounts")
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) > 1 && strings.HasPrefix(fs[1], dir+"/") {
			out = append(out, fs[1])
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out
}

func tail(p string, n int) string {
	b, _ := os.ReadFile(p)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Package is a dpkg status entry of a test rootfs.
type Package struct{ Name, Version, Source string }

// Rootfs is a small root filesystem for docker import.
type Rootfs struct {
	// Packages go into var/lib/dpkg/status.
	Packages []Package
	// OSID and OSVersion go into etc/os-release (default debian 12).
	OSID, OSVersion string
	// Files are extra regular files by path.
	Files map[string]string
}

// Tar builds the rootfs as a tar stream: busybox with the applets the tests
// use, an os-release, a dpkg status file and the extra files.
func (r Rootfs) Tar(t testing.TB) []byte {
	t.Helper()
	bb, err := os.ReadFile(Busybox())
	if err != nil {
		t.Fatalf("read busybox: %v", err)
	}
	osid, osver := r.OSID, r.OSVersion
	if osid == "" {
		osid, osver = "debian", "12"
	}
	var status strings.Builder
	for _, p := range r.Packages {
		fmt.Fprintf(&status, "Package: %s\nStatus: install ok installed\nVersion: %s\nArchitecture: amd64\n", p.Name, p.Version)
		if p.Source != "" {
			fmt.Fprintf(&status, "Source: %s\n", p.Source)
		}
		status.WriteString("\n")
	}
	files := map[string]string{
		"etc/os-release":      fmt.Sprintf("ID=%s\nVERSION_ID=%q\n", osid, osver),
		"etc/passwd":          "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
		"var/lib/dpkg/status": status.String(),
	}
	for k, v := range r.Files {
		files[k] = v
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	dirs := []string{"bin", "etc", "tmp", "var", "var/lib", "var/lib/dpkg", "usr", "usr/bin", "home", "home/app", "root"}
	for _, d := range dirs {
		mode := int64(0o755)
		if d == "tmp" {
			mode = 0o1777
		}
		must(t, tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: mode}))
	}
	must(t, tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "bin/busybox", Mode: 0o755, Size: int64(len(bb))}))
	_, err = tw.Write(bb)
	must(t, err)
	for _, a := range []string{"sh", "sleep", "touch", "cat", "id", "ls", "mkdir", "echo"} {
		must(t, tw.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: "bin/" + a, Linkname: "busybox", Mode: 0o777}))
	}
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		must(t, tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: k, Mode: 0o644, Size: int64(len(files[k]))}))
		_, err = tw.Write([]byte(files[k]))
		must(t, err)
	}
	must(t, tw.Close())
	return buf.Bytes()
}

// Import makes an image from the rootfs with docker import and returns its id.
// changes are Dockerfile instructions applied by docker import --change.
func (e *Engine) Import(t testing.TB, r Rootfs, ref string, changes ...string) string {
	t.Helper()
	args := []string{"import"}
	for _, c := range changes {
		args = append(args, "--change", c)
	}
	args = append(args, "-", ref)
	out, err := e.DockerIn(r.Tar(t), args...)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
