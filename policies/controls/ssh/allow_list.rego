# METADATA
# title: SSH logins are restricted to an allow list
# description: >-
#   Only administrators can log in. The control fails when neither
#   AllowUsers nor AllowGroups restricts logins, for any connection including
#   those a Match block changes, and, when ssh_allowed_principals is set, for
#   every allowed user or group (the part before any @host) that is not in it.
#   An ssh:// endpoint cannot show it and is skipped.
# custom:
#   id: SSH-012
#   severity: medium
#   claim: "SSH access is only available for Toucan Toco's administrators."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [ssh.config]
#   parameters:
#     ssh_allowed_principals:
#       type: array
#       default: []
#       description: The users and groups AllowUsers and AllowGroups may name (the administrators); empty means any allow list will do.
#   remediation: Add AllowGroups (e.g. a group holding the administrators) or AllowUsers to /etc/ssh/sshd_config.d/ and reload sshd.
package vouch.controls.ssh.allow_list

import data.vouch.lib.ssh

keywords := {"allowusers", "allowgroups"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

restricted(c) if count(object.get(c.effective, "allowusers", [])) > 0

restricted(c) if count(object.get(c.effective, "allowgroups", [])) > 0

deny contains {"msg": msg, "data": {"connection": c.name}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	not restricted(c)
	msg := sprintf("neither AllowUsers nor AllowGroups restricts who can log in%s", [ssh.where(c)])
}

deny contains {"msg": msg, "data": {"connection": c.name, "keyword": kw, "entry": entry, "allowed": input.params.ssh_allowed_principals}} if {
	count(input.params.ssh_allowed_principals) > 0
	some c in ssh.connections
	ssh.judged(c, keywords)
	some kw in keywords
	some entry in object.get(c.effective, kw, [])
	not split(entry, "@")[0] in input.params.ssh_allowed_principals
	msg := sprintf("%s lets in %s, not in ssh_allowed_principals%s", [kw, entry, ssh.where(c)])
}

evidence contains {"msg": "logins are restricted by an allow list", "data": object.filter(ssh.cfg.effective, keywords)} if {
	ssh.cfg.effective
}
