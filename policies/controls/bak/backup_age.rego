# METADATA
# title: Every backup set has a backup younger than its limit
# description: >-
#   The policies promise a daily backup per instance (and a database backup
#   every two hours), which bounds the data a disaster can lose. The control
#   reads the newest backup of each instance in each declared set, archive or
#   restic, and fails when it is older than the set's max_age_hours or
#   backup_max_age_hours. A set
#   that cannot be read, or holds files whose time does not parse or lies in
#   the future, is an error: such files are never counted as backups.
# custom:
#   id: BAK-001
#   severity: high
#   claim: "We run a daily backup process for each instance/project"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Backups
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: Backup management
#     - doc: 003_7131057a99cca39e.txt
#       section: Backups / Disaster Recovery
#   facts: [backup.sets]
#   parameters:
#     backup_max_age_hours:
#       type: number
#       default: 24
#       description: Hours the newest backup of a set may be old, unless the set declares max_age_hours.
#   remediation: >-
#     Check the backup job (cron, systemd timer, restic schedule) of the failing set, run it,
#     and make sure it writes into the directory or repository declared in vouch.yaml.
package vouch.controls.bak.backup_age

import data.vouch.lib

hour_ns := 3600000000000

limit(set) := set.max_age_hours if object.get(set, "max_age_hours", null) != null

limit(set) := input.params.backup_max_age_hours if object.get(set, "max_age_hours", null) == null

age_hours(ts) := round(((lib.now_ns - time.parse_rfc3339_ns(ts)) / hour_ns) * 100) / 100

error contains msg if some msg in lib.missing({"backup.sets"})

error contains msg if {
	some name in input.backup.declared
	not input.backup.sets[name]
	msg := sprintf("backup set %s could not be read: %s", [name, object.get(input.errors, concat(".", ["backup.sets", name]), "no facts")])
}

error contains msg if {
	some name, set in input.backup.sets
	some a in set.anomalies
	msg := sprintf("backup set %s: %s is not counted as a backup: %s", [name, a.id, a.reason])
}

deny contains {"msg": msg, "data": {"set": name}} if {
	some name, set in input.backup.sets
	count(set.backups) == 0
	msg := sprintf("backup set %s (%s) holds no backups", [name, set.source])
}

deny contains {"msg": msg, "data": {"set": name, "instance": inst, "newest": s.newest, "time": s.newest_time, "age_hours": age, "max_age_hours": limit(set)}} if {
	some name, set in input.backup.sets
	some inst, s in set.instances
	age := age_hours(s.newest_time)
	age > limit(set)
	msg := sprintf("backup set %s, instance %s: newest backup %s is %v hours old, above %v", [name, inst, s.newest, age, limit(set)])
}

evidence contains {"msg": msg, "data": {"set": name, "instance": inst, "newest": s.newest, "time": s.newest_time, "age_hours": age_hours(s.newest_time)}} if {
	some name, set in input.backup.sets
	some inst, s in set.instances
	msg := sprintf("backup set %s, instance %s: newest backup %s at %s (%v hours old, limit %v)", [name, inst, s.newest, s.newest_time, age_hours(s.newest_time), limit(set)])
}
