package vouch.controls.ssh.idle_timeout_test

import data.vouch.controls.ssh.idle_timeout
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in idle_timeout.deny} with input as i
}

test_fifteen_minutes_passes if {
	idle_timeout.deny == set() with input as fx.local
	idle_timeout.error == set() with input as fx.local
}

test_interval_zero_fails if {
	msgs(fx.configured({"clientaliveinterval": ["0"]})) == {"ClientAliveInterval is 0: idle sessions are never logged out"}
}

test_count_zero_fails if {
	msgs(fx.configured({"clientalivecountmax": ["0"]})) == {"ClientAliveCountMax is 0: idle sessions are never logged out"}
}

test_product_above_limit_fails if {
	msgs(fx.configured({"clientaliveinterval": ["600"]})) == {"idle sessions last 1800 s (ClientAliveInterval 600 x ClientAliveCountMax 3), above the limit of 900 s"}
}

test_interval_zero_in_match_block_fails if {
	msgs(fx.in_match({"clientaliveinterval": ["0"]})) == {"ClientAliveInterval is 0: idle sessions are never logged out for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(idle_timeout.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	idle_timeout.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
