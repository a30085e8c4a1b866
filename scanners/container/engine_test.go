package container_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testdocker"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/container"
	"github.com/vouch-audit/vouch/scanners/container/vuln/vulntest"
	"github.com/vouch-audit/vouch/target"
)

// ctrControls are the controls every scenario asserts.
var ctrControls = []string{
	"CTR-001", "CTR-002", "CTR-003", "CTR-004", "CTR-005", "CTR-006", "CTR-007",
	"CTR-008", "CTR-009", "CTR-010", "CTR-011", "CTR-012", "CTR-013", "CTR-014", "ENV-002",
}

// judge runs the scanner over a target at now and returns each control's
// status, with the facts document for further checks.
func judge(t testing.TB, s scanners.Scanner, tg target.Target, now time.Time, overrides map[string]any) (map[string]audit.Result, audit.Facts) {
	t.Helper()
	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	prof, err := eng.Profile("baseline")
	if err != nil {
		t.Fatal(err)
	}
	params, err := eng.Params(prof, overrides)
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(s), Evaluator: prep, Params: params, Controls: ctrControls, Now: now}
	f := run.Collect(context.Background(), tg)
	rs, err := run.Judge(context.Background(), []audit.Facts{f})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]audit.Result{}
	for _, r := range rs {
		out[r.ControlID] = r
	}
	return out, f
}

func assertVerdicts(t *testing.T, got map[string]audit.Result, want map[string]audit.Status, def audit.Status) {
	t.Helper()
	for _, id := range ctrControls {
		w, ok := want[id]
		if !ok {
			w = def
		}
		r, found := got[id]
		if !found {
			t.Errorf("%s: no result; want %s", id, w)
			continue
		}
		if r.Status != w {
			t.Errorf("%s = %s (%s); want %s", id, r.Status, r.Message, w)
		}
	}
}

