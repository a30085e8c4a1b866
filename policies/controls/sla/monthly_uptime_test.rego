package vouch.controls.sla.monthly_uptime_test

import data.vouch.controls.sla.monthly_uptime

m(service, month, up, lo, hi, down, unknown) := {
	"service": service, "month": month, "uptime_percent": up, "uptime_min_percent": lo, "uptime_max_percent": hi,
	"unplanned_downtime_minutes": down, "unknown_minutes": unknown, "coverage_percent": 100, "incidents": 2, "maintenance_minutes": 0,
}

july := m("web", "2026-07", 99.901434, 99.901434, 99.901434, 44, 0)

august := m("web", "2026-08", 99.896676, 99.896676, 99.896676, 46, 0)

doc(months, services, target) := {"sla": {"months": months}, "errors": {}, "now": "2026-09-01T00:00:00Z", "params": {"uptime_target_percent": target, "sla_services": services}}

test_month_above_target_passes if {
	i := doc([july], [], 99.9)
	monthly_uptime.deny == set() with input as i
	monthly_uptime.error == set() with input as i
	monthly_uptime.evidence == {{"msg": "web 2026-07: uptime 99.9014% (target 99.9%)", "data": {"service": "web", "month": "2026-07", "uptime_percent": 99.901434}}} with input as i
}

test_month_below_target_fails if {
	i := doc([july, august], [], 99.9)
	monthly_uptime.deny == {{"msg": "web 2026-08: uptime 99.8967% below 99.9% (46 minutes of unplanned downtime, 2 incidents)", "data": {"service": "web", "month": "2026-08", "uptime_percent": 99.896676, "target": 99.9, "unplanned_downtime_minutes": 46}}} with input as i
}

test_month_passes_a_99_percent_target if {
	i := doc([august], [], 99)
	monthly_uptime.deny == set() with input as i
}

test_gaps_that_hide_the_answer_error if {
	gappy := object.union(m("api", "2026-08", 99.95, 99.5, 99.99, 20, 200), {"coverage_percent": 99.55})
	i := doc([gappy], [], 99.9)
	monthly_uptime.error == {"api 2026-08: uptime is between 99.5% and 99.99% with 200 minutes without data (coverage 99.55%); the target 99.9% cannot be decided"} with input as i
	monthly_uptime.deny == set() with input as i
}

test_listed_service_without_data_errors if {
	i := doc([july], ["web", "billing"], 99.9)
	monthly_uptime.error == {"service billing has no availability data"} with input as i
}

test_availability_not_collected_errors if {
	i := {"sla": {"months": null}, "errors": {"sla.months": "prometheus /api/v1/query_range: dial tcp 127.0.0.1:9090: connect: connection refused"}, "now": "2026-09-01T00:00:00Z", "params": {"uptime_target_percent": 99.9, "sla_services": []}}
	monthly_uptime.error == {"facts sla.months not collected: prometheus /api/v1/query_range: dial tcp 127.0.0.1:9090: connect: connection refused"} with input as i
}
