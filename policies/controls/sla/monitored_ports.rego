# METADATA
# title: The monitoring probes every required port of every host
# description: >-
#   Monitoring is promised to alert when 443, 80 or 22 stops listening. The
#   control reads which host:port pairs the monitoring actually scrapes or
#   probes (Prometheus targets API) and fails per host and required port that
#   nothing watches. Hosts are those in monitored_hosts, or every host the
#   monitoring knows when that list is empty.
# custom:
#   id: SLA-005
#   severity: medium
#   claim: "Our monitoring services alert us when ... one of the following ports is not listening: 443/80/22"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Infrastructure monitoring
#   facts: [sla.targets]
#   parameters:
#     monitored_ports:
#       type: array
#       default: [22, 80, 443]
#       description: Ports the monitoring must probe on each host.
#     monitored_hosts:
#       type: array
#       default: []
#       description: Hosts that must be probed (empty means every host the monitoring knows).
#   remediation: >-
#     Add a blackbox tcp_connect probe (or a scrape job) for each missing host:port.
package vouch.controls.sla.monitored_ports

import data.vouch.lib

hosts := {h | some h in input.params.monitored_hosts} if count(input.params.monitored_hosts) > 0

hosts := {t.host | some t in input.sla.targets; t.host != ""} if count(input.params.monitored_hosts) == 0

probed(h) := {t.port | some t in input.sla.targets; t.host == h}

error contains msg if some msg in lib.missing({"sla.targets"})

error contains "the monitoring has no targets" if {
	input.sla.targets != null
	count(hosts) == 0
}

deny contains {"msg": msg, "data": {"host": h, "port": p}} if {
	some h in hosts
	some p in input.params.monitored_ports
	not p in probed(h)
	msg := sprintf("%s:%d is not monitored", [h, p])
}

evidence contains {"msg": msg, "data": {"host": h, "ports": sort(probed(h))}} if {
	some h in hosts
	msg := sprintf("%s: ports %v monitored", [h, sort(probed(h))])
}
