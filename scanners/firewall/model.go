package firewall

import (
	"net/netip"
	"strings"
)

// tri is a three-valued match answer: a rule whose match vouch cannot decide
// is neither taken nor skipped silently.
type tri uint8

const (
	no tri = iota
	yes
	unknown
)

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

// iface is an interface as a packet sees it. An abstract interface stands for
// any non-loopback interface that no rule names.
type iface struct {
	name     string
	abstract bool
	none     bool // no interface at this hook (oif on the input path)
}

// packet is the probe the evaluator walks through the chains: new, from a
// public source that no rule names, with an ephemeral source port. A port of
// -1 or an invalid daddr is abstract: one that no rule names.
type packet struct {
	family string // ipv4, ipv6
	proto  string // tcp, udp
	dport  int
	daddr  netip.Addr
	iif    iface
	oif    iface
	dnated bool // ct status dnat: the packet was destination-NATed in prerouting
}

// addrRange is an inclusive address interval; a prefix becomes one.
type addrRange struct{ lo, hi netip.Addr }

type addrSet []addrRange

func (s addrSet) contains(a netip.Addr) bool {
	for _, r := range s {
		if r.lo.BitLen() == a.BitLen() && r.lo.Compare(a) <= 0 && a.Compare(r.hi) <= 0 {
			return true
		}
	}
	return false
}

// covers reports whether the set holds every address of the family, the only
// way it can name an arbitrary (abstract) address.
func (s addrSet) covers(bits int) bool {
	for _, r := range s {
		if r.lo.BitLen() == bits && r.lo.IsUnspecified() && isAllOnes(r.hi) {
			return true
		}
	}
	return false
}

func isAllOnes(a netip.Addr) bool {
	for _, b := range a.AsSlice() {
		if b != 0xff {
			return false
		}
	}
	return true
}

func prefixRange(p netip.Prefix) addrRange {
	p = p.Masked()
	lo := p.Addr()
	b := lo.AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	hi, _ := netip.AddrFromSlice(b)
	return addrRange{lo, hi}
}

type portRange struct{ lo, hi int }

type portSet []portRange

func (s portSet) contains(p int) bool {
	for _, r := range s {
		if r.lo <= p && p <= r.hi {
			return true
		}
	}
	return false
}

func (s portSet) covers() bool {
	for _, r := range s {
		if r.lo <= 1 && r.hi >= 65535 {
			return true
		}
	}
	return false
}

// matchIface matches an interface name against patterns; "eth*" (nft) and
// "eth+" (iptables) match by prefix.
func matchIface(pats []string, i iface) tri {
	if i.none {
		return no
	}
	for _, p := range pats {
		wild := strings.HasSuffix(p, "*") || strings.HasSuffix(p, "+")
		if i.abstract {
			if wild && len(p) == 1 {
				return yes
			}
			continue
		}
		if wild && strings.HasPrefix(i.name, p[:len(p)-1]) || p == i.name {
			return yes
		}
	}
	return no
}

// matcher is one condition of a rule.
type matcher interface {
	match(p *packet) tri
}

// mProto needs the packet's layer-4 protocol to be one of protos. Payload
// matches on tcp/udp/th fields carry it as their implicit dependency, as nft does.
type mProto struct {
	protos []string
	neg    bool
}

func (m mProto) match(p *packet) tri {
	hit := false
	for _, x := range m.protos {
		if x == p.proto || x == "th" || x == "all" {
			hit = true
		}
	}
	return triOf(hit != m.neg)
}

// mFamily needs the packet's family (ip/ip6 payload dependency, meta nfproto).
type mFamily struct {
	family string
	neg    bool
}

func (m mFamily) match(p *packet) tri { return triOf((m.family == p.family) != m.neg) }

// mAddr matches the source or destination address. The source is always an
// arbitrary public address, so only a set holding every address names it.
type mAddr struct {
	dst bool
	set addrSet
	neg bool
}

func (m mAddr) match(p *packet) tri {
	bits := 32
	if p.family == "ipv6" {
		bits = 128
	}
	var hit bool
	if m.dst && p.daddr.IsValid() {
		hit = m.set.contains(p.daddr)
	} else {
		hit = m.set.covers(bits)
	}
	return triOf(hit != m.neg)
}

