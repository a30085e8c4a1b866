package vouch.controls.net.container_published_test

import data.vouch.controls.net.container_published

params := {"public_ports": ["22/tcp", "80/tcp", "443/tcp"]}

pg := {"protocol": "tcp", "port": 5432, "address": "0.0.0.0", "family": "ipv4", "path": "dnat", "process": "docker-proxy", "state": "exposed", "rule": "iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.2:5432"}

web := object.union(pg, {"port": 443, "rule": "iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 172.17.0.3:443"})

local_pg := object.union(pg, {"path": "input", "rule": "policy accept of chain iptables filter INPUT"})

doc(exposed) := {"firewall": {"exposed": exposed}, "params": params, "errors": {}}

test_published_public_port_passes if {
	container_published.deny == set() with input as doc([web])
	container_published.error == set() with input as doc([web])
	count(container_published.evidence) == 1 with input as doc([web])
}

test_no_dnat_passes_and_ignores_input_path if {
	container_published.deny == set() with input as doc([local_pg])
	container_published.evidence == {{"msg": "no container port reaches the Internet past the INPUT chain", "data": {}}} with input as doc([local_pg])
}

test_published_database_fails if {
	container_published.deny == {{
		"msg": "5432/tcp is published past the INPUT chain by destination NAT and reachable from the Internet on ipv4 0.0.0.0: iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.17.0.2:5432",
		"data": pg,
	}} with input as doc([web, pg])
}

test_undetermined_dnat_errors if {
	u := object.union(pg, {"state": "undetermined", "rule": "iptables -t filter -A DOCKER-USER -m set --match-set allow src -j RETURN"})
	container_published.error == {"cannot tell whether the Internet reaches the DNAT'ed port 5432/tcp: rule not understood: iptables -t filter -A DOCKER-USER -m set --match-set allow src -j RETURN"} with input as doc([u])
}

test_exposure_not_collected_errors if {
	container_published.error == {"facts firewall.exposed not collected: no such facts in the document"} with input as {"firewall": {}, "params": params, "errors": {}}
}
