package backup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

func TestScanDirTarget(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "var/backups/app")
	os.MkdirAll(dir, 0o755)
	enc := append(oldPKESK(keyA), partialSEIPD(900)...)
	write := func(name string, b []byte) { os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	write("alpha-20261201T020000Z.tar.gz.gpg", enc)
	write("alpha-20261202T020000Z.tar.gz.gpg", enc[:len(enc)-10]) // newest, cut short
	write("alpha-20261301T020000Z.tar.gz.gpg", enc)               // month 13
	write("notes.txt", []byte("hi"))
	os.MkdirAll(filepath.Join(root, "var/log/vouch"), 0o755)
	os.WriteFile(filepath.Join(root, "var/log/vouch/restore.jsonl"), []byte("# restores\n"+`{"time":"2026-11-20T03:00:00Z","duration_seconds":60,"outcome":"success","backup":"alpha-20261120T020000Z.tar.gz.gpg","set":"app","who":"bot"}`+"\n"), 0o644)
	d, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{RestoreTests: "/var/log/vouch/restore.jsonl", Backups: []config.BackupSet{{Name: "app", Type: "archive", Path: "/var/backups/app", Pattern: archivePattern, Location: "dc1"}}}
	c := scanners.NewCollection(time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC))
	out, err := New(cfg).Scan(t.Context(), d, c)
	if err != nil {
		t.Fatal(err)
	}
	f := out.(*Facts)
	set := f.Sets["app"]
	if set == nil || set.Count != 2 || set.Ignored != 1 || len(set.Anomalies) != 1 || !strings.Contains(set.Anomalies[0].Reason, "does not parse") {
		t.Fatalf("set = %+v; want 2 backups, 1 ignored file, 1 anomaly", set)
	}
	if in := set.Newest.Integrity; in == nil || in.OK || !strings.Contains(in.Detail, "truncated") {
		t.Errorf("newest integrity = %+v; want truncated", in)
	}
	if e := set.Backups[1].Encryption; !e.Encrypted || e.KeyIDs[0] != "521FE516C28F1853" || *set.Backups[1].Size != int64(len(enc)) {
		t.Errorf("older backup = %+v; want encrypted to 521FE516C28F1853 with its size", set.Backups[1])
	}
	if in := set.Instances["alpha"]; in == nil || in.Count != 2 || in.Newest != "alpha-20261202T020000Z.tar.gz.gpg" ||
		len(in.KeyIDs) != 1 || len(in.Days) != 2 || in.Days[0] != 20789 {
		t.Errorf("instance summary = %+v; want 2 backups on days 20789 and 20788, one key", in)
	}
	if *set.NewestAgeHours != 10 || *set.RPOHours != 24 {
		t.Errorf("age %v rpo %v; want 10 and 24", *set.NewestAgeHours, *set.RPOHours)
	}
	if len(f.RestoreTests) != 1 || f.RestoreTests[0].Backup != "app/alpha-20261120T020000Z.tar.gz.gpg" || f.RestoreTests[0].Line != 2 {
		t.Errorf("restore tests = %+v", f.RestoreTests)
	}
}

func TestRestoreRecordsThatDoNotParseError(t *testing.T) {
	cases := map[string]string{
		`{"time":"2026-11-20T03:00:00Z","duration_seconds":60,"outcome":"ok","backup":"b","who":"w"}`:            `r.jsonl:1: outcome "ok"`,
		`{"time":"2026-11-20T03:00:00Z","outcome":"success","backup":"b","who":"w"}`:                             "r.jsonl:1: missing [duration_seconds]",
		`{"time":"yesterday","duration_seconds":60,"outcome":"success","backup":"b","who":"w"}`:                  "r.jsonl:1:",
		`{"time":"2026-11-20T03:00:00Z","duration_seconds":60,"outcome":"success","backup":"b","who":"w","x":1}`: `unknown field "x"`,
		"not json": "r.jsonl:1:",
	}
	for line, want := range cases {
		dir := t.TempDir()
		p := filepath.Join(dir, "r.jsonl")
		os.WriteFile(p, []byte(line+"\n"), 0o644)
		if _, err := readRestoreTests(target.NewLocal(), p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("readRestoreTests(%s) = %v; want %q", line, err, want)
		}
	}
}

func TestNothingDeclaredErrorsPerFact(t *testing.T) {
	c := scanners.NewCollection(time.Now())
	if _, err := New(nil).Scan(t.Context(), target.NewLocal(), c); err != nil {
		t.Fatal(err)
	}
	errs := c.Errors()
	if !strings.Contains(errs["backup.sets"], "no backup sets are declared") || !strings.Contains(errs["backup.restore_tests"], "no restore-test record file") {
		t.Errorf("errors = %v", errs)
	}
	if New(nil).Applies(target.NewLocal()) {
		t.Error("a scanner with nothing declared applies; want the BAK controls reported as not evaluated")
	}
}
