package firewall

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testenv"
	"github.com/vouch-audit/vouch/internal/testtarget"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

var fixtureClock = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func scanDir(t *testing.T, root string) (*Facts, map[string]string) {
	t.Helper()
	d, err := target.NewDir(root, "dir:"+root)
	if err != nil {
		t.Fatal(err)
	}
	c := scanners.NewCollection(fixtureClock)
	v, err := New().Scan(context.Background(), d, c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return v.(*Facts), c.Errors()
}

func TestHostFixtures(t *testing.T) {
	tests := []struct {
		host    string
		exposed []string
		inbound map[string]string
	}{
		{"debian12-compliant", []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 443 0.0.0.0 input", "ipv4 tcp 80 0.0.0.0 input"},
			map[string]string{"ipv4": "drop", "ipv6": "drop"}},
		{"debian12-drifted", []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 23 0.0.0.0 input", "ipv4 tcp 443 0.0.0.0 input",
			"ipv4 tcp 5432 0.0.0.0 dnat", "ipv4 tcp 80 0.0.0.0 input", "ipv4 udp 68 0.0.0.0 input", "ipv6 tcp 22 :: input", "ipv6 tcp 80 :: input"},
			map[string]string{"ipv4": "accept", "ipv6": "accept"}},
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			f, errs := scanDir(t, filepath.Join("..", "..", "fixtures", "hosts", tc.host))
			if got := keys(f.Exposed); !slices.Equal(got, tc.exposed) {
				t.Errorf("exposed = %q; want %q (errors %v)", got, tc.exposed, errs)
			}
			for fam, want := range tc.inbound {
				if got := f.Inbound[fam].Policy; got != want {
					t.Errorf("inbound %s = %s (%s); want %s", fam, got, f.Inbound[fam].Rule, want)
				}
			}
		})
	}
}

// fake is a target with scripted command answers and no files but the
// socket table it is given.
type fake struct {
	*target.Dir
	out map[string]string
	err map[string]error
}

func (f fake) Run(_ context.Context, c target.Command) (target.Output, error) {
	if e, ok := f.err[c.String()]; ok {
		return target.Output{}, e
	}
	if s, ok := f.out[c.String()]; ok {
		return target.Output{Stdout: []byte(s)}, nil
	}
	return target.Output{}, fmt.Errorf("%s: %w", c.Name, exec.ErrNotFound)
}

// newFake has one socket: 0.0.0.0:5432/tcp and one interface, eth0.
func newFake(t *testing.T, nftJSON string) fake {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "proc", "net"), 0o755); err != nil {
		t.Fatal(err)
	}
	tcp := "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
		"   0: 00000000:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n"
	if err := os.WriteFile(filepath.Join(root, "proc", "net", "tcp"), []byte(tcp), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := target.NewDir(root, "fake")
	if err != nil {
		t.Fatal(err)
	}
	return fake{Dir: d, out: map[string]string{
		"nft -j list ruleset": nftJSON,
		"ip -j addr":          `[{"ifname":"eth0","flags":["UP"],"link_type":"ether","addr_info":[{"local":"192.0.2.10","prefixlen":24}]}]`,
	}, err: map[string]error{}}
}

