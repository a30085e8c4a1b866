package enforcer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// Sysctl fixes kernel parameters (HOST-001: IPv6 disabled; HOST-013: hardening
// sysctls) at runtime and for the next boot. It writes one drop-in in
// /etc/sysctl.d holding every key that is off or not persisted — merged into
// the drop-in's existing content, comments kept — and writes each key that is
// off at runtime to /proc/sys, as `sysctl -w` would. Keys the running kernel
// does not have are left alone: there is nothing to set, and persisting them
// only makes the boot log complain.
//
// systemd-sysctl reads the *.conf files of every sysctl.d directory in the
// order of their file names, later files winning, and procps reads
// /etc/sysctl.conf after them all. When a file read after the drop-in sets a
// key to another value, the drop-in is named 99-vouch-hardening.conf so it
// comes last; a file even that name cannot follow (/etc/sysctl.conf, or a
// name sorting after it) has the key set in place.
type Sysctl struct{}

var _ Remediation = Sysctl{}

// The drop-in's directory and its two possible names.
const (
	sysctlDir      = "/etc/sysctl.d"
	sysctlDropIn   = "60-vouch-hardening.conf"
	sysctlLateName = "99-vouch-hardening.conf"
	sysctlConf     = "/etc/sysctl.conf"
)

// defaultKernelSysctls is HOST-013's kernel_sysctls default.
func defaultKernelSysctls() map[string]string {
	return map[string]string{
		"kernel.randomize_va_space":          "2",
		"net.ipv4.tcp_syncookies":            "1",
		"net.ipv4.conf.all.accept_redirects": "0",
		"net.ipv4.conf.all.send_redirects":   "0",
		"net.ipv4.conf.all.rp_filter":        "1",
	}
}

// Controls are HOST-001 and HOST-013.
func (Sysctl) Controls() []string { return []string{"HOST-001", "HOST-013"} }

// sysctlWant is one key a failing control wants set.
type sysctlWant struct {
	key, value, control string
}

