package config

import (
	"strings"
	"testing"
	"time"
)

func TestParseBackupsAndAvailability(t *testing.T) {
	c, err := Parse("vouch.yaml", []byte(`backups:
  - name: app-archives
    type: archive
    path: /var/backups/app
    pattern: "{instance}-{time:20060102T150405Z}.tar.gz.gpg"
    location: dc1
    max_age_hours: 2
  - name: offsite
    type: restic
    repository: /srv/restic/app
    password_file: /etc/vouch/restic.pass
    location: dc2
restore_tests: /var/log/vouch/restore-tests.jsonl
availability:
  prometheus: {url: "http://127.0.0.1:9090/", timeout: 3s}
  maintenance: /etc/vouch/maintenance.ics
  timezone: Europe/Paris
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Backups) != 2 || c.Backups[0].Line != 2 || *c.Backups[0].MaxAgeHours != 2 || c.Backups[1].PasswordFile != "/etc/vouch/restic.pass" {
		t.Errorf("backups = %+v", c.Backups)
	}
	if c.RestoreTests != "/var/log/vouch/restore-tests.jsonl" {
		t.Errorf("restore_tests = %q", c.RestoreTests)
	}
	a := c.Availability
	if a == nil || a.Prometheus.URL != "http://127.0.0.1:9090" || a.Prometheus.Query != "probe_success" || a.Prometheus.ServiceLabel != "job" ||
		a.Prometheus.Timeout != 3*time.Second || a.Months != 3 || a.Timezone != "Europe/Paris" || a.LogInterval != time.Minute {
		t.Errorf("availability = %+v prometheus %+v; want defaults filled in", a, a.Prometheus)
	}
}

func TestParseBackupErrorsNameTheLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"backups not a list", "backups: {a: 1}\n", "vouch.yaml:1: backups: want a list"},
		{"unknown key in a set", "backups:\n  - {name: a, type: archive, path: /b, pattern: \"{time:2006}\", location: x, paht: /c}\n", "vouch.yaml:2: backups: "},
		{"bad set name", "backups:\n  - {name: a.b, type: archive, path: /b, pattern: \"{time:2006}\", location: x}\n", `vouch.yaml:2: backups: name "a.b"`},
		{"unknown type", "backups:\n  - {name: a, type: tape, location: x}\n", `vouch.yaml:2: backup set "a": type "tape"`},
		{"archive without pattern", "backups:\n  - {name: a, type: archive, path: /b, location: x}\n", "needs path and pattern"},
		{"pattern without time", "backups:\n  - {name: a, type: archive, path: /b, pattern: \"{instance}.tar\", location: x}\n", "has no {time:LAYOUT}"},
		{"no location", "backups:\n  - {name: a, type: archive, path: /b, pattern: \"{time:2006}\"}\n", "location is required"},
		{"restic with two passwords", "backups:\n  - {name: a, type: restic, repository: /r, password_file: /p, password_env: P, location: x}\n", "exactly one of password_file or password_env"},
		{"restic without password", "backups:\n  - {name: a, type: restic, repository: /r, location: x}\n", "exactly one of password_file or password_env"},
		{"duplicate set", "backups:\n  - {name: a, type: restic, repository: /r, password_env: P, location: x}\n  - {name: a, type: restic, repository: /r, password_env: P, location: y}\n", `vouch.yaml:3: backup set "a": declared twice (first on line 2)`},
		{"negative max age", "backups:\n  - {name: a, type: restic, repository: /r, password_env: P, location: x, max_age_hours: -1}\n", "max_age_hours must be positive"},
		{"availability with both sources", "availability:\n  prometheus: {url: http://x:9090}\n  log: /l.csv\n", "vouch.yaml:2: availability: want exactly one of prometheus or log"},
		{"availability unknown key", "availability:\n  log: /l.csv\n  calendar: /c.ics\n", "vouch.yaml:2: availability: "},
		{"prometheus bad url", "availability:\n  prometheus: {url: \"ftp://x\"}\n", `prometheus.url "ftp://x"`},
		{"bad log interval", "availability:\n  log: /l.csv\n  log_interval: soon\n", `log_interval "soon"`},
		{"bad timezone", "availability:\n  log: /l.csv\n  timezone: Mars/Olympus\n", `timezone "Mars/Olympus"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("vouch.yaml", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}
