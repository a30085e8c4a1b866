package vouch.controls.net.ipv6_default_deny_test

import data.vouch.controls.net.ipv6_default_deny

on := {"net.ipv6.conf.all.disable_ipv6": "0", "net.ipv6.conf.default.disable_ipv6": "0"}

off := {"net.ipv6.conf.all.disable_ipv6": "1", "net.ipv6.conf.default.disable_ipv6": "1"}

doc(runtime, v6) := {
	"host": {"sysctl": {"runtime": runtime, "persisted": {}}},
	"firewall": {"inbound": {"ipv4": {"policy": "drop", "rule": "x"}, "ipv6": v6}},
	"params": {}, "errors": {},
}

drop := {"policy": "drop", "rule": "policy drop of chain nft inet filter input"}

accept := {"policy": "accept", "rule": "no ipv6 input chain filters it"}

test_ipv6_enabled_and_dropped_passes if {
	ipv6_default_deny.deny == set() with input as doc(on, drop)
	ipv6_default_deny.error == set() with input as doc(on, drop)
	count(ipv6_default_deny.evidence) == 1 with input as doc(on, drop)
}

test_ipv6_disabled_passes_even_if_unfiltered if {
	ipv6_default_deny.deny == set() with input as doc(off, accept)
	ipv6_default_deny.error == set() with input as doc(off, accept)
	ipv6_default_deny.evidence == {{"msg": "IPv6 is disabled on this host", "data": {"net.ipv6.conf.all.disable_ipv6": "1"}}} with input as doc(off, accept)
}

test_ipv6_enabled_and_open_fails if {
	ipv6_default_deny.deny == {{"msg": "IPv6 is enabled and inbound IPv6 to an unlisted port is accepted: no ipv6 input chain filters it", "data": accept}} with input as doc(on, accept)
}

test_ipv6_undetermined_errors if {
	u := {"policy": "undetermined", "rule": "ip6 filter input: meta mark 0x1 drop"}
	ipv6_default_deny.error == {"cannot tell whether inbound IPv6 is denied by default: rule not understood: ip6 filter input: meta mark 0x1 drop"} with input as doc(on, u)
}

test_firewall_not_collected_with_ipv6_on_errors if {
	i := {"host": {"sysctl": {"runtime": on}}, "firewall": {}, "params": {}, "errors": {"firewall.inbound": "read the packet filter: nft: not installed on the target"}}
	ipv6_default_deny.error == {"facts firewall.inbound not collected: read the packet filter: nft: not installed on the target"} with input as i
}

test_sysctl_not_collected_errors if {
	i := {"host": {}, "firewall": {"inbound": {"ipv6": drop}}, "params": {}, "errors": {}}
	ipv6_default_deny.error == {"facts host.sysctl not collected: no such facts in the document"} with input as i
}
