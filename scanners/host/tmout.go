package host

import (
	"context"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// collectShellTimeout finds TMOUT assignments in the files a Debian login
// shell reads, in the order it reads them: /etc/profile, /etc/bash.bashrc
// (which /etc/profile sources for bash), then /etc/profile.d/*.sh by name.
// /etc/environment is not a shell file (pam_env reads it) and is left out.
func collectShellTimeout(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.shell_timeout"}
	defer n.flush(c)
	files := []string{"/etc/profile", "/etc/bash.bashrc"}
	dropIns, err := listDir(t, "/etc/profile.d", ".sh")
	if err != nil {
		c.Errorf("host.shell_timeout", "list /etc/profile.d: %v", err)
		return
	}
	files = append(files, dropIns...)
	p := &tmoutParser{out: []ShellTimeout{}, n: n}
	for _, file := range files {
		b, err := t.ReadFile(file, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			// An unread startup file may hold the setting: the fact is unknown.
			c.Errorf("host.shell_timeout", "read %s: %v", file, err)
			return
		}
		p.parse(b, file)
	}
	f.ShellTimeout = p.out
}

// tmoutParser carries the assignments across files, since "readonly TMOUT" or
// "export TMOUT" in a later line (or file) applies to the value set before.
type tmoutParser struct {
	out []ShellTimeout
	n   *notes
}

func (p *tmoutParser) parse(b []byte, file string) {
	for i, line := range lines(b) {
		for _, stmt := range shellStatements(line) {
			p.statement(shellWords(stmt), file, i+1)
		}
	}
}

// statement handles one simple command: plain assignments, or the
// readonly/export/declare/typeset builtins with their names and assignments.
func (p *tmoutParser) statement(words []string, file string, line int) {
	for len(words) > 0 && isShellKeyword(words[0]) {
		words = words[1:]
	}
	if len(words) == 0 {
		return
	}
	readonly, exported := false, false
	switch words[0] {
	case "readonly":
		readonly = true
	case "export":
		exported = true
	case "declare", "typeset", "local":
	default:
		// Leading NAME=value words assign shell variables only when no
		// command follows; "TMOUT=5 cmd" sets the command's environment.
		k := 0
		for k < len(words) && isAssignment(words[k]) {
			k++
		}
		if k < len(words) {
			return
		}
		for _, w := range words {
			p.assign(w, false, false, file, line)
		}
		return
	}
	for _, w := range words[1:] {
		if strings.HasPrefix(w, "-") {
			switch {
			case words[0] == "export" && strings.Contains(w, "n"):
				exported = false
			case words[0] == "declare" || words[0] == "typeset" || words[0] == "local":
				readonly = readonly || strings.Contains(w, "r")
				exported = exported || strings.Contains(w, "x")
			}
			continue
		}
		if w == "TMOUT" {
			p.mark(readonly, exported, file, line)
			continue
		}
		p.assign(w, readonly, exported, file, line)
	}
}

// isShellKeyword reports whether w opens a compound command, after which a
// simple command starts.
func isShellKeyword(w string) bool {
	switch w {
	case "then", "else", "do", "{", "(", "!", "elif", "if", "while", "until":
		return true
	}
	return false
}

// assign records a TMOUT=value word.
func (p *tmoutParser) assign(w string, readonly, exported bool, file string, line int) {
	v, ok := strings.CutPrefix(w, "TMOUT=")
	if !ok {
		return
	}
	v = strings.TrimSpace(unquoteShellWord(v))
	value, err := strconv.Atoi(v)
	if err != nil || value < 0 {
		p.n.add("%s:%d: TMOUT=%s is not a number of seconds; skipped", file, line, truncate(v, 40))
		return
	}
	p.out = append(p.out, ShellTimeout{File: file, Line: line, Value: value, Readonly: readonly, Exported: exported})
}

// mark applies "readonly TMOUT" or "export TMOUT" to the value set last.
func (p *tmoutParser) mark(readonly, exported bool, file string, line int) {
	if len(p.out) == 0 {
		if readonly {
			p.n.add("%s:%d: readonly TMOUT before any value: TMOUT stays unset and cannot be set later", file, line)
		}
		return
	}
	last := &p.out[len(p.out)-1]
	last.Readonly = last.Readonly || readonly
	last.Exported = last.Exported || exported
}

// isAssignment reports whether a shell word is NAME=value.
func isAssignment(w string) bool {
	k, _, ok := strings.Cut(w, "=")
	if !ok || k == "" || k[0] >= '0' && k[0] <= '9' {
		return false
	}
	for i := 0; i < len(k); i++ {
		ch := k[i]
		if !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			return false
		}
	}
	return true
}

// shellStatements splits a line at unquoted ';', '&&', '||' and '|', and
// drops an unquoted '#' comment that starts a word.
func shellStatements(line string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	prevSpace := true
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' && i+1 < len(line) {
				cur.WriteByte(ch)
				i++
				ch = line[i]
			}
		case ch == '\\' && i+1 < len(line):
			cur.WriteByte(ch)
			i++
			ch = line[i]
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '#' && prevSpace:
			i = len(line)
			continue
		case ch == ';' || ch == '|' || ch == '&':
			out = append(out, cur.String())
			cur.Reset()
			prevSpace = true
			continue
		}
		cur.WriteByte(ch)
		prevSpace = ch == ' ' || ch == '\t'
	}
	return append(out, cur.String())
}

// shellWords splits a statement at unquoted blanks, keeping quotes in the
// words (unquoteShellWord removes them from a value).
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == ' ' || ch == '\t':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteByte(ch)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// unquoteShellWord removes the quotes of a simple quoted value ("900", '900').
func unquoteShellWord(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
