// Package container reads a Docker Engine and its images: every container's
// configuration (privileges, capabilities, namespaces, mounts, published
// ports, restart policy, healthcheck, user, labels), the networks joining
// them, the changes running containers made under package databases, and,
// from the images themselves, their config, installed packages and
// secret-looking values (hashed, never copied). Installed packages are
// matched against an offline vulnerability database (package vuln).
//
// On a local target the engine is reached through DOCKER_HOST or
// /var/run/docker.sock; a dir: target answers from a recording under
// .vouch/docker/ (see fixtures/hosts/README.md).
package container

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	ctypes "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/container/vuln"
	"github.com/vouch-audit/vouch/target"
)

// Options configure the scanner. The zero value reads the engine named by
// DOCKER_HOST or /var/run/docker.sock with no vulnerability database.
type Options struct {
	// Host is the engine address (unix:///path or tcp://host:port); empty
	// means DOCKER_HOST, else unix:///var/run/docker.sock.
	Host string
	// APIVersion pins the Engine API version; empty negotiates.
	APIVersion string
	// VulnDB is a directory holding trivy.db and metadata.json.
	VulnDB string
	// Images are extra images to inventory: docker-archive:PATH or oci:PATH.
	Images []string
	// Timeout bounds each Engine API call (default 10s).
	Timeout time.Duration
	// MaxImageBytes caps an image saved from the engine (default 8 GiB).
	MaxImageBytes int64
	// TempDir holds images saved from the engine while they are read.
	TempDir string
	// Getenv reads the environment (default os.Getenv).
	Getenv func(string) string
}

// Scanner collects the container section.
type Scanner struct {
	opts Options
}

var (
	_ scanners.Scanner = (*Scanner)(nil)
	_ scanners.Applier = (*Scanner)(nil)
)

// New returns a container scanner.
func New(o Options) *Scanner {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MaxImageBytes <= 0 {
		o.MaxImageBytes = 8 << 30
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	return &Scanner{opts: o}
}

// Name is the facts section key.
func (*Scanner) Name() string { return "container" }

// Applies to this machine and to recorded trees, where an engine can be.
func (*Scanner) Applies(t target.Target) bool {
	k := t.Info().Kind
	return k == "local" || k == "dir"
}

// factPaths are the error keys the scanner reports.
var factPaths = []string{"container.containers", "container.networks", "container.images"}

// dockerdPaths are where an installed engine leaves its binary or socket.
var dockerdPaths = []string{
	"/usr/bin/dockerd", "/usr/sbin/dockerd", "/usr/local/bin/dockerd", "/bin/dockerd", "/sbin/dockerd",
	"/var/run/docker.sock", "/run/docker.sock", "/lib/systemd/system/docker.service", "/usr/lib/systemd/system/docker.service",
}

// Scan reads the engine, the images its containers run and the configured
// image archives, and matches them against the vulnerability database.
func (s *Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f, err := s.scan(ctx, t, c)
	if err != nil {
		return nil, err
	}
	// Archives join the engine's images when the engine was read, or when
	// there is none; an unreadable engine leaves container.images an error,
	// which archives alone must not turn into a pass.
	if f.Engine.Reachable || !f.Engine.Installed {
		for id, im := range s.archives(ctx) {
			if f.Images == nil {
				f.Images = map[string]Image{}
			}
			f.Images[id] = im
		}
	}
	if f.Engine.Reachable || len(f.Images) > 0 {
		s.vulns(ctx, f, c)
	}
	return f, nil
}

func (s *Scanner) scan(ctx context.Context, t target.Target, c *scanners.Collection) (*Facts, error) {
	f := &Facts{}
	var src source
	switch t.Info().Kind {
	case "dir":
		if rec, ok := recordedAbsent(t); ok {
			f.Engine = rec
			return f, nil
		}
		if _, err := t.Stat(RecordDir + "/containers.json"); err != nil {
			for _, p := range factPaths {
				c.Errorf(p, "%v under %s", ErrNotRecorded, RecordDir)
			}
			return nil, ErrNotRecorded
		}
		src = &recorded{t: t}
		f.Engine = Engine{Installed: true, Evidence: []string{RecordDir}}
	default:
		host := s.opts.Host
		if host == "" {
			host = s.opts.Getenv("DOCKER_HOST")
			if host != "" {
				f.Engine.Evidence = append(f.Engine.Evidence, "DOCKER_HOST="+host)
			}
		} else {
			f.Engine.Evidence = append(f.Engine.Evidence, "configured host "+host)
		}
		if host == "" {
			host = "unix:///var/run/docker.sock"
		}
		for _, p := range dockerdPaths {
			if _, err := t.Lstat(p); err == nil {
				f.Engine.Evidence = append(f.Engine.Evidence, p)
			}
		}
		f.Engine.Endpoint = host
		if len(f.Engine.Evidence) == 0 {
			return f, nil // certain: nothing of an engine here
		}
		f.Engine.Installed = true
		l, err := newLive(host, s.opts.APIVersion, s.opts.Timeout, s.opts.MaxImageBytes, s.opts.TempDir)
		if err != nil {
			return s.unreachable(f, c, err), nil
		}
		src = l
	}
	defer src.close()
	f.Engine.Endpoint = src.endpoint()
	ver, api, err := src.version(ctx)
	if err != nil {
		if why := stopped(f.Engine.Endpoint); why != "" {
			return s.notRunning(f, c, why), nil
		}
		return s.unreachable(f, c, err), nil
	}
	f.Engine.Reachable, f.Engine.Version, f.Engine.APIVersion = true, ver, api
	if want := s.opts.APIVersion; want != "" && api != "" && versionLess(api, want) {
		return s.unreachable(f, c, fmt.Errorf("docker engine at %s speaks API up to %s; vouch was asked for %s", f.Engine.Endpoint, api, want)), nil
	}

	raw, err := src.containers(ctx)
	if err != nil {
		c.Errorf("container.containers", "%v", err)
		c.Errorf("container.images", "containers not listed: %v", err)
	} else {
		f.Containers = make([]Container, len(raw))
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for i, r := range raw {
			f.Containers[i] = convert(r)
			if !f.Containers[i].Running {
				continue
			}
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				ch, err := src.diff(ctx, r)
				if err != nil {
					f.Containers[i].DiffError = err.Error()
					return
				}
				f.Containers[i].PackageChanges = packageChanges(ch)
			}()
		}
		wg.Wait()
		sort.Slice(f.Containers, func(i, j int) bool { return f.Containers[i].Name < f.Containers[j].Name })
	}
	if nets, err := src.networks(ctx); err != nil {
		c.Errorf("container.networks", "%v", err)
	} else if f.Containers != nil {
		f.Networks = members(nets, f.Containers)
	}
	if f.Containers != nil {
		f.Images = s.images(ctx, src, f.Containers)
	}
	return f, nil
}

