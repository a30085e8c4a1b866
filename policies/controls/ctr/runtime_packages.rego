# METADATA
# title: No package is installed inside a running container
# description: >-
#   Images are built once; a package installed at run time is drift an
#   attacker or an operator introduced, and the alert the policy promises.
#   The control reads each running container's filesystem changes (docker
#   diff) and fails for each container that changed a package database.
# custom:
#   id: CTR-008
#   severity: high
#   claim: "Package installation during the runtime of a container"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Container runtime security monitoring
#   facts: [container.containers]
#   parameters:
#     package_db_paths:
#       type: array
#       default: [/var/lib/dpkg, /var/lib/apk, /lib/apk, /var/lib/rpm]
#       description: Package database directories whose change means a package was installed or removed.
#   remediation: Rebuild the image with the package and redeploy; find out who installed it and why.
package vouch.controls.ctr.runtime_packages

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

error contains msg if {
	some c in input.container.containers
	c.running
	c.diff_error
	msg := sprintf("container %s: filesystem changes not read: %s", [c.name, c.diff_error])
}

error contains msg if {
	some c in input.container.containers
	c.running
	not c.diff_error
	c.package_changes == null
	msg := sprintf("container %s: filesystem changes not collected", [c.name])
}

skip contains msg if some msg in lib.ctr_skip

changed(c) := sort([ch.path |
	some ch in c.package_changes
	some d in input.params.package_db_paths
	lib.under(ch.path, d)
])

deny contains {"msg": msg, "data": {"container": c.name, "paths": paths}} if {
	some c in input.container.containers
	c.running
	paths := changed(c)
	count(paths) > 0
	msg := sprintf("container %s changed its package database at run time: %s", [c.name, concat(", ", paths)])
}

evidence contains {"msg": msg, "data": {"package_db_paths": input.params.package_db_paths}} if {
	input.container.containers
	running := [c | some c in input.container.containers; c.running]
	msg := sprintf("%d running containers left their package databases unchanged", [count(running)])
}
