package vouch.controls.bak.backup_integrity_test

import data.vouch.controls.bak.backup_integrity

doc(integrity) := {
	"backup": {"declared": ["app"], "sets": {"app": {"backups": [{"id": "app-2.tar.gz.gpg", "integrity": integrity}, {"id": "app-1.tar.gz.gpg"}], "anomalies": []}}},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {},
}

test_intact_newest_archive_passes if {
	i := doc({"checked": true, "ok": true, "method": "openpgp packets", "detail": "packets parse to the end of the file"})
	backup_integrity.deny == set() with input as i
	backup_integrity.error == set() with input as i
}

test_truncated_newest_archive_fails if {
	bad := {"checked": true, "ok": false, "method": "openpgp packets", "detail": "encrypted integrity protected data packet at offset 96: body: data ends inside a packet (truncated)"}
	i := doc(bad)
	backup_integrity.deny == {{"msg": "backup set app: newest backup app-2.tar.gz.gpg is damaged (openpgp packets): encrypted integrity protected data packet at offset 96: body: data ends inside a packet (truncated)", "data": {"set": "app", "backup": "app-2.tar.gz.gpg", "integrity": bad}}} with input as i
}

test_uncheckable_format_errors if {
	i := doc({"checked": false, "ok": false, "method": "none", "detail": "neither OpenPGP nor gzip: no structure to check"})
	backup_integrity.error == {"backup set app: integrity of app-2.tar.gz.gpg cannot be checked: neither OpenPGP nor gzip: no structure to check"} with input as i
	backup_integrity.deny == set() with input as i
}

test_empty_set_errors if {
	i := {"backup": {"declared": ["app"], "sets": {"app": {"backups": [], "anomalies": []}}}, "errors": {}, "now": "2026-12-01T12:00:00Z", "params": {}}
	backup_integrity.error == {"backup set app holds no backup to check"} with input as i
}
