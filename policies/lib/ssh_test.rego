package vouch.lib.ssh_test

import data.vouch.lib.ssh

# Facts documents the SSH control tests start from: a compliant local machine
# with its probe, the same machine as a dir: tree, an ssh:// endpoint, and a
# machine whose SSH facts could not be collected.

effective := {
	"passwordauthentication": ["no"],
	"kbdinteractiveauthentication": ["no"],
	"authenticationmethods": ["any"],
	"pubkeyauthentication": ["yes"],
	"hostbasedauthentication": ["no"],
	"gssapiauthentication": ["no"],
	"permitrootlogin": ["no"],
	"logingracetime": ["60"],
	"clientaliveinterval": ["300"],
	"clientalivecountmax": ["3"],
	"maxauthtries": ["4"],
	"permitemptypasswords": ["no"],
	"allowgroups": ["admins"],
	"x11forwarding": ["no"],
	"allowtcpforwarding": ["no"],
	"disableforwarding": ["no"],
	"permituserenvironment": ["no"],
	"ignorerhosts": ["yes"],
	"loglevel": ["VERBOSE"],
	"port": ["22"],
	"listenaddress": ["[::]:22", "0.0.0.0:22"],
}

config := {
	"source": "sshd -T",
	"effective": effective,
	"matches": [
		{"user": "root", "host": "client.invalid", "addr": "192.0.2.1", "effective": {}},
		{"user": "alice", "host": "client.invalid", "addr": "192.0.2.1", "effective": {}},
	],
	"files": [
		{"path": "/etc/ssh/sshd_config", "owner": 0, "group": 0, "mode": "0644"},
		{"path": "/etc/ssh/sshd_config.d/10-vouch.conf", "owner": 0, "group": 0, "mode": "0600"},
	],
	"host_keys": [{"path": "/etc/ssh/ssh_host_ed25519_key", "type": "ssh-ed25519", "bits": 256, "fingerprint": "SHA256:hostkey", "owner": 0, "group": 0, "mode": "0600"}],
}

endpoint := {
	"address": "127.0.0.1:22",
	"banner": "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
	"kex_algorithms": ["sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "kex-strict-s-v00@openssh.com"],
	"host_key_algorithms": ["rsa-sha2-512", "rsa-sha2-256", "ssh-ed25519"],
	"ciphers": ["chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes256-ctr"],
	"macs": ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com"],
	"compression": ["none"],
	"host_keys": [
		{"type": "ssh-ed25519", "bits": 256, "fingerprint": "SHA256:ed"},
		{"type": "ssh-rsa", "bits": 4096, "fingerprint": "SHA256:rsa"},
	],
	"auth_methods": {"root": ["publickey"], "nonexistent": ["publickey"]},
	"strict_kex": true,
}

authorized_keys := [{"user": "alice", "path": "/home/alice/.ssh/authorized_keys", "keys": [
	{"line": 1, "type": "ssh-ed25519", "bits": 256, "fingerprint": "SHA256:alice"},
	{"line": 2, "type": "ssh-rsa", "bits": 4096, "fingerprint": "SHA256:alice-rsa"},
]}]

params := {
	"ssh_login_grace_seconds": 60,
	"ssh_idle_timeout_seconds": 900,
	"authorized_key_types": [{"type": "ssh-rsa", "min_bits": 4096}, {"type": "ssh-ed25519", "min_bits": 0}],
	"host_key_min_rsa_bits": 3072,
	"ssh_weak_algorithms": [
		"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
		"gss-*-sha1-*", "*-cbc", "*-cbc@*", "3des-*", "arcfour*", "none", "hmac-md5*", "hmac-sha1",
		"hmac-sha1-etm@openssh.com", "hmac-*-96", "hmac-*-96-etm@openssh.com", "ssh-dss", "ssh-dss-*",
	],
	"ssh_port": 22,
	"ssh_max_auth_tries": 4,
	"ssh_allowed_principals": [],
}

local := {
	"target": {"name": "local", "kind": "local"},
	"ssh": {"config": config, "authorized_keys": authorized_keys, "endpoints": [endpoint]},
	"params": params,
	"errors": {},
}

dir := {
	"target": {"name": "dir:fixtures/hosts/x", "kind": "dir"},
	"ssh": {"config": object.union(config, {"source": "files"}), "authorized_keys": authorized_keys},
	"params": params,
	"errors": {},
}

remote := {
	"target": {"name": "ssh://127.0.0.1:22", "kind": "endpoint"},
	"ssh": {"endpoints": [endpoint]},
	"params": params,
	"errors": {},
}

# missing is a machine whose configuration and probe could not be collected.
missing := {
	"target": {"name": "local", "kind": "local"},
	"ssh": {},
	"params": params,
	"errors": {"ssh.config": "run sshd -T: exit code 255", "ssh.endpoints": "probe ssh 127.0.0.1:22: read banner: timeout"},
}

# configured is local with the effective configuration patched.
configured(patch) := object.union(local, {"ssh": {"config": {"effective": patch}}})

# in_match is local with one Match connection (user alice) overriding patch.
in_match(patch) := object.union(local, {"ssh": {"config": {"matches": [
	{"user": "root", "host": "client.invalid", "addr": "192.0.2.1", "effective": {}},
	{"user": "alice", "host": "client.invalid", "addr": "192.0.2.1", "effective": patch},
]}}})

# probed is local with the endpoint patched.
probed(patch) := object.union(local, {"ssh": {"endpoints": [object.union(endpoint, patch)]}})

# remote_probed is the endpoint target with the endpoint patched.
remote_probed(patch) := object.union(remote, {"ssh": {"endpoints": [object.union(endpoint, patch)]}})

test_match_connection_carries_only_overrides if {
	cs := ssh.connections with input as in_match({"passwordauthentication": ["yes"]})
	names := {c.name | some c in cs}
	names == {"default", "user=alice,host=client.invalid,addr=192.0.2.1"}
}

test_authentication_methods_limit_usable_methods if {
	eff := object.union(effective, {"passwordauthentication": ["yes"], "authenticationmethods": ["publickey,keyboard-interactive:pam"]})
	not ssh.usable(eff, "password")
	ssh.usable(eff, "publickey")
	ssh.required_methods(eff) == {"publickey", "keyboard-interactive"}
}


test_dir_target_without_probe_is_skipped_for_probe_controls if {
	ssh.probe_skip == {"no live probe of a dir: target; add --endpoint ssh://HOST:PORT to probe the server it describes"} with input as dir
	ssh.probe_errors == set() with input as dir
}

test_local_sshd_not_listening_is_skipped_for_probe_controls if {
	i := object.union(local, {"ssh": {"endpoints": [], "probe_note": "sshd does not listen on any address of its configuration (0.0.0.0:22)"}})
	ssh.probe_skip == {"no live probe: sshd does not listen on any address of its configuration (0.0.0.0:22)"} with input as i
	ssh.probe_errors == set() with input as i
}

test_endpoint_target_skips_config if {
	count(ssh.config_skip) == 1 with input as remote
	ssh.config_errors == set() with input as remote
}

test_missing_facts_are_errors if {
	ssh.config_errors == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as missing
	ssh.probe_errors == {"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: read banner: timeout"} with input as missing
}

# absent is a machine without an OpenSSH server.
absent := {
	"target": {"name": "local", "kind": "local"},
	"ssh": {"not_installed": "sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"},
	"params": params,
	"errors": {},
}

test_machine_without_sshd_skips_everything if {
	ssh.config_skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as absent
	ssh.probe_skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as absent
	ssh.config_errors == set() with input as absent
	ssh.probe_errors == set() with input as absent
}
