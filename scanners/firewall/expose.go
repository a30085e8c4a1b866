package firewall

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners/host"
)

// env is what the evaluator knows of the host besides its rules: where a
// packet from the Internet may arrive and which addresses it may be sent to.
type env struct {
	arrivals []iface                 // interfaces a public packet may come in on
	addrs    map[string][]netip.Addr // per family, the local addresses on those interfaces
	routes   []route
	// dual holds "tcp/PORT" for IPv6 wildcard sockets that also accept IPv4
	// (IPV6_V6ONLY off), which ss shows as "*:PORT"; /proc/net/tcp6 cannot.
	dual map[string]bool
}

// containerSide reports whether an interface faces containers or VMs on this
// host rather than a network: packets from the Internet do not arrive there.
func containerSide(name string) bool {
	for _, p := range []string{"docker", "br-", "veth", "virbr", "cni", "flannel", "cali", "vxlan", "podman", "lxc", "lxd"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func newEnv(ifs []Interface) env {
	e := env{addrs: map[string][]netip.Addr{}}
	for _, i := range ifs {
		for _, a := range i.Addresses {
			if p, err := netip.ParsePrefix(a); err == nil {
				e.routes = append(e.routes, route{p: p.Masked(), name: i.Name})
			}
		}
		if i.Loopback || !i.Up || containerSide(i.Name) {
			continue
		}
		e.arrivals = append(e.arrivals, iface{name: i.Name})
		for _, a := range i.Addresses {
			p, err := netip.ParsePrefix(a)
			if err != nil || p.Addr().IsLinkLocalUnicast() || p.Addr().IsLoopback() {
				continue
			}
			f := familyOf(p.Addr())
			e.addrs[f] = append(e.addrs[f], p.Addr())
		}
	}
	if len(e.arrivals) == 0 {
		e.arrivals = []iface{{abstract: true}}
	}
	return e
}

func familyOf(a netip.Addr) string {
	if a.Is4() || a.Is4In6() {
		return "ipv4"
	}
	return "ipv6"
}

// parseSS reads `ss -H -l -n -t -u` and returns "tcp/PORT" for every
// wildcard socket ss prints as "*:PORT": an IPv6 socket that also takes IPv4.
func parseSS(b []byte) (map[string]bool, error) {
	out := map[string]bool{}
	for i, line := range strings.Split(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 5 {
			return nil, fmt.Errorf("line %d: %d fields, want at least 5", i+1, len(fs))
		}
		port, ok := strings.CutPrefix(fs[4], "*:")
		if !ok || (fs[0] != "tcp" && fs[0] != "udp") {
			continue
		}
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return nil, fmt.Errorf("line %d: port %q", i+1, port)
		}
		out[fs[0]+"/"+port] = true
	}
	return out, nil
}

// probes returns the packets to try for one destination: every arrival
// interface times every candidate destination address.
func (e env) probes(family, proto string, port int, daddr netip.Addr) []packet {
	var dsts []netip.Addr
	if daddr.IsValid() && !daddr.IsUnspecified() {
		dsts = []netip.Addr{daddr}
	} else {
		dsts = e.addrs[family]
		if len(dsts) == 0 {
			dsts = []netip.Addr{{}}
		}
	}
	out := make([]packet, 0, len(e.arrivals)*len(dsts))
	for _, i := range e.arrivals {
		for _, d := range dsts {
			out = append(out, packet{family: family, proto: proto, dport: port, daddr: d, iif: i, oif: iface{none: true}})
		}
	}
	return out
}

// decide folds the outcomes of several probes: reachable by any is exposed;
// else any undecided is undetermined; else closed.
func decide(os []outcome) outcome {
	var und *outcome
	for i := range os {
		switch os[i].kind {
		case oAccept:
			return os[i]
		case oUndetermined:
			if und == nil {
				und = &os[i]
			}
		}
	}
	if und != nil {
		return *und
	}
	return outcome{kind: oDrop}
}

// evaluate computes the exposure list and the inbound default per family.
func evaluate(rs *ruleset, e env, socks []host.Socket) ([]Exposure, map[string]Inbound, []Published) {
	exposed := []Exposure{}
	seen := map[string]bool{}
	add := func(x Exposure) {
		k := fmt.Sprint(x.Protocol, x.Port, x.Address, x.Family, x.Path)
		if !seen[k] {
			seen[k] = true
			exposed = append(exposed, x)
		}
	}
	for _, s := range socks {
		a, err := netip.ParseAddr(s.Address)
		if err != nil || a.IsLoopback() || s.Protocol != "tcp" && s.Protocol != "udp" {
			continue
		}
		fams := []string{s.Family}
		if s.Family == "ipv6" && a.IsUnspecified() && e.dual[fmt.Sprintf("%s/%d", s.Protocol, s.Port)] {
			fams = append(fams, "ipv4") // IPv4 arrives as v4-mapped on the same socket
		}
		for _, fam := range fams {
			dst := a
			if fam != s.Family {
				dst = netip.Addr{}
			}
			var os []outcome
			for _, p := range e.probes(fam, s.Protocol, s.Port, dst) {
				w := walker{rs: rs, routes: e.routes}
				os = append(os, w.input(&p))
			}
			if o := decide(os); o.kind == oAccept || o.kind == oUndetermined {
				add(Exposure{Protocol: s.Protocol, Port: s.Port, Address: s.Address, Family: fam, Path: "input",
					Process: s.Process, State: stateOf(o), Rule: o.rule})
			}
		}
	}
	published := dnatRules(rs)
	for _, d := range published {
		var os []outcome
		for _, p := range e.probes(d.Family, d.Protocol, d.Port, netip.Addr{}) {
			w := walker{rs: rs, routes: e.routes}
			os = append(os, w.forward(&p))
		}
		o := decide(os)
		if o.kind != oAccept && o.kind != oUndetermined {
			continue
		}
		addr := "0.0.0.0"
		if d.Family == "ipv6" {
			addr = "::"
		}
		if d.daddr != "" {
			addr = d.daddr
		}
		proc := ""
		for _, s := range socks {
			if s.Protocol == d.Protocol && s.Port == d.Port && s.Family == d.Family {
				proc = s.Process // docker-proxy beside the DNAT rule
			}
		}
		rule := d.Rule
		if o.kind == oUndetermined {
			rule = o.rule
		}
		add(Exposure{Protocol: d.Protocol, Port: d.Port, Address: addr, Family: d.Family, Path: "dnat", Process: proc, State: stateOf(o), Rule: rule})
	}
	slices.SortFunc(exposed, func(a, b Exposure) int {
		return cmp.Or(cmp.Compare(a.Family, b.Family), cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Port, b.Port),
			cmp.Compare(a.Address, b.Address), cmp.Compare(a.Path, b.Path))
	})
	inbound := map[string]Inbound{}
	for _, fam := range []string{"ipv4", "ipv6"} {
		var all []outcome
		var accepted *outcome
		for _, proto := range []string{"tcp", "udp"} {
			for _, p := range e.probes(fam, proto, -1, netip.Addr{}) {
				w := walker{rs: rs, routes: e.routes}
				o := w.input(&p)
				all = append(all, o)
				if o.kind == oAccept && accepted == nil {
					accepted = &o
				}
			}
		}
		o := decide(all)
		switch {
		case accepted != nil:
			inbound[fam] = Inbound{Policy: "accept", Rule: accepted.rule}
		case o.kind == oUndetermined:
			inbound[fam] = Inbound{Policy: "undetermined", Rule: o.rule}
		default:
			inbound[fam] = Inbound{Policy: "drop", Rule: firstDrop(all)}
		}
	}
	out := make([]Published, len(published))
	for i, d := range published {
		out[i] = d.Published
	}
	return exposed, inbound, out
}

