package host

import (
	"regexp"
	"strings"
)

// rsyslogParam matches name="value" inside a RainerScript action().
var rsyslogParam = regexp.MustCompile(`(?i)([a-z][a-z0-9._]*)\s*=\s*"([^"]*)"`)

// parseRsyslogRemotes finds forwarding actions in an rsyslog config file:
// legacy selectors "*.* @host[:port]" (UDP) and "@@host[:port]" (TCP), with
// optional "(o,z9)" options and ";Template", ":omrelp:host:port", and
// RainerScript action(type="omfwd"|"omrelp" target="..." port="..."), which may
// span lines. Without a port rsyslog uses 514.
func parseRsyslogRemotes(b []byte, file string) []RemoteTarget {
	var out []RemoteTarget
	var action strings.Builder
	actionLine, depth := 0, 0
	inBlockComment := false
	for i, raw := range lines(b) {
		line := raw
		if inBlockComment {
			end := strings.Index(line, "*/")
			if end < 0 {
				continue
			}
			line, inBlockComment = line[end+2:], false
		}
		if start := strings.Index(line, "/*"); start >= 0 && !inQuotes(line, start) {
			if end := strings.Index(line[start:], "*/"); end >= 0 {
				line = line[:start] + line[start+end+2:]
			} else {
				line, inBlockComment = line[:start], true
			}
		}
		line = stripHashComment(line)
		if depth > 0 {
			action.WriteString(" " + line)
			depth += parenDelta(line)
			if depth <= 0 {
				out = append(out, actionTargets(action.String(), file, actionLine)...)
				action.Reset()
				depth = 0
			}
			continue
		}
		if j := indexFold(line, "action("); j >= 0 {
			rest := line[j:]
			action.Reset()
			action.WriteString(rest)
			actionLine = i + 1
			depth = parenDelta(rest)
			if depth <= 0 {
				out = append(out, actionTargets(action.String(), file, actionLine)...)
				action.Reset()
				depth = 0
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '$' {
			continue
		}
		fs := strings.Fields(trimmed)
		for _, fld := range fs[1:] {
			if t, ok := legacyForward(fld); ok {
				out = append(out, RemoteTarget{File: file, Line: i + 1, Target: t})
			}
		}
	}
	return out
}

// legacyForward reads one legacy action field.
func legacyForward(a string) (string, bool) {
	a = strings.TrimPrefix(a, "-")
	var rest string
	switch {
	case strings.HasPrefix(a, "@@"):
		rest = a[2:]
	case strings.HasPrefix(a, "@"):
		rest = a[1:]
	case strings.HasPrefix(strings.ToLower(a), ":omrelp:"):
		rest = a[len(":omrelp:"):]
	default:
		return "", false
	}
	if strings.HasPrefix(rest, "(") {
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return "", false
		}
		rest = rest[end+1:]
	}
	rest, _, _ = strings.Cut(rest, ";")
	if rest == "" {
		return "", false
	}
	host, port := rest, "514"
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", false
		}
		host = rest[:end+1]
		if p, ok := strings.CutPrefix(rest[end+1:], ":"); ok && p != "" {
			port = p
		}
	} else if h, p, ok := strings.Cut(rest, ":"); ok {
		host = h
		if p != "" {
			port = p
		}
	}
	return host + ":" + port, true
}

// actionTargets reads the parameters of one action() statement.
func actionTargets(stmt, file string, line int) []RemoteTarget {
	params := map[string]string{}
	for _, m := range rsyslogParam.FindAllStringSubmatch(stmt, -1) {
		params[strings.ToLower(m[1])] = m[2]
	}
	typ := strings.ToLower(params["type"])
	if typ != "omfwd" && typ != "omrelp" {
		return nil
	}
	host := params["target"]
	if host == "" {
		return nil
	}
	port := params["port"]
	if port == "" {
		port = "514"
	}
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
		host = "[" + host + "]"
	}
	return []RemoteTarget{{File: file, Line: line, Target: host + ":" + port}}
}

// parenDelta counts '(' minus ')' outside double quotes.
func parenDelta(s string) int {
	d, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		case '(':
			if !quoted {
				d++
			}
		case ')':
			if !quoted {
				d--
			}
		}
	}
	return d
}

// stripHashComment drops a '#' comment that is not inside double quotes.
func stripHashComment(s string) string {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		case '#':
			if !quoted {
				return s[:i]
			}
		}
	}
	return s
}

// inQuotes reports whether byte pos of s lies inside double quotes.
func inQuotes(s string, pos int) bool {
	quoted := false
	for i := 0; i < pos && i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		}
	}
	return quoted
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int { return strings.Index(strings.ToLower(s), strings.ToLower(sub)) }
