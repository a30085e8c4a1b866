package vouch.controls.sla.unplanned_downtime_test

import data.vouch.controls.sla.unplanned_downtime

m(month, down, unknown) := {"service": "web", "month": month, "unplanned_downtime_minutes": down, "unknown_minutes": unknown, "incidents": 2}

doc(months) := {"sla": {"months": months}, "errors": {}, "now": "2026-09-01T00:00:00Z", "params": {"max_unplanned_downtime_minutes": 45, "sla_services": []}}

test_44_minutes_pass if {
	i := doc([m("2026-07", 44, 0)])
	unplanned_downtime.deny == set() with input as i
	unplanned_downtime.error == set() with input as i
}

test_46_minutes_fail if {
	i := doc([m("2026-07", 44, 0), m("2026-08", 46, 0)])
	unplanned_downtime.deny == {{"msg": "web 2026-08: 46 minutes of unplanned downtime in 2 incidents, above 45", "data": {"service": "web", "month": "2026-08", "minutes": 46, "incidents": 2, "limit": 45}}} with input as i
}

test_gaps_that_could_exceed_the_budget_error if {
	i := doc([m("2026-08", 40, 10)])
	unplanned_downtime.error == {"web 2026-08: 40 minutes down and 10 minutes without data: the 45-minute budget cannot be decided"} with input as i
}

test_missing_months_error if {
	i := {"sla": {}, "errors": {"sla.months": "no availability source is configured (availability: in vouch.yaml)"}, "now": "2026-09-01T00:00:00Z", "params": {"max_unplanned_downtime_minutes": 45, "sla_services": []}}
	unplanned_downtime.error == {"facts sla.months not collected: no availability source is configured (availability: in vouch.yaml)"} with input as i
}
