package vouch.controls.ctr.host_namespaces_test

import data.vouch.controls.ctr.host_namespaces

ctr(name, net, pid) := {"name": name, "network_mode": net, "pid_mode": pid, "ipc_mode": "private", "uts_mode": ""}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": {}, "errors": {}}

test_private_namespaces_pass if {
	i := doc([ctr("api", "tenant-a", ""), ctr("db", "bridge", "")])
	host_namespaces.deny == set() with input as i
	host_namespaces.error == set() with input as i
}

test_host_network_and_pid_fail if {
	i := doc([ctr("api", "host", "host")])
	host_namespaces.deny == {
		{"msg": "container api shares the host network namespace", "data": {"container": "api", "namespace": "network"}},
		{"msg": "container api shares the host pid namespace", "data": {"container": "api", "namespace": "pid"}},
	} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": {}, "errors": {}}
	host_namespaces.error == {"facts container.containers not collected: no such facts in the document"} with input as i
}
