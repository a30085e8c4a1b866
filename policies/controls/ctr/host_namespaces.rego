# METADATA
# title: No container shares a host namespace
# description: >-
#   A container in the host's network, PID, IPC or UTS namespace sees and
#   reaches what runs on the host. The control fails for each container and
#   each namespace it shares with the host.
# custom:
#   id: CTR-003
#   severity: high
#   claim: "Our containerized infrastructure prevents any malicious propagation"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Rights Management
#     - doc: 004_72802e2c2274da85.txt
#       section: Data Isolation
#   facts: [container.containers]
#   remediation: Drop --network host, --pid host, --ipc host and --uts host; publish the ports the service needs instead.
package vouch.controls.ctr.host_namespaces

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

modes := {"network": "network_mode", "pid": "pid_mode", "ipc": "ipc_mode", "uts": "uts_mode"}

deny contains {"msg": msg, "data": {"container": c.name, "namespace": ns}} if {
	some c in input.container.containers
	some ns, field in modes
	c[field] == "host"
	msg := sprintf("container %s shares the host %s namespace", [c.name, ns])
}

evidence contains {"msg": msg, "data": {}} if {
	input.container.containers
	msg := sprintf("none of %d containers shares a host namespace", [count(input.container.containers)])
}
