package vouch.controls.sla.recovery_objectives_test

import data.vouch.controls.sla.recovery_objectives

restore(seconds) := {"time": "2026-11-20T03:00:00Z", "duration_seconds": seconds, "outcome": "success", "backup": "app/x", "who": "bot", "line": 1}

doc(rpos, tests, rpo) := {
	"backup": {"sets": {name: {"rpo_hours": r} | some name, r in rpos}, "restore_tests": tests},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {"rpo_hours": rpo, "rto_hours": 48},
}

test_daily_backups_and_a_quick_restore_pass if {
	i := doc({"app": 24, "offsite": 30}, [restore(7200)], 24)
	recovery_objectives.deny == set() with input as i
	recovery_objectives.error == set() with input as i
	recovery_objectives.evidence == {{"msg": "achieved RPO 24 hours, RTO 2 hours", "data": {"rpo_hours": 24, "rto_hours": 2}}} with input as i
}

test_daily_backups_fail_a_two_hour_rpo if {
	i := doc({"app": 24}, [restore(7200)], 2)
	recovery_objectives.deny == {{"msg": "achieved RPO is 24 hours (the best set's longest gap without a backup), above the 2 promised", "data": {"rpo_hours": 24, "objective": 2}}} with input as i
}

test_slow_restore_fails if {
	i := doc({"app": 24}, [restore(3600 * 50)], 24)
	recovery_objectives.deny == {{"msg": "achieved RTO is 50 hours (restore test of 2026-11-20T03:00:00Z), above the 48 promised", "data": {"rto_hours": 50, "objective": 48, "restore": restore(3600 * 50)}}} with input as i
}

test_no_successful_restore_errors if {
	i := doc({"app": 24}, [], 24)
	recovery_objectives.error == {"no restore test succeeded: the achieved RTO is unknown"} with input as i
}

test_missing_backup_facts_error if {
	i := {"backup": {"sets": null, "restore_tests": null}, "errors": {"backup.sets": "no backup sets are declared (backups: in vouch.yaml)", "backup.restore_tests": "no restore-test record file is configured (restore_tests: in vouch.yaml)"}, "now": "2026-12-01T12:00:00Z", "params": {"rpo_hours": 24, "rto_hours": 48}}
	recovery_objectives.error == {
		"facts backup.sets not collected: no backup sets are declared (backups: in vouch.yaml)",
		"facts backup.restore_tests not collected: no restore-test record file is configured (restore_tests: in vouch.yaml)",
	} with input as i
}
