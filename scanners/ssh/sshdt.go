package ssh

import (
	"fmt"
	"strings"
)

// ParseSSHDT parses the output of `sshd -T`: one lowercase "keyword value"
// per line. The result maps each keyword to its values, one per line printed
// for it, in order.
func ParseSSHDT(out []byte) (map[string][]string, error) {
	m := map[string][]string{}
	for n, line := range strings.Split(string(out), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, " ")
		if !ok || k == "" || strings.ToLower(k) != k {
			return nil, fmt.Errorf("parse sshd -T output line %d: want \"keyword value\", got %q", n+1, truncate(line, 80))
		}
		m[k] = append(m[k], v)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("parse sshd -T output: empty")
	}
	return m, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
