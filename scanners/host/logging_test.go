package host

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestShellTimeout(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []ShellTimeout
	}{
		{
			name:  "plain assignment then readonly and export on later lines",
			files: map[string]string{"/etc/profile.d/tmout.sh": "# idle logout\nTMOUT=900\nreadonly TMOUT\nexport TMOUT\n"},
			want:  []ShellTimeout{{File: "/etc/profile.d/tmout.sh", Line: 2, Value: 900, Readonly: true, Exported: true}},
		},
		{
			name:  "one line with semicolons, as the remediation writes it",
			files: map[string]string{"/etc/profile": "TMOUT=600; readonly TMOUT; export TMOUT\n"},
			want:  []ShellTimeout{{File: "/etc/profile", Line: 1, Value: 600, Readonly: true, Exported: true}},
		},
		{
			name: "builtins with the assignment",
			files: map[string]string{
				"/etc/profile.d/a.sh": "readonly TMOUT=900\n",
				"/etc/profile.d/b.sh": "declare -r TMOUT=\"300\"\n",
				"/etc/profile.d/c.sh": "typeset -rx TMOUT='120'\n",
				"/etc/profile.d/d.sh": "  export TMOUT=1800   # half an hour\n",
			},
			want: []ShellTimeout{
				{File: "/etc/profile.d/a.sh", Line: 1, Value: 900, Readonly: true},
				{File: "/etc/profile.d/b.sh", Line: 1, Value: 300, Readonly: true},
				{File: "/etc/profile.d/c.sh", Line: 1, Value: 120, Readonly: true, Exported: true},
				{File: "/etc/profile.d/d.sh", Line: 1, Value: 1800, Exported: true},
			},
		},
		{
			name: "comments, env prefixes, other names and /etc/environment are not settings",
			files: map[string]string{
				"/etc/profile":            "# TMOUT=60\nMY_TMOUT=60\nTMOUT=5 some-command\necho TMOUT=7\n",
				"/etc/environment":        "TMOUT=900\n",
				"/etc/profile.d/notsh.sh": "#!/bin/sh\n",
				"/etc/profile.d/x.csh":    "set TMOUT=900\n",
			},
			want: []ShellTimeout{},
		},
		{
			name: "read order: profile, bash.bashrc, profile.d; readonly in a later file marks the earlier value",
			files: map[string]string{
				"/etc/profile.d/z.sh": "readonly TMOUT\n",
				"/etc/bash.bashrc":    "if [ -n \"$PS1\" ]; then TMOUT=3600; fi\n",
				"/etc/profile":        "TMOUT=0\n",
			},
			want: []ShellTimeout{
				{File: "/etc/profile", Line: 1, Value: 0},
				{File: "/etc/bash.bashrc", Line: 1, Value: 3600, Readonly: true},
			},
		},
		{
			name:  "no files at all",
			files: map[string]string{"/etc/hostname": "web1\n"},
			want:  []ShellTimeout{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := accTree(t, tt.files)
			f, errs := accRun(d, collectShellTimeout)
			if f.ShellTimeout == nil {
				t.Fatalf("shell_timeout not collected: %v", errs)
			}
			if !reflect.DeepEqual(f.ShellTimeout, tt.want) {
				t.Errorf("shell_timeout = %+v\nwant %+v", f.ShellTimeout, tt.want)
			}
		})
	}
}

func TestShellTimeoutNotANumber(t *testing.T) {
	d, _ := accTree(t, map[string]string{"/etc/profile": "TMOUT=$IDLE\n"})
	f, errs := accRun(d, collectShellTimeout)
	if len(f.ShellTimeout) != 0 || !strings.Contains(errs["host.shell_timeout.notes"], "/etc/profile:1") {
		t.Errorf("shell_timeout = %+v, notes %q; want none and a note at /etc/profile:1", f.ShellTimeout, errs["host.shell_timeout.notes"])
	}
}

