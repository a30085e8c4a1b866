package firewall

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"sort"
	"strconv"
	"strings"
)

// maxRules bounds the rules vouch compiles from one source; a larger ruleset
// is an error rather than an unbounded allocation.
const maxRules = 500_000

// nftObject is one entry of `nft -j list ruleset` (libnftables-json(5)):
// an object with one key naming its kind.
type nftSet struct {
	family, table, name string
	typ                 any
	elems               []any
	isMap               bool
}

type nftChainObj struct {
	Family string `json:"family"`
	Table  string `json:"table"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Hook   string `json:"hook"`
	Prio   any    `json:"prio"`
	Policy string `json:"policy"`
}

type nftRuleObj struct {
	Family  string `json:"family"`
	Table   string `json:"table"`
	Chain   string `json:"chain"`
	Handle  int    `json:"handle"`
	Comment string `json:"comment"`
	Expr    []any  `json:"expr"`
}

// nftParse is what parseNFT found: the chains, the table names per family
// (to tell iptables-nft tables apart) and notes on what it skipped.
type nftParse struct {
	chains  []*chain
	tables  []string // "family name"
	nrules  int
	notes   []string
	skipped []string // tables left to iptables-save
}

// parseNFT reads the JSON printed by `nft -j list ruleset`. Unknown object
// kinds are noted and skipped; a rule expression it does not know is kept as
// an unknown part of that rule, so evaluation names it. skipTables holds
// "family name" keys of tables read from another source (iptables-nft
// tables, as iptables-save printed them) with their chain names: such a
// table is left out only if nft shows exactly those chains, so a native nft
// table that happens to be called "filter" is still read here.
func parseNFT(b []byte, skipTables map[string]map[string]bool) (*nftParse, error) {
	objs, err := decodeNFT(b)
	if err != nil {
		return nil, err
	}
	return buildNFT(objs, skipTables)
}

// decodeNFT reads nft's JSON into its objects. One pass over the bytes:
// libnftables-json objects are small trees of maps and lists, read as such
// and converted by buildNFT.
func decodeNFT(b []byte) ([]map[string]any, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("empty output")
	}
	var doc struct {
		Nftables []map[string]any `json:"nftables"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse JSON: %w", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("parse JSON: data after the top-level object")
	}
	if doc.Nftables == nil {
		return nil, fmt.Errorf("no \"nftables\" array in the JSON")
	}
	return doc.Nftables, nil
}

// nftTables lists the "family name" of every table among nft's objects.
func nftTables(objs []map[string]any) []string {
	var out []string
	for _, obj := range objs {
		if body, ok := obj["table"].(map[string]any); ok {
			out = append(out, str(body["family"])+" "+str(body["name"]))
		}
	}
	return out
}

