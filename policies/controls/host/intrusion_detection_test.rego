package vouch.controls.host.intrusion_detection_test

import data.vouch.controls.host.intrusion_detection

params := {"intrusion_detection": ["falco", "wazuh-agentd", "auditd", "ossec-logcollector-long"]}

doc(procs) := {"host": {"processes": procs}, "params": params, "errors": {}}

sshd := {"pid": 612, "name": "sshd", "cmdline": "sshd: /usr/sbin/sshd -D"}

test_auditd_running_passes if {
	i := doc([sshd, {"pid": 401, "name": "auditd", "cmdline": "/sbin/auditd"}])
	intrusion_detection.deny == set() with input as i
	intrusion_detection.error == set() with input as i
	{s | some s in intrusion_detection.skip} == set() with input as i
	intrusion_detection.evidence == {{"msg": "auditd is running", "data": {"process": "auditd"}}} with input as i
}

test_long_name_matches_truncated_comm if {
	i := doc([{"pid": 9, "name": "ossec-logcollec", "cmdline": "/var/ossec/bin/ossec-logcollector"}])
	intrusion_detection.deny == set() with input as i
}

test_no_agent_running_fails if {
	intrusion_detection.deny == {{
		"msg": "no intrusion-detection agent is running (looked for falco, wazuh-agentd, auditd, ossec-logcollector-long)",
		"data": {"expected": ["falco", "wazuh-agentd", "auditd", "ossec-logcollector-long"]},
	}} with input as doc([sshd])
}

test_processes_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {"host.processes": "read /proc: permission denied"}}
	intrusion_detection.error == {"facts host.processes not collected: read /proc: permission denied"} with input as i
	intrusion_detection.deny == set() with input as i
}
