# METADATA
# title: Container-published ports that bypass INPUT are public services only
# description: >-
#   Docker publishes a container port with a DNAT rule in prerouting, so its
#   packets cross FORWARD (DOCKER-USER, then DOCKER) and never meet the INPUT
#   chain the host's firewall rules are written in. The control fails for each
#   port reachable that way that is not in public_ports; a drop in DOCKER-USER
#   closes it.
# custom:
#   id: NET-005
#   severity: high
#   claim: "Containers are operated by Docker, linked using Docker networks and exposed only to other necessary containers"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Network Filtering / Between Instances
#   facts: [firewall.exposed]
#   parameters:
#     public_ports:
#       type: array
#       default: ["22/tcp", "80/tcp", "443/tcp"]
#       description: The PORT/PROTOCOL pairs that may be reachable from the Internet.
#   remediation: >-
#     Publish the port on 127.0.0.1 only (-p 127.0.0.1:PORT:PORT), drop
#     the container's network from the public side, or add
#     iptables -I DOCKER-USER -i eth0 -p tcp --dport PORT -j DROP.
package vouch.controls.net.container_published

import data.vouch.lib

error contains msg if some msg in lib.missing({"firewall.exposed"})

public(e) if sprintf("%d/%s", [e.port, e.protocol]) in {p | some p in input.params.public_ports}

dnat contains e if {
	some e in input.firewall.exposed
	e.path == "dnat"
}

deny contains {"msg": msg, "data": e} if {
	some e in dnat
	e.state == "exposed"
	not public(e)
	msg := sprintf("%d/%s is published past the INPUT chain by destination NAT and reachable from the Internet on %s %s: %s", [e.port, e.protocol, e.family, e.address, e.rule])
}

error contains msg if {
	some e in dnat
	e.state == "undetermined"
	not public(e)
	msg := sprintf("cannot tell whether the Internet reaches the DNAT'ed port %d/%s: rule not understood: %s", [e.port, e.protocol, e.rule])
}

evidence contains {"msg": msg, "data": e} if {
	some e in dnat
	public(e)
	msg := sprintf("%d/%s is published by destination NAT and listed in public_ports", [e.port, e.protocol])
}

evidence contains {"msg": "no container port reaches the Internet past the INPUT chain", "data": {}} if {
	input.firewall.exposed
	count(dnat) == 0
}
