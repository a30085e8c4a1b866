package sla

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// writeLog writes a 15-second probe log for one service from from to to,
// down in the given [start, end) spans.
func writeLog(t *testing.T, p string, from, to time.Time, down [][2]time.Time, skip [][2]time.Time) {
	t.Helper()
	var b strings.Builder
	b.WriteString("time,service,up\n")
	in := func(ts time.Time, spans [][2]time.Time) bool {
		for _, s := range spans {
			if !ts.Before(s[0]) && ts.Before(s[1]) {
				return true
			}
		}
		return false
	}
	for ts := from; ts.Before(to); ts = ts.Add(15 * time.Second) {
		if in(ts, skip) {
			continue
		}
		up := 1
		if in(ts, down) {
			up = 0
		}
		fmt.Fprintf(&b, "%s,web,%d\n", ts.Format(time.RFC3339), up)
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func scan(t *testing.T, a *config.Availability, now time.Time) (*Facts, map[string]string) {
	t.Helper()
	c := scanners.NewCollection(now)
	out, err := New(&config.Config{Availability: a}).Scan(t.Context(), target.NewLocal(), c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return out.(*Facts), c.Errors()
}

func TestUptimeFromLogExcludesAnnouncedMaintenance(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "probes.csv")
	// July: 44 minutes down in two outages. August: 46 minutes down, plus 90
	// minutes down inside an announced 2-hour window, plus an unannounced
	// window whose downtime still counts.
	writeLog(t, log, at("2026-07-01T00:00:00Z"), at("2026-09-01T00:00:00Z"), [][2]time.Time{
		{at("2026-07-10T03:00:00Z"), at("2026-07-10T03:30:00Z")},
		{at("2026-07-20T14:00:00Z"), at("2026-07-20T14:14:00Z")},
		{at("2026-08-05T10:00:00Z"), at("2026-08-05T10:40:00Z")},
		{at("2026-08-15T20:30:00Z"), at("2026-08-15T22:00:00Z")},
		{at("2026-08-25T01:00:00Z"), at("2026-08-25T01:06:00Z")},
	}, nil)
	cal := filepath.Join(dir, "maintenance.yaml")
	os.WriteFile(cal, []byte(`windows:
  - start: 2026-08-15T22:00:00+02:00
    end: 2026-08-16T00:00:00+02:00
    summary: database upgrade
    announced: 2026-08-10T09:00:00Z
  - start: 2026-08-25T03:00:00+02:00
    end: 2026-08-25T04:00:00+02:00
    summary: emergency reboot
`), 0o644)
	f, errs := scan(t, &config.Availability{Log: log, LogInterval: 15 * time.Second, Maintenance: cal, Months: 2}, at("2026-09-01T00:00:00Z"))
	if errs["sla.months"] != "" || len(f.Months) != 2 {
		t.Fatalf("months = %v, errors %v; want July and August", f.Months, errs)
	}
	for i, want := range []struct {
		month            string
		uptime           string
		down, maint, unk float64
		incidents        int
	}{
		// 1 - 44/44640
		{"2026-07", "99.9014", 44, 0, 0, 2},
		// 1 - 46/(44640-120): the announced window is out, the unannounced one is not
		{"2026-08", "99.8967", 46, 120, 0, 2},
	} {
		m := f.Months[i]
		if m.Month != want.month || m.UptimePercent == nil || fmt.Sprintf("%.4f", *m.UptimePercent) != want.uptime ||
			m.DownMinutes != want.down || m.MaintenanceMinutes != want.maint || m.UnknownMinutes != want.unk || m.Incidents != want.incidents {
			t.Errorf("month %d = %v; want %s uptime %s%%, %v down, %v maintenance, %d incidents", i, m, want.month, want.uptime, want.down, want.maint, want.incidents)
		}
	}
	if w := f.Maintenance[0]; !w.Excluded || *w.AnnouncedHoursBefore != 131 {
		t.Errorf("window = %+v; want excluded, announced 131 hours before", w)
	}
	if w := f.Maintenance[1]; w.Excluded || w.Announced != nil {
		t.Errorf("window = %+v; want the unannounced window kept in the uptime", w)
	}
}

func TestGapsAreUnknownNotUp(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "probes.csv")
	writeLog(t, log, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), [][2]time.Time{
		{at("2026-11-03T00:00:00Z"), at("2026-11-03T00:10:00Z")},
	}, [][2]time.Time{{at("2026-11-10T00:00:00Z"), at("2026-11-10T12:00:00Z")}})
	f, _ := scan(t, &config.Availability{Log: log, LogInterval: 15 * time.Second, Months: 1}, at("2026-12-01T00:00:00Z"))
	m := f.Months[0]
	// 43200 minutes, 720 without data, 10 down
	if m.UnknownMinutes != 720 || m.DownMinutes != 10 ||
		fmt.Sprintf("%.4f", *m.UptimePercent) != "99.9765" || // 42470/42480
		fmt.Sprintf("%.4f", m.UptimeMinPercent) != "98.3102" || // 42470/43200
		fmt.Sprintf("%.4f", m.UptimeMaxPercent) != "99.9769" || // 43190/43200
		fmt.Sprintf("%.4f", m.CoveragePercent) != "98.3333" {
		t.Errorf("month = %+v; want 720 unknown minutes bounding the uptime", m)
	}
}

func TestBadInputErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>hello</html>") }))
	defer garbage.Close()
	apiErr := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		fmt.Fprint(w, `{"status":"error","errorType":"bad_data","error":"parse error"}`)
	}))
	defer apiErr.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hang.Close()
	prom := func(u string) *config.Availability {
		return &config.Availability{Prometheus: &config.Prometheus{URL: u, Query: "probe_success", ServiceLabel: "job", Timeout: 300 * time.Millisecond}, Months: 1}
	}
	cases := []struct {
		name string
		a    *config.Availability
		path string
		want string
	}{
		{"duplicated sample", &config.Availability{Log: write("dup.csv", "time,service,up\n2026-11-02T00:00:00Z,web,1\n2026-11-02T00:00:00Z,web,0\n"), LogInterval: time.Minute, Months: 1}, "sla.months", "dup.csv:3: sample for web at 2026-11-02T00:00:00Z does not follow the previous one"},
		{"bad up value", &config.Availability{Log: write("bad.csv", "time,service,up\n2026-11-02T00:00:00Z,web,maybe\n"), LogInterval: time.Minute, Months: 1}, "sla.months", `bad.csv:2: up "maybe"`},
		{"log without header", &config.Availability{Log: write("nohead.csv", "2026-11-02T00:00:00Z,web,1\n"), LogInterval: time.Minute, Months: 1}, "sla.months", `has no "time" column`},
		{"json log garbage", &config.Availability{Log: write("l.jsonl", "{\"time\":\"2026-11-02T00:00:00Z\",\"service\":\"web\",\"up\":true}\nnot json\n"), LogInterval: time.Minute, Months: 1}, "sla.months", "l.jsonl:2:"},
		{"missing log", &config.Availability{Log: filepath.Join(dir, "none.csv"), LogInterval: time.Minute, Months: 1}, "sla.months", "read availability log"},
		{"calendar that does not parse", &config.Availability{Log: write("ok.csv", "time,service,up\n2026-11-02T00:00:00Z,web,1\n"), LogInterval: time.Minute, Months: 1, Maintenance: write("m.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-11-02\nEND:VEVENT\n")}, "sla.maintenance", "m.ics:2: VEVENT without DTEND"},
		{"months wait for the calendar", &config.Availability{Log: write("ok2.csv", "time,service,up\n2026-11-02T00:00:00Z,web,1\n"), LogInterval: time.Minute, Months: 1, Maintenance: write("m2.yaml", "windows:\n  - {start: tomorrow, end: 2026-11-02T00:00:00Z}\n")}, "sla.months", "maintenance calendar does not parse"},
		{"prometheus answering garbage", prom(garbage.URL), "sla.months", "not the API's JSON"},
		{"prometheus api error", prom(apiErr.URL), "sla.months", `status "error": bad_data parse error`},
		{"prometheus down", prom(downURL), "sla.months", "connect: connection refused"},
		{"prometheus that never answers", prom(hang.URL), "sla.months", "deadline exceeded"},
		{"prometheus down has no targets", prom(downURL), "sla.targets", "connection refused"},
		{"nothing configured", nil, "sla.months", "no availability source is configured"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, errs := scan(t, tc.a, at("2026-11-20T00:00:00Z"))
			if !strings.Contains(errs[tc.path], tc.want) {
				t.Errorf("errors[%s] = %q; want %q", tc.path, errs[tc.path], tc.want)
			}
			if tc.path == "sla.months" && f.Months != nil {
				t.Errorf("months = %v; want none counted without evidence", f.Months)
			}
		})
	}
}

func TestParseICS(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
		"BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20261130T080000Z\r\nCREATED:20261101T090000Z\r\nDTSTART;TZID=Europe/Paris:20261114T220000\r\nDTEND;TZID=Europe/Paris:20261115T000000\r\nSUMMARY:kernel upgr\r\n ade\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20261118T090000Z\r\nDTSTART:20261118T100000Z\r\nDTEND:20261118T103000Z\r\nSUMMARY:hotfix\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	ws, err := parseICS("m.ics", []byte(ics), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || !ws[0].Start.Equal(at("2026-11-14T21:00:00Z")) || !ws[0].End.Equal(at("2026-11-14T23:00:00Z")) ||
		ws[0].Summary != "kernel upgrade" || !ws[0].Announced.Equal(at("2026-11-01T09:00:00Z")) || ws[0].Source != "m.ics:9" ||
		!ws[1].Announced.Equal(at("2026-11-18T09:00:00Z")) {
		t.Errorf("parseICS = %+v", ws)
	}
	for in, want := range map[string]string{
		"BEGIN:VEVENT\nEND:VEVENT\n":                                                                                  "does not start with BEGIN:VCALENDAR",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:x\n":                                                                  "VEVENT is not closed",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026111\nDTEND:20261101T000000Z\nEND:VEVENT\n":                        `DTSTART "2026111"`,
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Nowhere/X:20261101T000000\nDTEND:20261101T010000Z\nEND:VEVENT\n": `TZID "Nowhere/X"`,
		"BEGIN:VCALENDAR\ngarbage\n":                                                                                  `"garbage" is not NAME:VALUE`,
	} {
		if _, err := parseICS("m.ics", []byte(in), time.UTC); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseICS(%q) = %v; want %q", in, err, want)
		}
	}
}

func TestHostPort(t *testing.T) {
	for in, want := range map[string]string{
		"10.0.0.1:22": "10.0.0.1 22", "https://app.example.com": "app.example.com 443",
		"http://web:8080/health": "web 8080", "[::1]:443": "::1 443", "db": "db 0",
	} {
		h, p := hostPort(in)
		if got := fmt.Sprintf("%s %d", h, p); got != want {
			t.Errorf("hostPort(%q) = %s; want %s", in, got, want)
		}
	}
}
