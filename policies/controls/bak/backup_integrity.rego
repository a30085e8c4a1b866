# METADATA
# title: The newest backup of every set is intact
# description: >-
#   Backup and restore scripts are promised to be tested and challenged. The
#   control checks the newest backup of each set: an OpenPGP archive must parse
#   packet by packet to its last byte (a truncated upload fails), a gzip stream
#   must decompress to its end, and a restic repository must pass restic check.
# custom:
#   id: BAK-007
#   severity: high
#   claim: "We also regularly test and challenge our backup and restoration scripts"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Backups
#   facts: [backup.sets]
#   remediation: >-
#     Re-run the backup of the damaged set and verify the copy after upload (gpg --list-packets,
#     restic check); investigate the storage that damaged it.
package vouch.controls.bak.backup_integrity

import data.vouch.lib

error contains msg if some msg in lib.missing({"backup.sets"})

error contains msg if {
	some name in input.backup.declared
	not input.backup.sets[name]
	msg := sprintf("backup set %s could not be read: %s", [name, object.get(input.errors, concat(".", ["backup.sets", name]), "no facts")])
}

error contains msg if {
	some name, set in input.backup.sets
	count(set.backups) == 0
	msg := sprintf("backup set %s holds no backup to check", [name])
}

error contains msg if {
	some name, set in input.backup.sets
	b := set.backups[0]
	not b.integrity
	msg := sprintf("backup set %s: integrity of %s was not checked", [name, b.id])
}

error contains msg if {
	some name, set in input.backup.sets
	b := set.backups[0]
	b.integrity.checked == false
	msg := sprintf("backup set %s: integrity of %s cannot be checked: %s", [name, b.id, b.integrity.detail])
}

deny contains {"msg": msg, "data": {"set": name, "backup": b.id, "integrity": b.integrity}} if {
	some name, set in input.backup.sets
	b := set.backups[0]
	b.integrity.checked == true
	b.integrity.ok == false
	msg := sprintf("backup set %s: newest backup %s is damaged (%s): %s", [name, b.id, b.integrity.method, b.integrity.detail])
}

evidence contains {"msg": msg, "data": {"set": name, "backup": b.id}} if {
	some name, set in input.backup.sets
	b := set.backups[0]
	b.integrity.ok == true
	msg := sprintf("backup set %s: newest backup %s passes %s", [name, b.id, b.integrity.method])
}
