package vouch.controls.ctr.capabilities_test

import data.vouch.controls.ctr.capabilities

params := {"forbidden_capabilities": ["ALL", "SYS_ADMIN", "NET_ADMIN"]}

ctr(caps, nnp) := {"name": "app", "cap_add": caps, "security_opt": [], "no_new_privileges": nnp}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": params, "errors": {}}

test_harmless_capability_with_no_new_privileges_passes if {
	i := doc([ctr(["NET_BIND_SERVICE"], true)])
	capabilities.deny == set() with input as i
	capabilities.error == set() with input as i
}

test_net_admin_fails_whatever_its_spelling if {
	i := doc([ctr(["cap_net_admin"], true)])
	capabilities.deny == {{"msg": "container app adds capability NET_ADMIN", "data": {"container": "app", "capability": "NET_ADMIN"}}} with input as i
}

test_missing_no_new_privileges_fails if {
	i := doc([ctr([], false)])
	capabilities.deny == {{"msg": "container app runs without no-new-privileges", "data": {"container": "app", "security_opt": []}}} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {"container.containers": "list containers: context deadline exceeded"}}
	capabilities.error == {"facts container.containers not collected: list containers: context deadline exceeded"} with input as i
}
