# METADATA
# title: Long-running containers restart themselves and report their health
# description: >-
#   Automated recovery needs the engine to restart a container that dies and
#   a healthcheck to tell it one has hung. The control fails for each running
#   container with no restart policy, and for each with no healthcheck (its
#   own or its image's).
# custom:
#   id: CTR-014
#   severity: medium
#   claim: "The recovery process is fully automated"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: LoadBalancer and Failover
#   facts: [container.containers]
#   remediation: Run with --restart unless-stopped (or on-failure) and give the image or the run a HEALTHCHECK.
package vouch.controls.ctr.recovery

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

running contains c if {
	some c in input.container.containers
	c.running
}

deny contains {"msg": msg, "data": {"container": c.name, "restart_policy": c.restart_policy}} if {
	some c in running
	c.restart_policy.name in {"", "no"}
	msg := sprintf("container %s has no restart policy", [c.name])
}

deny contains {"msg": msg, "data": {"container": c.name, "healthcheck": c.healthcheck}} if {
	some c in running
	not healthy_checked(c)
	msg := sprintf("container %s has no healthcheck", [c.name])
}

healthy_checked(c) if {
	c.healthcheck != null
	not c.healthcheck.disabled
}

evidence contains {"msg": msg, "data": {}} if {
	input.container.containers
	msg := sprintf("%d running containers have a restart policy and a healthcheck", [count(running)])
}
