# METADATA
# title: SSH refuses empty passwords
# description: >-
#   An account without a password cannot log in over SSH. The control fails
#   unless the effective PermitEmptyPasswords is no for every connection,
#   including those a Match block changes. An ssh:// endpoint cannot show it
#   and is skipped.
# custom:
#   id: SSH-011
#   severity: high
#   claim: "We deactivate the use of system passwords on management interfaces."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [ssh.config]
#   remediation: Set PermitEmptyPasswords no in /etc/ssh/sshd_config.d/ and in Match blocks, and reload sshd.
package vouch.controls.ssh.empty_passwords

import data.vouch.lib.ssh

keywords := {"permitemptypasswords"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

deny contains {"msg": msg, "data": {"connection": c.name, "permitemptypasswords": v}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	v := c.effective.permitemptypasswords[0]
	v != "no"
	msg := sprintf("PermitEmptyPasswords is %s%s", [v, ssh.where(c)])
}

evidence contains {"msg": "PermitEmptyPasswords is no for every connection", "data": {"connections": names}} if {
	names := sort([c.name | some c in ssh.connections])
	count(names) > 0
}