// buildNFT turns decoded objects into chains and rules (see parseNFT).
func buildNFT(objs []map[string]any, skipTables map[string]map[string]bool) (*nftParse, error) {
	out := &nftParse{}
	sets := map[string]*nftSet{}
	chains := map[string]*chain{}
	var order []*chain
	var rules []nftRuleObj
	unknownKinds := map[string]int{}
	for i, obj := range objs {
		for kind, raw := range obj {
			body, ok := raw.(map[string]any)
			if !ok && kind != "metainfo" {
				return nil, fmt.Errorf("object %d (%s): not an object", i, kind)
			}
			switch kind {
			case "metainfo":
			case "table":
				out.tables = append(out.tables, str(body["family"])+" "+str(body["name"]))
			case "set", "map":
				elems, _ := body["elem"].([]any)
				s := &nftSet{family: str(body["family"]), table: str(body["table"]), name: str(body["name"]), typ: body["type"], elems: elems, isMap: kind == "map"}
				sets[s.family+" "+s.table+" "+s.name] = s
			case "chain":
				c := nftChainObj{Family: str(body["family"]), Table: str(body["table"]), Name: str(body["name"]), Type: str(body["type"]),
					Hook: str(body["hook"]), Prio: body["prio"], Policy: str(body["policy"])}
				if c.Name == "" || c.Table == "" {
					return nil, fmt.Errorf("object %d (chain): no name or table", i)
				}
				ch := &chain{key: "nft " + c.Family + " " + c.Table + " " + c.Name, source: "nft", family: c.Family, table: c.Table, name: c.Name,
					typ: c.Type, hook: c.Hook, families: nftFamilies(c.Family)}
				ch.prio = nftPrio(c.Prio, c.Hook, c.Family)
				switch c.Policy {
				case "drop":
					ch.policy = vDrop
				default:
					ch.policy = vAccept
				}
				chains[ch.key] = ch
				order = append(order, ch)
			case "rule":
				handle, _ := num(body["handle"])
				r := nftRuleObj{Family: str(body["family"]), Table: str(body["table"]), Chain: str(body["chain"]), Handle: handle, Comment: str(body["comment"])}
				if body["expr"] != nil {
					if r.Expr, ok = body["expr"].([]any); !ok {
						return nil, fmt.Errorf("object %d (rule handle %d): expr is not a list", i, handle)
					}
				}
				rules = append(rules, r)
				if len(rules) > maxRules {
					return nil, fmt.Errorf("more than %d rules", maxRules)
				}
			default:
				unknownKinds[kind]++
			}
		}
	}
	kinds := make([]string, 0, len(unknownKinds))
	for k, n := range unknownKinds {
		kinds = append(kinds, fmt.Sprintf("%s (%d)", k, n))
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		out.notes = append(out.notes, "nft objects not evaluated: "+strings.Join(kinds, ", "))
	}
	names := map[string]map[string]bool{}
	for _, c := range order {
		t := c.family + " " + c.table
		if names[t] == nil {
			names[t] = map[string]bool{}
		}
		names[t][c.name] = true
	}
	skipped := map[string]bool{}
	for t, want := range skipTables {
		if got, ok := names[t]; ok && maps.Equal(got, want) {
			skipped[t] = true
		}
	}
	kept := order[:0]
	for _, c := range order {
		if skipped[c.family+" "+c.table] {
			delete(chains, c.key)
			continue
		}
		kept = append(kept, c)
	}
	order = kept
	nrules := 0
	for _, r := range rules {
		if skipped[r.Family+" "+r.Table] {
			continue
		}
		nrules++
		key := "nft " + r.Family + " " + r.Table + " " + r.Chain
		ch, ok := chains[key]
		if !ok {
			return nil, fmt.Errorf("rule handle %d in unknown chain %s %s %s", r.Handle, r.Family, r.Table, r.Chain)
		}
		ch.rules = append(ch.rules, compileNFTRule(r, sets))
	}
	out.chains = order
	out.nrules = nrules
	for t := range skipped {
		out.skipped = append(out.skipped, t)
	}
	sort.Strings(out.skipped)
	return out, nil
}

func nftFamilies(f string) []string {
	switch f {
	case "ip":
		return []string{"ipv4"}
	case "ip6":
		return []string{"ipv6"}
	case "inet":
		return []string{"ipv4", "ipv6"}
	}
	return nil // arp, bridge, netdev: not on the routed input path vouch evaluates
}

// nftPrio reads a chain priority: a number, or a standard name nft prints
// in some versions ("filter", "dstnat", "raw"...).
func nftPrio(v any, hook, family string) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	case string:
		names := map[string]int{"raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100}
		base, off, _ := strings.Cut(strings.ReplaceAll(x, " ", ""), "+")
		n := names[base]
		if o, err := strconv.Atoi(off); err == nil {
			n += o
		}
		return n
	}
	return 0
}

