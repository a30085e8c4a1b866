package backup

import (
	"fmt"
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

func run(t testing.TB, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// verdicts scans t with the given configuration at now and evaluates every
// control with the profile's parameters and overrides.
func verdicts(t *testing.T, tg target.Target, cfg *config.Config, now time.Time, profile string, overrides map[string]any) (map[string]audit.Result, audit.Facts) {
	t.Helper()
	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	prof, err := eng.Profile(profile)
	if err != nil {
		t.Fatal(err)
	}
	params, err := eng.Params(prof, overrides)
	if err != nil {
		t.Fatal(err)
	}
	run := &audit.Run{Scanners: scanners.NewRegistry(New(cfg)), Now: now}
	facts := run.Collect(t.Context(), tg)
	prep, err := eng.Prepare(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := prep.Evaluate(t.Context(), facts, params, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]audit.Result{}
	for _, r := range rs {
		out[r.ControlID] = r
	}
	return out, facts
}

func expect(t *testing.T, got map[string]audit.Result, want map[string]audit.Status) {
	t.Helper()
	for id, st := range want {
		r, ok := got[id]
		if !ok {
			t.Errorf("%s: no result", id)
			continue
		}
		if r.Status != st {
			t.Errorf("%s = %s (%s); want %s", id, r.Status, r.Message, st)
		}
	}
}

// keyring is a GNUPGHOME of its own with one encryption key per name.
type keyring struct {
	home string
	ids  map[string]string // name -> encryption subkey id
}

func newKeyring(t *testing.T, names ...string) *keyring {
	needTool(t, "gpg", "gnupg")
	home := filepath.Join(t.TempDir(), "gnupg")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { exec.Command("gpgconf", "--homedir", home, "--kill", "all").Run() })
	k := &keyring{home: home, ids: map[string]string{}}
	for _, n := range names {
		run(t, k.env(), "gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", n+"@vouch.test", "future-default", "default", "never")
		for _, l := range strings.Split(run(t, k.env(), "gpg", "--with-colons", "--list-keys", n+"@vouch.test"), "\n") {
			if f := strings.Split(l, ":"); f[0] == "sub" {
				k.ids[n] = f[4]
			}
		}
		if k.ids[n] == "" {
			t.Fatalf("no encryption subkey for %s", n)
		}
	}
	return k
}

func (k *keyring) env() []string { return []string{"GNUPGHOME=" + k.home} }

// encrypt makes dst from src, encrypted by the real gpg to the named key.
func (k *keyring) encrypt(t *testing.T, key, src, dst string) {
	run(t, k.env(), "gpg", "--batch", "--quiet", "--yes", "--trust-model", "always", "-r", key+"@vouch.test", "-o", dst, "--encrypt", src)
}

// tarball is a small real .tar.gz to back up.
func tarball(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "db.sql"), []byte(strings.Repeat("INSERT INTO t VALUES (1);\n", 4000)), 0o644)
	out := filepath.Join(t.TempDir(), "snap.tar.gz")
	run(t, nil, "tar", "-C", dir, "-czf", out, "db.sql")
	return out
}

func copyFile(t *testing.T, src, dst string) {
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

const archivePattern = "{instance}-{time:20060102T150405Z}.tar.gz.gpg"

// place writes one archive per time for an instance, copies of one encrypted file.
func place(t *testing.T, dir, instance, encrypted string, times []time.Time) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ts := range times {
		copyFile(t, encrypted, filepath.Join(dir, instance+"-"+ts.UTC().Format("20060102T150405Z")+".tar.gz.gpg"))
	}
}

func daily(n int, last time.Time) []time.Time {
	var out []time.Time
	for i := range n {
		out = append(out, last.AddDate(0, 0, -i))
	}
	return out
}

var now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

