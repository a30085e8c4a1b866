package vouch.controls.ctr.recovery_test

import data.vouch.controls.ctr.recovery

hc := {"test": ["CMD-SHELL", "true"], "disabled": false}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": {}, "errors": {}}

test_restarting_checked_container_passes if {
	i := doc([
		{"name": "api", "running": true, "restart_policy": {"name": "unless-stopped", "max_retries": 0}, "healthcheck": hc},
		{"name": "migrate", "running": false, "restart_policy": {"name": "no", "max_retries": 0}, "healthcheck": null},
	])
	recovery.deny == set() with input as i
	recovery.error == set() with input as i
}

test_no_restart_policy_fails if {
	i := doc([{"name": "api", "running": true, "restart_policy": {"name": "no", "max_retries": 0}, "healthcheck": hc}])
	recovery.deny == {{"msg": "container api has no restart policy", "data": {"container": "api", "restart_policy": {"name": "no", "max_retries": 0}}}} with input as i
}

test_disabled_healthcheck_fails if {
	off := {"test": ["NONE"], "disabled": true}
	i := doc([{"name": "api", "running": true, "restart_policy": {"name": "always", "max_retries": 0}, "healthcheck": off}])
	recovery.deny == {{"msg": "container api has no healthcheck", "data": {"container": "api", "healthcheck": off}}} with input as i
}

test_container_without_healthcheck_fails if {
	i := doc([{"name": "agent", "running": true, "restart_policy": {"name": "always", "max_retries": 0}, "healthcheck": null}])
	recovery.deny == {{"msg": "container agent has no healthcheck", "data": {"container": "agent", "healthcheck": null}}} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": {}, "errors": {"container.containers": "EOF"}}
	recovery.error == {"facts container.containers not collected: EOF"} with input as i
}
