package firewall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// Scanner reads the packet filter, interfaces and sockets of a machine and
// evaluates what the Internet reaches.
type Scanner struct{}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns the firewall scanner.
func New() *Scanner { return &Scanner{} }

// Name is the facts section, "firewall".
func (*Scanner) Name() string { return "firewall" }

// Read caps and deadlines for the programs the scanner runs.
const (
	maxRulesetOutput = 64 << 20
	commandTimeout   = 20 * time.Second
)

// errAbsent marks a program that is not installed (or, on a dir: target,
// was not recorded).
var errAbsent = errors.New("not installed")

func run(ctx context.Context, t target.Target, name string, args ...string) ([]byte, error) {
	cmd := target.Command{Name: name, Args: args, Timeout: commandTimeout, MaxOutput: maxRulesetOutput}
	out, err := t.Run(ctx, cmd)
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return nil, fmt.Errorf("%s: %w on the target", name, errAbsent)
	case errors.Is(err, target.ErrNotRecorded):
		return nil, fmt.Errorf("%s: %w (no recorded output %s/%s)", cmd, errAbsent, target.RecordedDir, target.CommandKey(cmd))
	case err != nil:
		return nil, fmt.Errorf("run %s: %w", cmd, err)
	case out.ExitCode != 0:
		msg := strings.TrimSpace(string(out.Stderr))
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = "no message"
		}
		return nil, fmt.Errorf("%s exited %d: %s", cmd, out.ExitCode, msg)
	}
	return out.Stdout, nil
}

// interfaces lists t's interfaces: from the kernel when the target can ask
// it (no ip process to start), from `ip -j addr` otherwise.
func interfaces(ctx context.Context, t target.Target) ([]Interface, error) {
	if it, ok := t.(target.Interfacer); ok {
		nis, err := it.NetInterfaces()
		if err == nil {
			out := make([]Interface, 0, len(nis))
			for _, ni := range nis {
				i := Interface{Name: ni.Name, Up: ni.Up, Loopback: ni.Loopback, Addresses: make([]string, 0, len(ni.Addrs))}
				for _, a := range ni.Addrs {
					i.Addresses = append(i.Addresses, a.String())
				}
				out = append(out, i)
			}
			return out, nil
		}
		if !errors.Is(err, errors.ErrUnsupported) {
			return nil, err
		}
	}
	b, err := run(ctx, t, "ip", "-j", "addr")
	if err != nil {
		return nil, err
	}
	ifs, err := parseIPAddr(b)
	if err != nil {
		return nil, fmt.Errorf("ip -j addr: %w", err)
	}
	return ifs, nil
}

// dualStack returns "tcp/PORT" and "udp/PORT" for the IPv6 wildcard sockets
// that accept IPv4 too: from the kernel's sock_diag when the target can ask
// it, from `ss -l` (which prints them as *:PORT) otherwise.
func dualStack(ctx context.Context, t target.Target) (map[string]bool, error) {
	if d, ok := t.(target.DualStackLister); ok {
		dual, err := d.DualStackPorts()
		if err == nil || !errors.Is(err, errors.ErrUnsupported) {
			return dual, err
		}
	}
	b, err := run(ctx, t, "ss", "-H", "-l", "-n", "-t", "-u")
	if err != nil {
		return nil, err
	}
	dual, err := parseSS(b)
	if err != nil {
		return nil, fmt.Errorf("parse ss output: %w", err)
	}
	return dual, nil
}