// recordedAbsent reads RecordDir/engine.json, where a recording states that
// the host has no engine at all: {"installed": false}.
func recordedAbsent(t target.Target) (Engine, bool) {
	b, err := t.ReadFile(RecordDir+"/engine.json", 64<<10)
	if err != nil {
		return Engine{}, false
	}
	var e struct {
		Installed *bool `json:"installed"`
	}
	if json.Unmarshal(b, &e) != nil || e.Installed == nil || *e.Installed {
		return Engine{}, false
	}
	return Engine{Installed: false, Evidence: []string{RecordDir + "/engine.json"}}, true
}

// unreachable records why the engine could not be read: every container
// fact is then missing with that reason, and the rest of the run goes on.
func (s *Scanner) unreachable(f *Facts, c *scanners.Collection, err error) *Facts {
	return s.unread(f, c, err.Error(), "docker engine installed but not readable: "+err.Error())
}

// stopped says how an engine at a unix:// endpoint the client could not
// reach shows that it is not running: no socket, or a stale one nothing
// listens on (dockerd killed without cleaning up). The client's error drops
// the dial's reason, so the socket, on this machine, is dialled once more.
// It is "" for any other failure, and for other endpoints.
func stopped(endpoint string) string {
	sock, ok := strings.CutPrefix(endpoint, "unix://")
	if !ok {
		return ""
	}
	conn, err := net.DialTimeout("unix", sock, time.Second)
	switch {
	case err == nil:
		conn.Close()
	case errors.Is(err, fs.ErrNotExist):
		return "no socket at " + sock
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nothing listens on " + sock
	}
	return ""
}

// notRunning records an engine that is installed but stopped (why says how
// that shows): the containers cannot be read, so every container fact is
// missing with that reason, said plainly rather than as a dial error.
func (s *Scanner) notRunning(f *Facts, c *scanners.Collection, why string) *Facts {
	return s.unread(f, c, "not running: "+why,
		fmt.Sprintf("docker engine installed but not running (%s): start dockerd, or point DOCKER_HOST at a running engine", why))
}

// unread marks the engine unreadable (engineErr in its facts) and every
// container fact missing with msg.
func (*Scanner) unread(f *Facts, c *scanners.Collection, engineErr, msg string) *Facts {
	f.Engine.Reachable = false
	f.Engine.Error = engineErr
	for _, p := range factPaths {
		c.Errorf(p, "%s", msg)
	}
	return f
}

