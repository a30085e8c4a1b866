package vouch.controls.ctr.datastore_ports_test

import data.vouch.controls.ctr.datastore_ports

params := {"datastore_roles": ["redis", "mongodb"], "role_label": "vouch.role"}

ctr(name, role, ports) := {"name": name, "labels": {"vouch.role": role}, "ports": ports}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": params, "errors": {}}

test_loopback_store_and_public_api_pass if {
	i := doc([
		ctr("cache", "redis", [{"container_port": "6379", "protocol": "tcp", "host_ip": "127.0.0.1", "host_port": "6379"}]),
		ctr("api", "api", [{"container_port": "8080", "protocol": "tcp", "host_ip": "0.0.0.0", "host_port": "80"}]),
	])
	datastore_ports.deny == set() with input as i
	datastore_ports.error == set() with input as i
}

test_redis_on_all_addresses_fails if {
	p := {"container_port": "6379", "protocol": "tcp", "host_ip": "0.0.0.0", "host_port": "6379"}
	i := doc([ctr("cache", "redis", [p])])
	datastore_ports.deny == {{"msg": "data store cache publishes 6379/tcp on 0.0.0.0:6379", "data": {"container": "cache", "role": "redis", "port": p}}} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {"container.containers": "inspect container x: EOF"}}
	datastore_ports.error == {"facts container.containers not collected: inspect container x: EOF"} with input as i
}
