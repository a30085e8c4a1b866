# METADATA
# title: Application logs are kept for the promised period
# description: >-
#   Each application log path must be covered by a logrotate rule that keeps it
#   at least the promised number of days (rotate count x period, or maxage when
#   that is shorter). Without app_log_paths there is nothing to check and the
#   control is skipped.
# custom:
#   id: LOG-002
#   severity: low
#   claim: "we keep - by default - 14 weeks of web access/error logs and 52 weeks of app logs in our servers"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Log Management
#   facts: [host.logrotate]
#   parameters:
#     app_log_paths:
#       type: array
#       default: []
#       description: Absolute paths of the application's log files (e.g. /var/log/app/app.log). Empty skips the control.
#     app_log_retention_days:
#       type: integer
#       default: 364
#       description: Days application logs must be kept on the host (364 = 52 weeks).
#   remediation: >-
#     Add a rule in /etc/logrotate.d/ for each path with "weekly" and "rotate 52" (or
#     "daily" and "rotate 364") and no shorter maxage.
package vouch.controls.log.app_log_retention

import data.vouch.lib

limit := input.params.app_log_retention_days

error contains msg if some msg in lib.missing({"host.logrotate"})

skip contains "no app_log_paths are configured: name the application's log files" if {
	count(input.params.app_log_paths) == 0
}

rules_for(path) := [r |
	some r in input.host.logrotate.rules
	some p in r.patterns
	lib.logrotate_covers(p, path)
]

deny contains {"msg": msg, "data": {"path": path, "rules": []}} if {
	input.host.logrotate
	some path in input.params.app_log_paths
	count(rules_for(path)) == 0
	msg := sprintf("%s is not covered by any logrotate rule", [path])
}

error contains msg if {
	some path in input.params.app_log_paths
	some r in rules_for(path)
	not decided(r)
	msg := sprintf("%s is rotated by size only (%s:%d): how long it is kept is unknown", [path, r.file, r.line])
}

deny contains {"msg": msg, "data": {"path": path, "rule": r}} if {
	some path in input.params.app_log_paths
	some r in rules_for(path)
	decided(r)
	r.retention_days < limit
	msg := sprintf("%s is kept %d days by %s:%d (%s), below %d", [path, r.retention_days, r.file, r.line, how(r), limit])
}

decided(r) if r.period != "size"

decided(r) if object.get(r, "maxage", 0) > 0

how(r) := sprintf("%s, rotate %d, maxage %d", [r.period, r.rotate, r.maxage]) if {
	object.get(r, "maxage", 0) > 0
} else := sprintf("%s, rotate %d", [r.period, r.rotate])

evidence contains {"msg": msg, "data": {"path": path, "rule": r}} if {
	some path in input.params.app_log_paths
	some r in rules_for(path)
	decided(r)
	r.retention_days >= limit
	msg := sprintf("%s is kept %d days by %s:%d (%s)", [path, r.retention_days, r.file, r.line, how(r)])
}
