// Package vuln matches installed OS packages against an offline Trivy
// vulnerability database (trivy.db and metadata.json in one directory).
// Every call into Trivy lives here: Trivy's Go API carries no stability
// promise, so the rest of vouch sees only Open, Match and Close. The lean
// path is used — vouch's own package inventory handed to Trivy's OS-package
// detectors — so nothing is downloaded and no Trivy scanner pipeline runs.
package vuln

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
	"github.com/aquasecurity/trivy/pkg/detector/ospkg/alpine"
	"github.com/aquasecurity/trivy/pkg/detector/ospkg/debian"
	"github.com/aquasecurity/trivy/pkg/detector/ospkg/ubuntu"
	ftypes "github.com/aquasecurity/trivy/pkg/fanal/types"
	"github.com/aquasecurity/trivy/pkg/types"
	bolt "go.etcd.io/bbolt"
)

// ErrNoDB is returned by Open when the directory holds no trivy.db.
var ErrNoDB = errors.New("no vulnerability database")

// Trivy keeps its open database in a package variable; one DB may be open
// in the process at a time, and Open serialises on this lock.
var dbMu sync.Mutex

// Package is one installed package to match.
type Package struct {
	Name          string
	Version       string
	SourceName    string
	SourceVersion string
	Arch          string
}

// Finding is an advisory that applies to an installed package.
type Finding struct {
	ID               string
	Package          string
	InstalledVersion string
	FixedVersion     string
	// Severity is lower case: critical, high, medium, low, unknown.
	Severity string
}

// Metadata is what metadata.json says about the database.
type Metadata struct {
	Schema     int
	UpdatedAt  time.Time
	NextUpdate time.Time
}

// DB is an open vulnerability database. Close releases it.
type DB struct {
	Dir  string
	Meta Metadata
}

// Open opens dir/trivy.db read-only and reads dir/metadata.json. A missing
// directory or file is ErrNoDB (wrapped); nothing is ever created or fetched.
func Open(dir string) (*DB, error) {
	if dir == "" {
		return nil, fmt.Errorf("%w: no directory given (--vuln-db DIR or vuln_db in vouch.yaml)", ErrNoDB)
	}
	dbPath := filepath.Join(dir, "trivy.db")
	if st, err := os.Stat(dbPath); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoDB, err)
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrNoDB, dbPath)
	}
	meta, err := readMetadata(filepath.Join(dir, "metadata.json"))
	if err != nil {
		return nil, err
	}
	dbMu.Lock()
	if err := db.Init(dir, db.WithBoltOptions(&bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})); err != nil {
		dbMu.Unlock()
		return nil, fmt.Errorf("open vulnerability database %s: %w", dbPath, err)
	}
	return &DB{Dir: dir, Meta: meta}, nil
}

func readMetadata(p string) (Metadata, error) {
	f, err := os.Open(p)
	if err != nil {
		return Metadata{}, fmt.Errorf("read vulnerability database metadata: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return Metadata{}, fmt.Errorf("read %s: %w", p, err)
	}
	var m metadata.Metadata
	if err := json.Unmarshal(b, &m); err != nil {
		return Metadata{}, fmt.Errorf("parse %s: %w", p, err)
	}
	if m.UpdatedAt.IsZero() {
		return Metadata{}, fmt.Errorf("%s: no UpdatedAt; the database's age is unknown", p)
	}
	return Metadata{Schema: m.Version, UpdatedAt: m.UpdatedAt, NextUpdate: m.NextUpdate}, nil
}

// Close releases the database.
func (d *DB) Close() error {
	defer dbMu.Unlock()
	if err := db.Close(); err != nil {
		return fmt.Errorf("close vulnerability database: %w", err)
	}
	return nil
}

type detector interface {
	Detect(ctx context.Context, osVer string, repo *ftypes.Repository, pkgs []ftypes.Package) ([]types.DetectedVulnerability, error)
}

// Supported reports whether packages of this distribution (os-release ID)
// can be matched.
func Supported(osID string) bool {
	_, ok := detectorFor(osID)
	return ok
}

func detectorFor(osID string) (detector, bool) {
	switch osID {
	case "debian":
		return debian.NewScanner(), true
	case "ubuntu":
		return ubuntu.NewScanner(), true
	case "alpine":
		return alpine.NewScanner(), true
	}
	return nil, false
}

// Match returns the advisories that apply to pkgs on the given distribution
// (os-release ID and VERSION_ID), sorted by id then package.
func (d *DB) Match(ctx context.Context, osID, osVersion string, pkgs []Package) ([]Finding, error) {
	det, ok := detectorFor(osID)
	if !ok {
		return nil, fmt.Errorf("distribution %q is not supported by the vulnerability matcher", osID)
	}
	if osVersion == "" {
		return nil, fmt.Errorf("distribution %s has no VERSION_ID; cannot pick advisories", osID)
	}
	in := make([]ftypes.Package, 0, len(pkgs))
	for _, p := range pkgs {
		src, srcVer := p.SourceName, p.SourceVersion
		if src == "" {
			src = p.Name
		}
		if srcVer == "" {
			srcVer = p.Version
		}
		in = append(in, ftypes.Package{ID: p.Name + "@" + p.Version, Name: p.Name, Version: p.Version, Arch: p.Arch, SrcName: src, SrcVersion: srcVer})
	}
	// Trivy logs through slog's default logger (its log package replaces it
	// at init with a buffering handler); discard what the detector says so
	// it neither reaches vouch's output nor piles up in that buffer.
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	defer slog.SetDefault(prev)
	found, err := det.Detect(ctx, osVersion, nil, in)
	if err != nil {
		return nil, fmt.Errorf("match packages against %s: %w", d.Dir, err)
	}
	out := make([]Finding, 0, len(found))
	for _, v := range found {
		sev := strings.ToLower(v.Vulnerability.Severity)
		if sev == "" {
			sev = d.severity(v.VulnerabilityID)
		}
		out = append(out, Finding{ID: v.VulnerabilityID, Package: v.PkgName, InstalledVersion: v.InstalledVersion, FixedVersion: v.FixedVersion, Severity: sev})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ID != out[j].ID {
			return out[i].ID < out[j].ID
		}
		return out[i].Package < out[j].Package
	})
	return out, nil
}

// severity reads the vulnerability bucket: the vendor severity of the
// distribution where recorded, else the generic one.
func (d *DB) severity(id string) string {
	v, err := db.Config{}.GetVulnerability(id)
	if err != nil {
		return "unknown"
	}
	best := v.Severity
	for _, s := range v.VendorSeverity {
		if s.String() != "UNKNOWN" && (best == "" || rank(s.String()) > rank(best)) {
			best = s.String()
		}
	}
	if best == "" {
		return "unknown"
	}
	return strings.ToLower(best)
}

func rank(s string) int {
	switch strings.ToUpper(s) {
	case "CRITICAL":
		return 4
	case "HIGH":
		return 3
	case "MEDIUM":
		return 2
	case "LOW":
		return 1
	}
	return 0
}
