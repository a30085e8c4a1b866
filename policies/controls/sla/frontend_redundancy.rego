# METADATA
# title: Each frontend pool keeps enough healthy instances
# description: >-
#   The frontend stack is promised fully redundant, able to lose half of itself
#   without disruption. The control counts, per frontend pool (a monitoring job),
#   the targets the monitoring sees healthy now, and fails below
#   frontend_min_healthy; a pool the monitoring does not know is an error.
# custom:
#   id: SLA-004
#   severity: high
#   claim: "the whole frontend stack is fully redundant ... We can lose the half of our frontend stack without any disruption"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: High Availability
#   facts: [sla.targets]
#   parameters:
#     frontend_min_healthy:
#       type: integer
#       default: 2
#       description: Healthy instances each frontend pool needs.
#     frontend_pools:
#       type: array
#       default: [frontend]
#       description: Monitoring jobs (Prometheus job label) that are frontend pools.
#   remediation: >-
#     Bring the failed frontend instances back or add instances behind the load balancer, and
#     keep each of them scraped by the monitoring.
package vouch.controls.sla.frontend_redundancy

import data.vouch.lib

healthy(pool) := {t.instance | some t in input.sla.targets; t.job == pool; t.health == "up"}

members(pool) := {t.instance | some t in input.sla.targets; t.job == pool}

error contains msg if some msg in lib.missing({"sla.targets"})

error contains msg if {
	input.sla.targets != null
	some pool in input.params.frontend_pools
	count(members(pool)) == 0
	msg := sprintf("frontend pool %s is not among the monitoring targets", [pool])
}

deny contains {"msg": msg, "data": {"pool": pool, "healthy": sort(healthy(pool)), "members": sort(members(pool)), "min": input.params.frontend_min_healthy}} if {
	some pool in input.params.frontend_pools
	count(members(pool)) > 0
	count(healthy(pool)) < input.params.frontend_min_healthy
	msg := sprintf("frontend pool %s has %d healthy of %d instances, below %d", [pool, count(healthy(pool)), count(members(pool)), input.params.frontend_min_healthy])
}

evidence contains {"msg": msg, "data": {"pool": pool, "healthy": sort(healthy(pool))}} if {
	some pool in input.params.frontend_pools
	msg := sprintf("frontend pool %s: %d healthy instances (%s)", [pool, count(healthy(pool)), concat(", ", sort(healthy(pool)))])
}
