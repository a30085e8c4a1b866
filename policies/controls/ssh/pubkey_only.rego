# METADATA
# title: SSH allows public key authentication only
# description: >-
#   Public keys are the only way in. The control fails for every other method
#   the effective configuration enables (password, keyboard-interactive,
#   host-based, GSSAPI, or one AuthenticationMethods requires), for any
#   connection including those a Match block changes, when public key
#   authentication itself is off, and for every other method a live server
#   offers to root or to a user that does not exist ("none" means it let the
#   user in without any). On a dir: target the configuration alone decides; on
#   an ssh:// endpoint the live probe alone decides; on local both.
# custom:
#   id: SSH-003
#   severity: high
#   claim: "Only PubkeyAuthentication is allowed"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [ssh] # ssh.config on machines, ssh.endpoints where a server was probed
#   remediation: >-
#     Set PubkeyAuthentication yes, PasswordAuthentication no,
#     KbdInteractiveAuthentication no, HostbasedAuthentication no,
#     GSSAPIAuthentication no and AuthenticationMethods publickey (or any) in
#     /etc/ssh/sshd_config.d/, remove other methods from Match blocks and reload
#     sshd.
package vouch.controls.ssh.pubkey_only

import data.vouch.lib.ssh

keywords := {
	"pubkeyauthentication", "passwordauthentication", "kbdinteractiveauthentication",
	"hostbasedauthentication", "gssapiauthentication", "authenticationmethods",
}

skip contains msg if some msg in ssh.not_installed

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

error contains msg if some msg in ssh.probe_errors

error contains msg if some msg in ssh.probe_part_errors("auth ")

deny contains {"msg": msg, "data": {"connection": c.name, "method": m, "settings": object.filter(c.effective, keywords)}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	some m, _ in ssh.method_setting
	m != "publickey"
	ssh.usable(c.effective, m)
	msg := sprintf("sshd allows %s authentication%s", [m, ssh.where(c)])
}

deny contains {"msg": msg, "data": {"connection": c.name, "authenticationmethods": c.effective.authenticationmethods[0]}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	some m in ssh.required_methods(c.effective)
	not ssh.method_setting[m]
	msg := sprintf("AuthenticationMethods names %s%s", [m, ssh.where(c)])
}

deny contains {"msg": msg, "data": {"connection": c.name, "settings": object.filter(c.effective, keywords)}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	not ssh.usable(c.effective, "publickey")
	msg := sprintf("public key authentication cannot be used%s", [ssh.where(c)])
}

deny contains {"msg": msg, "data": {"address": ep.address, "user": who, "offered": offered}} if {
	some ep in input.ssh.endpoints
	some who, offered in ep.auth_methods
	some m in offered
	m != "publickey"
	msg := offer_msg(ep.address, m, who)
}

offer_msg(addr, "none", who) := sprintf("%s lets %s in without authentication", [addr, who])

offer_msg(addr, m, who) := sprintf("%s offers %s authentication to %s", [addr, m, who]) if m != "none"

evidence contains {"msg": msg, "data": {"connections": names}} if {
	names := sort([c.name | some c in ssh.connections])
	count(names) > 0
	msg := sprintf("only public key authentication is enabled in the effective configuration (%s)", [concat(", ", names)])
}

evidence contains {"msg": msg, "data": {"address": ep.address, "auth_methods": ep.auth_methods}} if {
	some ep in input.ssh.endpoints
	msg := sprintf("%s offers only publickey", [ep.address])
}
