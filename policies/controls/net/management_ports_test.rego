package vouch.controls.net.management_ports_test

import data.vouch.controls.net.management_ports

params := {"management_ports": [5432, 6379, 2375]}

web := {"protocol": "tcp", "port": 443, "address": "0.0.0.0", "family": "ipv4", "path": "input", "process": "nginx", "state": "exposed", "rule": "inet filter input: tcp dport 443 accept"}

redis := {"protocol": "tcp", "port": 6379, "address": "0.0.0.0", "family": "ipv4", "path": "dnat", "process": "", "state": "exposed", "rule": "iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.3:6379"}

doc(exposed) := {"firewall": {"exposed": exposed}, "params": params, "errors": {}}

test_no_management_port_exposed_passes if {
	management_ports.deny == set() with input as doc([web])
	management_ports.error == set() with input as doc([web])
	management_ports.evidence == {{"msg": "no management port is reachable from the Internet", "data": params}} with input as doc([web])
}

test_published_redis_fails if {
	management_ports.deny == {{
		"msg": "management port 6379/tcp is reachable from the Internet on ipv4 0.0.0.0 (dnat path): iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.17.0.3:6379",
		"data": redis,
	}} with input as doc([web, redis])
}

test_undetermined_management_port_errors if {
	u := object.union(redis, {"state": "undetermined", "rule": "iptables -t filter -A DOCKER-USER -m recent --rcheck -j DROP"})
	management_ports.error == {"cannot tell whether the Internet reaches management port 6379/tcp on ipv4 0.0.0.0: rule not understood: iptables -t filter -A DOCKER-USER -m recent --rcheck -j DROP"} with input as doc([u])
	management_ports.deny == set() with input as doc([u])
}

test_exposure_not_collected_errors if {
	i := {"firewall": {}, "params": params, "errors": {}}
	management_ports.error == {"facts firewall.exposed not collected: no such facts in the document"} with input as i
}