// mPort matches the destination or source port; the source port is an
// arbitrary ephemeral port.
type mPort struct {
	dst bool
	set portSet
	neg bool
}

func (m mPort) match(p *packet) tri {
	var hit bool
	if m.dst && p.dport >= 0 {
		hit = m.set.contains(p.dport)
	} else {
		hit = m.set.covers()
	}
	return triOf(hit != m.neg)
}

// mIface matches the input or output interface name.
type mIface struct {
	out  bool
	pats []string
	neg  bool
}

func (m mIface) match(p *packet) tri {
	i := p.iif
	if m.out {
		i = p.oif
	}
	r := matchIface(m.pats, i)
	if m.neg {
		r = r.not()
	}
	return r
}

// mCtState matches conntrack state; the probe is always "new".
type mCtState struct {
	states []string
	neg    bool
}

func (m mCtState) match(p *packet) tri {
	hit := false
	for _, s := range m.states {
		if strings.EqualFold(s, "new") {
			hit = true
		}
	}
	return triOf(hit != m.neg)
}

// mCtStatus matches conntrack status; only dnat is tracked.
type mCtStatus struct {
	statuses []string
	neg      bool
}

func (m mCtStatus) match(p *packet) tri {
	hit := false
	for _, s := range m.statuses {
		if strings.EqualFold(s, "dnat") && p.dnated {
			hit = true
		}
	}
	return triOf(hit != m.neg)
}

// mAddrType matches the destination's address type (fib daddr type,
// -m addrtype --dst-type). The probe is addressed to a local unicast address.
type mAddrType struct {
	dst   bool
	types []string
	neg   bool
}

func (m mAddrType) match(p *packet) tri {
	hit := false
	for _, t := range m.types {
		switch strings.ToLower(t) {
		case "unicast":
			hit = true
		case "local":
			hit = hit || m.dst && !p.dnated
		}
	}
	return triOf(hit != m.neg)
}

// mConst is a match with a fixed answer for the probe: a rate limit lets the
// first packet through, a SYN check holds for a connection attempt.
type mConst struct{ v tri }

func (m mConst) match(*packet) tri { return m.v }

// verdict kinds.
type vkind uint8

const (
	vNone vkind = iota // no verdict: go on with the next rule
	vAccept
	vDrop // drop or reject
	vReturn
	vJump
	vGoto
	vDNAT
	vMap     // verdict map
	vUnknown // a statement vouch does not understand
)

// vmapEntry is one key of a verdict map.
type vmapEntry struct {
	key matcher
	v   verdict
}

type verdict struct {
	kind   vkind
	target string     // jump/goto chain key
	to     netip.Addr // dnat address (invalid: unchanged)
	toPort int        // dnat port (0: unchanged)
	vmap   []vmapEntry
}

// rule is one compiled rule. unknownExpr names the first expression vouch
// could not read; such a rule decides nothing when a known match already fails.
type rule struct {
	text        string
	matches     []matcher
	unknownExpr string
	unknownStmt bool // the unknown part is a statement, so it may be a verdict
	v           verdict
	// dports is the rule's destination-port set when it has one (not
	// negated): a concrete probe port outside it skips the rule at once,
	// which is most rules of a large ruleset.
	dports portSet
}

// index fills the fast-path fields of a compiled rule.
func (r *rule) index() {
	for _, m := range r.matches {
		if x, ok := m.(mPort); ok && x.dst && !x.neg {
			r.dports = x.set
			return
		}
	}
}

// chain is a compiled chain; base chains have a hook and a policy.
type chain struct {
	key      string // source family table name
	source   string
	family   string // nft family, or ipv4/ipv6
	table    string
	name     string
	typ      string // filter, nat, route
	hook     string
	prio     int
	policy   vkind // vAccept or vDrop for base chains
	rules    []*rule
	families []string // packet families the chain sees: ipv4, ipv6
}

// ruleset is every chain vouch read, from every source.
type ruleset struct {
	chains map[string]*chain
	base   []*chain
	nrules int
}

func newRuleset() *ruleset { return &ruleset{chains: map[string]*chain{}} }

func (c *chain) sees(family string) bool {
	for _, f := range c.families {
		if f == family {
			return true
		}
	}
	return false
}
