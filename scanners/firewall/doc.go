// Package firewall decides which listening sockets a packet from an arbitrary
// public source really reaches. It joins three things: the sockets the host
// listens on (read as the host scanner reads them), the packet filter (the
// nftables ruleset from `nft -j list ruleset`, and iptables/ip6tables rules
// from iptables-save for both the nft and the legacy back ends), and
// destination NAT such as Docker's port publishing, whose packets skip the
// INPUT chain and cross FORWARD instead. The exposure evaluator walks the
// hooked chains in order with their policies, jumps, gotos, returns, sets,
// intervals and verdict maps; a rule whose match it does not understand makes
// the port undetermined, named with the rule's text, never a silent answer.
package firewall
