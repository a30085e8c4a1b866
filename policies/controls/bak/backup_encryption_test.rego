package vouch.controls.bak.backup_encryption_test

import data.vouch.controls.bak.backup_encryption

gpg := {"encrypted": true, "format": "openpgp", "method": "public-key", "key_ids": ["521FE516C28F1853"], "data_packet": "encrypted integrity protected data v1"}

plain := {"encrypted": false, "format": "none", "detail": "gzip data"}

doc(backups) := {
	"backup": {"declared": ["app"], "sets": {"app": {"name": "app", "backups": [{"id": id, "encryption": e} | some id, e in backups], "anomalies": []}}},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {},
}

test_gpg_encrypted_archives_pass if {
	i := doc({"a-1.tar.gz.gpg": gpg, "a-2.tar.gz.gpg": gpg})
	backup_encryption.deny == set() with input as i
	backup_encryption.error == set() with input as i
	backup_encryption.evidence == {{"msg": "backup set app: 2 backups, all encrypted (openpgp public-key)", "data": {"set": "app", "count": 2}}} with input as i
}

test_plain_tarball_fails if {
	i := doc({"a-1.tar.gz.gpg": gpg, "a-2.tar.gz.gpg": plain})
	backup_encryption.deny == {{"msg": "backup set app: a-2.tar.gz.gpg is not encrypted (gzip data)", "data": {"set": "app", "backup": "a-2.tar.gz.gpg", "encryption": plain}}} with input as i
}

test_unreadable_set_errors if {
	i := {"backup": {"declared": ["app"], "sets": {}}, "errors": {"backup.sets.app": "read archive directory /var/backups/app: permission denied"}, "now": "2026-12-01T12:00:00Z", "params": {}}
	backup_encryption.error == {"backup set app could not be read: read archive directory /var/backups/app: permission denied"} with input as i
	backup_encryption.deny == set() with input as i
}
