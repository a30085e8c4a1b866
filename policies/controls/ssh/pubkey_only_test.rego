package vouch.controls.ssh.pubkey_only_test

import data.vouch.controls.ssh.pubkey_only
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in pubkey_only.deny} with input as i
}

test_pubkey_only_passes if {
	pubkey_only.deny == set() with input as fx.local
	pubkey_only.error == set() with input as fx.local
}

test_hostbased_and_gssapi_fail if {
	msgs(fx.configured({"hostbasedauthentication": ["yes"], "gssapiauthentication": ["yes"]})) == {
		"sshd allows hostbased authentication",
		"sshd allows gssapi-with-mic authentication",
	}
}

test_password_in_match_block_fails if {
	msgs(fx.in_match({"passwordauthentication": ["yes"]})) == {"sshd allows password authentication for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_pubkey_disabled_fails if {
	msgs(fx.configured({"pubkeyauthentication": ["no"]})) == {"public key authentication cannot be used"}
}

test_authentication_methods_requiring_password_fails if {
	msgs(fx.configured({"passwordauthentication": ["yes"], "authenticationmethods": ["publickey,password"]})) == {"sshd allows password authentication"}
}

test_server_letting_users_in_without_authentication_fails if {
	i := fx.remote_probed({"auth_methods": {"root": ["none"], "nonexistent": ["publickey"]}})
	msgs(i) == {"127.0.0.1:22 lets root in without authentication"}
}

test_server_offering_keyboard_interactive_fails if {
	i := fx.probed({"auth_methods": {"root": ["publickey"], "nonexistent": ["publickey", "keyboard-interactive"]}})
	msgs(i) == {"127.0.0.1:22 offers keyboard-interactive authentication to nonexistent"}
}

test_missing_facts_error if {
	pubkey_only.error == {
		"facts ssh.config not collected: run sshd -T: exit code 255",
		"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: read banner: timeout",
	} with input as fx.missing
}

test_machine_without_sshd_is_skipped if {
	pubkey_only.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	pubkey_only.error == set() with input as fx.absent
	pubkey_only.deny == set() with input as fx.absent
}
