package enforcer

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/scanners/host"
)

// hardened is the runtime state that passes HOST-001 and HOST-013.
func hardened() map[string]string {
	return map[string]string{
		"net.ipv6.conf.all.disable_ipv6":     "1",
		"net.ipv6.conf.default.disable_ipv6": "1",
		"kernel.randomize_va_space":          "2",
		"net.ipv4.tcp_syncookies":            "1",
		"net.ipv4.conf.all.accept_redirects": "0",
		"net.ipv4.conf.all.send_redirects":   "0",
		"net.ipv4.conf.all.rp_filter":        "1",
	}
}

// persistedIn says every key of m is set to its value in file.
func persistedIn(file string, m map[string]string) map[string]host.PersistedSysctl {
	out := map[string]host.PersistedSysctl{}
	n := 1
	for k, v := range m {
		out[k] = host.PersistedSysctl{Value: v, File: file, Line: n}
		n++
	}
	return out
}

func with[K comparable, V any](m map[K]V, k K, v V) map[K]V {
	m = maps.Clone(m)
	m[k] = v
	return m
}

// procTree is a tree holding runtime values for the keys of m.
func procTree(m map[string]string, extra map[string]string) map[string]string {
	files := map[string]string{}
	for k, v := range m {
		files[strings.TrimPrefix(procPath(k), "/")] = v + "\n"
	}
	for p, c := range extra {
		files[p] = c
	}
	return files
}

