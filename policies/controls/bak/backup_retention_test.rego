package vouch.controls.bak.backup_retention_test

import data.vouch.controls.bak.backup_retention

day_ns := 86400000000000

now := "2026-12-02T12:00:00Z"

# one backup at 02:00 every day for n days, counting back from today
daily(n) := [{"id": sprintf("d%d", [i]), "instance": "app", "time": time.format([time.parse_rfc3339_ns("2026-12-02T02:00:00Z") - (i * day_ns), "UTC", "2006-01-02T15:04:05Z07:00"])} | some i in numbers.range(0, n - 1)]

# the per-instance summary the scanner derives from the backups
instances(backups) := {inst: {"days": {floor(time.parse_rfc3339_ns(b.time) / day_ns) | some b in backups; b.instance == inst}} |
	some inst in {b.instance | some b in backups}
}

doc(backups, retention) := {
	"backup": {"declared": ["app"], "sets": {"app": {"name": "app", "backups": backups, "instances": instances(backups), "anomalies": []}}},
	"errors": {},
	"now": now,
	"params": {"retention": retention},
}

# what restic forget --keep-daily 7 --keep-weekly 4 --keep-monthly 3 leaves on 2026-12-02
gfs := array.concat(daily(7), [
	{"id": "w1", "instance": "app", "time": "2026-11-22T02:00:00Z"},
	{"id": "w2", "instance": "app", "time": "2026-11-15T02:00:00Z"},
	{"id": "m1", "instance": "app", "time": "2026-10-31T02:00:00Z"},
])

test_twenty_daily_backups_pass if {
	i := doc(daily(20), {"daily": 20})
	backup_retention.deny == set() with input as i
	backup_retention.error == set() with input as i
}

test_nineteen_daily_backups_fail if {
	i := doc(daily(19), {"daily": 20})
	backup_retention.deny == {{"msg": "backup set app, instance app: daily retention needs 20, 19 kept", "data": {"set": "app", "instance": "app", "tier": "daily", "want": 20, "have": 19}}} with input as i
}

test_gfs_schedule_passes if {
	i := doc(gfs, {"daily": 7, "weekly": 4, "monthly": 3})
	backup_retention.deny == set() with input as i
}

test_gfs_without_last_month_fails if {
	i := doc([b | some b in gfs; b.id != "m1"], {"daily": 7, "weekly": 4, "monthly": 3})
	backup_retention.deny == {{"msg": "backup set app, instance app: monthly retention needs 3, 2 kept", "data": {"set": "app", "instance": "app", "tier": "monthly", "want": 3, "have": 2}}} with input as i
}

test_backups_beyond_the_schedule_pass_with_a_warning if {
	i := doc(daily(30), {"daily": 20})
	backup_retention.deny == set() with input as i
	{"msg": "warning: backup set app keeps 9 backups beyond the retention schedule", "data": {"set": "app", "beyond": 9}} in backup_retention.evidence with input as i
}

test_empty_retention_errors if {
	i := doc(daily(3), {})
	backup_retention.error == {"retention {} names no daily, weekly or monthly count"} with input as i
}

test_unreadable_set_errors if {
	i := {"backup": {"declared": ["app"], "sets": {}}, "errors": {"backup.sets.app": "read archive directory /b: no such file or directory"}, "now": now, "params": {"retention": {"daily": 20}}}
	backup_retention.error == {"backup set app could not be read: read archive directory /b: no such file or directory"} with input as i
}

test_instance_with_fewer_backups_than_its_neighbours_fails if {
	other := [object.union(b, {"instance": "beta"}) | some b in daily(5)]
	i := doc(array.concat(daily(20), other), {"daily": 20})
	backup_retention.deny == {{"msg": "backup set app, instance beta: daily retention needs 20, 5 kept", "data": {"set": "app", "instance": "beta", "tier": "daily", "want": 20, "have": 5}}} with input as i
}
