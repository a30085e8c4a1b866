package vouch.controls.ssh.log_level_test

import data.vouch.controls.ssh.log_level
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in log_level.deny} with input as i
}

test_verbose_passes if {
	log_level.deny == set() with input as fx.local
	log_level.error == set() with input as fx.local
}

test_info_passes if {
	log_level.deny == set() with input as fx.configured({"loglevel": ["INFO"]})
}

test_quiet_fails if {
	msgs(fx.configured({"loglevel": ["QUIET"]})) == {"LogLevel is QUIET, want INFO or VERBOSE"}
}

test_debug_in_match_block_fails if {
	msgs(fx.in_match({"loglevel": ["DEBUG3"]})) == {"LogLevel is DEBUG3, want INFO or VERBOSE for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(log_level.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	log_level.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