func scanFake(t *testing.T, f fake) (*Facts, map[string]string) {
	t.Helper()
	c := scanners.NewCollection(fixtureClock)
	v, err := New().Scan(context.Background(), f, c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return v.(*Facts), c.Errors()
}

// nftDoc wraps chain and rule objects of table inet t into nft's JSON.
func nftDoc(objs ...string) string {
	return `{"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "t", "handle": 1}}, ` +
		strings.Join(objs, ", ") + `]}`
}

const inputDrop = `{"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}`

func nftRule(expr string) string {
	return `{"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": ` + expr + `}}`
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name      string
		nft       string
		nftErr    error
		wantState string // state of 5432/tcp, "" for not exposed
		wantRule  string // substring of the rule shown
		wantErr   string // substring of errors["firewall.exposed"]
		wantNote  string // substring of errors["firewall.notes"]
	}{
		{
			name:      "unknown match makes the port undetermined and names the rule",
			nft:       nftDoc(inputDrop, nftRule(`[{"match": {"op": "==", "left": {"meta": {"key": "mark"}}, "right": 1}}, {"accept": null}]`)),
			wantState: "undetermined",
			wantRule:  `inet t input: meta mark 1 accept`,
		},
		{
			name:      "unknown statement makes the port undetermined",
			nft:       nftDoc(inputDrop, nftRule(`[{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 5432}}, {"queue": {"num": 1}}]`)),
			wantState: "undetermined",
			wantRule:  `{"queue":{"num":1}}`,
		},
		{
			name:      "unknown match on a rule whose known match fails is skipped",
			nft:       nftDoc(inputDrop, nftRule(`[{"match": {"op": "==", "left": {"payload": {"protocol": "udp", "field": "dport"}}, "right": 53}}, {"match": {"op": "==", "left": {"meta": {"key": "mark"}}, "right": 1}}, {"accept": null}]`)),
			wantState: "",
		},
		{
			name:      "unknown object kinds are noted and the rest evaluated",
			nft:       nftDoc(inputDrop, `{"flowtable": {"family": "inet", "table": "t", "name": "f"}}`, `{"secmark": {"name": "s"}}`, nftRule(`[{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 5432}}, {"accept": null}]`)),
			wantState: "exposed",
			wantRule:  "inet t input: tcp dport 5432 accept",
			wantNote:  "nft objects not evaluated: flowtable (1), secmark (1)",
		},
		{
			name:    "truncated output is an error",
			nft:     nftDoc(inputDrop)[:80],
			wantErr: "parse nft -j list ruleset output: parse JSON: unexpected EOF",
		},
		{
			name:    "nft missing is an error with the reason",
			nftErr:  fmt.Errorf("nft: %w", exec.ErrNotFound),
			wantErr: "nft: not installed on the target",
		},
		{
			name:    "nft failing is an error with its message",
			nftErr:  fmt.Errorf("exec: permission denied"),
			wantErr: "run nft -j list ruleset: exec: permission denied",
		},
		{
			name:    "a rule in a chain that does not exist is an error",
			nft:     nftDoc(nftRule(`[{"accept": null}]`)),
			wantErr: "rule handle 2 in unknown chain inet t input",
		},
		{
			name:    "JSON without the nftables array is an error",
			nft:     `{"tables": []}`,
			wantErr: `no "nftables" array in the JSON`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.nft)
			if tc.nftErr != nil {
				f.err["nft -j list ruleset"] = tc.nftErr
			}
			facts, errs := scanFake(t, f)
			if tc.wantErr != "" {
				if !strings.Contains(errs["firewall.exposed"], tc.wantErr) {
					t.Fatalf("errors[firewall.exposed] = %q; want it to contain %q", errs["firewall.exposed"], tc.wantErr)
				}
				if facts.Exposed != nil {
					t.Errorf("exposed = %v; want none when the ruleset could not be read", facts.Exposed)
				}
				return
			}
			if tc.wantNote != "" && !strings.Contains(errs["firewall.notes"], tc.wantNote) {
				t.Errorf("errors[firewall.notes] = %q; want it to contain %q", errs["firewall.notes"], tc.wantNote)
			}
			if facts.Exposed == nil {
				t.Fatalf("no exposed list; errors %v", errs)
			}
			var got *Exposure
			for i := range facts.Exposed {
				if facts.Exposed[i].Port == 5432 {
					got = &facts.Exposed[i]
				}
			}
			switch {
			case tc.wantState == "" && got != nil:
				t.Errorf("5432/tcp is %s (%s); want closed", got.State, got.Rule)
			case tc.wantState != "" && got == nil:
				t.Errorf("5432/tcp not listed; want %s", tc.wantState)
			case got != nil && (got.State != tc.wantState || !strings.Contains(got.Rule, tc.wantRule)):
				t.Errorf("5432/tcp = %s with rule %q; want %s with a rule containing %q", got.State, got.Rule, tc.wantState, tc.wantRule)
			}
		})
	}
}

func TestIptablesSaveErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"table without COMMIT", "*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\n", "table filter has no COMMIT (truncated output?)"},
		{"rule outside a table", "-A INPUT -j ACCEPT\n", "line 1: rule outside a table"},
		{"rule in an undeclared chain", "*filter\n:INPUT DROP [0:0]\n-A NOPE -j ACCEPT\nCOMMIT\n", "chain NOPE not declared in table filter"},
		{"unterminated quote", "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment \"x -j ACCEPT\nCOMMIT\n", "unterminated quote"},
		{"bad address", "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.300/8 -j ACCEPT\nCOMMIT\n", `-s "10.0.0.300/8"`},
		{"garbage line", "*filter\nhello\nCOMMIT\n", `line 2: unexpected "hello"`},
		{"option without a value", "*filter\n:INPUT DROP [0:0]\n-A INPUT -p\nCOMMIT\n", "-p needs a value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseIptablesSave([]byte(tc.in), "iptables", "ipv4")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parseIptablesSave error = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestIptablesUnknownMatchIsUndetermined(t *testing.T) {
	in := "*filter\n:INPUT DROP [0:0]\n-A INPUT -p udp -m udp --dport 53 -m recent --rcheck --seconds 60 -j DROP\n" +
		"-A INPUT -p tcp -m recent --rcheck --seconds 60 --name ssh -j DROP\n-A INPUT -p tcp -m tcp --dport 5432 -j ACCEPT\nCOMMIT\n"
	p, err := parseIptablesSave([]byte(in), "iptables", "ipv4")
	if err != nil {
		t.Fatal(err)
	}
	rs := newRuleset()
	rs.add(p.chains, p.nrules)
	ex, _, _ := evaluate(rs, newEnv(nil), []host.Socket{{Protocol: "tcp", Family: "ipv4", Address: "0.0.0.0", Port: 5432}})
	want := "iptables -t filter -A INPUT -p tcp -m recent --rcheck --seconds 60 --name ssh -j DROP"
	if len(ex) != 1 || ex[0].State != "undetermined" || ex[0].Rule != want {
		t.Errorf("exposed = %+v; want 5432/tcp undetermined by %q", ex, want)
	}
}

// bigRuleset is an nft ruleset of n port rules in a chain with policy drop,
// with the accepted ports at the end, as a large generated ruleset looks.
func bigRuleset(n int) string {
	var b strings.Builder
	b.WriteString(`{"nftables": [{"table": {"family": "inet", "name": "t", "handle": 1}}, ` + inputDrop)
	for i := range n {
		port := 20000 + i%40000
		verdict := `{"drop": null}`
		if i >= n-200 {
			port, verdict = 1000+(i-(n-200)), `{"accept": null}`
		}
		fmt.Fprintf(&b, `, {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": %d, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": {"prefix": {"addr": "10.%d.0.0", "len": 16}}}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": %d}}, {"counter": {"packets": 0, "bytes": 0}}, %s]}}`, i+2, i%256, port, verdict)
	}
	b.WriteString("]}")
	return b.String()
}

func bigSockets(n int) []host.Socket {
	out := make([]host.Socket, n)
	for i := range out {
		out[i] = host.Socket{Protocol: "tcp", Family: "ipv4", Address: "0.0.0.0", Port: 1000 + i}
	}
	return out
}

