package container_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/container"
	"github.com/vouch-audit/vouch/target"
)

var clock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// localTree is a target that reports itself as the local machine while its
// files come from a tree: how a test shows the scanner a host with no engine
// installed, on a machine that has one.
type localTree struct{ *target.Dir }

func (l localTree) Info() target.Info { return target.Info{Name: "local", Kind: "local"} }

func dirTarget(t *testing.T, root string) *target.Dir {
	t.Helper()
	d, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func noEnv(string) string { return "" }

func all(s audit.Status) map[string]audit.Status {
	m := map[string]audit.Status{}
	for _, id := range ctrControls {
		m[id] = s
	}
	return m
}

func TestHostWithoutEngineSkips(t *testing.T) {
	s := container.New(container.Options{Getenv: noEnv})
	got, f := judge(t, s, localTree{dirTarget(t, t.TempDir())}, clock, nil)
	assertVerdicts(t, got, nil, audit.Skip)
	if r := got["CTR-001"]; r.Message != "no container engine on this host" {
		t.Errorf("CTR-001 message = %q; want the no-engine reason", r.Message)
	}
	if len(f.Errors) != 0 {
		t.Errorf("errors = %v; want none on a host with no engine", f.Errors)
	}
}

func TestStoppedEngineErrorsSayingSo(t *testing.T) {
	// An engine that is installed but stopped has no socket, or a stale one
	// nothing listens on (dockerd killed without cleaning up): either way the
	// result says the engine is not running, not how a dial failed.
	stale := filepath.Join(t.TempDir(), "stale.sock")
	l, err := net.Listen("unix", stale)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	for _, tc := range []struct {
		name, host, want string
	}{
		{"no socket", "unix:///nonexistent/vouch/docker.sock", "not running (no socket at /nonexistent/vouch/docker.sock)"},
		{"stale socket", "unix://" + stale, "not running (nothing listens on " + stale + ")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := container.New(container.Options{Host: tc.host, Getenv: noEnv, Timeout: 2 * time.Second})
			got, f := judge(t, s, localTree{dirTarget(t, t.TempDir())}, clock, nil)
			assertVerdicts(t, got, nil, audit.Error)
			if msg := got["CTR-001"].Message; !strings.Contains(msg, tc.want) || !strings.Contains(msg, "start dockerd") {
				t.Errorf("CTR-001 message = %q; want %q and what to do", msg, tc.want)
			}
			if e := f.Errors["container.images"]; !strings.Contains(e, tc.want) {
				t.Errorf("errors[container.images] = %q; want %q", e, tc.want)
			}
		})
	}
}

func TestUnreachableEngineErrorsWithTheReason(t *testing.T) {
	// A TCP address nothing answers on quickly: the dial error is the reason.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := container.New(container.Options{Getenv: func(k string) string {
		if k == "DOCKER_HOST" {
			return "tcp://" + addr
		}
		return ""
	}, Timeout: 2 * time.Second})
	got, _ := judge(t, s, localTree{dirTarget(t, t.TempDir())}, clock, nil)
	assertVerdicts(t, got, nil, audit.Error)
	if msg := got["CTR-001"].Message; !strings.Contains(msg, addr) || !strings.Contains(msg, "not readable") {
		t.Errorf("CTR-001 message = %q; want the address and why it could not be reached", msg)
	}
}

