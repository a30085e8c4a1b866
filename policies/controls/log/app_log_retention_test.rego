package vouch.controls.log.app_log_retention_test

import data.vouch.controls.log.app_log_retention

app_rule := {"file": "/etc/logrotate.d/app", "line": 1, "patterns": ["/var/log/app/*.log"], "period": "weekly", "rotate": 52, "retention_days": 364}

params := {"app_log_paths": ["/var/log/app/app.log", "/var/log/app/worker.log"], "app_log_retention_days": 364}

doc(rules) := {"host": {"logrotate": {"rules": rules}}, "params": params, "errors": {}}

test_fifty_two_weeks_passes if {
	i := doc([app_rule])
	app_log_retention.deny == set() with input as i
	app_log_retention.error == set() with input as i
	app_log_retention.skip == set() with input as i
}

test_short_retention_and_uncovered_path_fail if {
	short := {"file": "/etc/logrotate.d/app", "line": 1, "patterns": ["/var/log/app/app.log"], "period": "daily", "rotate": 28, "retention_days": 28}
	app_log_retention.deny == {
		{"msg": "/var/log/app/app.log is kept 28 days by /etc/logrotate.d/app:1 (daily, rotate 28), below 364", "data": {"path": "/var/log/app/app.log", "rule": short}},
		{"msg": "/var/log/app/worker.log is not covered by any logrotate rule", "data": {"path": "/var/log/app/worker.log", "rules": []}},
	} with input as doc([short])
}

test_rotated_by_maxage_fails if {
	capped := object.union(app_rule, {"maxage": 90, "retention_days": 90})
	msgs := {d.msg | some d in app_log_retention.deny} with input as doc([capped])
	msgs == {
		"/var/log/app/app.log is kept 90 days by /etc/logrotate.d/app:1 (weekly, rotate 52, maxage 90), below 364",
		"/var/log/app/worker.log is kept 90 days by /etc/logrotate.d/app:1 (weekly, rotate 52, maxage 90), below 364",
	}
}

test_no_app_log_paths_is_skipped if {
	i := object.union(doc([app_rule]), {"params": {"app_log_paths": []}})
	app_log_retention.skip == {"no app_log_paths are configured: name the application's log files"} with input as i
	app_log_retention.deny == set() with input as i
}

test_logrotate_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {"host.logrotate": "read /etc/logrotate.conf: permission denied"}}
	app_log_retention.error == {"facts host.logrotate not collected: read /etc/logrotate.conf: permission denied"} with input as i
	app_log_retention.deny == set() with input as i
}
