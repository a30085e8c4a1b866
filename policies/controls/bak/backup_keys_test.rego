package vouch.controls.bak.backup_keys_test

import data.vouch.controls.bak.backup_keys

b(inst, key) := {"id": sprintf("%s.gpg", [inst]), "instance": inst, "encryption": {"encrypted": true, "format": "openpgp", "key_ids": [key]}}

# the per-instance summary the scanner derives from the backups
instances(backups) := {inst: {"key_ids": sort({k | some b in backups; b.instance == inst; some k in b.encryption.key_ids})} |
	some inst in {b.instance | some b in backups}
}

doc(backups) := {
	"backup": {"declared": ["app"], "sets": {"app": {"backups": backups, "instances": instances(backups), "anomalies": []}}},
	"errors": {},
	"now": "2026-12-01T12:00:00Z",
	"params": {},
}

test_one_key_per_instance_passes if {
	i := doc([b("alpha", "AAAAAAAAAAAAAAAA"), b("alpha", "AAAAAAAAAAAAAAAA"), b("beta", "BBBBBBBBBBBBBBBB")])
	backup_keys.deny == set() with input as i
	backup_keys.error == set() with input as i
}

test_two_instances_sharing_a_key_fail if {
	i := doc([b("alpha", "AAAAAAAAAAAAAAAA"), b("beta", "BBBBBBBBBBBBBBBB"), b("gamma", "BBBBBBBBBBBBBBBB")])
	backup_keys.deny == {{"msg": "key BBBBBBBBBBBBBBBB encrypts the backups of 2 instances: beta, gamma", "data": {"key_id": "BBBBBBBBBBBBBBBB", "instances": ["beta", "gamma"]}}} with input as i
}

test_missing_sets_error if {
	i := {"backup": {"declared": [], "sets": null}, "errors": {"backup.sets": "no backup sets are declared (backups: in vouch.yaml)"}, "now": "2026-12-01T12:00:00Z", "params": {}}
	backup_keys.error == {"facts backup.sets not collected: no backup sets are declared (backups: in vouch.yaml)"} with input as i
}
