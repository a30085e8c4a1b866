package vuln_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners/container/vuln"
	"github.com/vouch-audit/vouch/scanners/container/vuln/vulntest"
)

var updated = time.Date(2026, 11, 19, 6, 0, 0, 0, time.UTC)

func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := vulntest.Write(dir, updated, []vulntest.Advisory{
		{Platform: "debian 12", Package: "openssl", ID: "CVE-2026-0001", FixedVersion: "3.0.15-1~deb12u1", Severity: "CRITICAL"},
		{Platform: "debian 12", Package: "openssl", ID: "CVE-2026-0002", FixedVersion: "3.0.10-1", Severity: "LOW"},
		{Platform: "debian 12", Package: "zlib", ID: "CVE-2026-0003", FixedVersion: "", Severity: "MEDIUM"},
		{Platform: "debian 11", Package: "bash", ID: "CVE-2026-0004", FixedVersion: "9.9", Severity: "HIGH"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMatchFindsAdvisoriesOfInstalledVersions(t *testing.T) {
	d, err := vuln.Open(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !d.Meta.UpdatedAt.Equal(updated) || d.Meta.Schema != 2 {
		t.Errorf("metadata = %+v; want updated %v schema 2", d.Meta, updated)
	}
	got, err := d.Match(context.Background(), "debian", "12.7", []vuln.Package{
		{Name: "libssl3", Version: "3.0.11-1~deb12u2", SourceName: "openssl", SourceVersion: "3.0.11-1~deb12u2"},
		{Name: "zlib1g", Version: "1:1.2.13.dfsg-1", SourceName: "zlib", SourceVersion: "1:1.2.13.dfsg-1"},
		{Name: "bash", Version: "5.2.15-2+b2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []vuln.Finding{
		{ID: "CVE-2026-0001", Package: "libssl3", InstalledVersion: "3.0.11-1~deb12u2", FixedVersion: "3.0.15-1~deb12u1", Severity: "critical"},
		{ID: "CVE-2026-0003", Package: "zlib1g", InstalledVersion: "1:1.2.13.dfsg-1", Severity: "medium"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Match =\n%+v\nwant\n%+v", got, want)
	}
}

func TestOpenRefusesWhatIsNotADatabase(t *testing.T) {
	empty := t.TempDir()
	noMeta := t.TempDir()
	if err := os.WriteFile(filepath.Join(noMeta, "trivy.db"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	garbage := t.TempDir()
	if err := os.WriteFile(filepath.Join(garbage, "trivy.db"), []byte("not a bolt file, just text long enough to look like something"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(garbage, "metadata.json"), []byte(`{"Version":2,"UpdatedAt":"2026-11-19T06:00:00Z"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		dir   string
		noDB  bool
		check func(string) bool
	}{
		{name: "no directory given", dir: "", noDB: true},
		{name: "empty directory", dir: empty, noDB: true},
		{name: "database without metadata", dir: noMeta},
		{name: "corrupt database file", dir: garbage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := vuln.Open(tc.dir)
			if err == nil {
				d.Close()
				t.Fatalf("Open(%q) succeeded; want an error", tc.dir)
			}
			if errors.Is(err, vuln.ErrNoDB) != tc.noDB {
				t.Errorf("Open(%q) = %v; ErrNoDB = %v, want %v", tc.dir, err, errors.Is(err, vuln.ErrNoDB), tc.noDB)
			}
			if _, err := os.Stat(filepath.Join(empty, "trivy.db")); err == nil {
				t.Errorf("Open created a database in an empty directory")
			}
		})
	}
}

func TestMatchRejectsUnknownDistribution(t *testing.T) {
	d, err := vuln.Open(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Match(context.Background(), "plan9", "4", nil); err == nil {
		t.Error("Match on plan9 succeeded; want an unsupported-distribution error")
	}
}
