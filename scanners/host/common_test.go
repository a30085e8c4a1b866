package host

import (
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
