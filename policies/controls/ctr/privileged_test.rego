package vouch.controls.ctr.privileged_test

import data.vouch.controls.ctr.privileged

doc(cs) := {"container": {"engine": {"installed": true, "reachable": true}, "containers": cs}, "params": {}, "errors": {}}

test_unprivileged_containers_pass if {
	i := doc([{"name": "api", "image": "api:1", "privileged": false}])
	privileged.deny == set() with input as i
	privileged.error == set() with input as i
	privileged.skip == set() with input as i
}

test_privileged_container_fails if {
	i := doc([{"name": "api", "image": "api:1", "privileged": false}, {"name": "tool", "image": "tool:1", "privileged": true}])
	privileged.deny == {{"msg": "container tool runs privileged", "data": {"container": "tool", "image": "tool:1"}}} with input as i
}

test_unreachable_engine_errors if {
	i := {"container": {"engine": {"installed": true, "reachable": false}}, "params": {}, "errors": {"container.containers": "docker engine installed but not readable: permission denied"}}
	privileged.error == {"facts container.containers not collected: docker engine installed but not readable: permission denied"} with input as i
	privileged.deny == set() with input as i
}

test_host_without_engine_skips if {
	i := {"container": {"engine": {"installed": false}}, "params": {}, "errors": {}}
	privileged.skip == {"no container engine on this host"} with input as i
	privileged.error == set() with input as i
}
