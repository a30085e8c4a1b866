# METADATA
# title: Inbound IPv4 traffic is denied by default
# description: >-
#   A firewall that allows only the necessary traffic drops everything else.
#   The control sends the evaluator a new TCP and a new UDP packet from a
#   public source to a port no rule names and fails unless both are dropped
#   or rejected. IPv6 is judged by NET-004.
# custom:
#   id: NET-003
#   severity: high
#   claim: "The firewalls are configured to allow only the necessary traffic and to block all other traffic"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#     - doc: 004_72802e2c2274da85.txt
#       section: Network Security / Firewalls
#   facts: [firewall.inbound]
#   remediation: >-
#     Give the input chain a drop policy after the allowed services
#     (nft add chain inet filter input '{ type filter hook input priority 0; policy drop; }'
#     or iptables -P INPUT DROP).
package vouch.controls.net.inbound_default_deny

import data.vouch.lib

error contains msg if some msg in lib.missing({"firewall.inbound"})

ipv4 := input.firewall.inbound.ipv4

error contains "firewall.inbound has no ipv4 entry" if {
	input.firewall.inbound
	not ipv4
}

deny contains {"msg": msg, "data": ipv4} if {
	ipv4.policy == "accept"
	msg := sprintf("inbound IPv4 to an unlisted port is accepted: %s", [ipv4.rule])
}

error contains msg if {
	ipv4.policy == "undetermined"
	msg := sprintf("cannot tell whether inbound IPv4 is denied by default: rule not understood: %s", [ipv4.rule])
}

evidence contains {"msg": msg, "data": ipv4} if {
	ipv4.policy == "drop"
	msg := sprintf("inbound IPv4 to an unlisted port is dropped: %s", [ipv4.rule])
}
