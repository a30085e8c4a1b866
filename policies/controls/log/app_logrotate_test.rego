package vouch.controls.log.app_logrotate_test

import data.vouch.controls.log.app_logrotate

app_rule := {"file": "/etc/logrotate.d/app", "line": 1, "patterns": ["/var/log/app/app.log"], "period": "daily", "rotate": 28, "retention_days": 28}

worker_rule := {"file": "/etc/logrotate.d/app", "line": 9, "patterns": ["/var/log/app/worker.log"], "period": "weekly", "rotate": 52, "retention_days": 364}

params := {"app_log_paths": ["/var/log/app/app.log", "/var/log/app/worker.log"]}

doc(rules) := {"host": {"logrotate": {"rules": rules}}, "params": params, "errors": {}}

test_every_path_rotated_passes if {
	i := doc([app_rule, worker_rule])
	app_logrotate.deny == set() with input as i
	app_logrotate.error == set() with input as i
	app_logrotate.skip == set() with input as i
}

test_path_without_rule_fails if {
	app_logrotate.deny == {{"msg": "/var/log/app/worker.log has no logrotate rule", "data": {"path": "/var/log/app/worker.log"}}} with input as doc([app_rule])
}

test_no_app_log_paths_is_skipped if {
	i := object.union(doc([]), {"params": {"app_log_paths": []}})
	app_logrotate.skip == {"no app_log_paths are configured: name the application's log files"} with input as i
	app_logrotate.deny == set() with input as i
}

test_logrotate_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {}}
	app_logrotate.error == {"facts host.logrotate not collected: no such facts in the document"} with input as i
	app_logrotate.deny == set() with input as i
}
