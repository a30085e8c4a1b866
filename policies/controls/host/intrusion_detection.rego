# METADATA
# title: An intrusion-detection agent is running
# description: >-
#   Intrusions are detected by a host agent (Falco, OSSEC or Wazuh, auditd). The
#   control fails when no process of the listed agents is running.
# custom:
#   id: HOST-010
#   severity: medium
#   claim: "we use OSSEC to alert us to possible intrusions"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Alerts
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Container runtime security monitoring
#     - doc: 003_7131057a99cca39e.txt
#       section: Network Défense
#   facts: [host.processes]
#   parameters:
#     intrusion_detection:
#       type: array
#       default: [falco, ossec-agentd, ossec-analysisd, wazuh-agentd, wazuh-analysisd, auditd]
#       description: Process names (as in /proc/PID/comm, at most 15 characters) of intrusion-detection agents; any one running passes.
#   remediation: Install and start an agent (auditd with rules shipped to the SIEM, Wazuh or Falco) and add its process name to intrusion_detection.
package vouch.controls.host.intrusion_detection

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.processes"})

names := {p.name | some p in input.host.processes}

# comm is cut to 15 bytes, so a longer configured name matches its prefix.
running contains name if {
	some name in input.params.intrusion_detection
	substring(name, 0, 15) in names
}

deny contains {"msg": msg, "data": {"expected": input.params.intrusion_detection}} if {
	input.host.processes
	count(running) == 0
	msg := sprintf("no intrusion-detection agent is running (looked for %s)", [concat(", ", input.params.intrusion_detection)])
}

evidence contains {"msg": sprintf("%s is running", [name]), "data": {"process": name}} if some name in running
