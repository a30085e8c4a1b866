package vouch.controls.log.web_log_retention_test

import data.vouch.controls.log.web_log_retention

nginx_rule := {"file": "/etc/logrotate.d/nginx", "line": 1, "patterns": ["/var/log/nginx/*.log"], "period": "weekly", "rotate": 14, "retention_days": 98}

syslog_rule := {"file": "/etc/logrotate.d/rsyslog", "line": 1, "patterns": ["/var/log/syslog"], "period": "daily", "rotate": 7, "retention_days": 7}

packages := {"nginx": "1.22.1-9", "logrotate": "3.21.0-1"}

doc(rules, pkgs) := {"host": {"logrotate": {"rules": rules}, "packages": pkgs}, "params": {"web_log_retention_days": 98}, "errors": {}}

test_fourteen_weeks_of_nginx_logs_passes if {
	i := doc([syslog_rule, nginx_rule], packages)
	web_log_retention.deny == set() with input as i
	web_log_retention.error == set() with input as i
	web_log_retention.skip == set() with input as i
}

test_fourteen_days_fails if {
	short := object.union(nginx_rule, {"period": "daily", "retention_days": 14})
	web_log_retention.deny == {{"msg": "logrotate rule /etc/logrotate.d/nginx:1 keeps /var/log/nginx/*.log 14 days (daily, rotate 14), below 98", "data": short}} with input as doc([short], packages)
}

test_rotated_by_maxage_fails if {
	capped := object.union(nginx_rule, {"maxage": 30, "retention_days": 30})
	web_log_retention.deny == {{"msg": "logrotate rule /etc/logrotate.d/nginx:1 keeps /var/log/nginx/*.log 30 days (weekly, rotate 14, maxage 30), below 98", "data": capped}} with input as doc([capped], packages)
}

test_web_server_without_rule_fails if {
	web_log_retention.deny == {{"msg": "nginx is installed but no logrotate rule covers /var/log/nginx", "data": {"packages": ["nginx"], "log_dir": "/var/log/nginx"}}} with input as doc([syslog_rule], packages)
}

test_web_server_without_logrotate_says_so if {
	web_log_retention.deny == {{"msg": "nginx is installed but no logrotate rule covers /var/log/nginx (logrotate itself is not installed)", "data": {"packages": ["nginx"], "log_dir": "/var/log/nginx"}}} with input as doc([], {"nginx": packages.nginx})
}

test_host_without_web_server_is_skipped if {
	i := doc([syslog_rule], {})
	web_log_retention.skip == {"no web server is installed and no logrotate rule covers web server logs"} with input as i
	web_log_retention.deny == set() with input as i
}

test_size_only_rotation_errors if {
	sized := object.union(nginx_rule, {"period": "size", "retention_days": 0})
	web_log_retention.error == {"logrotate rule /etc/logrotate.d/nginx:1 rotates /var/log/nginx/*.log by size only: how long it keeps logs is unknown"} with input as doc([sized], packages)
}

test_logrotate_not_collected_errors if {
	i := {"host": {"packages": packages}, "params": {"web_log_retention_days": 98}, "errors": {}}
	web_log_retention.error == {"facts host.logrotate not collected: no such facts in the document"} with input as i
	web_log_retention.deny == set() with input as i
}