// wanted lists the keys the failing controls want, sorted by key.
func (Sysctl) wanted(in Input) ([]sysctlWant, error) {
	var want []sysctlWant
	have := map[string]bool{}
	add := func(key, value, control string) error {
		if !validSysctlKey(key) {
			return fmt.Errorf("read param kernel_sysctls: %q is not a sysctl key", key)
		}
		if !have[key] {
			have[key] = true
			want = append(want, sysctlWant{key: key, value: normValue(value), control: control})
		}
		return nil
	}
	if in.failing("HOST-001") {
		allowed, err := paramBool(in.Params, "ipv6_allowed", false)
		if err != nil {
			return nil, err
		}
		if !allowed {
			add("net.ipv6.conf.all.disable_ipv6", "1", "HOST-001")
			add("net.ipv6.conf.default.disable_ipv6", "1", "HOST-001")
		}
	}
	if in.failing("HOST-013") {
		m, err := paramStringMap(in.Params, "kernel_sysctls", defaultKernelSysctls())
		if err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if err := add(k, m[k], "HOST-013"); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(want, func(a, b sysctlWant) int { return strings.Compare(a.key, b.key) })
	return want, nil
}

// Plan returns the drop-in, any in-place fix of a file that would override
// it, and one runtime write per key that is off on the running kernel.
func (s Sysctl) Plan(_ context.Context, t target.Target, in Input) ([]Change, error) {
	want, err := s.wanted(in)
	if err != nil || len(want) == 0 {
		return nil, err
	}
	if in.Facts == nil || in.Facts.Sysctl == nil || in.Facts.Sysctl.Runtime == nil {
		return nil, errors.New("plan sysctls: host.sysctl was not collected")
	}
	facts := in.Facts.Sysctl
	persisted := resolvePersisted(t, facts.Persisted)
	var persist, runtime []sysctlWant
	var absent []string
	for _, w := range want {
		rv, ok := facts.Runtime[w.key]
		if !ok {
			absent = append(absent, w.key)
			continue
		}
		p, ok := persisted[w.key]
		offNow := normValue(rv) != w.value
		if offNow {
			runtime = append(runtime, w)
		}
		if offNow || !ok || normValue(p.Value) != w.value {
			persist = append(persist, w)
		}
	}
	if len(persist) == 0 {
		return nil, nil
	}

	name, err := s.dropInName(t, persist, persisted)
	if err != nil {
		return nil, err
	}
	dropIn := path.Join(sysctlDir, name)
	var changes []Change
	c, err := s.dropInChange(t, dropIn, persist, absent)
	if err != nil {
		return nil, err
	}
	if c != nil {
		var beaten []string
		for _, f := range laterFiles(persist, persisted, sysctlDropIn) {
			if !readsAfter(f, dropIn) {
				beaten = append(beaten, f)
			}
		}
		if name == sysctlLateName && len(beaten) > 0 {
			c.Description += "; named " + name + " so it is read after " + strings.Join(beaten, ", ") +
				", which would otherwise override it at boot"
		}
		changes = append(changes, *c)
	}

	// Files read even after the drop-in keep their say at boot: fix the key there.
	overriders := map[string][]sysctlWant{}
	var files []string
	for _, w := range persist {
		p, ok := persisted[w.key]
		if !ok || normValue(p.Value) == w.value || !readsAfter(p.File, dropIn) {
			continue
		}
		if _, seen := overriders[p.File]; !seen {
			files = append(files, p.File)
		}
		overriders[p.File] = append(overriders[p.File], w)
	}
	slices.Sort(files)
	for _, f := range files {
		c, err := s.overrideChange(t, f, overriders[f], persisted, dropIn)
		if err != nil {
			return nil, err
		}
		if c != nil {
			changes = append(changes, *c)
		}
	}

	for _, w := range runtime {
		p := procPath(w.key)
		before, err := t.ReadFile(p, 4096)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		changes = append(changes, Change{
			Controls:    []string{w.control},
			Path:        p,
			Before:      before,
			After:       []byte(w.value + "\n"),
			Description: fmt.Sprintf("set %s = %s on the running kernel (now %s)", w.key, w.value, normValue(string(before))),
			Runtime:     true,
		})
	}
	return changes, nil
}

// resolvePersisted names each persisted key's file by where its bytes are:
// Debian's /etc/sysctl.d/99-sysctl.conf is a link to /etc/sysctl.conf, which
// procps reads last of all, and an edit belongs in the file itself.
func resolvePersisted(t target.Target, in map[string]host.PersistedSysctl) map[string]host.PersistedSysctl {
	out := make(map[string]host.PersistedSysctl, len(in))
	resolved := map[string]string{}
	for k, p := range in {
		r, seen := resolved[p.File]
		if !seen {
			r = p.File
			if dest, err := t.Readlink(p.File); err == nil {
				if !path.IsAbs(dest) {
					dest = path.Join(path.Dir(p.File), dest)
				}
				r = path.Clean(dest)
			}
			resolved[p.File] = r
		}
		p.File = r
		out[k] = p
	}
	return out
}

// dropInName picks the drop-in's name: an existing late drop-in is kept;
// otherwise the usual name, unless a file read after it sets a key we
// persist to another value and the late name would be read after that file.
func (Sysctl) dropInName(t target.Target, persist []sysctlWant, persisted map[string]host.PersistedSysctl) (string, error) {
	if _, err := t.Stat(path.Join(sysctlDir, sysctlLateName)); err == nil {
		return sysctlLateName, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("stat %s: %w", path.Join(sysctlDir, sysctlLateName), err)
	}
	late := path.Join(sysctlDir, sysctlLateName)
	for _, f := range laterFiles(persist, persisted, sysctlDropIn) {
		if !readsAfter(f, late) {
			return sysctlLateName, nil
		}
	}
	return sysctlDropIn, nil
}

// laterFiles lists, sorted, the files read after the drop-in named name that
// set a key of persist to another value.
func laterFiles(persist []sysctlWant, persisted map[string]host.PersistedSysctl, name string) []string {
	var files []string
	for _, w := range persist {
		p, ok := persisted[w.key]
		if ok && normValue(p.Value) != w.value && readsAfter(p.File, path.Join(sysctlDir, name)) && !slices.Contains(files, p.File) {
			files = append(files, p.File)
		}
	}
	slices.Sort(files)
	return files
}

// readsAfter reports whether file is read after the drop-in at boot.
// /etc/sysctl.conf comes after every sysctl.d file (procps reads it last);
// otherwise files go by name, and a name shared with the drop-in is the
// drop-in itself or a file it masks.
func readsAfter(file, dropIn string) bool {
	if path.Clean(file) == sysctlConf {
		return true
	}
	return path.Base(file) > path.Base(dropIn)
}

// dropInChange writes the keys into the drop-in, keeping what it already holds.
func (Sysctl) dropInChange(t target.Target, p string, persist []sysctlWant, absent []string) (*Change, error) {
	before, exists, mode, err := current(t, p)
	if err != nil {
		return nil, err
	}
	base := before
	if !exists {
		base = []byte("# Kernel parameters set by vouch enforce (HOST-001, HOST-013).\n" +
			"# Lines may be edited; vouch rewrites only the keys it needs.\n")
		mode = 0o644
	}
	after := setSysctls(base, persist, true)
	if exists && string(after) == string(before) {
		return nil, nil
	}
	var parts []string
	for _, w := range persist {
		parts = append(parts, fmt.Sprintf("%s = %s (%s)", w.key, w.value, w.control))
	}
	desc := "persist for the next boot: " + strings.Join(parts, ", ")
	if len(absent) > 0 {
		desc += "; not on the running kernel, left alone: " + strings.Join(absent, ", ")
	}
	return &Change{
		Controls:    controlsOf(persist),
		Path:        p,
		Before:      before,
		After:       after,
		Created:     !exists,
		Mode:        mode,
		Description: desc,
	}, nil
}

// overrideChange sets the keys in place in a file read after the drop-in.
func (Sysctl) overrideChange(t target.Target, file string, ws []sysctlWant, persisted map[string]host.PersistedSysctl, dropIn string) (*Change, error) {
	before, exists, mode, err := current(t, file)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, fmt.Errorf("read %s: the facts name it, but it does not exist; scan again", file)
	}
	after := setSysctls(before, ws, false)
	if string(after) == string(before) {
		return nil, fmt.Errorf("edit %s: no assignment of %s found where the facts put it; scan again", file, ws[0].key)
	}
	var parts []string
	for _, w := range ws {
		parts = append(parts, fmt.Sprintf("%s from %s to %s (line %d)", w.key, normValue(persisted[w.key].Value), w.value, persisted[w.key].Line))
	}
	return &Change{
		Controls: controlsOf(ws),
		Path:     file,
		Before:   before,
		After:    after,
		Mode:     mode,
		Description: fmt.Sprintf("%s is read after %s at boot and would override it: set %s in place",
			file, dropIn, strings.Join(parts, ", ")),
	}, nil
}

