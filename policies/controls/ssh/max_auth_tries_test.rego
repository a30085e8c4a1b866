package vouch.controls.ssh.max_auth_tries_test

import data.vouch.controls.ssh.max_auth_tries
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in max_auth_tries.deny} with input as i
}

test_four_tries_passes if {
	max_auth_tries.deny == set() with input as fx.local
	max_auth_tries.error == set() with input as fx.local
}

test_openssh_default_of_six_fails if {
	msgs(fx.configured({"maxauthtries": ["6"]})) == {"MaxAuthTries is 6, above the limit of 4"}
}

test_more_tries_in_match_block_fails if {
	msgs(fx.in_match({"maxauthtries": ["10"]})) == {"MaxAuthTries is 10, above the limit of 4 for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(max_auth_tries.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	max_auth_tries.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
