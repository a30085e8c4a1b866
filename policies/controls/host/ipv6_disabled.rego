# METADATA
# title: IPv6 is disabled at runtime and at boot
# description: >-
#   The policy promises IPv6 is off, so every interface is reachable over IPv4
#   only, where the firewall rules are written. The control reads
#   net.ipv6.conf.{all,default}.disable_ipv6 from /proc/sys and from the sysctl
#   configuration applied at boot; a kernel started without IPv6 support passes.
# custom:
#   id: HOST-001
#   severity: medium
#   claim: "IPv6 disabled"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [host.sysctl]
#   parameters:
#     ipv6_allowed:
#       type: boolean
#       default: false
#       description: Allow IPv6 to stay enabled (the control then passes whatever the settings).
#   remediation: >-
#     Write net.ipv6.conf.all.disable_ipv6 = 1 and net.ipv6.conf.default.disable_ipv6 = 1
#     to /etc/sysctl.d/70-disable-ipv6.conf and apply them with sysctl --system.
package vouch.controls.host.ipv6_disabled

import data.vouch.lib

keys := ["net.ipv6.conf.all.disable_ipv6", "net.ipv6.conf.default.disable_ipv6"]

runtime := input.host.sysctl.runtime

persisted := input.host.sysctl.persisted

# The kernel has IPv6 when /proc/sys/net/ipv6 exists; booted with
# ipv6.disable=1 it has no net.ipv6 key at all.
kernel_has_ipv6 if {
	some k, _ in runtime
	startswith(k, "net.ipv6.")
}

error contains msg if some msg in lib.missing({"host.sysctl"})

error contains msg if {
	not input.params.ipv6_allowed
	kernel_has_ipv6
	some k in keys
	not runtime[k]
	msg := sprintf("%s was not collected at runtime although the kernel has IPv6", [k])
}

deny contains {"msg": msg, "data": {"key": k, "runtime": v}} if {
	not input.params.ipv6_allowed
	some k in keys
	v := runtime[k]
	lib.sysctl_value(v) != "1"
	msg := sprintf("%s is %s at runtime", [k, v])
}

deny contains {"msg": msg, "data": {"key": k, "persisted": null}} if {
	not input.params.ipv6_allowed
	kernel_has_ipv6
	some k in keys
	not persisted[k]
	msg := sprintf("%s = 1 is not persisted in the sysctl configuration", [k])
}

deny contains {"msg": msg, "data": {"key": k, "persisted": p}} if {
	not input.params.ipv6_allowed
	kernel_has_ipv6
	some k in keys
	p := persisted[k]
	lib.sysctl_value(p.value) != "1"
	msg := sprintf("%s is persisted as %s in %s:%d", [k, p.value, p.file, p.line])
}

evidence contains {"msg": "IPv6 is allowed by the ipv6_allowed parameter", "data": {"ipv6_allowed": true}} if {
	input.params.ipv6_allowed
}

evidence contains {"msg": "the running kernel has no IPv6 support (no net.ipv6 keys in /proc/sys)", "data": {}} if {
	not input.params.ipv6_allowed
	input.host.sysctl.runtime
	not kernel_has_ipv6
}

evidence contains {"msg": sprintf("%s is 1 at runtime and persisted in %s:%d", [k, p.file, p.line]), "data": {"key": k, "runtime": runtime[k], "persisted": p}} if {
	not input.params.ipv6_allowed
	some k in keys
	lib.sysctl_value(runtime[k]) == "1"
	p := persisted[k]
	lib.sysctl_value(p.value) == "1"
}
