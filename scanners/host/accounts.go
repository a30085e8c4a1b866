package host

import (
	"context"
	"path"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Account database locations on the target.
const (
	passwdPath = "/etc/passwd"
	shadowPath = "/etc/shadow"
	groupPath  = "/etc/group"
)

// Password states of Account.Password.
const (
	pwUsable  = "usable"
	pwLocked  = "locked"
	pwNone    = "none"
	pwEmpty   = "empty"
	pwUnknown = "unknown"
)

// collectAccounts joins passwd(5) with shadow(5). A shadow that cannot be read
// still yields the accounts, with password state "unknown" and the reason under
// host.shadow. No hash, nor any part of one, is kept or written to a note.
func collectAccounts(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.accounts"}
	defer n.flush(c)
	b, err := t.ReadFile(passwdPath, capLarge)
	if err != nil {
		c.Errorf("host.accounts", "read %s: %v", passwdPath, err)
		return
	}
	accounts := parsePasswd(b, passwdPath, n)
	var shadow map[string]shadowEntry
	if sb, err := t.ReadFile(shadowPath, capLarge); err != nil {
		c.Errorf("host.shadow", "read %s: %v", shadowPath, err)
	} else {
		shadow = parseShadow(sb, shadowPath, n)
	}
	f.Accounts = joinShadow(accounts, shadow, n)
}

// passwdAccount is a passwd line with its password field, which joinShadow
// turns into a state and then drops.
type passwdAccount struct {
	Account
	field string
}

// parsePasswd reads name:x:uid:gid:gecos:home:shell lines. Malformed lines
// (wrong field count, non-numeric ids, NIS +/- entries) are noted by file:line
// and skipped.
func parsePasswd(b []byte, file string, n *notes) []passwdAccount {
	out := []passwdAccount{}
	for i, line := range lines(b) {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, ":")
		if len(fs) != 7 {
			n.add("%s:%d: want 7 fields, got %d; line skipped", file, i+1, len(fs))
			continue
		}
		if fs[0] == "" || strings.HasPrefix(fs[0], "+") || strings.HasPrefix(fs[0], "-") {
			n.add("%s:%d: no account name or a NIS entry; line skipped", file, i+1)
			continue
		}
		uid, err1 := strconv.Atoi(fs[2])
		gid, err2 := strconv.Atoi(fs[3])
		if err1 != nil || err2 != nil || uid < 0 || gid < 0 {
			n.add("%s:%d: uid %q or gid %q is not a number; line skipped", file, i+1, fs[2], fs[3])
			continue
		}
		out = append(out, passwdAccount{
			Account: Account{
				Name:       fs[0],
				UID:        uid,
				GID:        gid,
				Home:       fs[5],
				Shell:      fs[6],
				LoginShell: isLoginShell(fs[6]),
			},
			field: fs[1],
		})
	}
	return out
}

// isLoginShell reports whether a passwd shell lets the account log in. An
// empty shell means /bin/sh (passwd(5)).
func isLoginShell(shell string) bool {
	switch path.Base(strings.TrimSpace(shell)) {
	case "nologin", "false", "sync", "halt", "shutdown":
		return false
	}
	return true
}

// shadowEntry is what is kept of a shadow line: the state and scheme of its
// hash, never the hash. malformed marks a line for the account that could not
// be read, so its state is unknown rather than guessed.
type shadowEntry struct {
	password  string
	scheme    string
	rounds    int
	malformed bool
}

// parseShadow reads shadow(5) lines of nine fields. Notes about a malformed
// line name the file, line and account, never the line's text.
func parseShadow(b []byte, file string, n *notes) map[string]shadowEntry {
	m := map[string]shadowEntry{}
	for i, line := range lines(b) {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, ":")
		if len(fs) != 9 {
			name := fs[0]
			if len(fs) < 2 || name == "" {
				n.add("%s:%d: want 9 fields, got %d; line skipped", file, i+1, len(fs))
				continue
			}
			n.add("%s:%d: entry of %s has %d fields, want 9; its password state is unknown", file, i+1, name, len(fs))
			if _, dup := m[name]; !dup {
				m[name] = shadowEntry{password: pwUnknown, malformed: true}
			}
			continue
		}
		if _, dup := m[fs[0]]; dup {
			// Lookups (getspnam) return the first entry.
			n.add("%s:%d: second entry for %s ignored", file, i+1, fs[0])
			continue
		}
		state, scheme, rounds := classifyHash(fs[1])
		m[fs[0]] = shadowEntry{password: state, scheme: scheme, rounds: rounds}
	}
	return m
}

