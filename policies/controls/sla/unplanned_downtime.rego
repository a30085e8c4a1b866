# METADATA
# title: Unplanned downtime stays within the monthly budget
# description: >-
#   The SLA turns 99.9% into a budget of 45 minutes of unplanned downtime a
#   month. The control sums, per service and month, the minutes probes failed
#   outside announced maintenance, and fails above the budget; when minutes
#   without data could push it over, it is an error, not a pass.
# custom:
#   id: SLA-002
#   severity: high
#   claim: "99.9% uptime monthly = maximum unplanned downtime of 45 min/month"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Uptime – 99.9%
#   facts: [sla.months]
#   parameters:
#     max_unplanned_downtime_minutes:
#       type: number
#       default: 45
#       description: Minutes of unplanned downtime allowed per service and calendar month.
#     sla_services:
#       type: array
#       default: []
#       description: Services the SLA covers (empty means every service the monitoring reports).
#   remediation: >-
#     Review the month's incidents and their causes; plan risky work as announced maintenance.
package vouch.controls.sla.unplanned_downtime

import data.vouch.lib

limit := input.params.max_unplanned_downtime_minutes

in_scope(_) if count(input.params.sla_services) == 0

in_scope(m) if m.service in input.params.sla_services

months := [m | some m in input.sla.months; in_scope(m)]

error contains msg if some msg in lib.missing({"sla.months"})

error contains msg if {
	some m in months
	m.unplanned_downtime_minutes <= limit
	m.unplanned_downtime_minutes + m.unknown_minutes > limit
	msg := sprintf("%s %s: %v minutes down and %v minutes without data: the %v-minute budget cannot be decided", [m.service, m.month, m.unplanned_downtime_minutes, m.unknown_minutes, limit])
}

deny contains {"msg": msg, "data": {"service": m.service, "month": m.month, "minutes": m.unplanned_downtime_minutes, "incidents": m.incidents, "limit": limit}} if {
	some m in months
	m.unplanned_downtime_minutes > limit
	msg := sprintf("%s %s: %v minutes of unplanned downtime in %d incidents, above %v", [m.service, m.month, m.unplanned_downtime_minutes, m.incidents, limit])
}

evidence contains {"msg": msg, "data": {"service": m.service, "month": m.month, "minutes": m.unplanned_downtime_minutes}} if {
	some m in months
	msg := sprintf("%s %s: %v minutes of unplanned downtime in %d incidents", [m.service, m.month, m.unplanned_downtime_minutes, m.incidents])
}