// compileNFTRule turns one rule's expressions into matchers and a verdict.
func compileNFTRule(r nftRuleObj, sets map[string]*nftSet) *rule {
	c := &nftCompiler{family: r.Family, table: r.Table, sets: sets}
	out := &rule{}
	var text []string
	for _, e := range r.Expr {
		text = append(text, renderStmt(e))
		m, ok := e.(map[string]any)
		if out.unknownExpr != "" {
			// Past an unknown match, still read the verdict, so the rule
			// counts as deciding something.
			if ok && len(m) == 1 {
				for k, body := range m {
					if k != "match" {
						if err := c.stmt(out, k, body); err != nil {
							out.unknownStmt = true
						}
					}
				}
			}
			continue
		}
		if !ok || len(m) != 1 {
			out.unknownExpr, out.unknownStmt = compact(e), true
			continue
		}
		for k, body := range m {
			if err := c.stmt(out, k, body); err != nil {
				out.unknownExpr = compact(e)
				out.unknownStmt = k != "match"
			}
		}
	}
	s := r.Family + " " + r.Table + " " + r.Chain + ": " + strings.Join(text, " ")
	if r.Comment != "" {
		s += " comment " + strconv.Quote(r.Comment)
	}
	out.text = s
	return out
}

type nftCompiler struct {
	family, table string
	sets          map[string]*nftSet
}

var errUnknown = fmt.Errorf("not understood")

func (c *nftCompiler) stmt(out *rule, k string, body any) error {
	switch k {
	case "match":
		m, ok := body.(map[string]any)
		if !ok {
			return errUnknown
		}
		ms, err := c.match(m["left"], str(m["op"]), m["right"])
		if err != nil {
			return err
		}
		out.matches = append(out.matches, ms...)
		return nil
	case "counter", "log", "mangle", "notrack", "set", "map", "flow", "ct helper", "synproxy", "meter", "dup", "fwd", "snat", "masquerade":
		// Statements that decide nothing on the input path. A "set"
		// statement updates a dynamic set (add @seen { ip saddr }).
		if k == "fwd" || k == "dup" || k == "synproxy" || k == "meter" {
			return errUnknown
		}
		return nil
	case "limit":
		if b, ok := body.(map[string]any); ok && b["inv"] == true {
			out.matches = append(out.matches, mConst{no}) // "limit rate over": the first packet is under it
		} else {
			out.matches = append(out.matches, mConst{yes})
		}
		return nil
	case "accept":
		out.v = verdict{kind: vAccept}
	case "drop", "reject":
		out.v = verdict{kind: vDrop}
	case "return":
		out.v = verdict{kind: vReturn}
	case "continue":
		out.v = verdict{kind: vNone}
	case "jump", "goto":
		b, ok := body.(map[string]any)
		if !ok {
			return errUnknown
		}
		kind := vJump
		if k == "goto" {
			kind = vGoto
		}
		out.v = verdict{kind: kind, target: "nft " + c.family + " " + c.table + " " + str(b["target"])}
	case "dnat":
		b, ok := body.(map[string]any)
		if !ok {
			return errUnknown
		}
		v := verdict{kind: vDNAT}
		if a, err := netip.ParseAddr(str(b["addr"])); err == nil {
			v.to = a
		} else {
			return errUnknown // a map lookup or an expression: where it goes is unknown
		}
		if p, ok := num(b["port"]); ok {
			v.toPort = p
		} else if b["port"] != nil {
			return errUnknown
		}
		out.v = v
	case "vmap":
		b, ok := body.(map[string]any)
		if !ok {
			return errUnknown
		}
		elems, err := c.setElems(b["data"], true)
		if err != nil {
			return err
		}
		var entries []vmapEntry
		for _, el := range elems {
			pair, ok := el.([]any)
			if !ok || len(pair) != 2 {
				return errUnknown
			}
			ms, err := c.match(b["key"], "==", pair[0])
			if err != nil || len(ms) == 0 {
				return errUnknown
			}
			var tmp rule
			vm, ok := pair[1].(map[string]any)
			if !ok || len(vm) != 1 {
				return errUnknown
			}
			for vk, vb := range vm {
				if err := c.stmt(&tmp, vk, vb); err != nil || len(tmp.matches) > 0 {
					return errUnknown
				}
			}
			entries = append(entries, vmapEntry{key: allOf(ms), v: tmp.v})
		}
		out.v = verdict{kind: vMap, vmap: entries}
	default:
		return errUnknown
	}
	return nil
}

