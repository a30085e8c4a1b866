package vouch.controls.bak.backup_locations_test

import data.vouch.controls.bak.backup_locations

s(loc, t) := {"location": loc, "max_age_hours": null, "backups": [{"id": "x", "time": t}], "anomalies": []}

doc(sets) := {
	"backup": {"declared": object.keys(sets), "sets": sets},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {"backup_min_locations": 2, "backup_max_age_hours": 24},
}

test_fresh_copies_in_two_datacentres_pass if {
	i := doc({"local": s("dc1", "2026-12-01T02:00:00Z"), "offsite": s("dc2", "2026-12-01T03:00:00Z")})
	backup_locations.deny == set() with input as i
	backup_locations.error == set() with input as i
}

test_stale_offsite_copy_fails if {
	i := doc({"local": s("dc1", "2026-12-01T02:00:00Z"), "offsite": s("dc2", "2026-11-20T03:00:00Z")})
	backup_locations.deny == {{"msg": "1 location(s) hold a fresh backup (dc1), below 2", "data": {"locations": ["dc1"], "min": 2}}} with input as i
}

test_two_sets_in_one_place_fail if {
	i := doc({"a": s("dc1", "2026-12-01T02:00:00Z"), "b": s("dc1", "2026-12-01T03:00:00Z")})
	count(backup_locations.deny) == 1 with input as i
}

test_unreadable_offsite_errors if {
	i := {
		"backup": {"declared": ["local", "offsite"], "sets": {"local": s("dc1", "2026-12-01T02:00:00Z"), "offsite2": s("dc2", "2026-12-01T02:00:00Z")}},
		"errors": {"backup.sets.offsite": "list restic snapshots of /srv/r: run restic: timed out after 2m0s"},
		"now": "2026-12-01T12:00:00Z",
		"params": {"backup_min_locations": 2, "backup_max_age_hours": 24},
	}
	backup_locations.error == {"backup set offsite could not be read: list restic snapshots of /srv/r: run restic: timed out after 2m0s"} with input as i
	backup_locations.deny == set() with input as i
}