func TestLogrotate(t *testing.T) {
	const debianConf = "# see \"man logrotate\"\nweekly\nrotate 4\ncreate\ninclude /etc/logrotate.d\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []LogrotateRule
		notes []string
	}{
		{
			name: "globals inherited, includes in name order, scripts with braces skipped",
			files: map[string]string{
				"/etc/logrotate.conf":           debianConf,
				"/etc/logrotate.d/nginx":        "/var/log/nginx/*.log {\n\tdaily\n\trotate 14\n\tprerotate\n\t\tif [ -d /x ]; then { run-parts /x; }; fi\n\tendscript\n}\n",
				"/etc/logrotate.d/rsyslog":      "/var/log/syslog\n/var/log/auth.log\n{\n\tmissingok\n}\n",
				"/etc/logrotate.d/app.dpkg-old": "/var/log/old.log { daily }\n",
			},
			want: []LogrotateRule{
				{File: "/etc/logrotate.d/nginx", Line: 1, Patterns: []string{"/var/log/nginx/*.log"}, Period: "daily", Rotate: 14, RetentionDays: 14},
				{File: "/etc/logrotate.d/rsyslog", Line: 1, Patterns: []string{"/var/log/syslog", "/var/log/auth.log"}, Period: "weekly", Rotate: 4, RetentionDays: 28},
			},
		},
		{
			name: "several patterns on one line, maxage shorter, hourly, monthly, yearly",
			files: map[string]string{
				"/etc/logrotate.conf": "daily\nrotate 7\n\"/var/log/a b.log\" /var/log/c.log {\n  weekly\n  rotate 52\n  maxage 90\n}\n" +
					"/var/log/h.log {\n hourly\n rotate 48\n}\n/var/log/m.log {\n monthly\n rotate 12\n}\n/var/log/y.log { yearly\n rotate 2 }\n",
			},
			want: []LogrotateRule{
				{File: "/etc/logrotate.conf", Line: 3, Patterns: []string{"/var/log/a b.log", "/var/log/c.log"}, Period: "weekly", Rotate: 52, MaxAge: 90, RetentionDays: 90},
				{File: "/etc/logrotate.conf", Line: 8, Patterns: []string{"/var/log/h.log"}, Period: "hourly", Rotate: 48, RetentionDays: 2},
				{File: "/etc/logrotate.conf", Line: 12, Patterns: []string{"/var/log/m.log"}, Period: "monthly", Rotate: 12, RetentionDays: 360},
				{File: "/etc/logrotate.conf", Line: 16, Patterns: []string{"/var/log/y.log"}, Period: "yearly", Rotate: 2, RetentionDays: 730},
			},
		},
		{
			name: "size-only block, with and without maxage; unbounded rotate",
			files: map[string]string{
				"/etc/logrotate.conf": "weekly\n/var/log/big.log {\n size 100M\n rotate 5\n}\n/var/log/aged.log {\n size 10M\n maxage 30\n}\n/var/log/keep.log {\n rotate -1\n}\n",
			},
			want: []LogrotateRule{
				{File: "/etc/logrotate.conf", Line: 2, Patterns: []string{"/var/log/big.log"}, Period: "size", Rotate: 5, RetentionDays: 0},
				{File: "/etc/logrotate.conf", Line: 6, Patterns: []string{"/var/log/aged.log"}, Period: "size", MaxAge: 30, RetentionDays: 30},
				{File: "/etc/logrotate.conf", Line: 10, Patterns: []string{"/var/log/keep.log"}, Period: "weekly", Rotate: -1, RetentionDays: unboundedRetentionDays},
			},
		},
		{
			name: "no period anywhere is logrotate's size default",
			files: map[string]string{
				"/etc/logrotate.conf": "/var/log/x.log {\n rotate 3\n}\n",
			},
			want: []LogrotateRule{{File: "/etc/logrotate.conf", Line: 1, Patterns: []string{"/var/log/x.log"}, Period: "size", Rotate: 3}},
		},
		{
			name: "block never closed",
			files: map[string]string{
				"/etc/logrotate.conf":    debianConf,
				"/etc/logrotate.d/open":  "/var/log/open.log {\n daily\n rotate 7\n",
				"/etc/logrotate.d/zfine": "/var/log/fine.log {\n rotate 2\n}\n",
			},
			want:  []LogrotateRule{{File: "/etc/logrotate.d/zfine", Line: 1, Patterns: []string{"/var/log/fine.log"}, Period: "weekly", Rotate: 2, RetentionDays: 14}},
			notes: []string{"/etc/logrotate.d/open:1: block for /var/log/open.log is never closed"},
		},
		{
			name: "include loop and a bad number",
			files: map[string]string{
				"/etc/logrotate.conf":  "include /etc/logrotate.d\n",
				"/etc/logrotate.d/a":   "include /etc/logrotate.d/b\n/var/log/a.log {\n rotate many\n daily\n}\n",
				"/etc/logrotate.d/b":   "include /etc/logrotate.d/a\n",
				"/etc/logrotate.d/sub": "",
			},
			want: []LogrotateRule{{File: "/etc/logrotate.d/a", Line: 2, Patterns: []string{"/var/log/a.log"}, Period: "daily", RetentionDays: 0}},
			notes: []string{
				"/etc/logrotate.d/b:1: include of /etc/logrotate.d/a skipped: include loop",
				"/etc/logrotate.d/a:3: rotate \"many\" is not a number",
			},
		},
		{
			name:  "no logrotate.conf",
			files: map[string]string{"/etc/hostname": "web1\n"},
			want:  []LogrotateRule{},
			notes: []string{"/etc/logrotate.conf does not exist"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := accTree(t, tt.files)
			f, errs := accRun(d, collectLogrotate)
			if f.Logrotate == nil {
				t.Fatalf("logrotate not collected: %v", errs)
			}
			if !reflect.DeepEqual(f.Logrotate.Rules, tt.want) {
				t.Errorf("rules = %+v\nwant  %+v", f.Logrotate.Rules, tt.want)
			}
			for _, want := range tt.notes {
				if !strings.Contains(errs["host.logrotate.notes"], want) {
					t.Errorf("notes %q; want one containing %q", errs["host.logrotate.notes"], want)
				}
			}
		})
	}
}

