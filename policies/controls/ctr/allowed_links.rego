# METADATA
# title: Only allowed roles share a network
# description: >-
#   Containers on one Docker network can reach each other. From each
#   container's role label the control builds the graph of container pairs
#   sharing a network, and fails for each pair of different roles that the
#   allowed links do not list (either order). Containers without a role label
#   and pairs of the same role are not judged.
# custom:
#   id: CTR-006
#   severity: high
#   claim: "Redis container is not linked to MongoDB container; only the container API is able to send requests to the associated database container"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Between Instances
#   facts: [container.containers, container.networks]
#   parameters:
#     allowed_links:
#       type: array
#       default: [api-redis, api-mongodb]
#       description: Role pairs (ROLE-ROLE, either order) that may share a network.
#     role_label:
#       type: string
#       default: vouch.role
#       description: The container label naming a container's role (api, redis, mongodb, ...).
#   remediation: Put the two containers on separate networks; connect each data store only to the api network it serves.
package vouch.controls.ctr.allowed_links

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers", "container.networks"})

skip contains msg if some msg in lib.ctr_skip

role(name) := r if {
	r := lib.ctr_label(lib.ctr_by_name[name], input.params.role_label)
	r != ""
}

allowed(a, b) if sprintf("%s-%s", [a, b]) in input.params.allowed_links

allowed(a, b) if sprintf("%s-%s", [b, a]) in input.params.allowed_links

pairs contains [a, b] if {
	some n in lib.ctr_shared_networks
	some a in n.members
	some b in n.members
	a < b
	role(a) != role(b)
	not allowed(role(a), role(b))
}

deny contains {"msg": msg, "data": {"containers": [a, b], "roles": [role(a), role(b)], "networks": nets}} if {
	some [a, b] in pairs
	nets := sort([n.name | some n in lib.ctr_shared_networks; a in n.members; b in n.members])
	msg := sprintf("containers %s (%s) and %s (%s) share network %s; link %s-%s is not allowed", [a, role(a), b, role(b), concat(", ", nets), role(a), role(b)])
}

evidence contains {"msg": msg, "data": {"allowed_links": input.params.allowed_links}} if {
	input.container.networks
	msg := sprintf("every pair of roles sharing one of %d networks is allowed", [count(lib.ctr_shared_networks)])
}