// allOf joins matchers: yes only if all say yes.
type allOf []matcher

func (a allOf) match(p *packet) tri {
	r := yes
	for _, m := range a {
		switch m.match(p) {
		case no:
			return no
		case unknown:
			r = unknown
		}
	}
	return r
}

// setElems resolves a right-hand side that is a set: an anonymous {"set": [...]}
// or a reference "@name" to a named set or map of the same table.
func (c *nftCompiler) setElems(v any, wantMap bool) ([]any, error) {
	switch x := v.(type) {
	case string:
		if name, ok := strings.CutPrefix(x, "@"); ok {
			s, ok := c.sets[c.family+" "+c.table+" "+name]
			if !ok || s.isMap != wantMap {
				return nil, errUnknown
			}
			return s.elems, nil
		}
	case map[string]any:
		if s, ok := x["set"].([]any); ok {
			return s, nil
		}
	}
	if wantMap {
		return nil, errUnknown
	}
	return []any{v}, nil
}

// match compiles "left op right" into matchers (the implicit protocol
// dependency first).
func (c *nftCompiler) match(left any, op string, right any) ([]matcher, error) {
	neg := false
	switch op {
	case "==", "in":
	case "!=":
		neg = true
	case "<", ">", "<=", ">=":
		n, ok := num(right)
		if !ok {
			return nil, errUnknown
		}
		var r portRange
		switch op {
		case "<":
			r = portRange{0, n - 1}
		case "<=":
			r = portRange{0, n}
		case ">":
			r = portRange{n + 1, 65535}
		case ">=":
			r = portRange{n, 65535}
		}
		right = map[string]any{"range": []any{json.Number(strconv.Itoa(r.lo)), json.Number(strconv.Itoa(r.hi))}}
	default:
		return nil, errUnknown
	}
	l, ok := left.(map[string]any)
	if !ok {
		return nil, errUnknown
	}
	if pl, ok := l["payload"].(map[string]any); ok {
		return c.payload(str(pl["protocol"]), str(pl["field"]), right, neg)
	}
	if mt, ok := l["meta"].(map[string]any); ok {
		return c.meta(str(mt["key"]), right, neg)
	}
	if ct, ok := l["ct"].(map[string]any); ok {
		vals, err := c.strings(right)
		if err != nil {
			return nil, err
		}
		switch str(ct["key"]) {
		case "state":
			return []matcher{mCtState{states: vals, neg: neg}}, nil
		case "status":
			return []matcher{mCtStatus{statuses: vals, neg: neg}}, nil
		}
		return nil, errUnknown
	}
	if fib, ok := l["fib"].(map[string]any); ok {
		flags, _ := c.strings(fib["flags"])
		has := func(f string) bool {
			for _, x := range flags {
				if x == f {
					return true
				}
			}
			return false
		}
		switch str(fib["result"]) {
		case "type":
			vals, err := c.strings(right)
			if err != nil {
				return nil, err
			}
			return []matcher{mAddrType{dst: has("daddr"), types: vals, neg: neg}}, nil
		case "oif":
			// Reverse-path filter (fib saddr . iif oif missing): a public
			// source arriving on its route's interface has a route back.
			if has("saddr") && right == false {
				return []matcher{mConst{triOf(neg)}}, nil
			}
		}
		return nil, errUnknown
	}
	if and, ok := l["&"].([]any); ok && len(and) == 2 {
		// tcp flags & (fin|syn|rst|ack) == syn: the probe is a SYN.
		if pl, ok := and[0].(map[string]any)["payload"].(map[string]any); ok && str(pl["protocol"]) == "tcp" && str(pl["field"]) == "flags" {
			mask, err1 := c.strings(and[1])
			want, err2 := c.strings(right)
			if err1 != nil || err2 != nil {
				return nil, errUnknown
			}
			got := map[string]bool{}
			for _, f := range mask {
				if f == "syn" {
					got["syn"] = true
				}
			}
			eq := len(got) == len(want)
			for _, f := range want {
				if !got[f] {
					eq = false
				}
			}
			if op == "in" {
				eq = len(want) == 0 || got[want[0]]
			}
			return []matcher{mProto{protos: []string{"tcp"}}, mConst{triOf(eq != neg)}}, nil
		}
		if ct, ok := and[0].(map[string]any)["ct"].(map[string]any); ok && str(ct["key"]) == "state" {
			// ct state & (established|related) != 0 (older printers)
			mask, err := c.strings(and[1])
			if n, isNum := num(right); err == nil && isNum && n == 0 {
				return []matcher{mCtState{states: mask, neg: !neg}}, nil
			}
		}
	}
	return nil, errUnknown
}

