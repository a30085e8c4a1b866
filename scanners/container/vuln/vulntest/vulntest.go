// Package vulntest writes small Trivy vulnerability databases for tests,
// with the same trivy-db code that builds the published database, so a test
// can hold advisories for exactly the packages of its test image.
package vulntest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
	"github.com/aquasecurity/trivy-db/pkg/types"
	bolt "go.etcd.io/bbolt"
)

// Advisory says a package of a distribution release is vulnerable until
// FixedVersion ("" means no fix yet).
type Advisory struct {
	// Platform is the trivy-db bucket, as in "debian 12" or "alpine 3.20".
	Platform     string
	Package      string
	ID           string
	FixedVersion string
	// Severity is CRITICAL, HIGH, MEDIUM or LOW.
	Severity string
}

// Write creates dir/trivy.db and dir/metadata.json. It opens trivy-db's
// process-wide database handle, so it must not run while vuln.Open holds it.
func Write(dir string, updatedAt time.Time, advs []Advisory) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := db.Init(dir, db.WithBoltOptions(&bolt.Options{Timeout: time.Second})); err != nil {
		return fmt.Errorf("create test vulnerability database: %w", err)
	}
	dbc := db.Config{}
	err := dbc.BatchUpdate(func(tx *bolt.Tx) error {
		for _, a := range advs {
			src := types.DataSource{ID: types.SourceID(strings.Fields(a.Platform)[0]), Name: a.Platform + " test advisories"}
			if err := dbc.PutDataSource(tx, a.Platform, src); err != nil {
				return err
			}
			if err := dbc.PutAdvisory(tx, []string{a.Platform, a.Package}, a.ID, types.Advisory{FixedVersion: a.FixedVersion}); err != nil {
				return err
			}
			sev, err := types.NewSeverity(a.Severity)
			if err != nil {
				return err
			}
			if err := dbc.PutVulnerability(tx, a.ID, types.Vulnerability{
				Title:          a.ID + " in " + a.Package,
				Severity:       a.Severity,
				VendorSeverity: types.VendorSeverity{src.ID: sev},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write test vulnerability database: %w", err)
	}
	b, err := json.Marshal(metadata.Metadata{Version: 2, UpdatedAt: updatedAt.UTC(), NextUpdate: updatedAt.Add(24 * time.Hour).UTC()})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "metadata.json"), b, 0o644)
}
