# METADATA
# title: SSH limits authentication attempts per connection
# description: >-
#   Brute force is slowed down by dropping a connection after a few failed
#   attempts. The control fails when the effective MaxAuthTries exceeds the
#   limit for any connection, including those a Match block changes. An
#   ssh:// endpoint cannot show it and is skipped.
# custom:
#   id: SSH-010
#   severity: medium
#   claim: "Firewalls and intrusion prevention systems on servers help detect and block threats such as brute-force password attacks."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 003_7131057a99cca39e.txt
#       section: Network Défense
#   facts: [ssh.config]
#   parameters:
#     ssh_max_auth_tries:
#       type: integer
#       default: 4
#       description: Largest MaxAuthTries allowed.
#   remediation: Set MaxAuthTries 4 (or the limit) in /etc/ssh/sshd_config.d/ and in Match blocks, and reload sshd.
package vouch.controls.ssh.max_auth_tries

import data.vouch.lib.ssh

keywords := {"maxauthtries"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

deny contains {"msg": msg, "data": {"connection": c.name, "maxauthtries": n, "limit": input.params.ssh_max_auth_tries}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	n := to_number(c.effective.maxauthtries[0])
	n > input.params.ssh_max_auth_tries
	msg := sprintf("MaxAuthTries is %d, above the limit of %d%s", [n, input.params.ssh_max_auth_tries, ssh.where(c)])
}

evidence contains {"msg": msg, "data": {"maxauthtries": n}} if {
	n := ssh.cfg.effective.maxauthtries[0]
	msg := sprintf("MaxAuthTries is %s", [n])
}
