package host

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLinesSplitsLikeAScanner(t *testing.T) {
	for in, want := range map[string][]string{
		"":               {},
		"a":              {"a"},
		"a\n":            {"a"},
		"a\r\nb\r\n":     {"a", "b"},
		"a\n\nb":         {"a", "", "b"},
		"\n":             {""},
		"x\ny\nlast one": {"x", "y", "last one"},
	} {
		if got := lines([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("lines(%q) = %q, want %q", in, got, want)
		}
	}
}

// hasCredentialHint reports whether text holds one of credentialHints in any
// letter case.
func hasCredentialHint(b []byte) bool { return newHintScan(b).next() >= 0 }

func TestCredentialHintIgnoresCase(t *testing.T) {
	for in, want := range map[string]bool{
		"DB_PassWord=x": true, "API_KEY=1": true, "client_Secret: y": true, "x-auth-TOKEN": true,
		"api-key=1": false, "pass=1": false, "secre": false, "": false, "PASSW": true, "_p_s_t_a": false,
	} {
		if got := hasCredentialHint([]byte(in)); got != want {
			t.Errorf("hasCredentialHint(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestDpkgStatusFastAgreesWithTheGeneralParser on this machine's dpkg status
// and the fixtures' (the fast path must take them all), and falls back on
// what dpkg never writes.
func TestDpkgStatusFastAgreesWithTheGeneralParser(t *testing.T) {
	files := []string{"/var/lib/dpkg/status"}
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "hosts", "*", "var", "lib", "dpkg", "status"))
	files = append(files, fixtures...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fast, ok := dpkgStatusFast(b)
		if !ok {
			t.Errorf("%s: the fast path refused a file dpkg wrote", f)
			continue
		}
		var general []statusStanza
		for _, st := range parseDeb822(b, f, &notes{}) {
			general = append(general, statusStanza{line: st.line, pkg: st.get("package"), status: st.get("status"),
				version: st.get("version"), arch: st.get("architecture"), source: st.get("source")})
		}
		if !slices.Equal(fast, general) {
			t.Errorf("%s: fast parse (%d stanzas) differs from the general one (%d)", f, len(fast), len(general))
		}
	}
	for _, odd := range []string{"# comment\nPackage: a\n", "Package: a\nnot a field\n", "\n continuation\n", "Bad Name: x\n"} {
		if _, ok := dpkgStatusFast([]byte(odd)); ok {
			t.Errorf("fast path took %q; want the general parser", odd)
		}
	}
}
