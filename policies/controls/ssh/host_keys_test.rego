package vouch.controls.ssh.host_keys_test

import data.vouch.controls.ssh.host_keys
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in host_keys.deny} with input as i
}

test_ed25519_and_rsa_4096_pass if {
	host_keys.deny == set() with input as fx.local
	host_keys.error == set() with input as fx.local
	host_keys.skip == set() with input as fx.local
}

test_rsa_1024_host_key_fails if {
	i := fx.remote_probed({"host_keys": [{"type": "ssh-rsa", "bits": 1024, "fingerprint": "SHA256:small"}]})
	msgs(i) == {"127.0.0.1:22 has an RSA host key of 1024 bits, below 3072 (SHA256:small)"}
}

test_dsa_host_key_fails if {
	i := fx.probed({"host_keys": [{"type": "ssh-ed25519", "bits": 256, "fingerprint": "SHA256:ed"}, {"type": "ssh-dss", "bits": 1024, "fingerprint": "SHA256:dsa"}]})
	msgs(i) == {"127.0.0.1:22 has a DSA host key (SHA256:dsa)"}
}

test_dir_target_is_skipped if {
	host_keys.skip == {"no live probe of a dir: target; add --endpoint ssh://HOST:PORT to probe the server it describes"} with input as fx.dir
	host_keys.error == set() with input as fx.dir
}

test_failed_host_key_handshake_errors if {
	i := fx.probed({"errors": {"host_key ssh-rsa": "handshake: EOF"}})
	host_keys.error == {"probe of 127.0.0.1:22: host_key ssh-rsa failed: handshake: EOF"} with input as i
}

test_missing_probe_errors if {
	host_keys.error == {"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: read banner: timeout"} with input as fx.missing
}

test_machine_without_sshd_is_skipped if {
	host_keys.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	host_keys.error == set() with input as fx.absent
	host_keys.deny == set() with input as fx.absent
}
