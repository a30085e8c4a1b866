package vouch.controls.ssh.password_auth_test

import data.vouch.controls.ssh.password_auth
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in password_auth.deny} with input as i
}

test_pubkey_only_machine_passes if {
	password_auth.deny == set() with input as fx.local
	password_auth.error == set() with input as fx.local
	count(password_auth.evidence) == 2 with input as fx.local
}

test_password_in_default_config_fails if {
	msgs(fx.configured({"passwordauthentication": ["yes"]})) == {"sshd allows password authentication"}
}

test_password_in_match_block_fails if {
	msgs(fx.in_match({"passwordauthentication": ["yes"]})) == {"sshd allows password authentication for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_keyboard_interactive_fails if {
	msgs(fx.configured({"kbdinteractiveauthentication": ["yes"]})) == {"sshd allows keyboard-interactive authentication"}
}

test_password_outside_authentication_methods_passes if {
	i := fx.configured({"passwordauthentication": ["yes"], "authenticationmethods": ["publickey"]})
	password_auth.deny == set() with input as i
}

test_server_offering_password_fails if {
	i := fx.probed({"auth_methods": {"root": ["publickey", "password"], "nonexistent": ["publickey", "password"]}})
	msgs(i) == {"127.0.0.1:22 offers password authentication to root", "127.0.0.1:22 offers password authentication to nonexistent"}
}

test_endpoint_offering_keyboard_interactive_fails_without_config if {
	i := fx.remote_probed({"auth_methods": {"root": ["publickey", "keyboard-interactive"], "nonexistent": ["publickey"]}})
	msgs(i) == {"127.0.0.1:22 offers keyboard-interactive authentication to root"}
	password_auth.error == set() with input as i
}

test_endpoint_offering_publickey_passes if {
	password_auth.deny == set() with input as fx.remote
	password_auth.error == set() with input as fx.remote
}

test_dir_target_is_judged_on_config_alone if {
	password_auth.deny == set() with input as fx.dir
	password_auth.error == set() with input as fx.dir
}

test_missing_facts_error if {
	password_auth.error == {
		"facts ssh.config not collected: run sshd -T: exit code 255",
		"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: read banner: timeout",
	} with input as fx.missing
	password_auth.deny == set() with input as fx.missing
}

test_failed_auth_probe_errors if {
	i := fx.probed({"auth_methods": {"nonexistent": ["publickey"]}, "errors": {"auth root": "handshake: EOF"}})
	password_auth.error == {"probe of 127.0.0.1:22: auth root failed: handshake: EOF"} with input as i
}

test_match_spec_that_could_not_be_computed_errors if {
	i := object.union(fx.local, {"ssh": {"config": {"matches": [{"user": "bob", "host": "", "addr": "", "effective": {}, "error": "run sshd -T -C user=bob: exit code 255"}]}}})
	password_auth.error == {"effective sshd configuration for user=bob could not be computed: run sshd -T -C user=bob: exit code 255"} with input as i
}

test_machine_without_sshd_is_skipped if {
	password_auth.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	password_auth.error == set() with input as fx.absent
	password_auth.deny == set() with input as fx.absent
}
