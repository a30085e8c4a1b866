# METADATA
# title: Authentication events are kept
# description: >-
#   Brute-force detection and investigations need the record of logins. Auth
#   events are kept when journald stores its journal persistently, or when the
#   auth log file (/var/log/auth.log or /var/log/secure) exists and a logrotate
#   rule rotates it. The control fails otherwise.
# custom:
#   id: LOG-004
#   severity: medium
#   claim: "We also have a centralized system logs management which consolidates all our logs (e.g.: syslog, auth, nginx access/error, security tools…)."
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Log Management
#   facts: [host.logs]
#   remediation: >-
#     Set Storage=persistent in /etc/systemd/journald.conf (or create /var/log/journal), or
#     install rsyslog so auth,authpriv.* goes to /var/log/auth.log, rotated by /etc/logrotate.d/rsyslog.
package vouch.controls.log.auth_log

import data.vouch.lib

logs := input.host.logs

auth := object.get(logs, "auth_log", null)

error contains msg if some msg in lib.missing({"host.logs"})

journal_keeps if logs.journal.persistent

file_keeps if {
	auth.exists
	auth.rotated
}

deny contains {"msg": msg, "data": logs} if {
	logs
	not journal_keeps
	not auth.exists
	msg := sprintf("no auth log file exists and journald storage is %s, so authentication events are lost at reboot", [logs.journal.storage])
}

deny contains {"msg": msg, "data": logs} if {
	not journal_keeps
	auth.exists
	not auth.rotated
	msg := sprintf("%s has no logrotate rule and journald storage is %s", [auth.path, logs.journal.storage])
}

evidence contains {"msg": sprintf("journald stores the journal persistently (Storage=%s)", [logs.journal.storage]), "data": logs.journal} if journal_keeps

evidence contains {"msg": sprintf("%s exists and is rotated", [auth.path]), "data": auth} if file_keeps
