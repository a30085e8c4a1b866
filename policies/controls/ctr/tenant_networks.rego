# METADATA
# title: No Docker network joins containers of two tenants
# description: >-
#   Clients are isolated from each other by Docker networks. The control reads
#   each container's tenant label and fails for each network (host and none
#   excepted) whose members belong to more than one tenant.
# custom:
#   id: CTR-005
#   severity: high
#   claim: "We ensure isolation between clients with different Docker networks"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Between Instances
#   facts: [container.containers, container.networks]
#   parameters:
#     tenant_label:
#       type: string
#       default: vouch.tenant
#       description: The container label naming the client a container serves.
#   remediation: Give each tenant its own network (docker network create tenant-x) and attach its containers only there.
package vouch.controls.ctr.tenant_networks

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers", "container.networks"})

skip contains msg if some msg in lib.ctr_skip

tenants(n) := {t |
	some name in n.members
	t := lib.ctr_label(lib.ctr_by_name[name], input.params.tenant_label)
	t != ""
}

deny contains {"msg": msg, "data": {"network": n.name, "tenants": sort(ts), "members": n.members}} if {
	some n in lib.ctr_shared_networks
	ts := tenants(n)
	count(ts) > 1
	msg := sprintf("network %s joins containers of tenants %s", [n.name, concat(", ", sort(ts))])
}

evidence contains {"msg": msg, "data": {"networks": count(lib.ctr_shared_networks)}} if {
	input.container.networks
	msg := sprintf("each of %d networks serves at most one tenant", [count(lib.ctr_shared_networks)])
}