func TestSysctlPlan(t *testing.T) {
	type want struct {
		path, after string // after "" means do not compare
		created     bool
		runtime     bool
		controls    string
	}
	cases := []struct {
		name     string
		runtime  map[string]string
		persist  map[string]host.PersistedSysctl
		files    map[string]string
		params   map[string]any
		failing  []string
		want     []want
		wantDesc string // a substring of the first change's description
		wantErr  string
	}{
		{
			name:    "IPv6 enabled and not persisted gets the drop-in and two runtime writes",
			runtime: with(with(hardened(), "net.ipv6.conf.all.disable_ipv6", "0"), "net.ipv6.conf.default.disable_ipv6", "0"),
			persist: persistedIn("/etc/sysctl.d/10-base.conf", map[string]string{"kernel.randomize_va_space": "2"}),
			failing: []string{"HOST-001"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true, controls: "HOST-001", after: "# Kernel parameters set by vouch enforce (HOST-001, HOST-013).\n" +
					"# Lines may be edited; vouch rewrites only the keys it needs.\n" +
					"net.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv6.conf.default.disable_ipv6 = 1\n"},
				{path: "/proc/sys/net/ipv6/conf/all/disable_ipv6", runtime: true, controls: "HOST-001", after: "1\n"},
				{path: "/proc/sys/net/ipv6/conf/default/disable_ipv6", runtime: true, controls: "HOST-001", after: "1\n"},
			},
			wantDesc: "net.ipv6.conf.all.disable_ipv6 = 1 (HOST-001)",
		},
		{
			name:    "IPv6 allowed by the profile changes nothing",
			runtime: with(hardened(), "net.ipv6.conf.all.disable_ipv6", "0"),
			params:  map[string]any{"ipv6_allowed": true},
			failing: []string{"HOST-001"},
		},
		{
			name:    "a passing control is left alone even if its keys are off",
			runtime: with(hardened(), "kernel.randomize_va_space", "0"),
			failing: []string{"HOST-001"},
			persist: persistedIn("/etc/sysctl.d/10-base.conf", hardened()),
		},
		{
			name:    "only the key that is off is touched",
			runtime: with(hardened(), "kernel.randomize_va_space", "1"),
			persist: persistedIn("/etc/sysctl.d/10-base.conf", with(hardened(), "kernel.randomize_va_space", "1")),
			failing: []string{"HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true, controls: "HOST-013"},
				{path: "/proc/sys/kernel/randomize_va_space", runtime: true, controls: "HOST-013", after: "2\n"},
			},
		},
		{
			name:    "right at runtime but not persisted is persisted only",
			runtime: hardened(),
			persist: persistedIn("/etc/sysctl.d/10-base.conf", map[string]string{"net.ipv4.tcp_syncookies": "1", "net.ipv4.conf.all.accept_redirects": "0", "net.ipv4.conf.all.send_redirects": "0", "net.ipv4.conf.all.rp_filter": "1"}),
			failing: []string{"HOST-013"},
			want: []want{{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true, controls: "HOST-013",
				after: "# Kernel parameters set by vouch enforce (HOST-001, HOST-013).\n# Lines may be edited; vouch rewrites only the keys it needs.\nkernel.randomize_va_space = 2\n"}},
		},
		{
			name:     "a key the running kernel lacks is left alone and said so",
			runtime:  with(delete2(hardened(), "net.ipv4.conf.all.rp_filter"), "kernel.randomize_va_space", "0"),
			persist:  persistedIn("/etc/sysctl.d/10-base.conf", with(hardened(), "kernel.randomize_va_space", "0")),
			failing:  []string{"HOST-013"},
			want:     []want{{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true}, {path: "/proc/sys/kernel/randomize_va_space", runtime: true}},
			wantDesc: "not on the running kernel, left alone: net.ipv4.conf.all.rp_filter",
		},
		{
			name:    "a later file overriding the drop-in moves it to 99",
			runtime: with(hardened(), "net.ipv4.conf.all.accept_redirects", "1"),
			persist: with(persistedIn("/etc/sysctl.d/10-base.conf", hardened()), "net.ipv4.conf.all.accept_redirects",
				host.PersistedSysctl{Value: "1", File: "/etc/sysctl.d/70-router.conf", Line: 2}),
			files:   map[string]string{"etc/sysctl.d/70-router.conf": "# router\nnet.ipv4.conf.all.accept_redirects = 1\n"},
			failing: []string{"HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/99-vouch-hardening.conf", created: true, controls: "HOST-013"},
				{path: "/proc/sys/net/ipv4/conf/all/accept_redirects", runtime: true, after: "0\n"},
			},
			wantDesc: "named 99-vouch-hardening.conf so it is read after /etc/sysctl.d/70-router.conf",
		},
		{
			name:    "/etc/sysctl.conf, read last, is fixed in place too",
			runtime: with(hardened(), "net.ipv4.conf.all.send_redirects", "1"),
			persist: with(persistedIn("/etc/sysctl.d/10-base.conf", hardened()), "net.ipv4.conf.all.send_redirects",
				host.PersistedSysctl{Value: "1", File: "/etc/sysctl.conf", Line: 3}),
			files:   map[string]string{"etc/sysctl.conf": "# sysctl.conf\n#net.ipv4.conf.all.send_redirects = 0\nnet.ipv4.conf.all.send_redirects=1\nvm.swappiness = 10\n"},
			failing: []string{"HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true},
				{path: "/etc/sysctl.conf", controls: "HOST-013", after: "# sysctl.conf\n#net.ipv4.conf.all.send_redirects = 0\nnet.ipv4.conf.all.send_redirects = 0\nvm.swappiness = 10\n"},
				{path: "/proc/sys/net/ipv4/conf/all/send_redirects", runtime: true},
			},
		},
		{
			name:    "Debian's 99-sysctl.conf link is treated as /etc/sysctl.conf",
			runtime: hardened(),
			persist: with(persistedIn("/etc/sysctl.d/10-base.conf", hardened()), "net.ipv4.tcp_syncookies",
				host.PersistedSysctl{Value: "0", File: "/etc/sysctl.d/99-sysctl.conf", Line: 1}),
			files:   map[string]string{"etc/sysctl.conf": "net.ipv4.tcp_syncookies = 0\n", "etc/sysctl.d/99-sysctl.conf": "@link ../sysctl.conf"},
			failing: []string{"HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true},
				{path: "/etc/sysctl.conf", after: "net.ipv4.tcp_syncookies = 1\n"},
			},
		},
		{
			name:    "an existing drop-in is merged, comments and other keys kept",
			runtime: with(with(hardened(), "net.ipv6.conf.all.disable_ipv6", "0"), "kernel.randomize_va_space", "1"),
			persist: with(with(persistedIn("/etc/sysctl.d/10-base.conf", hardened()),
				"kernel.randomize_va_space", host.PersistedSysctl{Value: "1", File: "/etc/sysctl.d/60-vouch-hardening.conf", Line: 3}),
				"net.ipv6.conf.all.disable_ipv6", host.PersistedSysctl{Value: "0", File: "/etc/sysctl.d/10-base.conf", Line: 9}),
			files: map[string]string{"etc/sysctl.d/60-vouch-hardening.conf": "# ours, edited by hand\nvm.swappiness = 10\n" +
				"kernel.randomize_va_space=1 \n; keep this\n"},
			failing: []string{"HOST-001", "HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", controls: "HOST-001,HOST-013", after: "# ours, edited by hand\nvm.swappiness = 10\n" +
					"kernel.randomize_va_space = 2\n; keep this\nnet.ipv6.conf.all.disable_ipv6 = 1\n"},
				{path: "/proc/sys/kernel/randomize_va_space", runtime: true, controls: "HOST-013"},
				{path: "/proc/sys/net/ipv6/conf/all/disable_ipv6", runtime: true, controls: "HOST-001"},
			},
		},
		{
			name:    "kernel_sysctls from the profile replaces the default list",
			runtime: with(hardened(), "kernel.kptr_restrict", "0"),
			params:  map[string]any{"kernel_sysctls": map[string]any{"kernel.kptr_restrict": float64(2)}},
			failing: []string{"HOST-013"},
			want: []want{
				{path: "/etc/sysctl.d/60-vouch-hardening.conf", created: true},
				{path: "/proc/sys/kernel/kptr_restrict", runtime: true, after: "2\n"},
			},
		},
		{
			name:    "whitespace in values is not a difference",
			runtime: with(hardened(), "net.ipv4.ip_local_port_range", "32768 60999"),
			persist: with(persistedIn("/etc/sysctl.d/10-base.conf", hardened()), "net.ipv4.ip_local_port_range",
				host.PersistedSysctl{Value: "32768\t60999", File: "/etc/sysctl.d/10-base.conf"}),
			params:  map[string]any{"kernel_sysctls": map[string]any{"net.ipv4.ip_local_port_range": "32768  60999"}},
			failing: []string{"HOST-013"},
		},
		{
			name:    "a key that could leave /proc/sys is refused",
			runtime: hardened(),
			params:  map[string]any{"kernel_sysctls": map[string]any{"kernel/../../../etc/passwd": "x"}},
			failing: []string{"HOST-013"},
			wantErr: "is not a sysctl key",
		},
		{
			name:    "missing facts are an error, not an empty plan",
			failing: []string{"HOST-001"},
			wantErr: "host.sysctl was not collected",
		},
		{
			name:    "a parameter of the wrong type is an error naming it",
			runtime: hardened(),
			params:  map[string]any{"ipv6_allowed": "no"},
			failing: []string{"HOST-001"},
			wantErr: "ipv6_allowed",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := procTree(tc.runtime, nil)
			links := map[string]string{}
			for p, c := range tc.files {
				if dest, ok := strings.CutPrefix(c, "@link "); ok {
					links[p] = dest
					continue
				}
				files[p] = c
			}
			d, root := newTree(t, files)
			for p, dest := range links {
				symlink(t, root, p, dest)
			}
			in := Input{Params: tc.params, Failing: tc.failing}
			if tc.runtime != nil {
				persist := tc.persist
				if persist == nil {
					persist = map[string]host.PersistedSysctl{}
				}
				in.Facts = &host.Facts{Sysctl: &host.Sysctl{Runtime: tc.runtime, Persisted: persist}}
			} else {
				in.Facts = &host.Facts{}
			}
			got, err := Sysctl{}.Plan(context.Background(), d, in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Plan error = %v; want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("Plan = %q; want %d changes %v", paths(got), len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				c := got[i]
				if c.Path != w.path || c.Created != w.created || c.Runtime != w.runtime {
					t.Errorf("change %d = %s created=%v runtime=%v; want %s created=%v runtime=%v", i, c.Path, c.Created, c.Runtime, w.path, w.created, w.runtime)
				}
				if w.after != "" && string(c.After) != w.after {
					t.Errorf("change %d (%s) writes\n%s\nwant\n%s", i, c.Path, c.After, w.after)
				}
				if w.controls != "" && strings.Join(c.Controls, ",") != w.controls {
					t.Errorf("change %d (%s) is for %v; want %s", i, c.Path, c.Controls, w.controls)
				}
				if !c.Runtime && !c.Created && c.Mode.Perm() != 0o644 {
					t.Errorf("change %d (%s) mode %v; want the file's own 0644", i, c.Path, c.Mode)
				}
				if c.Description == "" {
					t.Errorf("change %d (%s) has no description", i, c.Path)
				}
			}
			if tc.wantDesc != "" && !strings.Contains(got[0].Description, tc.wantDesc) {
				t.Errorf("description %q; want it to say %q", got[0].Description, tc.wantDesc)
			}
		})
	}
}

