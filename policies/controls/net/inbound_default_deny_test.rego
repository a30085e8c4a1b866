package vouch.controls.net.inbound_default_deny_test

import data.vouch.controls.net.inbound_default_deny

doc(v4) := {"firewall": {"inbound": {"ipv4": v4, "ipv6": {"policy": "accept", "rule": "no ipv6 input chain filters it"}}}, "params": {}, "errors": {}}

test_drop_policy_passes if {
	i := doc({"policy": "drop", "rule": "policy drop of chain nft inet filter input"})
	inbound_default_deny.deny == set() with input as i
	inbound_default_deny.error == set() with input as i
	inbound_default_deny.evidence == {{"msg": "inbound IPv4 to an unlisted port is dropped: policy drop of chain nft inet filter input", "data": {"policy": "drop", "rule": "policy drop of chain nft inet filter input"}}} with input as i
}

test_accept_policy_fails if {
	v4 := {"policy": "accept", "rule": "policy accept of chain iptables filter INPUT"}
	inbound_default_deny.deny == {{"msg": "inbound IPv4 to an unlisted port is accepted: policy accept of chain iptables filter INPUT", "data": v4}} with input as doc(v4)
}

test_no_firewall_at_all_fails if {
	v4 := {"policy": "accept", "rule": "no ipv6 input chain filters it"}
	count(inbound_default_deny.deny) == 1 with input as doc(v4)
}

test_undetermined_errors if {
	v4 := {"policy": "undetermined", "rule": "inet filter input: meta mark 0x1 accept"}
	inbound_default_deny.error == {"cannot tell whether inbound IPv4 is denied by default: rule not understood: inet filter input: meta mark 0x1 accept"} with input as doc(v4)
	inbound_default_deny.deny == set() with input as doc(v4)
}

test_inbound_not_collected_errors if {
	i := {"firewall": {}, "params": {}, "errors": {"firewall.inbound": "read the packet filter: nft -j list ruleset exited 1: Operation not permitted"}}
	inbound_default_deny.error == {"facts firewall.inbound not collected: read the packet filter: nft -j list ruleset exited 1: Operation not permitted"} with input as i
}