// TestPermissionDeniedEngineErrors connects as an unprivileged user to a
// socket only root may open: root itself is never refused, so the scan runs
// in a child process with the credentials of nobody.
func TestPermissionDeniedEngineErrors(t *testing.T) {
	if sock := os.Getenv("VOUCH_TEST_DENIED_SOCKET"); sock != "" {
		s := container.New(container.Options{Host: "unix://" + sock, Getenv: noEnv, Timeout: 2 * time.Second})
		c := scanners.NewCollection(clock)
		v, err := s.Scan(context.Background(), localTree{dirTarget(t, t.TempDir())}, c)
		if err != nil {
			t.Fatalf("Scan: %v", err)
		}
		b, _ := json.Marshal(map[string]any{"facts": v, "errors": c.Errors()})
		fmt.Printf("RESULT %s\n", b)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a child as nobody")
	}
	dir, err := os.MkdirTemp("", "vouch-denied-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "docker.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := os.Chmod(sock, 0o600); err != nil {
		t.Fatal(err)
	}
	// The test binary lives where nobody may not look: run a copy.
	bin := filepath.Join(dir, "container.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run", "^TestPermissionDeniedEngineErrors$")
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(tmp, 0o1777); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "VOUCH_TEST_DENIED_SOCKET="+sock, "HOME="+tmp, "TMPDIR="+tmp, "GOCACHE="+tmp)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child scan as nobody: %v\n%s", err, out)
	}
	_, res, ok := strings.Cut(string(out), "RESULT ")
	if !ok {
		t.Fatalf("child printed no result:\n%s", out)
	}
	res, _, _ = strings.Cut(res, "\n")
	var got struct {
		Facts  container.Facts
		Errors map[string]string
	}
	if err := json.Unmarshal([]byte(res), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Facts.Engine.Installed || got.Facts.Engine.Reachable {
		t.Errorf("engine = %+v; want installed and not reachable", got.Facts.Engine)
	}
	if e := got.Errors["container.containers"]; !strings.Contains(e, "permission denied") {
		t.Errorf("errors[container.containers] = %q; want permission denied", e)
	}
}

// TestEngineAPITooOld stands a fake engine on a unix socket answering as an
// Engine API 1.30 would: no such old engine can be installed here, and the
// client must refuse it with a clear error rather than guess.
func TestEngineAPITooOld(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "old.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Api-Version", "1.30")
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/version") {
			fmt.Fprint(w, `{"Version":"17.06.0-ce","ApiVersion":"1.30","MinAPIVersion":"1.12"}`)
			return
		}
		fmt.Fprint(w, "OK")
	}), ReadHeaderTimeout: time.Second}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	s := container.New(container.Options{Host: "unix://" + sock, Getenv: noEnv, Timeout: 2 * time.Second})
	got, f := judge(t, s, localTree{dirTarget(t, t.TempDir())}, clock, nil)
	assertVerdicts(t, got, nil, audit.Error)
	if e := f.Errors["container.containers"]; !strings.Contains(e, "1.30") {
		t.Errorf("errors[container.containers] = %q; want the API version the engine speaks", e)
	}
}

func TestDirWithoutRecordingErrors(t *testing.T) {
	s := container.New(container.Options{})
	got, f := judge(t, s, dirTarget(t, t.TempDir()), clock, nil)
	assertVerdicts(t, got, nil, audit.Error)
	if e := f.Errors["container"]; !strings.Contains(e, "no docker engine recorded") {
		t.Errorf("errors[container] = %q; want no docker engine recorded", e)
	}
	if msg := got["CTR-001"].Message; !strings.Contains(msg, "no docker engine recorded") {
		t.Errorf("CTR-001 message = %q; want the reason", msg)
	}
}

// TestRecordedEngine judges a recorded engine: a privileged node agent with
// the Docker socket and the host root mounted (the privileged case a
// sandboxed engine cannot start), and a Redis publishing on all addresses
// whose dpkg database changed at run time.
func TestRecordedEngine(t *testing.T) {
	s := container.New(container.Options{})
	got, f := judge(t, s, dirTarget(t, "testdata/recorded"), clock, nil)
	assertVerdicts(t, got, map[string]audit.Status{
		"CTR-005": audit.Pass, "CTR-006": audit.Pass,
		"CTR-011": audit.Error, "CTR-012": audit.Error, "CTR-013": audit.Skip,
	}, audit.Fail)
	var facts container.Facts
	if err := json.Unmarshal(f.Sections["container"], &facts); err != nil {
		t.Fatal(err)
	}
	if facts.Engine.APIVersion != "1.41" || len(facts.Containers) != 2 {
		t.Fatalf("engine %+v with %d containers; want API 1.41 and 2", facts.Engine, len(facts.Containers))
	}
	redis := facts.Containers[0]
	if redis.Name != "acme-redis" || !redis.PinnedByDigest || !redis.NoNewPrivileges || len(redis.Ports) != 2 || redis.Ports[0].HostIP != "0.0.0.0" {
		t.Errorf("acme-redis = %+v", redis)
	}
	if b, _ := json.Marshal(f); strings.Contains(string(b), "recorded-agent-token-value-0001") {
		t.Error("facts carry the agent token in clear")
	}
}
