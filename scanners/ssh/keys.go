package ssh

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	xssh "golang.org/x/crypto/ssh"

	"github.com/vouch-audit/vouch/target"
)

// maxKeysFile caps each authorized_keys read.
const maxKeysFile = 1 << 20

// expandKeysPath applies sshd's AuthorizedKeysFile tokens (%h home, %u user,
// %U uid, %% a percent sign) and makes a relative result relative to home.
func expandKeysPath(p string, a account) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' {
			b.WriteByte(p[i])
			continue
		}
		if i+1 >= len(p) {
			return "", fmt.Errorf("expand %q: trailing %%", p)
		}
		i++
		switch p[i] {
		case '%':
			b.WriteByte('%')
		case 'h':
			b.WriteString(a.home)
		case 'u':
			b.WriteString(a.name)
		case 'U':
			fmt.Fprint(&b, a.uid)
		default:
			return "", fmt.Errorf("expand %q: unknown token %%%c", p, p[i])
		}
	}
	s := b.String()
	if strings.HasPrefix(s, "~/") {
		s = path.Join(a.home, s[2:])
	}
	if !path.IsAbs(s) {
		s = path.Join(a.home, s)
	}
	return path.Clean(s), nil
}

// authorizedKeys reads every AuthorizedKeysFile of every account with a login
// shell. files is the effective authorizedkeysfile value (space-separated).
func authorizedKeys(t target.Target, files string) ([]AuthorizedKeys, error) {
	accts, err := readAccounts(t)
	if err != nil {
		return nil, err
	}
	out := []AuthorizedKeys{}
	patterns := strings.Fields(files)
	if len(patterns) == 1 && strings.EqualFold(patterns[0], "none") {
		return out, nil
	}
	for _, a := range accts {
		if !loginShell(a.shell) || a.home == "" {
			continue
		}
		seen := map[string]bool{}
		for _, p := range patterns {
			fp, err := expandKeysPath(p, a)
			if err != nil {
				out = append(out, AuthorizedKeys{User: a.name, Path: p, Keys: []AuthorizedKey{}, Error: err.Error()})
				continue
			}
			if seen[fp] {
				continue
			}
			seen[fp] = true
			data, err := t.ReadFile(fp, maxKeysFile)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			ak := AuthorizedKeys{User: a.name, Path: fp, Keys: []AuthorizedKey{}}
			if err != nil {
				ak.Error = fmt.Sprintf("read %s: %v", fp, err)
			} else {
				ak.Keys = ParseAuthorizedKeys(data)
			}
			out = append(out, ak)
		}
	}
	return out, nil
}

// ParseAuthorizedKeys parses an authorized_keys file. Lines that do not parse
// are kept with an error so they are not silently ignored.
func ParseAuthorizedKeys(data []byte) []AuthorizedKey {
	keys := []AuthorizedKey{}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		pk, _, opts, _, err := xssh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			keys = append(keys, AuthorizedKey{Line: n + 1, Error: fmt.Sprintf("parse key: %v", err)})
			continue
		}
		d := describeKey(pk)
		keys = append(keys, AuthorizedKey{Line: n + 1, Type: d.Type, Bits: d.Bits, Fingerprint: d.Fingerprint, Options: opts})
	}
	return keys
}
