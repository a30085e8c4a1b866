package firewall

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// iptParse is one iptables-save output compiled.
type iptParse struct {
	chains  []*chain
	tables  []string
	names   map[string]map[string]bool // table -> chain names
	backend string                     // nf_tables or legacy, from the header comment
	nrules  int
}

// iptBase maps a built-in chain to its hook, type and priority
// (the NF_IP_PRI_* values).
var iptBase = map[string]struct {
	hook, typ string
	prio      int
}{
	"raw PREROUTING":    {"prerouting", "filter", -300},
	"mangle PREROUTING": {"prerouting", "filter", -150},
	"nat PREROUTING":    {"prerouting", "nat", -100},
	"mangle INPUT":      {"input", "filter", -150},
	"filter INPUT":      {"input", "filter", 0},
	"security INPUT":    {"input", "filter", 50},
	"mangle FORWARD":    {"forward", "filter", -150},
	"filter FORWARD":    {"forward", "filter", 0},
	"security FORWARD":  {"forward", "filter", 50},
}

// parseIptablesSave reads iptables-save or ip6tables-save output (family
// "ipv4" or "ipv6"); source names the command for chain keys and rule text.
// A line it cannot read is an error naming the line; an option it does not
// know makes that rule undetermined.
func parseIptablesSave(b []byte, source, family string) (*iptParse, error) {
	out := &iptParse{names: map[string]map[string]bool{}}
	var table string
	chains := map[string]*chain{}
	var pending [][2]string // rule lines per table, compiled once all chains are known
	flush := func() error {
		for _, l := range pending {
			if err := compileIptRule(l[0], l[1], source, family, chains, out); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	for n, line := range strings.Split(string(b), "\n") {
		lineNo := n + 1
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			if strings.Contains(line, "(nf_tables)") {
				out.backend = "nf_tables"
			} else if strings.Contains(line, "(legacy)") {
				out.backend = "legacy"
			}
		case strings.HasPrefix(line, "*"):
			if table != "" {
				return nil, fmt.Errorf("line %d: table %s starts before COMMIT of %s", lineNo, line[1:], table)
			}
			table = line[1:]
			if table == "" {
				return nil, fmt.Errorf("line %d: empty table name", lineNo)
			}
			out.tables = append(out.tables, table)
		case line == "COMMIT":
			if table == "" {
				return nil, fmt.Errorf("line %d: COMMIT outside a table", lineNo)
			}
			if err := flush(); err != nil {
				return nil, err
			}
			table = ""
		case strings.HasPrefix(line, ":"):
			if table == "" {
				return nil, fmt.Errorf("line %d: chain outside a table", lineNo)
			}
			fs := strings.Fields(line[1:])
			if len(fs) < 2 {
				return nil, fmt.Errorf("line %d: chain line %q: want \":NAME POLICY\"", lineNo, line)
			}
			c := &chain{key: source + " " + table + " " + fs[0], source: source, family: family, table: table, name: fs[0], families: []string{family}, policy: vAccept}
			if fs[1] == "DROP" {
				c.policy = vDrop
			}
			if hk, ok := iptBase[table+" "+fs[0]]; ok && fs[1] != "-" {
				c.hook, c.typ, c.prio = hk.hook, hk.typ, hk.prio
			}
			chains[c.key] = c
			out.chains = append(out.chains, c)
			if out.names[table] == nil {
				out.names[table] = map[string]bool{}
			}
			out.names[table][fs[0]] = true
		case strings.HasPrefix(line, "-A ") || strings.HasPrefix(line, "[") && strings.Contains(line, "] -A "):
			if table == "" {
				return nil, fmt.Errorf("line %d: rule outside a table", lineNo)
			}
			if line[0] == '[' { // iptables-save -c: "[packets:bytes] -A ..."
				line = line[strings.Index(line, "] ")+2:]
			}
			pending = append(pending, [2]string{table, line})
			out.nrules++
			if out.nrules > maxRules {
				return nil, fmt.Errorf("more than %d rules", maxRules)
			}
		default:
			return nil, fmt.Errorf("line %d: unexpected %q", lineNo, truncate(line, 80))
		}
	}
	if table != "" {
		return nil, fmt.Errorf("table %s has no COMMIT (truncated output?)", table)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// splitArgs splits a rule line as iptables-save quotes it: double quotes
// around arguments with spaces, backslash escapes inside them.
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quoted && ch == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case ch == '"':
			quoted = !quoted
			in = true
		case !quoted && (ch == ' ' || ch == '\t'):
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(ch)
			in = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote")
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}

// iptModules are the match extensions vouch evaluates.
var iptModules = map[string]bool{"tcp": true, "udp": true, "multiport": true, "conntrack": true, "state": true,
	"addrtype": true, "comment": true, "limit": true, "icmp": true, "icmp6": true, "ipv6icmp": true}

// iptNoopTargets decide nothing about where the packet goes.
var iptNoopTargets = map[string]bool{"LOG": true, "NFLOG": true, "ULOG": true, "MARK": true, "CONNMARK": true, "CT": true,
	"NOTRACK": true, "TRACE": true, "TCPMSS": true, "CHECKSUM": true, "SNAT": true, "MASQUERADE": true, "AUDIT": true}

func compileIptRule(table, line, source, family string, chains map[string]*chain, out *iptParse) error {
	args, err := splitArgs(line)
	if err != nil {
		return fmt.Errorf("rule %q: %w", truncate(line, 80), err)
	}
	if len(args) < 2 || args[0] != "-A" {
		return fmt.Errorf("rule %q: want -A CHAIN", truncate(line, 80))
	}
	c, ok := chains[source+" "+table+" "+args[1]]
	if !ok {
		return fmt.Errorf("rule %q: chain %s not declared in table %s", truncate(line, 80), args[1], table)
	}
	cmd := strings.TrimSuffix(source, "-legacy")
	r := &rule{text: cmd + " -t " + table + " " + line}
	module := ""
	unknown := func(s string, stmt bool) {
		if r.unknownExpr == "" {
			r.unknownExpr, r.unknownStmt = s, stmt
		}
	}
	need := func(i, n int) bool { return i+n < len(args) }
	neg := false
	for i := 2; i < len(args); i++ {
		a := args[i]
		if a == "!" {
			neg = true
			continue
		}
		val := ""
		if need(i, 1) {
			val = args[i+1]
		}
		takes := true // the option takes one value
		switch a {
		case "-p", "--protocol":
			p := strings.ToLower(val)
			if n, ok := protoNumbers[p]; ok {
				p = n
			}
			r.matches = append(r.matches, mProto{protos: []string{p}, neg: neg})
		case "-s", "--source", "-d", "--destination":
			set, err := iptAddrs(val)
			if err != nil {
				return fmt.Errorf("rule %q: %s %q: %w", truncate(line, 80), a, val, err)
			}
			r.matches = append(r.matches, mAddr{dst: a == "-d" || a == "--destination", set: set, neg: neg})
		case "-i", "--in-interface", "-o", "--out-interface":
			r.matches = append(r.matches, mIface{out: a[1] == 'o' || a == "--out-interface", pats: []string{val}, neg: neg})
		case "-m", "--match":
			module = val
			if !iptModules[module] {
				unknown("-m "+module, false)
			}
		case "-j", "--jump", "-g", "--goto":
			switch {
			case val == "ACCEPT":
				r.v = verdict{kind: vAccept}
			case val == "DROP" || val == "REJECT":
				r.v = verdict{kind: vDrop}
			case val == "RETURN":
				r.v = verdict{kind: vReturn}
			case val == "DNAT":
				r.v = verdict{kind: vDNAT}
			case iptNoopTargets[val]:
			case chains[source+" "+table+" "+val] != nil:
				kind := vJump
				if a == "-g" || a == "--goto" {
					kind = vGoto
				}
				r.v = verdict{kind: kind, target: source + " " + table + " " + val}
			default:
				r.v = verdict{kind: vUnknown}
				unknown("-j "+val, true)
			}
			module = "target:" + val
		case "--to-destination":
			if r.v.kind == vDNAT {
				to, port, err := iptDNATTo(val)
				if err != nil {
					return fmt.Errorf("rule %q: --to-destination %q: %w", truncate(line, 80), val, err)
				}
				r.v.to, r.v.toPort = to, port
			}
		case "--dport", "--destination-port", "--sport", "--source-port", "--dports", "--destination-ports", "--sports", "--source-ports", "--ports":
			if module == "" || strings.HasPrefix(module, "target:") {
				return fmt.Errorf("rule %q: %s outside a match", truncate(line, 80), a)
			}
			ps, err := iptPorts(val)
			if err != nil {
				return fmt.Errorf("rule %q: %s %q: %w", truncate(line, 80), a, val, err)
			}
			if a == "--ports" { // source or destination
				r.matches = append(r.matches, portEither{set: ps, neg: neg})
			} else {
				r.matches = append(r.matches, mPort{dst: strings.Contains(a, "d"), set: ps, neg: neg})
			}
		case "--ctstate", "--state":
			r.matches = append(r.matches, mCtState{states: strings.Split(val, ","), neg: neg})
		case "--ctstatus":
			r.matches = append(r.matches, mCtStatus{statuses: strings.Split(val, ","), neg: neg})
		case "--dst-type", "--src-type":
			r.matches = append(r.matches, mAddrType{dst: a == "--dst-type", types: strings.Split(val, ","), neg: neg})
		case "--limit-iface-in", "--limit-iface-out":
			takes = false
			if module == "addrtype" && a == "--limit-iface-in" {
				// the destination address must be on the input interface:
				// with the weak host model it usually is; vouch cannot tell.
				unknown("-m addrtype --limit-iface-in", false)
			}
		case "--syn":
			takes = false
			r.matches = append(r.matches, mConst{triOf(!neg)})
		case "--tcp-flags":
			if !need(i, 2) {
				return fmt.Errorf("rule %q: --tcp-flags needs MASK COMP", truncate(line, 80))
			}
			mask, comp := strings.Split(args[i+1], ","), strings.Split(args[i+2], ",")
			i++
			hasSyn := false
			for _, f := range mask {
				hasSyn = hasSyn || f == "SYN" || f == "ALL"
			}
			eq := len(comp) == 1 && comp[0] == "SYN" && hasSyn || !hasSyn && (len(comp) == 0 || comp[0] == "NONE")
			r.matches = append(r.matches, mConst{triOf(eq != neg)})
		case "--limit", "--limit-burst", "--comment", "--log-prefix", "--log-level", "--reject-with", "--icmp-type", "--icmpv6-type",
			"--set-mark", "--set-xmark", "--to-source", "--to-ports", "--nflog-group", "--nflog-prefix", "--log-uid",
			"--clamp-mss-to-pmtu", "--set-mss", "--mode", "--save-mark", "--restore-mark", "--nfmask", "--ctmask", "--notrack",
			"--helper", "--zone", "--random", "--persistent", "--fully-random":
			switch a {
			case "--limit":
				r.matches = append(r.matches, mConst{yes})
			case "--clamp-mss-to-pmtu", "--random", "--persistent", "--fully-random", "--notrack", "--log-uid", "--save-mark", "--restore-mark":
				takes = false
			}
		default:
			if strings.HasPrefix(a, "-") {
				// An option of a match or target vouch does not evaluate.
				unknown(a, strings.HasPrefix(module, "target:"))
				takes = need(i, 1) && !strings.HasPrefix(args[i+1], "-") && args[i+1] != "!"
				break
			}
			return fmt.Errorf("rule %q: unexpected argument %q", truncate(line, 80), a)
		}
		if takes {
			if !need(i, 1) {
				return fmt.Errorf("rule %q: %s needs a value", truncate(line, 80), a)
			}
			i++
		}
		neg = false
	}
	if r.v.kind == vDNAT && !r.v.to.IsValid() {
		r.v = verdict{kind: vUnknown}
		unknown("-j DNAT without --to-destination", true)
	}
	if family == "ipv6" {
		for i, m := range r.matches {
			if p, ok := m.(mProto); ok {
				for j, x := range p.protos {
					if x == "icmpv6" || x == "ipv6-icmp" {
						p.protos[j] = "ipv6-icmp"
					}
				}
				r.matches[i] = p
			}
		}
	}
	c.rules = append(c.rules, r)
	return nil
}

// portEither matches multiport --ports: source or destination.
type portEither struct {
	set portSet
	neg bool
}

func (m portEither) match(p *packet) tri {
	d := mPort{dst: true, set: m.set}.match(p)
	s := mPort{set: m.set}.match(p)
	hit := d == yes || s == yes
	return triOf(hit != m.neg)
}

func iptAddrs(v string) (addrSet, error) {
	var out addrSet
	for _, part := range strings.Split(v, ",") {
		if strings.Contains(part, "/") {
			addr, mask, _ := strings.Cut(part, "/")
			a, err := netip.ParseAddr(addr)
			if err != nil {
				return nil, err
			}
			bits, err := strconv.Atoi(mask)
			if err != nil {
				m, err2 := netip.ParseAddr(mask) // a dotted netmask
				if err2 != nil {
					return nil, fmt.Errorf("mask %q", mask)
				}
				bits = 0
				for _, b := range m.AsSlice() {
					for ; b&0x80 != 0; b <<= 1 {
						bits++
					}
				}
			}
			p, err := a.Prefix(bits)
			if err != nil {
				return nil, err
			}
			out = append(out, prefixRange(p))
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, err
		}
		out = append(out, addrRange{a, a})
	}
	return out, nil
}

func iptPorts(v string) (portSet, error) {
	var out portSet
	for _, part := range strings.Split(v, ",") {
		lo, hi, isRange := strings.Cut(part, ":")
		a, ok := portName(lo)
		if !ok {
			return nil, fmt.Errorf("port %q", lo)
		}
		b := a
		if isRange {
			if hi == "" {
				b = 65535
			} else if b, ok = portName(hi); !ok {
				return nil, fmt.Errorf("port %q", hi)
			}
			if lo == "" {
				a = 0
			}
		}
		out = append(out, portRange{a, b})
	}
	return out, nil
}

func portName(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n <= 65535
	}
	n, ok := services[s]
	return n, ok
}

// iptDNATTo reads --to-destination ADDR[-ADDR][:PORT[-PORT]], IPv6 in
// brackets; a range keeps its first address and port.
func iptDNATTo(v string) (netip.Addr, int, error) {
	host, port := v, ""
	if strings.HasPrefix(v, "[") {
		end := strings.Index(v, "]")
		if end < 0 {
			return netip.Addr{}, 0, fmt.Errorf("no closing ]")
		}
		host, port = v[1:end], strings.TrimPrefix(v[end+1:], ":")
	} else if strings.Count(v, ":") == 1 {
		host, port, _ = strings.Cut(v, ":")
	}
	host, _, _ = strings.Cut(host, "-")
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, 0, err
	}
	p := 0
	if port != "" {
		first, _, _ := strings.Cut(port, "-")
		n, ok := portName(first)
		if !ok {
			return netip.Addr{}, 0, fmt.Errorf("port %q", first)
		}
		p = n
	}
	return a, p, nil
}
