# METADATA
# title: No container runs privileged
# description: >-
#   A privileged container has every capability and the host's devices: one
#   compromised container then owns the host and every other container. The
#   control fails for each container whose HostConfig.Privileged is set.
# custom:
#   id: CTR-001
#   severity: critical
#   claim: "Our containerized infrastructure prevents any malicious propagation"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Rights Management
#   facts: [container.containers]
#   remediation: Drop --privileged; grant the one capability or device the container needs (--cap-add, --device).
package vouch.controls.ctr.privileged

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

deny contains {"msg": msg, "data": {"container": c.name, "image": c.image}} if {
	some c in input.container.containers
	c.privileged
	msg := sprintf("container %s runs privileged", [c.name])
}

evidence contains {"msg": msg, "data": {"containers": count(input.container.containers)}} if {
	input.container.containers
	msg := sprintf("none of %d containers is privileged", [count(input.container.containers)])
}
