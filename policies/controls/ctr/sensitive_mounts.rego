# METADATA
# title: No container mounts a sensitive host path
# description: >-
#   A bind mount of the Docker socket, the host root or its configuration
#   hands the container the host. The control fails for each bind mount whose
#   source is a listed path or lies under one (the Docker socket is the worst:
#   it grants root on the host even read-only).
# custom:
#   id: CTR-002
#   severity: critical
#   claim: "Our containerized infrastructure prevents any malicious propagation"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Rights Management
#     - doc: 004_72802e2c2274da85.txt
#       section: Data Isolation
#   facts: [container.containers]
#   parameters:
#     sensitive_mounts:
#       type: array
#       default: [/, /etc, /proc, /sys, /var/run/docker.sock, /run/docker.sock, /run/containerd, /root, /home]
#       description: Host paths no container may bind-mount (a path matches itself and what lies under it; / matches only itself).
#   remediation: Remove the bind mount; give the container a named volume or the single file it needs, read-only.
package vouch.controls.ctr.sensitive_mounts

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

sensitive(src) if {
	some s in input.params.sensitive_mounts
	s != "/"
	lib.under(src, s)
}

sensitive("/") if "/" in input.params.sensitive_mounts

socket(src) if endswith(src, "docker.sock")

deny contains {"msg": msg, "data": {"container": c.name, "source": m.source, "destination": m.destination, "rw": m.rw, "severity": sev}} if {
	some c in input.container.containers
	some m in c.mounts
	m.type == "bind"
	sensitive(m.source)
	sev := severity(m.source)
	mode := {true: "read-write", false: "read-only"}[m.rw]
	msg := sprintf("container %s mounts host %s at %s %s", [c.name, m.source, m.destination, mode])
}

severity(src) := "critical" if socket(src)

severity(src) := "high" if not socket(src)

evidence contains {"msg": msg, "data": {"sensitive_mounts": input.params.sensitive_mounts}} if {
	input.container.containers
	msg := sprintf("no bind mount of a sensitive host path in %d containers", [count(input.container.containers)])
}
