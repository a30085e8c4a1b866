# METADATA
# title: SSH password and keyboard-interactive authentication are disabled
# description: >-
#   Nobody can log in to sshd with a password. The control fails when the
#   effective configuration lets password or keyboard-interactive
#   authentication be used, for any connection including those a Match block
#   changes, or when a live server offers either method to root or to a user
#   that does not exist. On a dir: target the configuration alone decides; on an
#   ssh:// endpoint the live probe alone decides; on local both.
# custom:
#   id: SSH-001
#   severity: high
#   claim: "management interface password access disabled"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [ssh] # ssh.config on machines, ssh.endpoints where a server was probed
#   remediation: >-
#     Set PasswordAuthentication no and KbdInteractiveAuthentication no in
#     /etc/ssh/sshd_config.d/ (the first value wins, so a drop-in read first
#     overrides the main file), remove them from Match blocks, check with
#     sshd -T and reload sshd.
package vouch.controls.ssh.password_auth

import data.vouch.lib.ssh

methods := {"password", "keyboard-interactive"}

keywords := {"passwordauthentication", "kbdinteractiveauthentication", "authenticationmethods"}

skip contains msg if some msg in ssh.not_installed

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

error contains msg if some msg in ssh.probe_errors

error contains msg if some msg in ssh.probe_part_errors("auth ")

deny contains {"msg": msg, "data": {"connection": c.name, "method": m, "settings": object.filter(c.effective, keywords)}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	some m in methods
	ssh.usable(c.effective, m)
	msg := sprintf("sshd allows %s authentication%s", [m, ssh.where(c)])
}

deny contains {"msg": msg, "data": {"address": ep.address, "user": who, "offered": offered}} if {
	some ep in input.ssh.endpoints
	some who, offered in ep.auth_methods
	some m in offered
	m in methods
	msg := sprintf("%s offers %s authentication to %s", [ep.address, m, who])
}

evidence contains {"msg": msg, "data": {"connections": names}} if {
	names := sort([c.name | some c in ssh.connections])
	count(names) > 0
	msg := sprintf("password and keyboard-interactive authentication are off in the effective configuration (%s)", [concat(", ", names)])
}

evidence contains {"msg": msg, "data": {"address": ep.address, "auth_methods": ep.auth_methods}} if {
	some ep in input.ssh.endpoints
	msg := sprintf("%s offers neither password nor keyboard-interactive authentication", [ep.address])
}