func TestArchivesMadeByRealGPG(t *testing.T) {
	k := newKeyring(t, "alpha", "beta")
	src := tarball(t)
	encA, encB := filepath.Join(t.TempDir(), "a.gpg"), filepath.Join(t.TempDir(), "b.gpg")
	k.encrypt(t, "alpha", src, encA)
	k.encrypt(t, "beta", src, encB)
	last := time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)
	restores := filepath.Join(t.TempDir(), "restore-tests.jsonl")
	os.WriteFile(restores, []byte(`{"time":"2026-11-20T03:00:00Z","duration_seconds":5400,"outcome":"success","backup":"app/alpha-20261120T020000Z.tar.gz.gpg","who":"restore-bot"}`+"\n"), 0o644)

	t.Run("one key per instance, 20 daily, two datacentres", func(t *testing.T) {
		root := t.TempDir()
		place(t, filepath.Join(root, "dc1"), "alpha", encA, daily(20, last))
		place(t, filepath.Join(root, "dc1"), "beta", encB, daily(20, last))
		place(t, filepath.Join(root, "dc2"), "alpha", encA, daily(20, last))
		cfg := &config.Config{RestoreTests: restores, Backups: []config.BackupSet{
			{Name: "app", Type: "archive", Path: filepath.Join(root, "dc1"), Pattern: archivePattern, Location: "dc1"},
			{Name: "offsite", Type: "archive", Path: filepath.Join(root, "dc2"), Pattern: archivePattern, Location: "dc2"},
		}}
		got, facts := verdicts(t, target.NewLocal(), cfg, now, "managing-operations-in-saas", nil)
		expect(t, got, map[string]audit.Status{
			"BAK-001": audit.Pass, "BAK-002": audit.Pass, "BAK-003": audit.Pass, "BAK-004": audit.Pass,
			"BAK-005": audit.Pass, "BAK-006": audit.Pass, "BAK-007": audit.Pass, "SLA-006": audit.Pass,
		})
		if s := string(facts.Sections["backup"]); !strings.Contains(s, k.ids["alpha"]) || !strings.Contains(s, k.ids["beta"]) {
			t.Errorf("facts do not name the real key ids %v", k.ids)
		}
	})

	t.Run("shared key, plain tarball, truncated newest, one place", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "dc1")
		place(t, dir, "alpha", encA, daily(20, last))
		place(t, dir, "beta", encB, daily(20, last.Add(-time.Hour)))
		place(t, dir, "gamma", encB, daily(20, last.Add(-2*time.Hour)))                      // gamma shares beta's key
		place(t, dir, "delta", src, daily(1, last.Add(-3*time.Hour)))                        // a plain tarball
		newest := filepath.Join(dir, "alpha-"+last.Format("20060102T150405Z")+".tar.gz.gpg") // cut short
		b, _ := os.ReadFile(newest)
		os.WriteFile(newest, b[:len(b)-100], 0o644)
		cfg := &config.Config{RestoreTests: restores, Backups: []config.BackupSet{{Name: "app", Type: "archive", Path: dir, Pattern: archivePattern, Location: "dc1"}}}
		got, _ := verdicts(t, target.NewLocal(), cfg, now, "managing-operations-in-saas", nil)
		expect(t, got, map[string]audit.Status{
			"BAK-001": audit.Pass, "BAK-002": audit.Fail, "BAK-003": audit.Fail, "BAK-004": audit.Fail,
			"BAK-005": audit.Fail, "BAK-007": audit.Fail,
		})
		if m := got["BAK-005"].Message; !strings.Contains(m, k.ids["beta"]) || !strings.Contains(m, "beta, gamma") {
			t.Errorf("BAK-005 message %q; want beta's key shared by beta and gamma", m)
		}
		if m := got["BAK-007"].Message; !strings.Contains(m, "truncated") {
			t.Errorf("BAK-007 message %q; want the truncation named", m)
		}
		if m := got["BAK-002"].Message; !strings.Contains(m, "delta-") || !strings.Contains(m, "gzip data") {
			t.Errorf("BAK-002 message %q; want the plain tarball named", m)
		}
	})

	t.Run("retention schedules", func(t *testing.T) {
		gfs := append(daily(7, last), time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC), time.Date(2026, 11, 15, 2, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 2, 0, 0, 0, time.UTC))
		cases := []struct {
			name    string
			times   []time.Time
			profile string
			want    audit.Status
		}{
			{"20 daily kept", daily(20, last), "managing-operations-in-saas", audit.Pass},
			{"19 daily kept", daily(19, last), "managing-operations-in-saas", audit.Fail},
			{"7 daily, 4 weekly, 3 monthly kept", gfs, "service-level-agreement-and-security-policy", audit.Pass},
			{"the third month pruned", gfs[:len(gfs)-1], "service-level-agreement-and-security-policy", audit.Fail},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				dir := t.TempDir()
				place(t, dir, "alpha", encA, tc.times)
				cfg := &config.Config{Backups: []config.BackupSet{{Name: "app", Type: "archive", Path: dir, Pattern: archivePattern, Location: "dc1"}}}
				got, _ := verdicts(t, target.NewLocal(), cfg, now, tc.profile, nil)
				expect(t, got, map[string]audit.Status{"BAK-003": tc.want})
			})
		}
	})

	t.Run("a file name dated in the future", func(t *testing.T) {
		dir := t.TempDir()
		place(t, dir, "alpha", encA, append(daily(20, last), now.AddDate(0, 1, 0)))
		cfg := &config.Config{Backups: []config.BackupSet{{Name: "app", Type: "archive", Path: dir, Pattern: archivePattern, Location: "dc1"}}}
		got, _ := verdicts(t, target.NewLocal(), cfg, now, "managing-operations-in-saas", nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Error, "BAK-003": audit.Error})
		if m := got["BAK-001"].Message; !strings.Contains(m, "in the future") {
			t.Errorf("BAK-001 message %q; want the future time named", m)
		}
	})

	t.Run("an unreadable directory", func(t *testing.T) {
		cfg := &config.Config{Backups: []config.BackupSet{{Name: "app", Type: "archive", Path: filepath.Join(t.TempDir(), "none"), Pattern: archivePattern, Location: "dc1"}}}
		got, _ := verdicts(t, target.NewLocal(), cfg, now, "managing-operations-in-saas", nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Error, "BAK-002": audit.Error, "BAK-007": audit.Error, "BAK-006": audit.Error})
	})
}

