package vouch.controls.net.public_ports_test

import data.vouch.controls.net.public_ports

params := {"public_ports": ["22/tcp", "80/tcp", "443/tcp"]}

ssh := {"protocol": "tcp", "port": 22, "address": "0.0.0.0", "family": "ipv4", "path": "input", "process": "sshd", "state": "exposed", "rule": "inet filter input: tcp dport { 22, 80, 443 } accept"}

postgres := {"protocol": "tcp", "port": 5432, "address": "0.0.0.0", "family": "ipv4", "path": "input", "process": "postgres", "state": "exposed", "rule": "policy accept of chain nft inet filter input"}

doc(exposed) := {"firewall": {"exposed": exposed}, "params": params, "errors": {}}

test_only_public_ports_exposed_passes if {
	i := doc([ssh])
	public_ports.deny == set() with input as i
	public_ports.error == set() with input as i
	count(public_ports.evidence) == 2 with input as i
}

test_nothing_exposed_passes if {
	i := doc([])
	public_ports.deny == set() with input as i
	public_ports.error == set() with input as i
	public_ports.evidence == {{"msg": "no port outside public_ports is reachable from the Internet", "data": params}} with input as i
}

test_database_port_exposed_fails if {
	public_ports.deny == {{
		"msg": "5432/tcp is reachable from the Internet on ipv4 0.0.0.0 (input path, process postgres): policy accept of chain nft inet filter input",
		"data": postgres,
	}} with input as doc([ssh, postgres])
}

test_udp_port_of_a_public_tcp_port_fails if {
	dns := object.union(ssh, {"protocol": "udp", "port": 80, "process": ""})
	{d.msg | some d in public_ports.deny} == {"80/udp is reachable from the Internet on ipv4 0.0.0.0 (input path, process unknown): inet filter input: tcp dport { 22, 80, 443 } accept"} with input as doc([dns])
}

test_undetermined_port_errors_with_the_rule if {
	u := object.union(postgres, {"state": "undetermined", "rule": "ip filter INPUT: {\"xt\":{\"name\":\"recent\"}} accept"})
	public_ports.error == {"cannot tell whether the Internet reaches 5432/tcp on ipv4 0.0.0.0 (input path, process postgres): rule not understood: ip filter INPUT: {\"xt\":{\"name\":\"recent\"}} accept"} with input as doc([u])
	public_ports.deny == set() with input as doc([u])
}

test_exposure_not_collected_errors if {
	i := {"firewall": {}, "params": params, "errors": {"firewall.exposed": "read the packet filter: nft: not installed on the target"}}
	public_ports.error == {"facts firewall.exposed not collected: read the packet filter: nft: not installed on the target"} with input as i
	public_ports.deny == set() with input as i
}
