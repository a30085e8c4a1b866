# METADATA
# title: Planned maintenance is out of business hours and announced in advance
# description: >-
#   Planned maintenance is promised outside business hours and announced to
#   customers. The control reads each window of the maintenance calendar and
#   fails when any minute of it falls inside business_hours (days, start, end,
#   timezone), or when it was not announced at least maintenance_notice_hours
#   before it started.
# custom:
#   id: SLA-003
#   severity: medium
#   claim: "Planned maintenance operations ... are scheduled outside of business hours ... They are announced by email."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: SLA
#     - doc: 003_7131057a99cca39e.txt
#       section: Uptime – 99.9%
#   facts: [sla.maintenance]
#   parameters:
#     business_hours:
#       type: object
#       default: {days: [Mon, Tue, Wed, Thu, Fri], start: "09:00", end: "18:00", timezone: Europe/Paris}
#       description: When customers work; planned maintenance must avoid it.
#     maintenance_notice_hours:
#       type: number
#       default: 24
#       description: Hours before its start a maintenance window must be announced.
#   remediation: >-
#     Move the window to an evening or weekend in the customers' timezone, and record its
#     announcement time (ICS CREATED, or announced in the YAML calendar) when customers are told.
package vouch.controls.sla.maintenance_windows

import data.vouch.lib

bh := input.params.business_hours

minute_ns := 60000000000

hm(s) := (to_number(split(s, ":")[0]) * 60) + to_number(split(s, ":")[1])

in_business_hours(ns) if {
	substring(time.weekday([ns, bh.timezone]), 0, 3) in bh.days
	c := time.clock([ns, bh.timezone])
	m := (c[0] * 60) + c[1]
	m >= hm(bh.start)
	m < hm(bh.end)
}

# the first minute of a window inside business hours, if any (windows are
# walked minute by minute, up to a week)
first_busy(w) := min({ns |
	s := time.parse_rfc3339_ns(w.start)
	n := ceil((time.parse_rfc3339_ns(w.end) - s) / minute_ns)
	some i in numbers.range(0, min({n, 10080}) - 1)
	ns := s + (i * minute_ns)
	in_business_hours(ns)
})

error contains msg if some msg in lib.missing({"sla.maintenance"})

error contains msg if {
	some w in input.sla.maintenance
	time.parse_rfc3339_ns(w.end) - time.parse_rfc3339_ns(w.start) > 10080 * minute_ns
	msg := sprintf("maintenance %q (%s) lasts more than a week; it is not a maintenance window", [w.summary, w.source])
}

deny contains {"msg": msg, "data": {"window": w, "first_business_minute": t}} if {
	some w in input.sla.maintenance
	ns := first_busy(w)
	t := time.format([ns, bh.timezone, "Mon 2006-01-02 15:04 MST"])
	msg := sprintf("maintenance %q (%s to %s) runs inside business hours from %s", [w.summary, w.start, w.end, t])
}

deny contains {"msg": msg, "data": {"window": w}} if {
	some w in input.sla.maintenance
	w.announced == null
	msg := sprintf("maintenance %q (%s) has no announcement time in the calendar", [w.summary, w.start])
}

deny contains {"msg": msg, "data": {"window": w, "notice_hours": w.announced_hours_before}} if {
	some w in input.sla.maintenance
	w.announced != null
	w.announced_hours_before < input.params.maintenance_notice_hours
	msg := sprintf("maintenance %q (%s) was announced %v hours before it started, below %v", [w.summary, w.start, w.announced_hours_before, input.params.maintenance_notice_hours])
}

evidence contains {"msg": msg, "data": {"window": w}} if {
	some w in input.sla.maintenance
	msg := sprintf("maintenance %q %s to %s, announced %v hours before", [w.summary, w.start, w.end, w.announced_hours_before])
}
