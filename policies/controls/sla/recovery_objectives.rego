# METADATA
# title: Achieved RPO and RTO are within the promise
# description: >-
#   The policies promise a recovery point (at most 2 hours, or 24 hours of lost
#   work) and a recovery time (48 hours). The achieved RPO is the best backup
#   set's longest stretch without a backup over the last 30 days, the time
#   since its newest backup included; the achieved RTO is how long the last
#   successful restore test took.
# custom:
#   id: SLA-006
#   severity: high
#   claim: "RPO (Recovery Point Objective) = 24h ... RTO (Recovery Time Objective) = 48h"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: Disaster Recovery Plan
#     - doc: 003_7131057a99cca39e.txt
#       section: Backups / Disaster Recovery
#   facts: [backup.sets, backup.restore_tests]
#   parameters:
#     rpo_hours:
#       type: number
#       default: 24
#       description: Recovery point objective in hours.
#     rto_hours:
#       type: number
#       default: 48
#       description: Recovery time objective in hours; a restore test must finish within it.
#   remediation: >-
#     Back up more often (or add a more frequent set for the database) and speed up the restore
#     procedure until a test restore fits the RTO.
package vouch.controls.sla.recovery_objectives

import data.vouch.lib

rpos := {r | some set in input.backup.sets; r := set.rpo_hours; r != null}

rpo := min(rpos) if count(rpos) > 0

successes := [r | some r in input.backup.restore_tests; r.outcome == "success"]

last := r if {
	count(successes) > 0
	latest := max({time.parse_rfc3339_ns(s.time) | some s in successes})
	some r in successes
	time.parse_rfc3339_ns(r.time) == latest
}

rto := round((last.duration_seconds / 3600) * 100) / 100

error contains msg if some msg in lib.missing({"backup.sets", "backup.restore_tests"})

error contains "no backup set holds a backup: the achieved RPO is unknown" if {
	input.backup.sets != null
	count(rpos) == 0
}

error contains "no restore test succeeded: the achieved RTO is unknown" if {
	input.backup.restore_tests != null
	count(successes) == 0
}

deny contains {"msg": msg, "data": {"rpo_hours": rpo, "objective": input.params.rpo_hours}} if {
	rpo > input.params.rpo_hours
	msg := sprintf("achieved RPO is %v hours (the best set's longest gap without a backup), above the %v promised", [rpo, input.params.rpo_hours])
}

deny contains {"msg": msg, "data": {"rto_hours": rto, "objective": input.params.rto_hours, "restore": last}} if {
	rto > input.params.rto_hours
	msg := sprintf("achieved RTO is %v hours (restore test of %s), above the %v promised", [rto, last.time, input.params.rto_hours])
}

evidence contains {"msg": msg, "data": {"rpo_hours": rpo, "rto_hours": rto}} if {
	msg := sprintf("achieved RPO %v hours, RTO %v hours", [rpo, rto])
}
