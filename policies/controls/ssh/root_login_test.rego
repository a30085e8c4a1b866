package vouch.controls.ssh.root_login_test

import data.vouch.controls.ssh.root_login
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in root_login.deny} with input as i
}

test_root_login_no_passes if {
	root_login.deny == set() with input as fx.local
	root_login.error == set() with input as fx.local
	root_login.skip == set() with input as fx.local
}

test_permit_root_login_yes_fails if {
	msgs(fx.configured({"permitrootlogin": ["yes"]})) == {"PermitRootLogin is yes"}
}

test_prohibit_password_fails if {
	msgs(fx.configured({"permitrootlogin": ["without-password"]})) == {"PermitRootLogin is without-password"}
}

test_root_login_in_match_block_fails if {
	msgs(fx.in_match({"permitrootlogin": ["yes"]})) == {"PermitRootLogin is yes for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(root_login.skip) == 1 with input as fx.remote
	root_login.error == set() with input as fx.remote
}

test_missing_config_errors if {
	root_login.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}

test_missing_keyword_errors if {
	i := json.remove(fx.local, ["ssh/config/effective/permitrootlogin"])
	root_login.error == {"effective sshd configuration has no permitrootlogin (source sshd -T)"} with input as i
}

test_machine_without_sshd_is_skipped if {
	root_login.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	root_login.error == set() with input as fx.absent
	root_login.deny == set() with input as fx.absent
}
