package vouch.controls.bak.restore_tests_test

import data.vouch.controls.bak.restore_tests

ok := {"time": "2026-11-20T03:00:00Z", "duration_seconds": 5400, "outcome": "success", "backup": "app-archives/app-20261120T020000Z.tar.gz.gpg", "who": "restore-bot", "line": 1}

failed := {"time": "2026-11-28T03:00:00Z", "duration_seconds": 600, "outcome": "failure", "backup": "offsite/4f1c2a", "who": "alice", "line": 2}

doc(records) := {
	"backup": {"restore_tests": records},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {"restore_test_max_age_days": 31, "rto_hours": 48},
}

test_recent_quick_restore_passes if {
	i := doc([ok, failed])
	restore_tests.deny == set() with input as i
	restore_tests.error == set() with input as i
	restore_tests.evidence == {{"msg": "restore of app-archives/app-20261120T020000Z.tar.gz.gpg by restore-bot succeeded on 2026-11-20T03:00:00Z in 90 minutes", "data": {"last": ok}}} with input as i
}

test_old_restore_test_fails if {
	old := object.union(ok, {"time": "2026-09-01T03:00:00Z"})
	i := doc([old])
	restore_tests.deny == {{"msg": "the last successful restore test (2026-09-01T03:00:00Z, app-archives/app-20261120T020000Z.tar.gz.gpg) is 91 days old, above 31", "data": {"last": old, "days": 91}}} with input as i
}

test_restore_slower_than_the_rto_fails if {
	slow := object.union(ok, {"duration_seconds": 180000})
	i := doc([slow])
	restore_tests.deny == {{"msg": "the last successful restore test (2026-11-20T03:00:00Z) took 50 hours, above the RTO of 48", "data": {"last": slow, "hours": 50}}} with input as i
}

test_only_failed_tests_fail if {
	i := doc([failed])
	restore_tests.deny == {{"msg": "no successful restore test is recorded", "data": {"records": 1}}} with input as i
}

test_unreadable_records_error if {
	i := {"backup": {"restore_tests": null}, "errors": {"backup.restore_tests": "restore-test records /var/log/vouch/restore-tests.jsonl:3: invalid character 'x'"}, "now": "2026-12-01T12:00:00Z", "params": {"restore_test_max_age_days": 31, "rto_hours": 48}}
	restore_tests.error == {"facts backup.restore_tests not collected: restore-test records /var/log/vouch/restore-tests.jsonl:3: invalid character 'x'"} with input as i
	restore_tests.deny == set() with input as i
}
