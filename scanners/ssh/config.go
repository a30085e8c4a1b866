package ssh

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/vouch-audit/vouch/target"
)

// MainConfig is where sshd reads its configuration unless told otherwise.
const MainConfig = "/etc/ssh/sshd_config"

// ConfigDir is the directory relative Include paths are resolved against
// (OpenSSH's SSHDIR), whatever file holds the Include.
const ConfigDir = "/etc/ssh"

// MaxConfigSize caps each configuration file read. sshd has no such limit, but
// a configuration this large is not one a person maintains, so it is reported
// rather than parsed.
const MaxConfigSize = 1 << 20

// maxIncludeDepth is sshd's READCONF_MAX_DEPTH: how deep Include may nest.
const maxIncludeDepth = 16

// maxConfigLines bounds the total number of lines over all included files.
const maxConfigLines = 200000

// Directive is one non-empty, non-comment line of an sshd configuration.
type directive struct {
	file    string
	line    int
	keyword string   // as written
	args    []string // split the way sshd's argv_split does
	rest    string   // the raw remainder after the keyword and separator
	include []*configFile
}

// configFile is one parsed file of a configuration tree.
type configFile struct {
	path  string
	lines []directive
}

// Tree is a parsed sshd configuration: the main file and every file its
// Include directives name, read from a target. It answers the effective
// configuration for any connection with Effective.
type Tree struct {
	root *configFile
	// Files lists every file read, in the order sshd reads them.
	Files []string
}

// HasMatch reports whether any file of the tree has a Match block. Without
// one, sshd answers every connection with the same configuration.
func (t *Tree) HasMatch() bool {
	var walk func(cf *configFile) bool
	walk = func(cf *configFile) bool {
		for _, d := range cf.lines {
			if strings.EqualFold(d.keyword, "match") {
				return true
			}
			for _, inc := range d.include {
				if walk(inc) {
					return true
				}
			}
		}
		return false
	}
	return t != nil && t.root != nil && walk(t.root)
}

// LoadTree reads the configuration rooted at file (normally MainConfig) from
// the target, following Include directives. Relative Include paths are taken
// relative to ConfigDir, as sshd does. A missing Include match is not an error;
// an unreadable file, a file over MaxConfigSize, an Include nested deeper than
// sshd allows, or a line sshd would reject is.
func LoadTree(t target.Target, file string) (*Tree, error) {
	tr := &Tree{}
	total := 0
	root, err := tr.load(t, file, nil, &total)
	if err != nil {
		return nil, err
	}
	tr.root = root
	return tr, nil
}

// ParseConfig parses a single configuration held in memory; Include
// directives are an error because there is nothing to read them from.
func ParseConfig(name string, data []byte) (*Tree, error) {
	cf, err := parseFile(name, data)
	if err != nil {
		return nil, err
	}
	for _, d := range cf.lines {
		if strings.EqualFold(d.keyword, "include") {
			return nil, fmt.Errorf("%s line %d: include not supported in a single file", d.file, d.line)
		}
	}
	return &Tree{root: cf, Files: []string{name}}, nil
}

func (tr *Tree) load(t target.Target, file string, chain []string, total *int) (*configFile, error) {
	if len(chain) > maxIncludeDepth {
		return nil, fmt.Errorf("include %s: too many nested includes (limit %d): %s", file, maxIncludeDepth, strings.Join(append(chain, file), " -> "))
	}
	data, err := t.ReadFile(file, MaxConfigSize)
	if err != nil {
		if errors.Is(err, target.ErrTooLarge) {
			return nil, fmt.Errorf("read sshd config %s: larger than %d bytes: %w", file, MaxConfigSize, err)
		}
		return nil, fmt.Errorf("read sshd config %s: %w", file, err)
	}
	tr.Files = append(tr.Files, file)
	cf, err := parseFile(file, data)
	if err != nil {
		return nil, err
	}
	*total += len(cf.lines)
	if *total > maxConfigLines {
		return nil, fmt.Errorf("read sshd config %s: more than %d directives in all", file, maxConfigLines)
	}
	for i := range cf.lines {
		d := &cf.lines[i]
		if !strings.EqualFold(d.keyword, "include") {
			continue
		}
		if len(d.args) == 0 {
			return nil, fmt.Errorf("%s line %d: Include missing filename argument", d.file, d.line)
		}
		for _, a := range d.args {
			if a == "" {
				return nil, fmt.Errorf("%s line %d: invalid empty Include argument", d.file, d.line)
			}
			p := a
			if !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "~") {
				p = ConfigDir + "/" + p
			}
			matches, err := glob(t, p)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: include %q: %w", d.file, d.line, a, err)
			}
			for _, m := range matches {
				sub, err := tr.load(t, m, append(chain, fmt.Sprintf("%s:%d", d.file, d.line)), total)
				if err != nil {
					return nil, err
				}
				d.include = append(d.include, sub)
			}
		}
	}
	return cf, nil
}

