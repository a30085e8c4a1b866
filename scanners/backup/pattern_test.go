package backup

import (
	"strings"
	"testing"
	"time"
)

func TestPatternMatch(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	cases := []struct {
		name, pattern, file string
		loc                 *time.Location
		ok                  bool
		instance, time, err string
	}{
		{"instance with dashes before a compact UTC time", "{instance}-{time:20060102T150405Z}.tar.gz.gpg", "app-web-20261130T020000Z.tar.gz.gpg", time.UTC, true, "app-web", "2026-11-30T02:00:00Z", ""},
		{"local time in the set's zone", "db_{time:2006-01-02_15-04}.sql.gpg", "db_2026-07-01_02-00.sql.gpg", paris, true, "", "2026-07-01T00:00:00Z", ""},
		{"unix seconds", "{instance}.{time:unix}.gpg", "a.1764547200.gpg", time.UTC, true, "a", "2025-12-01T00:00:00Z", ""},
		{"zone in the name wins", "x-{time:2006-01-02T15:04:05Z07:00}", "x-2026-11-30T02:00:00+01:00", paris, true, "", "2026-11-30T01:00:00Z", ""},
		{"other files do not match", "{instance}-{time:20060102}.tar.gz.gpg", "README", time.UTC, false, "", "", ""},
		{"a month 13 matches but does not parse", "{instance}-{time:20060102}.gpg", "a-20261301.gpg", time.UTC, true, "a", "", "does not parse"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			np, err := compilePattern(tc.pattern)
			if err != nil {
				t.Fatal(err)
			}
			inst, ts, ok, err := np.match(tc.file, tc.loc)
			if ok != tc.ok || inst != tc.instance {
				t.Fatalf("match(%q) = %q, %v; want %q, %v", tc.file, inst, ok, tc.instance, tc.ok)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("match error = %v; want %q", err, tc.err)
				}
				return
			}
			if ok && ts.Format(time.RFC3339) != tc.time {
				t.Errorf("time = %s; want %s", ts.Format(time.RFC3339), tc.time)
			}
		})
	}
}

func TestBadPatternsAreRejected(t *testing.T) {
	for p, want := range map[string]string{
		"{instance}.tar":           "has no {time:LAYOUT}",
		"{time:20060102":           "not closed",
		"{host}-{time:2006}":       "unknown placeholder",
		"{time:2006}{time:2006}":   "appears twice",
		"{time:2006-00-02}.tar.gz": "not a layout element",
	} {
		if _, err := compilePattern(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("compilePattern(%q) = %v; want %q", p, err, want)
		}
	}
}
