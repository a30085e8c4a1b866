package host

import (
	"bytes"
	"context"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const dpkgStatusPath = "/var/lib/dpkg/status"

// dpkgPackage is one installed stanza of the dpkg status file.
type dpkgPackage struct {
	Name, Version, Arch, Source string
}

// collectPackages reads the dpkg status database and logs once and derives
// every packaging fact from them: the installed packages (only those whose
// Status is "install ok installed", not half-configured, not removed with
// config), the kernels, and the pending upgrades.
func collectPackages(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	pkgs, err := readDpkgStatus(ctx, t, &notes{fact: "host.packages"}, c)
	if err != nil {
		c.Errorf("host.packages", "%v", err)
		c.Errorf("host.kernel", "read installed kernels: %v", err)
	} else {
		f.Packages = packageMap(pkgs)
	}
	logNotes := &notes{fact: "host.upgrades"}
	events, logErr := readDpkgLogs(t, logNotes)
	if logErr != nil {
		logNotes.add("last upgrade and kernel install times: %v", logErr)
	}
	logNotes.flush(c)
	if err == nil {
		collectKernel(t, c, f, pkgs, events)
	}
	collectUpgrades(ctx, t, c, f, events)
}

// readDpkgStatus reads and parses the status file, flushing parse notes to c.
// The bytes are read once per collection (the SSH scanner reads them too).
func readDpkgStatus(ctx context.Context, t target.Target, n *notes, c *scanners.Collection) ([]dpkgPackage, error) {
	b, err := scanners.SharedFile(ctx, t, dpkgStatusPath, capLarge)
	if err != nil {
		return nil, err
	}
	pkgs := parseDpkgStatus(b, dpkgStatusPath, n)
	n.flush(c)
	return pkgs, nil
}

// packageMap keys packages by name; a second architecture of the same package
// (multiarch, e.g. libc6:i386) is keyed name:arch, the native one (the
// architecture of dpkg itself) keeps the bare name.
func packageMap(pkgs []dpkgPackage) map[string]Package {
	native := ""
	for _, p := range pkgs {
		if p.Name == "dpkg" {
			native = p.Arch
		}
	}
	m := make(map[string]Package, len(pkgs))
	foreign := func(p dpkgPackage) bool { return native != "" && p.Arch != native && p.Arch != "all" }
	for _, p := range pkgs {
		if !foreign(p) {
			m[p.Name] = Package{Version: p.Version, Arch: p.Arch, Source: p.Source}
		}
	}
	for _, p := range pkgs {
		if foreign(p) {
			key := p.Name
			if _, taken := m[key]; taken {
				key = p.Name + ":" + p.Arch
			}
			m[key] = Package{Version: p.Version, Arch: p.Arch, Source: p.Source}
		}
	}
	return m
}

// parseDpkgStatus parses deb822 stanzas of the dpkg status file. A stanza with no
// Package field, or a line that is neither "Field: value" nor a continuation, is
// skipped with a note naming the file and line.
//
// The file dpkg writes (a megabyte, most of it descriptions and conffiles) is
// read by dpkgStatusFast, which keeps only the five fields used; a file with
// anything dpkg does not write (comments, malformed lines) goes through the
// general deb822 parser, which says what is wrong where.
func parseDpkgStatus(b []byte, file string, n *notes) []dpkgPackage {
	if stanzas, ok := dpkgStatusFast(b); ok {
		return dpkgPackages(stanzas, file, n)
	}
	var stanzas []statusStanza
	for _, st := range parseDeb822(b, file, n) {
		stanzas = append(stanzas, statusStanza{line: st.line, pkg: st.get("package"), status: st.get("status"),
			version: st.get("version"), arch: st.get("architecture"), source: st.get("source")})
	}
	return dpkgPackages(stanzas, file, n)
}

// statusStanza is what parseDpkgStatus needs of a stanza.
type statusStanza struct {
	line                               int
	pkg, status, version, arch, source string
}

// dpkgStatusFast splits b into stanzas and picks the five fields, with the
// general parser's rules (names in any case, the last of a repeated field,
// continuation lines joined by newlines); ok is false at the first line the
// general parser would note.
func dpkgStatusFast(b []byte) (out []statusStanza, ok bool) {
	var cur *statusStanza
	var last *string // the field a continuation line extends; nil: one not kept
	inField := false
	for num := 1; len(b) > 0; num++ {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		trimmed := bytes.TrimSpace(line)
		switch {
		case len(trimmed) == 0:
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			inField, last = false, nil
			continue
		case line[0] == '#':
			return nil, false
		case line[0] == ' ' || line[0] == '\t':
			if !inField {
				return nil, false
			}
			if last != nil {
				v := string(trimmed)
				if v == "." {
					v = ""
				}
				*last += "\n" + v
			}
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			return nil, false
		}
		name := bytes.TrimSpace(line[:colon])
		if len(name) == 0 || bytes.ContainsAny(name, " \t") {
			return nil, false
		}
		if cur == nil {
			cur = &statusStanza{line: num}
		}
		inField, last = true, nil
		switch {
		case bytes.EqualFold(name, []byte("package")):
			last = &cur.pkg
		case bytes.EqualFold(name, []byte("status")):
			last = &cur.status
		case bytes.EqualFold(name, []byte("version")):
			last = &cur.version
		case bytes.EqualFold(name, []byte("architecture")):
			last = &cur.arch
		case bytes.EqualFold(name, []byte("source")):
			last = &cur.source
		}
		if last != nil {
			*last = string(bytes.TrimSpace(line[colon+1:]))
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out, true
}

func dpkgPackages(stanzas []statusStanza, file string, n *notes) []dpkgPackage {
	var out []dpkgPackage
	for _, st := range stanzas {
		name := st.pkg
		if name == "" {
			n.add("%s:%d: stanza without a Package field", file, st.line)
			continue
		}
		if strings.Join(strings.Fields(st.status), " ") != "install ok installed" {
			continue
		}
		p := dpkgPackage{Name: name, Version: st.version, Arch: st.arch}
		if src := st.source; src != "" {
			// "Source: openssl (3.0.15-1~deb12u1)" names a source of another version.
			p.Source, _, _ = strings.Cut(src, " ")
		}
		if p.Version == "" {
			n.add("%s:%d: package %s has no Version", file, st.line, name)
		}
		out = append(out, p)
	}
	return out
}

// stanza is one paragraph of a deb822 file: fields by lower-cased name, values
// with continuation lines joined by newlines.
type stanza struct {
	line   int // line of the first field
	fields map[string]string
	order  []string
}

func (s *stanza) get(k string) string { return s.fields[strings.ToLower(k)] }

// parseDeb822 splits control-file syntax (deb822(5)) into stanzas. '#' lines are
// comments; whitespace around field names and after the colon is tolerated.
func parseDeb822(b []byte, file string, n *notes) []stanza {
	var out []stanza
	var cur *stanza
	last := ""
	for i, line := range lines(b) {
		num := i + 1
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if cur == nil || last == "" {
				n.add("%s:%d: continuation line outside a field", file, num)
				continue
			}
			v := trimmed
			if v == "." {
				v = ""
			}
			cur.fields[last] += "\n" + v
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			n.add("%s:%d: not a \"Field: value\" line", file, num)
			continue
		}
		if cur == nil {
			cur = &stanza{line: num, fields: map[string]string{}}
		}
		if _, dup := cur.fields[k]; !dup {
			cur.order = append(cur.order, k)
		}
		cur.fields[k] = strings.TrimSpace(v)
		last = k
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}
