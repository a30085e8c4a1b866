package host

import (
	"context"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// aptSimulate is the source of truth for pending upgrades: APT's own resolver,
// with the package lists as they are, without touching the system.
var aptSimulate = []string{"-s", "dist-upgrade"}

// collectUpgrades finds what an upgrade would install and when dpkg last
// installed or upgraded anything. Files first: the package lists APT last
// downloaded are compared with the installed versions (a few tens of
// milliseconds); only without lists is APT asked to simulate a dist-upgrade
// (seconds without APT's binary cache), which a dir: target answers from its
// recorded output. collectPackages calls it with the dpkg log it read.
func collectUpgrades(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts, events []dpkgEvent) {
	n := &notes{fact: "host.upgrades"}
	defer n.flush(c)
	u := &Upgrades{}
	if f.Packages != nil {
		if pending, ok := pendingFromLists(t, f.Packages, n); ok {
			u.Pending, u.Source = pending, "APT lists in "+aptListsDir
		}
	}
	if u.Source == "" {
		out, err := runTool(ctx, t, 60*time.Second, "apt-get", aptSimulate...)
		if err != nil {
			c.Errorf("host.upgrades", "no APT lists to compare and %v", err)
			return
		}
		u.Pending, u.Source = parseAPTSimulation(out, n), "apt-get "+strings.Join(aptSimulate, " ")
	}
	for _, e := range events {
		if at := rfc3339(e.At); at > u.LastUpgrade {
			u.LastUpgrade = at
		}
	}
	if es, err := t.ReadDir("/var/lib/apt/lists"); err == nil {
		var newest time.Time
		for _, e := range es {
			if e.IsDir() || e.Name() == "lock" {
				continue
			}
			if fi, err := t.Lstat(path.Join("/var/lib/apt/lists", e.Name())); err == nil && fi.ModTime().After(newest) {
				newest = fi.ModTime()
			}
		}
		if !newest.IsZero() {
			u.ListsUpdated = rfc3339(newest)
		}
	}
	f.Upgrades = u
}

// aptInst matches a simulation line:
// "Inst libssl3 [3.0.11-1~deb12u2] (3.0.15-1~deb12u1 Debian-Security:12/stable-security [amd64])".
// A new package (a kernel ABI bump) has no [installed] part.
var aptInst = regexp.MustCompile(`^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*?)(?: \[[^\]]*\])?\)`)

// parseAPTSimulation reads the Inst lines of apt-get -s. The origin list names
// each archive offering the candidate ("Debian:12.8/stable, Debian-Security:
// 12/stable-security"); the upgrade is a security one if any of them is a
// security archive.
func parseAPTSimulation(b []byte, n *notes) []PendingUpgrade {
	out := []PendingUpgrade{}
	for i, line := range lines(b) {
		if !strings.HasPrefix(line, "Inst ") {
			continue
		}
		m := aptInst.FindStringSubmatch(line)
		if m == nil {
			n.add("apt-get -s line %d: unrecognised Inst line", i+1)
			continue
		}
		p := PendingUpgrade{Package: m[1], Installed: m[2], Candidate: m[3], Origin: strings.TrimSpace(m[4])}
		for _, o := range strings.Split(p.Origin, ",") {
			o = strings.TrimSpace(o)
			_, suite, _ := strings.Cut(o, "/")
			if strings.Contains(o, "Security") || strings.HasSuffix(suite, "-security") {
				p.Security = true
			}
		}
		out = append(out, p)
	}
	return out
}

// collectAPTSources reads sources.list and sources.list.d: one-line *.list and
// deb822 *.sources (sources.list(5)). Other names in sources.list.d are
// ignored, as APT ignores them.
func collectAPTSources(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.apt_sources"}
	defer n.flush(c)
	files := []string{"/etc/apt/sources.list"}
	more, err := listDir(t, "/etc/apt/sources.list.d", ".list", ".sources")
	if err != nil {
		c.Errorf("host.apt_sources", "list /etc/apt/sources.list.d: %v", err)
		return
	}
	files = append(files, more...)
	out := []APTSource{}
	for _, p := range files {
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			// A source APT reads but vouch cannot is a source nobody checked.
			c.Errorf("host.apt_sources", "%v", err)
			return
		}
		if strings.HasSuffix(p, ".sources") {
			out = append(out, parseDeb822Sources(b, p, n)...)
		} else {
			out = append(out, parseOneLineSources(b, p, n)...)
		}
	}
	f.APTSources = out
}

