package host

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/target"
)

// accountFacts are the fact paths the account, PAM and log collectors own.
var accountFacts = []string{
	"host.accounts", "host.shadow", "host.login_defs", "host.pam", "host.shell_timeout",
	"host.secret_files", "host.logrotate", "host.logs",
}

// scanAccountFixture scans a fixture tree and insists the account and log
// facts were collected cleanly.
func scanAccountFixture(t *testing.T, name string) *Facts {
	t.Helper()
	root := filepath.Join("..", "..", "fixtures", "hosts", name)
	tg, err := target.NewDir(root, "dir:"+name)
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	c := newTestCollection()
	got, err := New().Scan(context.Background(), tg, c)
	if err != nil {
		t.Fatalf("Scan(%s) = %v", name, err)
	}
	for path, msg := range c.Errors() {
		for _, fact := range accountFacts {
			if path == fact || strings.HasPrefix(path, fact+".") {
				t.Errorf("%s: %s recorded %q; want a clean collection", name, path, msg)
			}
		}
	}
	return got.(*Facts)
}

func findAccount(as []Account, name string) (Account, bool) {
	i := slices.IndexFunc(as, func(a Account) bool { return a.Name == name })
	if i < 0 {
		return Account{}, false
	}
	return as[i], true
}

// rulesCovering returns the logrotate rules whose patterns name p.
func rulesCovering(lr *Logrotate, p string) []LogrotateRule {
	var out []LogrotateRule
	for _, r := range lr.Rules {
		if logrotateCovers([]LogrotateRule{r}, p) {
			out = append(out, r)
		}
	}
	return out
}

func uid0(as []Account) []string {
	var out []string
	for _, a := range as {
		if a.UID == 0 {
			out = append(out, a.Name)
		}
	}
	return out
}

func TestAccountsCompliantFixture(t *testing.T) {
	f := scanAccountFixture(t, "debian12-compliant")
	if got := uid0(f.Accounts); !slices.Equal(got, []string{"root"}) {
		t.Errorf("UID 0 accounts = %v; want only root (ACC-001)", got)
	}
	for _, a := range f.Accounts {
		if a.Password == "usable" || a.Password == "empty" || a.Password == "unknown" {
			t.Errorf("account %s password %s; want none usable on the compliant host (ACC-002)", a.Name, a.Password)
		}
	}
	if f.LoginDefs["ENCRYPT_METHOD"] != "YESCRYPT" {
		t.Errorf("ENCRYPT_METHOD = %q; want YESCRYPT (ACC-003)", f.LoginDefs["ENCRYPT_METHOD"])
	}
	if f.PAM == nil || !f.PAM.PwqualityEnabled || f.PAM.Pwquality["minlen"] != "12" || !slices.Contains(f.PAM.UnixOptions, "yescrypt") {
		t.Errorf("pam = %+v; want pwquality minlen 12 and pam_unix yescrypt (ACC-003, ACC-004)", f.PAM)
	}
	for _, k := range []string{"dcredit", "ucredit", "lcredit", "ocredit", "minclass"} {
		if v, ok := f.PAM.Pwquality[k]; ok {
			t.Errorf("pwquality %s = %s; want no composition rule (ACC-004)", k, v)
		}
	}
	if !slices.ContainsFunc(f.ShellTimeout, func(s ShellTimeout) bool { return s.Readonly && s.Value > 0 && s.Value <= 900 }) {
		t.Errorf("shell_timeout = %+v; want a readonly TMOUT within 900 (ACC-005)", f.ShellTimeout)
	}
	wantSecrets := map[string]string{"/etc/app/secrets.env": kindCredential, "/etc/ssl/private/site.key": kindPrivateKey, "/etc/ssh/ssh_host_ed25519_key": kindPrivateKey}
	if len(f.SecretFiles) != len(wantSecrets) {
		t.Errorf("secret_files = %+v; want %v", f.SecretFiles, wantSecrets)
	}
	for _, s := range f.SecretFiles {
		if wantSecrets[s.Path] != s.Kind || s.Mode != "0600" || len(s.SHA256) != 64 {
			t.Errorf("secret file %+v; want kind %s, mode 0600 (ACC-006)", s, wantSecrets[s.Path])
		}
	}
	if nginx := rulesCovering(f.Logrotate, "/var/log/nginx/access.log"); len(nginx) != 1 || nginx[0].RetentionDays < 98 {
		t.Errorf("nginx rules = %+v; want one keeping >= 98 days (LOG-001)", nginx)
	}
	for _, p := range []string{"/var/log/app/app.log", "/var/log/app/worker.log"} {
		if rs := rulesCovering(f.Logrotate, p); len(rs) != 1 || rs[0].RetentionDays < 364 {
			t.Errorf("rules for %s = %+v; want one keeping >= 364 days (LOG-002, LOG-003)", p, rs)
		}
	}
	if f.Logs == nil || !f.Logs.AuthLog.Exists || !f.Logs.AuthLog.Rotated || !f.Logs.Journal.Persistent || f.Logs.Journal.Storage != "persistent" {
		t.Errorf("logs = %+v; want auth.log kept and rotated, journal persistent (LOG-004)", f.Logs)
	}
}

