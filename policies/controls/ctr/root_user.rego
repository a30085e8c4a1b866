# METADATA
# title: Containers run as an unprivileged user
# description: >-
#   A process running as root inside a container is root on the host's
#   kernel, one escape away from the host. The control reads the effective
#   user (the run's --user, else the image's USER) and fails for each container
#   running as root that the allow list does not name.
# custom:
#   id: CTR-009
#   severity: medium
#   claim: "Rights Management"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Rights Management
#   facts: [container.containers]
#   parameters:
#     root_containers_allowed:
#       type: array
#       default: []
#       description: Container names (glob patterns allowed) that may run as root.
#   remediation: Set USER in the image or run with --user UID:GID; add the container to root_containers_allowed only with a reason.
package vouch.controls.ctr.root_user

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

allowed(name) if {
	some p in input.params.root_containers_allowed
	glob.match(p, [], name)
}

deny contains {"msg": msg, "data": {"container": c.name, "user": c.user, "image": c.image}} if {
	some c in input.container.containers
	c.runs_as_root
	not allowed(c.name)
	who := object.get({"": "root (no user set)"}, c.user, c.user)
	msg := sprintf("container %s runs as %s", [c.name, who])
}

evidence contains {"msg": msg, "data": {"users": {c.name: c.user | some c in input.container.containers}}} if {
	input.container.containers
	msg := sprintf("%d containers run as a non-root user or are allowed root", [count(input.container.containers)])
}
