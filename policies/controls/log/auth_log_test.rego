package vouch.controls.log.auth_log_test

import data.vouch.controls.log.auth_log

auth := {"path": "/var/log/auth.log", "exists": true, "rotated": true}

volatile := {"storage": "volatile", "persistent_dir": false, "forward_to_syslog": true, "persistent": false}

persistent := {"storage": "persistent", "persistent_dir": true, "forward_to_syslog": false, "persistent": true}

doc(a, j) := {"host": {"logs": {"auth_log": a, "journal": j}}, "params": {}, "errors": {}}

test_rotated_auth_log_passes if {
	i := doc(auth, volatile)
	auth_log.deny == set() with input as i
	auth_log.error == set() with input as i
	{s | some s in auth_log.skip} == set() with input as i
	auth_log.evidence == {{"msg": "/var/log/auth.log exists and is rotated", "data": auth}} with input as i
}

test_persistent_journal_without_auth_log_passes if {
	auth_log.deny == set() with input as doc(null, persistent)
}

test_no_auth_log_and_volatile_journal_fails if {
	auth_log.deny == {{
		"msg": "no auth log file exists and journald storage is volatile, so authentication events are lost at reboot",
		"data": {"auth_log": null, "journal": volatile},
	}} with input as doc(null, volatile)
}

test_unrotated_auth_log_fails if {
	a := object.union(auth, {"rotated": false})
	auth_log.deny == {{"msg": "/var/log/auth.log has no logrotate rule and journald storage is volatile", "data": {"auth_log": a, "journal": volatile}}} with input as doc(a, volatile)
}

test_logs_not_collected_errors if {
	i := {"host": {}, "params": {}, "errors": {"host.logs": "read /etc/systemd/journald.conf: permission denied"}}
	auth_log.error == {"facts host.logs not collected: read /etc/systemd/journald.conf: permission denied"} with input as i
	auth_log.deny == set() with input as i
}
