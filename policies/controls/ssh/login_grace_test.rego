package vouch.controls.ssh.login_grace_test

import data.vouch.controls.ssh.login_grace
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in login_grace.deny} with input as i
}

test_sixty_seconds_passes if {
	login_grace.deny == set() with input as fx.local
	login_grace.error == set() with input as fx.local
	login_grace.evidence == {{"msg": "LoginGraceTime is 60 s", "data": {"logingracetime": 60}}} with input as fx.local
}

test_unlimited_grace_time_fails if {
	msgs(fx.configured({"logingracetime": ["0"]})) == {"LoginGraceTime is 0: unauthenticated connections are never dropped"}
}

test_debian_default_of_two_minutes_fails if {
	msgs(fx.configured({"logingracetime": ["120"]})) == {"LoginGraceTime is 120 s, above the limit of 60 s"}
}

test_endpoint_is_skipped if {
	count(login_grace.skip) == 1 with input as fx.remote
	login_grace.deny == set() with input as fx.remote
}

test_missing_config_errors if {
	login_grace.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
