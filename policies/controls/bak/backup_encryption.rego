# METADATA
# title: Every backup is encrypted
# description: >-
#   Backups are promised encrypted with a GPG key and encrypted at rest. For an
#   archive the control reads its OpenPGP packets: a session key encrypted to a
#   public key (or a passphrase) followed by an encrypted data packet; anything
#   else, a plain tarball or a signed-only message, fails. restic repositories
#   are always encrypted by the repository format, which restic proves by
#   listing the snapshots only with the key.
# custom:
#   id: BAK-002
#   severity: high
#   claim: "The backup is a complete snapshot which is encrypted by a GPG key"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Backups
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [backup.sets]
#   remediation: >-
#     Encrypt every archive before it leaves the host (gpg --encrypt -r INSTANCE-KEY), remove or
#     re-encrypt the plain ones, or move the set to a restic repository.
package vouch.controls.bak.backup_encryption

import data.vouch.lib

error contains msg if some msg in lib.missing({"backup.sets"})

error contains msg if {
	some name in input.backup.declared
	not input.backup.sets[name]
	msg := sprintf("backup set %s could not be read: %s", [name, object.get(input.errors, concat(".", ["backup.sets", name]), "no facts")])
}

deny contains {"msg": msg, "data": {"set": name, "backup": b.id, "encryption": b.encryption}} if {
	some name, set in input.backup.sets
	some b in set.backups
	not b.encryption.encrypted
	msg := sprintf("backup set %s: %s is not encrypted (%s)", [name, b.id, object.get(b.encryption, "detail", b.encryption.format)])
}

evidence contains {"msg": msg, "data": {"set": name, "count": count(set.backups)}} if {
	some name, set in input.backup.sets
	formats := {sprintf("%s %s", [b.encryption.format, object.get(b.encryption, "method", "")]) | some b in set.backups}
	msg := sprintf("backup set %s: %d backups, all encrypted (%s)", [name, count(set.backups), concat(", ", sort(formats))])
}