// controlsOf lists the controls of ws, sorted and unique.
func controlsOf(ws []sysctlWant) []string {
	var ids []string
	for _, w := range ws {
		if !slices.Contains(ids, w.control) {
			ids = append(ids, w.control)
		}
	}
	slices.Sort(ids)
	return ids
}

// setSysctls sets each key of ws on the lines that assign it, keeping every
// other line, comment and the "-" prefix (ignore errors) as written; with
// appendMissing, keys no line assigns are added at the end.
func setSysctls(content []byte, ws []sysctlWant, appendMissing bool) []byte {
	value := map[string]string{}
	for _, w := range ws {
		value[w.key] = w.value
	}
	found := map[string]bool{}
	var b strings.Builder
	for _, line := range splitLines(content) {
		text := strings.TrimRight(line, "\r\n")
		body := strings.TrimSpace(text)
		if body == "" || body[0] == '#' || body[0] == ';' {
			b.WriteString(line)
			continue
		}
		prefix := ""
		if body[0] == '-' {
			prefix, body = "-", body[1:]
		}
		k, _, ok := strings.Cut(body, "=")
		k = strings.TrimSpace(k)
		v, want := value[normKey(k)]
		if !ok || !want {
			b.WriteString(line)
			continue
		}
		found[normKey(k)] = true
		b.WriteString(prefix + k + " = " + v + line[len(text):])
	}
	out := b.String()
	if appendMissing {
		for _, w := range ws {
			if found[w.key] {
				continue
			}
			if out != "" && !strings.HasSuffix(out, "\n") {
				out += "\n"
			}
			out += w.key + " = " + w.value + "\n"
		}
	}
	return []byte(out)
}

// normKey writes a key with dots: sysctl.d(5) lets a key use slashes when its
// first separator is one, with dots and slashes then swapped.
func normKey(k string) string {
	i := strings.IndexAny(k, "./")
	if i < 0 || k[i] == '.' {
		return k
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '/':
			return '.'
		case '.':
			return '/'
		}
		return r
	}, k)
}

// normValue collapses whitespace, as the host scanner reports runtime values
// ("4096\t16384" and "4096 16384" are the same setting).
func normValue(v string) string { return strings.Join(strings.Fields(v), " ") }

// procPath is where the running kernel exposes a key.
func procPath(key string) string { return "/proc/sys/" + strings.ReplaceAll(key, ".", "/") }

// validSysctlKey accepts dotted names of letters, digits, '_' and '-', so a
// parameter can never steer a write outside /proc/sys.
func validSysctlKey(k string) bool {
	if k == "" {
		return false
	}
	for _, part := range strings.Split(k, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
				return false
			}
		}
	}
	return true
}
