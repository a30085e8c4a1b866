package tls

import (
	"strings"
	"testing"
)

func TestRate(t *testing.T) {
	gcm := AcceptedSuite{Name: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Curve: "x25519"}
	gcm256 := AcceptedSuite{Name: "TLS_AES_256_GCM_SHA384", Kex: "ECDHE", Auth: "ANY", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Curve: "x25519"}
	rc4 := AcceptedSuite{Name: "TLS_RSA_WITH_RC4_128_SHA", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "SHA1"}
	dhe1024 := AcceptedSuite{Name: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", Kex: "DHE", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, DHBits: 1024}
	cbcRSA := AcceptedSuite{Name: "TLS_RSA_WITH_AES_128_CBC_SHA", Kex: "RSA", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1"}
	anon := AcceptedSuite{Name: "TLS_DH_anon_WITH_AES_128_CBC_SHA", Kex: "DHE", Auth: "NONE", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, DHBits: 2048}
	ok := Finding{State: NotVulnerable}
	modern := func() *Facts {
		return &Facts{
			Protocols: []Protocol{
				{Version: "TLS1.3", Suites: []AcceptedSuite{gcm256}},
				{Version: "TLS1.2", Suites: []AcceptedSuite{gcm}},
			},
			Certificates:    []Certificate{{KeyType: "RSA", KeyBits: 2048, SignatureAlgorithm: "SHA256-RSA"}},
			Chain:           &Chain{Trusted: true, HostnameMatch: true, Complete: true},
			Vulnerabilities: &Vulnerabilities{ok, ok, ok, ok},
			HSTS:            &HSTS{Present: true, MaxAge: 31536000},
		}
	}
	tests := []struct {
		name   string
		edit   func(f *Facts)
		grade  string
		score  int
		reason string // substring of a cap, "" for none
	}{
		{"modern server with HSTS is A+", func(*Facts) {}, "A+", 93, ""},
		{"short HSTS stays A", func(f *Facts) { f.HSTS.MaxAge = 86400 }, "A", 93, ""},
		{"TLS 1.0 caps to B", func(f *Facts) {
			f.Protocols = append(f.Protocols, Protocol{Version: "TLS1.0", Suites: []AcceptedSuite{gcm}})
		}, "B", 92, "TLS 1.0 or TLS 1.1"},
		{"SSLv3 caps to C", func(f *Facts) {
			f.Protocols = append(f.Protocols, Protocol{Version: "SSLv3", Suites: []AcceptedSuite{cbcRSA}})
		}, "C", 90, "POODLE"},
		{"SSLv2 caps to F", func(f *Facts) {
			f.Protocols = append(f.Protocols, Protocol{Version: "SSLv2", Suites: []AcceptedSuite{cbcRSA}})
		}, "F", 78, "SSLv2"},
		{"RC4 caps to C", func(f *Facts) { f.Protocols[1].Suites = append(f.Protocols[1].Suites, rc4) }, "C", 93, "RC4"},
		{"anonymous suites cap to F", func(f *Facts) { f.Protocols[1].Suites = append(f.Protocols[1].Suites, anon) }, "F", 66, "anonymous"},
		{"1024-bit DH caps to B", func(f *Facts) { f.Protocols[1].Suites = append(f.Protocols[1].Suites, dhe1024) }, "B", 90, "DH parameters are 1024 bits"},
		{"missing fallback SCSV is A-", func(f *Facts) { f.Vulnerabilities.FallbackSCSV = Finding{State: Vulnerable} }, "A-", 93, "TLS_FALLBACK_SCSV"},
		{"Heartbleed is F", func(f *Facts) { f.Vulnerabilities.Heartbleed = Finding{State: Vulnerable} }, "F", 93, "Heartbleed"},
		{"no forward secrecy and no AEAD cap to B", func(f *Facts) {
			f.Protocols = []Protocol{{Version: "TLS1.2", Suites: []AcceptedSuite{cbcRSA}}}
		}, "B", 89, "no forward-secret suite"},
		{"RSA 1024 leaf caps to B", func(f *Facts) { f.Certificates[0].KeyBits = 1024 }, "B", 90, "server key is 1024"},
		{"untrusted chain is T", func(f *Facts) { f.Chain.Trusted, f.Chain.Error = false, "x509: unknown authority" }, "T", 93, "not trusted: x509: unknown authority"},
		{"name mismatch is M", func(f *Facts) { f.Chain.HostnameMatch = false }, "M", 93, "does not match"},
		{"incomplete chain caps to B", func(f *Facts) { f.Chain.Complete = false }, "B", 93, "incomplete"},
		{"MD5-signed leaf is F", func(f *Facts) { f.Certificates[0].SignatureAlgorithm = "MD5-RSA" }, "F", 93, "MD5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := modern()
			tt.edit(f)
			g, err := Rate(f)
			if err != nil {
				t.Fatal(err)
			}
			if g.Grade != tt.grade || g.Score != tt.score {
				t.Errorf("Rate = %s (score %d, caps %v); want %s (score %d)", g.Grade, g.Score, g.Caps, tt.grade, tt.score)
			}
			found := tt.reason == ""
			for _, c := range g.Caps {
				found = found || strings.Contains(c.Reason, tt.reason)
			}
			if !found || (tt.reason == "" && len(g.Caps) != 0) {
				t.Errorf("caps = %v; want one mentioning %q", g.Caps, tt.reason)
			}
		})
	}
}

func TestRateNeedsProtocolsAndCertificates(t *testing.T) {
	if _, err := Rate(&Facts{}); err == nil || !strings.Contains(err.Error(), "protocols not collected") {
		t.Errorf("Rate(no protocols) = %v; want protocols not collected", err)
	}
	f := &Facts{Protocols: []Protocol{{Version: "TLS1.2", Suites: []AcceptedSuite{{Enc: "AESGCM", Bits: 128}}}}}
	if _, err := Rate(f); err == nil || !strings.Contains(err.Error(), "certificates not collected") {
		t.Errorf("Rate(no certificates) = %v; want certificates not collected", err)
	}
	g, err := Rate(&Facts{Protocols: []Protocol{}})
	if err != nil || g.Grade != "F" {
		t.Errorf("Rate(nothing accepted) = %+v, %v; want F", g, err)
	}
}

func TestParseHSTS(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want HSTS
	}{
		{"", HSTS{}},
		{"max-age=31536000; includeSubDomains; preload", HSTS{Present: true, MaxAge: 31536000, IncludeSubDomains: true, Preload: true}},
		{`Max-Age="600"`, HSTS{Present: true, MaxAge: 600}},
		{"max-age=-5", HSTS{Present: true}},
		{"includesubdomains", HSTS{Present: true, IncludeSubDomains: true}},
	} {
		got := parseHSTS(tt.in)
		got.Raw = ""
		if *got != tt.want {
			t.Errorf("parseHSTS(%q) = %+v; want %+v", tt.in, *got, tt.want)
		}
	}
}
