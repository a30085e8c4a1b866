package host

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const (
	pamDir            = "/etc/pam.d"
	commonPassword    = "/etc/pam.d/common-password"
	pamPasswdService  = "/etc/pam.d/passwd"
	pwqualityConf     = "/etc/security/pwquality.conf"
	pwqualityConfDir  = "/etc/security/pwquality.conf.d"
	maxPAMIncludeHops = 8
)

// pamRule is one line of a PAM stack (pam.conf(5)): type, control, module, args.
type pamRule struct {
	File    string
	Line    int
	Type    string // password, auth, ...; a leading '-' is dropped
	Control string // required, requisite, [success=1 default=ignore], ...
	Module  string // base name: pam_unix.so
	Args    []string
}

// collectPAM reads the password stack of /etc/pam.d/common-password and, when
// /etc/pam.d/passwd does not include it, that stack too, then merges the
// pwquality settings: pwquality.conf.d/*.conf in name order, then
// pwquality.conf (libpwquality's order), then pam_pwquality's module options,
// which win.
func collectPAM(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.pam"}
	defer n.flush(c)
	common, _, err := readPAMStack(t, commonPassword, n)
	if err != nil {
		c.Errorf("host.pam", "read %s: %v", commonPassword, err)
		return
	}
	stacks := [][]pamRule{common}
	files := []string{commonPassword}
	own, ownFiles, err := readPAMStack(t, pamPasswdService, n)
	switch {
	case isMissing(err):
		// PAM falls back to /etc/pam.d/other for passwd; Debian's includes common-password too.
	case err != nil:
		c.Errorf("host.pam", "read %s: %v", pamPasswdService, err)
		return
	case !slices.Contains(ownFiles, commonPassword):
		stacks = append(stacks, own)
		files = append(files, pamPasswdService)
	}

	p := &PAM{Pwquality: map[string]string{}, UnixOptions: []string{}, File: commonPassword, Files: files}
	p.PwqualityEnabled = true
	usesPwquality := false
	for _, stack := range stacks {
		enabled := false
		for _, r := range stack {
			if r.Type != "password" {
				continue
			}
			switch r.Module {
			case "pam_pwquality.so":
				usesPwquality = true
				enabled = enabled || r.Control != "optional"
			case "pam_cracklib.so":
				enabled = enabled || r.Control != "optional"
			case "pam_unix.so":
				for _, a := range r.Args {
					if !slices.Contains(p.UnixOptions, a) {
						p.UnixOptions = append(p.UnixOptions, a)
					}
				}
			}
		}
		p.PwqualityEnabled = p.PwqualityEnabled && enabled
	}
	if usesPwquality {
		if err := readPwqualityConf(t, p.Pwquality, n); err != nil {
			c.Errorf("host.pam", "%v", err)
			return
		}
	}
	for _, stack := range stacks {
		for _, r := range stack {
			if r.Type == "password" && (r.Module == "pam_pwquality.so" || r.Module == "pam_cracklib.so") {
				for _, a := range r.Args {
					k, v, _ := strings.Cut(a, "=")
					p.Pwquality[k] = v
				}
			}
		}
	}
	f.PAM = p
}

// readPAMStack reads a PAM service file with its @include (and include/substack
// control) files expanded in place. It also returns every file read, so a
// caller can tell whether a stack pulls in another.
func readPAMStack(t target.Target, file string, n *notes) ([]pamRule, []string, error) {
	var files []string
	rules, err := expandPAM(t, file, nil, &files, n)
	return rules, files, err
}

// expandPAM reads file; chain is the files including it, to stop loops.
func expandPAM(t target.Target, file string, chain []string, files *[]string, n *notes) ([]pamRule, error) {
	b, err := t.ReadFile(file, capSmall)
	if err != nil {
		return nil, err
	}
	*files = append(*files, file)
	var out []pamRule
	for _, r := range parsePAM(b, file, n) {
		target := ""
		switch {
		case r.Type == "@include":
			target = r.Control
		case r.Control == "include" || r.Control == "substack":
			target = r.Module
		}
		if target == "" {
			out = append(out, r)
			continue
		}
		if !path.IsAbs(target) {
			target = path.Join(pamDir, target)
		}
		chain := append(slices.Clip(chain), file)
		if slices.Contains(chain, target) || len(chain) > maxPAMIncludeHops {
			n.add("%s:%d: include of %s skipped: include loop or nesting deeper than %d", r.File, r.Line, target, maxPAMIncludeHops)
			continue
		}
		sub, err := expandPAM(t, target, chain, files, n)
		if err != nil {
			n.add("%s:%d: include %s: %v", r.File, r.Line, target, err)
			continue
		}
		if r.Type == "@include" {
			out = append(out, sub...)
			continue
		}
		// "password include common-password" keeps only that type's lines.
		for _, s := range sub {
			if s.Type == r.Type {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// parsePAM splits a PAM service file into rules. Backslash-newline continues a
// line; '#' starts a comment; a control in brackets may hold spaces.
func parsePAM(b []byte, file string, n *notes) []pamRule {
	var out []pamRule
	ls := lines(b)
	for i := 0; i < len(ls); i++ {
		lineNo := i + 1
		line := ls[i]
		for strings.HasSuffix(line, "\\") && i+1 < len(ls) {
			i++
			line = strings.TrimSuffix(line, "\\") + " " + ls[i]
		}
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		fields := pamFields(line)
		if len(fields) == 0 {
			continue
		}
		if fields[0] == "@include" {
			if len(fields) < 2 {
				n.add("%s:%d: @include without a file; skipped", file, lineNo)
				continue
			}
			out = append(out, pamRule{File: file, Line: lineNo, Type: "@include", Control: fields[1]})
			continue
		}
		if len(fields) < 3 {
			n.add("%s:%d: want \"type control module [args]\", got %d fields; skipped", file, lineNo, len(fields))
			continue
		}
		out = append(out, pamRule{
			File:    file,
			Line:    lineNo,
			Type:    strings.ToLower(strings.TrimPrefix(fields[0], "-")),
			Control: fields[1],
			Module:  path.Base(fields[2]),
			Args:    fields[3:],
		})
	}
	return out
}

// pamFields splits on whitespace, keeping "[...]" groups whole.
func pamFields(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
			cur.WriteRune(r)
		case r == ']' && depth > 0:
			depth--
			cur.WriteRune(r)
		case (r == ' ' || r == '\t') && depth == 0:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// readPwqualityConf merges pwquality.conf.d/*.conf (sorted) and then
// pwquality.conf into m; missing files are no settings.
func readPwqualityConf(t target.Target, m map[string]string, n *notes) error {
	dropIns, err := listDir(t, pwqualityConfDir, ".conf")
	if err != nil {
		return fmt.Errorf("list %s: %w", pwqualityConfDir, err)
	}
	for _, file := range append(dropIns, pwqualityConf) {
		b, err := t.ReadFile(file, capSmall)
		if isMissing(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}
		parsePwquality(b, file, m, n)
	}
	return nil
}

// parsePwquality reads "name = value" lines and bare flags (enforce_for_root),
// which get an empty value.
func parsePwquality(b []byte, file string, m map[string]string, n *notes) {
	for i, line := range lines(b) {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "" || strings.ContainsAny(k, " \t") {
			n.add("%s:%d: %q is not a name = value line; skipped", file, i+1, truncate(line, 60))
			continue
		}
		m[k] = v
	}
}