// joinShadow fills Password, Scheme and Rounds. An "x" in passwd defers to
// shadow; anything else in passwd is the hash itself (or its absence).
func joinShadow(accounts []passwdAccount, shadow map[string]shadowEntry, n *notes) []Account {
	out := make([]Account, 0, len(accounts))
	for i := range accounts {
		a := &accounts[i]
		switch {
		case a.field != "x":
			a.Password, a.Scheme, a.Rounds = classifyHash(a.field)
		case shadow == nil:
			a.Password = pwUnknown
		default:
			e, ok := shadow[a.Name]
			if !ok {
				// pam_unix finds no hash: no password can match.
				n.add("%s has no entry in %s: no password can be used", a.Name, shadowPath)
				a.Password = pwNone
				break
			}
			a.Password, a.Scheme, a.Rounds = e.password, e.scheme, e.rounds
		}
		a.field = ""
		out = append(out, a.Account)
	}
	return out
}

// classifyHash returns the state of a password field and the scheme of the
// hash in it. A '!' or '*' prefix locks a hash (passwd -l, usermod -L); those
// characters alone (or "!!" from useradd) mean no password was ever set.
func classifyHash(h string) (state, scheme string, rounds int) {
	if h == "" {
		return pwEmpty, "", 0
	}
	rest := strings.TrimLeft(h, "!*")
	if rest == "" {
		return pwNone, "", 0
	}
	state = pwUsable
	if rest != h {
		state = pwLocked
	}
	scheme, rounds = hashScheme(rest)
	return state, scheme, rounds
}

// hashScheme names a crypt(5) hash's scheme by its prefix. rounds is given for
// sha256crypt and sha512crypt only: rounds=N as glibc clamps it, else 5000.
func hashScheme(h string) (string, int) {
	switch {
	case strings.HasPrefix(h, "$y$"):
		return "yescrypt", 0
	case strings.HasPrefix(h, "$gy$"):
		return "gost-yescrypt", 0
	case strings.HasPrefix(h, "$7$"):
		return "scrypt", 0
	case strings.HasPrefix(h, "$6$"):
		return "sha512crypt", shaCryptRounds(h[3:])
	case strings.HasPrefix(h, "$5$"):
		return "sha256crypt", shaCryptRounds(h[3:])
	case strings.HasPrefix(h, "$1$"):
		return "md5crypt", 0
	case strings.HasPrefix(h, "$2a$"), strings.HasPrefix(h, "$2b$"), strings.HasPrefix(h, "$2y$"), strings.HasPrefix(h, "$2x$"):
		return "bcrypt", 0
	case len(h) == 13 && isCryptBase64(h):
		return "des", 0
	}
	return "unknown", 0
}

// shaCryptRounds reads the optional "rounds=N$" after the "$5$"/"$6$" prefix.
func shaCryptRounds(s string) int {
	const def, lo, hi = 5000, 1000, 999999999
	v, ok := strings.CutPrefix(s, "rounds=")
	if !ok {
		return def
	}
	end := strings.IndexByte(v, '$')
	if end < 0 {
		return def
	}
	r, err := strconv.Atoi(v[:end])
	if err != nil {
		return def
	}
	return min(max(r, lo), hi)
}

// isCryptBase64 reports whether s uses only crypt's alphabet [./0-9A-Za-z].
func isCryptBase64(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch == '.' || ch == '/' || ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z') {
			return false
		}
	}
	return true
}

// readIDNames maps numeric ids to names from a passwd- or group-style file of
// the target (name:x:id:...). The first entry for an id wins, as getpwuid
// returns it; a file that cannot be read gives an empty map.
func readIDNames(t target.Target, file string) map[uint32]string {
	m := map[uint32]string{}
	b, err := t.ReadFile(file, capLarge)
	if err != nil {
		return m
	}
	for _, line := range lines(b) {
		fs := strings.SplitN(line, ":", 4)
		if len(fs) < 3 || fs[0] == "" || strings.HasPrefix(fs[0], "#") || strings.HasPrefix(fs[0], "+") {
			continue
		}
		id, err := strconv.ParseUint(fs[2], 10, 32)
		if err != nil {
			continue
		}
		if _, dup := m[uint32(id)]; !dup {
			m[uint32(id)] = fs[0]
		}
	}
	return m
}
