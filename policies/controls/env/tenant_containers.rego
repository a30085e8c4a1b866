# METADATA
# title: Each client runs its own set of containers
# description: >-
#   Every tenant (from the tenant label, or the listed tenants) must have its
#   own container for each required role, and no container may serve more
#   than one tenant or a role container none. The control fails per missing
#   role of a tenant and per shared or unassigned role container.
# custom:
#   id: ENV-002
#   severity: high
#   claim: "Each client runs different private containers"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Between Instances
#   facts: [container.containers]
#   parameters:
#     tenants:
#       type: array
#       default: []
#       description: Tenants that must each have their containers; empty means every tenant a container label names.
#     tenant_roles:
#       type: array
#       default: [api, mongodb, redis]
#       description: Roles (by role label) every tenant needs its own container for.
#     tenant_label:
#       type: string
#       default: vouch.tenant
#       description: The container label naming the client a container serves.
#     role_label:
#       type: string
#       default: vouch.role
#       description: The container label naming a container's role (api, redis, mongodb, ...).
#   remediation: Start the missing containers for the tenant, and give each shared container one tenant (one container per client).
package vouch.controls.env.tenant_containers

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

skip contains msg if {
	input.container.containers
	count(tenants) == 0
	msg := sprintf("no tenants: none listed and no container carries label %s", [input.params.tenant_label])
}

labelled := {t |
	some c in input.container.containers
	some t in split(lib.ctr_label(c, input.params.tenant_label), ",")
	trim_space(t) != ""
}

tenants := {t | some t in input.params.tenants} if count(input.params.tenants) > 0

tenants := labelled if count(input.params.tenants) == 0

role(c) := lib.ctr_label(c, input.params.role_label)

tenant(c) := lib.ctr_label(c, input.params.tenant_label)

deny contains {"msg": msg, "data": {"tenant": t, "role": r}} if {
	some t in tenants
	some r in input.params.tenant_roles
	not has(t, r)
	msg := sprintf("tenant %s has no %s container of its own", [t, r])
}

has(t, r) if {
	some c in input.container.containers
	tenant(c) == t
	role(c) == r
}

deny contains {"msg": msg, "data": {"container": c.name, "tenants": tenant(c)}} if {
	some c in input.container.containers
	contains(tenant(c), ",")
	msg := sprintf("container %s is shared by tenants %s", [c.name, tenant(c)])
}

deny contains {"msg": msg, "data": {"container": c.name, "role": role(c)}} if {
	count(tenants) > 0
	some c in input.container.containers
	role(c) in input.params.tenant_roles
	tenant(c) == ""
	msg := sprintf("container %s (role %s) belongs to no tenant", [c.name, role(c)])
}

evidence contains {"msg": msg, "data": {"tenants": sort(tenants), "roles": input.params.tenant_roles}} if {
	count(tenants) > 0
	msg := sprintf("%d tenants each run their own %s containers", [count(tenants), concat(", ", input.params.tenant_roles)])
}
