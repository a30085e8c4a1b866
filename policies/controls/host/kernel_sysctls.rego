# METADATA
# title: Kernel hardening parameters are set and persisted
# description: >-
#   A hardened kernel randomises memory layout, resists SYN floods and ignores
#   ICMP redirects and spoofed sources. Each listed parameter must have its value
#   at runtime (/proc/sys) and in the configuration applied at boot
#   (sysctl.conf, sysctl.d), so a reboot does not undo it.
# custom:
#   id: HOST-013
#   severity: medium
#   claim: "All servers are running hardened Linux distributions with up-to-date security patches."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [host.sysctl]
#   parameters:
#     kernel_sysctls:
#       type: object
#       default:
#         kernel.randomize_va_space: "2"
#         net.ipv4.tcp_syncookies: "1"
#         net.ipv4.conf.all.accept_redirects: "0"
#         net.ipv4.conf.all.send_redirects: "0"
#         net.ipv4.conf.all.rp_filter: "1"
#       description: >-
#         Dotted sysctl key -> expected value as a string ("2"; whitespace is collapsed
#         before comparing, numbers are accepted). Only keys the host scanner collects
#         can be checked; others are errors.
#   remediation: >-
#     Write the values to /etc/sysctl.d/60-hardening.conf (kernel.randomize_va_space = 2, ...)
#     and apply them with sysctl --system.
package vouch.controls.host.kernel_sysctls

import data.vouch.lib

runtime := input.host.sysctl.runtime

persisted := input.host.sysctl.persisted

error contains msg if some msg in lib.missing({"host.sysctl"})

error contains msg if {
	input.host.sysctl
	some k, _ in input.params.kernel_sysctls
	not runtime[k]
	msg := sprintf("%s was not collected at runtime", [k])
}

# want, running and kept are each parameter key's expected, runtime and
# persisted values with whitespace collapsed, each computed once.
want := {k: lib.sysctl_value(raw) | some k, raw in input.params.kernel_sysctls}

running := {k: lib.sysctl_value(v) | some k, _ in want; v := runtime[k]}

kept := {k: lib.sysctl_value(p.value) | some k, _ in want; p := persisted[k]}

deny contains {"msg": msg, "data": {"key": k, "expected": w, "runtime": v}} if {
	some k, w in want
	v := runtime[k]
	running[k] != w
	msg := sprintf("%s is %s at runtime, expected %s", [k, v, w])
}

deny contains {"msg": msg, "data": {"key": k, "expected": w, "persisted": null}} if {
	input.host.sysctl
	some k, w in want
	not persisted[k]
	msg := sprintf("%s = %s is not persisted in the sysctl configuration", [k, w])
}

deny contains {"msg": msg, "data": {"key": k, "expected": w, "persisted": p}} if {
	some k, w in want
	p := persisted[k]
	kept[k] != w
	msg := sprintf("%s is persisted as %s in %s:%d, expected %s", [k, p.value, p.file, p.line, w])
}

evidence contains {"msg": msg, "data": {"key": k, "runtime": runtime[k], "persisted": p}} if {
	some k, w in want
	running[k] == w
	p := persisted[k]
	kept[k] == w
	msg := sprintf("%s is %s at runtime and in %s:%d", [k, w, p.file, p.line])
}