// parseOneLineSources reads "deb [opt=val ...] URI suite [component...]".
// Commented lines are not sources.
func parseOneLineSources(b []byte, file string, n *notes) []APTSource {
	var out []APTSource
	for i, line := range lines(b) {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		typ, rest, _ := strings.Cut(line, " ")
		if typ != "deb" && typ != "deb-src" {
			n.add("%s:%d: type %q, want deb or deb-src", file, i+1, typ)
			continue
		}
		rest = strings.TrimSpace(rest)
		s := APTSource{File: file, Line: i + 1, Format: "one-line", Types: []string{typ}, Enabled: true}
		if strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				n.add("%s:%d: unterminated [options]", file, i+1)
				continue
			}
			for _, opt := range strings.Fields(rest[1:end]) {
				k, v, _ := strings.Cut(opt, "=")
				if strings.EqualFold(strings.TrimSuffix(k, "+"), "signed-by") {
					s.SignedBy = v
				}
			}
			rest = rest[end+1:]
		}
		fs := strings.Fields(rest)
		if len(fs) < 2 {
			n.add("%s:%d: want URI and suite", file, i+1)
			continue
		}
		s.URIs, s.Suites, s.Components = []string{fs[0]}, []string{fs[1]}, fs[2:]
		if s.Components == nil {
			s.Components = []string{}
		}
		out = append(out, s)
	}
	return out
}

// parseDeb822Sources reads stanzas of Types, URIs, Suites, Components,
// Signed-By and Enabled. An inline Signed-By key block is reported as
// "inline", not copied.
func parseDeb822Sources(b []byte, file string, n *notes) []APTSource {
	var out []APTSource
	for _, st := range parseDeb822(b, file, n) {
		s := APTSource{
			File:       file,
			Line:       st.line,
			Format:     "deb822",
			Types:      strings.Fields(st.get("types")),
			URIs:       strings.Fields(st.get("uris")),
			Suites:     strings.Fields(st.get("suites")),
			Components: strings.Fields(st.get("components")),
			Enabled:    !slices.Contains([]string{"no", "false", "0"}, strings.ToLower(strings.TrimSpace(st.get("enabled")))),
		}
		if sb := strings.TrimSpace(st.get("signed-by")); strings.Contains(sb, "BEGIN PGP") {
			s.SignedBy = "inline"
		} else {
			s.SignedBy = strings.Join(strings.Fields(sb), " ")
		}
		if len(s.Types) == 0 || len(s.URIs) == 0 || len(s.Suites) == 0 {
			n.add("%s:%d: stanza lacks Types, URIs or Suites", file, st.line)
			continue
		}
		if s.Components == nil {
			s.Components = []string{}
		}
		out = append(out, s)
	}
	return out
}

// collectUnattended reads whether unattended-upgrades is installed, its APT
// periodic settings and allowed origins, and whether apt-daily-upgrade.timer
// (which runs it) is enabled.
func collectUnattended(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if f.Packages == nil {
		c.Errorf("host.unattended_upgrades", "installed packages unknown (see host.packages)")
		return
	}
	n := &notes{fact: "host.unattended_upgrades"}
	defer n.flush(c)
	u := &Unattended{Periodic: map[string]string{}, Origins: []string{}}
	_, u.Installed = f.Packages["unattended-upgrades"]
	cfg, err := readAPTConfig(t, n)
	if err != nil {
		c.Errorf("host.unattended_upgrades", "%v", err)
		return
	}
	for _, e := range cfg {
		lk := strings.ToLower(e.key)
		switch {
		case strings.HasPrefix(lk, "apt::periodic::") && !e.list:
			u.Periodic[canonicalPeriodic(e.key[len("apt::periodic::"):])] = e.value
		case lk == "unattended-upgrade::origins-pattern" || lk == "unattended-upgrade::allowed-origins":
			if e.clear {
				u.Origins = u.Origins[:0]
				continue
			}
			if e.list {
				u.Origins = append(u.Origins, e.value)
			}
		}
	}
	u.TimerActive = timerEnabled(t, "apt-daily-upgrade.timer")
	f.Unattended = u
}

// periodicNames are the APT::Periodic keys apt.systemd.daily reads; APT keys
// are case-insensitive, so any spelling is reported in this one.
var periodicNames = []string{
	"Enable", "BackupArchiveInterval", "BackupLevel", "MaxAge", "MinAge", "MaxSize",
	"Update-Package-Lists", "Download-Upgradeable-Packages", "Download-Upgradeable-Packages-Debdelta",
	"Unattended-Upgrade", "AutocleanInterval", "CleanInterval", "Verbose",
}

func canonicalPeriodic(k string) string {
	for _, name := range periodicNames {
		if strings.EqualFold(name, k) {
			return name
		}
	}
	return k
}

// timerEnabled reports whether a systemd timer is enabled: linked from a
// .wants directory and not masked. nil when /etc/systemd/system is absent.
func timerEnabled(t target.Target, unit string) *bool {
	const dir = "/etc/systemd/system"
	if _, err := t.Stat(dir); err != nil {
		return nil
	}
	if dest, err := t.Readlink(dir + "/" + unit); err == nil && dest == "/dev/null" {
		off := false
		return &off
	}
	enabled, err := enabledUnits(t, ".timer")
	if err != nil {
		return nil
	}
	_, on := enabled[unit]
	return &on
}

// aptConfigIgnored are the names APT skips in apt.conf.d
// (Dir::Ignore-Files-Silently and files with an extension other than .conf).
var aptConfigIgnored = regexp.MustCompile(`(~|\.disabled|\.bak|\.dpkg-[a-z]+|\.ucf-[a-z]+|\.save|\.orig|\.distUpgrade)$`)

