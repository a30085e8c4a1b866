package host

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// accTree writes files (target path -> content) under a temporary root and
// opens it as a dir: target.
func accTree(t *testing.T, files map[string]string) (*target.Dir, string) {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		hp := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(p, "/")))
		if err := os.MkdirAll(filepath.Dir(hp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(hp, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := target.NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	return d, root
}

// accRun runs one collector on a target and returns the facts and errors.
func accRun(t target.Target, fn collector) (*Facts, map[string]string) {
	c := scanners.NewCollection(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	f := &Facts{}
	fn(context.Background(), t, c, f)
	return f, c.Errors()
}

func TestClassifyHash(t *testing.T) {
	tests := []struct {
		name, hash, state, scheme string
		rounds                    int
	}{
		{"yescrypt usable", "$y$j9T$abcdefghijklmnopqrstuv$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", "usable", "yescrypt", 0},
		{"yescrypt locked with !", "!$y$j9T$abc$def", "locked", "yescrypt", 0},
		{"locked with *", "*$6$salt$hash", "locked", "sha512crypt", 5000},
		{"gost-yescrypt", "$gy$j9T$abc$def", "usable", "gost-yescrypt", 0},
		{"scrypt", "$7$CU..../....abc$def", "usable", "scrypt", 0},
		{"sha512crypt default rounds", "$6$saltsalt$hash", "usable", "sha512crypt", 5000},
		{"sha512crypt explicit rounds", "$6$rounds=65536$saltsalt$hash", "usable", "sha512crypt", 65536},
		{"sha256crypt few rounds clamped", "$5$rounds=10$salt$hash", "usable", "sha256crypt", 1000},
		{"sha512crypt bad rounds", "$6$rounds=lots$salt$hash", "usable", "sha512crypt", 5000},
		{"md5crypt", "$1$UrWG3ZZu$qCt/jEcMmP2CTUrSNEwebT", "usable", "md5crypt", 0},
		{"bcrypt 2b", "$2b$10$abcdefghijklmnopqrstuu", "usable", "bcrypt", 0},
		{"bcrypt 2a", "$2a$12$abc", "usable", "bcrypt", 0},
		{"bcrypt 2y", "$2y$12$abc", "usable", "bcrypt", 0},
		{"des", "abJnggxhB/yWI", "usable", "des", 0},
		{"unknown scheme", "$9$whatever", "usable", "unknown", 0},
		{"star alone", "*", "none", "", 0},
		{"bang alone", "!", "none", "", 0},
		{"double bang", "!!", "none", "", 0},
		{"bang star", "!*", "none", "", 0},
		{"empty field", "", "empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, scheme, rounds := classifyHash(tt.hash)
			if state != tt.state || scheme != tt.scheme || rounds != tt.rounds {
				t.Errorf("classifyHash = %s, %s, %d; want %s, %s, %d", state, scheme, rounds, tt.state, tt.scheme, tt.rounds)
			}
		})
	}
}

func TestParsePasswdAndShadow(t *testing.T) {
	passwd := "root:x:0:0:root:/root:/bin/bash\n" +
		"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" +
		"sync:x:4:65534:sync:/bin:/bin/sync\n" +
		"broken:x:5\n" + // too few fields
		"badid:x:abc:1::/:/bin/sh\n" +
		"+nisuser::::::\n" +
		"legacy:$1$abcdefgh$ijklmnopqrstuvwxyz0123:1002:1002::/home/legacy:/bin/sh\n" +
		"nopass::1003:1003::/home/nopass:/bin/bash\n" +
		"ghost:x:1004:1004::/home/ghost:/bin/bash\n" +
		"mangled:x:1005:1005::/home/mangled:/bin/bash\n" +
		"svc:x:999:999::/srv:/bin/false\n"
	shadow := "root:!$y$j9T$abcdefghijklmnopqrstuv$0123456789:19722:0:99999:7:::\n" +
		"daemon:*:19722:0:99999:7:::\n" +
		"sync:*:19722:0:99999:7:::\n" +
		"mangled:$6$salt$hash:1\n" + // too few fields
		"svc:$6$rounds=100000$salt$hash:19722:0:99999:7:::\n" +
		"short\n"
	n := &notes{fact: "host.accounts"}
	accs := joinShadow(parsePasswd([]byte(passwd), "/etc/passwd", n), parseShadow([]byte(shadow), "/etc/shadow", n), n)
	want := map[string]Account{
		"root":    {Name: "root", UID: 0, GID: 0, Home: "/root", Shell: "/bin/bash", LoginShell: true, Password: "locked", Scheme: "yescrypt"},
		"daemon":  {Name: "daemon", UID: 1, GID: 1, Home: "/usr/sbin", Shell: "/usr/sbin/nologin", Password: "none"},
		"sync":    {Name: "sync", UID: 4, GID: 65534, Home: "/bin", Shell: "/bin/sync", Password: "none"},
		"legacy":  {Name: "legacy", UID: 1002, GID: 1002, Home: "/home/legacy", Shell: "/bin/sh", LoginShell: true, Password: "usable", Scheme: "md5crypt"},
		"nopass":  {Name: "nopass", UID: 1003, GID: 1003, Home: "/home/nopass", Shell: "/bin/bash", LoginShell: true, Password: "empty"},
		"ghost":   {Name: "ghost", UID: 1004, GID: 1004, Home: "/home/ghost", Shell: "/bin/bash", LoginShell: true, Password: "none"},
		"mangled": {Name: "mangled", UID: 1005, GID: 1005, Home: "/home/mangled", Shell: "/bin/bash", LoginShell: true, Password: "unknown"},
		"svc":     {Name: "svc", UID: 999, GID: 999, Home: "/srv", Shell: "/bin/false", Password: "usable", Scheme: "sha512crypt", Rounds: 100000},
	}
	if len(accs) != len(want) {
		t.Errorf("got %d accounts; want %d (malformed passwd lines skipped): %+v", len(accs), len(want), accs)
	}
	for _, a := range accs {
		if w, ok := want[a.Name]; !ok || !reflect.DeepEqual(a, w) {
			t.Errorf("account %s = %+v; want %+v", a.Name, a, w)
		}
	}
	joined := strings.Join(n.items, "\n")
	for _, sub := range []string{"/etc/passwd:4", "/etc/passwd:5", "/etc/passwd:6", "/etc/shadow:4", "/etc/shadow:6"} {
		if !strings.Contains(joined, sub) {
			t.Errorf("notes %q do not name %s", joined, sub)
		}
	}
	if strings.Contains(joined, "$6$") || strings.Contains(joined, "salt") {
		t.Errorf("notes %q quote a hash", joined)
	}
}

func TestCollectAccountsWithoutShadow(t *testing.T) {
	d, _ := accTree(t, map[string]string{
		"/etc/passwd": "root:x:0:0:root:/root:/bin/bash\nadmin:x:1000:1000::/home/admin:/bin/bash\n",
	})
	f, errs := accRun(d, collectAccounts)
	if len(f.Accounts) != 2 {
		t.Fatalf("accounts = %+v; want root and admin from passwd", f.Accounts)
	}
	for _, a := range f.Accounts {
		if a.Password != "unknown" {
			t.Errorf("%s password = %q; want unknown when shadow is missing", a.Name, a.Password)
		}
	}
	if msg := errs["host.shadow"]; !strings.Contains(msg, "/etc/shadow") || !strings.Contains(msg, "no such file") {
		t.Errorf("host.shadow error = %q; want it to name /etc/shadow and the reason", msg)
	}
	if _, bad := errs["host.accounts"]; bad {
		t.Errorf("host.accounts error %q; want accounts collected", errs["host.accounts"])
	}
}

func TestCollectAccountsShadowUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root reads any file, so a permission error cannot be staged by mode;
		// a directory in shadow's place fails the read the same way.
		d, root := accTree(t, map[string]string{"/etc/passwd": "root:x:0:0::/root:/bin/bash\n"})
		if err := os.Mkdir(filepath.Join(root, "etc", "shadow"), 0o700); err != nil {
			t.Fatal(err)
		}
		f, errs := accRun(d, collectAccounts)
		if len(f.Accounts) != 1 || f.Accounts[0].Password != "unknown" || !strings.Contains(errs["host.shadow"], "/etc/shadow") {
			t.Errorf("accounts %+v, host.shadow %q; want root with unknown password and an error naming /etc/shadow", f.Accounts, errs["host.shadow"])
		}
		return
	}
	d, root := accTree(t, map[string]string{"/etc/passwd": "root:x:0:0::/root:/bin/bash\n", "/etc/shadow": "root:*:1:0:99999:7:::\n"})
	if err := os.Chmod(filepath.Join(root, "etc", "shadow"), 0); err != nil {
		t.Fatal(err)
	}
	f, errs := accRun(d, collectAccounts)
	if len(f.Accounts) != 1 || f.Accounts[0].Password != "unknown" || !strings.Contains(errs["host.shadow"], "permission denied") {
		t.Errorf("accounts %+v, host.shadow %q; want unknown password and permission denied", f.Accounts, errs["host.shadow"])
	}
}

