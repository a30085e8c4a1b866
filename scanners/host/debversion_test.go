package host

import "testing"

func TestCompareDebVersions(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal", "1.2.3-1", "1.2.3-1", 0},
		{"numeric not lexical", "6.1.106-3", "6.1.76-1", 1},
		{"epoch beats upstream", "1:1.0-1", "9.9-1", 1},
		{"missing epoch is zero", "0:1.0", "1.0", 0},
		{"revision decides", "1.0-2", "1.0-10", -1},
		{"tilde sorts before end", "1.0~rc1", "1.0", -1},
		{"tilde before tilde-tilde", "1.0~~", "1.0~", -1},
		{"backport tilde", "3.0.15-1~deb12u1", "3.0.15-1", -1},
		{"security update after point release", "3.0.15-1~deb12u1", "3.0.11-1~deb12u2", 1},
		{"letters before symbols", "1.0a", "1.0+", -1},
		{"plus after end", "1.0+b1", "1.0", 1},
		{"binNMU", "5.2.15-2+b7", "5.2.15-2", 1},
		{"hyphen in upstream", "4.4.3-P1-2", "4.4.3-P1-1", 1},
		{"colon in upstream with epoch", "2:4.0.2-3", "2:4.0.10-1", -1},
		{"leading zeros", "1.001", "1.1", 0},
		{"no revision vs revision", "1.0", "1.0-0", 0},
		{"empty upstream parts", "1.0.", "1.0", 1},
		{"kernel abi", "6.1.0-25-amd64", "6.1.0-18-amd64", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := compareDebVersions(tt.a, tt.b); got != tt.want {
				t.Errorf("compareDebVersions(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
			}
			if got := compareDebVersions(tt.b, tt.a); got != -tt.want {
				t.Errorf("compareDebVersions(%q, %q) = %d; want %d (antisymmetry)", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}
