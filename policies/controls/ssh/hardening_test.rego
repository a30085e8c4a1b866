package vouch.controls.ssh.hardening_test

import data.vouch.controls.ssh.hardening
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in hardening.deny} with input as i
}

test_hardened_daemon_passes if {
	hardening.deny == set() with input as fx.local
	hardening.error == set() with input as fx.local
}

test_openssh_defaults_fail if {
	i := fx.configured({"x11forwarding": ["yes"], "allowtcpforwarding": ["yes"], "permituserenvironment": ["yes"], "ignorerhosts": ["no"], "hostbasedauthentication": ["yes"]})
	msgs(i) == {
		"x11forwarding is yes, want no",
		"allowtcpforwarding is yes, want no",
		"permituserenvironment is yes, want no",
		"ignorerhosts is no, want yes",
		"hostbasedauthentication is yes, want no",
	}
}

test_disable_forwarding_covers_forwarding if {
	i := fx.configured({"x11forwarding": ["yes"], "allowtcpforwarding": ["yes"], "disableforwarding": ["yes"]})
	hardening.deny == set() with input as i
}

test_forwarding_in_match_block_fails if {
	msgs(fx.in_match({"allowtcpforwarding": ["local"]})) == {"allowtcpforwarding is local, want no for user=alice,host=client.invalid,addr=192.0.2.1 (Match block)"}
}

test_endpoint_is_skipped if {
	count(hardening.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	hardening.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