func TestAccountsDriftedFixture(t *testing.T) {
	f := scanAccountFixture(t, "debian12-drifted")
	if got := uid0(f.Accounts); !slices.Equal(got, []string{"root"}) {
		t.Errorf("UID 0 accounts = %v; want only root (ACC-001 passes)", got)
	}
	deploy, ok := findAccount(f.Accounts, "deploy")
	if !ok || deploy.Password != "usable" || deploy.Scheme != "md5crypt" || !deploy.LoginShell {
		t.Errorf("deploy = %+v; want a usable md5crypt password and a login shell (ACC-002, ACC-003)", deploy)
	}
	if f.LoginDefs["ENCRYPT_METHOD"] != "MD5" {
		t.Errorf("ENCRYPT_METHOD = %q; want MD5 (ACC-003)", f.LoginDefs["ENCRYPT_METHOD"])
	}
	if f.PAM == nil || f.PAM.Pwquality["minlen"] != "8" || f.PAM.Pwquality["dcredit"] != "-1" || f.PAM.Pwquality["ucredit"] != "-1" {
		t.Errorf("pam = %+v; want minlen 8, dcredit -1, ucredit -1 (ACC-004)", f.PAM)
	}
	if f.ShellTimeout == nil || len(f.ShellTimeout) != 0 {
		t.Errorf("shell_timeout = %+v; want collected and empty (ACC-005)", f.ShellTimeout)
	}
	if len(f.SecretFiles) != 1 || f.SecretFiles[0].Path != "/etc/app/secrets.env" || f.SecretFiles[0].Mode != "0644" || f.SecretFiles[0].Kind != kindCredential {
		t.Errorf("secret_files = %+v; want /etc/app/secrets.env credential 0644 (ACC-006)", f.SecretFiles)
	}
	if nginx := rulesCovering(f.Logrotate, "/var/log/nginx/error.log"); len(nginx) != 1 || nginx[0].RetentionDays != 14 {
		t.Errorf("nginx rules = %+v; want one keeping 14 days (LOG-001)", nginx)
	}
	if rs := rulesCovering(f.Logrotate, "/var/log/app/app.log"); len(rs) != 1 || rs[0].RetentionDays != 28 {
		t.Errorf("rules for app.log = %+v; want one keeping 28 days (LOG-002)", rs)
	}
	if rs := rulesCovering(f.Logrotate, "/var/log/app/worker.log"); len(rs) != 0 {
		t.Errorf("rules for worker.log = %+v; want none (LOG-003)", rs)
	}
	if f.Logs == nil || f.Logs.AuthLog.Exists || f.Logs.Journal.Persistent || f.Logs.Journal.Storage != "volatile" {
		t.Errorf("logs = %+v; want no auth log and a volatile journal (LOG-004)", f.Logs)
	}
}

// TestAccountsLocalMachine reads the machine the tests run on.
func TestAccountsLocalMachine(t *testing.T) {
	l := target.NewLocal()
	f, errs := accRun(l, collectAccounts)
	if f.Accounts == nil {
		t.Fatalf("accounts not collected on this machine: %v", errs)
	}
	root, ok := findAccount(f.Accounts, "root")
	if !ok || root.UID != 0 {
		t.Errorf("root = %+v, found %v; want root with UID 0", root, ok)
	}
	if _, err := l.ReadFile("/etc/shadow", capLarge); err != nil {
		// Without shadow access (not root) the state must say so, not guess.
		if root.Password != "unknown" || errs["host.shadow"] == "" {
			t.Errorf("shadow unreadable (%v) but root password = %q, host.shadow = %q", err, root.Password, errs["host.shadow"])
		}
	} else if root.Password == "unknown" {
		t.Errorf("shadow readable but root password unknown: %v", errs)
	}
	_, statErr := l.Stat(loginDefsPath)
	fl, errs := accRun(l, collectLoginDefs)
	switch {
	case statErr == nil && fl.LoginDefs == nil:
		t.Errorf("%s exists but login_defs was not read: %q", loginDefsPath, errs["host.login_defs"])
	case errors.Is(statErr, fs.ErrNotExist) && errs["host.login_defs"] == "":
		t.Errorf("%s is missing but no error was recorded", loginDefsPath)
	}
}