// glob expands a pattern the way glob(3) does for sshd: sorted, and a pattern
// matching nothing yields nothing. Hidden files match only an explicit dot.
func glob(t target.Target, pattern string) ([]string, error) {
	if !hasMeta(pattern) {
		if _, err := t.Stat(pattern); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil
			}
			return nil, err
		}
		return []string{pattern}, nil
	}
	parts := strings.Split(path.Clean(pattern), "/")
	cur := []string{"/"}
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		var next []string
		for _, dir := range cur {
			if !hasMeta(part) {
				p := path.Join(dir, part)
				if _, err := t.Stat(p); err == nil {
					next = append(next, p)
				}
				continue
			}
			if _, err := path.Match(part, ""); err != nil {
				return nil, err
			}
			es, err := t.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range es {
				name := e.Name()
				if strings.HasPrefix(name, ".") && !strings.HasPrefix(part, ".") {
					continue
				}
				if ok, _ := path.Match(part, name); !ok {
					continue
				}
				p := path.Join(dir, name)
				if !last {
					fi, err := t.Stat(p)
					if err != nil || !fi.IsDir() {
						continue
					}
				}
				next = append(next, p)
			}
		}
		cur = next
	}
	sort.Strings(cur)
	return cur, nil
}

func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// parseFile splits a configuration into directives, rejecting lines sshd
// cannot tokenise (an unterminated quote).
func parseFile(name string, data []byte) (*configFile, error) {
	cf := &configFile{path: name}
	text := string(data)
	n := 0
	for len(text) > 0 {
		n++
		var raw string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			raw, text = text[:i], text[i+1:]
		} else {
			raw, text = text, ""
		}
		line := strings.TrimRight(raw, " \t\r\n\f")
		kw, rest, ok := splitKeyword(line)
		if !ok {
			continue
		}
		if rest == "" {
			return nil, fmt.Errorf("%s line %d: no argument after keyword %q", name, n, kw)
		}
		args, err := splitArgs(rest)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: invalid quotes", name, n)
		}
		cf.lines = append(cf.lines, directive{file: name, line: n, keyword: kw, args: args, rest: rest})
	}
	return cf, nil
}

// splitKeyword separates the keyword from the rest of the line the way sshd's
// strdelim does: the keyword ends at white space or '=', and one '=' may
// follow white space. ok is false for blank and comment lines.
func splitKeyword(line string) (kw, rest string, ok bool) {
	s := strings.TrimLeft(line, " \t\r\n")
	if s == "" || s[0] == '#' {
		return "", "", false
	}
	i := strings.IndexAny(s, " \t\r\n=")
	if i < 0 {
		return s, "", true
	}
	kw, s = s[:i], s[i:]
	eq := false
	for len(s) > 0 {
		switch {
		case s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n':
			s = s[1:]
			continue
		case s[0] == '=' && !eq:
			eq = true
			s = s[1:]
			continue
		}
		break
	}
	return kw, s, kw != ""
}

// splitArgs is OpenSSH's argv_split with comment termination: quotes group,
// backslash escapes quotes, backslash and (outside quotes) space, and a '#'
// at the start of a token ends the line.
func splitArgs(s string) ([]string, error) {
	var out []string
	i := 0
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' {
			i++
			continue
		}
		if s[i] == '#' {
			break
		}
		var b strings.Builder
		var quote byte
		for ; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '\\' && i+1 < len(s) && (s[i+1] == '\'' || s[i+1] == '"' || s[i+1] == '\\' || (quote == 0 && s[i+1] == ' ')):
				i++
				b.WriteByte(s[i])
			case quote == 0 && (c == ' ' || c == '\t'):
				goto done
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			case quote != 0 && c == quote:
				quote = 0
			default:
				b.WriteByte(c)
			}
		}
		if quote != 0 {
			return nil, errors.New("unterminated quote")
		}
	done:
		out = append(out, b.String())
	}
	return out, nil
}
