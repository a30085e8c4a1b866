# METADATA
# title: Only the public services are reachable from the Internet
# description: >-
#   The policy promises that only HTTPS, HTTP and SSH face the Internet. The
#   firewall scanner joins the listening sockets, the packet filter and
#   destination NAT into the list of ports a packet from an arbitrary public
#   source reaches; the control fails for each one outside public_ports, and
#   errors for a port the evaluator could not decide (naming the rule).
# custom:
#   id: NET-001
#   severity: high
#   claim: "We only expose HTTPS, HTTP (which is automatically redirected to the HTTPS) and SSH services"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Network Filtering / From Internet
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [firewall.exposed]
#   parameters:
#     public_ports:
#       type: array
#       default: ["22/tcp", "80/tcp", "443/tcp"]
#       description: The PORT/PROTOCOL pairs that may be reachable from the Internet.
#   remediation: >-
#     Stop the service or bind it to 127.0.0.1, or close the port in the
#     firewall (nft add rule inet filter input tcp dport PORT drop, with a
#     default-drop input policy).
package vouch.controls.net.public_ports

import data.vouch.lib

error contains msg if some msg in lib.missing({"firewall.exposed"})

public(e) if sprintf("%d/%s", [e.port, e.protocol]) in {p | some p in input.params.public_ports}

where(e) := sprintf("%s %s (%s path, process %s)", [e.family, e.address, e.path, proc(e)])

proc(e) := e.process if e.process != ""

proc(e) := "unknown" if e.process == ""

deny contains {"msg": msg, "data": e} if {
	some e in input.firewall.exposed
	e.state == "exposed"
	not public(e)
	msg := sprintf("%d/%s is reachable from the Internet on %s: %s", [e.port, e.protocol, where(e), e.rule])
}

error contains msg if {
	some e in input.firewall.exposed
	e.state == "undetermined"
	not public(e)
	msg := sprintf("cannot tell whether the Internet reaches %d/%s on %s: rule not understood: %s", [e.port, e.protocol, where(e), e.rule])
}

evidence contains {"msg": msg, "data": e} if {
	some e in input.firewall.exposed
	public(e)
	msg := sprintf("%d/%s is reachable on %s and listed in public_ports", [e.port, e.protocol, where(e)])
}

evidence contains {"msg": "no port outside public_ports is reachable from the Internet", "data": {"public_ports": input.params.public_ports}} if {
	input.firewall.exposed
	every e in input.firewall.exposed {
		public(e)
	}
}
