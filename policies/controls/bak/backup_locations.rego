# METADATA
# title: Fresh backups are held in enough distinct locations
# description: >-
#   Backups are promised on two different servers, one in another datacentre.
#   The control counts the distinct declared locations of the sets whose newest
#   backup is within the set's age limit, and fails when there are fewer than
#   backup_min_locations: a stale copy does not count as a second place.
# custom:
#   id: BAK-004
#   severity: high
#   claim: "on two different servers, one of which must be located in another datacenter than your service"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: Backup management
#   facts: [backup.sets]
#   parameters:
#     backup_min_locations:
#       type: integer
#       default: 2
#       description: Distinct locations that must hold a fresh backup.
#     backup_max_age_hours:
#       type: number
#       default: 24
#       description: Hours the newest backup of a set may be old, unless the set declares max_age_hours.
#   remediation: >-
#     Copy the backups to a second site (rsync to the backup node, restic copy to an offsite
#     repository) and declare that set with its location in vouch.yaml.
package vouch.controls.bak.backup_locations

import data.vouch.lib

limit(set) := set.max_age_hours if object.get(set, "max_age_hours", null) != null

limit(set) := input.params.backup_max_age_hours if object.get(set, "max_age_hours", null) == null

fresh(set) if {
	b := set.backups[0]
	(lib.now_ns - time.parse_rfc3339_ns(b.time)) / 3600000000000 <= limit(set)
}

locations := {set.location | some set in input.backup.sets; fresh(set)}

error contains msg if some msg in lib.missing({"backup.sets"})

error contains msg if {
	some name in input.backup.declared
	not input.backup.sets[name]
	msg := sprintf("backup set %s could not be read: %s", [name, object.get(input.errors, concat(".", ["backup.sets", name]), "no facts")])
}

deny contains {"msg": msg, "data": {"locations": sort(locations), "min": input.params.backup_min_locations}} if {
	input.backup.sets != null
	count(locations) < input.params.backup_min_locations
	msg := sprintf("%d location(s) hold a fresh backup (%s), below %d", [count(locations), concat(", ", sort(locations)), input.params.backup_min_locations])
}

evidence contains {"msg": msg, "data": {"locations": sort(locations)}} if {
	msg := sprintf("fresh backups in %d locations: %s", [count(locations), concat(", ", sort(locations))])
}
