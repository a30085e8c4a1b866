# METADATA
# title: Each instance's backups are encrypted to its own key
# description: >-
#   Each instance's backup is promised to be encrypted by a GPG key dedicated
#   to it, so one leaked key opens one instance only. The control gathers the
#   recipient key ids of every OpenPGP archive (from the public-key encrypted
#   session key packets) and fails per key that encrypts backups of more than
#   one instance. restic sets carry no per-instance key and are not judged here.
# custom:
#   id: BAK-005
#   severity: medium
#   claim: "encrypted by a GPG key (dedicated to the instance/project)"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Backups
#   facts: [backup.sets]
#   remediation: >-
#     Generate one encryption key per instance (gpg --quick-gen-key INSTANCE) and encrypt each
#     instance's archives to its own key only.
package vouch.controls.bak.backup_keys

import data.vouch.lib

keyed := [{"key": k, "instance": inst, "set": name} |
	some name, set in input.backup.sets
	some inst, s in set.instances
	some k in s.key_ids
]

instances_of(k) := {e.instance | some e in keyed; e.key == k}

error contains msg if some msg in lib.missing({"backup.sets"})

error contains msg if {
	some name in input.backup.declared
	not input.backup.sets[name]
	msg := sprintf("backup set %s could not be read: %s", [name, object.get(input.errors, concat(".", ["backup.sets", name]), "no facts")])
}

deny contains {"msg": msg, "data": {"key_id": k, "instances": sort(insts)}} if {
	some k in {e.key | some e in keyed}
	insts := instances_of(k)
	count(insts) > 1
	msg := sprintf("key %s encrypts the backups of %d instances: %s", [k, count(insts), concat(", ", sort(insts))])
}

evidence contains {"msg": msg, "data": {"instance": inst, "key_ids": sort(keys)}} if {
	some inst in {e.instance | some e in keyed}
	keys := {e.key | some e in keyed; e.instance == inst}
	msg := sprintf("instance %s: backups encrypted to %s", [inst, concat(", ", sort(keys))])
}
