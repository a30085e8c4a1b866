package vouch.controls.ssh.empty_passwords_test

import data.vouch.controls.ssh.empty_passwords
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in empty_passwords.deny} with input as i
}

test_empty_passwords_refused_passes if {
	empty_passwords.deny == set() with input as fx.local
	empty_passwords.error == set() with input as fx.local
}

test_empty_passwords_permitted_fails if {
	msgs(fx.configured({"permitemptypasswords": ["yes"]})) == {"PermitEmptyPasswords is yes"}
}

test_empty_passwords_in_match_block_fails if {
	msgs(fx.in_match({"permitemptypasswords": ["yes"]})) == {"PermitEmptyPasswords is yes for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(empty_passwords.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	empty_passwords.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
