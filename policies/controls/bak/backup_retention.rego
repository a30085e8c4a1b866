# METADATA
# title: Kept backups cover the retention schedule
# description: >-
#   The policies promise a retention schedule: 20 daily backups, or 1 a day for
#   7 days, 1 a week for 4 weeks and 1 a month for 3 months. As restic forget
#   and GFS rotation count them, each tier needs a backup in that many distinct
#   calendar days, ISO weeks or calendar months (UTC), looking back one period
#   more than the count so that today's backup may still be to come. The
#   control fails per set, instance and tier that falls short, and notes backups kept
#   beyond every tier (the pass evidence warns of them). Each instance of a set
#   is judged on its own backups.
# custom:
#   id: BAK-003
#   severity: medium
#   claim: "By default we keep a retention of 20 daily backups for each instance/project"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Backups
#     - doc: 003_7131057a99cca39e.txt
#       section: Backups / Disaster Recovery
#   facts: [backup.sets]
#   parameters:
#     retention:
#       type: object
#       default: {daily: 20}
#       description: "Backups to keep per tier, e.g. {daily: 7, weekly: 4, monthly: 3}."
#   remediation: >-
#     Align the pruning job with the promise (restic forget --keep-daily 7 --keep-weekly 4
#     --keep-monthly 3, or the archive rotation script) and let the schedule fill up.
package vouch.controls.bak.backup_retention

import data.vouch.lib

day_ns := 86400000000000

today := floor(lib.now_ns / day_ns)

tiers := [t |
	some unit in ["daily", "weekly", "monthly"]
	n := object.get(input.params.retention, unit, 0)
	n > 0
	t := {"unit": unit, "count": n}
]

# periods of a day number (days since 1970-01-01, UTC): ISO weeks start on
# Monday, and 1970-01-01 was a Thursday
period(unit, day) := day if unit == "daily"

period(unit, day) := floor((day + 3) / 7) if unit == "weekly"

period(unit, day) := (d[0] * 12 + d[1]) - 1 if {
	unit == "monthly"
	d := time.date(day * day_ns)
}

# periods holding a backup of the instance, within count+1 periods back from now
kept(s, t) := {p |
	some day in s.days
	p := period(t.unit, day)
	p >= period(t.unit, today) - t.count
}

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

error contains msg if {
	count(tiers) == 0
	msg := sprintf("retention %v names no daily, weekly or monthly count", [input.params.retention])
}

deny contains {"msg": msg, "data": {"set": name, "instance": inst, "tier": t.unit, "want": t.count, "have": have}} if {
	some name, set in input.backup.sets
	some inst, s in set.instances
	some t in tiers
	have := count(kept(s, t))
	have < t.count
	msg := sprintf("backup set %s, instance %s: %s retention needs %d, %d kept", [name, inst, t.unit, t.count, have])
}

# the oldest period start any tier reaches back to
horizon_ns := min({h |
	some t in tiers
	h := lib.now_ns - ((t.count + 1) * span_ns(t.unit))
})

span_ns(unit) := day_ns if unit == "daily"

span_ns(unit) := 7 * day_ns if unit == "weekly"

span_ns(unit) := 31 * day_ns if unit == "monthly"

evidence contains {"msg": msg, "data": {"set": name, "instance": inst, "tiers": {t.unit: count(kept(s, t)) | some t in tiers}}} if {
	some name, set in input.backup.sets
	some inst, s in set.instances
	msg := sprintf("backup set %s, instance %s keeps %s", [name, inst, concat(", ", [sprintf("%d %s", [count(kept(s, t)), t.unit]) | some t in tiers])])
}

evidence contains {"msg": msg, "data": {"set": name, "beyond": n}} if {
	some name, set in input.backup.sets
	n := count([b | some b in set.backups; time.parse_rfc3339_ns(b.time) < horizon_ns])
	n > 0
	msg := sprintf("warning: backup set %s keeps %d backups beyond the retention schedule", [name, n])
}
