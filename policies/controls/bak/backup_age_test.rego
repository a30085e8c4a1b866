package vouch.controls.bak.backup_age_test

import data.vouch.controls.bak.backup_age

set(name, times, extra) := with_instances(object.union({
	"name": name, "type": "archive", "location": "dc1", "source": "/var/backups/app", "max_age_hours": null,
	"backups": [{"id": sprintf("app-%d", [i]), "time": t, "instance": "app", "encryption": {"encrypted": true}} | some i, t in times],
	"anomalies": [],
}, extra))

# the per-instance summary the scanner derives from the backups (newest first)
with_instances(s) := object.union(s, {"instances": {inst: {"count": count(bs), "newest": bs[0].id, "newest_time": bs[0].time} |
	some inst in {b.instance | some b in s.backups}
	bs := [b | some b in s.backups; b.instance == inst]
}})

doc(sets, errors) := {
	"backup": {"declared": object.keys(sets) | {k | some e, _ in errors; k := trim_prefix(e, "backup.sets.")}, "sets": sets},
	"errors": errors,
	"params": {"backup_max_age_hours": 24},
	"now": "2026-12-01T12:00:00Z",
}

test_backup_from_this_morning_passes if {
	i := doc({"app": set("app", ["2026-12-01T02:00:00Z", "2026-11-30T02:00:00Z"], {})}, {})
	backup_age.deny == set() with input as i
	backup_age.error == set() with input as i
}

test_backup_older_than_a_day_fails if {
	i := doc({"app": set("app", ["2026-11-30T06:00:00Z"], {})}, {})
	backup_age.deny == {{"msg": "backup set app, instance app: newest backup app-0 is 30 hours old, above 24", "data": {"set": "app", "instance": "app", "newest": "app-0", "time": "2026-11-30T06:00:00Z", "age_hours": 30, "max_age_hours": 24}}} with input as i
}

test_set_limit_overrides_the_parameter_and_fails if {
	i := doc({"db": set("db", ["2026-12-01T09:00:00Z"], {"max_age_hours": 2})}, {})
	backup_age.deny == {{"msg": "backup set db, instance app: newest backup app-0 is 3 hours old, above 2", "data": {"set": "db", "instance": "app", "newest": "app-0", "time": "2026-12-01T09:00:00Z", "age_hours": 3, "max_age_hours": 2}}} with input as i
}

test_empty_set_fails if {
	i := doc({"app": set("app", [], {})}, {})
	backup_age.deny == {{"msg": "backup set app (/var/backups/app) holds no backups", "data": {"set": "app"}}} with input as i
}

test_unreadable_set_errors if {
	i := doc({}, {"backup.sets.offsite": "list restic snapshots of /srv/restic: restic exited 1: Fatal: wrong password or no key found"})
	backup_age.error == {"backup set offsite could not be read: list restic snapshots of /srv/restic: restic exited 1: Fatal: wrong password or no key found"} with input as i
	backup_age.deny == set() with input as i
}

test_future_dated_file_errors if {
	i := doc({"app": set("app", ["2026-12-01T02:00:00Z"], {"anomalies": [{"id": "app-20270101T000000Z.tar.gz.gpg", "reason": "time 2027-01-01T00:00:00Z in the file name is in the future"}]})}, {})
	backup_age.error == {"backup set app: app-20270101T000000Z.tar.gz.gpg is not counted as a backup: time 2027-01-01T00:00:00Z in the file name is in the future"} with input as i
}

test_no_sets_declared_errors if {
	i := {"backup": {"declared": [], "sets": null}, "errors": {"backup.sets": "no backup sets are declared (backups: in vouch.yaml)"}, "params": {"backup_max_age_hours": 24}, "now": "2026-12-01T12:00:00Z"}
	backup_age.error == {"facts backup.sets not collected: no backup sets are declared (backups: in vouch.yaml)"} with input as i
}

test_one_stale_instance_among_fresh_ones_fails if {
	s := with_instances(object.union(set("app", ["2026-12-01T02:00:00Z"], {}), {"backups": [
		{"id": "alpha-1", "time": "2026-12-01T02:00:00Z", "instance": "alpha"},
		{"id": "beta-1", "time": "2026-11-28T02:00:00Z", "instance": "beta"},
	]}))
	i := doc({"app": s}, {})
	backup_age.deny == {{"msg": "backup set app, instance beta: newest backup beta-1 is 82 hours old, above 24", "data": {"set": "app", "instance": "beta", "newest": "beta-1", "time": "2026-11-28T02:00:00Z", "age_hours": 82, "max_age_hours": 24}}} with input as i
}