// images inventories each distinct image the containers use.
func (s *Scanner) images(ctx context.Context, src source, cs []Container) map[string]Image {
	ids := map[string]bool{}
	var order []string
	for _, c := range cs {
		if c.ImageID != "" && !ids[c.ImageID] {
			ids[c.ImageID] = true
			order = append(order, c.ImageID)
		}
	}
	out := make(map[string]Image, len(order)+len(s.opts.Images))
	var mu sync.Mutex
	parallel(len(order), 2, func(i int) {
		id := order[i]
		im := Image{ID: id, Source: "engine"}
		img, refs, cleanup, err := src.image(ctx, id)
		if err != nil {
			im.InventoryError = err.Error()
		} else {
			got, err := Inventory(img, "engine")
			cleanup()
			got.Refs = refs
			if got.ID != id && err == nil {
				got.InventoryError = fmt.Sprintf("saved image has config %s, not %s", got.ID, id)
			}
			got.ID = id
			im = got
		}
		mu.Lock()
		out[id] = im
		mu.Unlock()
	})
	return tidy(out)
}

// archives inventories the configured image archives, keyed by image id.
func (s *Scanner) archives(ctx context.Context) map[string]Image {
	out := map[string]Image{}
	for _, spec := range s.opts.Images {
		// A registry image is read over the network: bound the whole of it.
		actx, cancel := context.WithTimeout(ctx, 30*s.opts.Timeout)
		img, err := OpenImage(actx, spec)
		if err != nil {
			cancel()
			out[spec] = Image{ID: spec, Source: spec, InventoryError: err.Error()}
			continue
		}
		got, _ := Inventory(img, spec)
		cancel()
		if got.ID == "" {
			got.ID = spec
		}
		got.Refs = []string{spec}
		out[got.ID] = got
	}
	return tidy(out)
}

func tidy(out map[string]Image) map[string]Image {
	for k, im := range out {
		if im.Refs == nil {
			im.Refs = []string{}
		}
		if im.Values == nil {
			im.Values = []Value{}
		}
		out[k] = im
	}
	return out
}

// vulns matches every inventoried image against the configured database.
func (s *Scanner) vulns(ctx context.Context, f *Facts, c *scanners.Collection) {
	db, err := vuln.Open(s.opts.VulnDB)
	if err != nil {
		c.Errorf("container.vuln_db", "%v", err)
		return
	}
	defer db.Close()
	f.VulnDB = &VulnDB{Path: db.Dir, UpdatedAt: db.Meta.UpdatedAt.UTC().Format(time.RFC3339), Schema: db.Meta.Schema}
	if !db.Meta.NextUpdate.IsZero() {
		f.VulnDB.NextUpdate = db.Meta.NextUpdate.UTC().Format(time.RFC3339)
	}
	for id, im := range f.Images {
		switch {
		case im.InventoryError != "":
			im.VulnError = "image not inventoried: " + im.InventoryError
		case im.OS == nil:
			im.VulnError = "no os-release in the image; its distribution is unknown"
		case len(im.Packages) == 0:
			im.Vulnerabilities = []Vulnerability{}
		default:
			pkgs := make([]vuln.Package, 0, len(im.Packages))
			for n, p := range im.Packages {
				pkgs = append(pkgs, vuln.Package{Name: n, Version: p.Version, SourceName: p.SourceName, SourceVersion: p.SourceVersion, Arch: p.Arch})
			}
			found, err := db.Match(ctx, im.OS.ID, im.OS.VersionID, pkgs)
			if err != nil {
				im.VulnError = err.Error()
				break
			}
			im.Vulnerabilities = make([]Vulnerability, 0, len(found))
			for _, v := range found {
				im.Vulnerabilities = append(im.Vulnerabilities, Vulnerability(v))
			}
		}
		f.Images[id] = im
	}
}

// packageDBPaths are the package databases whose changes docker diff
// reports; controls choose among them with package_db_paths.
var packageDBPaths = []string{"/var/lib/dpkg", "/var/lib/apk", "/lib/apk", "/var/lib/rpm", "/usr/lib/sysimage/rpm"}

func packageChanges(ch []ctypes.FilesystemChange) []Change {
	out := []Change{}
	for _, c := range ch {
		for _, d := range packageDBPaths {
			if c.Path == d || strings.HasPrefix(c.Path, d+"/") {
				kind := map[ctypes.ChangeType]string{ctypes.ChangeModify: "changed", ctypes.ChangeAdd: "added", ctypes.ChangeDelete: "deleted"}[c.Kind]
				out = append(out, Change{Path: c.Path, Kind: kind})
				break
			}
		}
	}
	return out
}

