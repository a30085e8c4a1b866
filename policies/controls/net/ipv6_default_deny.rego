# METADATA
# title: IPv6 is filtered as strictly as IPv4
# description: >-
#   A host that filters IPv4 but leaves IPv6 open is exposed over IPv6. The
#   control reads whether IPv6 is enabled from the host's sysctls; when it is,
#   it fails unless a new IPv6 packet from a public source to a port no rule
#   names is dropped or rejected.
# custom:
#   id: NET-004
#   severity: high
#   claim: "IPv6 disabled"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [host.sysctl, firewall.inbound]
#   remediation: >-
#     Disable IPv6 (net.ipv6.conf.all.disable_ipv6 = 1) or give the ip6/inet
#     input chain a drop policy (ip6tables -P INPUT DROP, or use an inet table).
package vouch.controls.net.ipv6_default_deny

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.sysctl"})

runtime := input.host.sysctl.runtime

# IPv6 is on when the kernel has it and it is not disabled on all interfaces.
ipv6_enabled if {
	some k, _ in runtime
	startswith(k, "net.ipv6.")
	lib.sysctl_value(object.get(runtime, "net.ipv6.conf.all.disable_ipv6", "0")) != "1"
}

ipv6 := input.firewall.inbound.ipv6

error contains msg if {
	ipv6_enabled
	some msg in lib.missing({"firewall.inbound"})
}

error contains "firewall.inbound has no ipv6 entry" if {
	ipv6_enabled
	input.firewall.inbound
	not ipv6
}

deny contains {"msg": msg, "data": ipv6} if {
	ipv6_enabled
	ipv6.policy == "accept"
	msg := sprintf("IPv6 is enabled and inbound IPv6 to an unlisted port is accepted: %s", [ipv6.rule])
}

error contains msg if {
	ipv6_enabled
	ipv6.policy == "undetermined"
	msg := sprintf("cannot tell whether inbound IPv6 is denied by default: rule not understood: %s", [ipv6.rule])
}

evidence contains {"msg": msg, "data": ipv6} if {
	ipv6_enabled
	ipv6.policy == "drop"
	msg := sprintf("IPv6 is enabled and inbound IPv6 to an unlisted port is dropped: %s", [ipv6.rule])
}

evidence contains {"msg": "IPv6 is disabled on this host", "data": {"net.ipv6.conf.all.disable_ipv6": object.get(runtime, "net.ipv6.conf.all.disable_ipv6", null)}} if {
	runtime
	not ipv6_enabled
}
