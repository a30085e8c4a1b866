# METADATA
# title: SSH sessions are logged out on inactivity
# description: >-
#   An idle session ends. sshd drops a client after ClientAliveInterval x
#   ClientAliveCountMax seconds without an answer; the control fails when the
#   interval is 0 (never asked), the count is 0 (never dropped) or their
#   product exceeds the limit, for any connection including those a Match
#   block changes. An ssh:// endpoint cannot show it and is skipped.
# custom:
#   id: SSH-005
#   severity: medium
#   claim: "management interface auto-logout on inactivity"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [ssh.config]
#   parameters:
#     ssh_idle_timeout_seconds:
#       type: integer
#       default: 900
#       description: Longest ClientAliveInterval x ClientAliveCountMax allowed, in seconds.
#   remediation: Set ClientAliveInterval 300 and ClientAliveCountMax 3 (or values whose product is within the limit) in /etc/ssh/sshd_config.d/ and reload sshd.
package vouch.controls.ssh.idle_timeout

import data.vouch.lib.ssh

keywords := {"clientaliveinterval", "clientalivecountmax"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

interval(c) := to_number(c.effective.clientaliveinterval[0])

countmax(c) := to_number(c.effective.clientalivecountmax[0])

facts(c) := {"connection": c.name, "clientaliveinterval": interval(c), "clientalivecountmax": countmax(c)}

deny contains {"msg": msg, "data": facts(c)} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	interval(c) == 0
	msg := sprintf("ClientAliveInterval is 0: idle sessions are never logged out%s", [ssh.where(c)])
}

deny contains {"msg": msg, "data": facts(c)} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	interval(c) > 0
	countmax(c) == 0
	msg := sprintf("ClientAliveCountMax is 0: idle sessions are never logged out%s", [ssh.where(c)])
}

deny contains {"msg": msg, "data": object.union(facts(c), {"limit": input.params.ssh_idle_timeout_seconds})} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	interval(c) > 0
	countmax(c) > 0
	interval(c) * countmax(c) > input.params.ssh_idle_timeout_seconds
	msg := sprintf("idle sessions last %d s (ClientAliveInterval %d x ClientAliveCountMax %d), above the limit of %d s%s", [interval(c) * countmax(c), interval(c), countmax(c), input.params.ssh_idle_timeout_seconds, ssh.where(c)])
}

evidence contains {"msg": msg, "data": facts(c)} if {
	some c in ssh.connections
	c["default"]
	msg := sprintf("idle sessions are dropped after %d s", [interval(c) * countmax(c)])
}