// readAPTConfig reads /etc/apt/apt.conf.d/* in name order, then
// /etc/apt/apt.conf, as APT does.
func readAPTConfig(t target.Target, n *notes) ([]aptEntry, error) {
	files, err := listDir(t, "/etc/apt/apt.conf.d")
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(p string) bool {
		name := path.Base(p)
		if aptConfigIgnored.MatchString(name) {
			return true
		}
		// APT reads names of [A-Za-z0-9_.-] only, without an extension or
		// with .conf.
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != "" {
			return true
		}
		ext := path.Ext(name)
		return ext != "" && ext != ".conf"
	})
	files = append(files, "/etc/apt/apt.conf")
	var out []aptEntry
	for _, p := range files {
		b, err := t.ReadFile(p, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			n.add("%v", err)
			continue
		}
		out = append(out, parseAPTConfig(b, p, n)...)
	}
	return out, nil
}

// aptEntry is one assignment of APT configuration: a scalar "A::B "v";", a
// list item (a value without a name inside A::B { ... }), or "#clear A::B;".
type aptEntry struct {
	key, value string
	list       bool
	clear      bool
	file       string
	line       int
}

// parseAPTConfig tokenises apt.conf(5) syntax: "Name "value";", nested
// "Name { ... };" scopes, "Name:: { ... }", list items, //, /* */ and #
// comments, #clear and #include directives. Malformed input is noted with its
// line and the rest of the file is still read.
func parseAPTConfig(b []byte, file string, n *notes) []aptEntry {
	toks := aptTokens(string(b), file, n)
	var out []aptEntry
	var scope []string
	var words []aptToken // pending tokens of the current statement
	join := func(parts ...string) string {
		var keep []string
		for _, p := range parts {
			if p = strings.Trim(p, ":"); p != "" {
				keep = append(keep, p)
			}
		}
		return strings.Join(keep, "::")
	}
	for _, tk := range toks {
		switch {
		case !tk.quoted && tk.text == "{":
			name := ""
			for _, w := range words {
				name += w.text
			}
			scope = append(scope, name)
			words = words[:0]
		case !tk.quoted && tk.text == "}":
			if len(words) > 0 {
				n.add("%s:%d: missing ';' before '}'", file, tk.line)
				words = words[:0]
			}
			if len(scope) == 0 {
				n.add("%s:%d: unbalanced '}'", file, tk.line)
				continue
			}
			scope = scope[:len(scope)-1]
		case !tk.quoted && tk.text == ";":
			switch {
			case len(words) == 0:
				// "};" closes a block; nothing to assign.
			case words[0].directive:
				if strings.EqualFold(words[0].text, "#clear") && len(words) > 1 {
					out = append(out, aptEntry{key: join(append(slices.Clone(scope), words[1].text)...), clear: true, file: file, line: words[0].line})
				}
			case len(words) == 1 && words[0].quoted:
				out = append(out, aptEntry{key: join(scope...), value: words[0].text, list: true, file: file, line: words[0].line})
			case len(words) >= 2 && words[len(words)-1].quoted:
				name := ""
				for _, w := range words[:len(words)-1] {
					name += w.text
				}
				out = append(out, aptEntry{key: join(append(slices.Clone(scope), name)...), value: words[len(words)-1].text, file: file, line: words[0].line})
			default:
				n.add("%s:%d: statement without a quoted value", file, words[0].line)
			}
			words = words[:0]
		default:
			words = append(words, tk)
		}
	}
	if len(words) > 0 || len(scope) > 0 {
		n.add("%s: unterminated statement or block at end of file", file)
	}
	return out
}

type aptToken struct {
	text      string
	quoted    bool
	directive bool // #clear, #include
	line      int
}

// aptTokens splits APT configuration into names, quoted values, '{', '}' and
// ';', dropping comments. A '#' starts a comment unless it begins a directive.
func aptTokens(s, file string, n *notes) []aptToken {
	var out []aptToken
	line := 1
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '\n':
			line++
			i++
		case ch == ' ' || ch == '\t' || ch == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				n.add("%s:%d: unterminated /* comment", file, line)
				return out
			}
			line += strings.Count(s[i:i+2+end], "\n")
			i += end + 4
		case ch == '#':
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if word := strings.ToLower(s[i:j]); word == "#clear" || word == "#include" {
				out = append(out, aptToken{text: s[i:j], directive: true, line: line})
				i = j
				continue
			}
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case ch == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				n.add("%s:%d: unterminated quoted value", file, line)
				return out
			}
			val := s[i+1 : i+1+end]
			out = append(out, aptToken{text: val, quoted: true, line: line})
			line += strings.Count(val, "\n")
			i += end + 2
		case ch == '{' || ch == '}' || ch == ';':
			out = append(out, aptToken{text: string(ch), line: line})
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n{};\"", rune(s[j])) && !strings.HasPrefix(s[j:], "//") && !strings.HasPrefix(s[j:], "/*") {
				j++
			}
			out = append(out, aptToken{text: s[i:j], line: line})
			i = j
		}
	}
	return out
}
