package vouch.controls.sla.maintenance_windows_test

import data.vouch.controls.sla.maintenance_windows

params := {
	"business_hours": {"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "start": "09:00", "end": "18:00", "timezone": "Europe/Paris"},
	"maintenance_notice_hours": 24,
}

# Saturday 2026-08-15, 22:00-24:00 in Paris
saturday_night := {"start": "2026-08-15T20:00:00Z", "end": "2026-08-15T22:00:00Z", "summary": "database upgrade", "announced": "2026-08-10T09:00:00Z", "announced_hours_before": 131, "excluded": true, "source": "m.yaml:2"}

doc(ws) := {"sla": {"maintenance": ws}, "errors": {}, "now": "2026-09-01T00:00:00Z", "params": params}

test_announced_weekend_night_window_passes if {
	i := doc([saturday_night])
	maintenance_windows.deny == set() with input as i
	maintenance_windows.error == set() with input as i
}

test_window_running_into_monday_morning_fails if {
	# Monday 2026-08-17 08:00-10:00 Paris: 09:00 is business time
	w := object.union(saturday_night, {"start": "2026-08-17T06:00:00Z", "end": "2026-08-17T08:00:00Z", "announced_hours_before": 165})
	i := doc([w])
	maintenance_windows.deny == {{"msg": "maintenance \"database upgrade\" (2026-08-17T06:00:00Z to 2026-08-17T08:00:00Z) runs inside business hours from Mon 2026-08-17 09:00 CEST", "data": {"window": w, "first_business_minute": "Mon 2026-08-17 09:00 CEST"}}} with input as i
}

test_window_ending_at_opening_time_passes if {
	w := object.union(saturday_night, {"start": "2026-08-17T05:00:00Z", "end": "2026-08-17T07:00:00Z"})
	maintenance_windows.deny == set() with input as doc([w])
}

test_unannounced_window_fails if {
	w := object.union(saturday_night, {"announced": null, "announced_hours_before": null, "excluded": false})
	maintenance_windows.deny == {{"msg": "maintenance \"database upgrade\" (2026-08-15T20:00:00Z) has no announcement time in the calendar", "data": {"window": w}}} with input as doc([w])
}

test_short_notice_fails if {
	w := object.union(saturday_night, {"announced": "2026-08-15T12:00:00Z", "announced_hours_before": 8})
	maintenance_windows.deny == {{"msg": "maintenance \"database upgrade\" (2026-08-15T20:00:00Z) was announced 8 hours before it started, below 24", "data": {"window": w, "notice_hours": 8}}} with input as doc([w])
}

test_calendar_that_does_not_parse_errors if {
	i := {"sla": {"maintenance": null}, "errors": {"sla.maintenance": "maintenance calendar /etc/vouch/maintenance.ics:7: VEVENT without DTEND"}, "now": "2026-09-01T00:00:00Z", "params": params}
	maintenance_windows.error == {"facts sla.maintenance not collected: maintenance calendar /etc/vouch/maintenance.ics:7: VEVENT without DTEND"} with input as i
	maintenance_windows.deny == set() with input as i
}
