package firewall

import (
	"fmt"
	"net/netip"
	"sort"
)

// maxSteps bounds the rules one probe may visit, so a hostile or huge
// ruleset (or a jump loop the kernel would have refused) cannot hang a scan.
const maxSteps = 1_000_000

// maxDepth bounds nested jumps; the kernel allows 16 levels.
const maxDepth = 64

type okind uint8

const (
	oEnd okind = iota // fell off the chain (or returned)
	oAccept
	oDrop
	oUndetermined
	oDNAT
)

// outcome is how a walk through chains ended and the rule that decided.
type outcome struct {
	kind   okind
	rule   string
	to     netip.Addr
	toPort int
}

type walker struct {
	rs     *ruleset
	routes []route
	steps  int
}

// route is a connected subnet and the interface it is on: where a
// destination-NATed packet leaves.
type route struct {
	p    netip.Prefix
	name string
}

func (w *walker) run(c *chain, p *packet, depth int) outcome {
	if depth > maxDepth {
		return outcome{kind: oUndetermined, rule: fmt.Sprintf("jumps nested deeper than %d at chain %s", maxDepth, c.key)}
	}
	for _, r := range c.rules {
		w.steps++
		if w.steps > maxSteps {
			return outcome{kind: oUndetermined, rule: fmt.Sprintf("evaluation stopped after %d rules (at %s)", maxSteps, r.text)}
		}
		if r.dports != nil && p.dport >= 0 && !r.dports.contains(p.dport) {
			continue
		}
		m := yes
		for _, x := range r.matches {
			switch x.match(p) {
			case no:
				m = no
			case unknown:
				m = unknown
			}
			if m == no {
				break
			}
		}
		if m == no {
			continue
		}
		if r.unknownExpr != "" {
			if r.v.kind == vNone && !r.unknownStmt {
				continue // an unknown match on a rule that decides nothing
			}
			return outcome{kind: oUndetermined, rule: r.text}
		}
		if m == unknown {
			if r.v.kind == vNone {
				continue
			}
			return outcome{kind: oUndetermined, rule: r.text}
		}
		o, done := w.apply(c, r, r.v, p, depth)
		if done {
			return o
		}
	}
	return outcome{kind: oEnd}
}

// apply carries out a verdict; done means the chain ends with o.
func (w *walker) apply(c *chain, r *rule, v verdict, p *packet, depth int) (outcome, bool) {
	switch v.kind {
	case vNone:
		return outcome{}, false
	case vAccept:
		return outcome{kind: oAccept, rule: r.text}, true
	case vDrop:
		return outcome{kind: oDrop, rule: r.text}, true
	case vReturn:
		return outcome{kind: oEnd}, true
	case vDNAT:
		return outcome{kind: oDNAT, rule: r.text, to: v.to, toPort: v.toPort}, true
	case vJump, vGoto:
		sub, ok := w.rs.chains[v.target]
		if !ok {
			return outcome{kind: oUndetermined, rule: r.text + " (no such chain)"}, true
		}
		o := w.run(sub, p, depth+1)
		if v.kind == vGoto || o.kind != oEnd {
			return o, true
		}
		return outcome{}, false
	case vMap:
		for _, e := range v.vmap {
			switch e.key.match(p) {
			case yes:
				return w.apply(c, r, e.v, p, depth)
			case unknown:
				return outcome{kind: oUndetermined, rule: r.text}, true
			}
		}
		return outcome{}, false
	}
	return outcome{kind: oUndetermined, rule: r.text}, true
}

// base runs a base chain and applies its policy when the packet falls off.
func (w *walker) base(c *chain, p *packet) outcome {
	o := w.run(c, p, 0)
	if o.kind == oEnd {
		if c.policy == vDrop {
			return outcome{kind: oDrop, rule: "policy drop of chain " + c.key}
		}
		return outcome{kind: oAccept, rule: "policy accept of chain " + c.key}
	}
	return o
}

// stage is one hook's verdict over every base chain attached to it: the
// packet goes on only if every chain accepts it.
func (w *walker) stage(hook, typ string, p *packet) outcome {
	var undecided *outcome
	accepted := outcome{kind: oAccept, rule: "no " + p.family + " " + hook + " chain filters it"}
	first := true
	for _, c := range w.rs.base {
		if c.hook != hook || c.typ != typ || !c.sees(p.family) {
			continue
		}
		o := w.base(c, p)
		switch o.kind {
		case oDrop:
			return o
		case oUndetermined:
			if undecided == nil {
				undecided = &o
			}
		case oAccept:
			// The deciding rule of the last chain that accepted explains why
			// the packet got through; an explicit rule beats a policy.
			if first || o.rule != "" && !isPolicy(o.rule) {
				accepted = o
				first = false
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return accepted
}

func isPolicy(s string) bool { return len(s) > 7 && s[:7] == "policy " }

// natPrerouting runs the nat prerouting chains in priority order; the first
// DNAT taken wins.
func (w *walker) natPrerouting(p *packet) outcome {
	for _, c := range w.rs.base {
		if c.hook != "prerouting" || c.typ != "nat" || !c.sees(p.family) {
			continue
		}
		o := w.run(c, p, 0)
		switch o.kind {
		case oDNAT, oUndetermined, oDrop:
			return o
		}
	}
	return outcome{kind: oEnd}
}

// input decides whether p reaches a local socket: prerouting filter, nat
// prerouting (a DNAT sends it elsewhere), then input.
func (w *walker) input(p *packet) outcome {
	var undecided *outcome
	pre := w.stage("prerouting", "filter", p)
	switch pre.kind {
	case oDrop:
		return pre
	case oUndetermined:
		undecided = &pre
	}
	switch n := w.natPrerouting(p); n.kind {
	case oDNAT:
		if undecided == nil {
			return outcome{kind: oDrop, rule: "destination NAT to another address: " + n.rule}
		}
	case oDrop:
		return n
	case oUndetermined:
		if undecided == nil {
			undecided = &n
		}
	}
	in := w.stage("input", "filter", p)
	switch {
	case in.kind == oDrop:
		return in
	case undecided != nil:
		return *undecided
	}
	return in
}

// forward decides whether p, destination-NATed by rule, crosses the forward
// hook to its new address.
func (w *walker) forward(p *packet) outcome {
	var undecided *outcome
	pre := w.stage("prerouting", "filter", p)
	switch pre.kind {
	case oDrop:
		return pre
	case oUndetermined:
		undecided = &pre
	}
	n := w.natPrerouting(p)
	switch n.kind {
	case oDrop:
		return n
	case oUndetermined:
		return n
	case oEnd:
		return outcome{kind: oDrop, rule: "no destination NAT"}
	}
	q := *p
	q.daddr, q.dnated = n.to, true
	if n.toPort != 0 {
		q.dport = n.toPort
	}
	q.oif = w.oifFor(n.to)
	fw := w.stage("forward", "filter", &q)
	switch {
	case fw.kind == oDrop:
		return fw
	case undecided != nil:
		return *undecided
	case fw.kind == oUndetermined:
		return fw
	}
	return outcome{kind: oAccept, rule: n.rule, to: n.to, toPort: q.dport}
}

// oifFor is the interface whose subnet holds a, or an abstract one.
func (w *walker) oifFor(a netip.Addr) iface {
	for _, r := range w.routes {
		if r.p.Contains(a) {
			return iface{name: r.name}
		}
	}
	return iface{abstract: true}
}

// sortBase orders base chains by hook priority, as the kernel runs them.
func (rs *ruleset) sortBase() {
	sort.SliceStable(rs.base, func(i, j int) bool { return rs.base[i].prio < rs.base[j].prio })
}
