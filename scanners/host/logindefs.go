package host

import (
	"context"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const loginDefsPath = "/etc/login.defs"

// collectLoginDefs reads login.defs(5) as "KEY value" pairs.
func collectLoginDefs(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	b, err := t.ReadFile(loginDefsPath, capSmall)
	if err != nil {
		c.Errorf("host.login_defs", "read %s: %v", loginDefsPath, err)
		return
	}
	n := &notes{fact: "host.login_defs"}
	f.LoginDefs = parseLoginDefs(b, loginDefsPath, n)
	n.flush(c)
}

// parseLoginDefs keeps the last value of each key, as shadow-utils' getdef
// does. Comments are whole lines starting with '#'; a value may be quoted.
func parseLoginDefs(b []byte, file string, n *notes) map[string]string {
	m := map[string]string{}
	for i, line := range lines(b) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, _ := strings.Cut(strings.ReplaceAll(line, "\t", " "), " ")
		value = strings.TrimSpace(value)
		if !isDefsKey(key) {
			n.add("%s:%d: %q is not a KEY value line; skipped", file, i+1, truncate(line, 60))
			continue
		}
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
		}
		m[key] = value
	}
	return m
}

// isDefsKey reports whether s looks like a login.defs key (UPPER_CASE_1).
func isDefsKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch == '_' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z') {
			return false
		}
	}
	return true
}

// truncate shortens s to at most n bytes for a note.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
