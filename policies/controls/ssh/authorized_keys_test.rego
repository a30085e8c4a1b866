package vouch.controls.ssh.authorized_keys_test

import data.vouch.controls.ssh.authorized_keys
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in authorized_keys.deny} with input as i
}

with_keys(keys) := object.union(fx.local, {"ssh": {"authorized_keys": [{"user": "alice", "path": "/home/alice/.ssh/authorized_keys", "keys": keys}]}})

test_ed25519_and_rsa_4096_pass if {
	authorized_keys.deny == set() with input as fx.local
	authorized_keys.error == set() with input as fx.local
}

test_rsa_2048_fails if {
	msgs(with_keys([{"line": 3, "type": "ssh-rsa", "bits": 2048, "fingerprint": "SHA256:weak"}])) == {"/home/alice/.ssh/authorized_keys:3 (alice) holds a ssh-rsa key of 2048 bits, not allowed"}
}

test_dsa_always_fails if {
	i := object.union(with_keys([{"line": 1, "type": "ssh-dss", "bits": 1024, "fingerprint": "SHA256:dsa"}]), {"params": {"authorized_key_types": [{"type": "ssh-dss", "min_bits": 0}]}})
	msgs(i) == {"/home/alice/.ssh/authorized_keys:1 (alice) holds a ssh-dss key of 1024 bits, not allowed"}
}

test_ecdsa_not_in_allowed_types_fails if {
	msgs(with_keys([{"line": 1, "type": "ecdsa-sha2-nistp256", "bits": 256, "fingerprint": "SHA256:ec"}])) == {"/home/alice/.ssh/authorized_keys:1 (alice) holds a ecdsa-sha2-nistp256 key of 256 bits, not allowed"}
}

test_line_that_is_not_a_key_is_ignored if {
	authorized_keys.deny == set() with input as with_keys([{"line": 1, "error": "parse key: ssh: no key found"}])
}

test_unreadable_file_errors if {
	i := object.union(fx.local, {"ssh": {"authorized_keys": [{"user": "bob", "path": "/home/bob/.ssh/authorized_keys", "keys": [], "error": "read: is a directory"}]}})
	authorized_keys.error == {"authorized keys of bob in /home/bob/.ssh/authorized_keys could not be read: read: is a directory"} with input as i
}

test_endpoint_is_skipped if {
	count(authorized_keys.skip) == 1 with input as fx.remote
	authorized_keys.error == set() with input as fx.remote
}

test_missing_keys_error if {
	authorized_keys.error == {"facts ssh.authorized_keys not collected: no such facts in the document"} with input as fx.missing
}

test_machine_without_sshd_is_skipped if {
	authorized_keys.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	authorized_keys.error == set() with input as fx.absent
	authorized_keys.deny == set() with input as fx.absent
}
