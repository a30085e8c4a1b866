package policies_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/policies"
)

// TestCatalog loads the shipped policies: they compile strictly, ids are unique
// (New refuses duplicates), every entry is complete, and every control has a
// passing, a failing and an erroring Rego test beside it.
func TestCatalog(t *testing.T) {
	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(eng.Controls()) == 0 {
		t.Fatal("no controls in the catalog")
	}
	testName := regexp.MustCompile(`(?m)^test_([a-z0-9_]+)\s+if`)
	for _, c := range eng.Controls() {
		if c.Claim == "" || len(c.Sources) == 0 || c.Remediation == "" || c.Description == "" {
			t.Errorf("%s (%s): claim, sources, description and remediation are required", c.ID, c.File)
		}
		for _, s := range c.Sources {
			if !regexp.MustCompile(`^00[0-4]_[0-9a-f]{16}\.txt$`).MatchString(s.Doc) {
				t.Errorf("%s: source %q is not one of the policy documents", c.ID, s.Doc)
			}
		}
		testFile := strings.TrimSuffix(c.File, ".rego") + "_test.rego"
		src, err := fs.ReadFile(policies.Embedded(), testFile)
		if err != nil {
			t.Errorf("%s: no tests: %v", c.ID, err)
			continue
		}
		var pass, fail, errs bool
		for _, m := range testName.FindAllStringSubmatch(string(src), -1) {
			n := m[1]
			pass = pass || strings.Contains(n, "pass")
			fail = fail || strings.Contains(n, "fail")
			errs = errs || strings.Contains(n, "error")
		}
		if !pass || !fail || !errs {
			t.Errorf("%s: %s needs tests named for a pass, a fail and an error (have pass=%v fail=%v error=%v)", c.ID, testFile, pass, fail, errs)
		}
	}
}

// TestProfiles checks every shipped profile: one per policy document plus the
// baseline, which claims every control.
func TestProfiles(t *testing.T) {
	eng, err := policies.Default()
	if err != nil {
		t.Fatal(err)
	}
	names := eng.ProfileNames()
	for _, want := range []string{"baseline", "saas-infrastructure-details", "managing-operations-in-saas", "general-site-security-policy", "service-level-agreement-and-security-policy", "security-overview"} {
		if !slices.Contains(names, want) {
			t.Errorf("profile %s missing (have %v)", want, names)
		}
	}
	base, err := eng.Profile("baseline")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range eng.Controls() {
		if !slices.Contains(base.Controls, c.ID) {
			t.Errorf("baseline does not claim %s", c.ID)
		}
	}
	for _, n := range names {
		p, _ := eng.Profile(n)
		if len(p.Controls) == 0 {
			t.Errorf("profile %s claims no controls", n)
		}
		if _, err := eng.Params(p, nil); err != nil {
			t.Errorf("profile %s: %v", n, err)
		}
	}
}