func delete2(m map[string]string, k string) map[string]string {
	m = maps.Clone(m)
	delete(m, k)
	return m
}

func TestSetSysctls(t *testing.T) {
	ws := []sysctlWant{{key: "net.ipv4.conf.all.rp_filter", value: "1"}, {key: "kernel.randomize_va_space", value: "2"}}
	cases := []struct{ name, in, want string }{
		{"slash form and ignore-errors prefix keep their spelling", "-net/ipv4/conf/all/rp_filter=0\n", "-net/ipv4/conf/all/rp_filter = 1\nkernel.randomize_va_space = 2\n"},
		{"every assignment of a key is set", "kernel.randomize_va_space = 0\nkernel.randomize_va_space = 1\n", "kernel.randomize_va_space = 2\nkernel.randomize_va_space = 2\nnet.ipv4.conf.all.rp_filter = 1\n"},
		{"a missing final newline is added before appending", "vm.swappiness = 1", "vm.swappiness = 1\nnet.ipv4.conf.all.rp_filter = 1\nkernel.randomize_va_space = 2\n"},
		{"comments naming a key are kept", "# kernel.randomize_va_space = 0\n; net.ipv4.conf.all.rp_filter = 0\n", "# kernel.randomize_va_space = 0\n; net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.all.rp_filter = 1\nkernel.randomize_va_space = 2\n"},
		{"CRLF line ends survive", "kernel.randomize_va_space = 0\r\n", "kernel.randomize_va_space = 2\r\nnet.ipv4.conf.all.rp_filter = 1\n"},
	}
	for _, tc := range cases {
		if got := string(setSysctls([]byte(tc.in), ws, true)); got != tc.want {
			t.Errorf("%s: setSysctls(%q) = %q; want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
