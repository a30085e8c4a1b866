package ssh

import (
	"fmt"
	"strings"

	"github.com/vouch-audit/vouch/target"
)

// account is one line of /etc/passwd.
type account struct {
	name  string
	uid   int
	gid   string
	home  string
	shell string
}

// maxAccountsFile caps /etc/passwd and /etc/group reads.
const maxAccountsFile = 4 << 20

func readAccounts(t target.Target) ([]account, error) {
	b, err := t.ReadFile("/etc/passwd", maxAccountsFile)
	if err != nil {
		return nil, fmt.Errorf("read /etc/passwd: %w", err)
	}
	var out []account
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, ":")
		if len(f) != 7 || f[0] == "" || strings.HasPrefix(f[0], "#") {
			continue
		}
		uid := -1
		fmt.Sscanf(f[2], "%d", &uid)
		out = append(out, account{name: f[0], uid: uid, gid: f[3], home: f[5], shell: f[6]})
	}
	return out, nil
}

// loginShell reports whether a shell lets the account log in interactively.
func loginShell(shell string) bool {
	if shell == "" {
		return true // login(1) falls back to /bin/sh
	}
	for _, s := range []string{"nologin", "/bin/false", "/usr/bin/false", "/bin/sync", "/sbin/shutdown", "/sbin/halt"} {
		if strings.HasSuffix(shell, s) {
			return false
		}
	}
	return true
}

// groupsOf returns the names of the user's primary and supplementary groups,
// or nil when the user does not exist, the way sshd's Match Group sees them.
func groupsOf(accts []account, groupFile []byte, user string) []string {
	var acct *account
	for i := range accts {
		if accts[i].name == user {
			acct = &accts[i]
			break
		}
	}
	if acct == nil {
		return nil
	}
	groups := []string{}
	for _, line := range strings.Split(string(groupFile), "\n") {
		f := strings.Split(line, ":")
		if len(f) != 4 {
			continue
		}
		member := f[2] == acct.gid
		for _, m := range strings.Split(f[3], ",") {
			if m == user {
				member = true
			}
		}
		if member && !contains(groups, f[0]) {
			groups = append(groups, f[0])
		}
	}
	return groups
}