func (c *nftCompiler) payload(proto, field string, right any, neg bool) ([]matcher, error) {
	switch proto {
	case "ip", "ip6":
		fam := "ipv4"
		if proto == "ip6" {
			fam = "ipv6"
		}
		dep := mFamily{family: fam}
		switch field {
		case "saddr", "daddr":
			set, err := c.addrs(right)
			if err != nil {
				return nil, err
			}
			return []matcher{dep, mAddr{dst: field == "daddr", set: set, neg: neg}}, nil
		case "protocol", "nexthdr":
			vals, err := c.protos(right)
			if err != nil {
				return nil, err
			}
			return []matcher{dep, mProto{protos: vals, neg: neg}}, nil
		}
		return nil, errUnknown
	case "tcp", "udp", "th", "udplite", "sctp", "dccp":
		dep := mProto{protos: []string{proto}}
		switch field {
		case "dport", "sport":
			ps, err := c.ports(right)
			if err != nil {
				return nil, err
			}
			return []matcher{dep, mPort{dst: field == "dport", set: ps, neg: neg}}, nil
		}
		return nil, errUnknown
	case "icmp", "icmpv6":
		// Any icmp field implies the icmp protocol, never a TCP or UDP probe.
		return []matcher{mConst{no}}, nil
	}
	return nil, errUnknown
}

func (c *nftCompiler) meta(key string, right any, neg bool) ([]matcher, error) {
	switch key {
	case "l4proto", "protocol":
		if key == "protocol" {
			// meta protocol is the ethertype: ip or ip6.
			vals, err := c.strings(right)
			if err != nil || len(vals) != 1 {
				return nil, errUnknown
			}
			switch vals[0] {
			case "ip":
				return []matcher{mFamily{family: "ipv4", neg: neg}}, nil
			case "ip6":
				return []matcher{mFamily{family: "ipv6", neg: neg}}, nil
			}
			return nil, errUnknown
		}
		vals, err := c.protos(right)
		if err != nil {
			return nil, err
		}
		return []matcher{mProto{protos: vals, neg: neg}}, nil
	case "nfproto":
		vals, err := c.strings(right)
		if err != nil || len(vals) != 1 {
			return nil, errUnknown
		}
		switch vals[0] {
		case "ipv4", "ipv6":
			return []matcher{mFamily{family: vals[0], neg: neg}}, nil
		}
		return nil, errUnknown
	case "iifname", "oifname", "iif", "oif":
		vals, err := c.strings(right)
		if err != nil {
			return nil, err
		}
		return []matcher{mIface{out: key[0] == 'o', pats: vals, neg: neg}}, nil
	case "iiftype":
		vals, err := c.strings(right)
		if err != nil {
			return nil, err
		}
		hit := false
		for _, v := range vals {
			if v == "loopback" {
				continue
			}
			hit = hit || v == "ether"
		}
		return []matcher{mConst{triOf(hit != neg)}}, nil
	case "pkttype":
		vals, err := c.strings(right)
		if err != nil {
			return nil, err
		}
		hit := false
		for _, v := range vals {
			hit = hit || v == "host" || v == "unicast"
		}
		return []matcher{mConst{triOf(hit != neg)}}, nil
	}
	return nil, errUnknown
}