func TestIsLoginShell(t *testing.T) {
	for shell, want := range map[string]bool{
		"/bin/bash": true, "/usr/bin/zsh": true, "": true, "/bin/sh": true,
		"/usr/sbin/nologin": false, "/sbin/nologin": false, "/bin/false": false, "/usr/bin/false": false,
		"/bin/sync": false, "/sbin/halt": false, "/sbin/shutdown": false,
	} {
		if got := isLoginShell(shell); got != want {
			t.Errorf("isLoginShell(%q) = %v; want %v", shell, got, want)
		}
	}
}

func TestParseLoginDefs(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  map[string]string
		notes int
	}{
		{
			name: "keys with tabs, comments and quotes",
			in:   "# comment\nMAIL_DIR\t/var/mail\n  ENCRYPT_METHOD   YESCRYPT  \n#ENCRYPT_METHOD MD5\nENV_PATH \"PATH=/usr/bin:/bin\"\n\n",
			want: map[string]string{"MAIL_DIR": "/var/mail", "ENCRYPT_METHOD": "YESCRYPT", "ENV_PATH": "PATH=/usr/bin:/bin"},
		},
		{
			name: "last value wins",
			in:   "ENCRYPT_METHOD SHA512\nSHA_CRYPT_MIN_ROUNDS 5000\nENCRYPT_METHOD MD5\n",
			want: map[string]string{"ENCRYPT_METHOD": "MD5", "SHA_CRYPT_MIN_ROUNDS": "5000"},
		},
		{
			name:  "malformed line skipped",
			in:    "PASS_MAX_DAYS 99999\n=== garbage ===\n",
			want:  map[string]string{"PASS_MAX_DAYS": "99999"},
			notes: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notes{}
			got := parseLoginDefs([]byte(tt.in), "/etc/login.defs", n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseLoginDefs = %v; want %v", got, tt.want)
			}
			if len(n.items) != tt.notes {
				t.Errorf("notes = %q; want %d", n.items, tt.notes)
			}
		})
	}
}

