package firewall

import (
	"testing"
)

// BenchmarkExposure5000Rules200Sockets is the performance target: evaluating
// a 5,000-rule ruleset against 200 listening sockets in under 50 ms.
func BenchmarkExposure5000Rules200Sockets(b *testing.B) {
	p, err := parseNFT([]byte(bigRuleset(5000)), nil)
	if err != nil {
		b.Fatal(err)
	}
	rs := newRuleset()
	rs.add(p.chains, p.nrules)
	e := newEnv([]Interface{{Name: "eth0", Up: true, Addresses: []string{"192.0.2.10/24"}}})
	socks := bigSockets(200)
	b.ResetTimer()
	for b.Loop() {
		ex, _, _ := evaluate(rs, e, socks)
		if len(ex) != 0 {
			b.Fatalf("exposed %d; want 0", len(ex))
		}
	}
}

// BenchmarkParseNFT5000Rules measures reading nft's JSON for 5,000 rules.
func BenchmarkParseNFT5000Rules(b *testing.B) {
	doc := []byte(bigRuleset(5000))
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := parseNFT(doc, nil); err != nil {
			b.Fatal(err)
		}
	}
}
