# METADATA
# title: A recent restore test succeeded within the RTO
# description: >-
#   The migration (restore) procedure is promised to run at least once a month
#   and a restore to finish within the RTO. The control reads the restore-test
#   records and fails when the last successful test is older than
#   restore_test_max_age_days, took longer than rto_hours, or none succeeded.
# custom:
#   id: BAK-006
#   severity: high
#   claim: "We use our migration procedure at least once a month"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Disaster Recovery Plan
#     - doc: 003_7131057a99cca39e.txt
#       section: Backups / Disaster Recovery
#   facts: [backup.restore_tests]
#   parameters:
#     restore_test_max_age_days:
#       type: integer
#       default: 31
#       description: Days allowed since the last successful restore test.
#     rto_hours:
#       type: number
#       default: 48
#       description: Recovery time objective in hours; a restore test must finish within it.
#   remediation: >-
#     Run the restore procedure from the newest backup into a scratch environment and append its
#     record (time, duration_seconds, outcome, backup, who) to the restore-test file.
package vouch.controls.bak.restore_tests

import data.vouch.lib

successes := [r | some r in input.backup.restore_tests; r.outcome == "success"]

last := r if {
	count(successes) > 0
	latest := max({time.parse_rfc3339_ns(s.time) | some s in successes})
	some r in successes
	time.parse_rfc3339_ns(r.time) == latest
}

error contains msg if some msg in lib.missing({"backup.restore_tests"})

deny contains {"msg": "no successful restore test is recorded", "data": {"records": count(input.backup.restore_tests)}} if {
	input.backup.restore_tests != null
	count(successes) == 0
}

deny contains {"msg": msg, "data": {"last": last, "days": days}} if {
	days := lib.days_since(last.time)
	days > input.params.restore_test_max_age_days
	msg := sprintf("the last successful restore test (%s, %s) is %d days old, above %d", [last.time, last.backup, days, input.params.restore_test_max_age_days])
}

deny contains {"msg": msg, "data": {"last": last, "hours": hours}} if {
	hours := round((last.duration_seconds / 3600) * 100) / 100
	hours > input.params.rto_hours
	msg := sprintf("the last successful restore test (%s) took %v hours, above the RTO of %v", [last.time, hours, input.params.rto_hours])
}

evidence contains {"msg": msg, "data": {"last": last}} if {
	msg := sprintf("restore of %s by %s succeeded on %s in %v minutes", [last.backup, last.who, last.time, round(last.duration_seconds / 60)])
}
