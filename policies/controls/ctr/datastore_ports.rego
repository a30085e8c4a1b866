# METADATA
# title: Data stores publish no port beyond the loopback address
# description: >-
#   A data-store container (by role label) should be reached only by the
#   containers that need it, over a Docker network. The control fails for each
#   port such a container publishes on a non-loopback host address (0.0.0.0,
#   ::, or any routable address).
# custom:
#   id: CTR-007
#   severity: critical
#   claim: "exposed only to other necessary containers"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Between Instances
#   facts: [container.containers]
#   parameters:
#     datastore_roles:
#       type: array
#       default: [mongodb, redis, postgres, mysql, elasticsearch]
#       description: Role label values that mark a data store.
#     role_label:
#       type: string
#       default: vouch.role
#       description: The container label naming a container's role (api, redis, mongodb, ...).
#   remediation: Remove the -p mapping (reach the store over its Docker network), or bind it to 127.0.0.1.
package vouch.controls.ctr.datastore_ports

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

loopback(ip) if startswith(ip, "127.")

loopback("::1")

datastores contains c if {
	some c in input.container.containers
	lib.ctr_label(c, input.params.role_label) in input.params.datastore_roles
}

deny contains {"msg": msg, "data": {"container": c.name, "role": lib.ctr_label(c, input.params.role_label), "port": p}} if {
	some c in datastores
	some p in c.ports
	not loopback(p.host_ip)
	addr := object.get({"": "0.0.0.0"}, p.host_ip, p.host_ip)
	msg := sprintf("data store %s publishes %s/%s on %s:%s", [c.name, p.container_port, p.protocol, addr, p.host_port])
}

evidence contains {"msg": msg, "data": {"datastore_roles": input.params.datastore_roles}} if {
	input.container.containers
	msg := sprintf("%d data-store containers publish no port beyond loopback", [count(datastores)])
}