// elems flattens a right-hand side into its values.
func (c *nftCompiler) elems(v any) ([]any, error) {
	es, err := c.setElems(v, false)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(es))
	for _, e := range es {
		if m, ok := e.(map[string]any); ok {
			if el, ok := m["elem"].(map[string]any); ok {
				e = el["val"]
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func (c *nftCompiler) strings(v any) ([]string, error) {
	if l, ok := v.([]any); ok { // flag lists: ["established", "related"]
		v = map[string]any{"set": l}
	}
	es, err := c.elems(v)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(es))
	for _, e := range es {
		s, ok := e.(string)
		if !ok {
			if n, ok := num(e); ok {
				s = strconv.Itoa(n)
			} else {
				return nil, errUnknown
			}
		}
		out = append(out, s)
	}
	return out, nil
}

var protoNumbers = map[string]string{"6": "tcp", "17": "udp", "1": "icmp", "58": "ipv6-icmp", "136": "udplite", "132": "sctp", "33": "dccp"}

func (c *nftCompiler) protos(v any) ([]string, error) {
	vals, err := c.strings(v)
	if err != nil {
		return nil, err
	}
	for i, x := range vals {
		if n, ok := protoNumbers[x]; ok {
			vals[i] = n
		}
	}
	return vals, nil
}

func (c *nftCompiler) ports(v any) (portSet, error) {
	es, err := c.elems(v)
	if err != nil {
		return nil, err
	}
	var out portSet
	for _, e := range es {
		if m, ok := e.(map[string]any); ok {
			r, ok := m["range"].([]any)
			if !ok || len(r) != 2 {
				return nil, errUnknown
			}
			lo, ok1 := portValue(r[0])
			hi, ok2 := portValue(r[1])
			if !ok1 || !ok2 {
				return nil, errUnknown
			}
			out = append(out, portRange{lo, hi})
			continue
		}
		p, ok := portValue(e)
		if !ok {
			return nil, errUnknown
		}
		out = append(out, portRange{p, p})
	}
	return out, nil
}

// services are the port names nft may print instead of numbers (with -S).
var services = map[string]int{"ssh": 22, "http": 80, "https": 443, "domain": 53, "smtp": 25, "ftp": 21, "telnet": 23, "ntp": 123, "postgresql": 5432, "mysql": 3306, "bootpc": 68, "bootps": 67, "imap": 143, "imaps": 993, "pop3": 110, "pop3s": 995, "submission": 587, "smtps": 465}

func portValue(v any) (int, bool) {
	if n, ok := num(v); ok {
		return n, n >= 0 && n <= 65535
	}
	if s, ok := v.(string); ok {
		n, ok := services[s]
		return n, ok
	}
	return 0, false
}

func (c *nftCompiler) addrs(v any) (addrSet, error) {
	es, err := c.elems(v)
	if err != nil {
		return nil, err
	}
	var out addrSet
	for _, e := range es {
		switch x := e.(type) {
		case string:
			a, err := netip.ParseAddr(x)
			if err != nil {
				return nil, errUnknown
			}
			out = append(out, addrRange{a, a})
		case map[string]any:
			if p, ok := x["prefix"].(map[string]any); ok {
				a, err := netip.ParseAddr(str(p["addr"]))
				n, ok := num(p["len"])
				if err != nil || !ok {
					return nil, errUnknown
				}
				pf, err := a.Prefix(n)
				if err != nil {
					return nil, errUnknown
				}
				out = append(out, prefixRange(pf))
			} else if r, ok := x["range"].([]any); ok && len(r) == 2 {
				lo, err1 := netip.ParseAddr(str(r[0]))
				hi, err2 := netip.ParseAddr(str(r[1]))
				if err1 != nil || err2 != nil {
					return nil, errUnknown
				}
				out = append(out, addrRange{lo, hi})
			} else {
				return nil, errUnknown
			}
		default:
			return nil, errUnknown
		}
	}
	return out, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(string(x))
		return n, err == nil
	case float64:
		return int(x), x == float64(int(x))
	}
	return 0, false
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
