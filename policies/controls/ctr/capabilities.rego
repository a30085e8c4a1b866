# METADATA
# title: No container holds a dangerous capability, and all set no-new-privileges
# description: >-
#   Capabilities such as SYS_ADMIN or NET_ADMIN let a container reconfigure
#   the kernel it shares with every other container, and without
#   no-new-privileges a setuid binary can regain what was dropped. The control
#   fails per forbidden capability added and per container without
#   no-new-privileges.
# custom:
#   id: CTR-004
#   severity: high
#   claim: "Our containerized infrastructure prevents any malicious propagation"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Rights Management
#   facts: [container.containers]
#   parameters:
#     forbidden_capabilities:
#       type: array
#       default: [ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH]
#       description: Capabilities no container may add (with or without the CAP_ prefix).
#   remediation: Remove the --cap-add; run with --security-opt no-new-privileges.
package vouch.controls.ctr.capabilities

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

norm(cap) := trim_prefix(upper(cap), "CAP_")

forbidden := {norm(c) | some c in input.params.forbidden_capabilities}

deny contains {"msg": msg, "data": {"container": c.name, "capability": norm(cap)}} if {
	some c in input.container.containers
	some cap in c.cap_add
	norm(cap) in forbidden
	msg := sprintf("container %s adds capability %s", [c.name, norm(cap)])
}

deny contains {"msg": msg, "data": {"container": c.name, "security_opt": c.security_opt}} if {
	some c in input.container.containers
	not c.no_new_privileges
	msg := sprintf("container %s runs without no-new-privileges", [c.name])
}

evidence contains {"msg": msg, "data": {"forbidden_capabilities": input.params.forbidden_capabilities}} if {
	input.container.containers
	msg := sprintf("%d containers add no forbidden capability and set no-new-privileges", [count(input.container.containers)])
}