func secret(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawStdEncoding.EncodeToString(b)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestEngineScenarios runs each scenario of the container controls against a
// real Docker Engine and asserts the verdict of every CTR control (and
// ENV-002) in each.
func TestEngineScenarios(t *testing.T) {
	e := testdocker.Start(t)
	now := time.Now().UTC().Truncate(time.Second)
	dbDir := t.TempDir()
	if err := vulntest.Write(dbDir, now.Add(-6*time.Hour), []vulntest.Advisory{
		{Platform: "debian 12", Package: "openssl", ID: "CVE-2026-31337", FixedVersion: "3.0.15-1~deb12u1", Severity: "CRITICAL"},
		{Platform: "debian 12", Package: "busybox", ID: "CVE-2026-00001", FixedVersion: "1:1.30.0-1", Severity: "HIGH"},
	}); err != nil {
		t.Fatal(err)
	}
	base := e.Import(t, testdocker.Rootfs{Packages: []testdocker.Package{{Name: "busybox", Version: "1:1.35.0-4"}}}, "vouch-test/app:1", "USER 1000:1000")
	const baked = "Sup3r-Secret-baked-into-the-image-0042"
	vulnerable := e.Import(t, testdocker.Rootfs{Packages: []testdocker.Package{
		{Name: "busybox", Version: "1:1.35.0-4"}, {Name: "libssl3", Version: "3.0.11-1~deb12u2", Source: "openssl"},
	}}, "vouch-test/legacy:1", "USER 1000:1000", "ENV DB_PASSWORD="+baked)

	// hardened is how every container of a scenario runs unless it says otherwise.
	hardened := func(name, tenant, role, network string) []string {
		return []string{"run", "-d", "--name", name, "--label", "vouch.tenant=" + tenant, "--label", "vouch.role=" + role,
			"--network", network, "--restart", "unless-stopped", "--health-cmd", "exit 0",
			"--security-opt", "no-new-privileges", "-e", "JWT_SECRET=" + secret(t)}
	}
	cmd := []string{"/bin/sleep", "3600"}
	runArgs := func(args []string, extra []string, image string) []string {
		return append(append(append(args, extra...), image), cmd...)
	}
	overrides := map[string]any{
		// The test engine's socket is what a container could take over here.
		"sensitive_mounts": []any{"/", "/etc", "/proc", "/sys", "/var/run/docker.sock", "/run/docker.sock", "/run/containerd", "/root", "/home", e.Socket},
		"tenant_roles":     []any{"api"},
	}
	s := container.New(container.Options{Host: e.Host, VulnDB: dbDir, TempDir: t.TempDir()})

	type scenario struct {
		name     string
		networks []string
		setup    func(t *testing.T)
		want     map[string]audit.Status
	}
	scenarios := []scenario{
		{name: "hardened tenant passes everything", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, base)...)
		}},
		{name: "docker socket mounted", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), []string{"-v", e.Socket + ":/var/run/docker.sock"}, base)...)
		}, want: map[string]audit.Status{"CTR-002": audit.Fail}},
		{name: "NET_ADMIN added", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), []string{"--cap-add", "NET_ADMIN"}, base)...)
		}, want: map[string]audit.Status{"CTR-004": audit.Fail}},
		{name: "host network", setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "host"), nil, base)...)
		}, want: map[string]audit.Status{"CTR-003": audit.Fail}},
		{name: "two tenants on one network", networks: []string{"shared"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "shared"), nil, base)...)
			e.MustDocker(t, runArgs(hardened("b-api", "b", "api", "shared"), nil, base)...)
		}, want: map[string]audit.Status{"CTR-005": audit.Fail}},
		{name: "redis and mongodb on a shared network", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, base)...)
			e.MustDocker(t, runArgs(hardened("a-redis", "a", "redis", "net-a"), nil, base)...)
			e.MustDocker(t, runArgs(hardened("a-mongodb", "a", "mongodb", "net-a"), nil, base)...)
		}, want: map[string]audit.Status{"CTR-006": audit.Fail}},
		{name: "data store publishing on all addresses", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, base)...)
			p := strconv.Itoa(freePort(t))
			e.MustDocker(t, runArgs(hardened("a-redis", "a", "redis", "net-a"), []string{"-p", "0.0.0.0:" + p + ":6379"}, base)...)
		}, want: map[string]audit.Status{"CTR-007": audit.Fail}},
		{name: "package installed at run time", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, base)...)
			// What apt-get install does first: a write under /var/lib/dpkg.
			e.MustDocker(t, "exec", "-u", "0", "a-api", "/bin/touch", "/var/lib/dpkg/lock-frontend")
		}, want: map[string]audit.Status{"CTR-008": audit.Fail}},
		{name: "root user", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), []string{"--user", "0:0"}, base)...)
		}, want: map[string]audit.Status{"CTR-009": audit.Fail}},
		{name: "started by tag", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, "vouch-test/app:1")...)
		}, want: map[string]audit.Status{"CTR-010": audit.Fail}},
		{name: "no restart policy", networks: []string{"net-a"}, setup: func(t *testing.T) {
			args := hardened("a-api", "a", "api", "net-a")
			i := slices.Index(args, "unless-stopped")
			args[i] = "no"
			e.MustDocker(t, runArgs(args, nil, base)...)
		}, want: map[string]audit.Status{"CTR-014": audit.Fail}},
		{name: "legacy image with a vulnerable package and a baked secret", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, vulnerable)...)
		}, want: map[string]audit.Status{"CTR-011": audit.Fail, "CTR-012": audit.Fail}},
		{name: "two tenants sharing one weak secret", networks: []string{"net-a", "net-b"}, setup: func(t *testing.T) {
			for _, tn := range []string{"a", "b"} {
				args := hardened(tn+"-api", tn, "api", "net-"+tn)
				args[len(args)-1] = "JWT_SECRET=changeme"
				e.MustDocker(t, runArgs(args, nil, base)...)
			}
		}, want: map[string]audit.Status{"CTR-013": audit.Fail}},
		// The sandbox kernel refuses to start a privileged container
		// ("unable to apply caps"); a created one carries the same
		// HostConfig.Privileged, and the recorded fixture covers a running one.
		{name: "privileged container created", networks: []string{"net-a"}, setup: func(t *testing.T) {
			e.MustDocker(t, runArgs(hardened("a-api", "a", "api", "net-a"), nil, base)...)
			args := hardened("a-tool", "a", "api", "net-a")
			args = append([]string{"create"}, args[2:]...) // no -d for create
			e.MustDocker(t, runArgs(args, []string{"--privileged"}, base)...)
		}, want: map[string]audit.Status{"CTR-001": audit.Fail}},
	}
	t.Run("API version the engine does not speak", func(t *testing.T) {
		pinned := container.New(container.Options{Host: e.Host, APIVersion: "1.99", VulnDB: dbDir, TempDir: t.TempDir()})
		got, f := judge(t, pinned, target.NewLocal(), now, overrides)
		assertVerdicts(t, got, nil, audit.Error)
		if msg := f.Errors["container.containers"]; !strings.Contains(msg, "1.99") {
			t.Errorf("errors[container.containers] = %q; want the API version asked for", msg)
		}
	})
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			for _, n := range sc.networks {
				e.MustDocker(t, "network", "create", n)
			}
			t.Cleanup(func() {
				if ids, _ := e.Docker("ps", "-aq"); ids != "" {
					_, _ = e.Docker(append([]string{"rm", "-f"}, strings.Fields(ids)...)...)
				}
				for _, n := range sc.networks {
					_, _ = e.Docker("network", "rm", n)
				}
			})
			start := time.Now()
			sc.setup(t)
			setup := time.Since(start)
			got, facts := judge(t, s, target.NewLocal(), now, overrides)
			t.Logf("setup %v, scan and judge %v", setup, time.Since(start)-setup)
			assertVerdicts(t, got, sc.want, audit.Pass)
			b, err := json.Marshal(facts)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), baked) || strings.Contains(string(b), "changeme") {
				t.Errorf("facts carry a secret value in clear")
			}
		})
	}
}