func TestHundredThousandRules(t *testing.T) {
	p, err := parseNFT([]byte(bigRuleset(100_000)), nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := newRuleset()
	rs.add(p.chains, p.nrules)
	ex, in, _ := evaluate(rs, newEnv(nil), bigSockets(20))
	// The accepting rules come last but name private sources, so an
	// arbitrary public source is dropped by the policy.
	if len(ex) != 0 || in["ipv4"].Policy != "drop" {
		t.Errorf("exposed %d ports, inbound %+v; want none and drop", len(ex), in["ipv4"])
	}
}

func TestEvaluationStepLimit(t *testing.T) {
	// A chain that jumps to itself would loop; the kernel refuses it, but a
	// hand-written recording must not hang vouch.
	doc := nftDoc(inputDrop, `{"chain": {"family": "inet", "table": "t", "name": "loop", "handle": 3}}`,
		nftRule(`[{"jump": {"target": "loop"}}]`),
		`{"rule": {"family": "inet", "table": "t", "chain": "loop", "handle": 4, "expr": [{"jump": {"target": "loop"}}]}}`)
	facts, errs := scanFake(t, newFake(t, doc))
	if len(facts.Exposed) != 1 || facts.Exposed[0].State != "undetermined" || !strings.Contains(facts.Exposed[0].Rule, "nested deeper") {
		t.Errorf("exposed = %+v (errors %v); want 5432/tcp undetermined by the jump limit", facts.Exposed, errs)
	}
}

func TestLegacyIptablesSaveIsEvaluatedBesideNft(t *testing.T) {
	f := newFake(t, `{"nftables": [{"metainfo": {"version": "1.0.6"}}]}`)
	// iptables-save of the legacy back end: no "(nf_tables)" in the header,
	// so its tables are x_tables, which nft's ruleset never shows.
	f.out["iptables-save"] = "# Generated by iptables-save v1.8.9 on Fri Nov 20 11:50:00 2026\n*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n"
	facts, errs := scanFake(t, f)
	if facts.Exposed == nil || len(facts.Exposed) != 0 {
		t.Errorf("exposed = %+v (errors %v); want 5432/tcp closed by the legacy INPUT policy", facts.Exposed, errs)
	}
	if got := facts.Inbound["ipv4"]; got.Policy != "drop" || got.Rule != "policy drop of chain iptables filter INPUT" {
		t.Errorf("inbound ipv4 = %+v; want drop by the legacy INPUT policy", got)
	}
	if len(facts.Sources) == 0 || facts.Sources[0].Backend != "legacy" || !facts.Sources[0].Evaluated {
		t.Errorf("sources = %+v; want iptables-save read as the legacy back end", facts.Sources)
	}
}

func TestParseSS(t *testing.T) {
	got, err := parseSS([]byte("udp UNCONN 0 0 *:5353 *:*\ntcp LISTEN 0 4096 *:7000 *:*\ntcp LISTEN 0 4096 [::]:22 [::]:*\ntcp LISTEN 0 128 0.0.0.0:80 0.0.0.0:*\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"udp/5353": true, "tcp/7000": true}; !maps.Equal(got, want) {
		t.Errorf("parseSS = %v; want only the \"*:PORT\" sockets %v", got, want)
	}
	for _, bad := range []string{"tcp LISTEN 0\n", "tcp LISTEN 0 1 *:http *:*\n"} {
		if _, err := parseSS([]byte(bad)); err == nil {
			t.Errorf("parseSS(%q) = nil error; want one", bad)
		}
	}
}

// TestLegacySaveRunsOnlyWhenTheKernelListsTables: iptables-legacy-save prints
// the tables in /proc/net/ip_tables_names, so with that list empty it is not
// started; with a table listed (or no list to read) its rules are evaluated.
func TestLegacySaveRunsOnlyWhenTheKernelListsTables(t *testing.T) {
	legacy := "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n"
	for _, tc := range []struct {
		names   *string // nil: no /proc/net/ip_tables_names
		wantRun bool
	}{{nil, true}, {ptr(""), false}, {ptr("filter\n"), true}} {
		f := newFake(t, `{"nftables": [{"metainfo": {"version": "1.0.6"}}]}`)
		f.out["iptables-legacy-save"] = legacy
		if tc.names != nil {
			if err := os.WriteFile(filepath.Join(f.Dir.Root(), "proc", "net", "ip_tables_names"), []byte(*tc.names), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		facts, errs := scanFake(t, f)
		ran := readFrom(facts, "iptables-legacy-save")
		if ran != tc.wantRun {
			t.Errorf("ip_tables_names %v: iptables-legacy-save read = %v, want %v (sources %+v)", tc.names, ran, tc.wantRun, facts.Sources)
		}
		if got := facts.Inbound["ipv4"].Policy; tc.wantRun && got != "drop" {
			t.Errorf("ip_tables_names %v: inbound ipv4 policy %q (errors %v); want drop from the legacy table", tc.names, got, errs)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// readFrom reports whether the facts list cmd among their sources.
func readFrom(f *Facts, cmd string) bool {
	return slices.ContainsFunc(f.Sources, func(s Source) bool { return s.Command == cmd })
}

// TestIptablesSaveRunsOnlyWhenATableCouldBeIts: with nft's ruleset holding no
// ip table iptables-nft could own and no legacy table listed, iptables-save
// would print nothing and is not started; an "ip filter" table in nft's
// ruleset, or a legacy table, starts it.
func TestIptablesSaveRunsOnlyWhenATableCouldBeIts(t *testing.T) {
	const ipt = "# Generated by iptables-save v1.8.9 (nf_tables) on Fri Nov 20 11:50:00 2026\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n"
	native := `{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "filter", "handle": 1}}]}`
	owned := `{"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "ip", "name": "filter", "handle": 1}}]}`
	for _, tc := range []struct {
		name, nft, legacyNames string
		wantRun                bool
	}{
		{"native nft table only", native, "", false},
		{"an ip filter table", owned, "", true},
		{"a legacy table", native, "filter\n", true},
	} {
		f := newFake(t, tc.nft)
		f.out["iptables-save"] = ipt
		for _, n := range []string{"ip_tables_names", "ip6_tables_names"} {
			if err := os.WriteFile(filepath.Join(f.Dir.Root(), "proc", "net", n), []byte(tc.legacyNames), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		facts, _ := scanFake(t, f)
		ran := readFrom(facts, "iptables-save")
		if ran != tc.wantRun {
			t.Errorf("%s: iptables-save read = %v, want %v (sources %+v)", tc.name, ran, tc.wantRun, facts.Sources)
		}
	}
}

// TestOneCollectionReadsSocketsOnce: with the host and firewall scanners in
// one run, the sockets and processes are read once and both sections hold
// them.
func TestOneCollectionReadsSocketsOnce(t *testing.T) {
	tg := testtarget.NewReadCounter(testtarget.Fixture(t, "debian12-drifted"))
	run := &audit.Run{Scanners: scanners.NewRegistry(host.New(), New()), Now: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	facts := run.Collect(context.Background(), tg)
	for _, p := range []string{"/proc/net/tcp", "/proc/net/udp6", "/proc/1/comm"} {
		if n := tg.Reads(p); n != 1 {
			t.Errorf("%s read %d times; want once", p, n)
		}
	}
	var h struct {
		Sockets []host.Socket `json:"sockets"`
	}
	var fw Facts
	if err := json.Unmarshal(facts.Sections["host"], &h); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(facts.Sections["firewall"], &fw); err != nil {
		t.Fatal(err)
	}
	if len(h.Sockets) == 0 || len(fw.Exposed) == 0 {
		t.Errorf("host sockets %d, firewall exposed %d (errors %v); want both from the one reading", len(h.Sockets), len(fw.Exposed), facts.Errors)
	}
}

// TestLocalInterfacesAgreeWithIP: what the local target asks the kernel for
// is what `ip -j addr` prints on this machine. Other tests add and remove
// container interfaces meanwhile, so a comparison is retried while ip's own
// two readings around it differ.
func TestLocalInterfacesAgreeWithIP(t *testing.T) {
	ip := testenv.Need(t, "ip", "iproute2")
	readIP := func() []Interface {
		out, err := exec.Command(ip, "-j", "addr").Output()
		if err != nil {
			t.Fatalf("ip -j addr: %v", err)
		}
		ifs, err := parseIPAddr(out)
		if err != nil {
			t.Fatal(err)
		}
		return ifs
	}
	got, want := readBetween(t, readIP, func() ([]Interface, error) { return interfaces(context.Background(), target.NewLocal()) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("from the kernel:\n%+v\nfrom ip -j addr:\n%+v", got, want)
	}
	if !slices.ContainsFunc(got, func(i Interface) bool { return i.Loopback && i.Up && slices.Contains(i.Addresses, "127.0.0.1/8") }) {
		t.Errorf("no loopback interface with 127.0.0.1/8 in %+v", got)
	}
}

// readBetween calls ours between two calls of reference, again (up to ten
// times) while the two reference readings differ, and returns ours and the
// reference's reading: other tests change the machine's interfaces and
// sockets meanwhile.
func readBetween[T any](t *testing.T, reference func() T, ours func() (T, error)) (got, want T) {
	t.Helper()
	for try := 0; ; try++ {
		before := reference()
		got, err := ours()
		if err != nil {
			t.Fatal(err)
		}
		if after := reference(); reflect.DeepEqual(before, after) || try == 10 {
			return got, before
		}
	}
}

// TestLocalDualStackAgreesWithSS: the kernel's sock_diag answer names the
// dual-stack wildcard sockets this test opens, not its IPv6-only ones, and
// equals what ss prints as *:PORT on this machine (retried while ss's own
// two readings around it differ: other tests open sockets meanwhile).
func TestLocalDualStackAgreesWithSS(t *testing.T) {
	ss := testenv.Need(t, "ss", "iproute2")
	listen := func(network string) int {
		l, err := net.Listen(network, "[::]:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return l.Addr().(*net.TCPAddr).Port
	}
	packet := func(network string) int {
		c, err := net.ListenPacket(network, "[::]:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c.LocalAddr().(*net.UDPAddr).Port
	}
	// Go leaves IPV6_V6ONLY off for "tcp" and "udp" and sets it for "tcp6" and "udp6".
	dual := []string{fmt.Sprintf("tcp/%d", listen("tcp")), fmt.Sprintf("udp/%d", packet("udp"))}
	only := []string{fmt.Sprintf("tcp/%d", listen("tcp6")), fmt.Sprintf("udp/%d", packet("udp6"))}
	readSS := func() map[string]bool {
		out, err := exec.Command(ss, "-H", "-l", "-n", "-t", "-u").Output()
		if err != nil {
			t.Fatalf("ss: %v", err)
		}
		m, err := parseSS(out)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	got, before := readBetween(t, readSS, func() (map[string]bool, error) { return dualStack(context.Background(), target.NewLocal()) })
	for _, k := range dual {
		if !got[k] {
			t.Errorf("%s (IPV6_V6ONLY off) missing from %v", k, got)
		}
	}
	for _, k := range only {
		if got[k] {
			t.Errorf("%s (IPV6_V6ONLY on) in %v", k, got)
		}
	}
	if !maps.Equal(got, before) {
		t.Errorf("from sock_diag %v; ss -l prints *:PORT for %v", got, before)
	}
}