func TestLogs(t *testing.T) {
	rules := &Logrotate{Rules: []LogrotateRule{{Patterns: []string{"/var/log/syslog", "/var/log/sec*"}}}}
	tests := []struct {
		name  string
		files map[string]string
		rules *Logrotate
		want  Logs
	}{
		{
			name:  "secure log rotated by glob, journal defaults with the directory",
			files: map[string]string{"/var/log/secure": "x\n", "/var/log/journal/.keep": ""},
			rules: rules,
			want: Logs{AuthLog: &AuthLog{Path: "/var/log/secure", Exists: true, Rotated: true},
				Journal: Journal{Storage: "auto", PersistentDir: true, Persistent: true}},
		},
		{
			name: "auth.log not rotated; drop-ins override the main file by name order",
			files: map[string]string{
				"/var/log/auth.log":                               "x\n",
				"/etc/systemd/journald.conf":                      "[Journal]\nStorage=persistent\n#ForwardToSyslog=yes\n",
				"/usr/lib/systemd/journald.conf.d/10-vendor.conf": "[Journal]\nForwardToSyslog=yes\n",
				"/etc/systemd/journald.conf.d/50-volatile.conf":   "[Journal]\nStorage=volatile\n",
				"/etc/systemd/journald.conf.d/README":             "Storage=persistent\n",
			},
			rules: rules,
			want: Logs{AuthLog: &AuthLog{Path: "/var/log/auth.log", Exists: true},
				Journal: Journal{Storage: "volatile", ForwardToSyslog: true}},
		},
		{
			name: "/etc drop-in masks the same name in /usr/lib",
			files: map[string]string{
				"/usr/lib/systemd/journald.conf.d/60-x.conf": "[Journal]\nStorage=none\n",
				"/etc/systemd/journald.conf.d/60-x.conf":     "[Journal]\nStorage=persistent\n",
			},
			rules: rules,
			want: Logs{AuthLog: &AuthLog{Path: "/var/log/auth.log"},
				Journal: Journal{Storage: "persistent", Persistent: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := accTree(t, tt.files)
			f := &Facts{Logrotate: tt.rules}
			c := newTestCollection()
			collectLogs(t.Context(), d, c, f)
			if f.Logs == nil {
				t.Fatalf("logs not collected: %v", c.Errors())
			}
			if !reflect.DeepEqual(*f.Logs.AuthLog, *tt.want.AuthLog) || f.Logs.Journal != tt.want.Journal {
				t.Errorf("logs = %+v %+v\nwant %+v %+v", *f.Logs.AuthLog, f.Logs.Journal, *tt.want.AuthLog, tt.want.Journal)
			}
		})
	}
}

// TestLogsNeverReadLogFiles plants a 1 GiB (sparse) auth log: the collector
// only stats it, and the secret walk skips anything over its cap.
func TestLogsNeverReadLogFiles(t *testing.T) {
	d, root := accTree(t, map[string]string{"/etc/logrotate.conf": "/var/log/auth.log {\n weekly\n rotate 4\n}\n"})
	for _, p := range []string{"var/log/auth.log", "etc/huge.conf"} {
		hp := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(hp), 0o755)
		fh, err := os.Create(hp)
		if err != nil {
			t.Fatal(err)
		}
		if err := fh.Truncate(1 << 30); err != nil {
			t.Fatal(err)
		}
		fh.Close()
	}
	start := time.Now()
	f := &Facts{}
	c := newTestCollection()
	collectLogrotate(t.Context(), d, c, f)
	collectLogs(t.Context(), d, c, f)
	collectSecretFiles(t.Context(), d, c, f)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("collectors took %s with a 1 GiB file; want it never read", el)
	}
	if f.Logs == nil || !f.Logs.AuthLog.Exists || !f.Logs.AuthLog.Rotated {
		t.Errorf("logs = %+v; want the auth log to exist and be rotated", f.Logs)
	}
	if f.SecretFiles == nil || len(f.SecretFiles) != 0 {
		t.Errorf("secret_files = %+v; want none (the large file skipped)", f.SecretFiles)
	}
}
