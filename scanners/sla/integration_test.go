package sla

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/internal/testenv"
	"github.com/vouch-audit/vouch/policies"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// needTool returns the path of a program: see testenv.Need.
func needTool(t testing.TB, name, pkg string) string {
	t.Helper()
	return testenv.Need(t, name, pkg)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// history writes OpenMetrics for probe_success{job="web"} every 15 s over
// [from, to), 0 inside the down spans: one file a day, because promtool reads
// its whole input once for every 2-hour block it writes.
func history(t *testing.T, dir string, from, to time.Time, down [][2]time.Time) []string {
	t.Helper()
	var files []string
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		p := filepath.Join(dir, day.Format("20060102")+".om")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fmt.Fprintln(w, "# HELP probe_success Whether the probe succeeded.")
		fmt.Fprintln(w, "# TYPE probe_success gauge")
		for ts := day; ts.Before(day.AddDate(0, 0, 1)) && ts.Before(to); ts = ts.Add(15 * time.Second) {
			v := 1
			for _, s := range down {
				if !ts.Before(s[0]) && ts.Before(s[1]) {
					v = 0
				}
			}
			fmt.Fprintf(w, "probe_success{job=\"web\",instance=\"https://web.vouch.test\"} %d %d\n", v, ts.Unix())
		}
		fmt.Fprintln(w, "# EOF")
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		files = append(files, p)
	}
	return files
}

