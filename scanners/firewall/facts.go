package firewall

// Facts is the "firewall" section of a facts document. A field stays nil when
// its fact could not be collected; the reason is then recorded under
// "firewall.<json name>" in the document's errors.
type Facts struct {
	// Exposed lists every non-loopback listening socket and every DNAT'ed
	// port that a packet from an arbitrary public source reaches (state
	// "exposed") or might reach behind a rule vouch does not understand
	// (state "undetermined"). Ports the filter closes are not listed.
	Exposed []Exposure `json:"exposed,omitzero"`
	// Inbound is, per family ("ipv4", "ipv6"), what happens to a new TCP or
	// UDP packet from a public source to a port no rule names.
	Inbound map[string]Inbound `json:"inbound,omitzero"`
	// Interfaces are the target's network interfaces and addresses (ip -j addr).
	Interfaces []Interface `json:"interfaces,omitzero"`
	// Sources says which rule sets were read and how many rules each held.
	Sources []Source `json:"sources,omitzero"`
	// Chains are the base chains evaluated, with their hook and policy.
	Chains []Chain `json:"chains,omitzero"`
	// Published are the destination-NAT rules found in prerouting, each with
	// the port it publishes and where it sends the packets.
	Published []Published `json:"published,omitzero"`
}

// Exposure is one port reachable, or possibly reachable, from the Internet.
// Its field names are part of vouch's public facts contract.
type Exposure struct {
	Protocol string `json:"protocol"` // tcp, udp
	Port     int    `json:"port"`
	Address  string `json:"address"` // the listening address (0.0.0.0, ::, 192.0.2.10)
	Family   string `json:"family"`  // ipv4, ipv6
	Path     string `json:"path"`    // "input" (to a local socket) or "dnat" (forwarded after destination NAT)
	Process  string `json:"process"` // the owning process, when known
	State    string `json:"state"`   // "exposed" or "undetermined"
	Rule     string `json:"rule"`    // the rule that accepted the packet, or the one vouch could not decide
}

// Inbound is a family's default for unsolicited inbound traffic.
type Inbound struct {
	// Policy is "drop" (both TCP and UDP to an unnamed port are dropped or
	// rejected), "accept", or "undetermined".
	Policy string `json:"policy"`
	// Rule is the rule or chain policy that decided, or the one vouch could not evaluate.
	Rule string `json:"rule"`
}

// Interface is one network interface with its addresses.
type Interface struct {
	Name      string   `json:"name"`
	Up        bool     `json:"up"`
	Loopback  bool     `json:"loopback"`
	Addresses []string `json:"addresses"` // CIDR form: 192.0.2.10/24
}

// Source is one rule set vouch read.
type Source struct {
	Command string `json:"command"`
	Backend string `json:"backend,omitempty"` // nf_tables or legacy, for iptables-save
	Tables  int    `json:"tables"`
	Rules   int    `json:"rules"`
	// Evaluated is false when the tables are also seen through another source
	// (iptables-nft tables appear in nft's ruleset) and were read from that one.
	Evaluated bool `json:"evaluated"`
}

// Chain is a base chain attached to a netfilter hook.
type Chain struct {
	Source   string `json:"source"` // nft, iptables, ip6tables, iptables-legacy, ip6tables-legacy
	Family   string `json:"family"` // nft family (ip, ip6, inet, ...) or ipv4/ipv6 for iptables
	Table    string `json:"table"`
	Name     string `json:"name"`
	Type     string `json:"type"` // filter, nat
	Hook     string `json:"hook"`
	Priority int    `json:"priority"`
	Policy   string `json:"policy"`
	Rules    int    `json:"rules"`
}

// Published is a destination-NAT rule: packets to Port are sent to ToAddress:ToPort.
type Published struct {
	Protocol  string `json:"protocol"`
	Port      int    `json:"port"`
	Family    string `json:"family"`
	ToAddress string `json:"to_address"`
	ToPort    int    `json:"to_port"`
	Rule      string `json:"rule"`
}
