package host

import (
	"context"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// collectOS reads os-release(5): /etc/os-release, else /usr/lib/os-release.
func collectOS(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	var errs []string
	for _, p := range []string{"/etc/os-release", "/usr/lib/os-release"} {
		b, err := t.ReadFile(p, capSmall)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		f.OS = parseOSRelease(b)
		return
	}
	c.Errorf("host.os", "read os-release: %s", strings.Join(errs, "; "))
}

// parseOSRelease reads the shell-style assignments of os-release(5).
func parseOSRelease(b []byte) *OS {
	kv := map[string]string{}
	for _, line := range lines(b) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		kv[strings.TrimSpace(k)] = unquoteShell(strings.TrimSpace(v))
	}
	o := &OS{
		ID:         kv["ID"],
		VersionID:  kv["VERSION_ID"],
		Codename:   kv["VERSION_CODENAME"],
		PrettyName: kv["PRETTY_NAME"],
	}
	if o.Codename == "" {
		// Older releases only say "VERSION="10 (buster)"".
		if v := kv["VERSION"]; strings.Contains(v, "(") {
			o.Codename = strings.TrimSuffix(v[strings.LastIndex(v, "(")+1:], ")")
		}
	}
	return o
}

// unquoteShell undoes the quoting os-release allows: double quotes with
// backslash escapes, or single quotes.
func unquoteShell(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v[1 : len(v)-1]
	}
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		if u, err := strconv.Unquote(v); err == nil {
			return u
		}
		var sb strings.Builder
		in := v[1 : len(v)-1]
		for i := 0; i < len(in); i++ {
			if in[i] == '\\' && i+1 < len(in) {
				i++
			}
			sb.WriteByte(in[i])
		}
		return sb.String()
	}
	return v
}