// members lists each network with the containers attached to it.
func members(nets []network.Summary, cs []Container) []Network {
	byName := map[string][]string{}
	for _, c := range cs {
		for _, n := range c.Networks {
			byName[n] = append(byName[n], c.Name)
		}
	}
	out := make([]Network, 0, len(nets))
	for _, n := range nets {
		m := byName[n.Name]
		if m == nil {
			m = []string{}
		}
		sort.Strings(m)
		out = append(out, Network{ID: n.ID, Name: n.Name, Driver: n.Driver, Members: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// convert turns an engine inspect document into container facts.
func convert(r ctypes.InspectResponse) Container {
	c := Container{ID: r.ID, Name: strings.TrimPrefix(r.Name, "/"), ImageID: r.Image, Labels: map[string]string{},
		CapAdd: []string{}, CapDrop: []string{}, SecurityOpt: []string{}, Mounts: []Mount{}, Ports: []Port{}, Networks: []string{}, Env: []Value{}}
	if r.State != nil {
		c.State = string(r.State.Status)
		c.Running = r.State.Running
	}
	if cfg := r.Config; cfg != nil {
		c.Image = cfg.Image
		c.User = cfg.User
		c.Labels = safeLabels(cfg.Labels)
		c.Env = envValues("env", cfg.Env)
		if h := cfg.Healthcheck; h != nil && len(h.Test) > 0 {
			c.Healthcheck = &Healthcheck{Test: h.Test, Disabled: h.Test[0] == "NONE"}
		}
	}
	c.PinnedByDigest = pinned(c.Image)
	c.RunsAsRoot = isRoot(c.User)
	if h := r.HostConfig; h != nil {
		c.Privileged = h.Privileged
		c.CapAdd = nonNil(h.CapAdd)
		c.CapDrop = nonNil(h.CapDrop)
		c.SecurityOpt = nonNil(h.SecurityOpt)
		for _, o := range h.SecurityOpt {
			o = strings.ReplaceAll(o, "=", ":")
			if o == "no-new-privileges" || o == "no-new-privileges:true" {
				c.NoNewPrivileges = true
			}
		}
		c.ReadOnlyRootfs = h.ReadonlyRootfs
		c.NetworkMode = string(h.NetworkMode)
		c.PIDMode = string(h.PidMode)
		c.IPCMode = string(h.IpcMode)
		c.UTSMode = string(h.UTSMode)
		c.RestartPolicy = RestartPolicy{Name: string(h.RestartPolicy.Name), MaximumRetryCount: h.RestartPolicy.MaximumRetryCount}
		if c.RestartPolicy.Name == "" {
			c.RestartPolicy.Name = "no"
		}
		if r.NetworkSettings == nil || len(r.NetworkSettings.Ports) == 0 {
			c.Ports = ports(h.PortBindings)
		}
	}
	for _, m := range r.Mounts {
		c.Mounts = append(c.Mounts, Mount{Type: string(m.Type), Source: m.Source, Destination: m.Destination, RW: m.RW, Mode: m.Mode})
	}
	if ns := r.NetworkSettings; ns != nil {
		if len(ns.Ports) > 0 {
			c.Ports = ports(ns.Ports)
		}
		for n := range ns.Networks {
			c.Networks = append(c.Networks, n)
		}
		sort.Strings(c.Networks)
	}
	return c
}

func ports(pm network.PortMap) []Port {
	out := []Port{}
	for p, bs := range pm {
		for _, b := range bs {
			ip := ""
			if b.HostIP.IsValid() {
				ip = b.HostIP.String()
			}
			out = append(out, Port{ContainerPort: fmt.Sprint(p.Num()), Protocol: string(p.Proto()), HostIP: ip, HostPort: b.HostPort})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.ContainerPort+a.Protocol+a.HostIP+a.HostPort < b.ContainerPort+b.Protocol+b.HostIP+b.HostPort
	})
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// pinned reports whether an image reference names content: repo@sha256:...
// or an image id (sha256:... or a bare 64-hex id).
func pinned(ref string) bool {
	if strings.Contains(ref, "@sha256:") {
		return true
	}
	id := strings.TrimPrefix(ref, "sha256:")
	if len(id) != 64 {
		return false
	}
	for _, r := range id {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// isRoot reports whether a user spec ("", "0", "root", "0:0", "root:app")
// runs as uid 0.
func isRoot(user string) bool {
	u, _, _ := strings.Cut(user, ":")
	return u == "" || u == "0" || u == "root"
}

// versionLess compares dotted API versions ("1.41" < "1.45").
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			fmt.Sscan(as[i], &x)
		}
		if i < len(bs) {
			fmt.Sscan(bs[i], &y)
		}
		if x != y {
			return x < y
		}
	}
	return false
}
