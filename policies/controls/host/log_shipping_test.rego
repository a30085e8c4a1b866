package vouch.controls.host.log_shipping_test

import data.vouch.controls.host.log_shipping

params := {"log_shippers": ["rsyslogd", "filebeat", "vector"]}

remote := {"file": "/etc/rsyslog.d/50-remote.conf", "line": 13, "target": "logs.example.net:6514"}

doc(ls) := {"host": {"log_shipping": ls}, "params": params, "errors": {}}

test_rsyslog_forwarding_passes if {
	i := doc({"running": ["rsyslogd"], "rsyslog_remote": [remote]})
	log_shipping.deny == set() with input as i
	log_shipping.error == set() with input as i
	{s | some s in log_shipping.skip} == set() with input as i
	log_shipping.evidence == {{"msg": "rsyslogd forwards to logs.example.net:6514 (/etc/rsyslog.d/50-remote.conf:13)", "data": remote}} with input as i
}

test_filebeat_passes if {
	log_shipping.deny == set() with input as doc({"running": ["filebeat"], "rsyslog_remote": []})
}

test_rsyslog_writing_local_files_only_fails if {
	ls := {"running": ["rsyslogd"], "rsyslog_remote": []}
	log_shipping.deny == {{"msg": "no log shipper runs: rsyslogd writes local files only (no remote target)", "data": ls}} with input as doc(ls)
}

test_unlisted_shipper_fails if {
	ls := {"running": ["promtail"], "rsyslog_remote": []}
	log_shipping.deny == {{"msg": "no log shipper runs", "data": ls}} with input as doc(ls)
}

test_log_shipping_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {"host.log_shipping": "processes unknown (see host.processes)"}}
	log_shipping.error == {"facts host.log_shipping not collected: processes unknown (see host.processes)"} with input as i
	log_shipping.deny == set() with input as i
}
