package firewall

import (
	"testing"

	"github.com/vouch-audit/vouch/scanners/host"
)

var fuzzSockets = []host.Socket{
	{Protocol: "tcp", Family: "ipv4", Address: "0.0.0.0", Port: 22},
	{Protocol: "udp", Family: "ipv6", Address: "::", Port: 53},
	{Protocol: "tcp", Family: "ipv4", Address: "192.0.2.10", Port: 5432},
}

var fuzzEnv = []Interface{{Name: "eth0", Up: true, Addresses: []string{"192.0.2.10/24", "2001:db8::10/64"}}, {Name: "docker0", Up: true, Addresses: []string{"172.17.0.1/16"}}}

// FuzzParseNFT feeds arbitrary bytes to the nft JSON reader and evaluates
// whatever it accepts: neither may panic or loop. Seeds are in
// testdata/fuzz/FuzzParseNFT.
func FuzzParseNFT(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parseNFT(b, nil)
		if err != nil {
			return
		}
		rs := newRuleset()
		rs.add(p.chains, p.nrules)
		rs.sortBase()
		ex, in, _ := evaluate(rs, newEnv(fuzzEnv), fuzzSockets)
		for _, e := range ex {
			if e.State != "exposed" && e.State != "undetermined" {
				t.Fatalf("state %q", e.State)
			}
		}
		if len(in) != 2 {
			t.Fatalf("inbound has %d families; want 2", len(in))
		}
	})
}

// FuzzParseIptablesSave does the same for iptables-save output. Seeds are in
// testdata/fuzz/FuzzParseIptablesSave.
func FuzzParseIptablesSave(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parseIptablesSave(b, "iptables", "ipv4")
		if err != nil {
			return
		}
		rs := newRuleset()
		rs.add(p.chains, p.nrules)
		rs.sortBase()
		ex, _, _ := evaluate(rs, newEnv(fuzzEnv), fuzzSockets)
		for _, e := range ex {
			if e.Rule == "" {
				t.Fatalf("exposure %+v names no rule", e)
			}
		}
	})
}