// startPrometheus backfills history into a fresh TSDB and serves it on a free
// loopback port, scraping itself and a dead port as the frontend pool and
// probing 22 and 80 (not 443) of a host.
func startPrometheus(t *testing.T, om []string) string {
	t.Helper()
	prom := needTool(t, "prometheus", "prometheus")
	needTool(t, "promtool", "prometheus")
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// two at a time: the machine has two cores
	errs := make(chan error, len(om))
	sem := make(chan struct{}, 2)
	for _, f := range om {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			out, err := exec.Command("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", f, data).CombinedOutput()
			if err != nil {
				err = fmt.Errorf("promtool tsdb create-blocks-from openmetrics %s: %v\n%s", f, err, out)
			}
			errs <- err
		}()
	}
	for range om {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	port, dead := freePort(t), freePort(t)
	cfg := filepath.Join(dir, "prometheus.yml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`global: {scrape_interval: 1s, scrape_timeout: 500ms}
scrape_configs:
  - job_name: frontend
    static_configs: [{targets: ["127.0.0.1:%d", "127.0.0.1:%d"]}]
  - job_name: ports
    static_configs: [{targets: ["127.0.0.1:22", "127.0.0.1:80"]}]
`, port, dead)), 0o644)
	cmd := exec.Command(prom, "--config.file="+cfg, "--storage.tsdb.path="+data, "--storage.tsdb.retention.time=100y",
		// equal block durations: no compaction of the backfilled blocks at start
		"--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h",
		fmt.Sprintf("--web.listen-address=127.0.0.1:%d", port), "--log.level=warn")
	logf, _ := os.Create(filepath.Join(dir, "prometheus.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start prometheus: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		logf.Close()
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/-/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "prometheus.log"))
			t.Fatalf("prometheus not ready after 60s: %v\n%s", err, b)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// wait for the first scrape of every target, so health is up or down
	p := newPromClient(&config.Prometheus{URL: base, Timeout: 5 * time.Second})
	for {
		ts, err := p.targets(t.Context())
		ready := err == nil && len(ts) == 4
		for _, x := range ts {
			ready = ready && x.Health != "unknown"
		}
		if ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("prometheus targets not scraped after 60s: %v %v", ts, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return base
}

func TestPrometheusBackfilledHistory(t *testing.T) {
	dir := t.TempDir()
	// July 2026: 30 + 14 minutes down. August: 40 + 6 minutes down, and 90
	// minutes inside the announced Saturday-night window, which do not count.
	om := history(t, dir, at("2026-07-01T00:00:00Z"), at("2026-09-01T00:00:00Z"), [][2]time.Time{
		{at("2026-07-10T03:00:00Z"), at("2026-07-10T03:30:00Z")},
		{at("2026-07-20T14:00:00Z"), at("2026-07-20T14:14:00Z")},
		{at("2026-08-05T10:00:00Z"), at("2026-08-05T10:40:00Z")},
		{at("2026-08-15T20:30:00Z"), at("2026-08-15T22:00:00Z")},
		{at("2026-08-25T01:00:00Z"), at("2026-08-25T01:06:00Z")},
	})
	base := startPrometheus(t, om)
	cal := filepath.Join(dir, "maintenance.ics")
	os.WriteFile(cal, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:db-upgrade@vouch.test\r\nDTSTAMP:20260830T120000Z\r\n"+
		"CREATED:20260810T090000Z\r\nDTSTART;TZID=Europe/Paris:20260815T220000\r\nDTEND;TZID=Europe/Paris:20260816T000000\r\nSUMMARY:database upgrade\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644)
	a := &config.Availability{
		Prometheus:  &config.Prometheus{URL: base, Query: "probe_success", ServiceLabel: "job", Timeout: 10 * time.Second},
		Maintenance: cal, Months: 2,
	}
	now := at("2026-09-01T00:00:00Z")
	c := scanners.NewCollection(now)
	out, err := New(&config.Config{Availability: a}).Scan(t.Context(), target.NewLocal(), c)
	if err != nil {
		t.Fatal(err)
	}
	f := out.(*Facts)
	if len(c.Errors()) != 0 || len(f.Months) != 2 {
		t.Fatalf("months = %v, errors %v; want July and August of web", f.Months, c.Errors())
	}
	for i, want := range []struct {
		month, uptime string
		down, maint   float64
	}{
		{"2026-07", "99.9014", 44, 0},   // 1 - 44/44640
		{"2026-08", "99.8967", 46, 120}, // 1 - 46/(44640-120)
	} {
		m := f.Months[i]
		if m.Service != "web" || m.Month != want.month || m.UptimePercent == nil || fmt.Sprintf("%.4f", *m.UptimePercent) != want.uptime ||
			m.DownMinutes != want.down || m.MaintenanceMinutes != want.maint || m.UnknownMinutes != 0 || m.Incidents != 2 || m.CoveragePercent != 100 {
			t.Errorf("month %d = %v (coverage %v); want %s uptime %s%%, %v down in 2 incidents, %v maintenance, full coverage", i, m, m.CoveragePercent, want.month, want.uptime, want.down, want.maint)
		}
	}

	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	prep, err := eng.Prepare(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	facts := (&audit.Run{Scanners: scanners.NewRegistry(New(&config.Config{Availability: a})), Now: now}).Collect(t.Context(), target.NewLocal())
	for _, tc := range []struct {
		profile string
		want    map[string]audit.Status
	}{
		// S3: 99.9% and 45 minutes: August misses both.
		{"service-level-agreement-and-security-policy", map[string]audit.Status{"SLA-001": audit.Fail, "SLA-002": audit.Fail, "SLA-003": audit.Pass}},
		// S0: 99% a month holds; one of the two frontends is down.
		{"saas-infrastructure-details", map[string]audit.Status{"SLA-001": audit.Pass, "SLA-003": audit.Pass, "SLA-004": audit.Fail}},
		// S1: nothing probes 443.
		{"managing-operations-in-saas", map[string]audit.Status{"SLA-005": audit.Fail}},
	} {
		prof, _ := eng.Profile(tc.profile)
		params, err := eng.Params(prof, nil)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := prep.Evaluate(t.Context(), facts, params, now, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]audit.Result{}
		for _, r := range rs {
			got[r.ControlID] = r
		}
		for id, st := range tc.want {
			if got[id].Status != st {
				t.Errorf("%s %s = %s (%s); want %s", tc.profile, id, got[id].Status, got[id].Message, st)
			}
		}
		if tc.profile == "service-level-agreement-and-security-policy" {
			if m := got["SLA-001"].Message; !strings.Contains(m, "web 2026-08: uptime 99.8967% below 99.9%") {
				t.Errorf("SLA-001 message %q", m)
			}
			if m := got["SLA-002"].Message; !strings.Contains(m, "46 minutes of unplanned downtime in 2 incidents, above 45") {
				t.Errorf("SLA-002 message %q", m)
			}
		}
		if tc.profile == "managing-operations-in-saas" {
			if m := got["SLA-005"].Message; !strings.Contains(m, "127.0.0.1:443 is not monitored") {
				t.Errorf("SLA-005 message %q", m)
			}
		}
	}
}
