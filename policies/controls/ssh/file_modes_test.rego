package vouch.controls.ssh.file_modes_test

import data.vouch.controls.ssh.file_modes
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in file_modes.deny} with input as i
}

with_files(files, keys) := object.union(fx.local, {"ssh": {"config": {"files": files, "host_keys": keys}}})

key := {"path": "/etc/ssh/ssh_host_ed25519_key", "type": "ssh-ed25519", "bits": 256, "owner": 0, "group": 0, "mode": "0600"}

test_root_owned_safe_modes_pass if {
	file_modes.deny == set() with input as fx.local
	file_modes.error == set() with input as fx.local
}

test_group_writable_config_fails if {
	i := with_files([{"path": "/etc/ssh/sshd_config", "owner": 0, "group": 0, "mode": "0664"}], [key])
	msgs(i) == {"configuration /etc/ssh/sshd_config (mode 0664) is writable by group or others"}
}

test_readable_private_key_fails if {
	i := with_files([{"path": "/etc/ssh/sshd_config", "owner": 0, "group": 0, "mode": "0644"}], [object.union(key, {"mode": "0644"})])
	msgs(i) == {"host private key /etc/ssh/ssh_host_ed25519_key (mode 0644) is readable or writable by group or others"}
}

test_drop_in_not_owned_by_root_fails if {
	i := with_files([{"path": "/etc/ssh/sshd_config.d/evil.conf", "owner": 1000, "group": 1000, "mode": "0644"}], [key])
	msgs(i) == {"configuration /etc/ssh/sshd_config.d/evil.conf is owned by uid 1000, not root"}
}

test_unknown_owner_errors if {
	i := with_files([{"path": "/etc/ssh/sshd_config", "mode": "0644"}], [key])
	file_modes.error == {"owner or mode of configuration /etc/ssh/sshd_config is unknown on this target"} with input as i
}

test_unreadable_host_key_errors if {
	i := with_files([{"path": "/etc/ssh/sshd_config", "owner": 0, "group": 0, "mode": "0644"}], [{"path": "/etc/ssh/ssh_host_rsa_key", "error": "stat: no such file"}])
	file_modes.error == {"host private key /etc/ssh/ssh_host_rsa_key: stat: no such file"} with input as i
}

test_endpoint_is_skipped if {
	count(file_modes.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	file_modes.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