// restic runs the real restic against repo with the password in its environment.
func restic(t *testing.T, repo, pass string, args ...string) string {
	return run(t, []string{"RESTIC_PASSWORD=" + pass, "TZ=UTC", "RESTIC_CACHE_DIR=" + filepath.Join(filepath.Dir(repo), "cache")}, "restic", append([]string{"-r", repo}, args...)...)
}

func TestResticRepositories(t *testing.T) {
	needTool(t, "restic", "restic")
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	const pass = "correct horse battery staple"
	passFile := filepath.Join(base, "restic.pass")
	os.WriteFile(passFile, []byte(pass+"\n"), 0o600)
	data := filepath.Join(base, "data")
	os.MkdirAll(data, 0o755)
	restic(t, repo, pass, "init")
	last := time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)
	times := append(daily(7, last), time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC), time.Date(2026, 11, 15, 2, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 2, 0, 0, 0, time.UTC))
	for i, ts := range times {
		os.WriteFile(filepath.Join(data, "db.sql"), []byte(fmt.Sprintf("snapshot %d\n%s", i, strings.Repeat("row\n", 1000*(i+1)))), 0o644)
		restic(t, repo, pass, "backup", "--quiet", "--host", "app1", "--time", ts.Format("2006-01-02 15:04:05"), data)
	}
	set := config.BackupSet{Name: "offsite", Type: "restic", Repository: repo, PasswordFile: passFile, Location: "dc2"}
	s3 := "service-level-agreement-and-security-policy"

	t.Run("7 daily, 4 weekly, 3 monthly, intact", func(t *testing.T) {
		got, facts := verdicts(t, target.NewLocal(), &config.Config{Backups: []config.BackupSet{set}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Pass, "BAK-002": audit.Pass, "BAK-003": audit.Pass, "BAK-007": audit.Pass})
		if s := string(facts.Sections["backup"]); !strings.Contains(s, `"count":10`) || !strings.Contains(s, `"instance":"app1"`) || strings.Contains(s, pass) {
			t.Errorf("backup facts = %.400s; want 10 snapshots of app1 and never the password", s)
		}
	})

	t.Run("password from the environment", func(t *testing.T) {
		t.Setenv("VOUCH_TEST_RESTIC_PASS", pass)
		env := set
		env.PasswordFile, env.PasswordEnv = "", "VOUCH_TEST_RESTIC_PASS"
		got, _ := verdicts(t, target.NewLocal(), &config.Config{Backups: []config.BackupSet{env}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Pass})
	})

	t.Run("a wrong password", func(t *testing.T) {
		t.Setenv("VOUCH_TEST_RESTIC_PASS", "wrong")
		env := set
		env.PasswordFile, env.PasswordEnv = "", "VOUCH_TEST_RESTIC_PASS"
		got, _ := verdicts(t, target.NewLocal(), &config.Config{Backups: []config.BackupSet{env}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Error, "BAK-002": audit.Error, "BAK-003": audit.Error, "BAK-007": audit.Error})
		if m := got["BAK-001"].Message; !strings.Contains(m, "wrong password") {
			t.Errorf("BAK-001 message %q; want restic's wrong password reason", m)
		}
	})

	t.Run("an unreadable repository", func(t *testing.T) {
		gone := set
		gone.Repository = filepath.Join(base, "no-such-repo")
		got, _ := verdicts(t, target.NewLocal(), &config.Config{Backups: []config.BackupSet{gone}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Error, "BAK-007": audit.Error})
	})

	t.Run("recorded output on a dir: target", func(t *testing.T) {
		root := t.TempDir()
		rec := filepath.Join(root, filepath.FromSlash(target.RecordedDir))
		os.MkdirAll(rec, 0o755)
		for _, args := range [][]string{{"snapshots", "--json"}, {"check"}} {
			c, _ := resticCommand(target.NewLocal(), set, time.Minute, args...)
			os.WriteFile(filepath.Join(rec, target.CommandKey(c)), []byte(restic(t, repo, pass, args...)), 0o644)
		}
		d, err := target.NewDir(root, "dir:"+root)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := verdicts(t, d, &config.Config{Backups: []config.BackupSet{set}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Pass, "BAK-003": audit.Pass, "BAK-007": audit.Pass})
	})

	t.Run("a damaged pack file", func(t *testing.T) {
		var packs []string
		filepath.WalkDir(filepath.Join(repo, "data"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				packs = append(packs, p)
			}
			return nil
		})
		if len(packs) == 0 {
			t.Fatal("no pack files in the repository")
		}
		b, _ := os.ReadFile(packs[0])
		os.WriteFile(packs[0], b[:len(b)/2], 0o644)
		got, _ := verdicts(t, target.NewLocal(), &config.Config{Backups: []config.BackupSet{set}}, now, s3, nil)
		expect(t, got, map[string]audit.Status{"BAK-001": audit.Pass, "BAK-007": audit.Fail})
		if m := got["BAK-007"].Message; !strings.Contains(m, "restic check") {
			t.Errorf("BAK-007 message %q; want restic check named", m)
		}
	})
}