func TestCollectLoginDefsMissing(t *testing.T) {
	d, _ := accTree(t, map[string]string{"/etc/hostname": "x\n"})
	f, errs := accRun(d, collectLoginDefs)
	if f.LoginDefs != nil || !strings.Contains(errs["host.login_defs"], "/etc/login.defs") {
		t.Errorf("login_defs = %v, error %q; want nil and an error naming the file", f.LoginDefs, errs["host.login_defs"])
	}
}

func TestCollectPAM(t *testing.T) {
	const debianCommon = "# comment\n" +
		"password\trequisite\t\t\tpam_pwquality.so retry=3\n" +
		"password\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok try_first_pass yescrypt\n" +
		"password\trequisite\t\t\tpam_deny.so\n" +
		"password\trequired\t\t\tpam_permit.so\n"
	tests := []struct {
		name    string
		files   map[string]string
		want    PAM
		errPath string
	}{
		{
			name: "debian defaults with pwquality.conf and a drop-in, module options win",
			files: map[string]string{
				"/etc/pam.d/common-password":                   strings.Replace(debianCommon, "retry=3", "retry=3 minlen=14", 1),
				"/etc/pam.d/passwd":                            "@include common-password\n",
				"/etc/security/pwquality.conf":                 "# minlen = 9\nminlen = 12\ndcredit=-1\nenforce_for_root\n",
				"/etc/security/pwquality.conf.d/10-local.conf": "dcredit = 0\nucredit = -1\n",
			},
			want: PAM{
				// The main file is read after the drop-ins (libpwquality), so its dcredit wins.
				Pwquality:        map[string]string{"minlen": "14", "dcredit": "-1", "ucredit": "-1", "retry": "3", "enforce_for_root": ""},
				PwqualityEnabled: true,
				UnixOptions:      []string{"obscure", "use_authtok", "try_first_pass", "yescrypt"},
				File:             "/etc/pam.d/common-password",
				Files:            []string{"/etc/pam.d/common-password"},
			},
		},
		{
			name: "no pwquality in the stack",
			files: map[string]string{
				"/etc/pam.d/common-password":   "password [success=1 default=ignore] pam_unix.so obscure sha512 rounds=10000 minlen=8\npassword requisite pam_deny.so\n",
				"/etc/security/pwquality.conf": "minlen = 20\n",
			},
			want: PAM{
				Pwquality:   map[string]string{},
				UnixOptions: []string{"obscure", "sha512", "rounds=10000", "minlen=8"},
				File:        "/etc/pam.d/common-password",
				Files:       []string{"/etc/pam.d/common-password"},
			},
		},
		{
			name: "passwd with its own stack is merged",
			files: map[string]string{
				"/etc/pam.d/common-password": debianCommon,
				"/etc/pam.d/passwd":          "password required pam_unix.so md5 \\\n  nullok\n",
			},
			want: PAM{
				Pwquality:   map[string]string{"retry": "3"},
				UnixOptions: []string{"obscure", "use_authtok", "try_first_pass", "yescrypt", "md5", "nullok"},
				File:        "/etc/pam.d/common-password",
				Files:       []string{"/etc/pam.d/common-password", "/etc/pam.d/passwd"},
			},
		},
		{
			name: "cracklib counts, include loop is cut",
			files: map[string]string{
				"/etc/pam.d/common-password": "@include common-extra\npassword requisite pam_cracklib.so minlen=10 dcredit=-1\npassword required pam_unix.so sha512\n",
				"/etc/pam.d/common-extra":    "@include common-password\n-password optional pam_gnome_keyring.so\n",
			},
			want: PAM{
				Pwquality:        map[string]string{"minlen": "10", "dcredit": "-1"},
				PwqualityEnabled: true,
				UnixOptions:      []string{"sha512"},
				File:             "/etc/pam.d/common-password",
				Files:            []string{"/etc/pam.d/common-password"},
			},
		},
		{
			name:    "no common-password",
			files:   map[string]string{"/etc/pam.d/other": "auth required pam_deny.so\n"},
			errPath: "host.pam",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := accTree(t, tt.files)
			f, errs := accRun(d, collectPAM)
			if tt.errPath != "" {
				if f.PAM != nil || !strings.Contains(errs[tt.errPath], "common-password") {
					t.Errorf("pam = %+v, %s = %q; want nil and an error naming the file", f.PAM, tt.errPath, errs[tt.errPath])
				}
				return
			}
			if f.PAM == nil {
				t.Fatalf("pam not collected: %v", errs)
			}
			if !reflect.DeepEqual(*f.PAM, tt.want) {
				t.Errorf("pam = %+v\nwant %+v", *f.PAM, tt.want)
			}
		})
	}
}

func TestParsePAMLoopNoted(t *testing.T) {
	d, _ := accTree(t, map[string]string{
		"/etc/pam.d/common-password": "@include loop-a\npassword required pam_unix.so yescrypt\n",
		"/etc/pam.d/loop-a":          "@include loop-b\n",
		"/etc/pam.d/loop-b":          "@include loop-a\n",
	})
	f, errs := accRun(d, collectPAM)
	if f.PAM == nil || !reflect.DeepEqual(f.PAM.UnixOptions, []string{"yescrypt"}) {
		t.Fatalf("pam = %+v; want the stack read despite the loop", f.PAM)
	}
	if !strings.Contains(errs["host.pam.notes"], "/etc/pam.d/loop-b:1") || !strings.Contains(errs["host.pam.notes"], "loop") {
		t.Errorf("notes = %q; want the loop named at loop-b:1", errs["host.pam.notes"])
	}
}
