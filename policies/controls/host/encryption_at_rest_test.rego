package vouch.controls.host.encryption_at_rest_test

import data.vouch.controls.host.encryption_at_rest

root := {"mount_point": "/", "device": "/dev/sda1", "encrypted": false}

srv := {"mount_point": "/srv", "device": "/dev/mapper/srv_crypt", "encrypted": true, "crypt_name": "srv_crypt"}

luks := {"name": "srv_crypt", "type": "LUKS2", "cipher": "aes-xts-plain64", "key_bits": 512}

params := {"encrypted_paths": ["/srv/data"], "allowed_ciphers": ["aes-xts-plain64"], "min_key_bits": 256}

doc(devices, mounts) := {"host": {"encryption": {"devices": devices, "mounts": mounts}}, "params": params, "errors": {}}

test_path_on_luks_passes if {
	i := doc([luks], [root, srv])
	encryption_at_rest.deny == set() with input as i
	encryption_at_rest.error == set() with input as i
	encryption_at_rest.skip == set() with input as i
	encryption_at_rest.evidence == {{"msg": "/srv/data is on LUKS2 srv_crypt (aes-xts-plain64, 512-bit key)", "data": {"path": "/srv/data", "mount": srv, "device": luks}}} with input as i
}

test_path_on_plain_partition_fails if {
	plain := {"mount_point": "/srv", "device": "/dev/sdb1", "encrypted": false}
	encryption_at_rest.deny == {{"msg": "/srv/data is on /dev/sdb1 (mounted at /srv), which is not encrypted", "data": {"path": "/srv/data", "mount": plain}}} with input as doc([], [root, plain])
}

test_path_that_is_not_a_mount_falls_back_to_root_and_fails if {
	encryption_at_rest.deny == {{"msg": "/srv/data is on /dev/sda1 (mounted at /), which is not encrypted", "data": {"path": "/srv/data", "mount": root}}} with input as doc([], [root])
}

test_weak_cipher_fails if {
	cbc := object.union(luks, {"cipher": "aes-cbc-essiv:sha256", "key_bits": 256})
	encryption_at_rest.deny == {{"msg": "/srv/data is encrypted with aes-cbc-essiv:sha256, not an allowed cipher (aes-xts-plain64)", "data": {"path": "/srv/data", "mount": srv, "device": cbc}}} with input as doc([cbc], [root, srv])
}

test_short_key_fails if {
	short := object.union(luks, {"key_bits": 256})
	i := object.union(doc([short], [root, srv]), {"params": {"min_key_bits": 512}})
	encryption_at_rest.deny == {{"msg": "/srv/data is encrypted with a 256-bit key, below 512 bits", "data": {"path": "/srv/data", "mount": srv, "device": short}}} with input as i
}

test_no_encrypted_paths_is_skipped if {
	i := object.union(doc([], [root]), {"params": {"encrypted_paths": []}})
	encryption_at_rest.skip == {"no encrypted_paths are configured: name the data paths that must be encrypted at rest"} with input as i
	encryption_at_rest.deny == set() with input as i
}

test_crypt_device_not_collected_errors if {
	encryption_at_rest.error == {"/srv/data is on dm-crypt device srv_crypt, whose cipher was not collected"} with input as doc([], [root, srv])
}

test_encryption_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {"host.encryption": "dmsetup: not recorded"}}
	encryption_at_rest.error == {"facts host.encryption not collected: dmsetup: not recorded"} with input as i
	encryption_at_rest.deny == set() with input as i
}
