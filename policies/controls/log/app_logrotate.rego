# METADATA
# title: Every application log has a logrotate rule
# description: >-
#   Each environment's logs need their own rotation, or they fill the disk and
#   are lost on truncation. The control fails for each path in app_log_paths
#   that no logrotate rule covers. Without app_log_paths it is skipped.
# custom:
#   id: LOG-003
#   severity: low
#   claim: "Logging on each environment and a specific logrotate for each."
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [host.logrotate]
#   parameters:
#     app_log_paths:
#       type: array
#       default: []
#       description: Absolute paths of the application's log files (e.g. /var/log/app/app.log). Empty skips the control.
#   remediation: Add a block for the path to /etc/logrotate.d/<application>.
package vouch.controls.log.app_logrotate

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.logrotate"})

skip contains "no app_log_paths are configured: name the application's log files" if {
	count(input.params.app_log_paths) == 0
}

deny contains {"msg": msg, "data": {"path": path}} if {
	input.host.logrotate
	some path in input.params.app_log_paths
	not covered(path)
	msg := sprintf("%s has no logrotate rule", [path])
}

covered(path) if {
	some r in input.host.logrotate.rules
	some p in r.patterns
	lib.logrotate_covers(p, path)
}

evidence contains {"msg": msg, "data": {"path": path, "rule": object.filter(r, ["file", "line", "patterns"])}} if {
	some path in input.params.app_log_paths
	some r in input.host.logrotate.rules
	some p in r.patterns
	lib.logrotate_covers(p, path)
	msg := sprintf("%s is rotated by %s:%d", [path, r.file, r.line])
}
