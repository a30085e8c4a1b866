# METADATA
# title: No management interface is reachable from the Internet
# description: >-
#   Database, cache, container-engine and dashboard ports must sit behind the
#   VPN. The control fails for each management port that a packet from an
#   arbitrary public source reaches, through the INPUT chain or through
#   destination NAT (container publishing), and errors for one the evaluator
#   could not decide.
# custom:
#   id: NET-002
#   severity: critical
#   claim: "We do not expose management interfaces directly to the Internet"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Network Filtering / From Internet
#   facts: [firewall.exposed]
#   parameters:
#     management_ports:
#       type: array
#       default: [2375, 2376, 3306, 5432, 6379, 9200, 11211, 27017, 5601, 9090, 8080, 10250]
#       description: Ports of management interfaces and data stores (any protocol).
#   remediation: >-
#     Bind the service to a private address, drop the port in the firewall's input
#     chain, and for a published container port add a drop rule to DOCKER-USER
#     (iptables -I DOCKER-USER -i eth0 -p tcp --dport PORT -j DROP) or publish
#     it on 127.0.0.1 only.
package vouch.controls.net.management_ports

import data.vouch.lib

error contains msg if some msg in lib.missing({"firewall.exposed"})

management(e) if e.port in {p | some p in input.params.management_ports}

deny contains {"msg": msg, "data": e} if {
	some e in input.firewall.exposed
	e.state == "exposed"
	management(e)
	msg := sprintf("management port %d/%s is reachable from the Internet on %s %s (%s path): %s", [e.port, e.protocol, e.family, e.address, e.path, e.rule])
}

error contains msg if {
	some e in input.firewall.exposed
	e.state == "undetermined"
	management(e)
	msg := sprintf("cannot tell whether the Internet reaches management port %d/%s on %s %s: rule not understood: %s", [e.port, e.protocol, e.family, e.address, e.rule])
}

evidence contains {"msg": "no management port is reachable from the Internet", "data": {"management_ports": input.params.management_ports}} if {
	input.firewall.exposed
	not any_management
}

any_management if {
	some e in input.firewall.exposed
	management(e)
}
