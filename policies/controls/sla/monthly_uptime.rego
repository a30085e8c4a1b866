# METADATA
# title: Monthly uptime meets the SLA
# description: >-
#   The SLA promises an uptime over each calendar month, planned maintenance
#   excluded. The control reads, per service and month, the uptime measured
#   outside announced maintenance windows. Gaps in the monitoring data are
#   unknown: the month fails when even counting every gap as up it misses the
#   target, passes when even counting every gap as down it meets it, and is an
#   error in between.
# custom:
#   id: SLA-001
#   severity: high
#   claim: "Toucan Toco applications have an uptime of 99% over a calendar month"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: SLA
#     - doc: 003_7131057a99cca39e.txt
#       section: Uptime – 99.9%
#   facts: [sla.months]
#   parameters:
#     uptime_target_percent:
#       type: number
#       default: 99.9
#       description: Monthly uptime promised, in percent.
#     sla_services:
#       type: array
#       default: []
#       description: Services the SLA covers (empty means every service the monitoring reports).
#   remediation: >-
#     Review the month's incidents, fix their causes, and announce planned work in the
#     maintenance calendar before it starts so that it is excluded.
package vouch.controls.sla.monthly_uptime

import data.vouch.lib

target := input.params.uptime_target_percent

in_scope(_) if count(input.params.sla_services) == 0

in_scope(m) if m.service in input.params.sla_services

months := [m | some m in input.sla.months; in_scope(m)]

error contains msg if some msg in lib.missing({"sla.months"})

error contains msg if {
	some s in input.params.sla_services
	input.sla.months != null
	not s in {m.service | some m in input.sla.months}
	msg := sprintf("service %s has no availability data", [s])
}

error contains msg if {
	some m in months
	m.uptime_min_percent < target
	m.uptime_max_percent >= target
	msg := sprintf("%s %s: uptime is between %v%% and %v%% with %v minutes without data (coverage %v%%); the target %v%% cannot be decided", [m.service, m.month, pct(m.uptime_min_percent), pct(m.uptime_max_percent), m.unknown_minutes, pct(m.coverage_percent), target])
}

deny contains {"msg": msg, "data": {"service": m.service, "month": m.month, "uptime_percent": m.uptime_percent, "target": target, "unplanned_downtime_minutes": m.unplanned_downtime_minutes}} if {
	some m in months
	m.uptime_max_percent < target
	msg := sprintf("%s %s: uptime %v%% below %v%% (%v minutes of unplanned downtime, %d incidents)", [m.service, m.month, pct(object.get(m, "uptime_percent", m.uptime_max_percent)), target, m.unplanned_downtime_minutes, m.incidents])
}

evidence contains {"msg": msg, "data": {"service": m.service, "month": m.month, "uptime_percent": m.uptime_percent}} if {
	some m in months
	m.uptime_min_percent >= target
	msg := sprintf("%s %s: uptime %v%% (target %v%%)", [m.service, m.month, pct(object.get(m, "uptime_percent", 100)), target])
}

pct(x) := round(x * 10000) / 10000 if x != null

pct(null) := "n/a"