// Scan collects the facts. It fails only if the context is done; every
// missing part is recorded under its fact path.
func (*Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f := &Facts{}
	ifs, err := interfaces(ctx, t)
	if err != nil {
		c.Errorf("firewall.interfaces", "%v", err)
	} else {
		f.Interfaces = ifs
	}

	rs := newRuleset()
	var notes, problems []string
	skip := map[string]map[string]bool{}
	iptRead := 0
	type iptNft struct {
		p         *iptParse
		nftFamily string
		source    int
	}
	var nftBacked []iptNft
	legacyMain := map[string]bool{}
	// nft's ruleset is read first: when it holds no table iptables-nft could
	// own and the kernel lists no legacy table, iptables-save has nothing to
	// print whichever back end it is, and is not started.
	var nftObjs []map[string]any
	nftOut, nftErr := run(ctx, t, "nft", "-j", "list", "ruleset")
	if nftErr == nil {
		if nftObjs, nftErr = decodeNFT(nftOut); nftErr != nil {
			nftErr = fmt.Errorf("parse nft -j list ruleset output: %w", nftErr)
		}
	}
	tables := nftTables(nftObjs)
	// iptables-legacy-save prints the tables the kernel lists in
	// /proc/net/ip_tables_names (ip6_tables_names); with that list there and
	// empty it would print nothing.
	noLegacy := map[string]bool{}
	for family, names := range map[string]string{"ipv4": "/proc/net/ip_tables_names", "ipv6": "/proc/net/ip6_tables_names"} {
		b, err := t.ReadFile(names, 64<<10)
		noLegacy[family] = err == nil && len(bytes.TrimSpace(b)) == 0
	}
	for _, x := range []struct{ cmd, source, family, nftFamily string }{
		{"iptables-save", "iptables", "ipv4", "ip"},
		{"ip6tables-save", "ip6tables", "ipv6", "ip6"},
	} {
		if nftErr == nil && !ownsIptablesTable(tables, x.nftFamily) && noLegacy[x.family] {
			continue
		}
		b, err := run(ctx, t, x.cmd)
		if err != nil {
			if errors.Is(err, errAbsent) {
				notes = append(notes, err.Error())
			} else {
				problems = append(problems, err.Error())
			}
			continue
		}
		p, err := parseIptablesSave(b, x.source, x.family)
		if err != nil {
			problems = append(problems, fmt.Sprintf("parse %s output: %v", x.cmd, err))
			continue
		}
		iptRead++
		f.Sources = append(f.Sources, Source{Command: x.cmd, Backend: p.backend, Tables: len(p.tables), Rules: p.nrules, Evaluated: true})
		if p.backend == "legacy" {
			legacyMain[x.family] = true
			rs.add(p.chains, p.nrules)
			continue
		}
		// iptables-nft tables are nft tables too; read them here, where
		// their xt matches are printed in full, and leave them out of nft's.
		for _, tb := range p.tables {
			skip[x.nftFamily+" "+tb] = p.names[tb]
		}
		nftBacked = append(nftBacked, iptNft{p, x.nftFamily, len(f.Sources) - 1})
	}
	for _, x := range []struct{ cmd, source, family string }{
		{"iptables-legacy-save", "iptables-legacy", "ipv4"},
		{"ip6tables-legacy-save", "ip6tables-legacy", "ipv6"},
	} {
		if noLegacy[x.family] {
			continue
		}
		b, err := run(ctx, t, x.cmd)
		if err != nil {
			if !errors.Is(err, errAbsent) {
				problems = append(problems, err.Error())
			}
			continue
		}
		p, err := parseIptablesSave(b, x.source, x.family)
		if err != nil {
			problems = append(problems, fmt.Sprintf("parse %s output: %v", x.cmd, err))
			continue
		}
		iptRead++
		dup := legacyMain[x.family] // iptables-save already is the legacy back end
		f.Sources = append(f.Sources, Source{Command: x.cmd, Backend: "legacy", Tables: len(p.tables), Rules: p.nrules, Evaluated: !dup})
		if !dup {
			rs.add(p.chains, p.nrules)
		}
	}

	nftOK, nftAbsent := false, false
	if err := nftErr; err != nil {
		nftAbsent = errors.Is(err, errAbsent)
		problems = append(problems, err.Error())
	} else if p, err := buildNFT(nftObjs, skip); err != nil {
		problems = append(problems, fmt.Sprintf("parse nft -j list ruleset output: %v", err))
	} else {
		nftOK = true
		notes = append(notes, p.notes...)
		f.Sources = append(f.Sources, Source{Command: "nft -j list ruleset", Tables: len(p.tables), Rules: p.nrules, Evaluated: true})
		rs.add(p.chains, p.nrules)
		for _, x := range nftBacked {
			// Only the tables nft confirmed as iptables-nft's; the others
			// are native nft tables evaluated from nft's JSON.
			var keep []*chain
			for _, c := range x.p.chains {
				if slices.Contains(p.skipped, x.nftFamily+" "+c.table) {
					keep = append(keep, c)
				}
			}
			f.Sources[x.source].Evaluated = len(keep) > 0
			rs.add(keep, 0)
		}
	}
	if !nftOK {
		for _, x := range nftBacked {
			rs.add(x.p.chains, x.p.nrules)
		}
	}
	rs.sortBase()
	for _, ch := range rs.base {
		pol := "accept"
		if ch.policy == vDrop {
			pol = "drop"
		}
		f.Chains = append(f.Chains, Chain{Source: ch.source, Family: ch.family, Table: ch.table, Name: ch.name, Type: ch.typ, Hook: ch.hook, Priority: ch.prio, Policy: pol, Rules: len(ch.rules)})
	}
	// The view is complete when nft's ruleset was read (it holds every
	// nf_tables rule; iptables-save only prints some of them better), or when
	// nft is not installed and iptables was (a legacy-only host).
	complete := nftOK || nftAbsent && iptRead > 0 && len(problems) == 1
	if !complete {
		reason := strings.Join(problems, "; ")
		c.Errorf("firewall.exposed", "read the packet filter: %s", reason)
		c.Errorf("firewall.inbound", "read the packet filter: %s", reason)
		return f, nil
	}
	if !nftOK {
		notes = append(notes, "nft is not installed; evaluated the iptables rules only")
	} else {
		notes = append(notes, problems...)
	}
	if len(notes) > 0 {
		c.Errorf("firewall.notes", "%s", strings.Join(notes, "; "))
	}
	socks, sockNotes, err := host.ListSockets(ctx, t)
	if sockNotes != "" {
		c.Errorf("firewall.sockets.notes", "%s", sockNotes)
	}
	e := newEnv(ifs)
	dual, dualErr := dualStack(ctx, t)
	if dualErr != nil {
		c.Errorf("firewall.exposed.notes", "%v; IPv6 wildcard sockets are taken as IPv6-only", dualErr)
	}
	e.dual = dual
	exposed, inbound, published := evaluate(rs, e, socks)
	f.Inbound, f.Published = inbound, published
	if err != nil {
		c.Errorf("firewall.exposed", "read listening sockets: %v", err)
		// DNAT'ed ports need no local socket, but a partial list must not pass.
		return f, nil
	}
	f.Exposed = exposed
	return f, nil
}

// iptablesTables are the tables iptables-nft creates in the ip and ip6 families.
var iptablesTables = []string{"filter", "nat", "mangle", "raw", "security"}

// ownsIptablesTable reports whether nft's tables include one of family that
// iptables-nft could have made.
func ownsIptablesTable(tables []string, family string) bool {
	for _, name := range iptablesTables {
		if slices.Contains(tables, family+" "+name) {
			return true
		}
	}
	return false
}

func (rs *ruleset) add(chains []*chain, nrules int) {
	for _, c := range chains {
		for _, r := range c.rules {
			r.index()
		}
		rs.chains[c.key] = c
		if c.hook != "" {
			rs.base = append(rs.base, c)
		}
	}
	rs.nrules += nrules
}
