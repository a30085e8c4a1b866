# METADATA
# title: SSH root login is disabled
# description: >-
#   root cannot log in over SSH at all. The control fails unless the
#   effective PermitRootLogin is no for every connection, including those a
#   Match block changes (prohibit-password still lets root in with a key).
#   The configuration decides; an ssh:// endpoint cannot show it and is
#   skipped.
# custom:
#   id: SSH-002
#   severity: high
#   claim: "management interface root access disabled"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [ssh.config]
#   remediation: Set PermitRootLogin no in /etc/ssh/sshd_config.d/ and in every Match block, check with sshd -T -C user=root and reload sshd.
package vouch.controls.ssh.root_login

import data.vouch.lib.ssh

keywords := {"permitrootlogin"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

deny contains {"msg": msg, "data": {"connection": c.name, "permitrootlogin": v}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	v := c.effective.permitrootlogin[0]
	v != "no"
	msg := sprintf("PermitRootLogin is %s%s", [v, ssh.where(c)])
}

evidence contains {"msg": "PermitRootLogin is no for every connection", "data": {"connections": names}} if {
	names := sort([c.name | some c in ssh.connections])
	count(names) > 0
}