func firstDrop(os []outcome) string {
	for _, o := range os {
		if o.kind == oDrop {
			return o.rule
		}
	}
	return ""
}

func stateOf(o outcome) string {
	if o.kind == oUndetermined {
		return "undetermined"
	}
	return "exposed"
}

type dnat struct {
	Published
	daddr string
}

// maxPublishedPerRule bounds the ports tried for one DNAT rule with a range.
const maxPublishedPerRule = 64

// dnatRules lists the DNAT rules reachable from nat prerouting chains, each
// with the ports it matches.
func dnatRules(rs *ruleset) []dnat {
	var out []dnat
	visited := map[string]bool{}
	var visit func(c *chain, fams []string)
	visit = func(c *chain, fams []string) {
		if visited[c.key] {
			return
		}
		visited[c.key] = true
		for _, r := range c.rules {
			switch r.v.kind {
			case vJump, vGoto:
				if sub, ok := rs.chains[r.v.target]; ok {
					visit(sub, fams)
				}
			case vDNAT:
				out = append(out, dnatFrom(r, fams)...)
			}
		}
	}
	for _, c := range rs.base {
		if c.hook == "prerouting" && c.typ == "nat" {
			visit(c, c.families)
		}
	}
	return out
}

func dnatFrom(r *rule, fams []string) []dnat {
	protos := []string{"tcp", "udp"}
	var ports portSet
	daddr := ""
	for _, m := range r.matches {
		switch x := m.(type) {
		case mProto:
			if !x.neg {
				protos = x.protos
			}
		case mPort:
			if x.dst && !x.neg {
				ports = x.set
			}
		case mAddr:
			if x.dst && !x.neg && len(x.set) == 1 && x.set[0].lo == x.set[0].hi {
				daddr = x.set[0].lo.String()
			}
		}
	}
	var out []dnat
	for _, fam := range fams {
		if familyOf(r.v.to) != fam {
			continue
		}
		for _, proto := range protos {
			if proto != "tcp" && proto != "udp" {
				continue
			}
			n := 0
			for _, pr := range ports {
				for p := pr.lo; p <= pr.hi && n < maxPublishedPerRule; p++ {
					n++
					toPort := r.v.toPort
					if toPort == 0 {
						toPort = p
					}
					out = append(out, dnat{Published{Protocol: proto, Port: p, Family: fam, ToAddress: r.v.to.String(), ToPort: toPort, Rule: r.text}, daddr})
				}
			}
		}
	}
	return out
}
